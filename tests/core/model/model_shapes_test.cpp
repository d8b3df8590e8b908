#include <gtest/gtest.h>

#include "model/kinora_model.h"
#include "text/text_encoder.h"
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

}  // namespace
}  // namespace kinora
