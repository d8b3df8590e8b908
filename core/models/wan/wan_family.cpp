#include "models/wan/wan_family.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "models/video_model.h"
#include "models/wan/wan_clip.h"
#include "models/wan/wan_dit.h"
#include "models/wan/wan_lora.h"
#include "models/wan/wan_t5.h"
#include "models/wan/wan_tokenizer.h"
#include "models/wan/wan_vace.h"
#include "models/wan/wan_vae.h"
#include "models/wan/wan_weights.h"
#include "util/error.h"
#include "util/files.h"
#include "util/process_stats.h"
#include "weights/pth_archive.h"
#include "weights/safetensors.h"

namespace kinora::wan {

namespace fs = std::filesystem;

namespace {

// The release's negative prompt (Wan 2.1 shared_config.sample_neg_prompt).
const char* kNegativePrompt =
    "色调艳丽，过曝，静态，细节模糊不清，字幕，风格，作品，画作，画面，静止，整体发灰，最差质量，"
    "低质量，JPEG压缩残留，丑陋的，残缺的，多余的手指，画得不好的手部，画得不好的脸部，畸形的，"
    "毁容的，形态畸形的肢体，手指融合，静止不动的画面，杂乱的背景，三条腿，背景人很多，倒着走";

// ComfyUI's published linear map from Wan 2.1 latents to RGB (for previews only).
const float kPreviewFactors[16][3] = {
    {-0.1299f, -0.1692f, 0.2932f},  {0.0671f, 0.0406f, 0.0442f},  {0.3568f, 0.2548f, 0.1747f},
    {0.0372f, 0.2344f, 0.1420f},    {0.0313f, 0.0189f, -0.0328f}, {0.0296f, -0.0956f, -0.0665f},
    {-0.3477f, -0.4059f, -0.2925f}, {0.0166f, 0.1902f, 0.1975f},  {-0.0412f, 0.0267f, -0.1364f},
    {-0.1293f, 0.0740f, 0.1636f},   {0.0680f, 0.3019f, 0.1128f},  {0.0032f, 0.0581f, 0.0639f},
    {-0.1251f, 0.0927f, 0.1699f},   {0.0060f, -0.0633f, 0.0005f}, {0.3477f, 0.2275f, 0.2950f},
    {0.1984f, 0.0913f, 0.1861f}};
const float kPreviewBias[3] = {-0.1835f, -0.0868f, -0.3360f};

// VAE tiles: 128 latent cells (1024 pixels) a side; 832x480 and 1280x720 stay whole, only
// larger frames are tiled.
constexpr int64_t kDecodeTile = 128;

enum class Part { None, Denoiser, TextEncoder, VAE, ImageEncoder };

bool isWeightFile(const fs::path& p) {
    const auto ext = p.extension().string();
    return ext == ".safetensors" || ext == ".pth" || ext == ".pt" || ext == ".bin" ||
           ext == ".ckpt";
}

// What a weight file holds, from its tensor names.
Part classify(const TensorFile& f) {
    bool dit = false, t5 = false, vae = false;
    for (const auto& e : f.entries()) {
        // The CLIP file (its text tower too in the release's): before the text encoder test,
        // whose attention names its text tower would match.
        if (e.name.rfind("visual.transformer.", 0) == 0 ||
            e.name.rfind("vision_model.encoder.", 0) == 0)
            return Part::ImageEncoder;
        const std::string n = ditName(e.name);
        if (n == "patch_embedding.weight" || n.find(".self_attn.q.weight") != std::string::npos ||
            n.find(".attn1.to_q.weight") != std::string::npos || n == "head.head.weight")
            dit = true;
        const std::string t = t5Name(e.name);
        if (t == "token_embedding.weight" || t.find(".attn.q.weight") != std::string::npos ||
            t.find("pos_embedding.embedding.weight") != std::string::npos)
            t5 = true;
        const std::string v = vaeName(e.name);
        if (v.rfind("decoder.", 0) == 0 || v.rfind("encoder.conv1.", 0) == 0 ||
            v.rfind("encoder.downsamples.", 0) == 0)
            vae = true;
        if (e.name.rfind("decoder.up_blocks.", 0) == 0 || e.name == "quant_conv.weight") vae = true;
    }
    if (dit) return Part::Denoiser;
    if (t5) return Part::TextEncoder;
    if (vae) return Part::VAE;
    return Part::None;
}

std::vector<fs::path> candidates(const std::vector<std::string>& paths) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& p : paths) {
        if (fs::is_regular_file(p, ec)) {
            out.emplace_back(p);
            continue;
        }
        if (!fs::is_directory(p, ec)) continue;
        // The folder, its subfolders and theirs (google/umt5-xxl), a bounded number of entries.
        std::size_t seen = 0;
        for (auto it = fs::recursive_directory_iterator(
                 p, fs::directory_options::skip_permission_denied, ec);
             it != fs::recursive_directory_iterator() && seen < 2000; it.increment(ec), ++seen) {
            if (ec) break;
            if (it.depth() > 2) {
                it.disable_recursion_pending();
                continue;
            }
            if (it->is_regular_file(ec)) out.push_back(it->path());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::shared_ptr<TensorFile> openShared(const std::string& path) {
    return std::shared_ptr<TensorFile>(openTensorFile(path));
}

std::vector<std::shared_ptr<TensorFile>> openAll(const std::vector<std::string>& paths) {
    std::vector<std::shared_ptr<TensorFile>> out;
    for (const auto& p : paths) out.push_back(openShared(p));
    return out;
}

nlohmann::json readConfig(const std::string& path) {
    if (path.empty()) return nlohmann::json::object();
    const auto j =
        nlohmann::json::parse(readRegularFile(path, 16u << 20, "config"), nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

DiTConfig ditConfigOf(WanWeights& w, const std::string& configFile) {
    const auto j = readConfig(configFile);
    std::vector<int64_t> vace;
    if (j.contains("vace_layers") && j["vace_layers"].is_array())
        for (const auto& v : j["vace_layers"])
            if (v.is_number_integer()) vace.push_back(v.get<int64_t>());
    const int64_t heads = j.value("num_heads", j.value("num_attention_heads", 0));
    return DiTConfig::fromWeights(w, heads, j.value("text_len", 0), vace);
}

std::string sizeName(const DiTConfig& c) {
    if (c.dim == 1536 && c.numLayers == 30) return "1.3B";
    if (c.dim == 5120 && c.numLayers == 40) return "14B";
    if (c.dim == 3072 && c.numLayers == 30) return "5B";
    return "dim" + std::to_string(c.dim) + "x" + std::to_string(c.numLayers);
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : sep) + x;
    return s;
}

}  // namespace

// ---- finding the files ------------------------------------------------------------------

namespace {

// Which Wan 2.2 A14B expert a denoiser file is, from its name or its folder's: 1 high
// noise, 2 low noise, 0 neither.
int expertOf(const fs::path& p) {
    auto has = [](std::string s, const char* what) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::replace(s.begin(), s.end(), '-', '_');
        return s.find(what) != std::string::npos;
    };
    for (const std::string& n : {p.filename().string(), p.parent_path().filename().string()}) {
        if (has(n, "high_noise")) return 1;
        if (has(n, "low_noise")) return 2;
    }
    return 0;
}

}  // namespace

WanFiles findWanFiles(const std::vector<std::string>& paths) {
    WanFiles f;
    std::vector<std::string> dit, t5, vae, clip;
    std::vector<std::string> indexes;
    std::string tokenizerJson;
    bool diffusers = false, official = false;
    for (const auto& p : candidates(paths)) {
        const std::string name = p.filename().string();
        if (name == "spiece.model" || (p.extension() == ".model" && f.tokenizer.empty())) {
            if (name == "spiece.model" || f.tokenizer.empty()) f.tokenizer = p.string();
            continue;
        }
        if (name == "tokenizer.json" && tokenizerJson.empty()) tokenizerJson = p.string();
        if (name == "model_index.json") diffusers = true;
        if (name.size() > 11 && name.compare(name.size() - 11, 11, ".index.json") == 0 &&
            name.find("diffusion_pytorch_model") != std::string::npos)
            indexes.push_back(p.string());
        if (name == "config.json" && f.denoiserConfig.empty()) {
            const auto j = readConfig(p.string());
            if (j.contains("num_heads") || j.contains("num_attention_heads") ||
                j.value("_class_name", "") == "WanModel" ||
                j.value("_class_name", "") == "WanTransformer3DModel")
                f.denoiserConfig = p.string();
        }
        if (!isWeightFile(p)) continue;
        Part part = Part::None;
        try {
            part = classify(*openTensorFile(p.string()));
        } catch (const Error& e) {
            // A weight file that cannot be read is a problem only if nothing else fills its part.
            f.problems.push_back(e.what());
            continue;
        }
        if (name == "Wan2.1_VAE.pth" || name == "Wan2.2_VAE.pth" ||
            name.find("umt5-xxl-enc") != std::string::npos)
            official = true;
        if (part == Part::Denoiser) dit.push_back(p.string());
        if (part == Part::TextEncoder) t5.push_back(p.string());
        if (part == Part::VAE) vae.push_back(p.string());
        if (part == Part::ImageEncoder) clip.push_back(p.string());
    }
    f.layout = diffusers ? "diffusers" : official ? "official release" : "single files";
    // Two experts (Wan 2.2 A14B) or one denoiser.
    std::vector<std::string> high, low, neither;
    for (const auto& d : dit)
        (expertOf(d) == 1 ? high : expertOf(d) == 2 ? low : neither).push_back(d);
    if (!high.empty() || !low.empty()) {
        f.denoiser = high;
        f.lowNoise = low;
        if (!neither.empty())
            f.problems.push_back(
                "a denoiser that is neither the high- nor the low-noise expert "
                "beside two experts: " +
                join(neither, ", "));
        if (high.empty())
            f.missing.push_back(
                "the high-noise expert (high_noise_model/ or a *high_noise*.safetensors)");
        if (low.empty())
            f.missing.push_back(
                "the low-noise expert (low_noise_model/ or a *low_noise*.safetensors)");
    } else {
        f.denoiser = dit;
    }
    f.textEncoder = t5;
    if (vae.size() > 1) f.problems.push_back("more than one VAE: " + join(vae, ", "));
    if (!vae.empty()) f.vae = vae.front();
    if (clip.size() > 1) f.problems.push_back("more than one image encoder: " + join(clip, ", "));
    if (!clip.empty()) f.imageEncoder = clip.front();
    // A shard index names every shard; one that is not there is missing.
    for (const auto& index : indexes) {
        const auto j = readConfig(index);
        std::set<std::string> shards;
        if (j.contains("weight_map") && j["weight_map"].is_object())
            for (const auto& [k, v] : j["weight_map"].items())
                if (v.is_string()) shards.insert(v.get<std::string>());
        for (const auto& s : shards) {
            const auto path = (fs::path(index).parent_path() / s).string();
            if (std::find(dit.begin(), dit.end(), path) == dit.end())
                f.missing.push_back(s + " (a shard of the denoiser its index names)");
        }
    }
    if (f.denoiser.empty() && f.lowNoise.empty())
        f.missing.push_back(
            "the denoiser (a diffusion model .safetensors, e.g. wan2.1_t2v_1.3B_bf16.safetensors)");
    if (f.textEncoder.empty())
        f.missing.push_back(
            "the text encoder (umt5_xxl_*.safetensors or models_t5_umt5-xxl-enc-bf16.pth)");
    if (f.vae.empty())
        f.missing.push_back(
            "the VAE (wan_2.1_vae.safetensors or Wan2.1_VAE.pth; TI2V-5B: wan2.2_vae.safetensors "
            "or Wan2.2_VAE.pth)");
    // The SentencePiece model when there is one; its tokenizer.json rewriting otherwise.
    if (f.tokenizer.empty()) f.tokenizer = tokenizerJson;
    if (f.tokenizer.empty())
        f.missing.push_back("the tokenizer (spiece.model or tokenizer.json of google/umt5-xxl)");
    // Parts that do not belong together, from the headers alone.
    if (!f.denoiser.empty() && !f.vae.empty() && f.problems.empty()) {
        try {
            WanWeights dw(openAll(f.denoiser), ditName, "denoiser");
            const auto c = ditConfigOf(dw, f.denoiserConfig);
            WanWeights vw({openShared(f.vae)}, vaeName, "VAE");
            const int64_t z = vw.has("conv2.weight") ? vw.shape("conv2.weight").at(0) : -1;
            // Image-to-video denoisers read the latent plus a mask and the given frames'
            // latents (Wan 2.1 I2V with CLIP features, Wan 2.2 I2V-A14B without).
            const bool inputFits = c.inDim == z || c.inDim == 2 * z + 4;
            if (z > 0 && (c.outDim != z || !inputFits))
                f.problems.push_back(
                    "the denoiser (" + f.denoiser.front() + ") works on " +
                    std::to_string(c.outDim) + "-channel latents, the VAE (" + f.vae + ") makes " +
                    std::to_string(z) +
                    (c.outDim == 48 ? ": a Wan 2.2 TI2V-5B denoiser needs the Wan 2.2 VAE" : ""));
            // Wan 2.1 I2V / FLF2V condition on CLIP image features too.
            if ((c.modelType == "i2v" || c.modelType == "flf2v") && f.imageEncoder.empty())
                f.missing.push_back(
                    "the CLIP image encoder (clip_vision_h.safetensors or "
                    "models_clip_open-clip-xlm-roberta-large-vit-huge-14.pth)");
            if (!f.imageEncoder.empty() && c.clipDim > 0) {
                WanWeights cw({openShared(f.imageEncoder)}, clipName, "image encoder");
                const auto cc = ClipVisionConfig::fromWeights(cw);
                if (cc.dim != c.clipDim)
                    f.problems.push_back("the image encoder (" + f.imageEncoder + ") gives " +
                                         std::to_string(cc.dim) +
                                         "-wide features, the denoiser reads " +
                                         std::to_string(c.clipDim));
            }
            if (!f.lowNoise.empty()) {
                WanWeights lw(openAll(f.lowNoise), ditName, "low-noise expert");
                const auto l = ditConfigOf(lw, f.denoiserConfig);
                if (l.dim != c.dim || l.numLayers != c.numLayers || l.inDim != c.inDim ||
                    l.outDim != c.outDim || l.modelType != c.modelType)
                    f.problems.push_back(
                        "the two experts differ: the high-noise one (" + f.denoiser.front() +
                        ") is " + c.modelType + "-" + sizeName(c) + ", the low-noise one (" +
                        f.lowNoise.front() + ") " + l.modelType + "-" + sizeName(l));
            }
            if (!f.textEncoder.empty()) {
                WanWeights tw(openAll(f.textEncoder), t5Name, "text encoder");
                if (tw.has("token_embedding.weight") &&
                    tw.shape("token_embedding.weight").at(1) != c.textDim)
                    f.problems.push_back("the text encoder gives " +
                                         std::to_string(tw.shape("token_embedding.weight").at(1)) +
                                         "-wide states, the denoiser reads " +
                                         std::to_string(c.textDim));
            }
        } catch (const Error& e) {
            f.problems.push_back(e.what());
        }
    }
    return f;
}

// ---- summary ----------------------------------------------------------------------------

namespace {

void tally(const WanWeights& w, int64_t& params, int64_t& bytes, std::vector<std::string>& dtypes) {
    params = w.parameters();
    bytes = w.storedBytes();
    std::set<std::string> seen;
    for (const auto& n : w.names()) seen.insert(dtypeName(w.dtype(n)));
    dtypes.assign(seen.begin(), seen.end());
}

}  // namespace

WanSummary summarizeWan(const WanFiles& files) {
    WanSummary s;
    WanWeights dw(openAll(files.denoiser), ditName, "denoiser");
    const auto c = ditConfigOf(dw, files.denoiserConfig);
    s.variant = c.modelType + "-" + sizeName(c);
    s.dim = c.dim;
    s.layers = c.numLayers;
    s.heads = c.numHeads;
    tally(dw, s.ditParameters, s.ditBytes, s.ditDtypes);
    if (!files.lowNoise.empty()) {
        // Two experts, one working at a time (the other's mapped pages can leave memory).
        s.experts = true;
        // Image-to-video experts read 36 channels (no CLIP branch).
        const std::string kind =
            c.modelType == "t2v" && c.inDim == 2 * c.outDim + 4 ? "i2v" : c.modelType;
        s.variant = kind + "-" + (sizeName(c) == "14B" ? "A14B" : sizeName(c) + "-experts");
        WanWeights lw(openAll(files.lowNoise), ditName, "low-noise expert");
        int64_t params = 0, bytes = 0;
        std::vector<std::string> dtypes;
        tally(lw, params, bytes, dtypes);
        s.ditParameters += params;
        s.ditBytes = std::max(s.ditBytes, bytes);
        for (const auto& d : dtypes)
            if (std::find(s.ditDtypes.begin(), s.ditDtypes.end(), d) == s.ditDtypes.end())
                s.ditDtypes.push_back(d);
    }
    if (!files.textEncoder.empty()) {
        WanWeights tw(openAll(files.textEncoder), t5Name, "text encoder");
        tally(tw, s.t5Parameters, s.t5Bytes, s.t5Dtypes);
    }
    if (!files.vae.empty()) {
        WanWeights vw({openShared(files.vae)}, vaeName, "VAE");
        tally(vw, s.vaeParameters, s.vaeBytes, s.vaeDtypes);
    }
    if (!files.imageEncoder.empty()) {
        WanWeights cw({openShared(files.imageEncoder)}, clipName, "image encoder");
        tally(cw, s.clipParameters, s.clipBytes, s.clipDtypes);
    }
    return s;
}

int64_t WanSummary::memoryBytes(int64_t tokens) const {
    // Resident: the denoiser and the CLIP image encoder as stored; the VAE widened to float32;
    // the largest text-encoder
    // block widened (about 1/24 of it, at least 64 MB); per-token working memory of the
    // denoiser (two rows, a few activations of dim and ffn width in float32); 1 GB slack.
    const int64_t t5Block = std::max<int64_t>(64ll << 20, t5Parameters * 4 / 24);
    const int64_t perToken = 2 * 4 * (12 * dim + 4 * dim);
    return ditBytes + vaeParameters * 4 + clipBytes + t5Block + tokens * perToken + (1ll << 30);
}

// ---- the model ----------------------------------------------------------------------------

namespace {

struct WanPromptStates : PromptStates {
    std::vector<torch::Tensor> contexts;  // [L_i, textDim] each
    int64_t textLen = 512;
    int64_t rows() const override { return static_cast<int64_t>(contexts.size()); }
    int64_t tokens() const override { return textLen; }
};

struct WanDenoiserContext : DenoiserContext {
    std::vector<torch::Tensor> contexts;
    int64_t seqLen = 0;
    // VACE: the control input [96, references + T', h, w] (references first, as the model
    // was trained), its scale, and how many reference frames lead it.
    torch::Tensor vace;
    double vaceScale = 1.0;
    int64_t references = 0;
    // Image-to-video by concatenation (Wan 2.1 I2V / FLF2V, Wan 2.2 I2V-A14B): the mask of
    // given frames folded to the latent frames (4 channels) and the given frames' latents,
    // [20, T', h, w].
    torch::Tensor y;
    // Wan 2.1 I2V / FLF2V: CLIP features of the first (and last) frame, [1, tokens, 1280].
    torch::Tensor clipFea;
};

class WanVideoModel : public VideoModel {
public:
    std::string nonFiniteWeight() const override {
        std::vector<std::string> paths = m_files.denoiser;
        paths.insert(paths.end(), m_files.lowNoise.begin(), m_files.lowNoise.end());
        paths.insert(paths.end(), m_files.textEncoder.begin(), m_files.textEncoder.end());
        paths.push_back(m_files.vae);
        for (const auto& path : paths) {
            const std::string name = firstNonFiniteTensor(*openTensorFile(path));
            if (!name.empty()) return path + ": tensor '" + name + "'";
        }
        return "";
    }

    explicit WanVideoModel(const WanFiles& files) : m_files(files) {
        m_tokenizer = std::make_unique<WanTokenizer>(files.tokenizer);
        m_t5Weights =
            std::make_shared<WanWeights>(openAll(files.textEncoder), t5Name, "text encoder");
        m_t5 = std::make_unique<UMT5Encoder>(m_t5Weights, UMT5Encoder::Residency::Streamed);
        m_t5Weights->finish();
        if (m_tokenizer->vocabSize() > m_t5->config().vocab)
            throw Error("the tokenizer (" + files.tokenizer + ") has " +
                            std::to_string(m_tokenizer->vocabSize()) +
                            " pieces, more than the text encoder's vocabulary of " +
                            std::to_string(m_t5->config().vocab),
                        ErrorKind::ModelLoad);
        {
            m_ditFiles = openAll(files.denoiser);
            WanWeights dw(m_ditFiles, ditName, "denoiser");
            m_config = ditConfigOf(dw, files.denoiserConfig);
            const bool image = m_config.modelType == "i2v" || m_config.modelType == "flf2v";
            if (m_config.modelType != "t2v" && m_config.modelType != "vace" &&
                m_config.modelType != "ti2v" && !image)
                throw Error("this Wan model is " + m_config.modelType + "-" + sizeName(m_config) +
                                ", which Kinora does not run",
                            ErrorKind::ModelLoad);
            if (image) {
                // Wan 2.1 I2V / FLF2V: the given frames' latents and mask beside the latent,
                // and CLIP features of the given image(s).
                m_imageConcat = true;
                if (files.imageEncoder.empty())
                    throw Error("this Wan " + m_config.modelType +
                                    " model needs the CLIP image encoder "
                                    "(clip_vision_h.safetensors or "
                                    "models_clip_open-clip-xlm-roberta-large-vit-huge-14.pth)",
                                ErrorKind::ModelLoad);
                WanWeights cw({openShared(files.imageEncoder)}, clipName, "image encoder");
                m_clip = std::make_unique<ClipVision>(cw, ClipVisionConfig::fromWeights(cw));
                cw.finish();
                m_clipParameters = cw.parameters();
                if (m_clip->config().dim != m_config.clipDim)
                    throw Error("the image encoder gives " + std::to_string(m_clip->config().dim) +
                                    "-wide features, the denoiser reads " +
                                    std::to_string(m_config.clipDim),
                                ErrorKind::ModelLoad);
            }
            if (m_config.modelType == "vace" && m_config.vaceInDim != 96)
                throw Error("this VACE denoiser reads " + std::to_string(m_config.vaceInDim) +
                                "-channel control input; Wan 2.1 VACE's is 96 (32 latent + 64 "
                                "mask channels)",
                            ErrorKind::ModelLoad);
            if (m_config.textDim != m_t5->config().dim)
                throw Error("the text encoder gives " + std::to_string(m_t5->config().dim) +
                                "-wide states, the denoiser reads " +
                                std::to_string(m_config.textDim),
                            ErrorKind::ModelLoad);
            m_dit = std::make_unique<WanDiT>(dw, m_config);
            dw.finish();
            m_ditParameters = dw.parameters();
        }
        if (!files.lowNoise.empty()) {
            // Wan 2.2 A14B: the low-noise expert, the same network with its own weights.
            m_lowFiles = openAll(files.lowNoise);
            WanWeights lw(m_lowFiles, ditName, "low-noise expert");
            const DiTConfig lc = ditConfigOf(lw, files.denoiserConfig);
            if (lc.dim != m_config.dim || lc.numLayers != m_config.numLayers ||
                lc.inDim != m_config.inDim || lc.outDim != m_config.outDim ||
                lc.modelType != m_config.modelType)
                throw Error("the two experts differ: the high-noise one is " + m_config.modelType +
                                "-" + sizeName(m_config) + ", the low-noise one " + lc.modelType +
                                "-" + sizeName(lc),
                            ErrorKind::ModelLoad);
            if (m_config.modelType != "t2v")
                throw Error("Wan 2.2 A14B experts of type " + m_config.modelType +
                                " are not run; the text-to-video and image-to-video A14B are",
                            ErrorKind::ModelLoad);
            m_ditLow = std::make_unique<WanDiT>(lw, lc);
            lw.finish();
            m_lowParameters = lw.parameters();
            // The release's switch: the high-noise expert while the integer timestep is at
            // or above boundary x 1000 (T2V-A14B: 0.875, I2V-A14B: 0.900).
            m_imageConcat = m_config.inDim == 2 * m_config.outDim + 4;
            m_boundary = m_imageConcat ? 0.900 : 0.875;
        }
        {
            WanWeights vw({openShared(files.vae)}, vaeName, "VAE");
            m_vae = std::make_unique<WanVAE>(vw);
            vw.finish();
            m_vaeParameters = vw.parameters();
        }
        if ((ti2v() && m_vae->version() != 22) || (!ti2v() && m_vae->version() == 22))
            throw Error(ti2v() ? "a Wan 2.2 TI2V-5B denoiser needs the Wan 2.2 VAE "
                                 "(Wan2.2_VAE.pth or wan2.2_vae.safetensors), not " +
                                     files.vae
                               : "the Wan 2.2 VAE (" + files.vae +
                                     ") belongs to TI2V-5B; this denoiser needs the Wan 2.1 VAE",
                        ErrorKind::ModelLoad);
        if (m_config.outDim == m_vae->zDim() && m_config.inDim == 2 * m_vae->zDim() + 4 &&
            !m_imageConcat)
            throw Error(
                "this is an image-to-video denoiser without a CLIP image branch (Wan 2.2 "
                "I2V-A14B: 36 input channels); it is recognised but not run yet",
                ErrorKind::ModelLoad);
        if (m_config.outDim != m_vae->zDim() ||
            m_config.inDim != (m_imageConcat ? 2 * m_vae->zDim() + 4 : m_vae->zDim()))
            throw Error("the denoiser works on " + std::to_string(m_config.outDim) +
                            "-channel latents, the VAE makes " + std::to_string(m_vae->zDim()),
                        ErrorKind::ModelLoad);
        fillInfo();
    }

    const ModelInfo& info() const override { return m_info; }

    void setLoras(const std::vector<LoraChoice>& loras) override {
        // Experts: a file goes on both unless it names one (@high, @low).
        std::vector<LoraChoice> high, low;
        for (const auto& l : loras) {
            if (!l.expert.empty() && !m_ditLow)
                throw Error(printablePath(l.path) + ": @" + l.expert + " names an expert; " +
                                m_info.name + " has one denoiser",
                            ErrorKind::ModelLoad);
            if (l.expert != "low") high.push_back(l);
            if (l.expert != "high") low.push_back(l);
        }
        const std::vector<LoraChoice> before = m_info.loras;
        std::vector<LoraChoice> beforeLow;
        for (const auto& l : before)
            if (l.expert != "high") beforeLow.push_back(l);
        LoraPreset preset;
        if (m_ditLow) preset = m_loraLow.apply(*m_ditLow, low);
        try {
            const LoraPreset highPreset = m_lora.apply(*m_dit, high);
            preset.fewSteps = preset.fewSteps || highPreset.fewSteps;
            preset.steps = std::max(preset.steps, highPreset.steps);
        } catch (...) {
            if (m_ditLow) m_loraLow.apply(*m_ditLow, beforeLow);  // as it was
            throw;
        }
        fillInfo();
        m_info.loras = loras;
        if (preset.fewSteps) {
            // A step-distillation LoRA: the steps it was made for, no guidance (one model
            // call a step), the first-order sampler such LoRAs are distilled with.
            m_info.defaults.steps = preset.steps > 0 ? preset.steps : 6;
            m_info.defaults.guidance = 1.0;
            if (m_ditLow) m_info.defaults.guidanceLowNoise = 1.0;
            m_info.defaults.solver = "euler";
        }
    }

    void to(const torch::Device& device) override {
        m_dit->to(device);
        if (m_ditLow) m_ditLow->to(device);
        m_vae->to(device);
        m_t5->to(device);
        m_device = device;
    }
    torch::Device device() const override { return m_device; }

    std::shared_ptr<const PromptStates> encodePrompts(
        const std::vector<std::string>& prompts) override {
        auto out = std::make_shared<WanPromptStates>();
        out->textLen = m_config.textLen;
        std::vector<int64_t> ids, mask;
        for (const auto& p : prompts) {
            const auto t = m_tokenizer->tokenize(p, m_config.textLen);
            ids.insert(ids.end(), t.ids.begin(), t.ids.end());
            mask.insert(mask.end(), t.mask.begin(), t.mask.end());
        }
        const auto n = static_cast<int64_t>(prompts.size());
        const auto idT = torch::tensor(ids, torch::kLong).view({n, m_config.textLen});
        const auto maskT = torch::tensor(mask, torch::kLong).view({n, m_config.textLen});
        // The text encoder runs on the CPU from the mapped file, block by block.
        for (const auto& c : m_t5->encode(idT, maskT)) out->contexts.push_back(c.to(m_device));
        return out;
    }

    std::shared_ptr<const DenoiserContext> prepare(const PromptStates& prompts, int64_t firstRow,
                                                   int64_t rowCount,
                                                   const LatentLayout& layout) override {
        if (m_imageConcat)
            throw Error(m_info.name + " makes clips from a first frame (image-to-video)");
        if (vace()) {
            // Nothing given: every pixel is generated, as the reference's text-to-video on a
            // VACE model (zero frames, a mask of ones).
            const int64_t T = 1 + 4 * (layout.clipFrames - 1);
            const int64_t H = layout.height * 8, W = layout.width * 8;
            PixelConditions none;
            none.frames = torch::zeros({T, 3, H, W});
            none.keep = torch::zeros({T, 1, H, W});
            return prepareConditioned(prompts, firstRow, rowCount, layout, none);
        }
        return textContext(prompts, firstRow, rowCount, layout);
    }

    std::shared_ptr<const DenoiserContext> prepareConditioned(
        const PromptStates& prompts, int64_t firstRow, int64_t rowCount, const LatentLayout& layout,
        const PixelConditions& given) override {
        if (m_imageConcat) return imageContext(prompts, firstRow, rowCount, layout, given);
        if (!vace())
            return VideoModel::prepareConditioned(prompts, firstRow, rowCount, layout, given);
        const auto refs = static_cast<int64_t>(given.references.size());
        if (refs != layout.frames - layout.clipFrames)
            throw Error("the layout has " + std::to_string(layout.frames - layout.clipFrames) +
                        " reference frames, the conditions " + std::to_string(refs));
        auto out = textContext(prompts, firstRow, rowCount, layout);
        // The reference's layout: frames [3, T, H, W], the mask of what to generate
        // [1, T, H, W], references [3, 1, H, W].
        const auto frames = given.frames.to(m_device, torch::kFloat).permute({1, 0, 2, 3});
        const auto mask = (1 - given.keep.to(m_device, torch::kFloat)).permute({1, 0, 2, 3});
        std::vector<torch::Tensor> references;
        for (const auto& r : given.references)
            references.push_back(r.to(m_device, torch::kFloat).unsqueeze(1));
        out->vace = buildVaceContext(*m_vae, frames, mask, references).context;
        if (out->vace.size(1) != layout.frames || out->vace.size(2) != layout.height ||
            out->vace.size(3) != layout.width)
            throw Error("the VACE control input " + shapeString(out->vace.sizes()) +
                        " does not fit the latent layout");
        out->vaceScale = given.strength;
        out->references = refs;
        return out;
    }

    torch::Tensor velocity(const torch::Tensor& x, const torch::Tensor& frameTimes,
                           const DenoiserContext& context) override {
        const auto& c = dynamic_cast<const WanDenoiserContext&>(context);
        const int64_t B = x.size(0);
        const auto rows = static_cast<int64_t>(c.contexts.size());
        DiTInputs in;
        const auto times = frameTimes.to(torch::kCPU, torch::kDouble).amax(1);
        std::vector<int64_t> t;
        // The engine keeps reference frames after the clip's; VACE was trained with them
        // before it.
        const int64_t refs = c.references, clipT = x.size(1) - refs;
        auto toModel = [&](const torch::Tensor& f) {
            return refs == 0 ? f : torch::cat({f.slice(0, clipT), f.slice(0, 0, clipT)});
        };
        auto fromModel = [&](const torch::Tensor& f) {
            return refs == 0 ? f : torch::cat({f.slice(0, refs), f.slice(0, 0, refs)});
        };
        if (c.vace.defined()) {
            in.vaceScale = c.vaceScale;
            for (int64_t b = 0; b < B; ++b) in.vaceContext.push_back(c.vace);
        }
        if (m_ditLow) return expertVelocity(x, times, c);
        for (int64_t b = 0; b < B; ++b) {
            in.x.push_back(toModel(x[b]).permute({1, 0, 2, 3}));
            in.context.push_back(c.contexts[static_cast<std::size_t>(b % rows)]);
            if (c.y.defined()) in.y.push_back(c.y);
            // The reference's integer timestep: int64(sigma * 1000) from the float64 sigma.
            t.push_back(static_cast<int64_t>(times[b].item<double>() * 1000.0));
        }
        if (c.clipFea.defined()) in.clipFea = c.clipFea;
        in.t = torch::tensor(t, torch::kLong);
        const auto frameSteps =
            (frameTimes.to(torch::kCPU, torch::kDouble) * 1000.0).to(torch::kLong);
        if (ti2v() && !frameSteps.eq(frameSteps.amax(1, true)).all().item<bool>()) {
            // TI2V with a given frame: each token at its latent frame's integer timestep (0 for
            // the given ones), padding at the step's.
            const int64_t perFrame = (x.size(3) / m_config.patchH) * (x.size(4) / m_config.patchW);
            std::vector<torch::Tensor> rowsT;
            for (int64_t b = 0; b < B; ++b) {
                auto tokens = frameSteps[b].to(torch::kFloat).repeat_interleave(perFrame);
                const int64_t pad = c.seqLen - tokens.size(0);
                if (pad > 0)
                    tokens = torch::cat({tokens, torch::full({pad}, static_cast<float>(t[b]))});
                rowsT.push_back(tokens);
            }
            in.t = torch::stack(rowsT).to(m_device);
        }
        in.seqLen = c.seqLen;
        const auto out = m_dit->forward(in);
        std::vector<torch::Tensor> v;
        for (const auto& o : out) v.push_back(fromModel(o.permute({1, 0, 2, 3})));
        return torch::stack(v);
    }

    double denoiserFlops(int64_t tokens, int64_t textTokens, int64_t batch) const override {
        const double d = static_cast<double>(m_config.dim);
        const double n = static_cast<double>(tokens);
        const double perLayerAttention =
            4.0 * n * n * d + 4.0 * n * static_cast<double>(textTokens) * d;
        return static_cast<double>(batch) * (2.0 * static_cast<double>(m_ditParameters) * n +
                                             m_config.numLayers * perLayerAttention);
    }

    torch::Tensor encode(const torch::Tensor& frames) override {
        return m_vae->encode(frames[0].permute({1, 0, 2, 3})).permute({1, 0, 2, 3}).unsqueeze(0);
    }

    torch::Tensor decode(const torch::Tensor& latents, int64_t from, int64_t to,
                         const std::string&) override {
        // The causal decoder starts at the stream's first latent frame (its first frame is
        // treated apart), so a range is decoded from 0 and cut.
        const auto z = latents[0].slice(0, 0, to).permute({1, 0, 2, 3});
        // The denoiser's mapped weights leave resident memory while the decoder works (the
        // next step maps them in again, from the page cache while it holds them): a 480p
        // decode and a 1.3B denoiser's 2.8 GB would otherwise add up.
        releasePages(m_ditFiles);
        releasePages(m_lowFiles);
        // Frames wider or taller than 1024 pixels decode in tiles (memory follows the tile).
        const auto video = m_vae->decodeTiled(z, kDecodeTile).clamp(-1, 1).permute({1, 0, 2, 3});
        const int64_t first = from == 0 ? 0 : 1 + 4 * (from - 1);
        return video.slice(0, first).unsqueeze(0);
    }

    int64_t decoderReach() const override { return int64_t{1} << 30; }

    int expertAt(double t) const override {
        // The reference compares its integer timestep (as velocity computes it).
        return m_ditLow &&
                       static_cast<double>(static_cast<int64_t>(t * 1000.0)) < m_boundary * 1000.0
                   ? 1
                   : 0;
    }

    torch::Tensor preview(const torch::Tensor& latents) override {
        if (m_vae->version() == 22) {
            if (!m_previewFactors.defined()) fitPreview();
            const auto f = m_previewFactors.to(latents.device());
            const auto bias = m_previewBias.to(latents.device());
            return (torch::einsum("btchw,cr->btrhw", {latents.to(torch::kFloat), f}) +
                    bias.view({1, 1, 3, 1, 1}))
                .clamp(-1, 1);
        }
        const auto mean =
            torch::tensor(wan21LatentMean()).to(latents.device()).view({1, 1, 16, 1, 1});
        const auto stdv =
            torch::tensor(wan21LatentStd()).to(latents.device()).view({1, 1, 16, 1, 1});
        const auto raw = latents.to(torch::kFloat) * stdv + mean;
        const auto factors = torch::from_blob(const_cast<float*>(&kPreviewFactors[0][0]), {16, 3})
                                 .to(latents.device());
        const auto bias =
            torch::from_blob(const_cast<float*>(kPreviewBias), {3}).to(latents.device());
        return (torch::einsum("btchw,cr->btrhw", {raw, factors}) + bias.view({1, 1, 3, 1, 1}))
            .clamp(-1, 1);
    }

private:
    bool vace() const { return m_config.modelType == "vace"; }
    bool ti2v() const { return m_config.modelType == "ti2v"; }

    // A latent-to-RGB map for the live preview of a VAE without published factors (Wan
    // 2.2's): the decoder linearised around the zero latent, from the colour each latent
    // channel alone adds to a small patch (one decode per channel, once).
    void fitPreview() {
        torch::NoGradGuard noGrad;
        const int64_t z = m_vae->zDim();
        const auto base = torch::zeros({z, 1, 2, 2});
        const auto colour = [&](const torch::Tensor& latent) {
            return m_vae->decode(latent).mean({1, 2, 3}).to(torch::kCPU);  // [3]
        };
        const auto zero = colour(base);
        auto factors = torch::zeros({z, 3});
        for (int64_t c = 0; c < z; ++c) {
            auto one = base.clone();
            one[c].fill_(1.0f);
            factors[c] = colour(one) - zero;
        }
        m_previewFactors = factors;
        m_previewBias = zero;
    }

    // The Wan 2.2 image-to-video conditioning: a mask of the given frames (1 where a frame
    // is given), its first frame repeated 4 times so that the pixel frames fold into groups
    // of 4 per latent frame, [4, T', h, w]; and the latents of the given frames with zeros
    // (mid-grey) elsewhere, [16, T', h, w].
    std::shared_ptr<const DenoiserContext> imageContext(const PromptStates& prompts,
                                                        int64_t firstRow, int64_t rowCount,
                                                        const LatentLayout& layout,
                                                        const PixelConditions& given) {
        if (!given.references.empty()) throw Error(m_info.name + " takes no character references");
        auto out = textContext(prompts, firstRow, rowCount, layout);
        const auto keep = given.keep.to(m_device, torch::kFloat);  // [T, 1, H, W]
        const int64_t T = keep.size(0), h = layout.height, w = layout.width;
        // Per latent cell: given when most of its pixels are.
        auto cells = torch::avg_pool2d(keep, {keep.size(2) / h, keep.size(3) / w});
        cells = (cells > 0.5).to(torch::kFloat).squeeze(1);  // [T, h, w]
        const auto folded =
            torch::cat({cells.narrow(0, 0, 1).expand({4, h, w}), cells.narrow(0, 1, T - 1)});
        const int64_t latentT = (T + 3) / 4;
        const auto mask = folded.reshape({latentT, 4, h, w}).transpose(0, 1);  // [4, T', h, w]
        const auto frames = given.frames.to(m_device, torch::kFloat).permute({1, 0, 2, 3});
        const auto latents = m_vae->encode(frames);  // [16, T', h, w]
        out->y = torch::cat({mask.to(latents.dtype()), latents}, 0);
        if (m_clip) {
            // CLIP sees the first frame, and for first-last-frame models the last one too
            // (as given, fitted to the canvas; the tower resizes to its own square).
            std::vector<torch::Tensor> images = {frames.narrow(1, 0, 1)};
            if (m_config.modelType == "flf2v") images.push_back(frames.narrow(1, T - 1, 1));
            torch::NoGradGuard noGrad;
            out->clipFea = m_clip->forward(images).reshape({1, -1, m_clip->config().dim});
        }
        return out;
    }

    static void releasePages(const std::vector<std::shared_ptr<TensorFile>>& files) {
        for (const auto& f : files)
            for (const auto& e : f->entries()) f->release(e.name);
    }

    // Two experts: each sample goes to the expert of its timestep; when the low-noise one
    // takes over, the high-noise one's mapped pages may leave memory (it is not used again
    // in this clip).
    torch::Tensor expertVelocity(const torch::Tensor& x, const torch::Tensor& times,
                                 const WanDenoiserContext& c) {
        const int64_t B = x.size(0);
        const auto rows = static_cast<int64_t>(c.contexts.size());
        std::vector<torch::Tensor> out(static_cast<std::size_t>(B));
        for (int expert = 0; expert < 2; ++expert) {
            DiTInputs in;
            std::vector<int64_t> t, which;
            for (int64_t b = 0; b < B; ++b) {
                const double sigma = times[b].item<double>();
                if (expertAt(sigma) != expert) continue;
                in.x.push_back(x[b].permute({1, 0, 2, 3}));
                in.context.push_back(c.contexts[static_cast<std::size_t>(b % rows)]);
                t.push_back(static_cast<int64_t>(sigma * 1000.0));
                which.push_back(b);
            }
            if (which.empty()) continue;
            if (c.y.defined())
                for (std::size_t i = 0; i < which.size(); ++i) in.y.push_back(c.y);
            if (expert == 1 && m_lastExpert == 0) releasePages(m_ditFiles);
            m_lastExpert = expert;
            in.t = torch::tensor(t, torch::kLong);
            in.seqLen = c.seqLen;
            const auto v = (expert == 0 ? *m_dit : *m_ditLow).forward(in);
            for (std::size_t i = 0; i < which.size(); ++i)
                out[static_cast<std::size_t>(which[i])] = v[i].permute({1, 0, 2, 3});
        }
        return torch::stack(out);
    }

    std::shared_ptr<WanDenoiserContext> textContext(const PromptStates& prompts, int64_t firstRow,
                                                    int64_t rowCount, const LatentLayout& layout) {
        const auto& p = dynamic_cast<const WanPromptStates&>(prompts);
        auto out = std::make_shared<WanDenoiserContext>();
        for (int64_t r = firstRow; r < firstRow + rowCount; ++r)
            out->contexts.push_back(p.contexts[static_cast<std::size_t>(r)]);
        out->seqLen =
            layout.frames * (layout.height / m_config.patchH) * (layout.width / m_config.patchW);
        return out;
    }

    void fillInfo() {
        ModelInfo& i = m_info;
        i.family = "wan2.1";
        i.variant = m_config.modelType + "-" + sizeName(m_config);
        i.name = "Wan2.1-" + std::string(vace() ? "VACE-" : "T2V-") + sizeName(m_config);
        if (ti2v()) i.name = "Wan2.2-TI2V-" + sizeName(m_config);
        if (m_clip)
            i.name = std::string(m_config.modelType == "flf2v" ? "Wan2.1-FLF2V-" : "Wan2.1-I2V-") +
                     sizeName(m_config);
        const std::string expertsSize =
            sizeName(m_config) == "14B" ? std::string("A14B") : sizeName(m_config) + "-experts";
        if (m_ditLow) i.name = (m_imageConcat ? "Wan2.2-I2V-" : "Wan2.2-T2V-") + expertsSize;
        const bool released = sizeName(m_config).find("dim") == std::string::npos;
        ModelDefaults& d = i.defaults;
        if (released) {
            d.width = 832;
            d.height = 480;
            d.frames = 81;
            d.steps = 50;
        } else {  // a test-size model: a test-size canvas
            d.width = 128;
            d.height = 64;
            d.frames = 17;  // long enough to be continued (5 frames of context, a 3-frame blend)
            d.steps = 8;
        }
        d.fps = 16;
        d.guidance = 5.0;
        d.shift = 5.0;
        d.solver = "unipc";
        d.negativePrompt = kNegativePrompt;
        if (released) {
            i.canvasPresets = {{"480p landscape", 832, 480}, {"480p portrait", 480, 832}};
            if (m_config.dim == 5120) {
                i.canvasPresets.push_back({"720p landscape", 1280, 720});
                i.canvasPresets.push_back({"720p portrait", 720, 1280});
            }
        } else {
            i.canvasPresets = {{"test", d.width, d.height}};
        }
        i.modes = {GenerationMode::TextToVideo};
        if (vace()) {
            i.modes = {GenerationMode::TextToVideo,   GenerationMode::ImageToVideo,
                       GenerationMode::ExtendForward, GenerationMode::ExtendBackward,
                       GenerationMode::Connect,       GenerationMode::Loop,
                       GenerationMode::Inpaint};
            i.pixelConditioning = true;
        }
        // A release made for 720p: that canvas by default, landscape and portrait offered.
        auto madeFor720p = [&](int width, int height) {
            if (!released) return;
            d.width = width;
            d.height = height;
            i.canvasPresets = {{"720p landscape", width, height}, {"720p portrait", height, width}};
        };
        if (ti2v()) {
            // TI2V-5B: 720p at 24 fps, 121 frames; text or a first frame held as its latent.
            madeFor720p(1280, 704);
            if (released) d.frames = 121;
            d.fps = 24;
            i.modes = {GenerationMode::TextToVideo, GenerationMode::ImageToVideo};
            i.pixelConditioning = false;
        }
        i.temporalFactor = 4;
        i.spatialFactor = static_cast<int>(m_vae->spatialFactor());
        i.latentChannels = static_cast<int>(m_vae->zDim());
        i.patchHeight = static_cast<int>(m_config.patchH);
        i.patchWidth = static_cast<int>(m_config.patchW);
        // VACE: reference images lead the clip as latent frames of their own (a token cost
        // of one latent frame each): up to three per character, for a few characters.
        i.maxReferences = vace() ? 9 : 0;
        i.maxSide = i.spatialFactor * 2 * 1024;  // the rotary table's 1024 positions per axis
        i.maxFrames = 1 + 4 * 1023;
        i.maxTokens = 131072;
        i.parameters = m_ditParameters + m_lowParameters + m_vaeParameters + m_clipParameters +
                       m_t5Weights->parameters();
        if (m_ditLow) {
            // The A14B releases: 40 UniPC steps; T2V: shift 12, guidance 4 (high-noise
            // expert) and 3 (low-noise expert), the switch at 0.875; I2V: shift 5, guidance
            // 3.5 for both, the switch at 0.900.
            i.variant = (m_imageConcat ? "i2v-" : "t2v-") + expertsSize;
            i.expertBoundary = m_boundary;
            if (released) d.steps = 40;
            d.shift = m_imageConcat ? 5.0 : 12.0;
            d.guidance = m_imageConcat ? 3.5 : 4.0;
            d.guidanceLowNoise = m_imageConcat ? 3.5 : 3.0;
        }
        if (m_imageConcat) {
            // The first frame conditions the denoiser as pixels (put back after decoding).
            i.modes = {GenerationMode::ImageToVideo};
            i.pixelConditioning = true;
            i.maxReferences = 0;
        }
        if (m_clip) {
            // The release's defaults (generate.py): I2V 40 steps, shift 3 at 480p (5 at 720p);
            // FLF2V 50 steps, shift 16, made for 720p; guidance 5.
            if (m_config.modelType == "flf2v") {
                i.modes = {GenerationMode::ImageToVideo, GenerationMode::Connect};
                madeFor720p(1280, 720);
                if (released) d.steps = 50;
                d.shift = 16.0;
            } else {
                if (released) d.steps = 40;
                d.shift = 3.0;
            }
        }
    }

    WanFiles m_files;
    DiTConfig m_config;
    std::unique_ptr<WanTokenizer> m_tokenizer;
    std::shared_ptr<WanWeights> m_t5Weights;
    std::unique_ptr<UMT5Encoder> m_t5;
    std::unique_ptr<WanDiT> m_dit;
    LoraMerge m_lora;
    std::unique_ptr<WanDiT> m_ditLow;  // Wan 2.2 A14B: the low-noise expert
    LoraMerge m_loraLow;
    std::vector<std::shared_ptr<TensorFile>> m_lowFiles;
    int64_t m_lowParameters = 0;
    double m_boundary = 0.0;
    int m_lastExpert = -1;
    bool m_imageConcat = false;          // image-to-video: 36 input channels (mask, given latents)
    std::unique_ptr<ClipVision> m_clip;  // Wan 2.1 I2V / FLF2V's image encoder
    int64_t m_clipParameters = 0;
    std::unique_ptr<WanVAE> m_vae;
    std::vector<std::shared_ptr<TensorFile>> m_ditFiles;  // mapped under the denoiser's views
    int64_t m_ditParameters = 0, m_vaeParameters = 0;
    torch::Tensor m_previewFactors, m_previewBias;  // Wan 2.2 VAE: fitted on first use
    ModelInfo m_info;
    torch::Device m_device = torch::kCPU;
};

class WanFamily : public ModelFamily {
public:
    std::string name() const override { return "wan2.1"; }
    FreedMemory freedMemory() const override { return FreedMemory::ReturnLarge; }

    std::optional<DetectedModel> detect(const std::string& folder) const override {
        const WanFiles f = findWanFiles({folder});
        // Ours only when a Wan denoiser, text encoder or VAE is there.
        if (f.denoiser.empty() && f.textEncoder.empty() && f.vae.empty()) return std::nullopt;
        return describe(f, folder);
    }

    std::optional<DetectedModel> detectFiles(const std::vector<std::string>& files) const override {
        const WanFiles f = filesOf(files);
        if (f.denoiser.empty() && f.textEncoder.empty() && f.vae.empty()) {
            // Weight files named explicitly that cannot be read: say why, not just "unknown".
            if (!f.problems.empty()) throw Error(f.problems.front(), ErrorKind::ModelLoad);
            return std::nullopt;
        }
        return describe(f, fs::path(files.front()).parent_path().string());
    }

    std::unique_ptr<VideoModel> loadFiles(const std::vector<std::string>& files) const override {
        return loadFrom(filesOf(files), files.front());
    }

    std::unique_ptr<VideoModel> load(const std::string& folder) const override {
        return loadFrom(findWanFiles({folder}), folder);
    }

private:
    // Loose files; one file alone (the denoiser, say) takes what it lacks from its folder.
    static WanFiles filesOf(const std::vector<std::string>& files) {
        WanFiles f = findWanFiles(files);
        if (files.size() == 1) {
            const WanFiles near = findWanFiles({fs::path(files.front()).parent_path().string()});
            if (f.textEncoder.empty()) f.textEncoder = near.textEncoder;
            if (f.vae.empty()) f.vae = near.vae;
            if (f.tokenizer.empty()) f.tokenizer = near.tokenizer;
            if (f.denoiserConfig.empty()) f.denoiserConfig = near.denoiserConfig;
            const WanFiles again = findWanFiles([&] {
                std::vector<std::string> all = f.denoiser;
                all.insert(all.end(), f.textEncoder.begin(), f.textEncoder.end());
                if (!f.vae.empty()) all.push_back(f.vae);
                if (!f.tokenizer.empty()) all.push_back(f.tokenizer);
                return all;
            }());
            f.missing = again.missing;
            f.problems = again.problems;
        }
        return f;
    }

    DetectedModel describe(const WanFiles& f, const std::string& folder) const {
        DetectedModel d;
        d.family = name();
        d.folder = folder;
        d.missing = f.missing;
        for (const auto& p : f.problems) d.missing.push_back("a matching part: " + p);
        d.variant = "?";
        std::error_code ec;
        auto size = [&](const std::string& p) {
            return p.empty() ? 0 : static_cast<int64_t>(fs::file_size(p, ec));
        };
        for (const auto& p : f.denoiser) d.diskBytes += size(p);
        for (const auto& p : f.textEncoder) d.diskBytes += size(p);
        d.diskBytes += size(f.vae) + size(f.tokenizer);
        if (!f.denoiser.empty()) {
            try {
                const WanSummary s = summarizeWan(f);
                d.memoryBytes = s.memoryBytes(s.dim >= 1536 ? 21 * 30 * 52 : 2 * 4 * 8);
                d.variant = s.variant + " (" + f.layout + ")";
            } catch (const Error& e) {
                d.missing.push_back(std::string("a readable denoiser: ") + e.what());
            }
        }
        return d;
    }

    std::unique_ptr<VideoModel> loadFrom(const WanFiles& f, const std::string& folder) const {
        if (!f.missing.empty() || !f.problems.empty())
            throw Error(folder + ": the Wan model is incomplete: " + join(f.missing, "; ") +
                            (f.problems.empty() ? "" : "; " + join(f.problems, "; ")),
                        ErrorKind::ModelLoad);
        // Refuse before loading what cannot fit: the weights and the fixed working memory
        // (a canvas's own needs grow with its tokens; docs/wan.md gives the figures).
        const WanSummary s = summarizeWan(f);
        const int64_t need = s.memoryBytes(0);
        const long long available = availableMemoryBytes();
        if (available > 0 && need > available &&
            std::getenv("KINORA_IGNORE_MEMORY_CHECK") == nullptr)
            throw Error(
                folder + ": " + s.variant + " needs about " + std::to_string(need >> 20) +
                    " MB before its first clip (denoiser " + std::to_string(s.ditBytes >> 20) +
                    " MB as stored, VAE " + std::to_string((s.vaeParameters * 4) >> 20) +
                    " MB in float32" +
                    (s.clipBytes > 0
                         ? ", image encoder " + std::to_string(s.clipBytes >> 20) + " MB as stored"
                         : std::string()) +
                    ", one text-encoder block, working memory); this machine has " +
                    std::to_string(available >> 20) + " MB free",
                ErrorKind::ModelLoad);
        return std::make_unique<WanVideoModel>(f);
    }
};

}  // namespace

const ModelFamily& wanFamily() {
    static const WanFamily family;
    return family;
}

}  // namespace kinora::wan
