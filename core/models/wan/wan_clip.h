#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/wan/wan_weights.h"

namespace kinora::wan {

/// @brief The CLIP ViT-H/14 image tower's sizes (read off the weights but for the head
/// count, which the released model fixes at 16: head width 80).
struct ClipVisionConfig {
    int64_t imageSize = 224;
    int64_t patch = 14;
    int64_t dim = 1280;
    int64_t heads = 16;
    int64_t mlpDim = 5120;
    int64_t layers = 32;
    /// @brief Sizes from the weights (`visual.*`); `heads` 0: one per 80 channels (one per
    /// 16 for a test tower whose width 80 does not divide).
    static ClipVisionConfig fromWeights(const WanWeights& weights, int64_t heads = 0);
};

/// @brief The image encoder of Wan 2.1 I2V-14B and FLF2V-14B: the vision tower of
/// open-clip XLM-RoBERTa-large ViT-H/14 (`XLMRobertaCLIP.visual`), as Wan calls it. Each
/// image [3, T, H, W] in [-1, 1] is resized (bicubic, not antialiased, aspect not kept) to
/// the tower's square, brought to [0, 1] and normalised with CLIP's mean and std; patches of
/// 14 pixels (a convolution without bias), a class token first, learned positions, a
/// pre-norm; then every block but the last (Wan uses the output of block 31 of 32: no last
/// block, no post-norm, no head).
class ClipVision {
public:
    ClipVision(WanWeights& weights, const ClipVisionConfig& config);
    /// @brief Features [N, 1 + (S/14)^2, dim] of the frames of every image, in order.
    /// `allBlocks` also runs the last block (parity checks only); `trace` receives the
    /// fixtures' intermediates (pixels_01, pixels_normalized, patch_embedding_out, ...).
    torch::Tensor forward(const std::vector<torch::Tensor>& images, Trace* trace = nullptr,
                          bool allBlocks = false) const;
    const ClipVisionConfig& config() const { return m_config; }
    void to(const torch::Device& device);

private:
    struct Block {
        torch::Tensor norm1Weight, norm1Bias, norm2Weight, norm2Bias;
        Linear qkv, proj, fc1, fc2;
    };
    torch::Tensor block(const Block& b, const torch::Tensor& x, Trace* trace,
                        const std::string& name) const;

    ClipVisionConfig m_config;
    torch::Tensor m_patchWeight, m_cls, m_pos, m_preNormWeight, m_preNormBias;
    torch::Tensor m_postNormWeight, m_postNormBias, m_head;  // loaded, unused by Wan
    std::vector<Block> m_blocks;
};

/// @brief The image tower's official names (`visual.*`, as in the released
/// models_clip_open-clip-xlm-roberta-large-vit-huge-14.pth), also from the Hugging Face
/// CLIPVisionModel names of the repackaged clip_vision_h.safetensors (`vision_model.*`;
/// q, k and v become `visual.transformer.N.attn.{q,k,v}`, joined when loaded). The text tower
/// and anything else is no tensor of this part.
std::string clipName(const std::string& stored);

}  // namespace kinora::wan
