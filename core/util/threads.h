#pragma once

namespace kinora {

/// @brief Thread layout used for inference and training.
///
/// Measured on the 2-core machine (LibTorch 1.13 + OpenBLAS pthread): torch intra-op
/// threads = 1 and OpenBLAS threads = cores gives a 1024^2 GEMM 185 GFLOP/s, while two
/// OpenMP threads next to two OpenBLAS threads oversubscribe the cores. So GEMMs run
/// multithreaded inside OpenBLAS and every other op runs on one torch thread.
struct ThreadLayout {
    int torchThreads = 1;
    int blasThreads = 0;  ///< 0: one per hardware core.
};

/// @brief Applies the layout (torch intra-op threads, OpenBLAS threads when the BLAS
/// in use is OpenBLAS). Call once, before the first tensor op, from the thread that
/// will run inference. Returns the number of BLAS threads actually set (0 if unknown).
int applyThreadLayout(const ThreadLayout& layout = {});

/// @brief Hardware cores available to this process.
int hardwareThreads();

}  // namespace kinora
