// Wan 2.2 T2V-A14B: two experts that hand over at a boundary noise level. The switch
// and the guidance of each step against the schedules the official generate() recorded
// (tests/fixtures/wan2.2/dit_ti2v/config.json), and two distinguishable tiny experts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "models/registry.h"
#include "models/video_model.h"
#include "models/wan/wan_family.h"
#include "pipeline/engine.h"
#include "pipeline/engine_internal.h"
#include "sampler/flow_sampler.h"
#include "sampler/flow_solvers.h"
#include "test_model.h"
#include "util/error.h"
#include "weights/safetensors.h"

namespace kinora::wan {
namespace {

namespace fs = std::filesystem;

// Tiny experts in float32; the low-noise one predicts nothing (its head is zero), so the
// steps it makes leave the sample where it is.
const std::string& tinyExperts() {
    static const std::string dir = [] {
        const std::string d = test::tempDir("wan-experts") + "/model";
        const auto files = writeRandomWan(d, "tiny", 5, "f32", true, "a14b");
        const std::string low = files.at(1);
        const auto f = openTensorFile(low);
        std::vector<std::pair<std::string, torch::Tensor>> tensors;
        for (const auto& e : f->entries()) {
            auto t = f->loadFloat(e.name);
            if (e.name.rfind("head.head.", 0) == 0) t = torch::zeros_like(t);
            tensors.emplace_back(e.name, t);
        }
        writeSafetensors(low + ".tmp", tensors);
        fs::rename(low + ".tmp", low);
        return d;
    }();
    return dir;
}

// A small clip of a fox at 32x32, seed 3.
GenerationRequest foxRequest(int frames, int steps) {
    GenerationRequest r;
    r.prompt = "a red fox runs across a snowy field at dawn";
    r.seed = 3;
    r.frames = frames;
    r.width = 32;
    r.height = 32;
    r.steps = steps;
    return r;
}

nlohmann::json recorded() {
    std::ifstream in(std::string(KINORA_WAN22_FIXTURES) + "/dit_ti2v/config.json");
    return nlohmann::json::parse(in)["derived"]["a14b_expert_switch"];
}

TEST(WanExperts, TheSwitchAndTheGuidanceFollowTheRecordedSchedules) {
    EngineOptions o;
    o.modelDir = tinyExperts();
    Engine engine(o);
    const ModelInfo& info = engine.info();
    EXPECT_EQ(info.expertBoundary, 0.875);
    EXPECT_EQ(info.defaults.shift, 12.0);
    EXPECT_EQ(info.defaults.guidance, 4.0);
    EXPECT_EQ(info.defaults.guidanceLowNoise, 3.0);
    const VideoModel& model = EngineAccess::model(engine);
    int checked = 0;
    const nlohmann::json data = recorded();  // held: the loop iterates a part of it
    for (const auto& s : data["schedules"]) {
        const std::string task = s["task"];
        const FlowSolverKind kind = parseSolver(s["solver"].get<std::string>());
        const FlowSchedule ours = flowSchedule(kind, s["sampling_steps"], s["shift"]);
        ASSERT_EQ(ours.steps(), static_cast<int>(s["steps"].size())) << task;
        for (const auto& step : s["steps"]) {
            const int i = step["step"];
            const auto at = static_cast<std::size_t>(i);
            // The timesteps the experts see are the reference's.
            EXPECT_EQ(ours.timesteps[at], step["t"].get<int64_t>()) << task << " step " << i;
            if (task != "t2v-A14B") continue;  // the text-to-video experts are the ones run
            const int expert = model.expertAt(ours.exact[at]);
            EXPECT_EQ(expert == 0 ? "high_noise_model" : "low_noise_model",
                      step["expert"].get<std::string>())
                << task << " " << s["solver"] << " step " << i;
            EXPECT_EQ(expert == 0 ? info.defaults.guidance : info.defaults.guidanceLowNoise,
                      step["guide_scale"].get<double>())
                << task << " step " << i;
            ++checked;
        }
    }
    EXPECT_EQ(checked, 80);  // two recorded text-to-video schedules of 40 steps
}

TEST(WanExperts, EachStepRunsItsExpert) {
    EngineOptions o;
    o.modelDir = tinyExperts();
    o.watermark = false;
    Engine engine(o);
    GenerationRequest r = foxRequest(5, 10);
    r.solver = "euler";
    std::vector<double> change;
    GenerationCallbacks cb;
    cb.onProgress = [&](const StepProgress& p) { change.push_back(p.predictionChange); };
    const auto result = engine.generate(r, cb);
    EXPECT_EQ(result.guidance, 4.0);
    EXPECT_EQ(result.guidanceLowNoise, 3.0);
    ASSERT_EQ(change.size(), 10u);
    // The euler grid's times; steps at or above the boundary are the high-noise expert's.
    const auto grid = shiftedTimeGrid(10, 12.0);
    const VideoModel& model = EngineAccess::model(engine);
    int high = 0;
    while (high < 10 && model.expertAt(grid[static_cast<std::size_t>(high)]) == 0) ++high;
    ASSERT_GT(high, 1);
    ASSERT_LT(high, 9);
    // High-noise steps move the prediction; once the low-noise expert (no prediction) takes
    // over, nothing moves: every step after its first changes nothing.
    for (int i = 1; i < high; ++i) EXPECT_GT(change[static_cast<std::size_t>(i)], 0.0) << i;
    for (int i = high + 1; i < 10; ++i) EXPECT_EQ(change[static_cast<std::size_t>(i)], 0.0) << i;
    // A guidance given explicitly applies to both experts.
    r.guidance = 2.0;
    EXPECT_EQ(engine.generate(r).guidanceLowNoise, 2.0);
}

TEST(WanExperts, TheOfficialFoldersAndWhatIsMissing) {
    // Wan2.2-T2V-A14B/{high_noise_model,low_noise_model}/ with the shared parts beside them.
    const std::string d = test::tempDir("wan-a14b-official") + "/Wan2.2-T2V-A14B";
    const auto files = writeRandomWan(d + "/parts", "tiny", 8, "bf16", true, "a14b");
    fs::create_directories(d + "/high_noise_model");
    fs::create_directories(d + "/low_noise_model");
    fs::rename(files[0], d + "/high_noise_model/diffusion_pytorch_model.safetensors");
    fs::rename(files[1], d + "/low_noise_model/diffusion_pytorch_model.safetensors");
    const auto found = findWanFiles({d});
    ASSERT_EQ(found.denoiser.size(), 1u);
    ASSERT_EQ(found.lowNoise.size(), 1u);
    EXPECT_NE(found.lowNoise[0].find("low_noise_model"), std::string::npos);
    EXPECT_TRUE(found.missing.empty()) << found.missing.front();
    const auto s = summarizeWan(found);
    EXPECT_TRUE(s.experts);
    EXPECT_EQ(s.variant, "t2v-dim128x2-experts");
    // Without the low-noise expert: named as missing, not loaded as a one-model Wan.
    fs::remove_all(d + "/low_noise_model");
    const auto half = findWanFiles({d});
    ASSERT_FALSE(half.missing.empty());
    EXPECT_NE(half.missing.front().find("low-noise expert"), std::string::npos);
    EXPECT_NE(test::errorOf([&] {
                  EngineOptions o;
                  o.modelDir = d;
                  Engine e(o);
              }).find("low-noise expert"),
              std::string::npos);
}

}  // namespace
}  // namespace kinora::wan

namespace kinora::wan {
namespace {

TEST(WanExperts, ImageToVideoExpertsStartOnTheGivenFrame) {
    const std::string d = test::tempDir("wan-i2v-experts") + "/model";
    writeRandomWan(d, "tiny", 6, "bf16", true, "a14b-i2v");
    EngineOptions o;
    o.modelDir = d;
    o.watermark = false;
    Engine engine(o);
    const ModelInfo& info = engine.info();
    EXPECT_EQ(info.name, "Wan2.2-I2V-dim128x2-experts");
    EXPECT_EQ(info.expertBoundary, 0.9);
    EXPECT_EQ(info.defaults.shift, 5.0);
    EXPECT_EQ(info.defaults.guidance, 3.5);
    EXPECT_EQ(info.defaults.guidanceLowNoise, 3.5);
    EXPECT_TRUE(info.pixelConditioning);
    EXPECT_TRUE(info.supports(GenerationMode::ImageToVideo));
    EXPECT_FALSE(info.supports(GenerationMode::TextToVideo));
    GenerationRequest r = foxRequest(9, 3);
    r.mode = GenerationMode::ImageToVideo;
    Image first(32, 32);
    for (std::size_t i = 0; i < first.rgb.size(); ++i)
        first.rgb[i] = static_cast<uint8_t>((i * 13) % 256);
    r.firstFrame = first;
    const auto a = engine.generate(r);
    ASSERT_EQ(a.clip.frames.size(), 9u);
    EXPECT_EQ(a.clip.frames[0].rgb, first.rgb);  // exactly as given
    // The frame reaches the denoiser (through the 36-channel input): another frame, another
    // clip after it.
    Image other = first;
    for (auto& v : other.rgb) v = static_cast<uint8_t>(255 - v);
    r.firstFrame = other;
    const auto b = engine.generate(r);
    EXPECT_NE(a.clip.frames[6].rgb, b.clip.frames[6].rgb);
    // Text alone is not what it makes.
    GenerationRequest text = r;
    text.mode = GenerationMode::TextToVideo;
    text.firstFrame.reset();
    EXPECT_NE(test::errorOf([&] { engine.generate(text); }).find("not a mode"), std::string::npos);
    // Its files say what it is.
    const auto s = summarizeWan(findWanFiles({d}));
    EXPECT_EQ(s.variant, "i2v-dim128x2-experts");
}

}  // namespace
}  // namespace kinora::wan

namespace kinora::wan {
namespace {

TEST(WanExperts, ALoraCanGoOnOneExpert) {
    EngineOptions o;
    o.modelDir = tinyExperts();
    o.watermark = false;
    Engine engine(o);
    // A change of the head's bias: on the low-noise expert (which predicts nothing) it makes
    // the steps after the switch move.
    const std::string lora = test::tempDir("wan-expert-lora") + "/bias.safetensors";
    writeSafetensors(lora, {{"diffusion_model.head.head.diff_b", torch::full({64}, 0.5)}});
    GenerationRequest r = foxRequest(5, 10);
    r.solver = "euler";
    auto lastChange = [&] {
        double last = -1.0;
        GenerationCallbacks cb;
        cb.onProgress = [&](const StepProgress& p) { last = p.predictionChange; };
        engine.generate(r, cb);
        return last;
    };
    engine.setLoras({{lora, 1.0, "high"}});
    EXPECT_EQ(lastChange(), 0.0);  // the low-noise expert is untouched
    engine.setLoras({{lora, 1.0, "low"}});
    EXPECT_GT(lastChange(), 0.0);
    ASSERT_EQ(engine.info().loras.size(), 1u);
    EXPECT_EQ(engine.info().loras[0].expert, "low");
    // A model of one denoiser has no expert to name.
    EngineOptions t2v;
    t2v.modelDir = test::tempDir("wan-one-denoiser") + "/model";
    writeRandomWan(t2v.modelDir, "tiny", 2, "bf16", true);
    Engine single(t2v);
    EXPECT_NE(test::errorOf([&] {
                  single.setLoras({{lora, 1.0, "high"}});
              }).find("one denoiser"),
              std::string::npos);
}

}  // namespace
}  // namespace kinora::wan
