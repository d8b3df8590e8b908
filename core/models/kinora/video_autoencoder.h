#pragma once

#include <torch/torch.h>

#include "models/kinora/model_config.h"

namespace kinora {

// Every video tensor in the autoencoder is laid out [B, T, C, H, W] ("frames layout"):
// spatial ops fold time into the batch as a free view, and temporal down/upsampling is a
// free view over adjacent frames. All temporal ops are causal: an output frame depends
// only on its own and earlier input frames, so frame 0 is encoded alone.

class VaeResBlockImpl : public torch::nn::Module {
public:
    VaeResBlockImpl(int64_t in, int64_t out);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::Tensor m_norm1, m_norm2, m_normT;
    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr}, m_skip{nullptr}, m_timeConv{nullptr};
};
TORCH_MODULE(VaeResBlock);

class VaeResampleImpl : public torch::nn::Module {
public:
    enum class Direction { Down, Up };
    VaeResampleImpl(int64_t in, int64_t out, Direction direction, bool temporal);
    torch::Tensor forward(const torch::Tensor& x);
    bool temporal() const { return m_temporal; }

private:
    Direction m_direction;
    bool m_temporal;
    int64_t m_out;
    torch::nn::Conv2d m_proj{nullptr};
};
TORCH_MODULE(VaeResample);

/// @brief The caption as the decoder reads it: the text encoder's states and which of them
/// are real tokens. A row with no valid token (or no caption at all) reads nothing: the
/// decoder then draws from the latents alone, as it learned to from dropped captions.
struct DecoderText {
    torch::Tensor states;  ///< [B, L, textDim]
    torch::Tensor valid;   ///< [B, L] bool
    bool defined() const { return states.defined(); }
};

/// @brief Cross-attention from every latent-resolution position of the decoder (each frame
/// and pixel alone: causal in time) to the caption; output zero-initialised.
class VaeTextAttentionImpl : public torch::nn::Module {
public:
    VaeTextAttentionImpl(int64_t channels, int64_t textDim);
    /// x [B,T,h,w,C] (channels last) -> x plus what it reads from the caption.
    torch::Tensor forward(const torch::Tensor& x, const DecoderText& text);

private:
    int64_t m_heads;
    torch::Tensor m_norm;
    torch::nn::Linear m_q{nullptr}, m_kv{nullptr}, m_out{nullptr};
};
TORCH_MODULE(VaeTextAttention);

/// @brief Causal 3D video autoencoder: frames [B,T,3,H,W] in [-1,1] with T = 1+4k to
/// latents [B, 1+k, C, H/s, W/s] and back.
class VideoAutoencoderImpl : public torch::nn::Module {
public:
    /// @param textDim width of the text encoder's states (read when config.textBlocks > 0)
    VideoAutoencoderImpl(const VaeConfig& config, int64_t textDim);

    /// @return mean and log-variance of the posterior, each [B,T',C,h,w]
    std::pair<torch::Tensor, torch::Tensor> encode(const torch::Tensor& video);
    /// @param text the caption (decoders with VaeConfig::textBlocks read it; others ignore
    /// it); without one the decoder draws from the latents alone.
    torch::Tensor decode(const torch::Tensor& latents, const DecoderText& text = {});
    /// @brief Latent frames of history one decoded frame depends on (beyond its own
    /// latent frame): decoding from that many latent frames earlier gives the same frames
    /// as decoding the whole stream.
    int64_t decoderReach() const;
    /// @brief The frames of latent frames [from, to) of a latent stream [B,T',C,h,w], as
    /// decode() of the whole stream gives them (latent 0: one frame; every other: the
    /// temporal factor's), computed from at most decoderReach() latent frames before
    /// `from`. Long streams decode in pieces this way with bounded memory.
    torch::Tensor decodeRange(const torch::Tensor& latents, int64_t from, int64_t to,
                              const DecoderText& text = {});
    /// @brief Cheap linear latent -> RGB (in [-1,1]) at latent resolution, for previews.
    torch::Tensor previewRgb(const torch::Tensor& latents) const;

    const VaeConfig& config() const { return m_config; }

private:
    torch::Tensor runStages(torch::nn::ModuleList& stages, torch::Tensor x,
                            const DecoderText& text = {});

    VaeConfig m_config;
    torch::nn::Conv2d m_encIn{nullptr}, m_encOut{nullptr}, m_decIn{nullptr}, m_decOut{nullptr};
    torch::nn::ModuleList m_encStages{nullptr}, m_decStages{nullptr}, m_decText{nullptr};
    torch::Tensor m_encNorm, m_decNorm, m_previewWeight, m_previewBias;
};
TORCH_MODULE(VideoAutoencoder);

/// @brief A 2D op applied to every frame of [B,T,C,H,W].
torch::Tensor perFrame(const torch::Tensor& x,
                       const std::function<torch::Tensor(const torch::Tensor&)>& op);

}  // namespace kinora
