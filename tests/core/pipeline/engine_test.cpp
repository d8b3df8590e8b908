#include "pipeline/engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "models/kinora/kinora_model.h"
#include "test_model.h"
#include "util/device.h"
#include "util/error.h"

namespace kinora {
namespace {

Engine& engine() {
    return test::testEngine();
}

GenerationRequest request(uint64_t seed) {
    GenerationRequest r;
    r.prompt = "a big red ball bounces on the grass";
    r.seed = seed;
    r.frames = 9;
    r.width = 32;
    r.height = 32;
    r.steps = 4;
    return r;
}

bool sameFrames(const Clip& a, const Clip& b) {
    if (a.frames.size() != b.frames.size()) return false;
    for (std::size_t i = 0; i < a.frames.size(); ++i)
        if (a.frames[i].rgb != b.frames[i].rgb) return false;
    return true;
}

TEST(Engine, GeneratesTheRequestedClip) {
    auto r = engine().generate(request(1));
    EXPECT_FALSE(r.cancelled);
    EXPECT_EQ(r.stepsDone, 4);
    ASSERT_EQ(r.clip.frames.size(), 9u);
    EXPECT_EQ(r.clip.width(), 32);
    EXPECT_EQ(r.clip.height(), 32);
    EXPECT_EQ(r.clip.fps, 8);
    EXPECT_EQ(r.mode, "text-to-video");
    EXPECT_EQ(r.tokens, 3 * 4 * 4);
    EXPECT_EQ(r.timings.stepSeconds.size(), 4u);
    EXPECT_GT(r.timings.denoiserFlops, 0.0);
}

TEST(Engine, SameSeedGivesBitIdenticalFrames) {
    auto a = engine().generate(request(42));
    auto b = engine().generate(request(42));
    EXPECT_TRUE(sameFrames(a.clip, b.clip));
    EngineOptions o;
    o.modelDir = test::testModelDir();
    Engine second(o);
    EXPECT_TRUE(sameFrames(a.clip, second.generate(request(42)).clip));
    EXPECT_FALSE(sameFrames(a.clip, engine().generate(request(43)).clip));
}

// Two requests without a seed get two different random seeds (and clips); each reported
// seed makes its clip again.
TEST(Engine, UnsetSeedIsRandomAndReported) {
    auto r = request(0);
    r.seed.reset();
    const auto a = engine().generate(r);
    const auto b = engine().generate(r);
    EXPECT_NE(a.seed, b.seed);
    EXPECT_FALSE(sameFrames(a.clip, b.clip));
    EXPECT_LT(a.seed, 1ull << 53);  // exact in a project's JSON
    EXPECT_TRUE(sameFrames(a.clip, engine().generate(request(a.seed)).clip));
    EXPECT_TRUE(sameFrames(b.clip, engine().generate(request(b.seed)).clip));
}

TEST(Engine, CancelStopsWithinOneStep) {
    std::atomic<bool> cancel{false};
    GenerationCallbacks cb;
    cb.cancel = &cancel;
    int progressCalls = 0;
    cb.onProgress = [&](const StepProgress& p) {
        ++progressCalls;
        if (p.step == 2) cancel = true;  // as a GUI's Cancel click would, mid-generation
    };
    auto r = request(5);
    r.steps = 20;
    auto result = engine().generate(r, cb);
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(result.stepsDone, 2);
    EXPECT_EQ(progressCalls, 2);
    EXPECT_TRUE(result.clip.frames.empty());

    cancel = true;  // cancelled before it starts: no step runs
    auto early = engine().generate(r, cb);
    EXPECT_TRUE(early.cancelled);
    EXPECT_EQ(early.stepsDone, 0);
}

TEST(Engine, ReportsProgressAndPreviewsEveryStep) {
    std::vector<StepProgress> progress;
    std::vector<StepPreview> previews;
    GenerationCallbacks cb;
    cb.onProgress = [&](const StepProgress& p) { progress.push_back(p); };
    cb.onPreview = [&](const StepPreview& p) { previews.push_back(p); };
    engine().generate(request(3), cb);
    ASSERT_EQ(progress.size(), 4u);
    ASSERT_EQ(previews.size(), 4u);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(progress[i].step, i + 1);
        EXPECT_EQ(progress[i].totalSteps, 4);
        EXPECT_EQ(previews[i].frames.size(), 3u);  // one per latent frame
        EXPECT_EQ(previews[i].frames[0].width, 8);
    }
    EXPECT_EQ(progress[0].predictionChange, 0.0);
    EXPECT_GT(progress[1].predictionChange, 0.0);
    EXPECT_EQ(progress.back().secondsLeft, 0.0);
}

TEST(Engine, ImageToVideoTakesAnImageOfAnySize) {
    auto r = request(9);
    Image img(50, 30);
    for (int y = 0; y < 30; ++y)
        for (int x = 0; x < 50; ++x) img.pixel(x, y)[0] = static_cast<uint8_t>(x * 5);
    r.firstFrame = img;
    auto result = engine().generate(r);
    EXPECT_EQ(result.mode, "image-to-video");
    EXPECT_EQ(result.clip.frames.size(), 9u);
    EXPECT_EQ(result.clip.width(), 32);
}

TEST(Engine, GuidanceOneRunsConditionalOnly) {
    auto r = request(8);
    r.guidance = 1.0;
    auto a = engine().generate(r);
    EXPECT_EQ(a.guidance, 1.0);
    auto g = engine().generate(request(8));
    // Half the denoiser work: one row per forward instead of two.
    EXPECT_NEAR(a.timings.denoiserFlops * 2.0, g.timings.denoiserFlops,
                g.timings.denoiserFlops * 0.05);
}

// Reference guidance: with a reference it changes the clip, is reported, marks another
// watermark id and costs one conditional row a step on the clip's frames; without a
// reference it is ignored (the clip and its id as before); out of range is refused.
TEST(Engine, ReferenceGuidanceFollowsTheReferenceHarder) {
    Image look(32, 32);
    for (int y = 8; y < 24; ++y)
        for (int x = 8; x < 24; ++x) look.pixel(x, y)[0] = 230;
    auto r = request(11);
    r.references.push_back(look);
    r.referenceGuidance = 0.0;
    const auto plain = engine().generate(r);
    EXPECT_EQ(plain.referenceGuidance, 0.0);
    r.referenceGuidance = 3.0;
    const auto strong = engine().generate(r);
    EXPECT_EQ(strong.referenceGuidance, 3.0);
    EXPECT_FALSE(sameFrames(plain.clip, strong.clip));
    EXPECT_NE(plain.watermarkId, strong.watermarkId);
    // Two rows (cond, uncond) over clip + reference, plus one over the clip's frames
    // (counted at the clip's tokens, as the others are).
    EXPECT_NEAR(strong.timings.denoiserFlops, plain.timings.denoiserFlops * 1.5,
                plain.timings.denoiserFlops * 0.01);
    EXPECT_TRUE(sameFrames(strong.clip, engine().generate(r).clip));  // still deterministic

    auto none = request(11);
    none.referenceGuidance = 3.0;
    const auto a = engine().generate(none);
    const auto b = engine().generate(request(11));
    EXPECT_EQ(a.referenceGuidance, 0.0);
    EXPECT_TRUE(sameFrames(a.clip, b.clip));
    EXPECT_EQ(a.watermarkId, b.watermarkId);

    r.referenceGuidance = 20.5;
    EXPECT_THROW(engine().generate(r), Error);
}

TEST(Engine, RefusesInvalidRequests) {
    auto r = request(1);
    r.frames = 8;
    EXPECT_THROW(engine().generate(r), Error);
    r = request(1);
    r.width = 33;
    EXPECT_THROW(engine().generate(r), Error);
    r = request(1);
    r.prompt = std::string(100 * 1024, 'x');
    EXPECT_THROW(engine().generate(r), Error);
    r = request(1);
    r.firstFrame = Image();
    EXPECT_THROW(engine().generate(r), Error);
}

// The denoiser's products: float32 or bfloat16 as asked; "auto" takes bfloat16 for the
// embedded family where the CPU multiplies it natively; anything else is refused by name.
TEST(Engine, PrecisionChoosesTheDenoisersProducts) {
    auto make = [](const std::string& precision) {
        EngineOptions o;
        o.modelDir = test::testModelDir();
        o.precision = precision;
        return std::make_unique<Engine>(o);
    };
    const auto exact = make("float32")->generate(request(3));
    const auto bf16 = make("bf16")->generate(request(3));
    EXPECT_EQ(exact.precision, "float32");
    EXPECT_EQ(bf16.precision, "bf16");
    ASSERT_EQ(exact.clip.frames.size(), bf16.clip.frames.size());
    // Rounded products change the clip a little, not into something else.
    double diff = 0.0, count = 0.0;
    for (std::size_t i = 0; i < exact.clip.frames.size(); ++i) {
        const auto& a = exact.clip.frames[i];
        const auto& b = bf16.clip.frames[i];
        for (std::size_t k = 0; k < a.rgb.size(); ++k)
            diff += std::abs(int(a.rgb[k]) - int(b.rgb[k]));
        count += static_cast<double>(a.rgb.size());
    }
    EXPECT_GT(diff, 0.0) << "bfloat16 products left every pixel as float32's";
    EXPECT_LT(diff / count, 16.0) << "mean change per channel, of 255";
    EXPECT_EQ(make("auto")->generate(request(3)).precision,
              cpuHasNativeBf16() ? "bf16" : "float32");
    try {
        make("fp8");
        ADD_FAILURE() << "fp8 was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("float32"), std::string::npos) << e.what();
    }
}

TEST(Engine, MissingModelFolderIsAClearError) {
    EngineOptions o;
    o.modelDir = "/nonexistent/model";
    try {
        Engine e(o);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/model"), std::string::npos);
        EXPECT_EQ(e.kind(), ErrorKind::ModelLoad);
    }
}

// Callers act on an error's kind, never on its text.
TEST(Engine, ErrorsSayWhatKindTheyAre) {
    auto kindOf = [](const GenerationRequest& r) {
        try {
            engine().generate(r);
        } catch (const Error& e) {
            return std::string(name(e.kind()));
        }
        return std::string("none");
    };
    auto r = request(1);
    r.prompt = "a red ball covered in blood";
    EXPECT_EQ(kindOf(r), "prompt refused");
    r = request(1);
    r.steps = 0;  // set, so checked: not the model's default
    EXPECT_EQ(kindOf(r), "invalid request");
    r = request(1);
    r.guidance = -1.0;
    EXPECT_EQ(kindOf(r), "invalid request");
    r = request(1);
    r.mode = GenerationMode::Connect;  // without its frames
    EXPECT_EQ(kindOf(r), "invalid request");
}

TEST(Engine, NonFiniteWeightsAreRefusedAtLoadWithTheTensorNamed) {
    const std::string dir = test::tempDir("nan-weights");
    for (const auto& e : std::filesystem::directory_iterator(test::testModelDir()))
        std::filesystem::copy_file(e.path(), dir + "/" + e.path().filename().string());
    {
        KinoraModel model = loadModel(dir);
        torch::NoGradGuard noGrad;
        for (auto& item : model->named_parameters())
            if (item.key().find("dit.") == 0) {
                item.value().fill_(std::numeric_limits<float>::infinity());
                break;
            }
        saveModel(model, dir);
    }
    EngineOptions o;
    o.modelDir = dir;
    const std::string message = test::errorOf([&] { Engine e(o); });
    EXPECT_NE(message.find("holds NaN or infinite values (damaged weights)"), std::string::npos)
        << message;
    EXPECT_NE(message.find("tensor 'dit."), std::string::npos) << message;
}

}  // namespace
}  // namespace kinora
