#include "train/distributed.h"

#include "util/error.h"

#ifdef KINORA_HAVE_GLOO
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif

namespace kinora::train {

#ifdef KINORA_HAVE_GLOO

bool distributedAvailable() {
    return true;
}

struct GradientSync::Impl {
    c10::intrusive_ptr<::c10d::ProcessGroupGloo> group;

    void allreduce(torch::Tensor& t) {
        std::vector<at::Tensor> tensors{t};
        group->allreduce(tensors)->wait();
    }
};

GradientSync::GradientSync(int rank, int worldSize, const std::string& storePath)
    : m_impl(std::make_unique<Impl>()), m_rank(rank), m_worldSize(worldSize) {
    if (worldSize < 1 || rank < 0 || rank >= worldSize)
        throw Error("distributed training: rank " + std::to_string(rank) +
                    " is outside world size " + std::to_string(worldSize));
    try {
        auto store = c10::make_intrusive<::c10d::FileStore>(storePath, worldSize);
        auto options = ::c10d::ProcessGroupGloo::Options::create(std::chrono::minutes(10));
        options->devices.push_back(::c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        m_impl->group =
            c10::make_intrusive<::c10d::ProcessGroupGloo>(store, rank, worldSize, options);
    } catch (const std::exception& e) {
        std::string what = e.what();
        throw Error("distributed training: cannot join the group at " + storePath + ": " +
                    what.substr(0, what.find('\n')));
    }
}

GradientSync::~GradientSync() = default;

void GradientSync::averageGradients(const std::vector<torch::Tensor>& params) {
    std::vector<torch::Tensor> grads;
    for (const auto& p : params)
        grads.push_back(p.grad().defined() ? p.grad().reshape({-1})
                                           : torch::zeros({p.numel()}, p.options()));
    auto flat = torch::cat(grads).to(torch::kCPU).contiguous();
    m_impl->allreduce(flat);
    flat.div_(m_worldSize);
    int64_t offset = 0;
    for (const auto& p : params) {
        auto slice = flat.narrow(0, offset, p.numel()).view(p.sizes()).to(p.device());
        if (p.grad().defined())
            p.mutable_grad().copy_(slice);
        else
            p.mutable_grad() = slice.clone();
        offset += p.numel();
    }
}

bool GradientSync::anyStop(bool stopHere) {
    auto flag = torch::full({1}, stopHere ? 1.0f : 0.0f);
    m_impl->allreduce(flag);
    return flag.item<float>() > 0.0f;
}

#else

bool distributedAvailable() {
    return false;
}
struct GradientSync::Impl {};
GradientSync::GradientSync(int, int, const std::string&) : m_rank(0), m_worldSize(1) {
    throw Error(
        "this build has no data-parallel training (LibTorch c10d with Gloo; install libgloo-dev)");
}
GradientSync::~GradientSync() = default;
void GradientSync::averageGradients(const std::vector<torch::Tensor>&) {}
bool GradientSync::anyStop(bool stopHere) {
    return stopHere;
}

#endif

}  // namespace kinora::train
