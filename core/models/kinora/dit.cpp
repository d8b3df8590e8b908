#include "models/kinora/dit.h"

#include <cmath>

namespace kinora {

namespace {

torch::nn::LayerNorm plainNorm(int64_t dim, bool affine) {
    return torch::nn::LayerNorm(
        torch::nn::LayerNormOptions({dim}).elementwise_affine(affine).eps(1e-6));
}

torch::Tensor modulate(const torch::Tensor& x, const torch::Tensor& shift,
                       const torch::Tensor& scale) {
    return torch::addcmul(x + shift, x, scale);  // x * (1 + scale) + shift
}

}  // namespace

DitBlockImpl::DitBlockImpl(const DitConfig& c) : m_heads(c.heads) {
    const int64_t d = c.dim, headDim = c.dim / c.heads;
    m_modulation =
        register_parameter("modulation", torch::randn({6, d}) / std::sqrt(static_cast<double>(d)));
    m_norm1 = register_module("norm1", plainNorm(d, false));
    m_qkv = register_module("qkv", torch::nn::Linear(d, 3 * d));
    m_qNorm = register_module("q_norm", RMSNorm(headDim));
    m_kNorm = register_module("k_norm", RMSNorm(headDim));
    m_attnOut = register_module("attn_out", torch::nn::Linear(d, d));
    m_normCross = register_module("norm_cross", plainNorm(d, true));
    m_crossQ = register_module("cross_q", torch::nn::Linear(d, d));
    m_crossKv = register_module("cross_kv", torch::nn::Linear(d, 2 * d));
    m_crossQNorm = register_module("cross_q_norm", RMSNorm(headDim));
    m_crossKNorm = register_module("cross_k_norm", RMSNorm(headDim));
    m_crossOut = register_module("cross_out", torch::nn::Linear(d, d));
    m_norm2 = register_module("norm2", plainNorm(d, false));
    m_fc1 = register_module("fc1", torch::nn::Linear(d, d * c.mlpRatio));
    m_fc2 = register_module("fc2", torch::nn::Linear(d * c.mlpRatio, d));
}

std::pair<torch::Tensor, torch::Tensor> DitBlockImpl::textKeyValues(const torch::Tensor& text) {
    auto kv = m_crossKv->forward(text).chunk(2, -1);
    return {m_crossKNorm->forward(splitHeads(kv[0], m_heads)), splitHeads(kv[1], m_heads)};
}

torch::Tensor DitBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& modulation,
                                    const DitContext& ctx, std::size_t index) {
    // x: [B,T,P,D] (P tokens per latent frame); modulation: [B,T,1,6,D] broadcast over P.
    const auto b = x.size(0), t = x.size(1), p = x.size(2), d = x.size(3);
    auto flat = [&](const torch::Tensor& v) { return v.reshape({b, t * p, d}); };
    auto frames = [&](const torch::Tensor& v) { return v.view({b, t, p, d}); };
    auto mod = (modulation + m_modulation).unbind(3);  // 6 x [B,T,1,D]
    // Self-attention over all spacetime tokens, QK-RMSNorm then 3D RoPE.
    auto qkv = m_qkv->forward(flat(modulate(m_norm1->forward(x), mod[0], mod[1]))).chunk(3, -1);
    auto q = applyRope(m_qNorm->forward(splitHeads(qkv[0], m_heads)), ctx.rope);
    auto k = applyRope(m_kNorm->forward(splitHeads(qkv[1], m_heads)), ctx.rope);
    auto a = attention(q, k, splitHeads(qkv[2], m_heads));
    auto h = torch::addcmul(x, mod[2], frames(m_attnOut->forward(mergeHeads(a))));
    // Cross-attention to the prompt (keys/values precomputed once per generation).
    auto cq = m_crossQNorm->forward(
        splitHeads(m_crossQ->forward(flat(m_normCross->forward(h))), m_heads));
    const auto& [tk, tv] = ctx.textKv[index];
    h = h + frames(m_crossOut->forward(mergeHeads(attention(cq, tk, tv, ctx.textMask))));
    // MLP.
    auto m =
        m_fc2->forward(torch::gelu(m_fc1->forward(modulate(m_norm2->forward(h), mod[3], mod[4]))));
    return torch::addcmul(h, mod[5], m);
}

DiffusionTransformerImpl::DiffusionTransformerImpl(const DitConfig& dit, int64_t latentChannels,
                                                   int64_t textDim)
    : m_config(dit), m_latentChannels(latentChannels) {
    const int64_t d = dit.dim;
    const int64_t patchIn = latentChannels * dit.patchT * dit.patchH * dit.patchW;
    m_patchEmbed = register_module("patch_embed", torch::nn::Linear(patchIn, d));
    m_textProj = register_module("text_proj", torch::nn::Linear(textDim, d));
    m_timeFc1 = register_module("time_fc1", torch::nn::Linear(dit.freqDim, d));
    m_timeFc2 = register_module("time_fc2", torch::nn::Linear(d, d));
    m_timeProj = register_module("time_proj", torch::nn::Linear(d, 6 * d));
    m_blocks = register_module("blocks", torch::nn::ModuleList());
    for (int i = 0; i < dit.depth; ++i) m_blocks->push_back(DitBlock(dit));
    m_normOut = register_module("norm_out", plainNorm(d, false));
    m_headModulation = register_parameter("head_modulation",
                                          torch::randn({2, d}) / std::sqrt(static_cast<double>(d)));
    m_head = register_module("head", torch::nn::Linear(d, patchIn));
    // Zero-initialised output head: an untrained model predicts zero velocity.
    torch::NoGradGuard noGrad;
    m_head->weight.zero_();
    m_head->bias.zero_();
    if (dit.absolutePosition) {
        m_posProj = register_module(
            "pos_proj",
            torch::nn::Linear(torch::nn::LinearOptions(kPositionFeatures, d).bias(false)));
        m_posProj->weight.zero_();  // starts as if absent
    }
}

torch::Tensor absolutePositionFeatures(int64_t gridT, int64_t gridH, int64_t gridW, int64_t clipT) {
    constexpr int64_t kFreqs = kPositionFeatures / 6;
    auto opts = torch::TensorOptions().dtype(torch::kFloat);
    auto k = torch::arange(1, kFreqs + 1, opts) * M_PI;  // [K]
    auto encode = [&](const torch::Tensor& u) {          // [n] -> [n, 2K]
        auto a = u.unsqueeze(1) * k;
        return torch::cat({torch::sin(a), torch::cos(a)}, 1);
    };
    auto across = [](int64_t n) { return (torch::arange(n, torch::kFloat) + 0.5) / n; };
    auto when = torch::arange(gridT, torch::kFloat) / std::max<int64_t>(1, clipT - 1);
    auto ft = encode(when);
    if (clipT < gridT) ft.narrow(0, clipT, gridT - clipT).zero_();
    auto fh = encode(across(gridH)), fw = encode(across(gridW));
    const int64_t f = 2 * kFreqs;
    return torch::cat({ft.view({gridT, 1, 1, f}).expand({gridT, gridH, gridW, f}),
                       fh.view({1, gridH, 1, f}).expand({gridT, gridH, gridW, f}),
                       fw.view({1, 1, gridW, f}).expand({gridT, gridH, gridW, f})},
                      -1)
        .reshape({gridT * gridH * gridW, 3 * f});
}

torch::Tensor DiffusionTransformerImpl::timestepFeatures(const torch::Tensor& t) const {
    const int64_t half = m_config.freqDim / 2;
    auto freqs =
        torch::exp(-std::log(10000.0) * torch::arange(half, t.options().dtype(torch::kFloat)) /
                   static_cast<double>(half));
    auto args = (t.to(torch::kFloat) * 1000.0).unsqueeze(-1) * freqs;
    return torch::cat({torch::cos(args), torch::sin(args)}, -1);
}

DitContext DiffusionTransformerImpl::prepare(const torch::Tensor& text,
                                             const torch::Tensor& textValid, int64_t latentT,
                                             int64_t latentH, int64_t latentW, int64_t clipT) {
    DitContext ctx;
    ctx.gridT = latentT / m_config.patchT;
    ctx.gridH = latentH / m_config.patchH;
    ctx.gridW = latentW / m_config.patchW;
    ctx.rope = makeRope3D(ctx.gridT, ctx.gridH, ctx.gridW, m_config.dim / m_config.heads,
                          m_config.ropeTheta, text.device());
    if (m_posProj) {
        const int64_t clip = clipT < 0 ? ctx.gridT : std::min(clipT, ctx.gridT);
        auto features =
            absolutePositionFeatures(ctx.gridT, ctx.gridH, ctx.gridW, clip).to(text.device());
        ctx.position =
            m_posProj->forward(features).view({1, ctx.gridT, ctx.gridH * ctx.gridW, m_config.dim});
    }
    auto projected = m_textProj->forward(text);
    ctx.textMask = keyPaddingMask(textValid);
    for (const auto& block : *m_blocks)
        ctx.textKv.push_back(block->as<DitBlock>()->textKeyValues(projected));
    return ctx;
}

torch::Tensor DiffusionTransformerImpl::patchify(const torch::Tensor& z) const {
    const auto b = z.size(0), t = z.size(1), c = z.size(2), h = z.size(3), w = z.size(4);
    const auto ph = m_config.patchH, pw = m_config.patchW;
    return z.reshape({b, t, c, h / ph, ph, w / pw, pw})
        .permute({0, 1, 3, 5, 2, 4, 6})
        .reshape({b, t * (h / ph) * (w / pw), c * ph * pw});
}

torch::Tensor DiffusionTransformerImpl::unpatchify(const torch::Tensor& tokens,
                                                   const DitContext& ctx) const {
    const auto b = tokens.size(0), c = m_latentChannels;
    const auto ph = m_config.patchH, pw = m_config.patchW;
    return tokens.reshape({b, ctx.gridT, ctx.gridH, ctx.gridW, c, ph, pw})
        .permute({0, 1, 4, 2, 5, 3, 6})
        .reshape({b, ctx.gridT, c, ctx.gridH * ph, ctx.gridW * pw});
}

torch::Tensor DiffusionTransformerImpl::forward(const torch::Tensor& latents,
                                                const torch::Tensor& frameTimes,
                                                const DitContext& ctx) {
    const auto b = latents.size(0), d = static_cast<int64_t>(m_config.dim);
    const int64_t perFrame = ctx.gridH * ctx.gridW;
    auto x = m_patchEmbed->forward(patchify(latents)).view({b, ctx.gridT, perFrame, d});
    if (ctx.position.defined()) x = x + ctx.position.to(x.dtype());

    // Per-token timesteps: every token of a latent frame shares its frame's t (each
    // conditioning mode gives whole frames), so the embedding is computed per frame and
    // broadcast. One shared adaLN projection; each block adds its learned bias.
    auto e = m_timeFc2->forward(
        torch::silu(m_timeFc1->forward(timestepFeatures(frameTimes))));  // [B,T,D]
    auto mod = m_timeProj->forward(torch::silu(e)).view({b, ctx.gridT, 1, 6, d});
    std::size_t index = 0;
    for (const auto& block : *m_blocks) x = block->as<DitBlock>()->forward(x, mod, ctx, index++);

    auto headMod = (e.view({b, ctx.gridT, 1, 1, d}) + m_headModulation).unbind(3);  // 2 x [B,T,1,D]
    auto out = m_head->forward(modulate(m_normOut->forward(x), headMod[0], headMod[1]));
    return unpatchify(out.reshape({b, ctx.gridT * perFrame, -1}), ctx);
}

}  // namespace kinora
