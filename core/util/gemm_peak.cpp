#include "util/gemm_peak.h"

#include <algorithm>
#include <chrono>

#include <torch/torch.h>

namespace kinora {

double measureGemmPeakGflops(int size, int repeats) {
    c10::InferenceMode guard;
    auto a = torch::randn({size, size});
    auto b = torch::randn({size, size});
    auto c = torch::mm(a, b);  // warm up
    double best = 0.0;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        torch::mm_out(c, a, b);
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::max(best, 2.0 * size * size * static_cast<double>(size) / s / 1e9);
    }
    return best;
}

}  // namespace kinora
