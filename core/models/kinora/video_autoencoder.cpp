#include "models/kinora/video_autoencoder.h"

#include <cmath>

#include "models/layers.h"

namespace kinora {

namespace {

// Inside the autoencoder activations are laid out [B, T, H, W, C] ("channels last"): the
// norm reduces over the contiguous last axis, 1x1 convolutions are plain matrix products
// over it, and oneDNN runs the 3x3 convolutions without reordering NCHW tensors. On the
// CPU this made encoding a training batch several times faster than the [B, T, C, H, W]
// formulation, with the same parameters and the same function.

torch::Tensor channelNorm(const torch::Tensor& x, const torch::Tensor& weight) {
    // RMS over channels at each (frame, pixel): causal, unlike a GroupNorm over time.
    return x * torch::rsqrt(x.pow(2).mean(-1, true) + 1e-6) * weight;
}

torch::nn::Conv2d conv(int64_t in, int64_t out, int64_t kernel) {
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel).padding(kernel / 2));
}

// A 2D convolution on every frame of [B,T,H,W,C].
torch::Tensor convFrames(const torch::Tensor& x, torch::nn::Conv2d& c) {
    const auto b = x.size(0), t = x.size(1), h = x.size(2), w = x.size(3), ch = x.size(4);
    if (c->weight.size(2) == 1 && c->weight.size(3) == 1)
        return torch::linear(x, c->weight.view({c->weight.size(0), ch}), c->bias);
    // An NCHW view with channels-last strides: oneDNN keeps that layout end to end.
    auto nchw = x.reshape({b * t, h, w, ch}).permute({0, 3, 1, 2});
    auto y = c->forward(nchw).permute({0, 2, 3, 1}).contiguous();
    return y.view({b, t, y.size(1), y.size(2), y.size(3)});
}

// Frames shifted one step later in time, frame 0 repeated (causal padding).
torch::Tensor shiftLater(const torch::Tensor& x) {
    if (x.size(1) == 1) return x;
    return torch::cat({x.narrow(1, 0, 1), x.narrow(1, 0, x.size(1) - 1)}, 1);
}

}  // namespace

torch::Tensor perFrame(const torch::Tensor& x,
                       const std::function<torch::Tensor(const torch::Tensor&)>& op) {
    const auto b = x.size(0), t = x.size(1);
    auto y = op(x.reshape({b * t, x.size(2), x.size(3), x.size(4)}));
    return y.view({b, t, y.size(1), y.size(2), y.size(3)});
}

VaeResBlockImpl::VaeResBlockImpl(int64_t in, int64_t out) {
    m_norm1 = register_parameter("norm1", torch::ones({in}));
    m_conv1 = register_module("conv1", conv(in, out, 3));
    m_norm2 = register_parameter("norm2", torch::ones({out}));
    m_conv2 = register_module("conv2", conv(out, out, 3));
    if (in != out) m_skip = register_module("skip", conv(in, out, 1));
    m_normT = register_parameter("norm_t", torch::ones({out}));
    m_timeConv = register_module("time_conv", conv(3 * out, out, 1));
}

torch::Tensor VaeResBlockImpl::forward(const torch::Tensor& x) {
    auto h = convFrames(torch::silu(channelNorm(x, m_norm1)), m_conv1);
    h = convFrames(torch::silu(channelNorm(h, m_norm2)), m_conv2);
    auto y = (m_skip ? convFrames(x, m_skip) : x) + h;
    // Causal temporal mixing over frames t-2, t-1, t (channels in that order).
    auto n = torch::silu(channelNorm(y, m_normT));
    auto prev1 = shiftLater(n);
    return y + convFrames(torch::cat({shiftLater(prev1), prev1, n}, -1), m_timeConv);
}

VaeResampleImpl::VaeResampleImpl(int64_t in, int64_t out, Direction direction, bool temporal)
    : m_direction(direction), m_temporal(temporal), m_out(out) {
    const int64_t factor = 4 * (temporal ? 2 : 1);
    if (direction == Direction::Down)
        m_proj = register_module("proj", conv(in * factor, out, 1));
    else
        m_proj = register_module("proj", conv(in, out * factor, 1));
}

torch::Tensor VaeResampleImpl::forward(const torch::Tensor& x) {
    const auto b = x.size(0), t = x.size(1), h = x.size(2), w = x.size(3), c = x.size(4);
    if (m_direction == Direction::Down) {
        // Space to depth, channel c*4 + dy*2 + dx (as pixel_unshuffle numbers them).
        auto y = x.reshape({b, t, h / 2, 2, w / 2, 2, c})
                     .permute({0, 1, 2, 4, 6, 3, 5})
                     .reshape({b, t, h / 2, w / 2, 4 * c});
        if (m_temporal) {
            // [f0, f0, f1, ..., f_{T-1}] paired: frame 0 alone, then groups of 2, the
            // earlier frame's channels first.
            y = torch::cat({y.narrow(1, 0, 1), y}, 1);
            const auto pairs = (t + 1) / 2;
            y = y.view({b, pairs, 2, h / 2, w / 2, 4 * c})
                    .permute({0, 1, 3, 4, 2, 5})
                    .reshape({b, pairs, h / 2, w / 2, 8 * c});
        }
        return convFrames(y, m_proj);
    }
    auto y = convFrames(x, m_proj);
    auto tt = t;
    auto cc = y.size(4);
    if (m_temporal) {
        // Each latent frame's channels split into two frames; the first of frame 0's
        // pair is dropped (frame 0 stands alone).
        y = y.view({b, t, h, w, 2, cc / 2})
                .permute({0, 1, 4, 2, 3, 5})
                .reshape({b, 2 * t, h, w, cc / 2})
                .narrow(1, 1, 2 * t - 1);
        tt = 2 * t - 1;
        cc /= 2;
    }
    // Depth to space: channel c*4 + dy*2 + dx goes to (2y+dy, 2x+dx), as pixel_shuffle.
    return y.reshape({b, tt, h, w, cc / 4, 2, 2})
        .permute({0, 1, 2, 5, 3, 6, 4})
        .reshape({b, tt, 2 * h, 2 * w, cc / 4});
}

VaeTextAttentionImpl::VaeTextAttentionImpl(int64_t channels, int64_t textDim)
    : m_heads(channels % 64 == 0 ? channels / 64 : 1) {
    m_norm = register_parameter("norm", torch::ones({channels}));
    m_q = register_module("q", torch::nn::Linear(channels, channels));
    m_kv = register_module("kv", torch::nn::Linear(textDim, 2 * channels));
    m_out = register_module("out", torch::nn::Linear(channels, channels));
    torch::NoGradGuard noGrad;
    m_out->weight.zero_();
    m_out->bias.zero_();
}

torch::Tensor VaeTextAttentionImpl::forward(const torch::Tensor& x, const DecoderText& text) {
    if (!text.defined()) return x;
    const auto b = x.size(0), c = x.size(4);
    TORCH_CHECK(text.states.size(0) == b && text.valid.size(0) == b,
                "decoder text: one caption per clip");
    auto q = splitHeads(m_q->forward(channelNorm(x, m_norm)).reshape({b, -1, c}), m_heads);
    auto kv = m_kv->forward(text.states.to(q.dtype())).chunk(2, -1);
    auto read = mergeHeads(attention(q, splitHeads(kv[0], m_heads), splitHeads(kv[1], m_heads),
                                     keyPaddingMask(text.valid)));
    // A clip without a caption reads nothing (its fully masked row would read an average).
    auto any = text.valid.any(1).to(read.dtype()).view({b, 1, 1});
    return x + (m_out->forward(read) * any).view(x.sizes());
}

VideoAutoencoderImpl::VideoAutoencoderImpl(const VaeConfig& config, int64_t textDim)
    : m_config(config) {
    const auto& ch = config.channels;
    const int levels = static_cast<int>(ch.size());
    const int timeDowns = static_cast<int>(std::lround(std::log2(config.temporalFactor)));
    using Dir = VaeResampleImpl::Direction;

    m_encIn = register_module("enc_in", conv(3, ch[0], 3));
    m_encStages = register_module("enc", torch::nn::ModuleList());
    for (int i = 0; i < levels; ++i) {
        for (int r = 0; r < config.resBlocksPerLevel; ++r)
            m_encStages->push_back(VaeResBlock(ch[i], ch[i]));
        if (i + 1 < levels)
            m_encStages->push_back(VaeResample(ch[i], ch[i + 1], Dir::Down, i < timeDowns));
    }
    m_encStages->push_back(VaeResBlock(ch[levels - 1], ch[levels - 1]));
    m_encNorm = register_parameter("enc_norm", torch::ones({ch[levels - 1]}));
    m_encOut = register_module("enc_out", conv(ch[levels - 1], 2 * config.latentChannels, 3));

    m_decIn = register_module("dec_in", conv(config.latentChannels, ch[levels - 1], 3));
    if (config.textBlocks > 0) {
        m_decText = register_module("dec_text", torch::nn::ModuleList());
        for (int i = 0; i < config.textBlocks; ++i)
            m_decText->push_back(VaeTextAttention(ch[levels - 1], textDim));
    }
    m_decStages = register_module("dec", torch::nn::ModuleList());
    m_decStages->push_back(VaeResBlock(ch[levels - 1], ch[levels - 1]));
    for (int i = levels - 1; i >= 0; --i) {
        for (int r = 0; r < config.resBlocksPerLevel; ++r)
            m_decStages->push_back(VaeResBlock(ch[i], ch[i]));
        if (i > 0)
            m_decStages->push_back(VaeResample(ch[i], ch[i - 1], Dir::Up, i - 1 < timeDowns));
    }
    m_decNorm = register_parameter("dec_norm", torch::ones({ch[0]}));
    m_decOut = register_module("dec_out", conv(ch[0], 3, 3));

    m_previewWeight =
        register_parameter("preview_weight", torch::randn({3, config.latentChannels}) * 0.3);
    m_previewBias = register_parameter("preview_bias", torch::zeros({3}));
}

torch::Tensor VideoAutoencoderImpl::runStages(torch::nn::ModuleList& stages, torch::Tensor x,
                                              const DecoderText& text) {
    // Text block i (if any) reads the caption just before stage i: the first stages are
    // residual blocks at latent resolution (ModelConfig::validate keeps the blocks there).
    const auto blocks = m_decText && text.defined() ? m_decText->children()
                                                    : std::vector<std::shared_ptr<Module>>{};
    std::size_t i = 0;
    for (const auto& stage : stages->children()) {
        if (i < blocks.size()) x = blocks[i]->as<VaeTextAttention>()->forward(x, text);
        ++i;
        if (auto* res = stage->as<VaeResBlock>())
            x = res->forward(x);
        else
            x = stage->as<VaeResample>()->forward(x);
    }
    return x;
}

std::pair<torch::Tensor, torch::Tensor> VideoAutoencoderImpl::encode(const torch::Tensor& video) {
    auto x = convFrames(video.permute({0, 1, 3, 4, 2}).contiguous(), m_encIn);
    x = runStages(m_encStages, x);
    x = convFrames(torch::silu(channelNorm(x, m_encNorm)), m_encOut).permute({0, 1, 4, 2, 3});
    auto parts = x.chunk(2, 2);
    return {parts[0].contiguous(), parts[1].clamp(-20.0, 10.0).contiguous()};
}

torch::Tensor VideoAutoencoderImpl::decode(const torch::Tensor& latents, const DecoderText& text) {
    auto x = convFrames(latents.permute({0, 1, 3, 4, 2}).contiguous(), m_decIn);
    x = runStages(m_decStages, x, text);
    return convFrames(torch::silu(channelNorm(x, m_decNorm)), m_decOut)
        .permute({0, 1, 4, 2, 3})
        .contiguous();
}

int64_t VideoAutoencoderImpl::decoderReach() const {
    // Every residual block looks back two frames at its level's frame rate (in latent
    // frames: 2 / rate); a temporal upsampling doubles that rate.
    double reach = 0.0, rate = 1.0;
    for (const auto& stage : m_decStages->children()) {
        if (stage->as<VaeResBlock>() != nullptr)
            reach += 2.0 / rate;
        else if (stage->as<VaeResample>()->temporal())
            rate *= 2.0;
    }
    return static_cast<int64_t>(std::ceil(reach));
}

torch::Tensor VideoAutoencoderImpl::decodeRange(const torch::Tensor& latents, int64_t from,
                                                int64_t to, const DecoderText& text) {
    const int64_t total = latents.size(1);
    TORCH_CHECK(0 <= from && from < to && to <= total, "decodeRange: bad latent range");
    // The piece starts at least one latent frame early: its first latent frame decodes to
    // a single frame, where every later one decodes to temporalFactor.
    const int64_t start =
        from == 0 ? 0 : std::max<int64_t>(0, from - std::max<int64_t>(1, decoderReach()));
    auto frames = decode(latents.narrow(1, start, to - start), text);
    const int64_t first = from == 0 ? 0 : 1 + m_config.temporalFactor * (from - start - 1);
    return frames.narrow(1, first, frames.size(1) - first).contiguous();
}

torch::Tensor VideoAutoencoderImpl::previewRgb(const torch::Tensor& latents) const {
    // [B,T,C,h,w] x [3,C] -> [B,T,3,h,w]
    auto rgb = torch::einsum("btchw,oc->btohw", {latents, m_previewWeight});
    return rgb + m_previewBias.view({1, 1, 3, 1, 1});
}

}  // namespace kinora
