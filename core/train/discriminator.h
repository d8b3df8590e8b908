#pragma once

#include <torch/torch.h>

namespace kinora::train {

/// @brief A patch discriminator for the decoder's adversarial term that reads the caption.
///
/// Per frame: three convolutions (to a quarter of the frame's resolution, each position
/// seeing an 18-pixel square), then a logit per position: a plain score of the position's
/// features plus their agreement with what the position reads from the caption (one
/// cross-attention from the position to the text encoder's states, with a learned empty
/// token so that a frame without a caption reads something; a projection discriminator,
/// localised so that a caption naming two characters can judge each where it stands).
/// Used only in training; never part of an exported model.
class FrameDiscriminatorImpl : public torch::nn::Module {
public:
    /// @param textDim width of the text encoder's states
    /// @param width channels of the first convolution (the others have twice as many)
    FrameDiscriminatorImpl(int64_t textDim, int64_t width = 32);

    /// @param frames [N, 3, H, W] in [-1, 1] (H and W multiples of 4)
    /// @param text [N, L, textDim] or undefined (reads only the empty token)
    /// @param valid [N, L] bool, which text states are real tokens
    /// @return logits [N, H/4, W/4]: above 0 reads as a real frame with this caption
    torch::Tensor forward(const torch::Tensor& frames, const torch::Tensor& text,
                          const torch::Tensor& valid);

private:
    int64_t m_features;
    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr}, m_conv3{nullptr}, m_score{nullptr};
    torch::nn::Linear m_query{nullptr}, m_key{nullptr}, m_value{nullptr};
    torch::Tensor m_emptyKey, m_emptyValue;
};
TORCH_MODULE(FrameDiscriminator);

/// @brief Hinge losses: the discriminator's (real above +1, fake below -1) and the
/// generator's (the fake's logits raised).
torch::Tensor discriminatorHingeLoss(const torch::Tensor& realLogits,
                                     const torch::Tensor& fakeLogits);
torch::Tensor generatorHingeLoss(const torch::Tensor& fakeLogits);

}  // namespace kinora::train
