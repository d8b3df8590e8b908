// Every generation mode on the small test model: frame counts, given-frame plumbing,
// long clips as overlapping windows, and clear errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "pipeline/engine.h"
#include "pipeline/engine_internal.h"
#include "pipeline/long_clip.h"
#include "test_model.h"
#include "util/error.h"

namespace kinora {
namespace {

Engine& engine() {
    return test::testEngine();
}

// An engine that leaves frames unmarked: long clips compared with windows made alone.
Engine& unmarked() {
    static Engine e([] {
        EngineOptions o;
        o.modelDir = test::testModelDir();
        o.watermark = false;
        return o;
    }());
    return e;
}

// Latents kept, frames decoded or not, marked or not: what long clips ask of the engine.
StreamControls controls(bool decode = true, const LatentClip& context = {}) {
    StreamControls c;
    c.keepLatents = true;
    c.decodeFrames = decode;
    c.markFrames = false;
    c.latentContext = context;
    return c;
}

GenerationRequest request(GenerationMode mode, int frames = 17) {
    GenerationRequest r;
    r.mode = mode;
    r.prompt = "a small blue square slides to the right";
    r.seed = 5;
    r.frames = frames;
    r.width = 32;
    r.height = 32;
    r.steps = 3;
    return r;
}

Image flat(uint8_t r, uint8_t g, uint8_t b, int w = 40, int h = 24) {
    Image img(w, h);
    for (int i = 0; i < w * h; ++i) {
        img.rgb[3 * i] = r;
        img.rgb[3 * i + 1] = g;
        img.rgb[3 * i + 2] = b;
    }
    return img;
}

std::vector<Image> contextClip(int n) {
    std::vector<Image> frames;
    for (int i = 0; i < n; ++i) frames.push_back(flat(static_cast<uint8_t>(10 * i), 80, 160));
    return frames;
}

std::string errorOf(const GenerationRequest& r, const StreamControls& c = {}) {
    try {
        EngineAccess::generate(engine(), r, c);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Modes, EachModeReturnsItsFrames) {
    auto t2v = engine().generate(request(GenerationMode::TextToVideo));
    EXPECT_EQ(t2v.clip.frames.size(), 17u);
    EXPECT_EQ(t2v.mode, "text-to-video");

    auto i2v = request(GenerationMode::Auto);
    i2v.firstFrame = flat(200, 40, 40);
    auto a = engine().generate(i2v);
    EXPECT_EQ(a.mode, "image-to-video");
    EXPECT_EQ(a.clip.frames.size(), 17u);

    auto fwd = request(GenerationMode::ExtendForward);
    fwd.context = contextClip(17);
    auto f = engine().generate(fwd);
    EXPECT_EQ(f.mode, "extend-forward");
    EXPECT_EQ(f.clip.frames.size(), 12u);  // 5 context frames (2 latents) are not repeated
    fwd.keepContext = true;
    // Exactly the same new frames: compared without the watermark, whose id and frame
    // signs follow the clip as returned (17 frames here, 12 above).
    EngineOptions unmarkedOptions;
    unmarkedOptions.modelDir = test::testModelDir();
    unmarkedOptions.watermark = false;
    Engine unmarked(unmarkedOptions);
    fwd.keepContext = false;
    f = unmarked.generate(fwd);
    fwd.keepContext = true;
    auto fk = unmarked.generate(fwd);
    EXPECT_EQ(fk.clip.frames.size(), 17u);
    EXPECT_EQ(fk.contextFrames, 5);
    // the new frames are the same with or without the context kept
    EXPECT_EQ(fk.clip.frames[5].rgb, f.clip.frames[0].rgb);

    auto back = request(GenerationMode::ExtendBackward);
    back.context = contextClip(17);
    auto b = engine().generate(back);
    EXPECT_EQ(b.clip.frames.size(), 8u);  // 17 - 2 groups of 4 - the frame standing for frame 0
    back.keepContext = true;
    auto bk = engine().generate(back);
    EXPECT_EQ(bk.clip.frames.size(), 17u);
    EXPECT_EQ(bk.contextFrames, 8);

    auto connect = request(GenerationMode::Connect);
    connect.firstFrame = flat(200, 40, 40);
    connect.lastFrame = flat(40, 40, 200);
    EXPECT_EQ(engine().generate(connect).clip.frames.size(), 17u);

    auto loop = request(GenerationMode::Loop);
    loop.firstFrame = flat(200, 40, 40);
    EXPECT_EQ(engine().generate(loop).clip.frames.size(), 14u);  // ends on its first frame
    auto textLoop = request(GenerationMode::Loop);
    auto tl = engine().generate(textLoop);
    EXPECT_EQ(tl.clip.frames.size(), 14u);
    EXPECT_EQ(tl.mode, "loop");

    auto ref = request(GenerationMode::TextToVideo);
    ref.references.push_back(flat(245, 220, 30, 64, 64));
    ref.references.push_back(flat(40, 80, 230, 64, 64));
    auto r = engine().generate(ref);
    EXPECT_EQ(r.clip.frames.size(), 17u);
    // references change what is made
    EXPECT_NE(r.clip.frames[8].rgb, t2v.clip.frames[8].rgb);
}

std::string errorOfDecode(const LatentClip& z, int from = 0, std::optional<int> to = std::nullopt) {
    try {
        engine().decodeLatents(z, from, to);
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

// A clip's latents come back on request and decode, whole or from any latent frame on,
// to the frames generate() made; a stream longer than one decoding piece decodes alike
// however it is split.
TEST(Modes, LatentsComeBackAndDecodeToTheClip) {
    auto r = request(GenerationMode::TextToVideo);
    const auto made = EngineAccess::generate(engine(), r, controls());
    const LatentClip& z = made.latents;
    const ModelInfo& info = engine().info();
    ASSERT_EQ(z.frames, 5);
    EXPECT_EQ(z.channels, info.latentChannels);
    EXPECT_EQ(z.height, 32 / info.spatialFactor);
    EXPECT_EQ(z.width, 32 / info.spatialFactor);
    ASSERT_EQ(z.values.size(), static_cast<std::size_t>(5 * z.channels * z.height * z.width));
    const auto decoded = engine().decodeLatents(z);
    ASSERT_EQ(decoded.size(), 17u);
    for (std::size_t i = 0; i < 17; ++i) ASSERT_EQ(decoded[i].rgb, made.clip.frames[i].rgb) << i;
    const auto tail = engine().decodeLatents(z, 2);
    ASSERT_EQ(tail.size(), 12u);
    for (std::size_t i = 0; i < 12; ++i) ASSERT_EQ(tail[i].rgb, made.clip.frames[5 + i].rgb) << i;
    // Latents alone: nothing decoded, the same latents.
    const auto latentOnly = EngineAccess::generate(engine(), r, controls(false));
    EXPECT_TRUE(latentOnly.clip.frames.empty());
    EXPECT_EQ(latentOnly.latents.values, z.values);
    // 20 latent frames (more than one piece), split anywhere.
    LatentClip stream = z;
    for (int i = 0; i < 3; ++i)
        stream.values.insert(stream.values.end(), z.values.begin(), z.values.end());
    stream.frames = 20;
    const auto all = engine().decodeLatents(stream);
    ASSERT_EQ(all.size(), 77u);
    auto split = engine().decodeLatents(stream, 0, 11);
    const auto rest = engine().decodeLatents(stream, 11);
    split.insert(split.end(), rest.begin(), rest.end());
    ASSERT_EQ(split.size(), 77u);
    for (std::size_t i = 0; i < 77; ++i) ASSERT_EQ(split[i].rgb, all[i].rgb) << i;
    // Bad streams and ranges are refused.
    EXPECT_NE(errorOfDecode(z, 3, 2).find("not in a stream of 5"), std::string::npos);
    EXPECT_NE(errorOfDecode(z, 0, 6).find("not in a stream of 5"), std::string::npos);
    LatentClip cut = z;
    cut.values.pop_back();
    EXPECT_NE(errorOfDecode(cut).find("values for"), std::string::npos);
    LatentClip wide = z;
    wide.channels += 1;
    wide.values.resize(static_cast<std::size_t>(5 * wide.channels * z.height * z.width));
    EXPECT_NE(errorOfDecode(wide).find("latent channels"), std::string::npos);
    EXPECT_NE(errorOfDecode(LatentClip{}).find("no latent frames"), std::string::npos);
}

// Extending from latents gives the stream's last latent frames as they are; a start below
// pure noise runs fewer steps and makes other frames.
TEST(Modes, ExtendForwardFromLatents) {
    auto r = request(GenerationMode::TextToVideo);
    const LatentClip z = EngineAccess::generate(engine(), r, controls(false)).latents;
    auto ext = request(GenerationMode::ExtendForward);
    ext.contextLatents = 2;
    const StreamControls fromZ = controls(true, z);
    auto extend = [&](const GenerationRequest& e) {
        return EngineAccess::generate(engine(), e, fromZ);
    };
    const auto made = extend(ext);
    EXPECT_EQ(made.clip.frames.size(), 12u);
    ASSERT_EQ(made.latents.frames, 5);
    const auto frameSize = z.values.size() / 5;
    EXPECT_TRUE(std::equal(made.latents.values.begin(),
                           made.latents.values.begin() + static_cast<std::ptrdiff_t>(2 * frameSize),
                           z.values.begin() + static_cast<std::ptrdiff_t>(3 * frameSize)));
    EXPECT_EQ(made.stepsDone, 3);
    ext.extensionStart = 0.5;
    const auto held = extend(ext);
    EXPECT_GE(held.stepsDone, 1);
    EXPECT_LT(held.stepsDone, 3);
    EXPECT_NE(held.clip.frames[6].rgb, made.clip.frames[6].rgb);
    // Context denoised with the new frames: other new frames, the context kept exactly.
    auto replaced = ext;
    replaced.extensionStart = 1.0;
    replaced.replaceContext = true;
    const auto withContext = extend(replaced);
    EXPECT_EQ(withContext.stepsDone, 3);
    EXPECT_NE(withContext.clip.frames[6].rgb, made.clip.frames[6].rgb);
    EXPECT_TRUE(
        std::equal(withContext.latents.values.begin(),
                   withContext.latents.values.begin() + static_cast<std::ptrdiff_t>(2 * frameSize),
                   z.values.begin() + static_cast<std::ptrdiff_t>(3 * frameSize)));
    // What does not fit is refused.
    auto bad = ext;
    bad.extensionStart = 0.0;
    EXPECT_NE(errorOf(bad, fromZ).find("extension start level"), std::string::npos);
    bad.extensionStart = 1.5;
    EXPECT_NE(errorOf(bad, fromZ).find("extension start level"), std::string::npos);
    bad = ext;
    bad.mode = GenerationMode::TextToVideo;
    EXPECT_NE(errorOf(bad, fromZ).find("extend-forward only"), std::string::npos);
    bad = ext;
    bad.width = 64;
    EXPECT_NE(errorOf(bad, fromZ).find("this canvas needs"), std::string::npos);
    StreamControls nan = fromZ;
    nan.latentContext.values[7] = std::nanf("");
    EXPECT_NE(errorOf(ext, nan).find("not finite"), std::string::npos);
}

TEST(Modes, RefuseWhatTheyCannotDo) {
    EXPECT_NE(
        errorOf(request(GenerationMode::ImageToVideo)).find("image-to-video needs a first frame"),
        std::string::npos);
    auto connect = request(GenerationMode::Connect);
    connect.firstFrame = flat(1, 2, 3);
    EXPECT_NE(errorOf(connect).find("connect needs a last frame"), std::string::npos);
    EXPECT_NE(errorOf(request(GenerationMode::ExtendForward)).find("needs the frames of the clip"),
              std::string::npos);
    auto shortBack = request(GenerationMode::ExtendBackward);
    shortBack.context = contextClip(3);
    EXPECT_NE(errorOf(shortBack).find("at least 5 frames of the next clip"), std::string::npos);
    auto one = request(GenerationMode::ExtendForward, 1);
    one.context = contextClip(9);
    EXPECT_NE(errorOf(one).find("needs at least 5 frames"), std::string::npos);
    auto many = request(GenerationMode::TextToVideo);
    many.references.assign(5, flat(1, 2, 3));
    EXPECT_NE(errorOf(many).find("at most 4 character references"), std::string::npos);
}

TEST(LongClips, AreOverlappingWindowsOfExactlyTheAskedLength) {
    auto r = request(GenerationMode::TextToVideo);
    int windowsSeen = 0, lastStep = 0, totalSteps = 0;
    GenerationCallbacks cb;
    cb.onProgress = [&](const StepProgress& p) {
        EXPECT_GT(p.step, lastStep);
        lastStep = p.step;
        totalSteps = p.totalSteps;
    };
    LongClipOptions options;
    options.blendFrames = 0;  // cuts: each extension starts right after the clip so far
    options.onWindow = [&](int, int) { ++windowsSeen; };
    auto made = generateLongClip(engine(), r, 50, cb, options);
    EXPECT_EQ(made.result.clip.frames.size(), 50u);
    EXPECT_EQ(made.windows, 4);  // 17 + 12 + 12 + 12 >= 50
    EXPECT_EQ(windowsSeen, 4);
    EXPECT_EQ(made.windowStarts, (std::vector<int>{0, 17, 29, 41}));
    EXPECT_EQ(lastStep, 12);
    EXPECT_EQ(totalSteps, 12);
    // same seed, same frames
    auto again = generateLongClip(engine(), r, 50, {}, options);
    for (std::size_t i = 0; i < 50; ++i)
        ASSERT_EQ(again.result.clip.frames[i].rgb, made.result.clip.frames[i].rgb) << i;
    // shorter than a window: one window, trimmed
    auto shortClip = generateLongClip(engine(), r, 10);
    EXPECT_EQ(shortClip.windows, 1);
    EXPECT_EQ(shortClip.result.clip.frames.size(), 10u);
    // modes that fix the end are made in one window
    auto loop = request(GenerationMode::Loop);
    loop.firstFrame = flat(9, 9, 9);
    try {
        generateLongClip(engine(), loop, 100);
        ADD_FAILURE() << "a 100-frame loop was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("loop shots can be at most 14 frames"),
                  std::string::npos)
            << e.what();
    }
    auto shortLoop = generateLongClip(engine(), loop, 10);
    ASSERT_EQ(shortLoop.result.clip.frames.size(), 10u);
}

// Look matching: each window is tried `candidates` times (seeds offset by the stride) and
// the try the judge scores lowest is kept; steps count every try.
TEST(LongClips, TheJudgeKeepsTheBestOfEachWindowsTries) {
    auto r = request(GenerationMode::TextToVideo);
    auto brightness = [](const std::vector<Image>& frames) {
        double sum = 0.0;
        for (const auto& f : frames)
            for (uint8_t v : f.rgb) sum += v;
        return sum;
    };
    std::vector<std::vector<Image>> tries;
    for (uint64_t c = 0; c < 3; ++c) {
        auto alone = r;
        alone.seed = *r.seed + c * kCandidateSeedStride;
        tries.push_back(unmarked().generate(alone).clip.frames);
    }
    std::size_t darkest = 0;
    for (std::size_t c = 1; c < 3; ++c)
        if (brightness(tries[c]) < brightness(tries[darkest])) darkest = c;
    LongClipOptions options;
    options.candidates = 3;
    int judged = 0, lastStep = 0, lastTotal = 0;
    options.judge = [&](const std::vector<Image>& frames) {
        ++judged;
        return brightness(frames);
    };
    GenerationCallbacks cb;
    cb.onProgress = [&](const StepProgress& p) {
        EXPECT_LE(p.step, p.totalSteps);
        lastStep = p.step;
        lastTotal = p.totalSteps;
    };
    const auto made = generateLongClip(unmarked(), r, 17, cb, options);
    EXPECT_EQ(judged, 3);
    EXPECT_EQ(made.result.stepsDone, 9);  // 3 tries of 3 steps
    EXPECT_EQ(lastStep, 9);
    EXPECT_EQ(lastTotal, 9);
    ASSERT_EQ(made.result.clip.frames.size(), 17u);
    for (std::size_t i = 0; i < 17; ++i)
        ASSERT_EQ(made.result.clip.frames[i].rgb, tries[darkest][i].rgb) << i;
    // Windows of a longer clip are judged on the frames they add: 2 windows, 2 tries each.
    judged = 0;
    options.candidates = 2;
    const auto longer = generateLongClip(unmarked(), r, 25, {}, options);
    EXPECT_EQ(judged, 4);
    EXPECT_EQ(longer.result.clip.frames.size(), 25u);
    // Without a judge, one try per window.
    options.judge = nullptr;
    EXPECT_EQ(generateLongClip(unmarked(), r, 17, {}, options).result.stepsDone, 3);
    // Out of range, and with one latent stream, refused.
    options.judge = brightness;
    options.candidates = 0;
    EXPECT_THROW(generateLongClip(unmarked(), r, 17, {}, options), Error);
    options.candidates = 2;
    options.latentJoin = true;
    EXPECT_THROW(generateLongClip(unmarked(), r, 30, {}, options), Error);
}

// With a dissolve of 4, each extension is given the clip up to 4 frames before its end,
// and its first 4 new frames are mixed into those 4 (weights 1/5 .. 4/5).
TEST(LongClips, ExtensionsDissolveIntoTheClipSoFar) {
    auto r = request(GenerationMode::TextToVideo);
    LongClipOptions options;  // overlap 2 latents
    options.latentJoin = false;
    options.blendFrames = 4;
    const auto made = generateLongClip(unmarked(), r, 30, {}, options);
    ASSERT_EQ(made.result.clip.frames.size(), 30u);
    EXPECT_EQ(made.windows, 3);  // 17, then 8 new frames a window: 25, 33 >= 30
    EXPECT_EQ(made.blendFrames, 4);
    EXPECT_EQ(made.windowStarts, (std::vector<int>{0, 13, 21}));
    // Window 0 alone, then window 1 as generateLongClip makes it.
    const auto first = unmarked().generate(r).clip.frames;
    auto ext = r;
    ext.mode = GenerationMode::ExtendForward;
    ext.seed = *r.seed + 1;
    ext.contextLatents = 2;
    ext.context.assign(first.begin() + 8, first.begin() + 13);  // 5 frames ending at 13
    ext.replaceContext = true;                                  // LongClipOptions::replaceContext
    const auto second = unmarked().generate(ext).clip.frames;
    ASSERT_EQ(second.size(), 12u);
    const auto& out = made.result.clip.frames;
    for (int i = 0; i < 13; ++i) ASSERT_EQ(out[i].rgb, first[i].rgb) << i;
    for (int i = 0; i < 4; ++i) {
        const double w = (i + 1) / 5.0;
        const auto& got = out[static_cast<std::size_t>(13 + i)].rgb;
        const auto& a = first[static_cast<std::size_t>(13 + i)].rgb;
        const auto& b = second[static_cast<std::size_t>(i)].rgb;
        for (std::size_t p = 0; p < got.size(); ++p)
            ASSERT_NEAR(got[p], a[p] * (1 - w) + b[p] * w, 0.5 + 1e-9) << i << " " << p;
    }
    for (int i = 4; i < 8; ++i) ASSERT_EQ(out[13 + i].rgb, second[i].rgb) << i;
    // An overlap and dissolve that leave no new frames are refused.
    LongClipOptions tooMuch;
    tooMuch.latentJoin = false;
    tooMuch.blendFrames = 12;
    EXPECT_THROW(generateLongClip(unmarked(), r, 60, {}, tooMuch), Error);
    tooMuch.blendFrames = -1;
    EXPECT_THROW(generateLongClip(unmarked(), r, 60, {}, tooMuch), Error);
}

// Joined in latent space, a long clip is one latent stream: the first window's latents,
// then each extension's new latent frames, made from the stream's last two as they are,
// decoded once.
TEST(LongClips, JoinAsOneLatentStream) {
    auto r = request(GenerationMode::TextToVideo);
    LongClipOptions options;
    options.latentJoin = true;
    options.blendFrames = 4;  // unused in latent space
    const auto made = generateLongClip(unmarked(), r, 30, {}, options);
    ASSERT_EQ(made.result.clip.frames.size(), 30u);
    EXPECT_EQ(made.windows, 3);  // 17, then 12 new frames a window: 29, 41 >= 30
    EXPECT_EQ(made.blendFrames, 0);
    EXPECT_EQ(made.windowStarts, (std::vector<int>{0, 17, 29}));
    LatentClip stream = EngineAccess::generate(unmarked(), r, controls(false)).latents;
    const auto frameSize = stream.values.size() / static_cast<std::size_t>(stream.frames);
    for (int w = 1; w < 3; ++w) {
        auto ext = r;
        ext.mode = GenerationMode::ExtendForward;
        ext.seed = *r.seed + static_cast<uint64_t>(w);
        ext.contextLatents = 2;
        ext.replaceContext = true;
        const LatentClip part =
            EngineAccess::generate(unmarked(), ext, controls(false, stream)).latents;
        stream.values.insert(stream.values.end(),
                             part.values.begin() + static_cast<std::ptrdiff_t>(2 * frameSize),
                             part.values.end());
        stream.frames += 3;
    }
    const auto expected = unmarked().decodeLatents(stream);
    for (std::size_t i = 0; i < 30; ++i)
        ASSERT_EQ(made.result.clip.frames[i].rgb, expected[i].rgb) << i;
    // Extensions may start from the clip's last latent frame held still: fewer steps.
    // Progress still counts up to the steps actually run.
    int steps = 0, lastStep = 0, lastTotal = 0;
    GenerationCallbacks cb;
    cb.onProgress = [&](const StepProgress& p) {
        ++steps;
        EXPECT_EQ(p.step, lastStep + 1);
        EXPECT_LE(p.step, p.totalSteps);
        lastStep = p.step;
        lastTotal = p.totalSteps;
    };
    options.extensionStart = 0.5;
    const auto held = generateLongClip(unmarked(), r, 30, cb, options);
    EXPECT_EQ(held.result.clip.frames.size(), 30u);
    EXPECT_GT(steps, 3);
    EXPECT_LT(steps, 9);
    EXPECT_EQ(lastStep, steps);
    EXPECT_EQ(lastTotal, steps);
}

TEST(LongClips, CancelStopsAllWindows) {
    std::atomic<bool> cancel{false};
    GenerationCallbacks cb;
    cb.cancel = &cancel;
    int steps = 0;
    cb.onProgress = [&](const StepProgress&) {
        if (++steps == 4) cancel = true;  // during the second window
    };
    auto made = generateLongClip(engine(), request(GenerationMode::TextToVideo), 60, cb);
    EXPECT_TRUE(made.result.cancelled);
    EXPECT_TRUE(made.result.clip.frames.empty());
    EXPECT_EQ(steps, 4);
}

}  // namespace
}  // namespace kinora
