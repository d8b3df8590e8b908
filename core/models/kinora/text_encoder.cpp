#include "models/kinora/text_encoder.h"

#include "models/kinora/tokenizer.h"

namespace kinora {

TokenBatch tokenizePrompts(const std::vector<std::string>& prompts, const TextConfig& config) {
    Tokenizer tokenizer;
    std::vector<std::vector<int64_t>> all;
    std::size_t longest = 0;
    for (const auto& p : prompts) {
        all.push_back(tokenizer.encode(p, config.maxTokens));
        longest = std::max(longest, all.back().size());
    }
    const auto b = static_cast<int64_t>(prompts.size());
    const auto l = static_cast<int64_t>(longest);
    auto ids = torch::full({b, l}, static_cast<int64_t>(Tokenizer::kPad), torch::kLong);
    auto valid = torch::zeros({b, l}, torch::kBool);
    auto idsA = ids.accessor<int64_t, 2>();
    auto validA = valid.accessor<bool, 2>();
    for (int64_t i = 0; i < b; ++i)
        for (std::size_t j = 0; j < all[i].size(); ++j) {
            idsA[i][static_cast<int64_t>(j)] = all[i][j];
            validA[i][static_cast<int64_t>(j)] = true;
        }
    return {ids, valid};
}

TextEncoderImpl::TextEncoderImpl(const TextConfig& config) : m_config(config) {
    m_embed = register_module("embed", torch::nn::Embedding(config.vocabSize, config.dim));
    m_pos = register_parameter("pos", torch::randn({config.maxTokens, config.dim}) * 0.02);
    m_layers = register_module("layers", torch::nn::ModuleList());
    for (int i = 0; i < config.depth; ++i)
        m_layers->push_back(TransformerLayer(config.dim, config.heads, 4));
    m_norm =
        register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({config.dim})));
}

torch::Tensor TextEncoderImpl::forward(const TokenBatch& tokens) {
    const auto l = tokens.ids.size(1);
    auto x = m_embed->forward(tokens.ids) + m_pos.narrow(0, 0, l).unsqueeze(0);
    const auto mask = keyPaddingMask(tokens.valid);
    for (const auto& layer : *m_layers) x = layer->as<TransformerLayer>()->forward(x, mask);
    return m_norm->forward(x);
}

}  // namespace kinora
