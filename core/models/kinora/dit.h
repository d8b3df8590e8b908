#pragma once

#include <vector>

#include <torch/torch.h>

#include "models/kinora/model_config.h"
#include "models/layers.h"

namespace kinora {

/// How many absolute-position features a token gets (absolutePositionFeatures).
constexpr int64_t kPositionFeatures = 24;

/// @brief Per-generation constants of the DiT: text keys/values for every block
/// (computed once, not at every step) and the rotary tables of the token grid.
struct DitContext {
    std::vector<std::pair<torch::Tensor, torch::Tensor>> textKv;  ///< per block, [B,H,L,d]
    torch::Tensor textMask;                                       ///< [B,1,1,L] additive
    Rope3D rope;
    /// [1,T,P,D] absolute position of every token, added to the patch embedding; undefined
    /// unless the model has DitConfig::absolutePosition.
    torch::Tensor position;
    int64_t gridT = 0, gridH = 0, gridW = 0;
};

class DitBlockImpl : public torch::nn::Module {
public:
    DitBlockImpl(const DitConfig& config);
    /// @param x [B,T,P,D]; @param modulation [B,T,1,6,D] shared timestep projection
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& modulation,
                          const DitContext& ctx, std::size_t index);
    std::pair<torch::Tensor, torch::Tensor> textKeyValues(const torch::Tensor& text);

private:
    int64_t m_heads;
    torch::Tensor m_modulation;  ///< [6, D] learned per-block bias (Wan 2.1)
    torch::nn::LayerNorm m_norm1{nullptr}, m_norm2{nullptr}, m_normCross{nullptr};
    torch::nn::Linear m_qkv{nullptr}, m_attnOut{nullptr};
    RMSNorm m_qNorm{nullptr}, m_kNorm{nullptr};
    torch::nn::Linear m_crossQ{nullptr}, m_crossKv{nullptr}, m_crossOut{nullptr};
    RMSNorm m_crossQNorm{nullptr}, m_crossKNorm{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};
TORCH_MODULE(DitBlock);

/// @brief Diffusion transformer over spacetime patches of normalised latents.
///
/// Latents are [B,T,C,H,W]; tokens are 1x2x2 patches; every token carries its own
/// timestep, so given frames (image-to-video, extension, references) are simply tokens
/// at t = 0. Predicts the rectified-flow velocity eps - x0.
class DiffusionTransformerImpl : public torch::nn::Module {
public:
    DiffusionTransformerImpl(const DitConfig& dit, int64_t latentChannels, int64_t textDim);

    /// @brief Text keys/values and rotary tables for a generation. text: [B,L,textDim].
    /// `clipT`: how many of the latentT frames belong to the clip; the rest (character
    /// references, appended last) get no place in time. -1: all of them.
    DitContext prepare(const torch::Tensor& text, const torch::Tensor& textValid, int64_t latentT,
                       int64_t latentH, int64_t latentW, int64_t clipT = -1);
    /// @param latents [B,T,C,H,W]; @param frameTimes [B,T] timestep of each latent frame
    torch::Tensor forward(const torch::Tensor& latents, const torch::Tensor& frameTimes,
                          const DitContext& ctx);

    const DitConfig& config() const { return m_config; }

private:
    torch::Tensor patchify(const torch::Tensor& latents) const;
    torch::Tensor unpatchify(const torch::Tensor& tokens, const DitContext& ctx) const;
    torch::Tensor timestepFeatures(const torch::Tensor& t) const;

    DitConfig m_config;
    int64_t m_latentChannels;
    torch::nn::Linear m_patchEmbed{nullptr}, m_textProj{nullptr};
    torch::nn::Linear m_timeFc1{nullptr}, m_timeFc2{nullptr}, m_timeProj{nullptr};
    torch::nn::ModuleList m_blocks{nullptr};
    torch::nn::LayerNorm m_normOut{nullptr};
    torch::Tensor m_headModulation;  ///< [2, D]
    torch::nn::Linear m_head{nullptr};
    torch::nn::Linear m_posProj{nullptr};  ///< absolute-position features -> D, or null
};
TORCH_MODULE(DiffusionTransformer);

/// @brief The absolute-position features of a token grid, [gridT * gridH * gridW, 24]:
/// sin and cos of pi k u (k = 1..4) for u the token's place across the width and down the
/// height (cell centres, 0..1) and in the clip (0 at its first latent frame, 1 at its last).
/// Frames from clipT on (references) get zero time features, which no clip frame has
/// (sin^2 + cos^2 = 1): a reference is a picture, not a moment.
torch::Tensor absolutePositionFeatures(int64_t gridT, int64_t gridH, int64_t gridW, int64_t clipT);

}  // namespace kinora
