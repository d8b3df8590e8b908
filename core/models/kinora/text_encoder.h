#pragma once

#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/kinora/model_config.h"
#include "models/layers.h"

namespace kinora {

/// @brief Token ids of a batch of prompts, padded to one length.
struct TokenBatch {
    torch::Tensor ids;    ///< [B, L] int64
    torch::Tensor valid;  ///< [B, L] bool, false on padding
};

/// @brief Tokenizes and pads prompts. Throws Error on a prompt past the length limit.
TokenBatch tokenizePrompts(const std::vector<std::string>& prompts, const TextConfig& config);

/// @brief Small pre-norm transformer turning world-word tokens into text states.
class TextEncoderImpl : public torch::nn::Module {
public:
    explicit TextEncoderImpl(const TextConfig& config);
    /// @return [B, L, dim]
    torch::Tensor forward(const TokenBatch& tokens);

private:
    TextConfig m_config;
    torch::nn::Embedding m_embed{nullptr};
    torch::Tensor m_pos;
    torch::nn::ModuleList m_layers{nullptr};
    torch::nn::LayerNorm m_norm{nullptr};
};
TORCH_MODULE(TextEncoder);

}  // namespace kinora
