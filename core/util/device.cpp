#include "util/device.h"

#include <torch/cuda.h>

#include "util/error.h"

namespace kinora {

torch::Device parseDevice(const std::string& name) {
    if (name == "cpu") return torch::Device(torch::kCPU);
    if (name != "cuda") throw Error("unknown device '" + name + "' (cpu or cuda)");
    if (!torch::cuda::is_available())
        throw Error("--device cuda: no CUDA device is available in this build");
    return torch::Device(torch::kCUDA);
}

}  // namespace kinora
