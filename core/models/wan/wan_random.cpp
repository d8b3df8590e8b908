// Random Wan 2.1 models in the single-file layout, for tests and benchmarks.
#include <filesystem>

#include "models/wan/wan_family.h"
#include "models/wan/wan_tokenizer.h"
#include "util/error.h"
#include "weights/safetensors.h"

namespace kinora::wan {

namespace fs = std::filesystem;

namespace {

// How a tensor starts: a gain near 1, a small bias, or a weight scaled by its fan-in.
enum class Init { Gain, Bias, Weight, Modulation, Embedding };

struct Spec {
    std::string name;
    std::vector<int64_t> shape;
    Init init;
};

struct Sizes {
    int64_t dim, ffn, layers, vaeDim;
    int64_t t5Vocab, t5Dim, t5Attn, t5Ffn, t5Heads, t5Layers;
};

Sizes sizesFor(const std::string& size, bool tinyText) {
    Sizes s{};
    const Sizes tinyT5{0, 0, 0, 0, 512, 64, 64, 128, 4, 2};
    const Sizes umt5{0, 0, 0, 0, 256384, 4096, 4096, 10240, 64, 24};
    const Sizes& text = tinyText ? tinyT5 : umt5;
    if (size == "tiny") {
        s = {128, 256, 2, 16, 0, 0, 0, 0, 0, 0};
        const Sizes t = tinyT5;
        s.t5Vocab = t.t5Vocab, s.t5Dim = t.t5Dim, s.t5Attn = t.t5Attn, s.t5Ffn = t.t5Ffn,
        s.t5Heads = t.t5Heads, s.t5Layers = t.t5Layers;
        return s;
    }
    if (size == "1.3b")
        s = {1536, 8960, 30, 96, 0, 0, 0, 0, 0, 0};
    else if (size == "5b")
        s = {3072, 14336, 30, 160, 0, 0, 0, 0, 0, 0};  // TI2V-5B; its VAE: 160 / 256 wide
    else if (size == "14b")
        s = {5120, 13824, 40, 96, 0, 0, 0, 0, 0, 0};
    else
        throw Error("unknown Wan size '" + size + "' (choose tiny, 1.3b, 5b or 14b)");
    s.t5Vocab = text.t5Vocab, s.t5Dim = text.t5Dim, s.t5Attn = text.t5Attn, s.t5Ffn = text.t5Ffn,
    s.t5Heads = text.t5Heads, s.t5Layers = text.t5Layers;
    return s;
}

void linear(std::vector<Spec>& v, const std::string& p, int64_t in, int64_t out, bool bias = true) {
    v.push_back({p + ".weight", {out, in}, Init::Weight});
    if (bias) v.push_back({p + ".bias", {out}, Init::Bias});
}

// One transformer block's tensors under `b` ("blocks.3.").
void block(std::vector<Spec>& v, const std::string& b, int64_t d, int64_t ffn) {
    v.push_back({b + "modulation", {1, 6, d}, Init::Modulation});
    for (const std::string a : {"self_attn", "cross_attn"}) {
        for (const char* n : {"q", "k", "v", "o"}) linear(v, b + a + "." + n, d, d);
        v.push_back({b + a + ".norm_q.weight", {d}, Init::Gain});
        v.push_back({b + a + ".norm_k.weight", {d}, Init::Gain});
    }
    v.push_back({b + "norm3.weight", {d}, Init::Gain});
    v.push_back({b + "norm3.bias", {d}, Init::Bias});
    linear(v, b + "ffn.0", d, ffn);
    linear(v, b + "ffn.2", ffn, d);
}

// VACE blocks as the released VACE models have them: one per `layers / blocks` main blocks.
int64_t vaceBlocksFor(const Sizes& s) {
    if (s.layers == 30) return 15;  // 1.3B: every other block
    if (s.layers == 40) return 8;   // 14B: every fifth
    return s.layers;                // tiny: every block
}

// The image branch of Wan 2.1 I2V / FLF2V: CLIP features `clipDim` wide (`clipTokens` an
// image: FLF2V's position table holds two images' worth).
struct ImageBranch {
    int64_t clipDim = 0;
    int64_t clipTokens = 0;
    bool firstLast = false;
};

std::vector<Spec> ditSpecs(const Sizes& s, int64_t textDim, bool vace, int64_t inDim = 16,
                           int64_t outDim = 16, const ImageBranch& image = {}) {
    std::vector<Spec> v;
    const int64_t d = s.dim;
    v.push_back({"patch_embedding.weight", {d, inDim, 1, 2, 2}, Init::Weight});
    v.push_back({"patch_embedding.bias", {d}, Init::Bias});
    linear(v, "text_embedding.0", textDim, d);
    linear(v, "text_embedding.2", d, d);
    linear(v, "time_embedding.0", 256, d);
    linear(v, "time_embedding.2", d, d);
    linear(v, "time_projection.1", d, 6 * d);
    for (int64_t i = 0; i < s.layers; ++i) {
        const std::string b = "blocks." + std::to_string(i) + ".";
        block(v, b, d, s.ffn);
        if (image.clipDim > 0) {
            linear(v, b + "cross_attn.k_img", d, d);
            linear(v, b + "cross_attn.v_img", d, d);
            v.push_back({b + "cross_attn.norm_k_img.weight", {d}, Init::Gain});
        }
    }
    if (image.clipDim > 0) {
        const int64_t c = image.clipDim;
        v.push_back({"img_emb.proj.0.weight", {c}, Init::Gain});
        v.push_back({"img_emb.proj.0.bias", {c}, Init::Bias});
        linear(v, "img_emb.proj.1", c, c);
        linear(v, "img_emb.proj.3", c, d);
        v.push_back({"img_emb.proj.4.weight", {d}, Init::Gain});
        v.push_back({"img_emb.proj.4.bias", {d}, Init::Bias});
        if (image.firstLast)
            v.push_back({"img_emb.emb_pos", {1, 2 * image.clipTokens, c}, Init::Embedding});
    }
    if (vace) {
        // The control video's embedding (32 latent + 64 mask channels) and the hint blocks.
        v.push_back({"vace_patch_embedding.weight", {d, 96, 1, 2, 2}, Init::Weight});
        v.push_back({"vace_patch_embedding.bias", {d}, Init::Bias});
        for (int64_t j = 0; j < vaceBlocksFor(s); ++j) {
            const std::string b = "vace_blocks." + std::to_string(j) + ".";
            block(v, b, d, s.ffn);
            if (j == 0) linear(v, b + "before_proj", d, d);
            linear(v, b + "after_proj", d, d);
        }
    }
    v.push_back({"head.modulation", {1, 2, d}, Init::Modulation});
    linear(v, "head.head", d, outDim * 4);
    return v;
}

void conv3d(std::vector<Spec>& v, const std::string& p, int64_t in, int64_t out, int64_t k) {
    v.push_back({p + ".weight", {out, in, k, k, k}, Init::Weight});
    v.push_back({p + ".bias", {out}, Init::Bias});
}

void residual(std::vector<Spec>& v, const std::string& p, int64_t in, int64_t out) {
    v.push_back({p + "residual.0.gamma", {in, 1, 1, 1}, Init::Gain});
    conv3d(v, p + "residual.2", in, out, 3);
    v.push_back({p + "residual.3.gamma", {out, 1, 1, 1}, Init::Gain});
    conv3d(v, p + "residual.6", out, out, 3);
    if (in != out) conv3d(v, p + "shortcut", in, out, 1);
}

void attention(std::vector<Spec>& v, const std::string& p, int64_t c) {
    v.push_back({p + "norm.gamma", {c, 1, 1}, Init::Gain});
    v.push_back({p + "to_qkv.weight", {3 * c, c, 1, 1}, Init::Weight});
    v.push_back({p + "to_qkv.bias", {3 * c}, Init::Bias});
    v.push_back({p + "proj.weight", {c, c, 1, 1}, Init::Weight});
    v.push_back({p + "proj.bias", {c}, Init::Bias});
}

// An encoder's spatial (and, with `time`, temporal) down-sampler under `p`.
void downsampler(std::vector<Spec>& v, const std::string& p, int64_t c, bool time) {
    v.push_back({p + "resample.1.weight", {c, c, 3, 3}, Init::Weight});
    v.push_back({p + "resample.1.bias", {c}, Init::Bias});
    if (time) {
        v.push_back({p + "time_conv.weight", {c, c, 3, 1, 1}, Init::Weight});
        v.push_back({p + "time_conv.bias", {c}, Init::Bias});
    }
}

// The encoder's middle and head to 2z moments, and the 1x1 convolutions around the latent.
void encoderTopAndLatent(std::vector<Spec>& v, int64_t top, int64_t z) {
    residual(v, "encoder.middle.0.", top, top);
    attention(v, "encoder.middle.1.", top);
    residual(v, "encoder.middle.2.", top, top);
    v.push_back({"encoder.head.0.gamma", {top, 1, 1, 1}, Init::Gain});
    conv3d(v, "encoder.head.2", top, 2 * z, 3);
    conv3d(v, "conv1", 2 * z, 2 * z, 1);
    conv3d(v, "conv2", z, z, 1);
}

std::vector<Spec> vaeSpecs(int64_t D) {
    const int64_t z = 16;
    std::vector<Spec> v;
    const int64_t mult[4] = {1, 2, 4, 4};
    const bool downTime[3] = {false, true, true};
    conv3d(v, "encoder.conv1", 3, D, 3);
    int64_t idx = 0, in = D;
    for (int i = 0; i < 4; ++i) {
        const int64_t out = D * mult[i];
        for (int r = 0; r < 2; ++r) {
            residual(v, "encoder.downsamples." + std::to_string(idx++) + ".", in, out);
            in = out;
        }
        if (i != 3)
            downsampler(v, "encoder.downsamples." + std::to_string(idx++) + ".", out, downTime[i]);
    }
    const int64_t top = D * 4;
    encoderTopAndLatent(v, top, z);
    conv3d(v, "decoder.conv1", z, top, 3);
    residual(v, "decoder.middle.0.", top, top);
    attention(v, "decoder.middle.1.", top);
    residual(v, "decoder.middle.2.", top, top);
    const int64_t dims[5] = {4 * D, 4 * D, 4 * D, 2 * D, D};
    const bool upTime[3] = {true, true, false};
    idx = 0;
    for (int i = 0; i < 4; ++i) {
        int64_t cin = i == 0 ? dims[0] : dims[i] / 2;
        const int64_t out = dims[i + 1];
        for (int r = 0; r < 3; ++r) {
            residual(v, "decoder.upsamples." + std::to_string(idx++) + ".", cin, out);
            cin = out;
        }
        if (i != 3) {
            const std::string p = "decoder.upsamples." + std::to_string(idx++) + ".";
            if (upTime[i]) {
                v.push_back({p + "time_conv.weight", {2 * out, out, 3, 1, 1}, Init::Weight});
                v.push_back({p + "time_conv.bias", {2 * out}, Init::Bias});
            }
            v.push_back({p + "resample.1.weight", {out / 2, out, 3, 3}, Init::Weight});
            v.push_back({p + "resample.1.bias", {out / 2}, Init::Bias});
        }
    }
    v.push_back({"decoder.head.0.gamma", {D, 1, 1, 1}, Init::Gain});
    conv3d(v, "decoder.head.2", D, 3, 3);
    return v;
}

// The Wan 2.2 VAE (TI2V-5B): encoder width D, decoder width Dd (released: 160, 256).
std::vector<Spec> vae22Specs(int64_t D, int64_t Dd) {
    const int64_t z = 48;
    std::vector<Spec> v;
    const int64_t mult[4] = {1, 2, 4, 4};
    const bool downTime[3] = {false, true, true};
    conv3d(v, "encoder.conv1", 12, D, 3);
    int64_t in = D;
    for (int i = 0; i < 4; ++i) {
        const int64_t out = D * mult[i];
        const std::string b = "encoder.downsamples." + std::to_string(i) + ".downsamples.";
        for (int r = 0; r < 2; ++r) {
            residual(v, b + std::to_string(r) + ".", in, out);
            in = out;
        }
        if (i != 3) downsampler(v, b + "2.", out, downTime[i]);
    }
    encoderTopAndLatent(v, D * 4, z);
    const int64_t dims[5] = {4 * Dd, 4 * Dd, 4 * Dd, 2 * Dd, Dd};
    conv3d(v, "decoder.conv1", z, dims[0], 3);
    residual(v, "decoder.middle.0.", dims[0], dims[0]);
    attention(v, "decoder.middle.1.", dims[0]);
    residual(v, "decoder.middle.2.", dims[0], dims[0]);
    const bool upTime[3] = {true, true, false};
    for (int i = 0; i < 4; ++i) {
        int64_t cin = dims[i];
        const int64_t out = dims[i + 1];
        const std::string b = "decoder.upsamples." + std::to_string(i) + ".upsamples.";
        for (int r = 0; r < 3; ++r) {
            residual(v, b + std::to_string(r) + ".", cin, out);
            cin = out;
        }
        if (i != 3) {
            const std::string p = b + "3.";
            if (upTime[i]) {
                v.push_back({p + "time_conv.weight", {2 * out, out, 3, 1, 1}, Init::Weight});
                v.push_back({p + "time_conv.bias", {2 * out}, Init::Bias});
            }
            v.push_back({p + "resample.1.weight", {out, out, 3, 3}, Init::Weight});
            v.push_back({p + "resample.1.bias", {out}, Init::Bias});
        }
    }
    v.push_back({"decoder.head.0.gamma", {Dd, 1, 1, 1}, Init::Gain});
    conv3d(v, "decoder.head.2", Dd, 12, 3);
    return v;
}

// A CLIP ViT image tower in the Hugging Face CLIPVisionModel layout (as the repackaged
// clip_vision_h.safetensors): width d, `layers` blocks, `image` pixels a side in 14-pixel
// patches, a projection to `projection`.
std::vector<Spec> clipSpecs(int64_t d, int64_t layers, int64_t mlp, int64_t image,
                            int64_t projection) {
    std::vector<Spec> v;
    const std::string e = "vision_model.embeddings.";
    const int64_t grid = image / 14;
    v.push_back({e + "class_embedding", {d}, Init::Embedding});
    v.push_back({e + "patch_embedding.weight", {d, 3, 14, 14}, Init::Weight});
    v.push_back({e + "position_embedding.weight", {1 + grid * grid, d}, Init::Embedding});
    v.push_back({"vision_model.pre_layrnorm.weight", {d}, Init::Gain});
    v.push_back({"vision_model.pre_layrnorm.bias", {d}, Init::Bias});
    for (int64_t i = 0; i < layers; ++i) {
        const std::string b = "vision_model.encoder.layers." + std::to_string(i) + ".";
        for (const char* p : {"q_proj", "k_proj", "v_proj", "out_proj"})
            linear(v, b + "self_attn." + p, d, d);
        for (const char* n : {"layer_norm1", "layer_norm2"}) {
            v.push_back({b + n + ".weight", {d}, Init::Gain});
            v.push_back({b + n + ".bias", {d}, Init::Bias});
        }
        linear(v, b + "mlp.fc1", d, mlp);
        linear(v, b + "mlp.fc2", mlp, d);
    }
    v.push_back({"vision_model.post_layernorm.weight", {d}, Init::Gain});
    v.push_back({"vision_model.post_layernorm.bias", {d}, Init::Bias});
    v.push_back({"visual_projection.weight", {projection, d}, Init::Weight});
    return v;
}

std::vector<Spec> t5Specs(const Sizes& s) {
    std::vector<Spec> v;
    v.push_back({"shared.weight", {s.t5Vocab, s.t5Dim}, Init::Embedding});
    for (int64_t i = 0; i < s.t5Layers; ++i) {
        const std::string b = "encoder.block." + std::to_string(i) + ".layer.";
        v.push_back({b + "0.layer_norm.weight", {s.t5Dim}, Init::Gain});
        for (const char* n : {"q", "k", "v"})
            v.push_back(
                {b + "0.SelfAttention." + n + ".weight", {s.t5Attn, s.t5Dim}, Init::Weight});
        v.push_back({b + "0.SelfAttention.o.weight", {s.t5Dim, s.t5Attn}, Init::Weight});
        v.push_back(
            {b + "0.SelfAttention.relative_attention_bias.weight", {32, s.t5Heads}, Init::Bias});
        v.push_back({b + "1.layer_norm.weight", {s.t5Dim}, Init::Gain});
        v.push_back({b + "1.DenseReluDense.wi_0.weight", {s.t5Ffn, s.t5Dim}, Init::Weight});
        v.push_back({b + "1.DenseReluDense.wi_1.weight", {s.t5Ffn, s.t5Dim}, Init::Weight});
        v.push_back({b + "1.DenseReluDense.wo.weight", {s.t5Dim, s.t5Ffn}, Init::Weight});
    }
    v.push_back({"encoder.final_layer_norm.weight", {s.t5Dim}, Init::Gain});
    return v;
}

void write(const std::string& path, const std::vector<Spec>& specs, DType dtype, uint64_t seed) {
    std::vector<TensorSpec> list;
    for (const auto& s : specs) list.push_back({s.name, s.shape});
    writeSafetensorsStreamed(path, list, dtype, [&](std::size_t i) {
        const Spec& s = specs[i];
        auto gen = at::detail::createCPUGenerator(seed * 1000003ull + i);
        const auto noise = at::randn(s.shape, gen, torch::kFloat);
        switch (s.init) {
            case Init::Gain:
                return 1.0 + 0.1 * noise;
            case Init::Bias:
                return 0.02 * noise;
            case Init::Modulation:
                return noise / std::sqrt(static_cast<double>(s.shape.back()));
            case Init::Embedding:
                return noise;
            case Init::Weight: {
                int64_t fanIn = 1;
                for (std::size_t k = 1; k < s.shape.size(); ++k) fanIn *= s.shape[k];
                return noise / std::sqrt(static_cast<double>(fanIn));
            }
        }
        return noise;
    });
}

// The words of the small tokenizer: what test prompts say.
std::vector<std::string> words() {
    return {"a",     "an",     "the",       "red",      "fox",   "runs",   "across",   "snowy",
            "field", "at",     "dawn",      "old",      "man",   "woman",  "child",    "white",
            "horse", "city",   "skyline",   "paper",    "boat",  "yellow", "coat",     "small",
            "robot", "waves",  "cat",       "dog",      "walks", "slowly", "through",  "drifts",
            "over",  "looks",  "jumps",     "into",     "turns", "toward", "sits",     "beside",
            "flies", "above",  "crowded",   "market",   "quiet", "lake",   "rainy",    "street",
            "night", "golden", "wheat",     "under",    "storm", "forest", "in",       "autumn",
            "beach", "sunset", "cinematic", "lighting", "slow",  "motion", "handheld", "camera",
            "wide",  "shot",   "close-up",  "soft",     "focus", "film",   "highly",   "detailed",
            "and",   "with",   "of",        "on",       "big",   "ball",   "bounces",  "grass",
            "blue",  "green",  "sky",       "sun",      "moon",  "rain",   "snow",     "light",
            "dark"};
}

}  // namespace

std::vector<std::string> writeRandomWan(const std::string& folder, const std::string& size,
                                        uint64_t seed, const std::string& dtypeName, bool tinyText,
                                        const std::string& kind) {
    const bool image = kind == "i2v" || kind == "flf2v";
    if (kind != "t2v" && kind != "vace" && kind != "a14b" && kind != "a14b-i2v" && kind != "ti2v" &&
        !image)
        throw Error("unknown Wan kind '" + kind +
                    "' (t2v, vace, a14b, a14b-i2v, ti2v, i2v or flf2v)");
    if ((kind == "ti2v" && size != "5b" && size != "tiny") || (kind != "ti2v" && size == "5b"))
        throw Error("Wan 2.2 TI2V comes in 5b (or tiny), the other Wan models in 1.3b or 14b");
    if (image && size == "1.3b") throw Error("Wan 2.1 I2V and FLF2V come in 14b (or tiny)");
    const Sizes s = sizesFor(size, tinyText);
    const DType dtype = parseDType(dtypeName);
    if (dtype != DType::F32 && dtype != DType::F16 && dtype != DType::BF16)
        throw Error("random Wan weights are written as f32, f16 or bf16");
    fs::create_directories(folder);
    const std::string tag = size == "tiny"   ? "tiny"
                            : size == "1.3b" ? "1.3B"
                            : size == "5b"   ? "5B"
                                             : "14B";
    const std::string lower = dtypeName == "F32" || dtypeName == "f32"   ? "fp32"
                              : dtypeName == "F16" || dtypeName == "f16" ? "fp16"
                                                                         : "bf16";
    const std::string dit =
        (fs::path(folder) / ("wan2.1_" + kind + "_" + tag + "_" + lower + ".safetensors")).string();
    const std::string vae = (fs::path(folder) / "wan_2.1_vae.safetensors").string();
    const std::string t5 =
        (fs::path(folder) / ("umt5_xxl_" + std::string(tinyText || size == "tiny" ? "tiny_" : "") +
                             lower + ".safetensors"))
            .string();
    const std::string tok = (fs::path(folder) / "spiece.model").string();
    writeSentencePieceModel(words(), tok);
    write(t5, t5Specs(s), dtype, seed + 1);
    if (kind == "a14b" || kind == "a14b-i2v") {
        // Wan 2.2 T2V- or I2V-A14B as repackaged: two experts of one shape, told apart by
        // name; the image-to-video ones read 36 channels (latent, mask, image latent).
        const bool i2v = kind == "a14b-i2v";
        const std::string stem = i2v ? "wan2.2_i2v_" : "wan2.2_t2v_";
        const std::string tail = "_" + tag + "_" + lower + ".safetensors";
        const std::string high = (fs::path(folder) / (stem + "high_noise" + tail)).string();
        const std::string low = (fs::path(folder) / (stem + "low_noise" + tail)).string();
        write(high, ditSpecs(s, s.t5Dim, false, i2v ? 36 : 16), dtype, seed);
        write(low, ditSpecs(s, s.t5Dim, false, i2v ? 36 : 16), dtype, seed + 7);
        write(vae, vaeSpecs(s.vaeDim), DType::F32, seed + 2);
        return {high, low, vae, t5, tok};
    }
    if (image) {
        // Wan 2.1 I2V- or FLF2V-14B as repackaged: the denoiser (36 input channels and the
        // image branch) and clip_vision_h.safetensors (ViT-H/14; test size: a small tower).
        const bool tiny = size == "tiny";
        const int64_t clipDim = tiny ? 64 : 1280, clipImage = tiny ? 28 : 224;
        const int64_t grid = clipImage / 14;
        ImageBranch branch{clipDim, 1 + grid * grid, kind == "flf2v"};
        const std::string i2v =
            (fs::path(folder) / ("wan2.1_" + kind + "_" + tag + "_" + lower + ".safetensors"))
                .string();
        const std::string clip = (fs::path(folder) / "clip_vision_h.safetensors").string();
        write(i2v, ditSpecs(s, s.t5Dim, false, 36, 16, branch), dtype, seed);
        write(clip,
              clipSpecs(clipDim, tiny ? 2 : 32, tiny ? 256 : 5120, clipImage, tiny ? 32 : 1024),
              dtype, seed + 3);
        write(vae, vaeSpecs(s.vaeDim), DType::F32, seed + 2);
        return {i2v, clip, vae, t5, tok};
    }
    if (kind == "ti2v") {
        // Wan 2.2 TI2V-5B as repackaged: one denoiser on 48 channels, the Wan 2.2 VAE.
        const std::string ti2v =
            (fs::path(folder) / ("wan2.2_ti2v_" + tag + "_" + lower + ".safetensors")).string();
        const std::string vae22 = (fs::path(folder) / "wan2.2_vae.safetensors").string();
        write(ti2v, ditSpecs(s, s.t5Dim, false, 48, 48), dtype, seed);
        const int64_t encoder = s.vaeDim, decoder = size == "tiny" ? 16 : 256;
        write(vae22, vae22Specs(encoder, decoder), DType::F32, seed + 2);
        return {ti2v, vae22, t5, tok};
    }
    write(dit, ditSpecs(s, s.t5Dim, kind == "vace"), dtype, seed);
    write(vae, vaeSpecs(s.vaeDim), DType::F32, seed + 2);  // the VAE runs in float32
    return {dit, vae, t5, tok};
}

}  // namespace kinora::wan
