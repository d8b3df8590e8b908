#pragma once

#include <chrono>
#include <cstdint>
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
    /// Cores to use; 0 (auto): OMP_NUM_THREADS if set, else the cores the other processes
    /// leave free (freeCores()), measured again before each generation (adaptThreads()).
    int threads = 0;
};

/// @brief What applyThreadLayout() chose.
struct AppliedThreads {
    std::string blas;  ///< "openblas-openmp", "openblas-pthread", "openblas-sequential", "other"
    int torchThreads = 1;
    int blasThreads = 0;    ///< 0: not settable (not OpenBLAS)
    int cores = 1;          ///< cores the layout uses
    bool adaptive = false;  ///< auto: follows the free cores (adaptThreads())
};

/// @brief Applies the layout (and keepFreedMemoryForReuse()). Call once, before the first tensor
/// op, from the thread that will run inference or training.
AppliedThreads applyThreadLayout(const ThreadLayout& layout = {});

/// @brief Hardware cores available to this process.
int hardwareThreads();

/// @brief The cores of hardwareThreads() that other processes leave free now: what the
/// machine spent over `windowMs` (/proc/stat) less this process's own share
/// (/proc/self/stat), a core counted busy from half its time. At least 1; every core
/// where the counters cannot be read. A desktop app always shares its cores: threads
/// beyond the free ones only wait on each other (measured with `kinora-cli bench --load`).
int freeCores(int windowMs = 100);

/// @brief With an adaptive layout, sets the thread counts for the cores free now
/// (freeCores()); returns the layout in use. Unchanged for a fixed one.
AppliedThreads adaptThreads(const AppliedThreads& current);
/// @brief With an adaptive layout, sets the thread counts for `cores` (clamped to
/// 1..hardwareThreads()); unchanged for a fixed one or when it already uses that many.
AppliedThreads adaptThreads(const AppliedThreads& current, int cores);

/// @brief The cores other processes leave free, measured while this process works: each
/// reading covers the time since the previous one (the counters of freeCores(), without its
/// pause), so a generation can follow a build that starts or stops between its steps.
class FreeCoreWatch {
public:
    FreeCoreWatch();  ///< the first reading's window starts now
    /// @brief The free cores since the last reading, once at least `minMs` have passed
    /// (shorter windows hold too few clock ticks to tell); -1 before that, or where the
    /// counters cannot be read.
    int poll(int minMs = 250);

private:
    bool m_valid = false;
    uint64_t m_busy = 0, m_total = 0, m_own = 0;
    std::chrono::steady_clock::time_point m_start;
};

}  // namespace kinora
