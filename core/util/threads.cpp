#include "util/threads.h"

#include <dlfcn.h>
#include <sched.h>

#include <thread>

#include <torch/torch.h>

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

int applyThreadLayout(const ThreadLayout& layout) {
    torch::set_num_threads(std::max(1, layout.torchThreads));
    const int blas = layout.blasThreads > 0 ? layout.blasThreads : hardwareThreads();
    // Debian's libtorch links the generic libblas.so.3; the alternatives system makes it
    // OpenBLAS when installed. Its thread setter is found at run time, not link time.
    using SetThreads = void (*)(int);
    auto* setter = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (setter == nullptr) return 0;
    setter(blas);
    return blas;
}

}  // namespace kinora
