#pragma once

#include <string>

#include <torch/torch.h>

namespace kinora {

/// @brief The device a `--device` name stands for: "cpu", or "cuda" where this build and
/// machine have one. Throws Error naming the option otherwise.
torch::Device parseDevice(const std::string& name);

}  // namespace kinora
