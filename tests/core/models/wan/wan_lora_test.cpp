// LoRA files on the Wan denoiser: the merge against a direct computation, the key layouts
// people share, refusals that name what does not fit, and the presets of distilled LoRAs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <torch/torch.h>

#include "models/wan/wan_dit.h"
#include "models/wan/wan_family.h"
#include "models/wan/wan_lora.h"
#include "models/wan/wan_weights.h"
#include "pipeline/engine.h"
#include "test_model.h"
#include "util/error.h"
#include "weights/safetensors.h"

namespace kinora::wan {
namespace {

namespace fs = std::filesystem;
using test::errorOf;

// A tiny text-to-video model in float32 (so merged weights are compared exactly).
const std::string& tinyF32() {
    static const std::string dir = [] {
        const std::string d = test::tempDir("wan-lora") + "/model";
        writeRandomWan(d, "tiny", 7, "f32", true);
        return d;
    }();
    return dir;
}

std::string denoiserFile() {
    for (const auto& e : fs::directory_iterator(tinyF32()))
        if (e.path().filename().string().rfind("wan2.1_t2v_", 0) == 0) return e.path().string();
    throw Error("no denoiser");
}

struct Loaded {
    std::unique_ptr<WanWeights> weights;
    std::unique_ptr<WanDiT> dit;
};

Loaded loadDit() {
    Loaded l;
    l.weights = std::make_unique<WanWeights>(
        std::vector<std::shared_ptr<TensorFile>>{
            std::shared_ptr<TensorFile>(openTensorFile(denoiserFile()))},
        ditName, "denoiser");
    l.dit = std::make_unique<WanDiT>(*l.weights, DiTConfig::fromWeights(*l.weights));
    return l;
}

std::string path(const std::string& name) {
    return test::tempDir("wan-lora-files") + "/" + name;
}

TEST(WanLora, MergesAsStrengthTimesAlphaOverRankTimesUpDown) {
    auto l = loadDit();
    const auto before = l.dit->namedWeights();
    const auto q0 = before.at("blocks.0.self_attn.q.weight")->clone();
    const auto ffn = before.at("blocks.1.ffn.0.weight")->clone();
    const auto ffnBias = before.at("blocks.1.ffn.0.bias")->clone();
    torch::manual_seed(3);
    const int64_t d = q0.size(0), r = 4;
    const auto up = torch::randn({d, r}), down = torch::randn({r, d});
    const auto up2 = torch::randn({ffn.size(0), 2}), down2 = torch::randn({2, ffn.size(1)});
    const auto diffB = torch::randn({ffn.size(0)});
    // kohya names with alpha; PEFT names behind the diffusers prefix (scale 1); a bias diff.
    const std::string kohya = path("style.safetensors");
    writeSafetensors(kohya, {{"diffusion_model.blocks.0.self_attn.q.lora_down.weight", down},
                             {"diffusion_model.blocks.0.self_attn.q.lora_up.weight", up},
                             {"diffusion_model.blocks.0.self_attn.q.alpha", torch::tensor(2.0)}});
    const std::string peft = path("peft.safetensors");
    writeSafetensors(peft, {{"transformer.blocks.1.ffn.net.0.proj.lora_A.weight", down2},
                            {"transformer.blocks.1.ffn.net.0.proj.lora_B.weight", up2},
                            {"transformer.blocks.1.ffn.net.0.proj.diff_b", diffB}});
    LoraMerge merge;
    merge.apply(*l.dit, {{kohya, 0.5}, {peft, 1.5}});
    const auto after = l.dit->namedWeights();
    EXPECT_TRUE(torch::allclose(*after.at("blocks.0.self_attn.q.weight"),
                                q0 + 0.5 * (2.0 / 4.0) * torch::matmul(up, down), 1e-5, 1e-5));
    EXPECT_TRUE(torch::allclose(*after.at("blocks.1.ffn.0.weight"),
                                ffn + 1.5 * torch::matmul(up2, down2), 1e-5, 1e-5));
    EXPECT_TRUE(torch::allclose(*after.at("blocks.1.ffn.0.bias"), ffnBias + 1.5 * diffB));
    EXPECT_EQ(merge.changedWeights(), 3u);
    // Replacing the set undoes the last merge first; an empty set restores the weights exactly.
    merge.apply(*l.dit, {{kohya, 1.0}});
    EXPECT_TRUE(torch::equal(*l.dit->namedWeights().at("blocks.1.ffn.0.weight"), ffn));
    merge.apply(*l.dit, {});
    EXPECT_TRUE(torch::equal(*l.dit->namedWeights().at("blocks.0.self_attn.q.weight"), q0));
    EXPECT_EQ(merge.changedWeights(), 0u);
}

// What the distillation LoRAs people use carry besides low-rank pairs: whole differences of
// norms (`.diff`), biases (`.diff_b`) and a block's modulation (`.diff_m`), and PEFT's
// adapter-named halves.
TEST(WanLora, MergesDifferencesOfNormsModulationsAndThePatchEmbedding) {
    auto l = loadDit();
    auto w = l.dit->namedWeights();
    const auto norm = w.at("blocks.0.cross_attn.norm_k.weight")->clone();
    const auto mod = w.at("blocks.1.modulation")->clone();
    const auto patch = w.at("patch_embedding.weight")->clone();  // held [dim, 16 x 4]
    const auto head = w.at("head.head.bias")->clone();
    torch::manual_seed(4);
    const auto dNorm = torch::randn(norm.sizes()), dMod = torch::randn(mod.sizes());
    const auto dPatch = torch::randn({128, 16, 1, 2, 2}), dHead = torch::randn(head.sizes());
    const auto a = torch::randn({2, 128}), b = torch::randn({128, 2});
    const std::string file = path("lightx2v_like.safetensors");
    writeSafetensors(file, {{"diffusion_model.blocks.0.cross_attn.norm_k.diff", dNorm},
                            {"diffusion_model.blocks.1.diff_m", dMod},
                            {"diffusion_model.patch_embedding.diff", dPatch},
                            {"diffusion_model.head.head.diff_b", dHead},
                            {"blocks.0.self_attn.k.lora_A.default.weight", a},
                            {"blocks.0.self_attn.k.lora_B.default.weight", b}});
    const auto k0 = w.at("blocks.0.self_attn.k.weight")->clone();
    LoraMerge merge;
    merge.apply(*l.dit, {{file, 2.0}});
    w = l.dit->namedWeights();
    EXPECT_TRUE(torch::allclose(*w.at("blocks.0.cross_attn.norm_k.weight"), norm + 2 * dNorm));
    EXPECT_TRUE(torch::allclose(*w.at("blocks.1.modulation"), mod + 2 * dMod));
    EXPECT_TRUE(
        torch::allclose(*w.at("patch_embedding.weight"), patch + 2 * dPatch.reshape({128, 64})));
    EXPECT_TRUE(torch::allclose(*w.at("head.head.bias"), head + 2 * dHead));
    EXPECT_TRUE(torch::allclose(*w.at("blocks.0.self_attn.k.weight"), k0 + 2 * torch::matmul(b, a),
                                1e-5, 1e-5));
    merge.apply(*l.dit, {});
    EXPECT_TRUE(torch::equal(*l.dit->namedWeights().at("blocks.1.modulation"), mod));
}

TEST(WanLora, ReadsKohyaUnderscoreNames) {
    auto l = loadDit();
    const auto w = l.dit->namedWeights();
    EXPECT_EQ(loraTarget("lora_unet_blocks_1_cross_attn_k", ".weight", w),
              "blocks.1.cross_attn.k.weight");
    EXPECT_EQ(loraTarget("diffusion_model.blocks.0.ffn.2", ".bias", w), "blocks.0.ffn.2.bias");
    EXPECT_EQ(loraTarget("transformer.blocks.0.attn2.to_out.0", ".weight", w),
              "blocks.0.cross_attn.o.weight");
    EXPECT_EQ(loraTarget("diffusion_model.blocks.1", ".modulation", w), "blocks.1.modulation");
    EXPECT_EQ(loraTarget("blocks.7.self_attn.q", ".weight", w), "");  // the tiny model has 2
}

TEST(WanLora, AFileThatDoesNotFitIsRefusedWithItsTensorsAndChangesNothing) {
    auto l = loadDit();
    const auto q0 = l.dit->namedWeights().at("blocks.0.self_attn.q.weight")->clone();
    const int64_t d = q0.size(0);
    const std::string good = path("good.safetensors");
    writeSafetensors(good, {{"blocks.0.self_attn.q.lora_down.weight", torch::ones({2, d})},
                            {"blocks.0.self_attn.q.lora_up.weight", torch::ones({d, 2})}});
    // A LoRA for a bigger model: layers that do not exist and sizes that do not match.
    const std::string other = path("other.safetensors");
    writeSafetensors(other, {{"blocks.0.self_attn.q.lora_down.weight", torch::ones({2, 5120})},
                             {"blocks.0.self_attn.q.lora_up.weight", torch::ones({5120, 2})},
                             {"blocks.39.self_attn.q.lora_down.weight", torch::ones({2, 5120})}});
    LoraMerge merge;
    const std::string e = errorOf([&] { merge.apply(*l.dit, {{good, 1.0}, {other, 1.0}}); });
    EXPECT_NE(e.find("other.safetensors"), std::string::npos) << e;
    EXPECT_NE(e.find("do not fit"), std::string::npos) << e;
    EXPECT_NE(e.find("blocks.39.self_attn.q.lora_down.weight (no such weight)"), std::string::npos)
        << e;
    EXPECT_NE(e.find("5120"), std::string::npos) << e;
    EXPECT_TRUE(torch::equal(*l.dit->namedWeights().at("blocks.0.self_attn.q.weight"), q0));
    // Not a weight file, a missing file, a half pair.
    std::ofstream(path("junk.safetensors")) << "not a safetensors file";
    EXPECT_THROW(merge.apply(*l.dit, {{path("junk.safetensors"), 1.0}}), Error);
    EXPECT_NE(errorOf([&] {
                  merge.apply(*l.dit, {{path("absent.safetensors"), 1.0}});
              }).find("absent.safetensors"),
              std::string::npos);
    const std::string half = path("half.safetensors");
    writeSafetensors(half, {{"blocks.0.self_attn.q.lora_down.weight", torch::ones({2, d})}});
    EXPECT_NE(errorOf([&] {
                  merge.apply(*l.dit, {{half, 1.0}});
              }).find("without the other"),
              std::string::npos);
}

TEST(WanLora, TheEngineMergesAtLoadAndADistilledLoraSetsFewStepsWithoutGuidance) {
    const int64_t d = 128;
    const std::string distilled = path("wan_lightx2v_4steps_lora.safetensors");
    torch::manual_seed(5);
    writeSafetensors(
        distilled,
        {{"diffusion_model.blocks.0.cross_attn.v.lora_down.weight", torch::randn({4, d})},
         {"diffusion_model.blocks.0.cross_attn.v.lora_up.weight", torch::randn({d, 4})}});
    GenerationRequest r;
    r.prompt = "a red fox runs across a snowy field at dawn";
    r.seed = 2;
    r.frames = 5;
    r.width = 32;
    r.height = 32;
    EngineOptions plain;
    plain.modelDir = tinyF32();
    Engine base(plain);
    EXPECT_TRUE(base.info().loras.empty());
    EngineOptions with = plain;
    with.loras = {{distilled, 1.0}};
    Engine merged(with);
    ASSERT_EQ(merged.info().loras.size(), 1u);
    EXPECT_EQ(merged.info().defaults.steps, 4);
    EXPECT_EQ(merged.info().defaults.guidance, 1.0);
    EXPECT_EQ(merged.info().defaults.solver, "euler");
    r.steps = 2;
    r.guidance = 1.0;
    r.solver = "euler";
    const auto a = base.generate(r), b = merged.generate(r);
    EXPECT_NE(a.clip.frames[4].rgb, b.clip.frames[4].rgb);
    // Strength 0 is the model as it was.
    EngineOptions zero = plain;
    zero.loras = {{distilled, 0.0}};
    EXPECT_EQ(Engine(zero).generate(r).clip.frames[4].rgb, a.clip.frames[4].rgb);
}

TEST(WanLora, ParsesFileAndStrength) {
    EXPECT_EQ(parseLoraChoice("a.safetensors").strength, 1.0);
    const auto c = parseLoraChoice("/loras/b.safetensors:0.75");
    EXPECT_EQ(c.path, "/loras/b.safetensors");
    EXPECT_EQ(c.strength, 0.75);
    EXPECT_EQ(parseLoraChoice("C:weird").path, "C:weird");  // not a number: part of the path
    EXPECT_THROW(parseLoraChoice("x.safetensors:9"), Error);
    EXPECT_THROW(parseLoraChoice(""), Error);
    const auto high = parseLoraChoice("/l/x.safetensors:3@high");
    EXPECT_EQ(high.path, "/l/x.safetensors");
    EXPECT_EQ(high.strength, 3.0);
    EXPECT_EQ(high.expert, "high");
    EXPECT_EQ(parseLoraChoice("y.safetensors@low").expert, "low");
}

}  // namespace
}  // namespace kinora::wan
