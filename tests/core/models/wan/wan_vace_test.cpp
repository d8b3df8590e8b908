// Every storyboard mode on a Wan VACE model: given frames and references condition the
// denoiser as pixels, and what is given comes back exactly as given.
#include <gtest/gtest.h>

#include <cmath>

#include <torch/torch.h>

#include "models/wan/wan_family.h"
#include "pipeline/engine.h"
#include "pipeline/long_clip.h"
#include "test_model.h"
#include "util/error.h"

namespace kinora::wan {
namespace {

using test::errorOf;

const std::string& tinyVace() {
    static const std::string dir = [] {
        const std::string d = test::tempDir("wan-vace") + "/model";
        writeRandomWan(d, "tiny", 9, "bf16", true, "vace");
        return d;
    }();
    return dir;
}

// Unmarked frames, so that "exactly as given" can be compared byte for byte (the
// watermark is added on top afterwards, the same for every mode).
Engine& vaceEngine() {
    static Engine engine = [] {
        EngineOptions o;
        o.modelDir = tinyVace();
        o.watermark = false;
        return Engine(o);
    }();
    return engine;
}

// A picture with structure everywhere (so a wrong placement shows).
Image pattern(int w, int h, int seed) {
    Image img(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t* p = img.pixel(x, y);
            p[0] = static_cast<uint8_t>((x * 7 + seed * 31) % 256);
            p[1] = static_cast<uint8_t>((y * 11 + seed * 17) % 256);
            p[2] = static_cast<uint8_t>(((x ^ y) * 5 + seed * 3) % 256);
        }
    return img;
}

std::vector<Image> patternClip(int n, int w, int h, int seed) {
    std::vector<Image> frames;
    for (int i = 0; i < n; ++i) frames.push_back(pattern(w, h, seed + i));
    return frames;
}

GenerationRequest request(GenerationMode mode, int frames = 9) {
    GenerationRequest r;
    r.mode = mode;
    r.prompt = "a red fox runs across a snowy field at dawn";
    r.seed = 5;
    r.frames = frames;
    r.width = 32;
    r.height = 32;
    r.steps = 2;
    return r;
}

// Largest difference between two frames' bytes, inside the rectangle [x0, x1) x [y0, y1).
int maxDiff(const Image& a, const Image& b, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1) {
    if (x1 < 0) x1 = a.width;
    if (y1 < 0) y1 = a.height;
    int worst = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x)
            for (int c = 0; c < 3; ++c)
                worst = std::max(worst, std::abs(a.pixel(x, y)[c] - b.pixel(x, y)[c]));
    return worst;
}

TEST(WanVace, IsAModelThatConditionsOnPixelsWithEveryMode) {
    const ModelInfo& info = vaceEngine().info();
    EXPECT_EQ(info.name, "Wan2.1-VACE-dim128x2");
    EXPECT_TRUE(info.pixelConditioning);
    for (auto m : {GenerationMode::TextToVideo, GenerationMode::ImageToVideo,
                   GenerationMode::ExtendForward, GenerationMode::ExtendBackward,
                   GenerationMode::Connect, GenerationMode::Loop, GenerationMode::Inpaint})
        EXPECT_TRUE(info.supports(m)) << name(m);
    EXPECT_GE(info.maxReferences, 3);
    // Text alone: the control input is empty (nothing given), the multistep sampler as
    // the release ships it.
    const auto r = vaceEngine().generate(request(GenerationMode::TextToVideo));
    EXPECT_EQ(r.clip.frames.size(), 9u);
    EXPECT_EQ(r.solver, "unipc");
}

TEST(WanVace, ImageToVideoStartsExactlyOnTheGivenFrameAndThePreviewShowsIt) {
    auto r = request(GenerationMode::ImageToVideo);
    r.firstFrame = pattern(48, 40, 1);  // another shape: cropped to the canvas
    std::vector<StepPreview> previews;
    GenerationCallbacks cb;
    cb.onPreview = [&](const StepPreview& p) { previews.push_back(p); };
    const auto out = vaceEngine().generate(r, cb);
    ASSERT_EQ(out.clip.frames.size(), 9u);
    const Image fitted = fitImageToCanvas(*r.firstFrame, 32, 32);
    EXPECT_EQ(maxDiff(out.clip.frames[0], fitted), 0);
    EXPECT_GT(maxDiff(out.clip.frames[8], fitted), 10);  // the rest is generated
    // The preview's first picture is the given frame at latent resolution (4x4 cells of
    // 8x8 pixels averaged), not the model's version of it.
    ASSERT_FALSE(previews.empty());
    const Image& p0 = previews.back().frames[0];
    ASSERT_EQ(p0.width, 4);
    double sum = 0.0;
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x) sum += fitted.pixel(x, y)[0];
    EXPECT_NEAR(p0.pixel(0, 0)[0], sum / 64.0, 1.5);
}

TEST(WanVace, ExtensionsKeepTheirContextExactlyAndReturnOnlyNewFrames) {
    const auto context = patternClip(9, 32, 32, 20);
    // Forward: the last 1 + 4 (k - 1) frames of the context open the clip.
    auto fwd = request(GenerationMode::ExtendForward);
    fwd.context = context;
    fwd.contextLatents = 2;
    fwd.keepContext = true;
    const auto kept = vaceEngine().generate(fwd);
    ASSERT_EQ(kept.clip.frames.size(), 9u);
    EXPECT_EQ(kept.contextFrames, 5);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(maxDiff(kept.clip.frames[static_cast<std::size_t>(i)],
                          context[static_cast<std::size_t>(4 + i)]),
                  0)
            << i;
    fwd.keepContext = false;
    const auto fresh = vaceEngine().generate(fwd);
    ASSERT_EQ(fresh.clip.frames.size(), 4u);
    EXPECT_EQ(maxDiff(fresh.clip.frames[0], kept.clip.frames[5]), 0);
    // Backward: the next clip's first 1 + 4k frames close it; the frames before them are
    // returned, ending just before the next clip's first frame.
    auto back = request(GenerationMode::ExtendBackward, 13);
    back.context = context;
    back.contextLatents = 1;
    const auto before = vaceEngine().generate(back);
    EXPECT_EQ(before.clip.frames.size(), 8u);
    back.keepContext = true;
    const auto whole = vaceEngine().generate(back);
    ASSERT_EQ(whole.clip.frames.size(), 13u);
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(maxDiff(whole.clip.frames[static_cast<std::size_t>(8 + i)],
                          context[static_cast<std::size_t>(i)]),
                  0)
            << i;
}

TEST(WanVace, ConnectAndLoopEndOnTheirGivenFrames) {
    auto c = request(GenerationMode::Connect);
    c.firstFrame = pattern(32, 32, 3);
    c.lastFrame = pattern(32, 32, 40);
    const auto connected = vaceEngine().generate(c);
    ASSERT_EQ(connected.clip.frames.size(), 9u);
    EXPECT_EQ(maxDiff(connected.clip.frames.front(), *c.firstFrame), 0);
    EXPECT_EQ(maxDiff(connected.clip.frames.back(), *c.lastFrame), 0);
    EXPECT_GT(maxDiff(connected.clip.frames[4], *c.firstFrame), 10);

    auto l = request(GenerationMode::Loop);
    l.firstFrame = pattern(32, 32, 7);
    const auto loop = vaceEngine().generate(l);
    ASSERT_EQ(loop.clip.frames.size(), 6u);  // ends on the frame it began with
    EXPECT_EQ(maxDiff(loop.clip.frames.front(), *l.firstFrame), 0);
    EXPECT_EQ(maxDiff(loop.clip.frames.back(), *l.firstFrame), 0);
    // From text alone: the opening is made first, then the loop closed on it.
    const auto fromText = vaceEngine().generate(request(GenerationMode::Loop));
    ASSERT_EQ(fromText.clip.frames.size(), 6u);
    EXPECT_EQ(maxDiff(fromText.clip.frames.front(), fromText.clip.frames.back()), 0);
}

TEST(WanVace, ARegionMaskRegeneratesOnlyWhatItMarks) {
    const auto context = patternClip(9, 32, 32, 50);
    Image mask(32, 32);  // white left half: regenerate; black right half: keep
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 16; ++x) std::fill(mask.pixel(x, y), mask.pixel(x, y) + 3, 255);
    auto r = request(GenerationMode::Inpaint);
    r.context = context;
    r.regionMask = mask;
    const auto out = vaceEngine().generate(r);
    ASSERT_EQ(out.clip.frames.size(), 9u);
    for (std::size_t i = 0; i < 9; ++i) {
        EXPECT_EQ(maxDiff(out.clip.frames[i], context[i], 16, 0, 32, 32), 0) << i;
        EXPECT_GT(maxDiff(out.clip.frames[i], context[i], 0, 0, 8, 32), 10) << i;
    }
    // The same mask on an image-to-video's first frame.
    auto i2v = request(GenerationMode::ImageToVideo);
    i2v.firstFrame = context[0];
    i2v.regionMask = mask;
    const auto partly = vaceEngine().generate(i2v);
    EXPECT_EQ(maxDiff(partly.clip.frames[0], context[0], 16, 0, 32, 32), 0);
    EXPECT_GT(maxDiff(partly.clip.frames[0], context[0], 0, 0, 8, 32), 10);
}

TEST(WanVace, BarsKeepThePictureWholeAndTheModelPaintsTheMargins) {
    auto r = request(GenerationMode::ImageToVideo);
    r.firstFrame = pattern(64, 32, 9);  // 2:1 onto a square canvas: bars above and below
    r.imageFit = ImageFit::Bars;
    const auto out = vaceEngine().generate(r);
    const FittedImage f = fitImage(*r.firstFrame, 32, 32, ImageFit::Bars);
    EXPECT_EQ(f.y, 8);
    EXPECT_EQ(f.height, 16);
    EXPECT_EQ(maxDiff(out.clip.frames[0], f.image, 0, 8, 32, 24), 0);
    // The margins are the model's, not black bars.
    EXPECT_GT(maxDiff(out.clip.frames[0], f.image, 0, 0, 32, 4), 10);
}

TEST(WanVace, ReferencesConditionTheClipAndAreNotReturned) {
    auto plain = request(GenerationMode::TextToVideo);
    auto withRefs = plain;
    withRefs.references = {pattern(40, 64, 2), pattern(32, 32, 60)};
    const auto a = vaceEngine().generate(plain);
    const auto b = vaceEngine().generate(withRefs);
    ASSERT_EQ(b.clip.frames.size(), 9u);
    EXPECT_GT(maxDiff(a.clip.frames[4], b.clip.frames[4]), 0);
    EXPECT_GT(b.tokens, 0);
    // As many as the model takes, no more.
    auto tooMany = plain;
    tooMany.references.assign(static_cast<std::size_t>(vaceEngine().info().maxReferences + 1),
                              pattern(8, 8, 1));
    EXPECT_NE(errorOf([&] { vaceEngine().generate(tooMany); }).find("character references"),
              std::string::npos);
    // Control strength 0: the given frames no longer steer the denoiser (it still gets
    // them back pasted in).
    auto weak = withRefs;
    weak.controlStrength = 0.0;
    const auto c = vaceEngine().generate(weak);
    EXPECT_GT(maxDiff(b.clip.frames[4], c.clip.frames[4]), 0);
}

TEST(WanVace, RefusesWhatAModeCannotUse) {
    auto inpaint = request(GenerationMode::Inpaint);
    inpaint.context = patternClip(9, 32, 32, 1);
    EXPECT_NE(errorOf([&] { vaceEngine().generate(inpaint); }).find("region mask"),
              std::string::npos);
    auto t2v = request(GenerationMode::TextToVideo);
    t2v.regionMask = Image(32, 32);
    EXPECT_NE(errorOf([&] { vaceEngine().generate(t2v); }).find("gives none"), std::string::npos);
    auto strong = request(GenerationMode::TextToVideo);
    strong.controlStrength = 3.0;
    EXPECT_NE(errorOf([&] { vaceEngine().generate(strong); }).find("0..2"), std::string::npos);
}

TEST(WanVace, LongShotsAreWindowsThatContinueTheFramesSoFar) {
    auto r = request(GenerationMode::ImageToVideo);
    r.firstFrame = pattern(32, 32, 4);
    LongClipOptions o;
    o.windowFrames = 9;
    o.overlapLatents = 1;
    o.blendFrames = 0;
    const auto out = generateLongClip(vaceEngine(), r, 17, {}, o);
    ASSERT_EQ(out.result.clip.frames.size(), 17u);
    EXPECT_GT(out.windows, 1);
    EXPECT_EQ(maxDiff(out.result.clip.frames[0], *r.firstFrame), 0);
    // One latent stream is for models that hold latent frames.
    o.latentJoin = true;
    EXPECT_NE(errorOf([&] { generateLongClip(vaceEngine(), r, 17, {}, o); }).find("latents"),
              std::string::npos);
}

}  // namespace
}  // namespace kinora::wan
