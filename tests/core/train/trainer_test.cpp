#include "train/trainer.h"
#include "train/training_curve.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "models/kinora/kinora_model.h"
#include "test_model.h"
#include "train/batch_source.h"
#include "train/discriminator.h"
#include "util/autocast.h"
#include "util/error.h"
#include "world/renderer.h"
#include "world/scene_sampler.h"
#include "world/world_vocab.h"

namespace kinora::train {
namespace {

namespace fs = std::filesystem;

std::vector<nlohmann::json> readLog(const std::string& dir) {
    std::vector<nlohmann::json> out;
    std::ifstream in(dir + "/train.jsonl");
    for (std::string line; std::getline(in, line);) out.push_back(nlohmann::json::parse(line));
    return out;
}

TrainConfig vaeConfig() {
    TrainConfig c;
    c.stage = Stage::Vae;
    c.size = "test";
    c.batchSize = 2;
    c.lr = 2e-3;
    c.warmupSteps = 2;
    c.logEverySteps = 5;
    c.latentStatBatches = 2;
    c.checkpointEveryMinutes = 0;
    return c;
}

// The denoiser stage from the small test model, one log record and no checkpoint per step.
TrainConfig ditConfig() {
    TrainConfig c;
    c.stage = Stage::Dit;
    c.initFrom = test::testModelDir();
    c.warmupSteps = 1;
    c.logEverySteps = 1;
    c.checkpointEveryMinutes = 0;
    c.canvasVariants = false;
    return c;
}

// A run of at most `steps` steps into a fresh temporary folder named after `name`.
TrainOptions shortRun(int steps, const std::string& name) {
    TrainOptions o;
    o.minutes = 10;
    o.maxSteps = steps;
    o.outDir = test::tempDir(name);
    return o;
}

// One table declares every field: what toJson writes, fromJson reads back to the same
// config (enums by their names), every written key alone is accepted, and an unknown key,
// in the config or in its tasks, is refused by name.
TEST(TrainConfig, OneTableDrivesReadingAndWriting) {
    TrainConfig c;
    c.stage = Stage::VaeDecoder;
    c.autocast = Autocast::Bf16;
    c.adversarialBalance = AdversarialBalance::Fixed;
    c.exportDtype = DType::BF16;
    c.seed = 99;
    c.tasks.connect = 0.25;
    const nlohmann::json j = c.toJson();
    EXPECT_EQ(j["stage"], "vae_decoder");
    EXPECT_EQ(j["autocast"], "bf16");
    EXPECT_EQ(j["adversarial_balance"], "fixed");
    EXPECT_EQ(j["export_dtype"], "bf16");
    EXPECT_EQ(j["tasks"]["connect"], 0.25);
    const TrainConfig back = TrainConfig::fromJson(j, "c.json");
    EXPECT_EQ(back.toJson(), j);
    EXPECT_EQ(back.stage, Stage::VaeDecoder);
    EXPECT_EQ(back.exportDtype, DType::BF16);
    EXPECT_EQ(back.seed, 99u);
    for (const auto& [key, value] : j.items())
        EXPECT_NO_THROW(TrainConfig::fromJson({{"stage", "vae_decoder"}, {key, value}}, "c.json"))
            << key;
    auto message = [](const nlohmann::json& bad) {
        try {
            TrainConfig::fromJson(bad, "c.json");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message({{"tasks", {{"txt_to_video", 1}}}}),
              "c.json.tasks: unknown field 'txt_to_video'");
    EXPECT_EQ(message({{"stage", "both"}}),
              "c.json.stage: must be \"vae\", \"dit\", \"vae_decoder\", \"distill\"");
    EXPECT_EQ(message({{"export_dtype", "f8"}}),
              "c.json.export_dtype: unsupported dtype 'f8' (supported: F32, F16, BF16)");
    EXPECT_EQ(message({{"lr", "fast"}}), "c.json.lr: wrong type");
}

TEST(TrainConfig, RefusesUnknownFieldsAndBadValues) {
    EXPECT_THROW(TrainConfig::fromJson({{"stage", "vae"}, {"learning_rate", 1}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"stage", "both"}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"batch_size", 0}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"vae_frames", 8}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"lr", "fast"}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"latent_channels", 65}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"decoder_latent_noise", -1}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"data_threads", 0}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"temporal_weight", -1}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"decoder_denoised", 1.5}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"camera_weight", -1}}, "c.json"), Error);
    EXPECT_EQ(TrainConfig::fromJson({{"camera_weight", 8}}, "c.json").cameraWeight, 8.0);
    // The vae stage trains the encoder: the denoiser's latents would not be its own.
    EXPECT_THROW(TrainConfig::fromJson({{"stage", "vae"}, {"decoder_denoised", 0.5}}, "c.json"),
                 Error);
    EXPECT_THROW(
        TrainConfig::fromJson({{"stage", "vae_decoder"}, {"decoder_denoise_t", 0}}, "c.json"),
        Error);
    EXPECT_THROW(
        TrainConfig::fromJson({{"stage", "vae_decoder"}, {"decoder_denoise_steps", 0}}, "c.json"),
        Error);
    EXPECT_EQ(TrainConfig::fromJson({{"stage", "vae_decoder"}, {"decoder_denoised", 0.5}}, "c.json")
                  .decoderDenoised,
              0.5);
    EXPECT_EQ(TrainConfig::fromJson({{"latent_channels", 16}}, "c.json").latentChannels, 16);
    const TrainConfig c = TrainConfig::fromJson({{"stage", "dit"}, {"batch_size", 3}}, "c.json");
    EXPECT_EQ(c.batchSize, 3);
    EXPECT_EQ(TrainConfig::fromJson(c.toJson(), "c.json").toJson(), c.toJson());
}

TEST(WorldBatches, AreDeterministicAndShaped) {
    TrainConfig c = vaeConfig();
    c.batchSize = 3;
    const WorldBatch a = makeWorldBatch(c, 5), b = makeWorldBatch(c, 5),
                     other = makeWorldBatch(c, 6);
    EXPECT_EQ(a.video.size(0), 3);
    EXPECT_EQ(a.video.size(1), 17);
    EXPECT_EQ(a.video.size(2), 3);
    EXPECT_TRUE(torch::equal(a.video, b.video));
    EXPECT_EQ(a.captions, b.captions);
    EXPECT_FALSE(a.video.sizes() == other.video.sizes() && torch::equal(a.video, other.video));
    EXPECT_LE(a.video.max().item<float>(), 1.0f);
    EXPECT_GE(a.video.min().item<float>(), -1.0f);
    BatchSource source(c, 5);
    EXPECT_TRUE(torch::equal(source.next().video, a.video));
    EXPECT_EQ(source.next().index, 6);
}

TEST(WorldBatches, ManyRenderThreadsDeliverTheSameBatchesInOrder) {
    TrainConfig c = vaeConfig();
    c.batchSize = 2;
    c.foregroundWeight = 1.0;
    std::vector<WorldBatch> one;
    {
        BatchSource source(c, 11);
        for (int i = 0; i < 7; ++i) one.push_back(source.next());
    }
    c.dataThreads = 4;
    BatchSource many(c, 11, 1);
    for (int i = 0; i < 7; ++i) {
        const WorldBatch b = many.next();
        EXPECT_EQ(b.index, 11 + i);
        EXPECT_TRUE(torch::equal(b.video, one[i].video)) << "batch " << b.index;
        EXPECT_TRUE(torch::equal(b.foreground, one[i].foreground)) << "batch " << b.index;
        EXPECT_EQ(b.captions, one[i].captions);
    }
}

TEST(WorldBatches, ImageBatchesAreFirstFramesSplitAcrossRanksLikeClips) {
    TrainConfig c;
    c.stage = Stage::Dit;
    c.batchSize = 2;
    c.imageBatchSize = 6;
    c.canvasVariants = false;
    c.imageFraction = 1.0;
    const WorldBatch images = makeWorldBatch(c, 3);
    ASSERT_TRUE(images.images);
    EXPECT_EQ(images.video.sizes(), (std::vector<int64_t>{6, 1, 3, 64, 64}));
    EXPECT_EQ(images.captions.size(), 6u);
    EXPECT_FALSE(images.reference.defined());
    // Each image is frame 0 of its scene, as the renderer draws it.
    const Image f0 = world::renderFrame(images.scenes[4], 0);
    auto u8 = ((images.video[4][0] + 1.0) * 127.5).round().to(torch::kUInt8).permute({1, 2, 0});
    EXPECT_TRUE(torch::equal(u8.contiguous(), torch::from_blob(const_cast<uint8_t*>(f0.rgb.data()),
                                                               {64, 64, 3}, torch::kUInt8)));
    // Rank 1 of 2 (batch 1 each) holds the second half of the global image batch.
    TrainConfig half = c;
    half.batchSize = 1;
    half.imageBatchSize = 3;
    const WorldBatch rank1 = makeWorldBatch(half, 3, 1, 1);
    EXPECT_TRUE(torch::equal(rank1.video, images.video.narrow(0, 3, 3)));

    // A share of the batches; none at all without image_fraction (old runs unchanged).
    c.imageFraction = 0.5;
    int imageBatches = 0;
    for (int i = 0; i < 40; ++i) imageBatches += makeWorldBatch(c, i).images ? 1 : 0;
    EXPECT_GT(imageBatches, 8);
    EXPECT_LT(imageBatches, 32);
    c.imageFraction = 0.0;
    for (int i = 0; i < 10; ++i) EXPECT_FALSE(makeWorldBatch(c, i).images);
    EXPECT_THROW(TrainConfig::fromJson({{"batch_size", 4}, {"image_batch_size", 6}}, "c.json"),
                 Error);
    EXPECT_THROW(TrainConfig::fromJson({{"image_fraction", 1.5}}, "c.json"), Error);
}

// Shape twins: sample 2k+1 is sample 2k's scene with other shapes (allowed, not held out),
// its caption names them, its picture differs only where a character is, and ranks split
// the pairs as one rank of the whole batch has them.
TEST(WorldBatches, ShapeTwinsDifferOnlyInTheirShapes) {
    EXPECT_THROW(TrainConfig::fromJson({{"shape_twins", 1.5}}, "c.json"), Error);
    EXPECT_THROW(
        TrainConfig::fromJson({{"stage", "dit"}, {"batch_size", 3}, {"shape_twins", 1}}, "c.json"),
        Error);
    EXPECT_THROW(TrainConfig::fromJson({{"stage", "vae"}, {"shape_twins", 1}}, "c.json"), Error);
    const auto back = TrainConfig::fromJson(
        TrainConfig::fromJson({{"stage", "dit"}, {"batch_size", 4}, {"shape_twins", 0.25}},
                              "c.json")
            .toJson(),
        "c.json");
    EXPECT_EQ(back.shapeTwins, 0.25);
    EXPECT_THROW(TrainConfig::fromJson({{"stage", "dit"},
                                        {"batch_size", 4},
                                        {"shape_twins", 0.5},
                                        {"twin_difference_weight", -1}},
                                       "c.json"),
                 Error);
    EXPECT_THROW(
        TrainConfig::fromJson({{"stage", "dit"}, {"batch_size", 4}, {"twin_difference_weight", 10}},
                              "c.json"),
        Error);
    EXPECT_EQ(TrainConfig::fromJson(TrainConfig::fromJson({{"stage", "dit"},
                                                           {"batch_size", 4},
                                                           {"shape_twins", 0.5},
                                                           {"twin_difference_weight", 12.5}},
                                                          "c.json")
                                        .toJson(),
                                    "c.json")
                  .twinDifferenceWeight,
              12.5);
    const nlohmann::json twinsHigh = {
        {"stage", "dit"}, {"batch_size", 4}, {"shape_twins", 0.5}, {"twin_noise_min", 0.9}};
    EXPECT_EQ(TrainConfig::fromJson(TrainConfig::fromJson(twinsHigh, "c.json").toJson(), "c.json")
                  .twinNoiseMin,
              0.9);
    for (double bad : {-0.1, 1.0}) {
        nlohmann::json j = twinsHigh;
        j["twin_noise_min"] = bad;
        EXPECT_THROW(TrainConfig::fromJson(j, "c.json"), Error) << bad;
    }
    EXPECT_THROW(TrainConfig::fromJson(
                     {{"stage", "dit"}, {"batch_size", 4}, {"twin_noise_min", 0.9}}, "c.json"),
                 Error);

    TrainConfig c;
    c.stage = Stage::Dit;
    c.batchSize = 8;
    c.canvasVariants = false;
    c.captionDropout = 0.0;
    c.foregroundWeight = 1.0;
    c.shapeTwins = 1.0;
    int characters = 0;
    for (int index = 0; index < 3; ++index) {
        const WorldBatch b = makeWorldBatch(c, index);
        ASSERT_TRUE(b.twins);
        for (int k = 0; k + 1 < 8; k += 2) {
            const auto& first = b.scenes[static_cast<std::size_t>(k)];
            const auto& twin = b.scenes[static_cast<std::size_t>(k + 1)];
            ASSERT_EQ(first.characters.size(), twin.characters.size());
            world::SceneSpec reshaped = twin;
            for (std::size_t i = 0; i < twin.characters.size(); ++i) {
                const auto& a = first.characters[i];
                const auto& t = twin.characters[i];
                EXPECT_NE(a.shape, t.shape);
                EXPECT_TRUE(world::motionAllowedFor(t.motion, t.shape));
                EXPECT_FALSE(world::isHeldOut(t.colour, t.shape, t.motion, twin.background));
                bool named = false;
                for (const auto& noun : world::nouns(t.shape))
                    named = named || b.captions[static_cast<std::size_t>(k + 1)].find(noun) !=
                                         std::string::npos;
                EXPECT_TRUE(named) << b.captions[static_cast<std::size_t>(k + 1)];
                reshaped.characters[i].shape = a.shape;
                ++characters;
            }
            EXPECT_EQ(world::toJson(reshaped), world::toJson(first));
            // Where neither shows a character, the two clips are the same picture.
            auto apart = (b.video[k] - b.video[k + 1]).abs().amax(1, true);
            auto background = (b.foreground[k] + b.foreground[k + 1]) == 0;
            EXPECT_EQ(apart.masked_select(background).max().item<float>(), 0.0f);
            EXPECT_GT(apart.max().item<float>(), 0.5f);
        }
        // Rank 1 of 2 (batch 4 each) holds the second half of the global batch.
        TrainConfig half = c;
        half.batchSize = 4;
        const WorldBatch rank1 = makeWorldBatch(half, index, 4, 4);
        EXPECT_TRUE(torch::equal(rank1.video, b.video.narrow(0, 4, 4)));
        EXPECT_EQ(rank1.captions,
                  std::vector<std::string>(b.captions.begin() + 4, b.captions.end()));
    }
    EXPECT_GE(characters, 12);
    // A share of the batches; none without shape_twins.
    c.shapeTwins = 0.5;
    int twinBatches = 0;
    for (int i = 0; i < 40; ++i) twinBatches += makeWorldBatch(c, i).twins ? 1 : 0;
    EXPECT_GT(twinBatches, 8);
    EXPECT_LT(twinBatches, 32);
    c.shapeTwins = 0.0;
    for (int i = 0; i < 10; ++i) EXPECT_FALSE(makeWorldBatch(c, i).twins);
}

TEST(WorldBatches, ForegroundMasksMarkWhereCharactersShow) {
    TrainConfig c;
    c.stage = Stage::Dit;
    c.batchSize = 2;
    c.canvasVariants = false;
    EXPECT_FALSE(makeWorldBatch(c, 1).foreground.defined());  // only when weighted
    c.foregroundWeight = 4.0;
    const WorldBatch b = makeWorldBatch(c, 1);
    ASSERT_TRUE(b.foreground.defined());
    TrainConfig vae = c;  // the autoencoder stages weigh their pixels by them too
    vae.stage = Stage::VaeDecoder;
    EXPECT_TRUE(makeWorldBatch(vae, 1).foreground.defined());
    EXPECT_EQ(b.foreground.sizes(), (std::vector<int64_t>{2, 17, 1, 64, 64}));
    for (int64_t i = 0; i < 2; ++i) {
        // Where the mask is 0 the frame is the scene's background, exactly.
        world::SceneSpec empty = b.scenes[static_cast<std::size_t>(i)];
        empty.characters.clear();
        const Image bg = world::renderFrame(empty, 5);
        auto bgT = torch::from_blob(const_cast<uint8_t*>(bg.rgb.data()), {64, 64, 3}, torch::kUInt8)
                       .permute({2, 0, 1})
                       .to(torch::kFloat)
                       .div(127.5)
                       .sub(1.0);
        auto outside = (b.foreground[i][5] == 0).expand({3, 64, 64});
        EXPECT_TRUE(torch::allclose(b.video[i][5].masked_select(outside),
                                    bgT.masked_select(outside), 0.0, 1e-5));
        // Characters are some, not most, of the frame.
        const double share = b.foreground[i][5].mean().item<double>();
        EXPECT_GT(share, 0.005);
        EXPECT_LT(share, 0.5);
    }
}

// The camera mask marks where a pan or zoom moves the background: nothing in frame 0 or
// in a static shot, and in a moving shot exactly the pixels whose empty scene changed.
TEST(WorldBatches, CameraMasksMarkWhereTheCameraMovesTheBackground) {
    TrainConfig c;
    c.stage = Stage::Dit;
    c.batchSize = 8;
    c.canvasVariants = false;
    c.foregroundWeight = 4.0;
    EXPECT_FALSE(makeWorldBatch(c, 3).camera.defined());  // only when weighted
    c.cameraWeight = 8.0;
    int moving = 0, still = 0;
    for (int index = 0; index < 4; ++index) {
        const WorldBatch b = makeWorldBatch(c, index);
        ASSERT_TRUE(b.camera.defined());
        ASSERT_TRUE(b.foreground.defined());
        EXPECT_EQ(b.camera.sizes(), b.foreground.sizes());
        for (std::size_t i = 0; i < b.scenes.size(); ++i) {
            const auto& scene = b.scenes[i];
            const auto mask = b.camera[static_cast<int64_t>(i)];
            EXPECT_EQ(mask[0].sum().item<double>(), 0.0);  // frame 0 has no previous frame
            if (scene.camera == world::Camera::Static) {
                EXPECT_EQ(mask.sum().item<double>(), 0.0);
                ++still;
                continue;
            }
            ++moving;
            world::SceneSpec empty = scene;
            empty.characters.clear();
            const Image before = world::renderFrame(empty, 7), after = world::renderFrame(empty, 8);
            int changed = 0, marked = 0, agree = 0;
            for (int y = 0; y < 64; ++y)
                for (int x = 0; x < 64; ++x) {
                    const uint8_t *p = before.pixel(x, y), *q = after.pixel(x, y);
                    const bool d = p[0] != q[0] || p[1] != q[1] || p[2] != q[2];
                    const bool m = mask[8][0][y][x].item<float>() > 0.5f;
                    changed += d;
                    marked += m;
                    agree += d == m;
                }
            EXPECT_EQ(agree, 64 * 64) << world::name(scene.camera);
            EXPECT_GT(changed, 0) << "a moving camera changes the textured background";
            EXPECT_EQ(marked, changed);
        }
    }
    EXPECT_GT(moving, 0);
    EXPECT_GT(still, 0);
    // Images (frame 0 alone) carry an all-zero camera mask.
    c.imageFraction = 1.0;
    const WorldBatch images = makeWorldBatch(c, 0);
    ASSERT_TRUE(images.images);
    EXPECT_EQ(images.camera.sum().item<double>(), 0.0);
}

TEST(Trainer, LatentForegroundPoolsAsTheAutoencoderGroupsFrames) {
    auto mask = torch::zeros({1, 9, 1, 8, 8});
    mask[0][0][0][0][0] = 1.0;  // frame 0: latent 0, top-left cell
    mask[0][3][0][7][7] = 1.0;  // frames 1-4: latent 1, bottom-right cell
    mask[0][8][0][4][0] = 1.0;  // frames 5-8: latent 2
    const auto fg = latentForeground(mask, 4, 4);
    EXPECT_EQ(fg.sizes(), (std::vector<int64_t>{1, 3, 1, 2, 2}));
    EXPECT_EQ(fg.sum().item<double>(), 3.0);
    EXPECT_EQ(fg[0][0][0][0][0].item<double>(), 1.0);
    EXPECT_EQ(fg[0][1][0][1][1].item<double>(), 1.0);
    EXPECT_EQ(fg[0][2][0][1][0].item<double>(), 1.0);
    EXPECT_EQ(latentForeground(torch::ones({2, 1, 1, 8, 8}), 4, 4).sizes(),
              (std::vector<int64_t>{2, 1, 1, 2, 2}));
}

TEST(Trainer, AutoencoderLossFallsAndExportsALoadableModel) {
    const std::string out = test::tempDir("train-vae");
    TrainOptions o;
    o.outDir = out;
    o.maxSteps = 40;
    o.minutes = 10;
    const TrainSummary s = runTraining(vaeConfig(), o);
    EXPECT_EQ(s.steps, 40);
    const auto log = readLog(out);
    ASSERT_EQ(log.size(), 8u);
    EXPECT_LT(log.back()["loss"].get<double>(), log.front()["loss"].get<double>());
    KinoraModel m = loadModel(out + "/model");
    EXPECT_EQ(m->manifest().training["history"][0]["stage"], "vae");
    // The run's loss curve travels in the manifest: every logged record, in order.
    const auto& curve = m->manifest().training["history"][0]["curve"];
    ASSERT_EQ(curve.size(), log.size());
    for (std::size_t i = 0; i < log.size(); ++i) {
        EXPECT_EQ(curve[i][0].get<int64_t>(), log[i]["step"].get<int64_t>());
        EXPECT_NEAR(curve[i][1].get<double>(), log[i]["loss"].get<double>(),
                    1e-5 * log[i]["loss"].get<double>());
    }
    bool measured = false;  // latent statistics come from the trained encoder
    for (double v : m->manifest().latentStd) measured = measured || std::abs(v - 1.0) > 1e-6;
    EXPECT_TRUE(measured);
}

TEST(Trainer, DecoderStageKeepsTheEncoderDenoiserAndLatentStatistics) {
    TrainConfig c = vaeConfig();
    c.stage = Stage::VaeDecoder;
    c.initFrom = test::testModelDir();
    const std::string out = test::tempDir("train-decoder");
    TrainOptions o;
    o.outDir = out;
    o.maxSteps = 4;
    o.minutes = 10;
    runTraining(c, o);
    KinoraModel init = loadModel(test::testModelDir()), tuned = loadModel(out + "/model");
    auto pi = init->named_parameters();
    int changed = 0;
    for (const auto& item : tuned->named_parameters()) {
        const bool same = torch::equal(item.value(), pi[item.key()]);
        const bool decoderSide =
            item.key().rfind("vae.", 0) == 0 && item.key().rfind("vae.enc", 0) != 0;
        if (!decoderSide) {
            EXPECT_TRUE(same) << item.key();
        }
        changed += same ? 0 : 1;
    }
    EXPECT_GT(changed, 0);
    EXPECT_FALSE(
        torch::equal(pi["vae.dec_out.weight"], tuned->named_parameters()["vae.dec_out.weight"]));
    EXPECT_EQ(init->manifest().latentMean, tuned->manifest().latentMean);
    EXPECT_EQ(init->manifest().latentStd, tuned->manifest().latentStd);
}

// Two 2-step decoder-stage runs from the test model, as configured and with `vary`
// applied: the first logged loss of each, and the varied run's exported model.
struct DecoderRuns {
    double plain, varied;
    KinoraModel tuned{nullptr};
};
DecoderRuns decoderRuns(const std::function<void(TrainConfig&)>& vary, const std::string& name) {
    TrainConfig c = vaeConfig();
    c.stage = Stage::VaeDecoder;
    c.initFrom = test::testModelDir();
    c.logEverySteps = 1;
    TrainOptions o = shortRun(2, name + "-plain");
    runTraining(c, o);
    DecoderRuns r;
    r.plain = readLog(o.outDir).front()["loss"].get<double>();
    vary(c);
    o.outDir = test::tempDir(name + "-varied");
    runTraining(c, o);
    r.varied = readLog(o.outDir).front()["loss"].get<double>();
    r.tuned = loadModel(o.outDir + "/model");
    return r;
}

// The `fixed` weights of a decoder-stage result are the test model's; its decoder's are not.
void expectOnlyTheDecoderMoved(KinoraModel tuned, std::initializer_list<const char*> fixed) {
    KinoraModel init = loadModel(test::testModelDir());
    auto before = init->named_parameters();
    auto after = tuned->named_parameters();
    for (const char* name : fixed) EXPECT_TRUE(torch::equal(before[name], after[name])) << name;
    EXPECT_FALSE(torch::equal(before["vae.dec_out.weight"], after["vae.dec_out.weight"]));
}

// The decoder's pixel weights on a fixed frame: 1 + w on the character and a 2-pixel band
// around it, 1 beyond; the weighted loss is the weighted mean of the squared plus half the
// absolute error.
TEST(Trainer, DecoderPixelWeightsCoverTheCharacterAndABand) {
    auto fg = torch::zeros({1, 1, 1, 9, 9});
    fg[0][0][0][4][4] = 1.0;  // a one-pixel character in the middle
    const auto w = decoderPixelWeight(fg, 9.0);
    ASSERT_EQ(w.sizes(), fg.sizes());
    for (int y = 0; y < 9; ++y)
        for (int x = 0; x < 9; ++x) {
            const bool near = std::abs(y - 4) <= 2 && std::abs(x - 4) <= 2;
            EXPECT_EQ(w[0][0][0][y][x].item<double>(), near ? 10.0 : 1.0) << y << " " << x;
        }
    // An error of 1 in every channel on the band, 0 elsewhere: the loss is the band's share
    // of the weight times 1.5 (1 squared plus half of 1).
    auto err = torch::zeros({1, 1, 3, 9, 9});
    err.narrow(3, 2, 5).narrow(4, 2, 5).fill_(1.0);
    const double band = 25 * 10.0, all = band + 56 * 1.0;
    EXPECT_NEAR(reconstructionLoss(err, w).item<double>(), 1.5 * band / all, 1e-6);
    EXPECT_NEAR(reconstructionLoss(err, {}).item<double>(), 1.5 * 25.0 / 81.0, 1e-6);
}

// The decoder stage with character pixels weighted trains, and only the decoder side moves.
TEST(Trainer, ForegroundWeightedDecoderStepsRun) {
    const DecoderRuns r =
        decoderRuns([](TrainConfig& c) { c.foregroundWeight = 9.0; }, "decoder-fg");
    EXPECT_TRUE(std::isfinite(r.varied));
    EXPECT_NE(r.plain, r.varied);
    expectOnlyTheDecoderMoved(r.tuned, {"vae.enc_in.weight"});
}

// A decoder stage that gives the decoder caption blocks: the converted model starts as the
// same function (the same first loss as without them), the blocks train off their zero
// start, the encoder, text encoder and denoiser stay as they were, and the exported model
// keeps the blocks.
TEST(Trainer, DecoderStageTeachesTheDecoderToReadCaptions) {
    const DecoderRuns r =
        decoderRuns([](TrainConfig& c) { c.decoderTextBlocks = 2; }, "decoder-text");
    EXPECT_NEAR(r.varied, r.plain, 1e-5 * std::abs(r.plain));
    EXPECT_EQ(r.tuned->config().vae.textBlocks, 2);
    expectOnlyTheDecoderMoved(r.tuned,
                              {"vae.enc_in.weight", "text.embed.weight", "dit.head.weight"});
    auto p = r.tuned->named_parameters();
    EXPECT_GT(p["vae.dec_text.0.out.weight"].abs().max().item<float>(), 0.0f);
    EXPECT_GT(p["vae.dec_text.1.out.weight"].abs().max().item<float>(), 0.0f);
    EXPECT_THROW(TrainConfig::fromJson({{"decoder_text_blocks", 5}}, "c.json"), Error);
}

// The autoencoder stage widening a trained model's latent: the exported model has the new
// channel count, statistics measured for every channel, and a denoiser stage trains on it.
// The discriminator scores every position of a frame, reads the caption it is given (an
// empty caption reads as none), and its hinge losses vanish only past the margins.
TEST(Discriminator, ScoresEveryPlaceAndReadsTheCaption) {
    torch::manual_seed(3);
    FrameDiscriminator d(16);
    auto frames = torch::rand({2, 3, 32, 24}) * 2 - 1;
    auto none = d(frames, torch::Tensor(), torch::Tensor());
    ASSERT_EQ(none.sizes(), (std::vector<int64_t>{2, 8, 6}));
    auto text = torch::randn({2, 5, 16});
    auto valid = torch::ones({2, 5}, torch::kBool);
    auto read = d(frames, text, valid);
    EXPECT_FALSE(torch::allclose(read, none));
    // A row without valid tokens reads only the empty token, as with no caption at all.
    valid[1].fill_(false);
    auto partly = d(frames, text, valid);
    EXPECT_TRUE(torch::allclose(partly[1], none[1], 1e-5, 1e-6));
    EXPECT_TRUE(torch::allclose(partly[0], read[0], 1e-5, 1e-6));
    // Another caption, another judgement.
    EXPECT_FALSE(torch::allclose(d(frames, torch::randn({2, 5, 16}), valid)[0], read[0]));
    EXPECT_THROW(d(torch::rand({2, 1, 32, 32}), torch::Tensor(), torch::Tensor()), Error);
    EXPECT_THROW(d(frames, torch::randn({3, 5, 16}), torch::ones({3, 5}, torch::kBool)), Error);

    EXPECT_NEAR(
        discriminatorHingeLoss(torch::full({4}, 2.0), torch::full({4}, -2.0)).item<double>(), 0.0,
        1e-9);
    EXPECT_NEAR(discriminatorHingeLoss(torch::zeros({4}), torch::zeros({4})).item<double>(), 2.0,
                1e-9);
    EXPECT_NEAR(generatorHingeLoss(torch::full({4}, 0.5)).item<double>(), -0.5, 1e-9);
}

// The decoder stage with the adversarial term: the discriminator trains from the first step
// and the decoder feels it from adversarial_start_step; both are in the checkpoint, so a
// resumed run continues exactly; the exported model holds no discriminator and only its
// decoder side moved.
TEST(Trainer, AdversarialDecoderStageJudgesFramesByTheirCaptions) {
    TrainConfig c = vaeConfig();
    c.stage = Stage::VaeDecoder;
    c.initFrom = test::testModelDir();
    c.logEverySteps = 1;
    c.adversarialWeight = 0.5;
    c.adversarialStartStep = 1;
    TrainOptions o = shortRun(4, "decoder-adversarial");
    runTraining(c, o);
    const auto log = readLog(o.outDir);
    ASSERT_EQ(log.size(), 4u);
    EXPECT_TRUE(log[0].contains("discriminator_loss"));
    EXPECT_FALSE(log[0].contains("adversarial_loss"));
    for (std::size_t i = 1; i < log.size(); ++i) {
        EXPECT_TRUE(std::isfinite(log[i]["adversarial_loss"].get<double>()));
        EXPECT_GT(log[i]["adversarial_lambda"].get<double>(), 0.0);
        EXPECT_TRUE(std::isfinite(log[i]["discriminator_loss"].get<double>()));
    }
    EXPECT_TRUE(fs::exists(o.outDir + "/checkpoint/discriminator.pt"));
    KinoraModel tuned = loadModel(o.outDir + "/model");
    KinoraModel init = loadModel(test::testModelDir());
    EXPECT_EQ(tuned->named_parameters().size(), init->named_parameters().size());
    expectOnlyTheDecoderMoved(tuned, {"vae.enc_in.weight", "text.embed.weight", "dit.head.weight"});

    // The first step is the plain decoder stage's: the term starts at step 1.
    TrainConfig plain = c;
    plain.adversarialWeight = 0.0;
    TrainOptions po = shortRun(1, "decoder-adversarial-plain");
    runTraining(plain, po);
    EXPECT_NEAR(readLog(po.outDir).front()["loss"].get<double>(), log[0]["loss"].get<double>(),
                1e-6);

    TrainOptions split = shortRun(2, "decoder-adversarial-split");
    runTraining(c, split);
    split.resume = split.outDir + "/checkpoint";
    split.maxSteps = 4;
    runTraining(c, split);
    KinoraModel resumed = loadModel(split.outDir + "/model");
    auto pr = resumed->named_parameters();
    for (const auto& item : tuned->named_parameters())
        EXPECT_TRUE(torch::allclose(item.value(), pr[item.key()], 1e-5, 1e-6)) << item.key();

    // "fixed": the term is the hinge loss times the weight, not scaled to the pixel loss.
    TrainConfig fixed = c;
    fixed.adversarialBalance = AdversarialBalance::Fixed;
    fixed.adversarialStartStep = 0;
    TrainOptions fo = shortRun(1, "decoder-adversarial-fixed");
    runTraining(fixed, fo);
    EXPECT_EQ(readLog(fo.outDir).front()["adversarial_lambda"].get<double>(), 1.0);
    EXPECT_THROW(TrainConfig::fromJson({{"adversarial_balance", "auto"}}, "c.json"), Error);

    EXPECT_THROW(TrainConfig::fromJson({{"stage", "dit"}, {"adversarial_weight", 1}}, "c.json"),
                 Error);
    EXPECT_THROW(TrainConfig::fromJson({{"adversarial_weight", -1}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"discriminator_lr", 0}}, "c.json"), Error);
    EXPECT_EQ(
        TrainConfig::fromJson({{"stage", "vae_decoder"}, {"adversarial_weight", 0.1}}, "c.json")
            .adversarialWeight,
        0.1);
}

TEST(Trainer, AutoencoderStageWidensTheLatent) {
    TrainConfig c = vaeConfig();
    c.initFrom = test::testModelDir();
    KinoraModel init = loadModel(test::testModelDir());
    const int c0 = init->config().vae.latentChannels;
    c.latentChannels = c0 + 4;
    TrainOptions o = shortRun(3, "train-widen");
    runTraining(c, o);
    KinoraModel wide = loadModel(o.outDir + "/model");
    ASSERT_EQ(wide->config().vae.latentChannels, c0 + 4);
    ASSERT_EQ(wide->manifest().latentStd.size(), static_cast<std::size_t>(c0 + 4));
    EXPECT_NE(wide->manifest().latentStd.back(), 1.0);  // measured, not the placeholder
    EXPECT_FALSE(torch::equal(init->named_parameters()["vae.dec_out.weight"],
                              wide->named_parameters()["vae.dec_out.weight"]));
    EXPECT_TRUE(torch::equal(init->named_parameters()["dit.blocks.0.qkv.weight"],
                             wide->named_parameters()["dit.blocks.0.qkv.weight"]));
    TrainConfig d = ditConfig();
    d.initFrom = o.outDir + "/model";
    TrainOptions od = shortRun(2, "train-widen-dit");
    runTraining(d, od);
    EXPECT_EQ(loadModel(od.outDir + "/model")->config().vae.latentChannels, c0 + 4);
    EXPECT_TRUE(std::isfinite(readLog(od.outDir).back()["loss"].get<double>()));

    c.latentChannels = c0 - 1;  // shrinking is refused
    EXPECT_THROW(runTraining(c, shortRun(1, "train-shrink")), Error);
}

// The decoder stage with its latents perturbed: a different loss on the same batches, and
// still only the decoder side moves.
TEST(Trainer, DecoderStageLearnsFromPerturbedLatents) {
    const DecoderRuns r =
        decoderRuns([](TrainConfig& c) { c.decoderLatentNoise = 2.0; }, "decoder-noise");
    EXPECT_TRUE(std::isfinite(r.varied));
    EXPECT_NE(r.plain, r.varied);
    KinoraModel init = loadModel(test::testModelDir());
    EXPECT_TRUE(torch::equal(init->named_parameters()["vae.enc_out.weight"],
                             r.tuned->named_parameters()["vae.enc_out.weight"]));
}

// The change between consecutive frames as a loss of its own: on the same first batch and
// weights the loss is the plain one plus that (positive) term.
TEST(Trainer, TemporalChangeLossAddsToTheDecoderLoss) {
    const DecoderRuns r = decoderRuns([](TrainConfig& c) { c.temporalWeight = 3.0; }, "decoder-dt");
    EXPECT_TRUE(std::isfinite(r.varied));
    EXPECT_GT(r.varied, r.plain * 1.01);
    const DecoderRuns weighted = decoderRuns(
        [](TrainConfig& c) {
            c.temporalWeight = 3.0;
            c.foregroundWeight = 9.0;
        },
        "decoder-dt-fg");
    EXPECT_TRUE(std::isfinite(weighted.varied));
    EXPECT_NE(weighted.varied, r.varied);
}

// decoder_denoised's latents: the encoder's means for the clips not picked; for the picked,
// next to them when there is next to nothing to denoise and far from them when denoised from
// noise; a rank's share of a global batch is that part of the whole batch's.
TEST(Trainer, DenoisedLatentsRemakeThePickedClips) {
    KinoraModel model = loadModel(test::testModelDir());
    model->eval();
    TrainConfig c = vaeConfig();
    c.stage = Stage::VaeDecoder;
    c.batchSize = 4;
    const WorldBatch batch = makeWorldBatch(c, 0);
    const torch::Device cpu(torch::kCPU);
    torch::Tensor mean;
    {
        torch::NoGradGuard noGrad;
        mean = model->vae->encode(batch.video).first;
    }
    auto run = [&](double share, double t, uint64_t seed, const torch::Tensor& video,
                   int64_t first) {
        TrainConfig d = c;
        d.decoderDenoised = share;
        d.decoderDenoiseT = t;
        d.decoderDenoiseSteps = 3;
        auto gen = at::detail::createCPUGenerator(seed);
        std::vector<std::string> captions(batch.captions.begin() + first,
                                          batch.captions.begin() + first + video.size(0));
        return denoisedLatents(model, video, captions, d, gen, 4, first, cpu);
    };
    auto [near, allPicked] = run(1.0, 1e-4, 1, batch.video, 0);
    EXPECT_TRUE(allPicked.all().item<bool>());
    EXPECT_TRUE(torch::allclose(near, mean, 0.0, 0.02)) << (near - mean).abs().max().item<double>();
    auto [far, picked] = run(1.0, 1.0, 1, batch.video, 0);
    EXPECT_TRUE(torch::isfinite(far).all().item<bool>());
    for (int64_t i = 0; i < 4; ++i)
        EXPECT_GT((far[i] - mean[i]).abs().mean().item<double>(),
                  20.0 * (near[i] - mean[i]).abs().mean().item<double>())
            << i;
    int mixed = 0;
    for (uint64_t seed = 1; seed <= 8; ++seed) {
        auto [z, pick] = run(0.5, 1.0, seed, batch.video, 0);
        for (int64_t i = 0; i < 4; ++i) {
            if (pick[i].item<bool>())
                EXPECT_FALSE(torch::equal(z[i], mean[i])) << seed << " " << i;
            else
                EXPECT_TRUE(torch::equal(z[i], mean[i])) << seed << " " << i;
        }
        const int n = pick.sum().item<int>();
        mixed += (n > 0 && n < 4) ? 1 : 0;
        // Samples 2 and 3 of the same global batch, as rank 1 of two would make them.
        auto [half, halfPick] = run(0.5, 1.0, seed, batch.video.narrow(0, 2, 2), 2);
        EXPECT_TRUE(torch::equal(halfPick, pick.narrow(0, 2, 2))) << seed;
        EXPECT_TRUE(torch::allclose(half, z.narrow(0, 2, 2), 1e-4, 1e-4)) << seed;
    }
    EXPECT_GT(mixed, 0);
}

// The decoder stage on the denoiser's latents trains the decoder alone.
TEST(Trainer, DecoderLearnsFromTheDenoisersLatents) {
    const DecoderRuns r = decoderRuns(
        [](TrainConfig& c) {
            c.decoderDenoised = 0.75;
            c.decoderDenoiseT = 0.6;
        },
        "decoder-denoised");
    EXPECT_TRUE(std::isfinite(r.varied));
    EXPECT_NE(r.varied, r.plain);
    expectOnlyTheDecoderMoved(r.tuned, {"vae.enc_in.weight", "dit.blocks.0.qkv.weight"});
}

TEST(Trainer, ResumingFromACheckpointContinuesExactly) {
    TrainConfig c = ditConfig();
    c.canvasVariants = true;
    c.batchSize = 2;
    c.warmupSteps = 2;
    c.logEverySteps = 2;
    c.tasks.reference = 0.5;  // exercise the appended reference frame too
    const std::string straight = test::tempDir("train-straight"),
                      split = test::tempDir("train-split");
    TrainOptions o;
    o.minutes = 10;
    o.outDir = straight;
    o.maxSteps = 6;
    runTraining(c, o);
    o.outDir = split;
    o.maxSteps = 3;
    runTraining(c, o);
    o.resume = split + "/checkpoint";
    o.maxSteps = 6;
    const TrainSummary s = runTraining(c, o);
    EXPECT_EQ(s.steps, 6);
    EXPECT_EQ(s.stepsThisRun, 3);
    KinoraModel a = loadModel(straight + "/model"), b = loadModel(split + "/model");
    auto pb = b->named_parameters();
    for (const auto& item : a->named_parameters())
        EXPECT_TRUE(torch::allclose(item.value(), pb[item.key()], 1e-5, 1e-6)) << item.key();
    // The denoiser moved away from its initial weights; the autoencoder did not.
    KinoraModel init = loadModel(test::testModelDir());
    auto pi = init->named_parameters();
    EXPECT_FALSE(torch::equal(pi["dit.blocks.0.qkv.weight"], pb["dit.blocks.0.qkv.weight"]));
    EXPECT_TRUE(torch::equal(pi["vae.dec_out.weight"], pb["vae.dec_out.weight"]));
    EXPECT_EQ(readLog(split).back()["step"], 6);
}

#ifdef KINORA_HAVE_DISTRIBUTED
// Clip batches and image batches alike.
class TwoRanks : public ::testing::TestWithParam<double> {};

TEST_P(TwoRanks, OfBatchBEqualOneRankOfBatch2B) {
    TrainConfig c = ditConfig();
    c.imageFraction = GetParam();
    TrainOptions o;
    o.minutes = 10;
    o.maxSteps = 3;

    c.batchSize = 4;
    c.imageBatchSize = 8;
    o.outDir = test::tempDir("ddp-single");
    runTraining(c, o);

    c.batchSize = 2;
    c.imageBatchSize = 4;
    const std::string dir = test::tempDir("ddp-pair");
    std::vector<std::thread> ranks;
    std::vector<std::exception_ptr> errors(2);
    for (int r = 0; r < 2; ++r)
        ranks.emplace_back([&, r] {
            TrainOptions ro = o;
            ro.outDir = dir + "/rank" + std::to_string(r);
            ro.rank = r;
            ro.worldSize = 2;
            ro.storePath = dir + "/store";
            try {
                runTraining(c, ro);
            } catch (...) {
                errors[static_cast<std::size_t>(r)] = std::current_exception();
            }
        });
    for (auto& t : ranks) t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);

    KinoraModel single = loadModel(o.outDir + "/model"), pair = loadModel(dir + "/rank0/model");
    KinoraModel init = loadModel(test::testModelDir());
    auto pp = pair->named_parameters();
    auto pi = init->named_parameters();
    double moved = 0.0;
    for (const auto& item : single->named_parameters()) {
        // Adam moves every weight by about lr a step whatever its gradient's size, so the
        // order in which two ranks' gradients are summed can move a weight whose gradient is
        // near zero by a small part of lr: 4e-6 (1.3% of lr = 3e-4) on an AVX-512 BF16 EPYC
        // against a bound of 1e-6 there. Allowed: 5% of one step's move.
        EXPECT_TRUE(torch::allclose(item.value(), pp[item.key()], 1e-4, 0.05 * c.lr))
            << item.key() << ": largest difference "
            << (item.value() - pp[item.key()]).abs().max().item<double>();
        moved += (item.value() - pi[item.key()]).abs().sum().item<double>();
    }
    EXPECT_GT(moved, 0.0);
    EXPECT_FALSE(fs::exists(dir + "/rank1/model"));  // only rank 0 exports
}
INSTANTIATE_TEST_SUITE_P(Trainer, TwoRanks, ::testing::Values(0.0, 1.0));
#endif

// The foreground-weighted loss trains, on clip and image batches alike.
TEST(Trainer, ForegroundWeightedDenoiserStepsRun) {
    TrainConfig c = ditConfig();
    c.batchSize = 2;
    c.imageFraction = 0.5;
    TrainOptions o = shortRun(3, "fg-plain");
    const double plain = runTraining(c, o).lastLoss;
    c.foregroundWeight = 9.0;
    o.outDir = test::tempDir("fg-weighted");
    const double weighted = runTraining(c, o).lastLoss;
    EXPECT_TRUE(std::isfinite(weighted));
    EXPECT_NE(plain, weighted);
    EXPECT_TRUE(fs::exists(o.outDir + "/model/model.safetensors"));
}

// The flicker loss costs an error that changes between frames, not one that stays; pairs
// of given frames (weight 0) cost nothing, and a given frame next to a made one counts.
TEST(Trainer, FlickerLossCostsChangeNotSteadyError) {
    const auto steady = torch::randn({2, 1, 3, 2, 2}).expand({2, 4, 3, 2, 2}).contiguous();
    const auto ones = torch::ones({2, 4, 1, 2, 2});
    EXPECT_NEAR(flickerLoss(steady, ones).abs().max().item<double>(), 0.0, 1e-7);
    // +1, -1, +1, -1: every change is 2, its square 4.
    const auto sign = torch::tensor({1.f, -1.f, 1.f, -1.f}).view({1, 4, 1, 1, 1});
    const auto alternating = (torch::ones({2, 4, 3, 2, 2}) * sign).contiguous();
    const auto a = flickerLoss(alternating, ones);
    EXPECT_NEAR(a[0].item<double>(), 4.0, 1e-6);
    EXPECT_NEAR(a[1].item<double>(), 4.0, 1e-6);
    // Frames 0 and 1 given (no error, no weight), frames 2 and 3 err alike by 1: the pair
    // (0, 1) is left out, (1, 2) changes by 1, (2, 3) by nothing, so the mean is 1/2.
    auto err = torch::zeros({1, 4, 3, 2, 2});
    err.narrow(1, 2, 2).fill_(1.0);
    auto w = torch::ones({1, 4, 1, 2, 2});
    w.narrow(1, 0, 2).zero_();
    EXPECT_NEAR(flickerLoss(err, w)[0].item<double>(), 0.5, 1e-6);
    // Weights count: the same change weighed ten times heavier where it shows moves the mean.
    auto heavy = w.clone();
    heavy.narrow(4, 0, 1).mul_(10.0);
    auto uneven = err.clone();
    uneven.narrow(1, 2, 2).narrow(4, 0, 1).fill_(3.0);
    EXPECT_NEAR(flickerLoss(uneven, heavy)[0].item<double>(), (10 * 9.0 + 1.0) / (2 * 11.0), 1e-5);
}

// The twins' difference error: what a pair's errors share costs nothing, a difference
// costs its square, weighed by the larger of the two weights where it shows; one value
// a pair.
TEST(Trainer, TwinDifferenceErrorCostsOnlyWhatThePairDoesNotShare) {
    const auto shared = torch::randn({1, 2, 3, 2, 2}).expand({4, 2, 3, 2, 2}).contiguous();
    const auto ones = torch::ones({4, 2, 1, 2, 2});
    const auto none = twinDifferenceError(shared, ones);
    ASSERT_EQ(none.size(0), 2);
    EXPECT_NEAR(none.abs().max().item<double>(), 0.0, 1e-7);
    // Pair 1 (samples 2, 3) differs by 2 at one position of 8 x 3 channels: 4 / 24.
    auto err = shared.clone();
    err[3][1][0][0][0] += 2.0;
    auto d = twinDifferenceError(err, ones);
    EXPECT_NEAR(d[0].item<double>(), 0.0, 1e-7);
    EXPECT_NEAR(d[1].item<double>(), 4.0 / 24.0, 1e-6);
    // Weighed by the larger weight of the two: sample 2 weighs that position 9x.
    auto w = ones.clone();
    w[2][1][0][0][0] = 9.0;
    EXPECT_NEAR(twinDifferenceError(err, w)[1].item<double>(), 9.0 * 4.0 / (16.0 * 3.0), 1e-6);
    // Given frames (weight 0 in both) cost nothing.
    auto given = ones.clone();
    given.narrow(1, 1, 1).zero_();
    EXPECT_NEAR(twinDifferenceError(err, given)[1].item<double>(), 0.0, 1e-7);
    EXPECT_THROW(twinDifferenceError(torch::zeros({3, 2, 3, 2, 2}), torch::ones({3, 2, 1, 2, 2})),
                 Error);
}

// temporal_weight on the denoiser: "loss" stays the flow loss (the first step, before any
// update, logs what a run without it logs), the term is logged apart, and it changes the
// update.
TEST(Trainer, FlickerWeightedDenoiserLogsTheFlowLossApart) {
    TrainConfig c = ditConfig();
    c.batchSize = 2;
    c.imageFraction = 0.0;
    TrainOptions o = shortRun(2, "flicker-plain");
    runTraining(c, o);
    const auto plain = readLog(o.outDir);
    c.temporalWeight = 2.0;
    o.outDir = test::tempDir("flicker-weighted");
    runTraining(c, o);
    const auto weighted = readLog(o.outDir);
    ASSERT_EQ(plain.size(), 2u);
    ASSERT_EQ(weighted.size(), 2u);
    EXPECT_FALSE(plain[0].contains("temporal_loss"));
    EXPECT_NEAR(weighted[0]["loss"].get<double>(), plain[0]["loss"].get<double>(), 1e-5);
    EXPECT_GT(weighted[0]["temporal_loss"].get<double>(), 0.0);
    EXPECT_TRUE(std::isfinite(weighted[1]["temporal_loss"].get<double>()));
    EXPECT_NE(weighted[1]["loss"].get<double>(), plain[1]["loss"].get<double>());
}

// The denoiser's loss weights on a fixed batch: given frames weigh nothing, a character's
// positions 1 + the foreground weight, positions where the camera moves the background
// 1 + the camera weight (the larger where both), the rest 1; the per-sample loss is the
// weighted mean square over channels.
TEST(Trainer, DenoiserLossWeightsOnAFixedBatch) {
    const auto given = torch::tensor({0.f, 1.f}).view({1, 2});  // frame 1 given
    auto fg = torch::zeros({1, 2, 1, 2, 2});
    auto camera = torch::zeros({1, 2, 1, 2, 2});
    fg[0][0][0][0][0] = 1.0;      // a character at (0, 0)
    camera[0][0][0][0][0] = 1.0;  // and the camera moving there and at (1, 1)
    camera[0][0][0][1][1] = 1.0;
    const auto w = denoiserLossWeight(given, fg, camera, 4.0, 8.0, 2, 2);
    ASSERT_EQ(w.sizes(), (std::vector<int64_t>{1, 2, 1, 2, 2}));
    EXPECT_EQ(w[0][0][0][0][0].item<double>(), 9.0);  // max(4, 8) + 1
    EXPECT_EQ(w[0][0][0][1][1].item<double>(), 9.0);
    EXPECT_EQ(w[0][0][0][0][1].item<double>(), 1.0);
    EXPECT_EQ(w[0][1].abs().sum().item<double>(), 0.0);  // the given frame
    const auto noCamera = denoiserLossWeight(given, fg, camera, 4.0, 0.0, 2, 2);
    EXPECT_EQ(noCamera[0][0][0][0][0].item<double>(), 5.0);
    EXPECT_EQ(noCamera[0][0][0][1][1].item<double>(), 1.0);
    const auto plain = denoiserLossWeight(given, {}, {}, 4.0, 8.0, 2, 2);
    EXPECT_EQ(plain[0][0].sum().item<double>(), 4.0);
    // An error of 2 at the character, 0 elsewhere, in both of 3 channels' worth: 3 * 4 * 9
    // over (9 + 9 + 1 + 1) * 3.
    auto err = torch::zeros({1, 2, 3, 2, 2});
    err.select(3, 0).select(3, 0).select(1, 0).fill_(2.0);
    err[0][1].fill_(5.0);  // errors on the given frame cost nothing
    EXPECT_NEAR(weightedSquaredError(err, w)[0].item<double>(), 3 * 4.0 * 9.0 / (20.0 * 3), 1e-6);
}

// Weighting where the camera moves the background trains and changes the loss of batches
// with a moving camera.
TEST(Trainer, CameraWeightedDenoiserStepsRun) {
    TrainConfig c = ditConfig();
    c.batchSize = 4;
    c.imageFraction = 0.0;
    c.foregroundWeight = 4.0;
    c.cameraWeight = 8.0;
    // Run to the first batch with a moving camera: the last step's loss is compared.
    int last = -1;
    for (int index = 0; index < 8 && last < 0; ++index)
        for (const auto& scene : makeWorldBatch(c, index).scenes)
            if (scene.camera != world::Camera::Static) last = index;
    ASSERT_GE(last, 0) << "the test needs a moving camera in the steps it runs";
    TrainOptions o = shortRun(last + 1, "camera-weighted");
    const double camera = runTraining(c, o).lastLoss;
    c.cameraWeight = 0.0;
    o.outDir = test::tempDir("camera-plain");
    const double plain = runTraining(c, o).lastLoss;
    EXPECT_TRUE(std::isfinite(camera));
    EXPECT_NE(plain, camera);
}

// Reference pairs: a batch with two references carries each clip's two characters (or its
// one character twice) as stills of their own; the denoiser trains on them, and a share of
// 0 leaves every other run's batches as they were.
TEST(WorldBatches, ReferencePairsShowTwoCharactersOfTheClip) {
    EXPECT_THROW(TrainConfig::fromJson({{"tasks", {{"reference_pairs", 1.5}}}}, "c.json"), Error);
    TrainConfig c = ditConfig();
    c.batchSize = 6;
    c.canvasVariants = false;
    c.tasks.reference = 1.0;
    const WorldBatch single = makeWorldBatch(c, 4);
    ASSERT_TRUE(single.reference.defined());
    EXPECT_EQ(single.reference.size(1), 1);
    c.tasks.referencePairs = 1.0;
    const WorldBatch pairs = makeWorldBatch(c, 4);
    ASSERT_TRUE(pairs.reference.defined());
    ASSERT_EQ(pairs.reference.sizes(), (std::vector<int64_t>{6, 2, 3, 64, 64}));
    EXPECT_TRUE(torch::equal(pairs.video, single.video));
    bool sawTwo = false;
    for (int64_t i = 0; i < 6; ++i) {
        const auto& scene = pairs.scenes[static_cast<std::size_t>(i)];
        // Each still is the reference of one of the clip's characters.
        std::vector<torch::Tensor> looks;
        for (std::size_t k = 0; k < scene.characters.size(); ++k)
            looks.push_back(clipToTensor(world::renderScene(referenceScene(scene, k)))[0]);
        for (int64_t r = 0; r < 2; ++r) {
            bool found = false;
            for (const auto& look : looks)
                found = found || torch::equal(pairs.reference[i][r], look);
            EXPECT_TRUE(found) << "clip " << i << " reference " << r;
        }
        if (scene.characters.size() > 1) {
            EXPECT_FALSE(torch::equal(pairs.reference[i][0], pairs.reference[i][1])) << i;
            sawTwo = true;
        } else {
            EXPECT_TRUE(torch::equal(pairs.reference[i][0], pairs.reference[i][1])) << i;
        }
    }
    EXPECT_TRUE(sawTwo) << "the test needs a clip with two characters";
    c.batchSize = 2;
    c.imageFraction = 0.0;
    c.foregroundWeight = 4.0;
    TrainOptions o = shortRun(3, "reference-pairs");
    const double paired = runTraining(c, o).lastLoss;
    EXPECT_TRUE(std::isfinite(paired));
    c.tasks.referencePairs = 0.0;
    o.outDir = test::tempDir("reference-single");
    EXPECT_NE(runTraining(c, o).lastLoss, paired);
}

// A denoiser stage with absolute_position converts a model without them: only the denoiser
// moves (the new projection with it), and the exported model carries the flag.
TEST(Trainer, DenoiserStageAddsAbsolutePositions) {
    TrainConfig c = ditConfig();
    c.batchSize = 2;
    c.absolutePosition = true;
    TrainOptions o = shortRun(3, "train-abs-pos");
    runTraining(c, o);
    KinoraModel init = loadModel(test::testModelDir());
    ASSERT_FALSE(init->config().dit.absolutePosition);
    KinoraModel tuned = loadModel(o.outDir + "/model");
    EXPECT_TRUE(tuned->config().dit.absolutePosition);
    EXPECT_GT(tuned->named_parameters()["dit.pos_proj.weight"].abs().max().item<float>(), 0.0f);
    EXPECT_TRUE(torch::equal(init->named_parameters()["vae.dec_out.weight"],
                             tuned->named_parameters()["vae.dec_out.weight"]));
    EXPECT_TRUE(std::isfinite(readLog(o.outDir).back()["loss"].get<double>()));
    // Resuming from that run keeps them (no second conversion).
    TrainOptions r = shortRun(4, "train-abs-pos");
    r.outDir = o.outDir;
    r.resume = o.outDir + "/checkpoint";
    runTraining(c, r);
    EXPECT_TRUE(loadModel(o.outDir + "/model")->config().dit.absolutePosition);
}

// Replayed batches: most steps reuse kept latents (fresh noise, task and caption), the
// world index counts only fresh batches and survives a resume, and the run is still
// deterministic.
TEST(Trainer, ReplayReusesEncodedBatchesDeterministically) {
    EXPECT_THROW(TrainConfig::fromJson({{"replay_uses", 0.5}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"replay_capacity", 0}}, "c.json"), Error);
    TrainConfig c = ditConfig();
    c.batchSize = 2;
    c.imageFraction = 0.3;
    c.foregroundWeight = 4.0;
    c.tasks.reference = 0.3;
    c.replayUses = 4.0;
    c.replayCapacity = 3;
    TrainOptions o;
    o.minutes = 10;
    o.maxSteps = 14;
    const std::string first = test::tempDir("replay-a");
    o.outDir = first;
    runTraining(c, o);
    const auto log = readLog(o.outDir);
    ASSERT_EQ(log.size(), 14u);
    int replayed = 0;
    for (const auto& r : log) {
        ASSERT_TRUE(r.contains("replayed_fraction"));
        replayed += static_cast<int>(r["replayed_fraction"].get<double>());
        EXPECT_TRUE(std::isfinite(r["loss"].get<double>()));
    }
    const int64_t drawn = log.back()["batches_drawn"];
    EXPECT_GT(replayed, 3);  // about three in four after the first three
    EXPECT_EQ(drawn + replayed, 14);
    std::ifstream in(o.outDir + "/checkpoint/state.json");
    EXPECT_EQ(nlohmann::json::parse(in)["batches_drawn"], drawn);

    o.outDir = test::tempDir("replay-b");
    runTraining(c, o);
    KinoraModel a = loadModel(o.outDir + "/model"), b = loadModel(first + "/model");
    auto pb = b->named_parameters();
    for (const auto& item : a->named_parameters())
        EXPECT_TRUE(torch::equal(item.value(), pb[item.key()])) << item.key();

    // Without replay the log says nothing of it.
    c.replayUses = 1.0;
    o.outDir = test::tempDir("replay-off");
    o.maxSteps = 2;
    runTraining(c, o);
    EXPECT_FALSE(readLog(o.outDir).back().contains("replayed_fraction"));
}

// Mid-clip windows: the share of steps that trained one follows mid_clip_fraction, and
// training on them changes the run (their first latent frame is gone).
TEST(Trainer, MidClipWindowsTrainAtTheirShare) {
    EXPECT_THROW(TrainConfig::fromJson({{"mid_clip_fraction", 1.5}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"mid_clip_fraction", -0.1}}, "c.json"), Error);
    TrainConfig c = ditConfig();
    c.batchSize = 2;
    c.tasks.extendForward = 0.5;
    c.tasks.reference = 0.5;
    TrainOptions o = shortRun(4, "midclip-off");
    const double whole = runTraining(c, o).lastLoss;
    EXPECT_FALSE(readLog(o.outDir).back().contains("mid_clip_fraction"));
    c.midClipFraction = 1.0;
    o.outDir = test::tempDir("midclip-all");
    const double mid = runTraining(c, o).lastLoss;
    EXPECT_TRUE(std::isfinite(mid));
    EXPECT_NE(whole, mid);
    for (const auto& r : readLog(o.outDir)) EXPECT_EQ(r["mid_clip_fraction"].get<double>(), 1.0);
    c.midClipFraction = 0.5;
    o.outDir = test::tempDir("midclip-half");
    o.maxSteps = 12;
    runTraining(c, o);
    double share = 0.0;
    for (const auto& r : readLog(o.outDir)) share += r["mid_clip_fraction"].get<double>();
    EXPECT_GT(share, 1.0);  // about 6 of 12
    EXPECT_LT(share, 11.0);
}

// Shape-twin batches train at their share, on clips, stills and replayed batches, and
// change the run.
TEST(Trainer, ShapeTwinBatchesTrainAtTheirShare) {
    TrainConfig c = ditConfig();
    c.batchSize = 2;
    c.imageFraction = 0.5;
    c.foregroundWeight = 4.0;
    TrainOptions o = shortRun(4, "twins-off");
    const double plain = runTraining(c, o).lastLoss;
    EXPECT_FALSE(readLog(o.outDir).back().contains("twin_fraction"));
    c.shapeTwins = 1.0;
    o.outDir = test::tempDir("twins-all");
    const double twins = runTraining(c, o).lastLoss;
    EXPECT_TRUE(std::isfinite(twins));
    EXPECT_NE(plain, twins);
    for (const auto& r : readLog(o.outDir)) EXPECT_EQ(r["twin_fraction"].get<double>(), 1.0);
    c.replayUses = 3.0;
    c.replayCapacity = 4;
    o.outDir = test::tempDir("twins-replayed");
    o.maxSteps = 6;
    EXPECT_TRUE(std::isfinite(runTraining(c, o).lastLoss));
    double replayed = 0.0;
    for (const auto& r : readLog(o.outDir)) {
        EXPECT_EQ(r["twin_fraction"].get<double>(), 1.0);
        replayed += r["replayed_fraction"].get<double>();
    }
    EXPECT_GT(replayed, 0.0);
    // The difference term: logged apart ("loss" stays the flow loss, so the first step,
    // before any update, logs what a run without the term logs), and it changes the update.
    c.replayUses = 1.0;
    c.logEverySteps = 1;
    o.maxSteps = 3;
    o.outDir = test::tempDir("twins-no-term");
    const double noTerm = runTraining(c, o).lastLoss;
    const auto noTermLog = readLog(o.outDir);
    EXPECT_FALSE(noTermLog.front().contains("twin_difference_error"));
    c.twinDifferenceWeight = 20.0;
    o.outDir = test::tempDir("twins-term");
    const double withTerm = runTraining(c, o).lastLoss;
    const auto termLog = readLog(o.outDir);
    EXPECT_NEAR(termLog.front()["loss"].get<double>(), noTermLog.front()["loss"].get<double>(),
                1e-6);
    for (const auto& r : termLog) EXPECT_GT(r["twin_difference_error"].get<double>(), 0.0);
    EXPECT_NE(noTerm, withTerm);  // lastLoss counts the term
    // Twin batches near t = 1 only: every twin step's loss lies in the top bin of t
    // ([0.8, 1]), where without it the logit-normal reaches lower bins too.
    c.twinDifferenceWeight = 0.0;
    c.imageFraction = 0.0;
    c.batchSize = 4;
    o.maxSteps = 6;
    auto lowBins = [](const std::string& dir) {
        int used = 0;
        for (const auto& r : readLog(dir))
            for (std::size_t k = 0; k + 1 < r["loss_by_t"].size(); ++k)
                used += r["loss_by_t"][k].is_null() ? 0 : 1;
        return used;
    };
    o.outDir = test::tempDir("twins-any-level");
    runTraining(c, o);
    EXPECT_GT(lowBins(o.outDir), 0);
    c.twinNoiseMin = 0.8;
    o.outDir = test::tempDir("twins-high-level");
    runTraining(c, o);
    EXPECT_EQ(lowBins(o.outDir), 0);
    for (const auto& r : readLog(o.outDir)) EXPECT_FALSE(r["loss_by_t"].back().is_null());
}

// High-noise clips: with high_noise_fraction 1 every clip's t lies in [high_noise_min, 1],
// so the log's loss by t bin has nothing below it; at 0 the logit-normal fills low bins too.
TEST(Trainer, HighNoiseFractionDrawsNoiseLevelsNearOne) {
    EXPECT_THROW(TrainConfig::fromJson({{"high_noise_fraction", 1.5}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"high_noise_min", 1.0}}, "c.json"), Error);
    EXPECT_THROW(TrainConfig::fromJson({{"high_noise_min", -0.2}}, "c.json"), Error);
    const auto back = TrainConfig::fromJson(
        TrainConfig::fromJson({{"high_noise_fraction", 0.25}, {"high_noise_min", 0.85}}, "c.json")
            .toJson(),
        "c.json");
    EXPECT_EQ(back.highNoiseFraction, 0.25);
    EXPECT_EQ(back.highNoiseMin, 0.85);
    TrainConfig c = ditConfig();
    c.batchSize = 4;
    c.imageFraction = 0.0;
    c.logEverySteps = 1;
    auto binsUsed = [](const std::string& dir) {
        std::vector<int> used(5, 0);
        for (const auto& r : readLog(dir))
            for (std::size_t k = 0; k < used.size(); ++k)
                if (!r["loss_by_t"][k].is_null()) ++used[k];
        return used;
    };
    TrainOptions o = shortRun(6, "high-noise-off");
    runTraining(c, o);
    const auto off = binsUsed(o.outDir);
    EXPECT_GT(off[1] + off[2] + off[3], 0);  // 24 logit-normal draws reach below 0.8
    c.highNoiseFraction = 1.0;
    c.highNoiseMin = 0.8;
    o.outDir = test::tempDir("high-noise-all");
    runTraining(c, o);
    const auto all = binsUsed(o.outDir);
    EXPECT_EQ(all[0] + all[1] + all[2] + all[3], 0);
    EXPECT_EQ(all[4], 6);
}

TEST(Bf16Autocast, CastsMatrixProductsOnlyWhileAliveAndNests) {
    const auto a = torch::randn({8, 16}), b = torch::randn({16, 4});
    EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kFloat);
    {
        Bf16Autocast outer(torch::kCPU, true);
        EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kBFloat16);
        EXPECT_EQ((a + 1.0).scalar_type(), torch::kFloat);  // elementwise ops keep their dtype
        {
            Bf16Autocast inner(torch::kCPU, true);
            EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kBFloat16);
        }
        EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kBFloat16);
        Bf16Autocast off(torch::kCPU, false);  // disabled: changes nothing
        EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kBFloat16);
    }
    EXPECT_EQ(torch::mm(a, b).scalar_type(), torch::kFloat);
}

// bfloat16 matrix products: the same loss to bfloat16 precision at the first step, an
// update that differs (so it really ran in bfloat16) by no more than the steps can move
// a weight, and float32 again after training.
TEST(Trainer, Bf16AutocastStepsTrackFloat32Steps) {
    EXPECT_THROW(TrainConfig::fromJson({{"autocast", "fp8"}}, "c.json"), Error);
    TrainConfig c = ditConfig();
    c.batchSize = 2;
    c.foregroundWeight = 4.0;
    TrainOptions o = shortRun(3, "autocast-off");
    const std::string plainDir = o.outDir;
    runTraining(c, o);
    c.autocast = Autocast::Bf16;
    o.outDir = test::tempDir("autocast-bf16");
    runTraining(c, o);
    const auto plain = readLog(plainDir), bf16 = readLog(o.outDir);
    ASSERT_EQ(plain.size(), 3u);
    ASSERT_EQ(bf16.size(), 3u);
    const double l0 = plain[0]["loss"], l1 = bf16[0]["loss"];
    EXPECT_NEAR(l1, l0, 0.03 * l0);
    KinoraModel a = loadModel(plainDir + "/model"), b = loadModel(o.outDir + "/model");
    auto pb = b->named_parameters();
    double maxDiff = 0.0;
    for (const auto& item : a->named_parameters())
        maxDiff = std::max(maxDiff, (item.value() - pb[item.key()]).abs().max().item<double>());
    EXPECT_GT(maxDiff, 0.0);
    // AdamW moves a weight by at most about lr per step (EMA exported: less).
    EXPECT_LT(maxDiff, 2.0 * 3 * c.lr * 1.5);
    EXPECT_EQ(torch::mm(torch::ones({2, 2}), torch::ones({2, 2})).scalar_type(), torch::kFloat);
}

// Provenance: a run that starts from a trained model adds its stage to that model's
// history (even the same stage again), and resuming it does not add a second entry.
TEST(Trainer, HistoryGainsOneEntryPerRun) {
    TrainConfig c = ditConfig();
    c.batchSize = 1;
    TrainOptions o = shortRun(1, "history-a");
    runTraining(c, o);
    const auto first = loadModel(o.outDir + "/model")->manifest().training["history"];
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(first.back()["stage"], "dit");
    c.initFrom = o.outDir + "/model";
    o.outDir = test::tempDir("history-b");
    runTraining(c, o);
    o.resume = o.outDir + "/checkpoint";
    o.maxSteps = 2;
    runTraining(c, o);
    const auto second = loadModel(o.outDir + "/model")->manifest().training["history"];
    ASSERT_EQ(second.size(), first.size() + 1);
    EXPECT_EQ(second[first.size() - 1], first.back());
    EXPECT_EQ(second.back()["stage"], "dit");
    EXPECT_EQ(second.back()["steps"], 2);
}

TEST(TrainingCurve, PicksEvenlyKeepsTheEndsAndSkipsOtherStages) {
    const std::string dir = test::tempDir("curve");
    {
        std::ofstream log(dir + "/train.jsonl");
        for (int step = 1; step <= 1000; ++step) {
            log << "{\"stage\":\"dit\",\"step\":" << step << ",\"loss\":" << 1.0 / step
                << ",\"lr\":0.001}\n";
            if (step % 100 == 0) log << "{\"stage\":\"vae\",\"step\":" << step << ",\"loss\":9}\n";
        }
        log << "not json\n";
    }
    const auto curve = trainingCurve(dir + "/train.jsonl", "dit", 11);
    ASSERT_EQ(curve.size(), 11u);
    EXPECT_EQ(curve.front()[0], 1);
    EXPECT_EQ(curve.back()[0], 1000);
    EXPECT_EQ(curve[5][0], 501);                              // evenly: 1 + round(5 * 999 / 10)
    EXPECT_DOUBLE_EQ(curve[5][1].get<double>(), 0.00199601);  // six significant digits
    EXPECT_DOUBLE_EQ(curve[5][2].get<double>(), 0.001);
    EXPECT_EQ(trainingCurve(dir + "/train.jsonl", "vae").size(), 10u);
    EXPECT_TRUE(trainingCurve(dir + "/missing.jsonl", "dit").empty());
}

TEST(Trainer, StopFlagCheckpointsAtOnce) {
    std::atomic<bool> stop{true};
    TrainOptions o;
    o.outDir = test::tempDir("train-stop");
    o.stop = &stop;
    TrainConfig c = vaeConfig();
    const TrainSummary s = runTraining(c, o);
    EXPECT_EQ(s.stepsThisRun, 0);
    EXPECT_TRUE(fs::exists(o.outDir + "/checkpoint/state.json"));
}

TEST(Trainer, BadResumeFolderIsAClearError) {
    TrainOptions o;
    o.outDir = test::tempDir("train-bad");
    o.resume = "/nonexistent/checkpoint";
    EXPECT_THROW(runTraining(vaeConfig(), o), Error);
}

// The shipped model's card gives recipe/train.sh as the command that trains it from
// scratch: every config the script names must be committed beside it and load, the recipe
// folder holds nothing else, and the configs of the experiments (experiments/) load too (a
// renamed key or a value out of range would only show hours into a run).
// The distill stage: a student that starts as the teacher and learns, for each of its few
// steps, the velocity whose Euler step lands where the teacher's guided steps do.
TrainConfig distillConfig() {
    TrainConfig c = ditConfig();
    c.stage = Stage::Distill;
    c.batchSize = 2;
    c.distillSteps = 2;
    c.distillSubsteps = 3;
    return c;
}

TEST(Trainer, DistillStageIsRefusedWithoutATeacherOrWithImageSteps) {
    EXPECT_THROW(TrainConfig::fromJson({{"stage", "distill"}}, "c.json"), Error);
    const nlohmann::json teacher = {{"stage", "distill"}, {"init_from", "teacher"}};
    EXPECT_NO_THROW(TrainConfig::fromJson(teacher, "c.json"));
    for (const auto& [key, value] :
         std::vector<std::pair<std::string, nlohmann::json>>{{"distill_steps", 0},
                                                             {"distill_steps", 65},
                                                             {"distill_substeps", 0},
                                                             {"distill_guidance", 0.5},
                                                             {"distill_guidance", 21.0},
                                                             {"model_name", "../escape"},
                                                             {"image_fraction", 0.2},
                                                             {"adversarial_weight", 1.0}}) {
        nlohmann::json j = teacher;
        j[key] = value;
        try {
            TrainConfig::fromJson(j, "c.json");
            ADD_FAILURE() << key << " = " << value << " was accepted";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
        }
    }
    EXPECT_EQ(TrainConfig::fromJson(teacher, "c.json").toJson()["stage"], "distill");
}

// With one teacher step per student step and no guidance, the target is the teacher's own
// velocity at the student's input: a student that is still the teacher has nothing to
// learn. With three guided teacher steps per student step it has.
TEST(Trainer, DistillTargetIsTheTeachersStepsComposed) {
    TrainConfig same = distillConfig();
    same.distillSubsteps = 1;
    same.distillGuidance = 1.0;
    same.captionDropout = 0.0;
    TrainOptions o = shortRun(1, "train-distill-same");
    runTraining(same, o);
    const double sameLoss = readLog(o.outDir).front()["loss"].get<double>();
    EXPECT_LT(sameLoss, 1e-10);

    TrainConfig composed = distillConfig();
    composed.distillGuidance = 4.0;
    TrainOptions p = shortRun(1, "train-distill-composed");
    runTraining(composed, p);
    EXPECT_GT(readLog(p.outDir).front()["loss"].get<double>(), 1e-4);
}

// The student: only its denoiser trains; its model.json samples in distill_steps steps
// without guidance; it says what it was distilled from; a resumed run keeps all of that.
TEST(Trainer, DistillStageExportsAFewStepStudent) {
    TrainConfig c = distillConfig();
    c.lr = 1e-3;
    c.modelName = "test-fast";
    TrainOptions o = shortRun(3, "train-distill");
    runTraining(c, o);
    KinoraModel teacher = loadModel(test::testModelDir());
    KinoraModel student = loadModel(o.outDir + "/model");
    EXPECT_EQ(student->config().defaults.steps, 2);
    EXPECT_EQ(student->config().defaults.guidance, 1.0);
    EXPECT_EQ(student->config().name, "test-fast");
    EXPECT_NE(teacher->config().defaults.steps, 2);
    EXPECT_NE(teacher->config().name, "test-fast");
    auto ours = student->named_parameters();
    int changed = 0;
    for (const auto& item : teacher->named_parameters()) {
        const bool same = torch::equal(item.value(), ours[item.key()]);
        if (item.key().rfind("dit.", 0) != 0)
            EXPECT_TRUE(same) << item.key() << " moved, but only the denoiser trains";
        else if (!same)
            ++changed;
    }
    EXPECT_GT(changed, 10);
    const auto log = readLog(o.outDir);
    ASSERT_EQ(log.size(), 3u);
    for (const auto& rec : log) {
        EXPECT_EQ(rec["stage"], "distill");
        EXPECT_TRUE(std::isfinite(rec["loss"].get<double>()));
        EXPECT_TRUE(rec.contains("loss_by_t"));
    }
    const auto& history = student->manifest().training["history"];
    EXPECT_EQ(history.back()["stage"], "distill");
    EXPECT_EQ(history.back()["config"]["init_from"], test::testModelDir());
    TrainOptions r = shortRun(4, "train-distill");
    r.outDir = o.outDir;
    r.resume = o.outDir + "/checkpoint";
    runTraining(c, r);
    KinoraModel resumed = loadModel(o.outDir + "/model");
    EXPECT_EQ(resumed->config().defaults.steps, 2);
    EXPECT_EQ(resumed->config().defaults.guidance, 1.0);
    EXPECT_EQ(readLog(o.outDir).size(), 4u);
}

TEST(TrainRecipe, EveryCommittedConfigIsThereAndValid) {
    const fs::path recipe = fs::path(KINORA_SOURCE_MODEL_DIR) / "recipe";
    std::ifstream script(recipe / "train.sh");
    ASSERT_TRUE(script) << (recipe / "train.sh");
    std::stringstream text;
    text << script.rdbuf();
    const std::string recipeText = text.str();
    std::set<std::string> named;
    const std::regex config(R"(\$recipe/(train-[A-Za-z0-9_-]+\.json))");
    for (auto it = std::sregex_iterator(recipeText.begin(), recipeText.end(), config);
         it != std::sregex_iterator(); ++it)
        named.insert((*it)[1].str());
    EXPECT_GE(named.size(), 12u) << "train.sh names fewer than the shipped model's 12 stages";
    for (const auto& name : named) {
        EXPECT_TRUE(fs::exists(recipe / name)) << "train.sh names " << name << ", not committed";
        EXPECT_NO_THROW(TrainConfig::load((recipe / name).string())) << name;
    }
    for (const auto& entry : fs::directory_iterator(recipe)) {
        const std::string name = entry.path().filename().string();
        EXPECT_TRUE(name == "train.sh" || named.count(name) == 1)
            << "recipe/" << name << " is not a config train.sh runs";
    }
    int experiments = 0;
    for (const auto& entry : fs::recursive_directory_iterator(KINORA_EXPERIMENTS_DIR)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("train-", 0) != 0 || entry.path().extension() != ".json") continue;
        EXPECT_NO_THROW(TrainConfig::load(entry.path().string())) << entry.path();
        ++experiments;
    }
    EXPECT_GT(experiments, 0);
}

}  // namespace
}  // namespace kinora::train
