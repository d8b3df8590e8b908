// Experiment (issue 35): peak resident memory of the Wan 2.1 VAE decoder alone, on random
// latents of a given size, with the weights of a file written by init-model.
//   vae_peak VAE.safetensors T h w [tile]
// Built against a Release build tree (build/ci) from the repository root:
//   c++ -O2 -I core -isystem /usr/include/torch/csrc/api/include -D_GLIBCXX_USE_CXX11_ABI=1 \
//     -std=c++17 experiments/wan/vae_peak.cpp -o vae_peak build/ci/core/libkinora_engine.a \
//     build/ci/core/libkinora_base.a -ltorch -ltorch_cpu -lc10 -lpthread
// The allocator's settings come from the environment (MALLOC_MMAP_THRESHOLD_, ...), as this
// program does not apply Kinora's.
#include <cstdio>
#include <fstream>
#include <string>

#include <torch/torch.h>

#include "models/wan/wan_vae.h"
#include "weights/safetensors.h"

static double kb(const char* key) {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind(key, 0) == 0)
            return std::stod(line.substr(std::string(key).size())) / 1024.0;
    return 0;
}

int main(int argc, char** argv) {
    using namespace kinora::wan;
    torch::NoGradGuard ng;
    std::shared_ptr<kinora::TensorFile> file(kinora::openTensorFile(argv[1]));
    WanWeights w({file}, vaeName, "VAE");
    WanVAE vae(w);
    const int64_t T = std::stoll(argv[2]), h = std::stoll(argv[3]), ww = std::stoll(argv[4]);
    const int64_t tile = argc > 5 ? std::stoll(argv[5]) : 0;
    std::printf("after load: rss %.0f MB hwm %.0f MB\n", kb("VmRSS:"), kb("VmHWM:"));
    { std::ofstream("/proc/self/clear_refs") << "5"; }
    const auto z = torch::randn({16, T, h, ww});
    const auto t0 = std::chrono::steady_clock::now();
    const auto v = tile > 0 ? vae.decodeTiled(z, tile) : vae.decode(z);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("decode %s: %.1f s, rss %.0f MB, peak %.0f MB\n",
                kinora::shapeString(v.sizes()).c_str(), s, kb("VmRSS:"), kb("VmHWM:"));
}
