#include "models/wan/wan_vae.h"

#include <atomic>
#include <cmath>
#include <functional>

#include "util/error.h"

namespace kinora::wan {

namespace {

// Bytes of input one piece of a large convolution reads at once (see bandRows): the
// decoder's last stages hold 96-192 channels of whole 480p frames, and a convolution, its
// zero-padded input and the norm before it would otherwise each make a full-size copy.
std::atomic<int64_t> g_bandBytes{int64_t{64} << 20};

// Rows of `rowBytes` each that fit the band budget (at least one).
int64_t bandRows(int64_t rowBytes) {
    return std::max<int64_t>(1, g_bandBytes.load() / std::max<int64_t>(1, rowBytes));
}

// A function applied to a convolution's input pixel by pixel (a norm over channels and an
// activation), run band by band with the convolution so the full-size result never exists.
using PixelOp = std::function<torch::Tensor(const torch::Tensor&)>;

torch::Tensor applyOp(const PixelOp& op, const torch::Tensor& x) {
    return op ? op(x) : x;
}

// A causal 3D convolution: time padded on the left only, by the last kt-1 frames the
// previous chunk fed it (zeros at the start), space padded symmetrically with zeros. Runs in
// bands of output rows (each reading its rows plus the kernel's halo), so its memory is the
// output plus one band whatever the frame size; the result is the same convolution.
struct CausalConv {
    torch::Tensor w, b;
    int64_t kt = 1, padH = 0, padW = 0;
    torch::Tensor cache;  // [B, C, kt-1, H, W]: the last inputs, after `pre`

    void reset() { cache = torch::Tensor(); }
    // The convolution of pre(x) [B, C, T, H, W] continuing the stream of earlier chunks.
    torch::Tensor operator()(const torch::Tensor& x, const PixelOp& pre = {}) {
        const int64_t B = x.size(0), C = x.size(1), T = x.size(2), H = x.size(3), W = x.size(4);
        const int64_t keep = kt - 1;
        if (keep > 0 && !cache.defined()) cache = torch::zeros({B, C, keep, H, W}, x.options());
        torch::Tensor next;  // the last `keep` frames of cat(cache, pre(x))
        if (keep > 0 && T < keep)
            next = torch::cat({cache.slice(2, T), applyOp(pre, x)}, 2);
        else if (keep > 0)
            next = pre ? pre(x.slice(2, T - keep)).contiguous() : x.slice(2, T - keep).clone();
        const int64_t rowBytes = C * (T + keep) * W * static_cast<int64_t>(x.element_size());
        const int64_t rows = std::min(H, bandRows(rowBytes));
        auto out = torch::empty({B, w.size(0), T, H, W}, x.options());
        for (int64_t r0 = 0; r0 < H; r0 += rows) {
            const int64_t r1 = std::min(H, r0 + rows);
            const int64_t a = std::max<int64_t>(0, r0 - padH), e = std::min(H, r1 + padH);
            torch::Tensor in = applyOp(pre, x.slice(3, a, e));
            if (keep > 0) in = torch::cat({cache.slice(3, a, e), in}, 2);
            in = torch::constant_pad_nd(in, {0, 0, padH - (r0 - a), padH - (e - r1)});
            out.slice(3, r0, r1).copy_(torch::conv3d(in, w, b, 1, at::IntArrayRef{0, 0, padW}));
        }
        if (keep > 0) cache = next;
        return out;
    }
};

// Nearest 2x upsampling in space then a 3x3 convolution (padding 1), frame by frame and in
// bands of rows: x [B, C, T, H, W] -> [B, C', T, 2H, 2W] without the 4x-sized upsampled copy.
torch::Tensor upsampleConv(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
    const int64_t B = x.size(0), C = x.size(1), T = x.size(2), H = x.size(3), W = x.size(4);
    const int64_t rows =
        std::min(H, bandRows(C * 4 * 2 * W * static_cast<int64_t>(x.element_size())));
    auto out = torch::empty({B, w.size(0), T, 2 * H, 2 * W}, x.options());
    for (int64_t t = 0; t < T; ++t) {
        const auto frame = x.select(2, t);
        for (int64_t s0 = 0; s0 < H; s0 += rows) {
            const int64_t s1 = std::min(H, s0 + rows);
            const int64_t a = std::max<int64_t>(0, s0 - 1), e = std::min(H, s1 + 1);
            // One source row of context each side (a zero row at the frame's edges): its
            // upsampled rows hold the one row of padding each output row needs.
            const auto src =
                torch::constant_pad_nd(frame.slice(2, a, e), {0, 0, 1 - (s0 - a), 1 - (e - s1)});
            const auto up = src.repeat_interleave(2, 2).repeat_interleave(2, 3);
            const auto y = torch::conv2d(up, w, b, 1, at::IntArrayRef{0, 1});
            out.select(2, t).slice(2, 2 * s0, 2 * s1).copy_(y.slice(2, 1, 1 + 2 * (s1 - s0)));
        }
    }
    return out;
}

CausalConv loadConv(WanWeights& w, const std::string& p, int64_t in, int64_t out, int64_t k) {
    CausalConv c;
    c.w = w.takeFloat(p + ".weight", {out, in, k, k, k});
    c.b = w.takeFloat(p + ".bias", {out});
    c.kt = k;
    c.padH = c.padW = k / 2;
    return c;
}

// F.normalize over channels, times sqrt(C) and the gain.
torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& gamma) {
    const double scale = std::sqrt(static_cast<double>(x.size(1)));
    const auto norm = x.norm(2, {1}, true).clamp_min(1e-12);
    return x / norm * scale * gamma;
}

// [B, C, T, H, W] <-> [(B T), C, H, W]
torch::Tensor frames2d(const torch::Tensor& x) {
    return x.permute({0, 2, 1, 3, 4})
        .reshape({x.size(0) * x.size(2), x.size(1), x.size(3), x.size(4)});
}
torch::Tensor frames3d(const torch::Tensor& x, int64_t b) {
    return x.reshape({b, x.size(0) / b, x.size(1), x.size(2), x.size(3)}).permute({0, 2, 1, 3, 4});
}

}  // namespace

struct WanVAE::Layer {
    /// Block: a Wan 2.2 down or up block, its layers plus a parameter-free shortcut.
    enum Kind { Residual, Attention, Down2d, Down3d, Up2d, Up3d, Block } kind = Residual;
    // Residual
    torch::Tensor gamma1, gamma2;
    CausalConv conv1, conv2, shortcut;
    bool hasShortcut = false;
    // Attention
    torch::Tensor normGamma, qkvW, qkvB, projW, projB;
    // Resample
    torch::Tensor rW, rB;
    CausalConv timeConv;
    bool first = true;
    torch::Tensor lastFrame;
    // Block
    std::vector<Layer> inner;
    enum Shortcut { NoShortcut, AvgDown, DupUp } shortcutKind = NoShortcut;
    int64_t factorT = 1, factorS = 1, shortcutIn = 0, shortcutOut = 0;

    void reset() {
        conv1.reset();
        conv2.reset();
        timeConv.reset();
        first = true;
        lastFrame = torch::Tensor();
        for (auto& l : inner) l.reset();
    }

    // Whether the layer needs the frames of a chunk together (it pairs them in time).
    bool pairsFrames() const {
        if (kind == Down3d) return true;
        if (kind != Block) return false;
        if (shortcutKind == AvgDown && factorT > 1) return true;
        for (const auto& l : inner)
            if (l.pairsFrames()) return true;
        return false;
    }

    // AvgDown3D: zeros in front up to a multiple of the time factor, each (t, y, x)
    // neighbourhood folded into channels (channel, t, y, x), consecutive groups averaged.
    torch::Tensor averageDown(const torch::Tensor& x) const {
        const int64_t ft = factorT, fs = factorS;
        const int64_t padT = (ft - x.size(2) % ft) % ft;
        const auto p = padT > 0 ? torch::constant_pad_nd(x, {0, 0, 0, 0, padT, 0}) : x;
        const int64_t B = p.size(0), C = p.size(1), T = p.size(2) / ft, H = p.size(3) / fs,
                      W = p.size(4) / fs;
        return p.view({B, C, T, ft, H, fs, W, fs})
            .permute({0, 1, 3, 5, 7, 2, 4, 6})
            .reshape({B, shortcutOut, C * ft * fs * fs / shortcutOut, T, H, W})
            .mean(2);
    }

    // DupUp3D: every channel repeated, the copies unfolded into (t, y, x) blocks; the
    // stream's first call drops the first (time factor - 1) frames.
    torch::Tensor duplicateUp(const torch::Tensor& x, bool firstCall) const {
        const int64_t ft = factorT, fs = factorS;
        const int64_t B = x.size(0), T = x.size(2), H = x.size(3), W = x.size(4);
        auto y = x.repeat_interleave(shortcutOut * ft * fs * fs / shortcutIn, 1)
                     .view({B, shortcutOut, ft, fs, fs, T, H, W})
                     .permute({0, 1, 5, 2, 6, 3, 7, 4})
                     .reshape({B, shortcutOut, T * ft, H * fs, W * fs});
        return firstCall ? y.slice(2, ft - 1) : y;
    }

    torch::Tensor forward(const torch::Tensor& x) {
        switch (kind) {
            case Block: {
                torch::Tensor y = x;
                for (auto& l : inner) y = l.forward(y);
                if (shortcutKind == AvgDown) y = y + averageDown(x);
                if (shortcutKind == DupUp) y = y + duplicateUp(x, first);
                first = false;
                return y;
            }
            case Residual: {
                auto y = conv1(
                    x, [this](const torch::Tensor& t) { return torch::silu(rmsNorm(t, gamma1)); });
                y = conv2(
                    y, [this](const torch::Tensor& t) { return torch::silu(rmsNorm(t, gamma2)); });
                return y.add_(hasShortcut ? shortcut(x) : x);
            }
            case Attention: {
                const int64_t b = x.size(0), c = x.size(1), t = x.size(2), hh = x.size(3),
                              ww = x.size(4);
                auto f = rmsNorm(frames2d(x), normGamma);
                auto qkv =
                    torch::conv2d(f, qkvW, qkvB).reshape({b * t, 3 * c, hh * ww}).transpose(1, 2);
                auto parts = qkv.chunk(3, -1);  // [bt, HW, C] each
                const auto scores = torch::matmul(parts[0], parts[1].transpose(1, 2)) /
                                    std::sqrt(static_cast<double>(c));
                auto y = torch::matmul(torch::softmax(scores, -1), parts[2]);
                y = y.transpose(1, 2).reshape({b * t, c, hh, ww});
                y = torch::conv2d(y, projW, projB);
                return frames3d(y, b) + x;
            }
            case Down2d:
            case Down3d: {
                const int64_t b = x.size(0);
                auto f = torch::constant_pad_nd(frames2d(x), {0, 1, 0, 1});
                auto y = frames3d(torch::conv2d(f, rW, rB, 2), b);
                if (kind == Down2d) return y;
                if (first) {
                    first = false;
                    lastFrame = y.slice(2, y.size(2) - 1).clone();
                    return y;
                }
                const auto in = torch::cat({lastFrame, y}, 2);
                lastFrame = y.slice(2, y.size(2) - 1).clone();
                return torch::conv3d(in, timeConv.w, timeConv.b, {2, 1, 1});
            }
            case Up2d:
            case Up3d: {
                torch::Tensor y = x;
                if (kind == Up3d) {
                    if (first) {
                        first = false;  // the stream's first frame is not doubled in time
                    } else {
                        const int64_t b = x.size(0), c = x.size(1), t = x.size(2);
                        auto z = timeConv(x).reshape({b, 2, c, t, x.size(3), x.size(4)});
                        y = torch::stack({z.select(1, 0), z.select(1, 1)}, 3)
                                .reshape({b, c, 2 * t, x.size(3), x.size(4)});
                    }
                }
                return upsampleConv(y, rW, rB);
            }
        }
        return x;
    }
};

namespace {

WanVAE::Layer loadLayer(WanWeights& w, const std::string& p, int64_t& channels, bool decoder) {
    WanVAE::Layer l;
    if (w.has(p + "residual.0.gamma")) {
        l.kind = WanVAE::Layer::Residual;
        const int64_t in = w.shape(p + "residual.0.gamma").at(0);
        if (in != channels)
            throw Error("the VAE's " + p + " expects " + std::to_string(in) +
                            " channels, the layer before gives " + std::to_string(channels),
                        ErrorKind::ModelLoad);
        const int64_t out = w.shape(p + "residual.2.weight").at(0);
        l.gamma1 = w.takeFloat(p + "residual.0.gamma", {in, 1, 1, 1});
        l.conv1 = loadConv(w, p + "residual.2", in, out, 3);
        l.gamma2 = w.takeFloat(p + "residual.3.gamma", {out, 1, 1, 1});
        l.conv2 = loadConv(w, p + "residual.6", out, out, 3);
        if (in != out) {
            l.hasShortcut = true;
            l.shortcut = loadConv(w, p + "shortcut", in, out, 1);
        }
        channels = out;
    } else if (w.has(p + "to_qkv.weight")) {
        l.kind = WanVAE::Layer::Attention;
        const int64_t c = channels;
        l.normGamma = w.takeFloat(p + "norm.gamma", {c, 1, 1});
        l.qkvW = w.takeFloat(p + "to_qkv.weight", {3 * c, c, 1, 1});
        l.qkvB = w.takeFloat(p + "to_qkv.bias", {3 * c});
        l.projW = w.takeFloat(p + "proj.weight", {c, c, 1, 1});
        l.projB = w.takeFloat(p + "proj.bias", {c});
    } else if (w.has(p + "resample.1.weight")) {
        const int64_t c = channels;
        const bool time = w.has(p + "time_conv.weight");
        if (!decoder) {
            l.kind = time ? WanVAE::Layer::Down3d : WanVAE::Layer::Down2d;
            l.rW = w.takeFloat(p + "resample.1.weight", {c, c, 3, 3});
            l.rB = w.takeFloat(p + "resample.1.bias", {c});
            if (time) {
                l.timeConv.w = w.takeFloat(p + "time_conv.weight", {c, c, 3, 1, 1});
                l.timeConv.b = w.takeFloat(p + "time_conv.bias", {c});
            }
        } else {
            l.kind = time ? WanVAE::Layer::Up3d : WanVAE::Layer::Up2d;
            if (time) {
                l.timeConv.w = w.takeFloat(p + "time_conv.weight", {2 * c, c, 3, 1, 1});
                l.timeConv.b = w.takeFloat(p + "time_conv.bias", {2 * c});
                l.timeConv.kt = 3;
            }
            // Wan 2.1 halves the width here, Wan 2.2 keeps it.
            const int64_t out = w.shape(p + "resample.1.weight").at(0);
            l.rW = w.takeFloat(p + "resample.1.weight", {out, c, 3, 3});
            l.rB = w.takeFloat(p + "resample.1.bias", {out});
            channels = out;
        }
    } else {
        throw Error("the VAE layer " + p + " is of no kind this VAE knows", ErrorKind::ModelLoad);
    }
    return l;
}

// A Wan 2.2 block: `<p>downsamples.M.` (encoder) or `<p>upsamples.M.` layers, and when it
// resamples, the parameter-free shortcut from its input.
WanVAE::Layer loadBlock(WanWeights& w, const std::string& p, int64_t& channels, bool decoder) {
    WanVAE::Layer b;
    b.kind = WanVAE::Layer::Block;
    b.shortcutIn = channels;
    const std::string inner = p + (decoder ? "upsamples." : "downsamples.");
    bool resamples = false, inTime = false;
    for (int64_t m = 0; w.hasPrefix(inner + std::to_string(m) + "."); ++m) {
        const std::string q = inner + std::to_string(m) + ".";
        if (w.has(q + "resample.1.weight")) {
            resamples = true;
            inTime = w.has(q + "time_conv.weight");
        }
        b.inner.push_back(loadLayer(w, q, channels, decoder));
    }
    if (b.inner.empty())
        throw Error("the VAE block " + p + " holds no layers", ErrorKind::ModelLoad);
    b.shortcutOut = channels;
    // Every encoder block has its averaging shortcut (a block that does not resample
    // averages channel groups only, or adds its input as it is); a decoder block that does
    // not resample has none.
    if (resamples || !decoder) {
        b.shortcutKind = decoder ? WanVAE::Layer::DupUp : WanVAE::Layer::AvgDown;
        b.factorT = inTime ? 2 : 1;
        b.factorS = resamples ? 2 : 1;
        const int64_t f = b.factorT * b.factorS * b.factorS;
        const bool fits = decoder ? (b.shortcutOut * f) % b.shortcutIn == 0
                                  : (b.shortcutIn * f) % b.shortcutOut == 0;
        if (!fits)
            throw Error("the VAE block " + p + " goes from " + std::to_string(b.shortcutIn) +
                            " to " + std::to_string(b.shortcutOut) +
                            " channels, which its shortcut cannot",
                        ErrorKind::ModelLoad);
    }
    return b;
}

}  // namespace

// One side of the VAE: conv1, the body (encoder: downsamples then middle; decoder: middle
// then upsamples), the head (norm, SiLU, conv).
struct WanVAE::Side {
    CausalConv conv1, head;
    torch::Tensor headGamma;
    std::vector<Layer> body;
    std::vector<std::string> bodyGroup;  // "downsamples", "middle", "upsamples" per layer
    int64_t inChannels = 0, outChannels = 0;

    void reset() {
        conv1.reset();
        head.reset();
        for (auto& l : body) l.reset();
    }

    // Runs one chunk; records the fixtures' stage outputs under `tag` ("enc"/"dec").
    torch::Tensor forward(const torch::Tensor& x, const std::string& tag,
                          std::map<std::string, std::vector<torch::Tensor>>* trace) {
        auto y = conv1(x);
        if (trace) (*trace)[tag + "_conv1_out"].push_back(y);
        return run(0, std::move(y), tag, trace);
    }

    // Whether every layer from `i` on (and the head) treats time causally frame by frame,
    // so that a chunk can go through them one frame at a time with the same result: all but
    // the encoder's time downsampler, which pairs frames.
    bool framewiseFrom(std::size_t i) const {
        for (; i < body.size(); ++i)
            if (body[i].pairsFrames()) return false;
        return true;
    }

    // Layers `from`.. and the head. Where a chunk holds several frames and the rest is
    // framewise, the frames go through it one after the other (depth first), so the large
    // full-resolution activations exist for one frame, not four.
    torch::Tensor run(std::size_t from, torch::Tensor y, const std::string& tag,
                      std::map<std::string, std::vector<torch::Tensor>>* trace) {
        for (std::size_t i = from; i < body.size(); ++i) {
            if (y.size(2) > 1 && framewiseFrom(i)) {
                std::vector<torch::Tensor> frames;
                for (int64_t t = 0; t < y.size(2); ++t)
                    frames.push_back(run(i, y.slice(2, t, t + 1), tag, trace));
                return torch::cat(frames, 2);
            }
            y = body[i].forward(y);
            const auto k = body[i].kind;
            if (trace && k == Layer::Block)
                (*trace)[tag + (bodyGroup[i] == "upsamples" ? "_up" : "_down") +
                         std::to_string(blockIndex(i)) + "_out"]
                    .push_back(y);
            else if (trace && k != Layer::Residual && k != Layer::Attention)
                (*trace)[tag + "_resample" + std::to_string(resampleIndex(i)) + "_out"].push_back(
                    y);
            if (trace && bodyGroup[i] == "middle" &&
                (i + 1 == body.size() || bodyGroup[i + 1] != "middle"))
                (*trace)[tag + "_middle_out"].push_back(y);
        }
        return head(y,
                    [this](const torch::Tensor& t) { return torch::silu(rmsNorm(t, headGamma)); });
    }

    // The index of layer `i` among the blocks (Wan 2.2).
    int blockIndex(std::size_t i) const {
        int n = 0;
        for (std::size_t j = 0; j < i; ++j)
            if (body[j].kind == Layer::Block) ++n;
        return n;
    }

    // The index of layer `i` among the resamplers.
    int resampleIndex(std::size_t i) const {
        int n = 0;
        for (std::size_t j = 0; j < i; ++j)
            if (body[j].kind != Layer::Residual && body[j].kind != Layer::Attention &&
                body[j].kind != Layer::Block)
                ++n;
        return n;
    }
};

namespace {

std::unique_ptr<WanVAE::Side> loadSide(WanWeights& w, const std::string& side, int64_t inChannels) {
    const bool decoder = side == "decoder";
    auto s = std::make_unique<WanVAE::Side>();
    const auto c1 = w.shape(side + ".conv1.weight");
    if (c1.size() != 5 || c1[1] != inChannels)
        throw Error("the VAE's " + side + ".conv1.weight has shape " + shapeString(c1) +
                        ", expected " + std::to_string(inChannels) + " input channels",
                    ErrorKind::ModelLoad);
    int64_t channels = c1[0];
    s->inChannels = inChannels;
    s->conv1 = loadConv(w, side + ".conv1", inChannels, channels, 3);
    for (const std::string& group : decoder ? std::vector<std::string>{"middle", "upsamples"}
                                            : std::vector<std::string>{"downsamples", "middle"}) {
        for (int64_t i = 0;; ++i) {
            const std::string p = side + "." + group + "." + std::to_string(i) + ".";
            if (!w.hasPrefix(p)) break;
            // Wan 2.2 groups its down and up layers in blocks (downsamples.K.downsamples.M).
            const bool block = group != "middle" && w.hasPrefix(p + group + ".");
            s->body.push_back(block ? loadBlock(w, p, channels, decoder)
                                    : loadLayer(w, p, channels, decoder));
            s->bodyGroup.push_back(group);
        }
    }
    s->headGamma = w.takeFloat(side + ".head.0.gamma", {channels, 1, 1, 1});
    const auto h = w.shape(side + ".head.2.weight");
    s->outChannels = h.at(0);
    s->head = loadConv(w, side + ".head.2", channels, s->outChannels, 3);
    return s;
}

}  // namespace

const std::vector<float>& wan21LatentMean() {
    static const std::vector<float> v = {-0.7571f, -0.7089f, -0.9113f, 0.1075f,  -0.1745f, 0.9653f,
                                         -0.1517f, 1.5508f,  0.4134f,  -0.0715f, 0.5517f,  -0.3632f,
                                         -0.1922f, -0.9497f, 0.2503f,  -0.2921f};
    return v;
}

const std::vector<float>& wan21LatentStd() {
    static const std::vector<float> v = {2.8184f, 1.4541f, 2.3275f, 2.6558f, 1.2196f, 1.7708f,
                                         2.6052f, 2.0743f, 3.2687f, 2.1526f, 2.8652f, 1.5579f,
                                         1.6382f, 1.1253f, 2.8251f, 1.916f};
    return v;
}

const std::vector<float>& wan22LatentMean() {
    static const std::vector<float> v = {
        -0.2289f, -0.0052f, -0.1323f, -0.2339f, -0.2799f, 0.0174f,  0.1838f,  0.1557f,
        -0.1382f, 0.0542f,  0.2813f,  0.0891f,  0.157f,   -0.0098f, 0.0375f,  -0.1825f,
        -0.2246f, -0.1207f, -0.0698f, 0.5109f,  0.2665f,  -0.2108f, -0.2158f, 0.2502f,
        -0.2055f, -0.0322f, 0.1109f,  0.1567f,  -0.0729f, 0.0899f,  -0.2799f, -0.123f,
        -0.0313f, -0.1649f, 0.0117f,  0.0723f,  -0.2839f, -0.2083f, -0.052f,  0.3748f,
        0.0152f,  0.1957f,  0.1433f,  -0.2944f, 0.3573f,  -0.0548f, -0.1681f, -0.0667f};
    return v;
}

const std::vector<float>& wan22LatentStd() {
    static const std::vector<float> v = {
        0.4765f, 1.0364f, 0.4514f, 1.1677f, 0.5313f, 0.499f,  0.4818f, 0.5013f, 0.8158f, 1.0344f,
        0.5894f, 1.0901f, 0.6885f, 0.6165f, 0.8454f, 0.4978f, 0.5759f, 0.3523f, 0.7135f, 0.6804f,
        0.5833f, 1.4146f, 0.8986f, 0.5659f, 0.7069f, 0.5338f, 0.4889f, 0.4917f, 0.4069f, 0.4999f,
        0.6866f, 0.4093f, 0.5709f, 0.6065f, 0.6415f, 0.4944f, 0.5726f, 1.2042f, 0.5458f, 1.6887f,
        0.3971f, 1.06f,   0.3943f, 0.5537f, 0.5444f, 0.4089f, 0.7468f, 0.7744f};
    return v;
}

WanVAE::WanVAE(WanWeights& w) {
    m_zDim = w.shape("conv2.weight").at(0);
    // Wan 2.2 (TI2V-5B): blocks of layers (encoder.downsamples.K.downsamples.M), 48 latent
    // channels, 2x2 pixels folded into channels before the encoder: 16x in space.
    m_version = w.hasPrefix("encoder.downsamples.0.downsamples.") ? 22 : 21;
    m_patch = m_version == 22 ? 2 : 1;
    const int64_t expectedZ = m_version == 22 ? 48 : 16;
    if (m_zDim != expectedZ)
        throw Error(std::string("this is not a Wan ") + (m_version == 22 ? "2.2" : "2.1") +
                        " VAE: its latents have " + std::to_string(m_zDim) + " channels, not " +
                        std::to_string(expectedZ),
                    ErrorKind::ModelLoad);
    m_conv1W = w.takeFloat("conv1.weight", {2 * m_zDim, 2 * m_zDim, 1, 1, 1});
    m_conv1B = w.takeFloat("conv1.bias", {2 * m_zDim});
    m_conv2W = w.takeFloat("conv2.weight", {m_zDim, m_zDim, 1, 1, 1});
    m_conv2B = w.takeFloat("conv2.bias", {m_zDim});
    const int64_t pixels = 3 * m_patch * m_patch;
    m_encoder = loadSide(w, "encoder", pixels);
    if (m_encoder->outChannels != 2 * m_zDim)
        throw Error("the VAE encoder gives " + std::to_string(m_encoder->outChannels) +
                        " channels, its conv1 expects " + std::to_string(2 * m_zDim),
                    ErrorKind::ModelLoad);
    m_decoder = loadSide(w, "decoder", m_zDim);
    if (m_decoder->outChannels != pixels)
        throw Error("the VAE decoder does not give RGB", ErrorKind::ModelLoad);
    m_dim = w.shape("encoder.conv1.weight").at(0);
    m_mean = torch::tensor(m_version == 22 ? wan22LatentMean() : wan21LatentMean());
    m_invStd = 1.0f / torch::tensor(m_version == 22 ? wan22LatentStd() : wan21LatentStd());
}

WanVAE::~WanVAE() = default;

int64_t WanVAE::bandBytes() {
    return g_bandBytes.load();
}

void WanVAE::setBandBytes(int64_t bytes) {
    g_bandBytes.store(std::max<int64_t>(1, bytes));
}

void WanVAE::to(const torch::Device& device) {
    auto move = [&](torch::Tensor& t) {
        if (t.defined()) t = t.to(device);
    };
    for (auto* t : {&m_mean, &m_invStd, &m_conv1W, &m_conv1B, &m_conv2W, &m_conv2B}) move(*t);
    for (Side* s : {m_encoder.get(), m_decoder.get()}) {
        for (CausalConv* c : {&s->conv1, &s->head}) {
            move(c->w);
            move(c->b);
        }
        move(s->headGamma);
        std::function<void(Layer&)> moveLayer = [&](Layer& l) {
            for (auto* t : {&l.gamma1, &l.gamma2, &l.normGamma, &l.qkvW, &l.qkvB, &l.projW,
                            &l.projB, &l.rW, &l.rB})
                move(*t);
            for (CausalConv* c : {&l.conv1, &l.conv2, &l.shortcut, &l.timeConv}) {
                move(c->w);
                move(c->b);
            }
            for (auto& i : l.inner) moveLayer(i);
        };
        for (auto& l : s->body) moveLayer(l);
    }
}

torch::Tensor WanVAE::encode(const torch::Tensor& video, Trace* trace) const {
    if (video.dim() != 4 || video.size(0) != 3)
        throw Error("the VAE encodes video [3, T, H, W], not " + shapeString(video.sizes()));
    const int64_t T = video.size(1), H = video.size(2), W = video.size(3);
    if ((T - 1) % 4 != 0) throw Error("the VAE encodes 1 + 4k frames, not " + std::to_string(T));
    const int64_t factor = spatialFactor();
    if (H % factor != 0 || W % factor != 0)
        throw Error("the VAE needs sizes that are multiples of " + std::to_string(factor));
    const auto device = m_conv1W.device();
    auto x = video.to(device, torch::kFloat).unsqueeze(0);
    if (m_patch > 1) {
        // Each p x p square of pixels into channels: channel c*p*p + r*p + q holds pixel
        // (p*h + q, p*w + r) of colour c (column offset before row offset).
        const int64_t p = m_patch;
        x = x.view({1, 3, T, H / p, p, W / p, p})
                .permute({0, 1, 6, 4, 2, 3, 5})
                .reshape({1, 3 * p * p, T, H / p, W / p});
        if (trace) (*trace)["inter.patchified"] = x.squeeze(0);
    }
    std::map<std::string, std::vector<torch::Tensor>> parts;
    auto* tp = trace ? &parts : nullptr;
    m_encoder->reset();
    std::vector<torch::Tensor> outs;
    for (int64_t i = 0; i < 1 + (T - 1) / 4; ++i) {
        const auto chunk = i == 0 ? x.slice(2, 0, 1) : x.slice(2, 1 + 4 * (i - 1), 1 + 4 * i);
        outs.push_back(m_encoder->forward(chunk, "enc", tp));
    }
    m_encoder->reset();
    const auto out = torch::cat(outs, 2);
    const auto moments = torch::conv3d(out, m_conv1W, m_conv1B);
    const auto mu = moments.slice(1, 0, m_zDim);
    const auto latent =
        (mu - m_mean.view({1, m_zDim, 1, 1, 1})) * m_invStd.view({1, m_zDim, 1, 1, 1});
    if (trace) {
        for (auto& [name, list] : parts) (*trace)["inter." + name] = torch::cat(list, 2).squeeze(0);
        (*trace)["inter.encoder_out"] = out.squeeze(0);
        (*trace)["inter.encoder_chunk0_out"] = outs.front().squeeze(0);
        (*trace)["inter.mu"] = mu.squeeze(0);
        (*trace)["inter.log_var"] = moments.slice(1, m_zDim).squeeze(0);
    }
    return latent.squeeze(0);
}

torch::Tensor WanVAE::decode(const torch::Tensor& latents, Trace* trace) const {
    if (latents.dim() != 4 || latents.size(0) != m_zDim)
        throw Error("the VAE decodes latents [" + std::to_string(m_zDim) + ", T, h, w], not " +
                    shapeString(latents.sizes()));
    const auto device = m_conv2W.device();
    auto z = latents.to(device, torch::kFloat).unsqueeze(0);
    z = z / m_invStd.view({1, m_zDim, 1, 1, 1}) + m_mean.view({1, m_zDim, 1, 1, 1});
    const auto x = torch::conv3d(z, m_conv2W, m_conv2B);
    std::map<std::string, std::vector<torch::Tensor>> parts;
    auto* tp = trace ? &parts : nullptr;
    m_decoder->reset();
    std::vector<torch::Tensor> outs;
    for (int64_t i = 0; i < x.size(2); ++i)
        outs.push_back(m_decoder->forward(x.slice(2, i, i + 1), "dec", tp));
    m_decoder->reset();
    auto out = torch::cat(outs, 2).squeeze(0);
    if (trace) {
        for (auto& [name, list] : parts) (*trace)["inter." + name] = torch::cat(list, 2).squeeze(0);
        (*trace)["inter.decode_conv2_out"] = x.squeeze(0);
    }
    if (m_patch > 1) {
        if (trace) (*trace)["inter.decoder_out"] = out;
        const int64_t p = m_patch, T = out.size(1), h = out.size(2), w = out.size(3);
        out =
            out.view({3, p, p, T, h, w}).permute({0, 3, 4, 2, 5, 1}).reshape({3, T, h * p, w * p});
    }
    return out;
}

namespace {

// Tile starts along one axis of `size` cells: every `tile - overlap`, the last flush with the end.
std::vector<int64_t> tileStarts(int64_t size, int64_t tile, int64_t overlap) {
    std::vector<int64_t> starts;
    if (size <= tile) return {0};
    for (int64_t s = 0;; s += tile - overlap) {
        if (s + tile >= size) {
            starts.push_back(size - tile);
            break;
        }
        starts.push_back(s);
    }
    return starts;
}

// Blend weights along one axis of a tile of `n` pixels: ramps of `ramp` pixels on the sides
// that meet a neighbour, 1 elsewhere.
torch::Tensor ramp(int64_t n, int64_t ramp, bool before, bool after) {
    auto w = torch::ones({n});
    for (int64_t i = 0; i < ramp && i < n; ++i) {
        const float v = (static_cast<float>(i) + 0.5f) / static_cast<float>(ramp);
        if (before) w[i] = std::min(w[i].item<float>(), v);
        if (after) w[n - 1 - i] = std::min(w[n - 1 - i].item<float>(), v);
    }
    return w;
}

}  // namespace

torch::Tensor WanVAE::decodeTiled(const torch::Tensor& latents, int64_t tile) const {
    const int64_t h = latents.size(2), w = latents.size(3), f = spatialFactor();
    if (tile <= 0 || (h <= tile && w <= tile)) return decode(latents);
    if (tile < 4) throw Error("VAE tiles must be at least 4 latent cells a side");
    const int64_t overlap = std::max<int64_t>(1, tile / 4);
    const auto ys = tileStarts(h, tile, overlap), xs = tileStarts(w, tile, overlap);
    torch::Tensor out, weight;
    for (std::size_t iy = 0; iy < ys.size(); ++iy) {
        for (std::size_t ix = 0; ix < xs.size(); ++ix) {
            const int64_t th = std::min(tile, h), tw = std::min(tile, w);
            const auto piece =
                decode(latents.slice(2, ys[iy], ys[iy] + th).slice(3, xs[ix], xs[ix] + tw));
            if (!out.defined()) {
                out = torch::zeros({piece.size(0), piece.size(1), f * h, f * w}, piece.options());
                weight = torch::zeros({f * h, f * w}, piece.options());
            }
            const auto wy =
                ramp(f * th, f * overlap, iy > 0, iy + 1 < ys.size()).to(piece.device());
            const auto wx =
                ramp(f * tw, f * overlap, ix > 0, ix + 1 < xs.size()).to(piece.device());
            const auto mask = torch::outer(wy, wx);
            out.slice(2, f * ys[iy], f * (ys[iy] + th)).slice(3, f * xs[ix], f * (xs[ix] + tw)) +=
                piece * mask;
            weight.slice(0, f * ys[iy], f * (ys[iy] + th))
                .slice(1, f * xs[ix], f * (xs[ix] + tw)) += mask;
        }
    }
    return out / weight;
}

}  // namespace kinora::wan
