#include "train/discriminator.h"

#include <cmath>

#include "util/error.h"

namespace kinora::train {

namespace nn = torch::nn;

FrameDiscriminatorImpl::FrameDiscriminatorImpl(int64_t textDim, int64_t width)
    : m_features(2 * width) {
    if (textDim < 1 || width < 1) throw Error("FrameDiscriminator: widths must be positive");
    m_conv1 =
        register_module("conv1", nn::Conv2d(nn::Conv2dOptions(3, width, 4).stride(2).padding(1)));
    m_conv2 = register_module(
        "conv2", nn::Conv2d(nn::Conv2dOptions(width, m_features, 4).stride(2).padding(1)));
    m_conv3 = register_module("conv3",
                              nn::Conv2d(nn::Conv2dOptions(m_features, m_features, 3).padding(1)));
    m_score = register_module("score", nn::Conv2d(nn::Conv2dOptions(m_features, 1, 1)));
    m_query = register_module("query", nn::Linear(m_features, m_features));
    m_key = register_module("key", nn::Linear(textDim, m_features));
    m_value = register_module("value", nn::Linear(textDim, m_features));
    m_emptyKey = register_parameter("empty_key", torch::randn({1, 1, m_features}) * 0.02);
    m_emptyValue = register_parameter("empty_value", torch::randn({1, 1, m_features}) * 0.02);
}

torch::Tensor FrameDiscriminatorImpl::forward(const torch::Tensor& frames,
                                              const torch::Tensor& text,
                                              const torch::Tensor& valid) {
    if (frames.dim() != 4 || frames.size(1) != 3)
        throw Error("FrameDiscriminator: frames must be [N, 3, H, W]");
    const int64_t n = frames.size(0);
    auto h = torch::leaky_relu(m_conv1(frames), 0.2);
    h = torch::leaky_relu(m_conv2(h), 0.2);
    h = torch::leaky_relu(m_conv3(h), 0.2);  // [N, F, h, w]
    const int64_t hh = h.size(2), ww = h.size(3);
    auto plain = m_score(h).squeeze(1);                 // [N, h, w]
    auto tokens = h.flatten(2).transpose(1, 2);         // [N, hw, F]
    auto keys = m_emptyKey.expand({n, 1, m_features});  // [N, 1 + L, F]
    auto values = m_emptyValue.expand({n, 1, m_features});
    auto mask = torch::ones({n, 1}, torch::TensorOptions().dtype(torch::kBool).device(h.device()));
    if (text.defined() && text.size(1) > 0) {
        if (text.size(0) != n || !valid.defined() || valid.size(0) != n ||
            valid.size(1) != text.size(1))
            throw Error("FrameDiscriminator: one caption (and its valid mask) per frame");
        keys = torch::cat({keys, m_key(text)}, 1);
        values = torch::cat({values, m_value(text)}, 1);
        mask = torch::cat({mask, valid.to(torch::kBool)}, 1);
    }
    auto q = m_query(tokens);
    auto scores =
        torch::matmul(q, keys.transpose(1, 2)) / std::sqrt(static_cast<double>(m_features));
    scores = scores.masked_fill(mask.unsqueeze(1).logical_not(), -1e9);
    auto read = torch::matmul(torch::softmax(scores, -1), values);  // [N, hw, F]
    auto agree = (read * tokens).sum(-1) / std::sqrt(static_cast<double>(m_features));
    return plain + agree.view({n, hh, ww});
}

torch::Tensor discriminatorHingeLoss(const torch::Tensor& realLogits,
                                     const torch::Tensor& fakeLogits) {
    return torch::relu(1.0 - realLogits).mean() + torch::relu(1.0 + fakeLogits).mean();
}

torch::Tensor generatorHingeLoss(const torch::Tensor& fakeLogits) {
    return -fakeLogits.mean();
}

}  // namespace kinora::train
