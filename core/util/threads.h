#pragma once

#include <string>

namespace kinora {

/// @brief How many cores inference and training may use. How they are split between
/// torch's intra-op pool and the BLAS is decided by applyThreadLayout() from the BLAS in
/// use, because the right split depends on it (compare with `kinora-cli bench` when the
/// BLAS or the machine changes):
/// - OpenBLAS built on OpenMP (libopenblas0-openmp) shares torch's OpenMP pool: torch
///   threads = BLAS threads = cores, so layer norms, GELU, RoPE and the autoencoder's
///   convolutions run on every core too, not only the matrix products.
/// - OpenBLAS on pthreads (libopenblas0-pthread) keeps its own spinning threads: OpenMP
///   threads beside them oversubscribe the cores (several times slower), so torch gets
///   one thread and OpenBLAS the cores.
/// - Any other BLAS: torch threads = cores.
struct ThreadLayout {
    int threads = 0;  ///< cores to use; 0: OMP_NUM_THREADS if set, else every core we may use
};

/// @brief What applyThreadLayout() chose.
struct AppliedThreads {
    std::string blas;  ///< "openblas-openmp", "openblas-pthread", "openblas-sequential", "other"
    int torchThreads = 1;
    int blasThreads = 0;  ///< 0: not settable (not OpenBLAS)
};

/// @brief Applies the layout (and keepFreedMemoryForReuse()). Call once, before the first tensor
/// op, from the thread that will run inference or training.
AppliedThreads applyThreadLayout(const ThreadLayout& layout = {});

/// @brief Hardware cores available to this process.
int hardwareThreads();

}  // namespace kinora
