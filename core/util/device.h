#pragma once

#include <string>

#include <torch/torch.h>

namespace kinora {

/// @brief The device a `--device` name stands for: "cpu", or "cuda" where this build and
/// machine have one. Throws Error naming the option otherwise.
torch::Device parseDevice(const std::string& name);

/// @brief Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX-BF16 in
/// /proc/cpuinfo's flags): there a bfloat16 matrix product runs about twice as fast as a
/// float32 one; elsewhere it is emulated and slower.
bool cpuHasNativeBf16();

}  // namespace kinora
