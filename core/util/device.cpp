#include "util/device.h"

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

}  // namespace kinora
