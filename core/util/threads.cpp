#include "util/threads.h"

#include <dlfcn.h>
#include <sched.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include <torch/torch.h>

#include "util/memory.h"

namespace kinora {

int hardwareThreads() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        const int n = CPU_COUNT(&set);
        if (n > 0) return n;
    }
    const unsigned n = std::thread::hardware_concurrency();
    return n > 0 ? static_cast<int>(n) : 1;
}

AppliedThreads applyThreadLayout(const ThreadLayout& layout) {
    keepFreedMemoryForReuse();  // the other half of setting a process up for tensor work
    // Unset, OMP_NUM_THREADS (the usual way to share a machine, as ctest -j does) wins
    // over the core count.
    int cores = layout.threads > 0 ? layout.threads : hardwareThreads();
    if (layout.threads <= 0)
        if (const char* env = std::getenv("OMP_NUM_THREADS"); env != nullptr && std::atoi(env) > 0)
            cores = std::min(cores, std::atoi(env));
    // Debian's libtorch links the generic libblas.so.3; the alternatives system makes it
    // OpenBLAS when installed. Its functions are found at run time, not link time.
    using SetThreads = void (*)(int);
    using GetParallel = int (*)();
    auto* setter = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    auto* parallel = reinterpret_cast<GetParallel>(dlsym(RTLD_DEFAULT, "openblas_get_parallel"));
    AppliedThreads applied;
    // 0 sequential, 1 pthreads, 2 OpenMP; an OpenBLAS too old to say is taken as pthreads.
    const int mode = setter == nullptr ? -1 : parallel != nullptr ? parallel() : 1;
    switch (mode) {
        case 0:
            applied = {"openblas-sequential", cores, 1};
            break;
        case 1:
            applied = {"openblas-pthread", 1, cores};
            break;
        case 2:
            applied = {"openblas-openmp", cores, cores};
            break;
        default:
            applied = {"other", cores, 0};
            break;
    }
    torch::set_num_threads(std::max(1, applied.torchThreads));
    if (mode == 1 || mode == 2) setter(applied.blasThreads);
    return applied;
}

}  // namespace kinora
