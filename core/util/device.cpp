#include "util/device.h"

#include <fstream>
#include <sstream>
#include <string>

#include <torch/cuda.h>

#include "util/error.h"

namespace kinora {

torch::Device parseDevice(const std::string& name) {
    if (name == "cpu") return torch::Device(torch::kCPU);
    if (name != "cuda") throw Error("unknown device '" + name + "' (cpu or cuda)");
    if (!torch::cuda::is_available())
        throw Error(
            "the CUDA device was chosen, but this build or machine has no CUDA device (use the "
            "CPU)");
    return torch::Device(torch::kCUDA);
}

bool cpuHasNativeBf16() {
    static const bool native = [] {
        std::ifstream in("/proc/cpuinfo");
        for (std::string line; std::getline(in, line);) {
            if (line.rfind("flags", 0) != 0) continue;
            std::istringstream words(line);
            for (std::string w; words >> w;)
                if (w == "avx512_bf16" || w == "amx_bf16") return true;
            return false;  // the first CPU's flags speak for all
        }
        return false;
    }();
    return native;
}

}  // namespace kinora
