#pragma once

#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

namespace kinora::train {

/// @brief Whether this build has data-parallel training (LibTorch's c10d with Gloo).
bool distributedAvailable();

/// @brief Data-parallel gradient averaging across `worldSize` ranks through LibTorch's
/// c10d ProcessGroupGloo, rendezvous through a FileStore at `storePath` (every rank
/// passes the same path). Gradients of all parameters travel as one flat buffer per
/// step; CUDA tensors are staged through host memory (NCCL is not wired up yet).
class GradientSync {
public:
    GradientSync(int rank, int worldSize, const std::string& storePath);
    ~GradientSync();
    GradientSync(const GradientSync&) = delete;
    GradientSync& operator=(const GradientSync&) = delete;

    /// @brief Replaces every parameter's gradient by its mean over the ranks.
    void averageGradients(const std::vector<torch::Tensor>& params);
    /// @brief True on every rank when any rank asks to stop (keeps ranks in step).
    bool anyStop(bool stopHere);

    int rank() const { return m_rank; }
    int worldSize() const { return m_worldSize; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    int m_rank;
    int m_worldSize;
};

}  // namespace kinora::train
