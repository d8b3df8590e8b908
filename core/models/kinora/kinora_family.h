#pragma once

#include <memory>
#include <optional>
#include <string>

#include "models/kinora/kinora_model.h"
#include "models/video_model.h"

namespace kinora {

class ModelFamily;

/// @brief The embedded Kinora model behind the model-family seam: one KinoraModel
/// (autoencoder, world-word text encoder, DiT) answering VideoModel's questions.
class KinoraVideoModel : public VideoModel {
public:
    explicit KinoraVideoModel(KinoraModel model);

    const ModelInfo& info() const override { return m_info; }
    void to(const torch::Device& device) override;
    torch::Device device() const override;

    std::shared_ptr<const PromptStates> encodePrompts(
        const std::vector<std::string>& prompts) override;
    std::shared_ptr<const DenoiserContext> prepare(const PromptStates& prompts, int64_t firstRow,
                                                   int64_t rowCount,
                                                   const LatentLayout& layout) override;
    torch::Tensor velocity(const torch::Tensor& x, const torch::Tensor& frameTimes,
                           const DenoiserContext& context) override;
    double denoiserFlops(int64_t tokens, int64_t textTokens, int64_t batch) const override;

    torch::Tensor encode(const torch::Tensor& frames) override;
    torch::Tensor decode(const torch::Tensor& latents, int64_t from, int64_t to,
                         const std::string& prompt) override;
    int64_t decoderReach() const override;
    torch::Tensor preview(const torch::Tensor& latents) override;
    std::string nonFiniteWeight() const override;

    /// @brief The model itself (training and evaluation reach past the seam).
    KinoraModel& model() { return m_model; }

private:
    // The caption as the decoder reads it: a long stream decodes in pieces under one
    // prompt, so it is encoded once, not once a piece.
    DecoderText captionFor(const std::string& prompt);

    KinoraModel m_model;
    ModelInfo m_info;
    std::string m_captionPrompt;
    std::optional<DecoderText> m_caption;
};

/// @brief The Kinora family: a folder with `model.json` (a Kinora manifest) and the
/// weights file it names.
const ModelFamily& kinoraFamily();

}  // namespace kinora
