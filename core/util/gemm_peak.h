#pragma once

#include <string>

namespace kinora {

/// @brief Measures float32 GEMM throughput in GFLOP/s (best of several products) on
/// `device` ("cpu": 1024^3 through the same BLAS and thread layout the model uses; "cuda":
/// 4096^3 on the GPU, synchronised, at the precision the engine runs there).
/// @param size 0: the device's default size
double measureGemmPeakGflops(const std::string& device = "cpu", int size = 0, int repeats = 10);

}  // namespace kinora
