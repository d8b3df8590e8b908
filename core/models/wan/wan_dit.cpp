#include "models/wan/wan_dit.h"

#include <atomic>
#include <cmath>

#include <torch/version.h>

#include "models/layers.h"
#include "util/error.h"

namespace kinora::wan {

namespace {

constexpr int64_t kRopePositions = 1024;
constexpr double kRopeTheta = 10000.0;

torch::Tensor layerNorm(const torch::Tensor& x, double eps, const torch::Tensor& w = {},
                        const torch::Tensor& b = {}) {
    const auto y = torch::layer_norm(x.to(torch::kFloat), {x.size(-1)},
                                     w.defined() ? w.to(torch::kFloat) : torch::Tensor(),
                                     b.defined() ? b.to(torch::kFloat) : torch::Tensor(), eps);
    return y.to(x.scalar_type());
}

torch::Tensor geluTanh(const torch::Tensor& x) {
    return torch::gelu(x, "tanh");
}

int64_t countBlocks(const WanWeights& w, const std::string& prefix) {
    int64_t n = 0;
    while (w.has(prefix + std::to_string(n) + ".modulation")) ++n;
    return n;
}

// Rows of work per piece for the memory-bound steps of a block (rotary rotation, feed-forward):
// pieces of at most this many bytes of their widest intermediate, so that a 480p clip's
// 14,000 tokens (twice, with guidance) never hold a whole-sequence float64 or FFN-wide copy.
std::atomic<int64_t> g_pieceBytes{int64_t{128} << 20};

int64_t pieceRows(int64_t rowBytes) {
    return std::max<int64_t>(1, g_pieceBytes.load() / std::max<int64_t>(1, rowBytes));
}

// Rotates rows [0, L) of x [L', n, d] by (cos, sin) [L, d/2] in float64 (adjacent pairs) into
// `out` (same shape and type as x); rows from L on are copied unchanged. In pieces of rows.
void rotateInto(torch::Tensor out, const torch::Tensor& x, const torch::Tensor& cos,
                const torch::Tensor& sin) {
    const int64_t L = cos.size(0);
    const int64_t rows = pieceRows(x.size(1) * x.size(2) * 8 * 4);
    for (int64_t r0 = 0; r0 < L; r0 += rows) {
        const int64_t r1 = std::min(L, r0 + rows);
        const auto head = x.slice(0, r0, r1).to(torch::kDouble);
        const auto pairs = head.reshape({r1 - r0, head.size(1), head.size(2) / 2, 2});
        const auto a = pairs.select(-1, 0);
        const auto b = pairs.select(-1, 1);
        const auto c = cos.slice(0, r0, r1).unsqueeze(1);
        const auto s = sin.slice(0, r0, r1).unsqueeze(1);
        out.slice(0, r0, r1).copy_(torch::stack({a * c - b * s, a * s + b * c}, -1).flatten(2));
    }
    if (L < x.size(0)) out.slice(0, L).copy_(x.slice(0, L));
}

// Attention whose score matrix stays within a budget: rows of queries at a time, so that a
// 480p clip (14,000 tokens, 12 heads) needs a few hundred MB, not tens of GB.
torch::Tensor boundedAttention(const torch::Tensor& q, const torch::Tensor& k,
                               const torch::Tensor& v, const torch::Tensor& mask) {
    constexpr int64_t kBudget = int64_t{64} << 20;  // score elements per piece (256 MB of float32)
    const int64_t B = q.size(0), H = q.size(1), N = q.size(2), L = k.size(2);
    if (B * H * N * L <= kBudget) return attention(q, k, v, mask);
#if TORCH_VERSION_MAJOR >= 2
    // LibTorch 2's fused kernels on the GPU never hold the score matrix: one call.
    if (q.is_cuda() && !mask.defined()) return attention(q, k, v, mask);
#endif
    auto out = torch::empty_like(q);
    const int64_t rows = std::max<int64_t>(1, kBudget / (H * L));
    for (int64_t b = 0; b < B; ++b) {
        const auto kb = k.narrow(0, b, 1), vb = v.narrow(0, b, 1);
        const auto mb = mask.defined() ? mask.narrow(0, b, 1) : torch::Tensor();
        for (int64_t start = 0; start < N; start += rows) {
            const int64_t n = std::min(rows, N - start);
            out.narrow(0, b, 1)
                .narrow(2, start, n)
                .copy_(attention(q.narrow(0, b, 1).narrow(2, start, n), kb, vb, mb));
        }
    }
    return out;
}

}  // namespace

int64_t WanDiT::pieceBytes() {
    return g_pieceBytes.load();
}

void WanDiT::setPieceBytes(int64_t bytes) {
    g_pieceBytes.store(std::max<int64_t>(1, bytes));
}

torch::Tensor sinusoidalEmbedding(int64_t dim, const torch::Tensor& t) {
    const int64_t half = dim / 2;
    const auto pos = t.to(torch::kDouble).reshape({-1});
    const auto k = torch::arange(half, torch::kDouble);
    const auto freqs = torch::pow(10000.0, -(k / static_cast<double>(half)));
    const auto s = torch::outer(pos, freqs.to(pos.device()));
    return torch::cat({torch::cos(s), torch::sin(s)}, 1).to(torch::kFloat);
}

DiTConfig DiTConfig::fromWeights(const WanWeights& w, int64_t numHeads, int64_t textLen,
                                 std::vector<int64_t> vaceLayers) {
    DiTConfig c;
    const auto patch = w.shape("patch_embedding.weight");
    if (patch.size() != 5)
        throw Error("the denoiser's patch_embedding.weight is not a 3D convolution",
                    ErrorKind::ModelLoad);
    c.dim = patch[0];
    c.inDim = patch[1];
    c.patchT = patch[2];
    c.patchH = patch[3];
    c.patchW = patch[4];
    c.textDim = w.shape("text_embedding.0.weight").at(1);
    c.freqDim = w.shape("time_embedding.0.weight").at(1);
    c.numLayers = countBlocks(w, "blocks.");
    if (c.numLayers == 0)
        throw Error("the denoiser weights hold no blocks.N.modulation", ErrorKind::ModelLoad);
    c.ffnDim = w.shape("blocks.0.ffn.0.weight").at(0);
    c.outDim = w.shape("head.head.weight").at(0) / (c.patchT * c.patchH * c.patchW);
    c.qkNorm = w.has("blocks.0.self_attn.norm_q.weight");
    c.crossAttnNorm = w.has("blocks.0.norm3.weight");
    if (w.has("img_emb.proj.0.weight")) {
        c.modelType = w.has("img_emb.emb_pos") ? "flf2v" : "i2v";
        c.clipDim = w.shape("img_emb.proj.0.weight").at(0);
        if (c.modelType == "flf2v") {
            const auto pos = w.shape("img_emb.emb_pos");
            if (pos.size() != 3 || pos[1] % 2 != 0 || pos[2] != c.clipDim)
                throw Error("img_emb.emb_pos is not [1, 2 x image tokens, " +
                                std::to_string(c.clipDim) + "]",
                            ErrorKind::ModelLoad);
            c.clipTokens = pos[1] / 2;
        }
    }
    // Wan 2.2 TI2V-5B: the Wan 2.2 VAE's 48 latent channels in and out (per-token time).
    if (c.modelType == "t2v" && c.inDim == 48 && c.outDim == 48) c.modelType = "ti2v";
    const int64_t vaceBlocks = countBlocks(w, "vace_blocks.");
    if (vaceBlocks > 0) {
        c.modelType = "vace";
        c.vaceInDim = w.shape("vace_patch_embedding.weight").at(1);
        if (vaceLayers.empty()) {
            const int64_t step = std::max<int64_t>(1, c.numLayers / vaceBlocks);
            for (int64_t i = 0; i < vaceBlocks; ++i) vaceLayers.push_back(i * step);
        }
        if (static_cast<int64_t>(vaceLayers.size()) != vaceBlocks)
            throw Error("the denoiser has " + std::to_string(vaceBlocks) +
                            " VACE blocks but its config names " +
                            std::to_string(vaceLayers.size()) + " VACE layers",
                        ErrorKind::ModelLoad);
        for (int64_t l : vaceLayers)
            if (l < 0 || l >= c.numLayers)
                throw Error("a VACE layer index lies outside the denoiser's blocks",
                            ErrorKind::ModelLoad);
        c.vaceLayers = vaceLayers;
    }
    c.numHeads = numHeads > 0 ? numHeads : std::max<int64_t>(1, c.dim / 128);
    if (c.dim % c.numHeads != 0 || (c.dim / c.numHeads) % 2 != 0)
        throw Error("the denoiser's width " + std::to_string(c.dim) + " does not split into " +
                        std::to_string(c.numHeads) + " heads of even width",
                    ErrorKind::ModelLoad);
    c.textLen = textLen > 0 ? textLen : 512;
    return c;
}

int64_t DiTConfig::parameters() const {
    const int64_t d = dim;
    const int64_t patch = patchT * patchH * patchW;
    int64_t attn = 4 * (d * d + d) + (qkNorm ? 2 * d : 0);
    int64_t cross = attn;
    if (modelType == "i2v" || modelType == "flf2v") cross += 2 * (d * d + d) + (qkNorm ? d : 0);
    int64_t block = 6 * d + attn + cross + (crossAttnNorm ? 2 * d : 0) + (d * ffnDim + ffnDim) +
                    (ffnDim * d + d);
    int64_t n = numLayers * block;
    n += d * inDim * patch + d;
    n += textDim * d + d + d * d + d;
    n += freqDim * d + d + d * d + d + d * 6 * d + 6 * d;
    n += 2 * d + d * outDim * patch + outDim * patch;
    if (modelType == "i2v" || modelType == "flf2v") {
        const int64_t cd = clipDim > 0 ? clipDim : 1280;
        n += 2 * cd + cd * cd + cd + cd * d + d + 2 * d +
             (modelType == "flf2v" ? 2 * (clipTokens > 0 ? clipTokens : 257) * cd : 0);
    }
    if (modelType == "vace") {
        n += static_cast<int64_t>(vaceLayers.size()) * (block + d * d + d) + d * d + d;
        n += d * vaceInDim * patch + d;
    }
    return n;
}

std::map<std::string, torch::Tensor*> WanDiT::namedWeights() {
    std::map<std::string, torch::Tensor*> out;
    auto add = [&](const std::string& name, torch::Tensor& t) {
        if (t.defined()) out[name] = &t;
    };
    auto linear = [&](const std::string& name, Linear& l) {
        add(name + ".weight", l.weight);
        add(name + ".bias", l.bias);
    };
    auto block = [&](const std::string& p, Block& b) {
        add(p + "modulation", b.modulation);
        for (auto* a : {&b.self, &b.cross}) {
            const std::string at = p + (a == &b.self ? "self_attn." : "cross_attn.");
            linear(at + "q", a->q);
            linear(at + "k", a->k);
            linear(at + "v", a->v);
            linear(at + "o", a->o);
            linear(at + "k_img", a->kImg);
            linear(at + "v_img", a->vImg);
            add(at + "norm_q.weight", a->normQ);
            add(at + "norm_k.weight", a->normK);
            add(at + "norm_k_img.weight", a->normKImg);
        }
        add(p + "norm3.weight", b.norm3W);
        add(p + "norm3.bias", b.norm3B);
        linear(p + "ffn.0", b.ffn1);
        linear(p + "ffn.2", b.ffn2);
        linear(p + "before_proj", b.beforeProj);
        linear(p + "after_proj", b.afterProj);
    };
    add("patch_embedding.weight", m_patchW);  // held as [dim, in x patch]
    add("patch_embedding.bias", m_patchB);
    add("vace_patch_embedding.weight", m_vacePatchW);
    add("vace_patch_embedding.bias", m_vacePatchB);
    linear("text_embedding.0", m_text1);
    linear("text_embedding.2", m_text2);
    linear("time_embedding.0", m_time1);
    linear("time_embedding.2", m_time2);
    linear("time_projection.1", m_timeProj);
    add("img_emb.proj.0.weight", m_imgNorm1W);
    add("img_emb.proj.0.bias", m_imgNorm1B);
    linear("img_emb.proj.1", m_img1);
    linear("img_emb.proj.3", m_img2);
    add("img_emb.proj.4.weight", m_imgNorm2W);
    add("img_emb.proj.4.bias", m_imgNorm2B);
    add("img_emb.emb_pos", m_imgPos);
    add("head.modulation", m_headMod);
    linear("head.head", m_head);
    for (std::size_t i = 0; i < m_blocks.size(); ++i)
        block("blocks." + std::to_string(i) + ".", m_blocks[i]);
    for (std::size_t j = 0; j < m_vaceBlocks.size(); ++j)
        block("vace_blocks." + std::to_string(j) + ".", m_vaceBlocks[j]);
    return out;
}

WanDiT::Block WanDiT::loadBlock(WanWeights& w, const std::string& p, bool imageCross, bool vace,
                                bool first) {
    const int64_t d = m_config.dim;
    Block b;
    b.modulation = w.takeFloat(p + "modulation", {1, 6, d});
    auto attention = [&](const std::string& a, bool image) {
        Attention at;
        at.q = takeLinear(w, a + "q", d, d);
        at.k = takeLinear(w, a + "k", d, d);
        at.v = takeLinear(w, a + "v", d, d);
        at.o = takeLinear(w, a + "o", d, d);
        if (m_config.qkNorm) {
            at.normQ = w.takeFloat(a + "norm_q.weight", {d});
            at.normK = w.takeFloat(a + "norm_k.weight", {d});
        }
        if (image) {
            at.kImg = takeLinear(w, a + "k_img", d, d);
            at.vImg = takeLinear(w, a + "v_img", d, d);
            if (m_config.qkNorm) at.normKImg = w.takeFloat(a + "norm_k_img.weight", {d});
        }
        return at;
    };
    b.self = attention(p + "self_attn.", false);
    b.cross = attention(p + "cross_attn.", imageCross);
    if (m_config.crossAttnNorm) {
        b.norm3W = w.takeFloat(p + "norm3.weight", {d});
        b.norm3B = w.takeFloat(p + "norm3.bias", {d});
    }
    b.ffn1 = takeLinear(w, p + "ffn.0", d, m_config.ffnDim);
    b.ffn2 = takeLinear(w, p + "ffn.2", m_config.ffnDim, d);
    if (vace) {
        if (first) b.beforeProj = takeLinear(w, p + "before_proj", d, d);
        b.afterProj = takeLinear(w, p + "after_proj", d, d);
    }
    return b;
}

WanDiT::WanDiT(WanWeights& w, const DiTConfig& config) : m_config(config) {
    const int64_t d = config.dim;
    const int64_t patch = config.patchT * config.patchH * config.patchW;
    m_patchW = w.take("patch_embedding.weight",
                      {d, config.inDim, config.patchT, config.patchH, config.patchW})
                   .reshape({d, config.inDim * patch});
    m_patchB = w.take("patch_embedding.bias", {d});
    m_text1 = takeLinear(w, "text_embedding.0", config.textDim, d);
    m_text2 = takeLinear(w, "text_embedding.2", d, d);
    m_time1 = takeLinear(w, "time_embedding.0", config.freqDim, d);
    m_time2 = takeLinear(w, "time_embedding.2", d, d);
    m_timeProj = takeLinear(w, "time_projection.1", d, 6 * d);
    const bool image = config.modelType == "i2v" || config.modelType == "flf2v";
    if (image) {
        // CLIP ViT-H's features are 1280 wide, 257 tokens an image (test models: smaller).
        const int64_t cd = config.clipDim > 0 ? config.clipDim : 1280;
        m_imgNorm1W = w.takeFloat("img_emb.proj.0.weight", {cd});
        m_imgNorm1B = w.takeFloat("img_emb.proj.0.bias", {cd});
        m_img1 = takeLinear(w, "img_emb.proj.1", cd, cd);
        m_img2 = takeLinear(w, "img_emb.proj.3", cd, d);
        m_imgNorm2W = w.takeFloat("img_emb.proj.4.weight", {d});
        m_imgNorm2B = w.takeFloat("img_emb.proj.4.bias", {d});
        if (config.modelType == "flf2v")
            m_imgPos = w.takeFloat("img_emb.emb_pos",
                                   {1, 2 * (config.clipTokens > 0 ? config.clipTokens : 257), cd});
    }
    for (int64_t i = 0; i < config.numLayers; ++i)
        m_blocks.push_back(loadBlock(w, "blocks." + std::to_string(i) + ".", image, false, false));
    if (config.modelType == "vace") {
        m_vacePatchW = w.take("vace_patch_embedding.weight",
                              {d, config.vaceInDim, config.patchT, config.patchH, config.patchW})
                           .reshape({d, config.vaceInDim * patch});
        m_vacePatchB = w.take("vace_patch_embedding.bias", {d});
        for (std::size_t j = 0; j < config.vaceLayers.size(); ++j)
            m_vaceBlocks.push_back(
                loadBlock(w, "vace_blocks." + std::to_string(j) + ".", false, true, j == 0));
    }
    m_headMod = w.takeFloat("head.modulation", {1, 2, d});
    m_head = takeLinear(w, "head.head", d, config.outDim * patch);

    // Rotary angles per axis: pos * theta^(-2j/D) for the axis width D, in float64.
    const int64_t hd = config.headDim();
    const int64_t axes[3] = {hd - 4 * (hd / 6), 2 * (hd / 6), 2 * (hd / 6)};
    std::vector<torch::Tensor> cols;
    const auto pos = torch::arange(kRopePositions, torch::kDouble);
    for (int64_t D : axes) {
        const auto j = torch::arange(0, D, 2, torch::kDouble);
        const auto inv = 1.0 / torch::pow(kRopeTheta, j / static_cast<double>(D));
        cols.push_back(torch::outer(pos, inv));
    }
    m_ropeAngles = torch::cat(cols, 1);
}

torch::Tensor WanDiT::ropeTable() const {
    return torch::stack({torch::cos(m_ropeAngles), torch::sin(m_ropeAngles)}, -1);
}

void WanDiT::to(const torch::Device& device) {
    auto move = [&](torch::Tensor& t) {
        if (t.defined()) t = t.to(device);
    };
    auto moveLinear = [&](Linear& l) {
        move(l.weight);
        move(l.bias);
    };
    auto moveBlock = [&](Block& b) {
        move(b.modulation);
        for (Attention* a : {&b.self, &b.cross}) {
            for (Linear* l : {&a->q, &a->k, &a->v, &a->o, &a->kImg, &a->vImg}) moveLinear(*l);
            move(a->normQ);
            move(a->normK);
            move(a->normKImg);
        }
        move(b.norm3W);
        move(b.norm3B);
        for (Linear* l : {&b.ffn1, &b.ffn2, &b.beforeProj, &b.afterProj}) moveLinear(*l);
    };
    for (torch::Tensor* t : {&m_patchW, &m_patchB, &m_vacePatchW, &m_vacePatchB, &m_imgNorm1W,
                             &m_imgNorm1B, &m_imgNorm2W, &m_imgNorm2B, &m_imgPos, &m_headMod})
        move(*t);
    for (Linear* l :
         {&m_text1, &m_text2, &m_time1, &m_time2, &m_timeProj, &m_img1, &m_img2, &m_head})
        moveLinear(*l);
    for (auto& b : m_blocks) moveBlock(b);
    for (auto& b : m_vaceBlocks) moveBlock(b);
}

torch::Tensor WanDiT::rmsNorm(const torch::Tensor& x, const torch::Tensor& gain) const {
    if (!gain.defined()) return x;
    const auto xf = x.to(torch::kFloat);
    const auto y = xf * torch::rsqrt(xf.pow(2).mean(-1, true) + m_config.eps);
    return y.to(x.scalar_type()) * as(gain, x);
}

torch::Tensor WanDiT::runBlock(const Block& b, torch::Tensor x, const torch::Tensor& e0,
                               const torch::Tensor& context, const torch::Tensor& ropeCos,
                               const torch::Tensor& ropeSin, const torch::Tensor& keyMask,
                               const std::vector<int64_t>& lengths, Trace* trace,
                               const std::string& tp) const {
    const int64_t B = x.size(0), S = x.size(1), n = m_config.numHeads, hd = m_config.headDim();
    // e0 [B, 1 or S, 6, dim]: one time embedding per sample, or one per token (Wan 2.2).
    std::vector<torch::Tensor> m;
    for (const auto& part : (b.modulation.to(e0.device()) + e0).chunk(6, 2))
        m.push_back(part.squeeze(2));  // each [B, 1 or S, dim]
    const auto& eps = m_config.eps;
    // Each stage in its own scope: at 480p every whole-sequence tensor is 170 MB (twice that
    // with guidance), and one kept alive to the end of the block adds up.

    // Self-attention.
    {
        torch::Tensor y;
        {
            const auto h = layerNorm(x, eps) * (1 + m[1]) + m[0];
            const auto qIn = rmsNorm(b.self.q(h), b.self.normQ).view({B, S, n, hd});
            const auto kIn = rmsNorm(b.self.k(h), b.self.normK).view({B, S, n, hd});
            const auto v = b.self.v(h).view({B, S, n, hd});
            auto q = torch::empty_like(qIn), k = torch::empty_like(kIn);
            int64_t start = 0;
            for (int64_t i = 0; i < B; ++i) {
                const int64_t L = lengths[static_cast<std::size_t>(i)];
                const auto c = ropeCos.slice(0, start, start + L);
                const auto s = ropeSin.slice(0, start, start + L);
                rotateInto(q[i], qIn[i], c, s);
                rotateInto(k[i], kIn[i], c, s);
                start += L;
            }
            if (trace) {
                (*trace)["inter." + tp + ".q_roped"] = q;
                (*trace)["inter." + tp + ".k_roped"] = k;
            }
            y = boundedAttention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), keyMask)
                    .transpose(1, 2)
                    .reshape({B, S, n * hd});
        }
        y = b.self.o(y);
        if (trace) (*trace)["inter." + tp + ".self_attn_out"] = y;
        x = x + y * m[2];
    }

    // Cross-attention over the text (and, for i2v, the image) tokens.
    {
        torch::Tensor yt;
        {
            const auto hc = m_config.crossAttnNorm ? layerNorm(x, eps, b.norm3W, b.norm3B) : x;
            const auto& ca = b.cross;
            const auto cq = rmsNorm(ca.q(hc), ca.normQ).view({B, S, n, hd}).transpose(1, 2);
            torch::Tensor text = context;
            torch::Tensor yc;
            if (ca.kImg.defined()) {
                const int64_t imageTokens = context.size(1) - m_config.textLen;
                const auto img = context.slice(1, 0, imageTokens);
                text = context.slice(1, imageTokens);
                const auto ki =
                    rmsNorm(ca.kImg(img), ca.normKImg).view({B, -1, n, hd}).transpose(1, 2);
                const auto vi = ca.vImg(img).view({B, -1, n, hd}).transpose(1, 2);
                yc = boundedAttention(cq, ki, vi, {});
            }
            const auto ck = rmsNorm(ca.k(text), ca.normK).view({B, -1, n, hd}).transpose(1, 2);
            const auto cv = ca.v(text).view({B, -1, n, hd}).transpose(1, 2);
            yt = boundedAttention(cq, ck, cv, {});
            if (yc.defined()) yt = yt + yc;
        }
        const auto yx = b.cross.o(yt.transpose(1, 2).reshape({B, S, n * hd}));
        if (trace) (*trace)["inter." + tp + ".cross_attn_out"] = yx;
        x = x + yx;
    }

    // Feed-forward, row by row (pieces of rows: its hidden layer is 5.8 times the width).
    torch::Tensor yf;
    {
        const auto hf = (layerNorm(x, eps) * (1 + m[4]) + m[3]).reshape({B * S, x.size(2)});
        yf = torch::empty_like(hf);
        const int64_t rows = pieceRows(m_config.ffnDim * 4 * 2);
        for (int64_t r0 = 0; r0 < B * S; r0 += rows) {
            const int64_t r1 = std::min(B * S, r0 + rows);
            yf.slice(0, r0, r1).copy_(b.ffn2(geluTanh(b.ffn1(hf.slice(0, r0, r1)))));
        }
        yf = yf.view({B, S, x.size(2)});
    }
    if (trace) (*trace)["inter." + tp + ".ffn_out"] = yf;
    return x + yf * m[5];
}

std::vector<torch::Tensor> WanDiT::forward(const DiTInputs& in, Trace* trace) const {
    const auto& c = m_config;
    const int64_t B = static_cast<int64_t>(in.x.size());
    if (B == 0) throw Error("the denoiser needs at least one sample");
    if (static_cast<int64_t>(in.context.size()) != B || in.t.dim() < 1 || in.t.dim() > 2 ||
        in.t.size(0) != B || (in.t.dim() == 1 && in.t.numel() != B))
        throw Error("the denoiser needs one timestep and one text context per sample");
    const bool image = c.modelType == "i2v" || c.modelType == "flf2v";
    if (image && (!in.clipFea.defined() || static_cast<int64_t>(in.y.size()) != B))
        throw Error("an image-to-video denoiser needs image features and conditioning latents");
    if (!in.y.empty() && static_cast<int64_t>(in.y.size()) != B)
        throw Error("conditioning latents must be given for every sample or none");
    if (c.modelType == "vace" && static_cast<int64_t>(in.vaceContext.size()) != B)
        throw Error("a VACE denoiser needs a control context per sample");
    const auto device = m_patchW.device();
    const auto dtype = torch::kFloat;

    // Patch embedding: [C, F, H, W] -> tokens in (f, h, w) order.
    auto patchify = [&](const torch::Tensor& u, const torch::Tensor& w, const torch::Tensor& bias,
                        std::vector<int64_t>* grid) {
        const int64_t C = u.size(0), F = u.size(1), H = u.size(2), W = u.size(3);
        if (F % c.patchT || H % c.patchH || W % c.patchW)
            throw Error("latent size " + shapeString(u.sizes()) +
                        " is not a multiple of the patch");
        const int64_t f = F / c.patchT, h = H / c.patchH, ww = W / c.patchW;
        if (grid) *grid = {f, h, ww};
        const auto p = u.to(device, dtype)
                           .reshape({C, f, c.patchT, h, c.patchH, ww, c.patchW})
                           .permute({1, 3, 5, 0, 2, 4, 6})
                           .reshape({f * h * ww, C * c.patchT * c.patchH * c.patchW});
        return torch::linear(p, as(w, p), as(bias, p));
    };
    std::vector<std::vector<int64_t>> grids;
    std::vector<int64_t> lengths;
    std::vector<torch::Tensor> tokens;
    for (int64_t i = 0; i < B; ++i) {
        auto u = in.x[static_cast<std::size_t>(i)];
        // Conditioning latents (image-to-video: the given frames' latents and their mask)
        // are concatenated to the input's channels.
        if (!in.y.empty())
            u = torch::cat(
                {u.to(device, dtype), in.y[static_cast<std::size_t>(i)].to(device, dtype)}, 0);
        if (u.dim() != 4 || u.size(0) != c.inDim)
            throw Error("latent of shape " + shapeString(u.sizes()) +
                        " does not match the denoiser's " + std::to_string(c.inDim) +
                        " input channels");
        std::vector<int64_t> g;
        tokens.push_back(patchify(u, m_patchW, m_patchB, &g));
        grids.push_back(g);
        lengths.push_back(g[0] * g[1] * g[2]);
    }
    int64_t seqLen = in.seqLen;
    const int64_t longest = *std::max_element(lengths.begin(), lengths.end());
    if (seqLen <= 0) seqLen = longest;
    if (seqLen < longest) throw Error("seq_len is shorter than a sample's token count");
    auto pad = [&](const torch::Tensor& t) {
        return torch::cat({t, torch::zeros({seqLen - t.size(0), t.size(1)}, t.options())}, 0);
    };
    std::vector<torch::Tensor> padded;
    for (const auto& t : tokens) padded.push_back(pad(t));
    auto x = torch::stack(padded);
    if (trace) {
        (*trace)["inter.x_embedded"] = x;
        auto g = torch::empty({B, 3}, torch::kLong);
        for (int64_t i = 0; i < B; ++i)
            for (int64_t a = 0; a < 3; ++a)
                g[i][a] = grids[static_cast<std::size_t>(i)][static_cast<std::size_t>(a)];
        (*trace)["inter.grid_sizes"] = g;
        (*trace)["inter.seq_lens"] = torch::tensor(lengths, torch::kLong);
        (*trace)["inter.rope_freqs_table"] = ropeTable();
    }

    // Rotary tables of every sample's tokens, concatenated.
    std::vector<torch::Tensor> angles;
    const int64_t hd2 = c.headDim() / 2;
    const int64_t ct = hd2 - 2 * (hd2 / 3), ch = hd2 / 3;
    for (int64_t i = 0; i < B; ++i) {
        const auto& g = grids[static_cast<std::size_t>(i)];
        if (g[0] > kRopePositions || g[1] > kRopePositions || g[2] > kRopePositions)
            throw Error("a latent grid is longer than the 1024 rotary positions");
        const auto af = m_ropeAngles.slice(0, 0, g[0])
                            .slice(1, 0, ct)
                            .view({g[0], 1, 1, ct})
                            .expand({g[0], g[1], g[2], ct});
        const auto ah = m_ropeAngles.slice(0, 0, g[1])
                            .slice(1, ct, ct + ch)
                            .view({1, g[1], 1, ch})
                            .expand({g[0], g[1], g[2], ch});
        const auto aw = m_ropeAngles.slice(0, 0, g[2])
                            .slice(1, ct + ch, ct + 2 * ch)
                            .view({1, 1, g[2], ch})
                            .expand({g[0], g[1], g[2], ch});
        const auto a = torch::cat({af, ah, aw}, -1).reshape({g[0] * g[1] * g[2], hd2});
        angles.push_back(a);
        if (trace)
            (*trace)["inter.rope_cos_sin." + std::to_string(i)] =
                torch::stack({torch::cos(a), torch::sin(a)}, -1);
    }
    const auto allAngles = torch::cat(angles, 0).to(device);
    const auto ropeCos = torch::cos(allAngles);
    const auto ropeSin = torch::sin(allAngles);
    torch::Tensor keyMask;
    if (longest < seqLen || *std::min_element(lengths.begin(), lengths.end()) < seqLen) {
        auto valid = torch::zeros({B, seqLen}, torch::TensorOptions().dtype(torch::kBool));
        for (int64_t i = 0; i < B; ++i)
            valid[i].slice(0, 0, lengths[static_cast<std::size_t>(i)]).fill_(true);
        keyMask = keyPaddingMask(valid.to(device)).to(dtype);
    }

    // Time: one timestep per sample [B], or (Wan 2.2) one per token [B, seqLen], padding
    // tokens included.
    const bool perToken = in.t.dim() == 2;
    if (perToken && (in.t.size(0) != B || in.t.size(1) != seqLen))
        throw Error("per-token timesteps of shape " + shapeString(in.t.sizes()) +
                    " are not [samples, seq_len] = [" + std::to_string(B) + ", " +
                    std::to_string(seqLen) + "]");
    auto sinEmb = sinusoidalEmbedding(c.freqDim, in.t).to(device);
    if (perToken) sinEmb = sinEmb.view({B, seqLen, c.freqDim});
    const auto e = m_time2(torch::silu(m_time1(sinEmb)));
    const auto e0 = m_timeProj(torch::silu(e)).unflatten(-1, {6, c.dim});
    if (trace) {
        (*trace)["inter.sin_emb"] = sinEmb;
        (*trace)["inter.e"] = e;
        (*trace)["inter.e0"] = e0;
    }
    // Per-token form for the blocks and the head: [B, 1 or seqLen, (6,) dim].
    const auto eTokens = perToken ? e : e.unsqueeze(1);
    const auto e0Tokens = perToken ? e0 : e0.unsqueeze(1);

    // Text: every context zero-padded to textLen rows, then embedded (no key mask).
    std::vector<torch::Tensor> ctx;
    for (const auto& u : in.context) {
        if (u.dim() != 2 || u.size(1) != c.textDim || u.size(0) > c.textLen)
            throw Error("text states of shape " + shapeString(u.sizes()) +
                        " do not fit the denoiser (" + std::to_string(c.textLen) + " x " +
                        std::to_string(c.textDim) + ")");
        const auto uf = u.to(device, dtype);
        ctx.push_back(
            torch::cat({uf, torch::zeros({c.textLen - u.size(0), c.textDim}, uf.options())}, 0));
    }
    const auto contextPadded = torch::stack(ctx);
    auto context = m_text2(geluTanh(m_text1(contextPadded)));
    if (trace) {
        (*trace)["inter.context_padded"] = contextPadded;
        (*trace)["inter.context_embedded"] = context;
    }
    if (image) {
        auto clip = in.clipFea.to(device, dtype);
        if (clip.dim() == 2) clip = clip.unsqueeze(0);
        const int64_t cd = m_imgNorm1W.size(0);
        if (clip.size(-1) != cd)
            throw Error("image features must be " + std::to_string(cd) +
                        " wide (CLIP ViT-H: 1280)");
        if (m_imgPos.defined()) {
            if (clip.numel() % m_imgPos.numel() != 0)
                throw Error("first-last-frame features " + shapeString(clip.sizes()) +
                            " do not fit the image position table " +
                            shapeString(m_imgPos.sizes()));
            clip = clip.reshape({-1, m_imgPos.size(1), cd}) + m_imgPos;
        }
        auto ci = layerNorm(clip, 1e-5, m_imgNorm1W, m_imgNorm1B);
        ci = m_img2(torch::gelu(m_img1(ci)));
        ci = layerNorm(ci, 1e-5, m_imgNorm2W, m_imgNorm2B);
        if (trace) (*trace)["inter.context_clip"] = ci;
        if (ci.size(0) != B) ci = ci.expand({B, ci.size(1), ci.size(2)});
        context = torch::cat({ci, context}, 1);
    }

    // VACE hints.
    std::vector<torch::Tensor> hints;
    if (c.modelType == "vace") {
        std::vector<torch::Tensor> cs;
        for (int64_t i = 0; i < B; ++i) {
            const auto& u = in.vaceContext[static_cast<std::size_t>(i)];
            if (u.dim() != 4 || u.size(0) != c.vaceInDim)
                throw Error("VACE context of shape " + shapeString(u.sizes()) + " does not have " +
                            std::to_string(c.vaceInDim) + " channels");
            cs.push_back(pad(patchify(u, m_vacePatchW, m_vacePatchB, nullptr)));
        }
        auto cc = torch::stack(cs);
        if (trace) (*trace)["inter.vace_c_embedded"] = cc;
        for (std::size_t j = 0; j < m_vaceBlocks.size(); ++j) {
            const auto& vb = m_vaceBlocks[j];
            if (j == 0) cc = vb.beforeProj(cc) + x;
            cc = runBlock(vb, cc, e0Tokens, context, ropeCos, ropeSin, keyMask, lengths, trace,
                          "vace_block" + std::to_string(j));
            const auto hint = vb.afterProj(cc);
            if (trace) {
                (*trace)["inter.vace_block" + std::to_string(j) + "_c"] = cc;
                (*trace)["inter.hint" + std::to_string(j)] = hint;
            }
            hints.push_back(hint);
        }
    }

    for (std::size_t i = 0; i < m_blocks.size(); ++i) {
        x = runBlock(m_blocks[i], x, e0Tokens, context, ropeCos, ropeSin, keyMask, lengths, trace,
                     "block" + std::to_string(i));
        for (std::size_t k = 0; k < c.vaceLayers.size(); ++k)
            if (c.vaceLayers[k] == static_cast<int64_t>(i)) x = x + hints[k] * in.vaceScale;
        if (trace) (*trace)["inter.block" + std::to_string(i) + "_out"] = x;
    }

    // Head and unpatchify.
    const auto hm = (m_headMod.to(e.device()) + eTokens.unsqueeze(2)).chunk(2, 2);
    auto out = m_head(layerNorm(x, c.eps) * (1 + hm[1].squeeze(2)) + hm[0].squeeze(2));
    if (trace) (*trace)["inter.head_out"] = out;
    std::vector<torch::Tensor> result;
    for (int64_t i = 0; i < B; ++i) {
        const auto& g = grids[static_cast<std::size_t>(i)];
        auto u = out[i]
                     .slice(0, 0, g[0] * g[1] * g[2])
                     .view({g[0], g[1], g[2], c.patchT, c.patchH, c.patchW, c.outDim})
                     .permute({6, 0, 3, 1, 4, 2, 5})
                     .reshape({c.outDim, g[0] * c.patchT, g[1] * c.patchH, g[2] * c.patchW});
        result.push_back(u.to(torch::kFloat));
    }
    return result;
}

}  // namespace kinora::wan
