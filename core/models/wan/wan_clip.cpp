#include "models/wan/wan_clip.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "util/error.h"

namespace kinora::wan {

namespace {

// CLIP's normalisation of [0, 1] pixels, as float32.
const float kMean[3] = {0.48145466f, 0.4578275f, 0.40821073f};
const float kStd[3] = {0.26862954f, 0.26130258f, 0.27577711f};

torch::Tensor layerNorm(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
    return torch::layer_norm(x.to(torch::kFloat), {x.size(-1)}, w.to(torch::kFloat),
                             b.to(torch::kFloat), 1e-5)
        .to(x.scalar_type());
}

}  // namespace

std::string clipName(const std::string& stored) {
    if (stored.rfind("visual.", 0) == 0) return stored;
    // The Hugging Face CLIPVisionModel layout (clip_vision_h.safetensors): q, k and v apart
    // (named here as the official tensor's thirds, joined when loaded).
    static const std::vector<std::pair<std::string, std::string>> exact = {
        {"vision_model.embeddings.class_embedding", "visual.cls_embedding"},
        {"vision_model.embeddings.patch_embedding.weight", "visual.patch_embedding.weight"},
        {"vision_model.embeddings.position_embedding.weight", "visual.pos_embedding"},
        {"vision_model.pre_layrnorm.weight", "visual.pre_norm.weight"},
        {"vision_model.pre_layrnorm.bias", "visual.pre_norm.bias"},
        {"vision_model.post_layernorm.weight", "visual.post_norm.weight"},
        {"vision_model.post_layernorm.bias", "visual.post_norm.bias"},
        {"visual_projection.weight", "visual.head"},
    };
    for (const auto& [from, to] : exact)
        if (stored == from) return to;
    const std::string layers = "vision_model.encoder.layers.";
    if (stored.rfind(layers, 0) != 0) return {};
    const auto dot = stored.find('.', layers.size());
    if (dot == std::string::npos) return {};
    const std::string block =
        "visual.transformer." + stored.substr(layers.size(), dot - layers.size());
    const std::string rest = stored.substr(dot + 1);
    static const std::vector<std::pair<std::string, std::string>> parts = {
        {"self_attn.q_proj.", ".attn.q."}, {"self_attn.k_proj.", ".attn.k."},
        {"self_attn.v_proj.", ".attn.v."}, {"self_attn.out_proj.", ".attn.proj."},
        {"layer_norm1.", ".norm1."},       {"layer_norm2.", ".norm2."},
        {"mlp.fc1.", ".mlp.0."},           {"mlp.fc2.", ".mlp.2."},
    };
    for (const auto& [from, to] : parts)
        if (rest.rfind(from, 0) == 0) return block + to + rest.substr(from.size());
    return {};
}

ClipVisionConfig ClipVisionConfig::fromWeights(const WanWeights& w, int64_t heads) {
    ClipVisionConfig c;
    const auto patch = w.shape("visual.patch_embedding.weight");  // [dim, 3, p, p]
    if (patch.size() != 4 || patch[1] != 3 || patch[2] != patch[3])
        throw Error("CLIP image tower: visual.patch_embedding.weight is not [dim, 3, p, p]",
                    ErrorKind::ModelLoad);
    c.dim = patch[0];
    c.patch = patch[2];
    const auto pos = w.shape("visual.pos_embedding");  // [1, 1 + g*g, dim] ([1 + g*g, dim])
    const int64_t positions = pos.size() == 3 ? pos.at(1) : pos.at(0);
    const auto grid = static_cast<int64_t>(std::llround(std::sqrt(double(positions - 1))));
    if (grid * grid + 1 != positions)
        throw Error("CLIP image tower: visual.pos_embedding does not hold a square of patches",
                    ErrorKind::ModelLoad);
    c.imageSize = grid * c.patch;
    c.mlpDim = w.shape("visual.transformer.0.mlp.0.weight").at(0);
    c.layers = 0;
    while (w.has("visual.transformer." + std::to_string(c.layers) + ".attn.to_qkv.weight") ||
           w.has("visual.transformer." + std::to_string(c.layers) + ".attn.q.weight"))
        ++c.layers;
    if (c.layers < 2)
        throw Error("CLIP image tower: it needs at least 2 blocks (Wan uses all but the last)",
                    ErrorKind::ModelLoad);
    // ViT-H: heads 80 wide; a test tower narrower than that: 16 wide.
    c.heads = heads > 0 ? heads : c.dim % 80 == 0 ? c.dim / 80 : std::max<int64_t>(1, c.dim / 16);
    if (c.heads < 1 || c.dim % c.heads != 0)
        throw Error("CLIP image tower: width " + std::to_string(c.dim) + " does not split into " +
                        std::to_string(c.heads) + " heads",
                    ErrorKind::ModelLoad);
    return c;
}

ClipVision::ClipVision(WanWeights& w, const ClipVisionConfig& c) : m_config(c) {
    const int64_t d = c.dim, g = c.imageSize / c.patch;
    m_patchWeight = w.take("visual.patch_embedding.weight", {d, 3, c.patch, c.patch});
    // The class token and positions with or without their leading axes (official / HF).
    auto flat = [&](const std::string& name, std::vector<int64_t> shape) {
        auto t = w.take(name);
        int64_t n = 1;
        for (int64_t s : shape) n *= s;
        if (t.numel() != n)
            throw Error("CLIP image tower: " + name + " has shape " + shapeString(t.sizes()) +
                            ", expected " + shapeString(shape),
                        ErrorKind::ModelLoad);
        return t.reshape(shape);
    };
    m_cls = flat("visual.cls_embedding", {1, 1, d});
    m_pos = flat("visual.pos_embedding", {1, 1 + g * g, d});
    m_preNormWeight = w.take("visual.pre_norm.weight", {d});
    m_preNormBias = w.take("visual.pre_norm.bias", {d});
    // Part of the released tower, not of what Wan uses: taken so that the file is known whole.
    m_postNormWeight = w.take("visual.post_norm.weight", {d});
    m_postNormBias = w.take("visual.post_norm.bias", {d});
    if (w.has("visual.head")) m_head = w.take("visual.head");
    for (int64_t i = 0; i < c.layers; ++i) {
        const std::string p = "visual.transformer." + std::to_string(i) + ".";
        Block b;
        b.norm1Weight = w.take(p + "norm1.weight", {d});
        b.norm1Bias = w.take(p + "norm1.bias", {d});
        b.norm2Weight = w.take(p + "norm2.weight", {d});
        b.norm2Bias = w.take(p + "norm2.bias", {d});
        if (w.has(p + "attn.to_qkv.weight")) {
            b.qkv = takeLinear(w, p + "attn.to_qkv", d, 3 * d);
        } else {  // q, k and v apart: one projection, as the official tower holds it
            const Linear q = takeLinear(w, p + "attn.q", d, d),
                         k = takeLinear(w, p + "attn.k", d, d),
                         v = takeLinear(w, p + "attn.v", d, d);
            b.qkv.weight = torch::cat({q.weight, k.weight, v.weight}, 0);
            b.qkv.bias = torch::cat({q.bias, k.bias, v.bias}, 0);
        }
        b.proj = takeLinear(w, p + "attn.proj", d, d);
        b.fc1 = takeLinear(w, p + "mlp.0", d, c.mlpDim);
        b.fc2 = takeLinear(w, p + "mlp.2", c.mlpDim, d);
        m_blocks.push_back(std::move(b));
    }
}

void ClipVision::to(const torch::Device& device) {
    for (torch::Tensor* t : {&m_patchWeight, &m_cls, &m_pos, &m_preNormWeight, &m_preNormBias,
                             &m_postNormWeight, &m_postNormBias, &m_head})
        if (t->defined()) *t = t->to(device);
    for (Block& b : m_blocks) {
        for (torch::Tensor* t : {&b.norm1Weight, &b.norm1Bias, &b.norm2Weight, &b.norm2Bias,
                                 &b.qkv.weight, &b.qkv.bias, &b.proj.weight, &b.proj.bias,
                                 &b.fc1.weight, &b.fc1.bias, &b.fc2.weight, &b.fc2.bias})
            if (t->defined()) *t = t->to(device);
    }
}

torch::Tensor ClipVision::block(const Block& b, const torch::Tensor& x, Trace* trace,
                                const std::string& name) const {
    const int64_t n = x.size(0), s = x.size(1), h = m_config.heads, hd = m_config.dim / h;
    // q, k, v from one projection, read as [3, heads, head_dim].
    const auto qkv = b.qkv(layerNorm(x, b.norm1Weight, b.norm1Bias)).view({n, s, 3, h, hd});
    const auto q = qkv.select(2, 0).transpose(1, 2);
    const auto k = qkv.select(2, 1).transpose(1, 2);
    const auto v = qkv.select(2, 2).transpose(1, 2);
    const auto weights = torch::softmax(
        torch::matmul(q, k.transpose(-2, -1)) / std::sqrt(static_cast<double>(hd)), -1);
    const auto attn =
        b.proj(torch::matmul(weights, v).transpose(1, 2).reshape({n, s, m_config.dim}));
    auto y = x + attn;
    const auto mlp = b.fc2(torch::gelu(b.fc1(layerNorm(y, b.norm2Weight, b.norm2Bias))));
    y = y + mlp;
    if (trace && name == "block0") {
        (*trace)["block0.attn_out"] = attn;
        (*trace)["block0.mlp_out"] = mlp;
    }
    return y;
}

torch::Tensor ClipVision::forward(const std::vector<torch::Tensor>& images, Trace* trace,
                                  bool allBlocks) const {
    if (images.empty()) throw Error("the CLIP image tower needs at least one image");
    const int64_t size = m_config.imageSize;
    std::vector<torch::Tensor> frames;
    for (const auto& image : images) {
        if (image.dim() != 4 || image.size(0) != 3)
            throw Error("the CLIP image tower takes images [3, T, H, W]");
        // [3, T, H, W] -> [T, 3, size, size]: bicubic, no antialias, aspect not kept.
        frames.push_back(torch::nn::functional::interpolate(
            image.to(torch::kFloat).transpose(0, 1), torch::nn::functional::InterpolateFuncOptions()
                                                         .size(std::vector<int64_t>{size, size})
                                                         .mode(torch::kBicubic)
                                                         .align_corners(false)));
    }
    auto x = torch::cat(frames, 0) * 0.5 + 0.5;  // nothing clamps bicubic's overshoot
    if (trace) (*trace)["pixels_01"] = x;
    const auto options = x.options();
    x = (x - torch::tensor({kMean[0], kMean[1], kMean[2]}, options).view({1, 3, 1, 1})) /
        torch::tensor({kStd[0], kStd[1], kStd[2]}, options).view({1, 3, 1, 1});
    if (trace) (*trace)["pixels_normalized"] = x;
    x = torch::conv2d(x, as(m_patchWeight, x), {}, m_config.patch);
    if (trace) (*trace)["patch_embedding_out"] = x;
    const int64_t n = x.size(0);
    x = x.flatten(2).transpose(1, 2);  // patches row by row
    x = torch::cat({as(m_cls, x).expand({n, 1, m_config.dim}), x}, 1) + as(m_pos, x);
    if (trace) (*trace)["tokens_plus_pos"] = x;
    x = layerNorm(x, m_preNormWeight, m_preNormBias);
    if (trace) (*trace)["pre_norm_out"] = x;
    const std::size_t used = m_blocks.size() - 1;
    for (std::size_t i = 0; i < used; ++i) {
        x = block(m_blocks[i], x, trace, "block" + std::to_string(i));
        if (trace) (*trace)["block" + std::to_string(i) + "_out"] = x;
    }
    if (allBlocks && trace) (*trace)["all_blocks_out"] = block(m_blocks.back(), x, nullptr, "");
    return x;
}

}  // namespace kinora::wan
