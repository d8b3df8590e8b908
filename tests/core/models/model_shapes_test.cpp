#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>

#include "models/kinora/kinora_model.h"
#include "models/kinora/text_encoder.h"
#include "util/error.h"

namespace kinora {
namespace {

struct Canvas {
    int width, height, frames;
};

class ModelShapes : public ::testing::TestWithParam<Canvas> {
protected:
    static KinoraModel& model() {
        static KinoraModel m = createRandomModel(modelConfigForSize("test"), 1);
        return m;
    }
};

TEST_P(ModelShapes, AutoencoderAndDenoiserKeepTheGrid) {
    const Canvas c = GetParam();
    c10::InferenceMode guard;
    KinoraModel& m = model();
    const ModelConfig& cfg = m->config();
    cfg.validateCanvas(c.width, c.height, c.frames);
    const int64_t lt = cfg.latentFrames(c.frames), lh = cfg.latentHeight(c.height),
                  lw = cfg.latentWidth(c.width);
    EXPECT_EQ(lt, 1 + (c.frames - 1) / 4);

    auto video = torch::rand({1, c.frames, 3, c.height, c.width}) * 2 - 1;
    auto [mean, logvar] = m->vae->encode(video);
    EXPECT_EQ(mean.sizes(), (std::vector<int64_t>{1, lt, cfg.vae.latentChannels, lh, lw}));
    EXPECT_EQ(logvar.sizes(), mean.sizes());
    auto decoded = m->vae->decode(mean);
    EXPECT_EQ(decoded.sizes(), video.sizes());
    EXPECT_EQ(m->vae->previewRgb(mean).sizes(), (std::vector<int64_t>{1, lt, 3, lh, lw}));

    auto tokens = tokenizePrompts({"a red ball bounces", ""}, cfg.text);
    auto text = m->text->forward(tokens);
    EXPECT_EQ(text.sizes(), (std::vector<int64_t>{2, tokens.ids.size(1), cfg.text.dim}));
    DitContext ctx = m->dit->prepare(text, tokens.valid, lt, lh, lw);
    auto z = torch::randn({2, lt, cfg.vae.latentChannels, lh, lw});
    auto v = m->dit->forward(z, torch::rand({2, lt}), ctx);
    EXPECT_EQ(v.sizes(), z.sizes());
    EXPECT_EQ(cfg.tokenCount(c.frames, c.height, c.width), lt * (lh / 2) * (lw / 2));
}

INSTANTIATE_TEST_SUITE_P(Canvases, ModelShapes,
                         ::testing::Values(Canvas{64, 64, 17}, Canvas{96, 64, 17},
                                           Canvas{64, 96, 17}, Canvas{64, 64, 1}, Canvas{64, 64, 5},
                                           Canvas{32, 48, 9}, Canvas{48, 32, 33}),
                         [](const auto& info) {
                             return std::to_string(info.param.width) + "x" +
                                    std::to_string(info.param.height) + "x" +
                                    std::to_string(info.param.frames);
                         });

TEST(ModelShapesErrors, RefusesCanvasesOffTheGrid) {
    const ModelConfig cfg = modelConfigForSize("tiny");
    EXPECT_THROW(cfg.validateCanvas(65, 64, 17), Error);
    EXPECT_THROW(cfg.validateCanvas(64, 64, 16), Error);
    EXPECT_THROW(cfg.validateCanvas(64, 64, 0), Error);
    EXPECT_THROW(cfg.validateCanvas(100000, 64, 17), Error);
    EXPECT_NO_THROW(cfg.validateCanvas(96, 64, 33));
}

TEST(Autoencoder, IsCausalAndEncodesFrameZeroAlone) {
    c10::InferenceMode guard;
    KinoraModel m = createRandomModel(modelConfigForSize("test"), 2);
    auto video = torch::rand({1, 17, 3, 32, 32}) * 2 - 1;
    auto changed = video.clone();
    changed.narrow(1, 5, 12).uniform_(-1, 1);  // frames 5..16 differ
    auto a = m->vae->encode(video).first;
    auto b = m->vae->encode(changed).first;
    // Latent frame 0 <- frame 0; latent frame 1 <- frames 1..4: both unchanged.
    EXPECT_TRUE(torch::allclose(a.narrow(1, 0, 2), b.narrow(1, 0, 2), 1e-5, 1e-5));
    EXPECT_FALSE(torch::allclose(a.narrow(1, 2, 1), b.narrow(1, 2, 1), 1e-3, 1e-3));
    // A single frame encodes to the same latent as frame 0 of a clip.
    auto single = m->vae->encode(video.narrow(1, 0, 1)).first;
    EXPECT_TRUE(torch::allclose(single[0][0], a[0][0], 1e-5, 1e-5));
}

// A long latent stream decoded in pieces, each with decoderReach() latent frames of
// history, gives the frames of the whole stream decoded at once.
TEST(Autoencoder, DecodesAStreamInPiecesAsAWhole) {
    c10::InferenceMode guard;
    for (const char* size : {"test", "tiny"}) {
        KinoraModel m = createRandomModel(modelConfigForSize(size), 3);
        const auto& cfg = m->config().vae;
        const int64_t tf = cfg.temporalFactor;
        EXPECT_GE(m->vae->decoderReach(), 1) << size;
        auto z = torch::randn({1, 20, cfg.latentChannels, 4, 4});
        auto whole = m->vae->decode(z);
        ASSERT_EQ(whole.size(1), 1 + tf * 19);
        auto head = m->vae->decodeRange(z, 0, 6);
        EXPECT_TRUE(torch::allclose(head, whole.narrow(1, 0, 1 + tf * 5), 1e-5, 1e-5)) << size;
        for (int64_t from : {1, 7, 13}) {
            auto piece = m->vae->decodeRange(z, from, 20);
            ASSERT_EQ(piece.size(1), tf * (20 - from)) << size << " " << from;
            const int64_t first = 1 + tf * (from - 1);
            EXPECT_TRUE(
                torch::allclose(piece, whole.narrow(1, first, whole.size(1) - first), 1e-5, 1e-5))
                << size << " from " << from;
        }
        // Decoded as a stream of its own (no history), the piece differs: the test sees
        // history when there is some.
        auto alone = m->vae->decode(z.narrow(1, 13, 7));
        EXPECT_FALSE(
            torch::allclose(alone.narrow(1, 1, tf), whole.narrow(1, 1 + tf * 13, tf), 1e-5, 1e-5))
            << size;
    }
}

// The autoencoder as first written, on [B,T,C,H,W] frames with per-frame NCHW ops and
// pixel (un)shuffle: the channels-last implementation must compute the same function of
// the same parameters (so every trained model keeps its meaning).
namespace reference {

using Params = std::map<std::string, torch::Tensor>;

torch::Tensor frames(const torch::Tensor& x, const std::function<torch::Tensor(torch::Tensor)>& f) {
    const auto b = x.size(0), t = x.size(1);
    auto y = f(x.reshape({b * t, x.size(2), x.size(3), x.size(4)}));
    return y.view({b, t, y.size(1), y.size(2), y.size(3)});
}
torch::Tensor norm(const torch::Tensor& x, const torch::Tensor& w) {
    return x * torch::rsqrt(x.pow(2).mean(2, true) + 1e-6) * w.view({1, 1, -1, 1, 1});
}
torch::Tensor conv(Params& p, const std::string& name, const torch::Tensor& x) {
    const auto& w = p.at(name + ".weight");
    return frames(x, [&](torch::Tensor f) {
        return torch::conv2d(f, w, p.at(name + ".bias"), 1, w.size(2) / 2);
    });
}
torch::Tensor later(const torch::Tensor& x) {
    if (x.size(1) == 1) return x;
    return torch::cat({x.narrow(1, 0, 1), x.narrow(1, 0, x.size(1) - 1)}, 1);
}
torch::Tensor res(Params& p, const std::string& n, const torch::Tensor& x) {
    auto h = conv(p, n + ".conv1", torch::silu(norm(x, p.at(n + ".norm1"))));
    h = conv(p, n + ".conv2", torch::silu(norm(h, p.at(n + ".norm2"))));
    auto y = (p.count(n + ".skip.weight") ? conv(p, n + ".skip", x) : x) + h;
    auto m = torch::silu(norm(y, p.at(n + ".norm_t")));
    return y + conv(p, n + ".time_conv", torch::cat({later(later(m)), later(m), m}, 2));
}
torch::Tensor down(Params& p, const std::string& n, const torch::Tensor& x, bool temporal) {
    auto y = frames(x, [](torch::Tensor f) { return torch::pixel_unshuffle(f, 2); });
    if (temporal) {
        y = torch::cat({y.narrow(1, 0, 1), y}, 1);
        y = y.reshape({y.size(0), y.size(1) / 2, 2 * y.size(2), y.size(3), y.size(4)});
    }
    return conv(p, n + ".proj", y);
}
torch::Tensor up(Params& p, const std::string& n, const torch::Tensor& x, bool temporal) {
    auto y = conv(p, n + ".proj", x);
    if (temporal) {
        const auto t = y.size(1);
        y = y.reshape({y.size(0), 2 * t, y.size(2) / 2, y.size(3), y.size(4)})
                .narrow(1, 1, 2 * t - 1);
    }
    return frames(y.contiguous(), [](torch::Tensor f) { return torch::pixel_shuffle(f, 2); });
}

}  // namespace reference

TEST(Autoencoder, ChannelsLastImplementationIsTheReferenceFunction) {
    c10::InferenceMode guard;
    const ModelConfig cfg = modelConfigForSize("test");
    KinoraModel m = createRandomModel(cfg, 3);
    reference::Params p;
    for (const auto& item : m->vae->named_parameters()) {
        // Norm weights start at one; make them tell channels apart.
        if (item.key().find("norm") != std::string::npos) item.value().uniform_(0.5, 1.5);
        p[item.key()] = item.value();
    }
    const int levels = static_cast<int>(cfg.vae.channels.size());
    const int timeDowns = cfg.vae.temporalFactor == 4 ? 2 : cfg.vae.temporalFactor == 2 ? 1 : 0;
    auto video = torch::rand({2, 9, 3, 16, 24}) * 2 - 1;

    auto x = reference::conv(p, "enc_in", video);
    int stage = 0;
    for (int i = 0; i < levels; ++i) {
        for (int r = 0; r < cfg.vae.resBlocksPerLevel; ++r)
            x = reference::res(p, "enc." + std::to_string(stage++), x);
        if (i + 1 < levels)
            x = reference::down(p, "enc." + std::to_string(stage++), x, i < timeDowns);
    }
    x = reference::res(p, "enc." + std::to_string(stage++), x);
    x = reference::conv(p, "enc_out", torch::silu(reference::norm(x, p.at("enc_norm"))));
    auto expectedMean = x.chunk(2, 2)[0];
    auto [mean, logvar] = m->vae->encode(video);
    ASSERT_EQ(mean.sizes(), expectedMean.sizes());
    EXPECT_TRUE(torch::allclose(mean, expectedMean, 1e-4, 1e-5))
        << (mean - expectedMean).abs().max().item<double>();
    EXPECT_TRUE(torch::allclose(logvar, x.chunk(2, 2)[1].clamp(-20.0, 10.0), 1e-4, 1e-5));

    auto z = torch::randn_like(mean);
    auto y = reference::conv(p, "dec_in", z);
    stage = 0;
    y = reference::res(p, "dec." + std::to_string(stage++), y);
    for (int i = levels - 1; i >= 0; --i) {
        for (int r = 0; r < cfg.vae.resBlocksPerLevel; ++r)
            y = reference::res(p, "dec." + std::to_string(stage++), y);
        if (i > 0) y = reference::up(p, "dec." + std::to_string(stage++), y, i - 1 < timeDowns);
    }
    y = reference::conv(p, "dec_out", torch::silu(reference::norm(y, p.at("dec_norm"))));
    auto decoded = m->vae->decode(z);
    ASSERT_EQ(decoded.sizes(), y.sizes());
    EXPECT_TRUE(torch::allclose(decoded, y, 1e-4, 1e-5))
        << (decoded - y).abs().max().item<double>();
}

// A widened latent: the same function on the old channels, nothing read from the new ones
// until training puts something there, and the new channels predicted as zero velocity.
TEST(WidenLatent, KeepsTheFunctionAndIgnoresTheNewChannels) {
    c10::InferenceMode guard;
    KinoraModel narrow = createRandomModel(modelConfigForSize("test"), 5);
    {
        torch::NoGradGuard ng;  // a trained head is not zero
        narrow->dit->named_parameters()["head.weight"].normal_(0.0, 0.2);
        narrow->dit->named_parameters()["head.bias"].normal_(0.0, 0.2);
    }
    const int c0 = narrow->config().vae.latentChannels, c1 = c0 + 3;
    KinoraModel wide = widenLatentChannels(narrow, c1, 9);
    EXPECT_EQ(wide->config().vae.latentChannels, c1);
    ASSERT_EQ(wide->manifest().latentMean.size(), static_cast<std::size_t>(c1));
    EXPECT_EQ(wide->manifest().latentStd.back(), 1.0);
    EXPECT_GT(wide->parameterCount(), narrow->parameterCount());

    auto video = torch::rand({1, 9, 3, 16, 16}) * 2 - 1;
    auto [m0, lv0] = narrow->vae->encode(video);
    auto [m1, lv1] = wide->vae->encode(video);
    ASSERT_EQ(m1.size(2), c1);
    EXPECT_TRUE(torch::allclose(m1.narrow(2, 0, c0), m0, 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(lv1.narrow(2, 0, c0), lv0, 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(lv1.narrow(2, c0, 3), lv0.narrow(2, 0, 3), 1e-5, 1e-6));
    EXPECT_GT(m1.narrow(2, c0, 3).abs().max().item<float>(), 0.0f);  // new channels carry data

    auto noise = torch::randn({1, m1.size(1), 3, m1.size(3), m1.size(4)});
    auto z1 = torch::cat({m0, noise}, 2);
    EXPECT_TRUE(torch::allclose(wide->vae->decode(z1), narrow->vae->decode(m0), 1e-5, 1e-6));
    EXPECT_TRUE(
        torch::allclose(wide->vae->previewRgb(z1), narrow->vae->previewRgb(m0), 1e-5, 1e-6));

    auto tokens = tokenizePrompts({"a red ball bounces"}, narrow->config().text);
    const auto lt = m0.size(1), lh = m0.size(3), lw = m0.size(4);
    auto ctx0 = narrow->dit->prepare(narrow->text->forward(tokens), tokens.valid, lt, lh, lw);
    auto ctx1 = wide->dit->prepare(wide->text->forward(tokens), tokens.valid, lt, lh, lw);
    auto t = torch::rand({1, lt});
    auto v0 = narrow->dit->forward(m0, t, ctx0);
    auto v1 = wide->dit->forward(z1, t, ctx1);
    EXPECT_GT(v0.abs().max().item<float>(), 0.0f);
    EXPECT_TRUE(torch::allclose(v1.narrow(2, 0, c0), v0, 1e-4, 1e-5))
        << (v1.narrow(2, 0, c0) - v0).abs().max().item<double>();
    EXPECT_EQ(v1.narrow(2, c0, 3).abs().max().item<float>(), 0.0f);

    EXPECT_THROW(widenLatentChannels(narrow, c0 - 1, 1), Error);
    KinoraModel same = widenLatentChannels(narrow, c0, 1);
    EXPECT_TRUE(torch::equal(same->vae->decode(m0), narrow->vae->decode(m0)));
}

TEST(Denoiser, UntrainedHeadPredictsZeroVelocity) {
    c10::InferenceMode guard;
    KinoraModel m = createRandomModel(modelConfigForSize("test"), 3);
    auto tokens = tokenizePrompts({"red"}, m->config().text);
    auto ctx = m->dit->prepare(m->text->forward(tokens), tokens.valid, 2, 8, 8);
    auto v = m->dit->forward(torch::randn({1, 2, 4, 8, 8}), torch::rand({1, 2}), ctx);
    EXPECT_EQ(v.abs().max().item<float>(), 0.0f);
}

TEST(Denoiser, TextChangesThePrediction) {
    c10::InferenceMode guard;
    KinoraModel m = createRandomModel(modelConfigForSize("test"), 4);
    {
        torch::NoGradGuard ng;
        for (auto& p : m->dit->named_parameters())
            if (p.key().rfind("head.", 0) == 0) p.value().normal_(0, 0.1);
    }
    auto z = torch::randn({1, 2, 4, 8, 8});
    auto t = torch::full({1, 2}, 0.5);
    auto run = [&](const std::string& prompt) {
        auto tokens = tokenizePrompts({prompt}, m->config().text);
        auto ctx = m->dit->prepare(m->text->forward(tokens), tokens.valid, 2, 8, 8);
        return m->dit->forward(z, t, ctx);
    };
    EXPECT_FALSE(torch::allclose(run("a red ball"), run("a blue star"), 1e-4, 1e-4));
    EXPECT_TRUE(torch::equal(run("a red ball"), run("a red ball")));
}

// Absolute positions: a converted model computes what it did until the projection trains;
// then a token's place changes the prediction (a reference's place in the picture, not in
// time); the flag survives a save and load.
TEST(Denoiser, AbsolutePositionStartsAsTheSameFunction) {
    KinoraModel plain = createRandomModel(modelConfigForSize("test"), 5);
    {
        torch::NoGradGuard ng;
        for (auto& p : plain->dit->named_parameters())
            if (p.key().rfind("head.", 0) == 0) p.value().normal_(0, 0.1);
    }
    KinoraModel placed = withAbsolutePosition(plain);
    EXPECT_TRUE(placed->config().dit.absolutePosition);
    EXPECT_EQ(placed->parameterCount(),
              plain->parameterCount() + kPositionFeatures * plain->config().dit.dim);
    EXPECT_THROW(withAbsolutePosition(placed), Error);

    c10::InferenceMode guard;
    auto tokens = tokenizePrompts({"a red ball moves left"}, plain->config().text);
    const int64_t lt = 3, lh = 8, lw = 12;  // two clip frames and a reference
    auto z = torch::randn({1, lt, 4, lh, lw});
    auto t = torch::tensor({{0.7f, 0.7f, 0.0f}});
    auto run = [&](KinoraModel& m) {
        auto ctx = m->dit->prepare(m->text->forward(tokens), tokens.valid, lt, lh, lw, 2);
        return m->dit->forward(z, t, ctx);
    };
    const auto before = run(plain);
    EXPECT_TRUE(torch::equal(run(placed), before));

    placed->dit->named_parameters()["pos_proj.weight"].normal_(0, 0.5);
    const auto after = run(placed);
    EXPECT_FALSE(torch::allclose(after, before, 1e-4, 1e-4));
    auto ctx = placed->dit->prepare(placed->text->forward(tokens), tokens.valid, lt, lh, lw, 2);
    ASSERT_TRUE(ctx.position.defined());
    EXPECT_EQ(ctx.position.sizes(),
              (std::vector<int64_t>{1, lt, (lh / 2) * (lw / 2), placed->config().dit.dim}));
    // The reference frame has its tokens' places in the picture and no place in time.
    auto features = absolutePositionFeatures(lt, lh / 2, lw / 2, 2);
    auto picture = features.clone();
    picture.narrow(1, 0, kPositionFeatures / 3).zero_();
    auto w = placed->dit->named_parameters()["pos_proj.weight"];
    const int64_t n = (lh / 2) * (lw / 2);
    EXPECT_TRUE(torch::allclose(ctx.position.select(1, 2)[0],
                                picture.narrow(0, 2 * n, n).matmul(w.t()), 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(ctx.position.select(1, 0)[0],
                                features.narrow(0, 0, n).matmul(w.t()), 1e-5, 1e-6));

    const std::string dir = (std::filesystem::temp_directory_path() / "kinora-abs-pos").string();
    std::filesystem::remove_all(dir);
    saveModel(placed, dir);
    KinoraModel loaded = loadModel(dir);
    EXPECT_TRUE(loaded->config().dit.absolutePosition);
    EXPECT_TRUE(torch::allclose(run(loaded), after, 1e-5, 1e-6));
    std::filesystem::remove_all(dir);
}

// A decoder that reads the caption: converted, it decodes exactly as before (with or
// without a caption) until its blocks train; then the caption changes the frames, a clip
// without a caption (or with an empty one) decodes from its latents alone, every frame
// still depends only on its own and earlier latent frames, and the blocks survive a save
// and load.
TEST(DecoderText, StartsAsTheSameFunctionThenDrawsByTheCaption) {
    KinoraModel plain = createRandomModel(modelConfigForSize("test"), 6);
    EXPECT_FALSE(plain->decoderText({"a red ball"}).defined());
    KinoraModel reading = withDecoderText(plain, 2, 3);
    EXPECT_EQ(reading->config().vae.textBlocks, 2);
    EXPECT_GT(reading->parameterCount(), plain->parameterCount());
    EXPECT_THROW(withDecoderText(reading, 1, 3), Error);
    EXPECT_THROW(withDecoderText(plain, 0, 3), Error);
    EXPECT_THROW(withDecoderText(plain, 5, 3), Error);

    c10::InferenceMode guard;
    auto z = torch::randn({2, 4, plain->config().vae.latentChannels, 4, 6});
    const auto before = plain->vae->decode(z);
    const DecoderText text = reading->decoderText({"a red ball", "a small blue star"});
    ASSERT_TRUE(text.defined());
    EXPECT_TRUE(torch::equal(reading->vae->decode(z), before));
    EXPECT_TRUE(torch::allclose(reading->vae->decode(z, text), before, 1e-6, 1e-7));

    for (auto& p : reading->vae->named_parameters())
        if (p.key().rfind("dec_text.", 0) == 0 && p.key().find(".out.") != std::string::npos)
            p.value().normal_(0, 0.5);
    const auto drawn = reading->vae->decode(z, text);
    EXPECT_FALSE(torch::allclose(drawn, before, 1e-3, 1e-3));
    // Each clip reads its own caption: swapping them swaps what is drawn.
    const auto swapped =
        reading->vae->decode(z.flip(0), reading->decoderText({"a small blue star", "a red ball"}));
    EXPECT_TRUE(torch::allclose(swapped.flip(0), drawn, 1e-5, 1e-6));
    // An empty caption reads nothing; the other clip's caption still reads.
    const auto half = reading->vae->decode(z, reading->decoderText({"", "a small blue star"}));
    EXPECT_TRUE(torch::allclose(half[0], before[0], 1e-6, 1e-7));
    EXPECT_TRUE(torch::allclose(half[1], drawn[1], 1e-5, 1e-6));
    EXPECT_TRUE(torch::equal(reading->vae->decode(z), before));
    // Causal in time with the caption too: a range decodes as the whole stream does.
    const auto range = reading->vae->decodeRange(z, 2, 4, text);
    const auto tail = drawn.narrow(1, drawn.size(1) - range.size(1), range.size(1));
    EXPECT_TRUE(torch::allclose(range, tail, 1e-5, 1e-6));

    const std::string dir = (std::filesystem::temp_directory_path() / "kinora-dec-text").string();
    std::filesystem::remove_all(dir);
    saveModel(reading, dir);
    KinoraModel loaded = loadModel(dir);
    EXPECT_EQ(loaded->config().vae.textBlocks, 2);
    EXPECT_TRUE(torch::allclose(
        loaded->vae->decode(z, loaded->decoderText({"a red ball", "a small blue star"})), drawn,
        1e-5, 1e-6));
    std::filesystem::remove_all(dir);
}

// The features tell left from right, top from bottom and a clip's start from its end;
// references get none.
TEST(Denoiser, AbsolutePositionFeaturesPlaceEveryToken) {
    const int64_t gt = 4, gh = 2, gw = 3, clip = 3;
    auto f = absolutePositionFeatures(gt, gh, gw, clip).view({gt, gh, gw, kPositionFeatures});
    ASSERT_EQ(f.size(3), 24);
    const int64_t k = kPositionFeatures / 6;
    auto time = f.narrow(3, 0, 2 * k), down = f.narrow(3, 2 * k, 2 * k),
         across = f.narrow(3, 4 * k, 2 * k);
    // Time: u = 0 at the first clip frame (sin 0, cos 1), 1 at the last (sin 0, cos(k pi)).
    EXPECT_NEAR(time[0][0][0].narrow(0, 0, k).abs().max().item<float>(), 0.0f, 1e-6);
    EXPECT_NEAR(time[0][0][0][k].item<float>(), 1.0f, 1e-6);
    EXPECT_NEAR(time[2][0][0][k].item<float>(), -1.0f, 1e-6);         // cos(pi) at u = 1
    EXPECT_EQ(time[3].abs().max().item<float>(), 0.0f);               // the reference frame
    EXPECT_TRUE(torch::equal(across[3], across[0]));                  // keeps its place
    EXPECT_FALSE(torch::allclose(across[0][0][0], across[0][0][2]));  // left, right
    EXPECT_FALSE(torch::allclose(down[0][0][0], down[0][1][0]));      // top, bottom
    EXPECT_TRUE(torch::equal(across[1][0][1], across[1][1][1]));      // same column
    EXPECT_TRUE(torch::equal(down[0][1][2], down[2][1][0]));          // same row
    // A one-frame clip (a still image) sits at its start.
    auto still = absolutePositionFeatures(1, 1, 1, 1);
    EXPECT_NEAR(still[0][k].item<float>(), 1.0f, 1e-6);
}

}  // namespace
}  // namespace kinora
