#include "util/gemm_peak.h"

#include <algorithm>
#include <chrono>

#include <torch/cuda.h>
#include <torch/torch.h>

#include "util/device.h"

namespace kinora {

double measureGemmPeakGflops(const std::string& device, int size, int repeats) {
    const torch::Device where = parseDevice(device);
    const bool cuda = where.is_cuda();
    if (size <= 0) size = cuda ? 4096 : 1024;
    c10::InferenceMode guard;
    const auto options = torch::TensorOptions().device(where);
    auto a = torch::randn({size, size}, options);
    auto b = torch::randn({size, size}, options);
    auto c = torch::mm(a, b);  // warm up
    auto sync = [&] {
        if (cuda) torch::cuda::synchronize();
    };
    sync();
    double best = 0.0;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        torch::mm_out(c, a, b);
        sync();
        const double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::max(best, 2.0 * size * size * static_cast<double>(size) / s / 1e9);
    }
    return best;
}

}  // namespace kinora
