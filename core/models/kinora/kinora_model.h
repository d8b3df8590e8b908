#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/kinora/dit.h"
#include "models/kinora/manifest.h"
#include "models/kinora/text_encoder.h"
#include "models/kinora/video_autoencoder.h"
#include "weights/safetensors.h"

namespace kinora {

/// @brief The whole model: video autoencoder, text encoder and denoiser, with the
/// manifest that describes them. Tensor names are "vae.*", "text.*", "dit.*".
class KinoraModelImpl : public torch::nn::Module {
public:
    explicit KinoraModelImpl(const ModelManifest& manifest);

    VideoAutoencoder vae{nullptr};
    TextEncoder text{nullptr};
    DiffusionTransformer dit{nullptr};

    const ModelManifest& manifest() const { return m_manifest; }
    ModelManifest& manifest() { return m_manifest; }
    const ModelConfig& config() const { return m_manifest.config; }

    /// @brief (z - mean) / std per channel, z: [B,T,C,h,w]; and its inverse.
    torch::Tensor normalizeLatents(const torch::Tensor& z) const;
    torch::Tensor denormalizeLatents(const torch::Tensor& z) const;

    int64_t parameterCount() const;

    /// @brief The caption as the decoder reads it, one per clip (an empty one reads
    /// nothing), on the model's device; undefined when the decoder reads no caption
    /// (VaeConfig::textBlocks 0). Throws Error on a prompt past the length limit.
    DecoderText decoderText(const std::vector<std::string>& captions);
    /// @brief The text encoder's states of each caption (an empty one has no valid token), no
    /// gradient, on the model's device, whether or not the decoder reads them.
    DecoderText captionStates(const std::vector<std::string>& captions);

private:
    ModelManifest m_manifest;
    torch::Tensor m_latentMean, m_latentStd;  // buffers, [1,1,C,1,1]
};
TORCH_MODULE(KinoraModel);

/// @brief Deterministic random weights of the real architecture for `config`.
KinoraModel createRandomModel(const ModelConfig& config, uint64_t seed);

/// @brief A copy of `source` whose latent has `channels` channels (at least as many as it
/// has), the function it computes unchanged: the encoder's new mean rows start as a fresh
/// layer's (seeded) and its new log-variance rows repeat the trained ones; everything that
/// reads a latent (the decoder's first convolution, the preview map, the denoiser's patch
/// embedding) gets zero weights on the new channels, as the denoiser's head gets zero rows
/// for them. The old channels keep
/// their place, their weights and their normalisation; the new ones start at mean 0, std 1.
/// Training the autoencoder then puts detail into the new channels, and the denoiser learns
/// to read and predict them. Throws Error for fewer channels.
KinoraModel widenLatentChannels(KinoraModel& source, int channels, uint64_t seed);

/// @brief The same model with absolute token positions in its denoiser
/// (DitConfig::absolutePosition): every weight copied, the new position projection zero,
/// so it computes exactly what `source` does until a dit stage trains it. Throws Error if
/// `source` has them already.
KinoraModel withAbsolutePosition(KinoraModel& source);

/// @brief The same model with a decoder that reads the caption (VaeConfig::textBlocks
/// cross-attention blocks, new weights seeded, their outputs zero): it decodes exactly as
/// `source` does until a vae_decoder stage trains them. Throws Error if `source` has them
/// already or `blocks` is not 1..4.
KinoraModel withDecoderText(KinoraModel& source, int blocks, uint64_t seed);

/// @brief Loads `dir/model.json` and its weights. Every missing tensor or wrong shape is
/// refused with a message naming the file and the tensor. Throws Error.
KinoraModel loadModel(const std::string& dir);

/// @brief Writes manifest and weights into `dir` (created if needed), both atomically.
void saveModel(KinoraModel& model, const std::string& dir, DType dtype = DType::F32);

}  // namespace kinora
