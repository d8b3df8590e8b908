// The Wan family behind the model seam: the layouts users have on disk, what is refused and
// how, and a whole generation to a signed MP4.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include <torch/torch.h>

#include "models/registry.h"
#include "models/video_model.h"
#include "models/wan/wan_family.h"
#include "pipeline/engine.h"
#include "provenance/c2pa.h"
#include "provenance/delivery.h"
#include "spm_json.h"
#include "test_model.h"
#include "util/error.h"
#include "weights/safetensors.h"

namespace kinora::wan {
namespace {

namespace fs = std::filesystem;
const std::string kFixtures = KINORA_WAN21_FIXTURES;

using test::errorOf;

const std::string& tinyModel() {
    static const std::string dir = [] {
        const std::string d = test::tempDir("wan-tiny") + "/model";
        writeRandomWan(d, "tiny", 7, "bf16", true);
        return d;
    }();
    return dir;
}

// Writes `from`'s tensors to `to` under new names (and as F32).
void renamed(const std::string& from, const std::string& to,
             const std::function<std::string(const std::string&)>& rename) {
    const auto file = openTensorFile(from);
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto& e : file->entries())
        tensors.emplace_back(rename(e.name), file->loadFloat(e.name));
    fs::create_directories(fs::path(to).parent_path());
    writeSafetensors(to, tensors);
}

void copyTo(const std::string& from, const std::string& to) {
    fs::create_directories(fs::path(to).parent_path());
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    fs::permissions(to, fs::perms::owner_write, fs::perm_options::add);
}

// The fixtures' models as the official release lays them out.
std::string officialRelease() {
    const std::string d = test::tempDir("wan-official") + "/Wan2.1-T2V-fixture";
    copyTo(kFixtures + "/dit_t2v/weights.safetensors", d + "/diffusion_pytorch_model.safetensors");
    std::ofstream(d + "/config.json")
        << R"({"_class_name": "WanModel", "model_type": "t2v", "num_heads": 2, "text_len": 32})";
    copyTo(kFixtures + "/vae/weights.pth", d + "/Wan2.1_VAE.pth");
    copyTo(kFixtures + "/t5/weights_official.pth", d + "/models_t5_umt5-xxl-enc-bf16.pth");
    copyTo(kFixtures + "/tokenizer/spm_unigram_v500.model", d + "/google/umt5-xxl/spiece.model");
    return d;
}

// Official DiT names -> the diffusers ones (per diffusers' conversion script).
std::string toDiffusersDiT(const std::string& n) {
    static const std::vector<std::pair<std::regex, std::string>> map = {
        {std::regex(R"(^time_embedding\.0\.)"), "condition_embedder.time_embedder.linear_1."},
        {std::regex(R"(^time_embedding\.2\.)"), "condition_embedder.time_embedder.linear_2."},
        {std::regex(R"(^time_projection\.1\.)"), "condition_embedder.time_proj."},
        {std::regex(R"(^text_embedding\.0\.)"), "condition_embedder.text_embedder.linear_1."},
        {std::regex(R"(^text_embedding\.2\.)"), "condition_embedder.text_embedder.linear_2."},
        {std::regex(R"(\.self_attn\.o\.)"), ".attn1.to_out.0."},
        {std::regex(R"(\.self_attn\.(norm_[qk])\.)"), ".attn1.$1."},
        {std::regex(R"(\.self_attn\.([qkv])\.)"), ".attn1.to_$1."},
        {std::regex(R"(\.cross_attn\.o\.)"), ".attn2.to_out.0."},
        {std::regex(R"(\.cross_attn\.(norm_[qk])\.)"), ".attn2.$1."},
        {std::regex(R"(\.cross_attn\.([qkv])\.)"), ".attn2.to_$1."},
        {std::regex(R"(\.ffn\.0\.)"), ".ffn.net.0.proj."},
        {std::regex(R"(\.ffn\.2\.)"), ".ffn.net.2."},
        {std::regex(R"(^blocks\.(\d+)\.modulation$)"), "blocks.$1.scale_shift_table"},
        {std::regex(R"(\.norm3\.)"), ".norm2."},
        {std::regex(R"(^head\.modulation$)"), "scale_shift_table"},
        {std::regex(R"(^head\.head\.)"), "proj_out."},
    };
    for (const auto& [p, r] : map)
        if (std::regex_search(n, p)) return std::regex_replace(n, p, r);
    return n;
}

// Official VAE names -> AutoencoderKLWan's (per diffusers' conversion script).
std::string toDiffusersVAE(const std::string& n) {
    std::smatch m;
    auto res = [](const std::string& r) {
        if (r == "residual.0.gamma") return std::string("norm1.gamma");
        if (r.rfind("residual.2.", 0) == 0) return "conv1." + r.substr(11);
        if (r == "residual.3.gamma") return std::string("norm2.gamma");
        if (r.rfind("residual.6.", 0) == 0) return "conv2." + r.substr(11);
        if (r.rfind("shortcut.", 0) == 0) return "conv_shortcut." + r.substr(9);
        return r;
    };
    if (std::regex_match(n, m, std::regex(R"((encoder|decoder)\.conv1\.(.+))")))
        return m[1].str() + ".conv_in." + m[2].str();
    if (std::regex_match(n, m, std::regex(R"(conv1\.(.+))"))) return "quant_conv." + m[1].str();
    if (std::regex_match(n, m, std::regex(R"(conv2\.(.+))")))
        return "post_quant_conv." + m[1].str();
    if (std::regex_match(n, m, std::regex(R"((encoder|decoder)\.head\.0\.gamma)")))
        return m[1].str() + ".norm_out.gamma";
    if (std::regex_match(n, m, std::regex(R"((encoder|decoder)\.head\.2\.(.+))")))
        return m[1].str() + ".conv_out." + m[2].str();
    if (std::regex_match(n, m, std::regex(R"((encoder|decoder)\.middle\.1\.(.+))")))
        return m[1].str() + ".mid_block.attentions.0." + m[2].str();
    if (std::regex_match(n, m, std::regex(R"((encoder|decoder)\.middle\.([02])\.(.+))")))
        return m[1].str() + ".mid_block.resnets." + (m[2].str() == "0" ? "0." : "1.") +
               res(m[3].str());
    if (std::regex_match(n, m, std::regex(R"(encoder\.downsamples\.(\d+)\.(.+))")))
        return "encoder.down_blocks." + m[1].str() + "." + res(m[2].str());
    if (std::regex_match(n, m, std::regex(R"(decoder\.upsamples\.(\d+)\.(.+))"))) {
        const int i = std::stoi(m[1].str());
        if (i % 4 == 3)
            return "decoder.up_blocks." + std::to_string(i / 4) + ".upsamplers.0." + m[2].str();
        return "decoder.up_blocks." + std::to_string(i / 4) + ".resnets." + std::to_string(i % 4) +
               "." + res(m[2].str());
    }
    return n;
}

// The same models as the diffusers layout (the text encoder under Hugging Face names).
std::string diffusersFolder() {
    const std::string d = test::tempDir("wan-diffusers") + "/Wan2.1-T2V-fixture-Diffusers";
    fs::create_directories(d);
    std::ofstream(d + "/model_index.json") << R"({"_class_name": "WanPipeline"})";
    renamed(kFixtures + "/dit_t2v/weights.safetensors",
            d + "/transformer/diffusion_pytorch_model.safetensors", toDiffusersDiT);
    std::ofstream(d + "/transformer/config.json")
        << R"({"_class_name": "WanTransformer3DModel", "num_attention_heads": 2, "text_len": 32})";
    renamed(kFixtures + "/vae/weights.safetensors", d + "/vae/diffusion_pytorch_model.safetensors",
            toDiffusersVAE);
    copyTo(kFixtures + "/t5/weights_hf_umt5.safetensors", d + "/text_encoder/model.safetensors");
    // The tokenizer as a tokenizer.json alone (the official folder has the spiece.model).
    fs::create_directories(d + "/tokenizer");
    std::ofstream(d + "/tokenizer/tokenizer.json")
        << spmjson::toTokenizerJson(
               spmjson::readSpm(kFixtures + "/tokenizer/spm_unigram_v500.model"), true)
               .dump();
    return d;
}

GenerationRequest smallRequest() {
    GenerationRequest r;
    r.prompt = "a red fox runs across a snowy field at dawn";
    r.seed = 11;
    r.frames = 5;
    r.width = 32;
    r.height = 32;
    r.steps = 3;
    return r;
}

TEST(WanFamily, DetectsTheSingleFilesInitModelWrites) {
    const auto found = detectModel(tinyModel());
    EXPECT_EQ(found.family, "wan2.1");
    EXPECT_TRUE(found.complete());
    EXPECT_NE(found.variant.find("t2v-dim128x2"), std::string::npos) << found.variant;
    EXPECT_NE(found.variant.find("single files"), std::string::npos);
    // Also as a list of files, and as the denoiser file alone (the rest found beside it).
    const auto files = findWanFiles({tinyModel()});
    std::string list;
    for (const auto& f : files.denoiser) list += f + ",";
    list += files.vae + "," + files.textEncoder.front() + "," + files.tokenizer;
    EXPECT_TRUE(detectModel(list).complete());
    EXPECT_TRUE(detectModel(files.denoiser.front()).complete());
}

TEST(WanFamily, GeneratesASignedClipWithPreviewsAndCancel) {
    EngineOptions o;
    o.modelDir = tinyModel();
    Engine engine(o);
    EXPECT_EQ(engine.info().family, "wan2.1");
    EXPECT_EQ(engine.info().defaults.solver, "unipc");
    EXPECT_EQ(engine.info().defaults.fps, 16);
    std::vector<StepPreview> previews;
    GenerationCallbacks cb;
    cb.onPreview = [&](const StepPreview& p) { previews.push_back(p); };
    const auto result = engine.generate(smallRequest(), cb);
    ASSERT_EQ(result.clip.frames.size(), 5u);
    EXPECT_EQ(result.clip.width(), 32);
    EXPECT_EQ(result.solver, "unipc");
    ASSERT_EQ(previews.size(), 3u);
    EXPECT_EQ(previews[0].frames.size(), 2u);  // one picture per latent frame
    EXPECT_EQ(previews[0].frames[0].width, 4);
    // The same request gives the same clip, bit for bit.
    const auto again = engine.generate(smallRequest());
    EXPECT_EQ(again.clip.frames[4].rgb, result.clip.frames[4].rgb);
    // Signed like every clip Kinora writes.
    const std::string mp4 = test::tempDir("wan-mp4") + "/fox.mp4";
    writeClip(result.clip, mp4);
    const auto report = c2pa::verifyFile(mp4);
    EXPECT_EQ(report.state, c2pa::VerifyReport::State::Valid);
    ASSERT_EQ(report.watermarkIds.size(), 1u);
    EXPECT_EQ(report.watermarkIds[0], result.watermarkId);
    // Cancel stops within a step.
    std::atomic<bool> cancel{false};
    GenerationCallbacks stop;
    stop.cancel = &cancel;
    stop.onProgress = [&](const StepProgress& p) {
        if (p.step == 1) cancel = true;
    };
    const auto cancelled = engine.generate(smallRequest(), stop);
    EXPECT_TRUE(cancelled.cancelled);
    EXPECT_EQ(cancelled.stepsDone, 1);
}

TEST(WanFamily, DamagedWeightsStopTheGenerationWithTheTensorNamed) {
    // The tiny model with one denoiser weight turned to NaN (as a bad download might).
    const std::string dir = test::tempDir("wan-nan") + "/model";
    fs::create_directories(dir);
    std::string damaged;
    for (const auto& e : fs::directory_iterator(tinyModel())) {
        const std::string to = dir + "/" + e.path().filename().string();
        if (e.path().extension() == ".safetensors" &&
            openTensorFile(e.path().string())->find("blocks.0.ffn.0.weight")) {
            damaged = to;
            renamed(e.path().string(), to, [](const std::string& n) { return n; });
            const auto file = openTensorFile(to);
            std::vector<std::pair<std::string, torch::Tensor>> tensors;
            for (const auto& t : file->entries()) {
                torch::Tensor v = file->loadFloat(t.name);
                if (t.name == "blocks.0.ffn.0.weight") v.fill_(std::nanf(""));
                tensors.emplace_back(t.name, v);
            }
            writeSafetensors(to, tensors);
        } else {
            copyTo(e.path().string(), to);
        }
    }
    ASSERT_FALSE(damaged.empty());
    EngineOptions o;
    o.modelDir = dir;
    Engine engine(o);
    const std::string message = errorOf([&] { engine.generate(smallRequest()); });
    EXPECT_NE(message.find("step 1: the model's prediction holds NaN or infinite values"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("tensor 'blocks.0.ffn.0.weight'"), std::string::npos) << message;
}

TEST(WanFamily, RefusesWhatItCannotMake) {
    EngineOptions o;
    o.modelDir = tinyModel();
    Engine engine(o);
    auto r = smallRequest();
    r.frames = 8;
    const auto frames = errorOf([&] { engine.generate(r); });
    EXPECT_NE(frames.find("5"), std::string::npos) << frames;  // the nearest valid counts named
    EXPECT_NE(frames.find("9"), std::string::npos) << frames;
    r = smallRequest();
    r.width = 36;
    EXPECT_NE(errorOf([&] { engine.generate(r); }).find("multiple of 16"), std::string::npos);
    r = smallRequest();
    r.firstFrame = Image(32, 32);
    EXPECT_NE(errorOf([&] { engine.generate(r); }).find("image-to-video"), std::string::npos);
    r = smallRequest();
    r.solver = "ddim";
    EXPECT_NE(errorOf([&] { engine.generate(r); }).find("unipc"), std::string::npos);
}

TEST(WanFamily, OfficialReleaseAndDiffusersLayoutsGiveTheSameClip) {
    const auto official = officialRelease();
    const auto diffusers = diffusersFolder();
    const auto a = detectModel(official);
    const auto b = detectModel(diffusers);
    EXPECT_TRUE(a.complete()) << (a.missing.empty() ? "" : a.missing.front());
    EXPECT_TRUE(b.complete()) << (b.missing.empty() ? "" : b.missing.front());
    EXPECT_NE(a.variant.find("official release"), std::string::npos) << a.variant;
    EXPECT_NE(b.variant.find("diffusers"), std::string::npos) << b.variant;
    EngineOptions o;
    o.modelDir = official;
    Engine first(o);
    o.modelDir = diffusers;
    Engine second(o);
    const auto x = first.generate(smallRequest());
    const auto y = second.generate(smallRequest());
    ASSERT_EQ(x.clip.frames.size(), y.clip.frames.size());
    for (std::size_t i = 0; i < x.clip.frames.size(); ++i) {
        int worst = 0;
        for (std::size_t k = 0; k < x.clip.frames[i].rgb.size(); ++k)
            worst = std::max(worst,
                             std::abs(int(x.clip.frames[i].rgb[k]) - int(y.clip.frames[i].rgb[k])));
        EXPECT_LE(worst, 1) << "frame "
                            << i;  // F32 against BF16 text weights: the same up to rounding
    }
}

// A folder of single files: `denoiser` and `vae` beside the text encoder and tokenizer of
// `text` (parts of different models put together on purpose).
std::string assemble(const std::string& dir, const std::string& denoiser, const std::string& vae,
                     const WanFiles& text) {
    copyTo(denoiser, dir + "/dit.safetensors");
    copyTo(vae, dir + "/vae.safetensors");
    copyTo(text.textEncoder.front(), dir + "/t5.safetensors");
    copyTo(text.tokenizer, dir + "/spiece.model");
    return dir;
}

// Wan 2.2 TI2V-5B as init-model writes it (tiny): one denoiser on the Wan 2.2 VAE's 48
// channels, 16x in space, 24 fps; text or a first frame held as its latent at time 0.
const std::string& tinyTi2v() {
    static const std::string dir = [] {
        const std::string d = test::tempDir("wan-ti2v") + "/model";
        writeRandomWan(d, "tiny", 9, "bf16", true, "ti2v");
        return d;
    }();
    return dir;
}

TEST(WanFamily, Ti2vMakesClipsFromTextOrAFirstFrame) {
    const auto found = detectModel(tinyTi2v());
    EXPECT_EQ(found.variant, "ti2v-dim128x2 (single files)");
    EXPECT_TRUE(found.complete());
    EngineOptions o;
    o.modelDir = tinyTi2v();
    Engine engine(o);
    const ModelInfo& info = engine.info();
    EXPECT_EQ(info.name, "Wan2.2-TI2V-dim128x2");
    EXPECT_EQ(info.spatialFactor, 16);
    EXPECT_EQ(info.latentChannels, 48);
    EXPECT_EQ(info.defaults.fps, 24);
    EXPECT_FALSE(info.pixelConditioning);  // the first frame is held as its latent
    ASSERT_EQ(info.modes.size(), 2u);
    EXPECT_TRUE(info.supports(GenerationMode::ImageToVideo));

    GenerationRequest r;
    r.prompt = "a red fox runs across a snowy field";
    r.seed = 4;
    r.steps = 3;
    int previews = 0;
    GenerationCallbacks cb;
    cb.onPreview = [&](const StepPreview& p) {
        ++previews;
        ASSERT_FALSE(p.frames.empty());
        EXPECT_EQ(p.frames[0].width, 128 / 16);  // at latent resolution
    };
    const auto t2v = engine.generate(r, cb);
    EXPECT_EQ(t2v.mode, "text-to-video");
    EXPECT_EQ(t2v.solver, "unipc");
    EXPECT_EQ(t2v.clip.frames.size(), 17u);
    EXPECT_EQ(t2v.clip.width(), 128);
    EXPECT_EQ(t2v.clip.height(), 64);
    EXPECT_EQ(previews, 3);

    Image first(96, 80);
    for (std::size_t i = 0; i < first.rgb.size(); ++i) first.rgb[i] = static_cast<uint8_t>(i * 13);
    r.firstFrame = first;
    const auto i2v = engine.generate(r);
    const auto again = engine.generate(r);
    EXPECT_EQ(i2v.mode, "image-to-video");
    EXPECT_EQ(i2v.solver, "unipc");  // the release's solver holds the frame too
    ASSERT_EQ(i2v.clip.frames.size(), 17u);
    EXPECT_EQ(i2v.clip.frames[5].rgb, again.clip.frames[5].rgb);
    EXPECT_NE(i2v.clip.frames[5].rgb, t2v.clip.frames[5].rgb);
}

TEST(WanFamily, ATi2vDenoiserAndAWan21VaeDoNotGoTogether) {
    const auto ti2v = findWanFiles({tinyTi2v()});
    const auto t2v = findWanFiles({tinyModel()});
    // TI2V's denoiser beside the Wan 2.1 VAE, and the Wan 2.1 denoiser beside the 2.2 VAE.
    const std::string a =
        assemble(test::tempDir("wan-ti2v-mix") + "/a", ti2v.denoiser.front(), t2v.vae, ti2v);
    const auto one = detectModel(a);
    ASSERT_FALSE(one.complete());
    EXPECT_NE(one.missing.front().find("needs the Wan 2.2 VAE"), std::string::npos)
        << one.missing.front();
    const std::string b =
        assemble(test::tempDir("wan-ti2v-mix") + "/b", t2v.denoiser.front(), ti2v.vae, t2v);
    const auto other = detectModel(b);
    ASSERT_FALSE(other.complete());
    EXPECT_NE(other.missing.front().find("48"), std::string::npos) << other.missing.front();
    EXPECT_NE(errorOf([&] { loadVideoModel(b); }).find("VAE"), std::string::npos);
    // init-model writes TI2V in 5b or tiny only, and no other Wan model in 5b.
    EXPECT_THROW(writeRandomWan(test::tempDir("wan-ti2v-bad"), "14b", 1, "bf16", true, "ti2v"),
                 Error);
    EXPECT_THROW(writeRandomWan(test::tempDir("wan-ti2v-bad2"), "5b", 1, "bf16", true, "t2v"),
                 Error);
}

// Wan 2.1 I2V- and FLF2V-14B as init-model writes them (tiny): 36 input channels, the image
// branch, and a CLIP image tower in the Hugging Face layout of clip_vision_h.safetensors.
std::string tinyImageModel(const std::string& kind) {
    const std::string d = test::tempDir("wan-" + kind) + "/model";
    if (!fs::exists(d)) writeRandomWan(d, "tiny", 11, "bf16", true, kind);
    return d;
}

TEST(WanFamily, ImageToVideoAndFirstLastFrameRunWithTheClipImageEncoder) {
    Image first(96, 80), last(96, 80);
    for (std::size_t i = 0; i < first.rgb.size(); ++i) {
        first.rgb[i] = static_cast<uint8_t>(i * 13);
        last.rgb[i] = static_cast<uint8_t>(255 - i * 7);
    }
    {
        EngineOptions o;
        o.modelDir = tinyImageModel("i2v");
        Engine engine(o);
        EXPECT_EQ(engine.info().name, "Wan2.1-I2V-dim128x2");
        EXPECT_TRUE(engine.info().pixelConditioning);
        ASSERT_EQ(engine.info().modes.size(), 1u);
        EXPECT_EQ(engine.info().defaults.shift, 3.0);  // the release's 480p shift
        GenerationRequest r;
        r.prompt = "a red fox runs across a snowy field";
        r.seed = 2;
        r.steps = 2;
        r.frames = 9;
        EXPECT_NE(errorOf([&] { engine.generate(r); }).find("text-to-video is not a mode"),
                  std::string::npos);
        r.firstFrame = first;
        const auto a = engine.generate(r);
        EXPECT_EQ(a.mode, "image-to-video");
        EXPECT_EQ(a.clip.frames.size(), 9u);
        // The CLIP features matter: another picture, another clip after the first frame.
        r.firstFrame = last;
        const auto b = engine.generate(r);
        EXPECT_NE(a.clip.frames[6].rgb, b.clip.frames[6].rgb);
    }
    {
        EngineOptions o;
        o.modelDir = tinyImageModel("flf2v");
        Engine engine(o);
        EXPECT_EQ(engine.info().name, "Wan2.1-FLF2V-dim128x2");
        EXPECT_TRUE(engine.info().supports(GenerationMode::Connect));
        EXPECT_EQ(engine.info().defaults.shift, 16.0);
        GenerationRequest r;
        r.prompt = "a red fox runs across a snowy field";
        r.seed = 2;
        r.steps = 2;
        r.frames = 9;
        r.mode = GenerationMode::Connect;
        r.firstFrame = first;
        r.lastFrame = last;
        const auto c = engine.generate(r);
        EXPECT_EQ(c.mode, "connect");
        EXPECT_EQ(c.clip.frames.size(), 9u);
    }
    // Without its image encoder the model names what it lacks.
    const auto files = findWanFiles({tinyImageModel("i2v")});
    const std::string d =
        assemble(test::tempDir("wan-i2v-noclip") + "/m", files.denoiser.front(), files.vae, files);
    const auto found = detectModel(d);
    ASSERT_FALSE(found.complete());
    EXPECT_NE(found.missing.front().find("clip_vision_h.safetensors"), std::string::npos)
        << found.missing.front();
}

TEST(WanFamily, NamesWhatIsMissingOrDoesNotBelong) {
    // No VAE, no tokenizer.
    const std::string d = test::tempDir("wan-missing") + "/m";
    const auto files = findWanFiles({tinyModel()});
    copyTo(files.denoiser.front(), d + "/dit.safetensors");
    copyTo(files.textEncoder.front(), d + "/t5.safetensors");
    const auto found = detectModel(d);
    EXPECT_EQ(found.family, "wan2.1");
    ASSERT_EQ(found.missing.size(), 2u);
    EXPECT_NE(found.missing[0].find("VAE"), std::string::npos);
    EXPECT_NE(found.missing[1].find("spiece.model"), std::string::npos);
    EXPECT_NE(errorOf([&] { loadVideoModel(d); }).find("VAE"), std::string::npos);

    // A Wan 2.2 TI2V-5B-like denoiser (48 latent channels) beside the 2.1 VAE.
    const std::string w = test::tempDir("wan-mismatch") + "/m";
    copyTo(files.vae, w + "/vae.safetensors");
    copyTo(files.textEncoder.front(), w + "/t5.safetensors");
    copyTo(files.tokenizer, w + "/spiece.model");
    renamed(files.denoiser.front(), w + "/dit.safetensors", [](const std::string& n) { return n; });
    {
        const auto f = openTensorFile(w + "/dit.safetensors");
        std::vector<std::pair<std::string, torch::Tensor>> t;
        for (const auto& e : f->entries()) {
            auto x = f->loadFloat(e.name);
            if (e.name == "patch_embedding.weight") x = torch::zeros({128, 48, 1, 2, 2});
            if (e.name == "head.head.weight") x = torch::zeros({192, 128});
            if (e.name == "head.head.bias") x = torch::zeros({192});
            t.emplace_back(e.name, x);
        }
        writeSafetensors(w + "/dit.safetensors", t);
    }
    const auto mismatch = detectModel(w);
    ASSERT_FALSE(mismatch.complete());
    EXPECT_NE(mismatch.missing.front().find("Wan 2.2"), std::string::npos)
        << mismatch.missing.front();

    // A truncated denoiser: named, with the file.
    const std::string t = test::tempDir("wan-truncated") + "/m";
    copyTo(files.vae, t + "/vae.safetensors");
    copyTo(files.textEncoder.front(), t + "/t5.safetensors");
    copyTo(files.tokenizer, t + "/spiece.model");
    copyTo(files.denoiser.front(), t + "/dit.safetensors");
    fs::resize_file(t + "/dit.safetensors", fs::file_size(t + "/dit.safetensors") / 2);
    const auto cut = errorOf([&] { loadVideoModel(t); });
    EXPECT_NE(cut.find("dit.safetensors"), std::string::npos) << cut;

    // A tensor of the wrong shape: the file and the tensor named.
    const std::string s = test::tempDir("wan-shape") + "/m";
    copyTo(files.vae, s + "/vae.safetensors");
    copyTo(files.textEncoder.front(), s + "/t5.safetensors");
    copyTo(files.tokenizer, s + "/spiece.model");
    {
        const auto f = openTensorFile(files.denoiser.front());
        std::vector<std::pair<std::string, torch::Tensor>> tensors;
        for (const auto& e : f->entries())
            tensors.emplace_back(e.name, e.name == "blocks.1.ffn.0.weight"
                                             ? torch::zeros({255, 128})
                                             : f->loadFloat(e.name));
        writeSafetensors(s + "/dit.safetensors", tensors);
    }
    const auto shape = errorOf([&] { loadVideoModel(s); });
    EXPECT_NE(shape.find("blocks.1.ffn.0.weight"), std::string::npos) << shape;
    EXPECT_NE(shape.find("dit.safetensors"), std::string::npos) << shape;
}

}  // namespace
}  // namespace kinora::wan
