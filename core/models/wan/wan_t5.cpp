#include "models/wan/wan_t5.h"

#include <cmath>
#include <limits>

#include "util/error.h"

namespace kinora::wan {

T5Config T5Config::fromWeights(const WanWeights& w) {
    T5Config c;
    const auto emb = w.shape("token_embedding.weight");
    if (emb.size() != 2)
        throw Error("the text encoder's token embedding is not a matrix", ErrorKind::ModelLoad);
    c.vocab = emb[0];
    c.dim = emb[1];
    c.numLayers = 0;
    while (w.has("blocks." + std::to_string(c.numLayers) + ".norm1.weight")) ++c.numLayers;
    if (c.numLayers == 0)
        throw Error("the text encoder weights hold no blocks", ErrorKind::ModelLoad);
    c.dimAttn = w.shape("blocks.0.attn.q.weight").at(0);
    c.dimFfn = w.shape("blocks.0.ffn.fc1.weight").at(0);
    c.sharedPos = w.has("pos_embedding.embedding.weight");
    const auto bias = w.shape(c.sharedPos ? "pos_embedding.embedding.weight"
                                          : "blocks.0.pos_embedding.embedding.weight");
    c.numBuckets = bias.at(0);
    c.numHeads = bias.at(1);
    if (c.numHeads <= 0 || c.dimAttn % c.numHeads != 0)
        throw Error("the text encoder's attention width does not split into its heads",
                    ErrorKind::ModelLoad);
    return c;
}

int64_t T5Config::parameters() const {
    const int64_t perBlock =
        2 * dim + 4 * dim * dimAttn + (sharedPos ? 0 : numBuckets * numHeads) + 3 * dim * dimFfn;
    return vocab * dim + numLayers * perBlock + dim + (sharedPos ? numBuckets * numHeads : 0);
}

UMT5Encoder::UMT5Encoder(std::shared_ptr<WanWeights> weights, Residency residency)
    : m_weights(std::move(weights)), m_residency(residency) {
    auto& w = *m_weights;
    m_config = T5Config::fromWeights(w);
    const auto& c = m_config;
    m_embedding = residency == Residency::Streamed
                      ? w.takeView("token_embedding.weight", {c.vocab, c.dim})
                      : w.take("token_embedding.weight", {c.vocab, c.dim});
    m_finalNorm = w.takeFloat("norm.weight", {c.dim});
    if (c.sharedPos)
        m_sharedBias = w.takeFloat("pos_embedding.embedding.weight", {c.numBuckets, c.numHeads});
    for (int64_t i = 0; i < c.numLayers; ++i) {
        const std::string p = "blocks." + std::to_string(i) + ".";
        if (residency == Residency::Resident) {
            m_blocks.push_back(block(i));
        } else {
            w.expect(p + "norm1.weight", {c.dim});
            w.expect(p + "norm2.weight", {c.dim});
            for (const char* n : {"q", "k", "v"})
                w.expect(p + "attn." + n + ".weight", {c.dimAttn, c.dim});
            w.expect(p + "attn.o.weight", {c.dim, c.dimAttn});
            if (!c.sharedPos)
                w.expect(p + "pos_embedding.embedding.weight", {c.numBuckets, c.numHeads});
            w.expect(p + "ffn.gate.0.weight", {c.dimFfn, c.dim});
            w.expect(p + "ffn.fc1.weight", {c.dimFfn, c.dim});
            w.expect(p + "ffn.fc2.weight", {c.dim, c.dimFfn});
        }
    }
}

void UMT5Encoder::to(const torch::Device& device) {
    m_device = device;
    m_finalNorm = m_finalNorm.to(device);
    if (m_sharedBias.defined()) m_sharedBias = m_sharedBias.to(device);
    if (m_residency == Residency::Streamed) return;
    m_embedding = m_embedding.to(device);
    for (auto& b : m_blocks)
        for (auto* t :
             {&b.norm1, &b.norm2, &b.q, &b.k, &b.v, &b.o, &b.posBias, &b.gate, &b.fc1, &b.fc2})
            *t = t->to(device);
}

UMT5Encoder::Block UMT5Encoder::block(int64_t i) const {
    auto& w = *m_weights;
    const auto& c = m_config;
    const std::string p = "blocks." + std::to_string(i) + ".";
    Block b;
    b.norm1 = w.takeFloat(p + "norm1.weight", {c.dim});
    b.norm2 = w.takeFloat(p + "norm2.weight", {c.dim});
    // Streamed: views of the mapped file, widened when used and dropped after the block.
    auto get = [&](const std::string& name, std::vector<int64_t> shape) {
        return m_residency == Residency::Streamed ? w.takeView(name, std::move(shape))
                                                  : w.take(name, std::move(shape));
    };
    b.q = get(p + "attn.q.weight", {c.dimAttn, c.dim});
    b.k = get(p + "attn.k.weight", {c.dimAttn, c.dim});
    b.v = get(p + "attn.v.weight", {c.dimAttn, c.dim});
    b.o = get(p + "attn.o.weight", {c.dim, c.dimAttn});
    b.posBias = c.sharedPos
                    ? m_sharedBias
                    : w.takeFloat(p + "pos_embedding.embedding.weight", {c.numBuckets, c.numHeads});
    b.gate = get(p + "ffn.gate.0.weight", {c.dimFfn, c.dim});
    b.fc1 = get(p + "ffn.fc1.weight", {c.dimFfn, c.dim});
    b.fc2 = get(p + "ffn.fc2.weight", {c.dim, c.dimFfn});
    return b;
}

int64_t UMT5Encoder::bucket(int64_t relative, int64_t numBuckets, int64_t maxDistance) {
    // Bidirectional: half the buckets per direction. The logarithmic part is computed in
    // float32, as the reference does, so that boundary cases land in the same bucket.
    const int64_t half = numBuckets / 2;
    int64_t b = relative > 0 ? half : 0;
    const int64_t n = std::abs(relative);
    const int64_t maxExact = half / 2;
    if (n < maxExact) return b + n;
    const float ratio = static_cast<float>(n) / static_cast<float>(maxExact);
    const float scaled = std::log(ratio) /
                         static_cast<float>(std::log(static_cast<double>(maxDistance) / maxExact)) *
                         static_cast<float>(half - maxExact);
    int64_t large = maxExact + static_cast<int64_t>(scaled);
    large = std::min(large, half - 1);
    return b + large;
}

torch::Tensor UMT5Encoder::positionBias(const torch::Tensor& table, int64_t L) const {
    auto idx = torch::empty({L, L}, torch::kLong);
    auto a = idx.accessor<int64_t, 2>();
    for (int64_t i = 0; i < L; ++i)
        for (int64_t j = 0; j < L; ++j)
            a[i][j] = bucket(j - i, m_config.numBuckets, m_config.maxDistance);
    // [L, L, heads] -> [1, heads, L, L]
    return torch::embedding(table, idx.to(table.device())).permute({2, 0, 1}).unsqueeze(0);
}

torch::Tensor UMT5Encoder::rmsNorm(const torch::Tensor& x, const torch::Tensor& w) const {
    return x * torch::rsqrt(x.pow(2).mean(-1, true) + m_config.eps) * w.to(x.device());
}

torch::Tensor UMT5Encoder::forward(const torch::Tensor& ids, const torch::Tensor& mask,
                                   Trace* trace) const {
    const auto& c = m_config;
    if (ids.dim() != 2 || mask.sizes() != ids.sizes())
        throw Error("the text encoder takes ids and a mask of the same [B, L] shape");
    if (ids.numel() > 0 && (ids.min().item<int64_t>() < 0 || ids.max().item<int64_t>() >= c.vocab))
        throw Error("a token id lies outside the text encoder's vocabulary of " +
                    std::to_string(c.vocab));
    const auto device = m_device;
    const int64_t B = ids.size(0), L = ids.size(1), n = c.numHeads, hd = c.dimAttn / c.numHeads;
    auto x = torch::embedding(m_embedding, ids.to(m_embedding.device())).to(device, torch::kFloat);
    if (trace) (*trace)["inter.token_embedding"] = x;
    const auto keyMask = torch::zeros({B, 1, 1, L}, x.options())
                             .masked_fill(mask.to(device).view({B, 1, 1, L}) == 0,
                                          std::numeric_limits<float>::lowest());
    auto lin = [&](const torch::Tensor& in, const torch::Tensor& w) {
        return torch::linear(in, w.to(device, torch::kFloat));
    };
    for (int64_t i = 0; i < c.numLayers; ++i) {
        const Block b =
            m_residency == Residency::Resident ? m_blocks[static_cast<std::size_t>(i)] : block(i);
        const auto bias = positionBias(b.posBias.to(device), L);
        if (trace && i == 0) (*trace)["inter.block0.pos_bias"] = bias;
        const auto h = rmsNorm(x, b.norm1);
        const auto q = lin(h, b.q).view({B, L, n, hd}).transpose(1, 2);
        const auto k = lin(h, b.k).view({B, L, n, hd}).transpose(1, 2);
        const auto v = lin(h, b.v).view({B, L, n, hd}).transpose(1, 2);
        auto scores = torch::matmul(q, k.transpose(-2, -1)) + (bias + keyMask);
        const auto attn = torch::softmax(scores, -1);
        const auto y = lin(torch::matmul(attn, v).transpose(1, 2).reshape({B, L, c.dimAttn}), b.o);
        if (trace && i == 0) (*trace)["inter.block0.attn_out"] = y;
        x = x + y;
        const auto h2 = rmsNorm(x, b.norm2);
        const auto f = lin(lin(h2, b.fc1) * torch::gelu(lin(h2, b.gate), "tanh"), b.fc2);
        if (trace && i == 0) (*trace)["inter.block0.ffn_out"] = f;
        x = x + f;
        if (trace) (*trace)["inter.block" + std::to_string(i) + "_out"] = x;
        if (m_residency == Residency::Streamed) {
            // The block's bytes leave this process's memory until the next prompt needs them.
            const std::string p = "blocks." + std::to_string(i) + ".";
            for (const char* n :
                 {"attn.q.weight", "attn.k.weight", "attn.v.weight", "attn.o.weight",
                  "ffn.gate.0.weight", "ffn.fc1.weight", "ffn.fc2.weight"})
                m_weights->release(p + n);
        }
    }
    if (m_residency == Residency::Streamed) m_weights->release("token_embedding.weight");
    return rmsNorm(x, m_finalNorm);
}

std::vector<torch::Tensor> UMT5Encoder::encode(const torch::Tensor& ids,
                                               const torch::Tensor& mask) const {
    const auto hidden = forward(ids, mask);
    std::vector<torch::Tensor> out;
    for (int64_t b = 0; b < ids.size(0); ++b) {
        const int64_t len = mask[b].sum().item<int64_t>();
        out.push_back(hidden[b].slice(0, 0, len));
    }
    return out;
}

}  // namespace kinora::wan
