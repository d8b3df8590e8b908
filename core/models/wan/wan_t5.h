#pragma once

#include <memory>
#include <vector>

#include <torch/torch.h>

#include "models/wan/wan_weights.h"

namespace kinora::wan {

/// @brief Sizes of a umT5 encoder, read off its weights.
struct T5Config {
    int64_t vocab = 256384, dim = 4096, dimAttn = 4096, dimFfn = 10240;
    int64_t numHeads = 64, numLayers = 24, numBuckets = 32;
    int64_t maxDistance = 128;
    bool sharedPos = false;  ///< one position-bias table for all blocks (T5), or one each (umT5)
    double eps = 1e-6;
    static T5Config fromWeights(const WanWeights& w);
    int64_t parameters() const;
};

/// @brief The umT5 text encoder of Wan (official `T5Encoder`): token embedding, blocks of
/// RMS-normed self-attention (no 1/sqrt(d) scaling; a learned relative-position bias per
/// block, bidirectional buckets) and gated-GELU feed-forward, a final RMS norm.
///
/// `Residency::Streamed` keeps no weights: every forward reads each block from the
/// memory-mapped files, widens it, runs it and drops it, so the 5.7-billion-parameter
/// encoder never needs more than one block in memory (the page cache holds the rest and
/// the OS may evict it when the denoiser needs the room).
class UMT5Encoder {
public:
    enum class Residency { Resident, Streamed };
    UMT5Encoder(std::shared_ptr<WanWeights> weights, Residency residency = Residency::Resident);
    const T5Config& config() const { return m_config; }

    /// @brief Hidden states [B, L, dim] (float32) of token ids [B, L] with mask [B, L]
    /// (1 on real tokens, the closing </s> included). `trace` receives the fixtures'
    /// intermediates.
    torch::Tensor forward(const torch::Tensor& ids, const torch::Tensor& mask,
                          Trace* trace = nullptr) const;
    /// @brief Each prompt's states cut to its own token count (the mask's sum), as the
    /// reference passes them on.
    std::vector<torch::Tensor> encode(const torch::Tensor& ids, const torch::Tensor& mask) const;

    /// @brief Runs on `device`: a resident encoder's weights move there; a streamed one's
    /// stay mapped and each block goes over to the device as it runs (its token table is
    /// read where it is mapped, only the prompts' rows move).
    void to(const torch::Device& device);

    /// @brief The relative-position bucket of key j seen from query i (j - i).
    static int64_t bucket(int64_t relative, int64_t numBuckets, int64_t maxDistance);

private:
    struct Block {
        torch::Tensor norm1, norm2, q, k, v, o, posBias, gate, fc1, fc2;
    };
    Block block(int64_t i) const;
    torch::Tensor positionBias(const torch::Tensor& table, int64_t length) const;
    torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& w) const;

    std::shared_ptr<WanWeights> m_weights;
    T5Config m_config;
    Residency m_residency;
    torch::Device m_device = torch::kCPU;
    torch::Tensor m_embedding, m_finalNorm, m_sharedBias;
    std::vector<Block> m_blocks;  // Resident only
};

}  // namespace kinora::wan
