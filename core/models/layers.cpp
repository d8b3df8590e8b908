#include "models/layers.h"

#include <cmath>

#include <torch/version.h>

#ifndef TORCH_VERSION_MAJOR
#error "LibTorch does not define TORCH_VERSION_MAJOR; the attention path cannot be chosen"
#endif

namespace kinora {

torch::Tensor attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                        const torch::Tensor& additiveMask) {
#if defined(TORCH_VERSION_MAJOR) && TORCH_VERSION_MAJOR >= 2
    return at::scaled_dot_product_attention(
        q, k, v, additiveMask.defined() ? c10::optional<at::Tensor>(additiveMask) : c10::nullopt);
#else
    const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
    auto scores = torch::matmul(q * scale, k.transpose(-2, -1));
    if (additiveMask.defined()) scores.add_(additiveMask);
    return torch::matmul(torch::softmax(scores, -1), v);
#endif
}

torch::Tensor keyPaddingMask(const torch::Tensor& valid) {
    auto mask = torch::zeros(valid.sizes(),
                             torch::TensorOptions().dtype(torch::kFloat).device(valid.device()));
    mask.masked_fill_(valid.logical_not(), -1e9);  // finite: a fully masked row stays finite
    return mask.unsqueeze(1).unsqueeze(1);
}

RMSNormImpl::RMSNormImpl(int64_t dim, double eps) : m_eps(eps) {
    m_weight = register_parameter("weight", torch::ones({dim}));
}

torch::Tensor RMSNormImpl::forward(const torch::Tensor& x) {
    return x * torch::rsqrt(x.pow(2).mean(-1, true) + m_eps) * m_weight;
}

Rope3D makeRope3D(int64_t gridT, int64_t gridH, int64_t gridW, int64_t headDim, double theta,
                  const torch::Device& device) {
    const int64_t dh = 2 * (headDim / 6);
    const int64_t dw = dh;
    const int64_t dt = headDim - dh - dw;
    auto opts = torch::TensorOptions().dtype(torch::kDouble);
    auto axisAngles = [&](int64_t length, int64_t dim) {
        auto freqs = torch::pow(theta, -torch::arange(0, dim, 2, opts) / static_cast<double>(dim));
        return torch::outer(torch::arange(length, opts), freqs);  // [length, dim/2]
    };
    auto at = axisAngles(gridT, dt).view({gridT, 1, 1, -1}).expand({gridT, gridH, gridW, dt / 2});
    auto ah = axisAngles(gridH, dh).view({1, gridH, 1, -1}).expand({gridT, gridH, gridW, dh / 2});
    auto aw = axisAngles(gridW, dw).view({1, 1, gridW, -1}).expand({gridT, gridH, gridW, dw / 2});
    auto angles = torch::cat({at, ah, aw}, -1).reshape({gridT * gridH * gridW, headDim / 2});
    return {torch::cos(angles).to(torch::kFloat).to(device),
            torch::sin(angles).to(torch::kFloat).to(device)};
}

torch::Tensor applyRope(const torch::Tensor& x, const Rope3D& rope) {
    auto shape = x.sizes().vec();
    auto pairs = x.reshape({shape[0], shape[1], shape[2], shape[3] / 2, 2});
    auto x0 = pairs.select(-1, 0);
    auto x1 = pairs.select(-1, 1);
    auto r0 = x0 * rope.cos - x1 * rope.sin;
    auto r1 = x0 * rope.sin + x1 * rope.cos;
    return torch::stack({r0, r1}, -1).reshape(shape);
}

torch::Tensor splitHeads(const torch::Tensor& x, int64_t heads) {
    const auto b = x.size(0), n = x.size(1), d = x.size(2) / heads;
    return x.view({b, n, heads, d}).transpose(1, 2);
}

torch::Tensor mergeHeads(const torch::Tensor& x) {
    const auto b = x.size(0), h = x.size(1), n = x.size(2), d = x.size(3);
    return x.transpose(1, 2).reshape({b, n, h * d});
}

TransformerLayerImpl::TransformerLayerImpl(int64_t dim, int64_t heads, int64_t mlpRatio)
    : m_heads(heads) {
    m_norm1 = register_module("norm1", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    m_qkv = register_module("qkv", torch::nn::Linear(dim, 3 * dim));
    m_out = register_module("out", torch::nn::Linear(dim, dim));
    m_norm2 = register_module("norm2", torch::nn::LayerNorm(torch::nn::LayerNormOptions({dim})));
    m_fc1 = register_module("fc1", torch::nn::Linear(dim, dim * mlpRatio));
    m_fc2 = register_module("fc2", torch::nn::Linear(dim * mlpRatio, dim));
}

torch::Tensor TransformerLayerImpl::forward(const torch::Tensor& x, const torch::Tensor& mask) {
    auto qkv = m_qkv->forward(m_norm1->forward(x)).chunk(3, -1);
    auto a = attention(splitHeads(qkv[0], m_heads), splitHeads(qkv[1], m_heads),
                       splitHeads(qkv[2], m_heads), mask);
    auto h = x + m_out->forward(mergeHeads(a));
    return h + m_fc2->forward(torch::gelu(m_fc1->forward(m_norm2->forward(h))));
}

}  // namespace kinora
