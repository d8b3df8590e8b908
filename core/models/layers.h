#pragma once

#include <torch/torch.h>

namespace kinora {

/// @brief Multi-head attention core: q [B,H,N,d], k/v [B,H,L,d], optional additive
/// mask broadcastable to [B,H,N,L]. Uses the fused kernel on LibTorch >= 2 (flash
/// kernels on CUDA) and a hand-written path on LibTorch 1.13.
torch::Tensor attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                        const torch::Tensor& additiveMask = {});

/// @brief Additive mask [B,1,1,L] from a key padding mask [B,L] (true = real token).
torch::Tensor keyPaddingMask(const torch::Tensor& valid);

/// @brief RMS normalisation over the last dimension with a learned gain.
class RMSNormImpl : public torch::nn::Module {
public:
    explicit RMSNormImpl(int64_t dim, double eps = 1e-6);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::Tensor m_weight;
    double m_eps;
};
TORCH_MODULE(RMSNorm);

/// @brief Cosine/sine tables of a 3D rotary embedding over a (T,H,W) token grid.
/// The head dimension is split across axes: h and w get 2*(d/6) each, t the rest.
struct Rope3D {
    torch::Tensor cos;  ///< [N, d/2]
    torch::Tensor sin;  ///< [N, d/2]
};
Rope3D makeRope3D(int64_t gridT, int64_t gridH, int64_t gridW, int64_t headDim, double theta,
                  const torch::Device& device);
/// @brief Rotates x [B,H,N,d] by the tables (pairs of adjacent features).
torch::Tensor applyRope(const torch::Tensor& x, const Rope3D& rope);

/// @brief Pre-norm transformer layer with self-attention (used by the text encoder).
class TransformerLayerImpl : public torch::nn::Module {
public:
    TransformerLayerImpl(int64_t dim, int64_t heads, int64_t mlpRatio);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask);

private:
    int64_t m_heads;
    torch::nn::LayerNorm m_norm1{nullptr}, m_norm2{nullptr};
    torch::nn::Linear m_qkv{nullptr}, m_out{nullptr}, m_fc1{nullptr}, m_fc2{nullptr};
};
TORCH_MODULE(TransformerLayer);

/// @brief Splits [B,N,H*d] into heads [B,H,N,d].
torch::Tensor splitHeads(const torch::Tensor& x, int64_t heads);
/// @brief Merges heads [B,H,N,d] into [B,N,H*d].
torch::Tensor mergeHeads(const torch::Tensor& x);

}  // namespace kinora
