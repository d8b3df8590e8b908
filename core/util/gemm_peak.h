#pragma once

namespace kinora {

/// @brief Measures this machine's float32 GEMM throughput (best of several 1024^3
/// products through the same BLAS and thread layout the model uses), in GFLOP/s.
double measureGemmPeakGflops(int size = 1024, int repeats = 10);

}  // namespace kinora
