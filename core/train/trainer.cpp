#include "train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include <torch/torch.h>

#include "models/kinora/kinora_model.h"
#include "sampler/flow_sampler.h"
#include "train/batch_source.h"
#include "train/discriminator.h"
#include "train/distributed.h"
#include "train/training_curve.h"
#include "util/atomic_file.h"
#include "util/autocast.h"
#include "util/device.h"
#include "util/error.h"

namespace kinora::train {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kTimeBins = 5;

uint64_t stepSeed(uint64_t seed, int64_t step) {
    uint64_t x =
        (seed + 0x632BE59BD9B4E019ull) ^ (static_cast<uint64_t>(step) * 0x9E3779B97F4A7C15ull);
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    return x ^ (x >> 27);
}

double learningRate(const TrainConfig& c, int64_t step) {
    if (step < c.warmupSteps) return c.lr * static_cast<double>(step + 1) / c.warmupSteps;
    const double progress = std::min(
        1.0, static_cast<double>(step - c.warmupSteps) / std::max(1, c.totalSteps - c.warmupSteps));
    const double floor = c.lr * c.minLrFraction;
    return floor + (c.lr - floor) * 0.5 * (1.0 + std::cos(3.14159265358979323846 * progress));
}

// Given latent frames of one clip for a task, as a [T] mask.
torch::Tensor taskMask(const TaskMix& mix, int64_t frames, std::mt19937_64& rng) {
    auto mask = torch::zeros({frames});
    const double weights[] = {mix.textToVideo, mix.imageToVideo, mix.extendForward,
                              mix.extendBackward, mix.connect};
    std::discrete_distribution<int> pick(std::begin(weights), std::end(weights));
    const int task = frames > 1 ? pick(rng) : std::min(pick(rng), 1);
    const int64_t k = frames > 2 ? std::uniform_int_distribution<int64_t>(
                                       1, std::min<int64_t>(2, frames - 1))(rng)
                                 : 1;
    switch (task) {
        case 1:
            mask[0] = 1.0;
            break;
        case 2:
            mask.narrow(0, 0, k).fill_(1.0);
            break;
        case 3:
            mask.narrow(0, frames - k, k).fill_(1.0);
            break;
        case 4:
            mask[0] = 1.0;
            mask[frames - 1] = 1.0;
            break;
        default:
            break;
    }
    return mask;
}

}  // namespace

torch::Tensor latentForeground(const torch::Tensor& mask, int64_t temporalFactor,
                               int64_t spatialFactor) {
    const auto b = mask.size(0), t = mask.size(1), h = mask.size(3), w = mask.size(4);
    std::vector<torch::Tensor> frames{mask.narrow(1, 0, 1)};  // frame 0 is encoded alone
    for (int64_t start = 1; start < t; start += temporalFactor)
        frames.push_back(
            std::get<0>(mask.narrow(1, start, std::min(temporalFactor, t - start)).max(1, true)));
    auto m = torch::cat(frames, 1);
    const auto tl = m.size(1);
    return torch::max_pool2d(m.reshape({b * tl, 1, h, w}), spatialFactor)
        .view({b, tl, 1, h / spatialFactor, w / spatialFactor});
}

torch::Tensor decoderPixelWeight(const torch::Tensor& foreground, double foregroundWeight) {
    const auto sizes = foreground.sizes().vec();
    auto near = torch::max_pool2d(foreground.reshape({-1, 1, sizes[3], sizes[4]}), 5, 1, 2);
    return 1.0 + foregroundWeight * near.view(sizes);
}

torch::Tensor reconstructionLoss(const torch::Tensor& err, const torch::Tensor& weight) {
    if (!weight.defined()) return err.pow(2).mean() + 0.5 * err.abs().mean();
    return ((err.pow(2) + 0.5 * err.abs()) * weight).sum() / (weight.sum() * err.size(2));
}

torch::Tensor denoiserLossWeight(const torch::Tensor& given, const torch::Tensor& foreground,
                                 const torch::Tensor& camera, double foregroundWeight,
                                 double cameraWeight, int64_t h, int64_t w) {
    const int64_t b = given.size(0), frames = given.size(1);
    auto weight = (1.0 - given).view({b, frames, 1, 1, 1});
    if (foreground.defined()) {
        auto extra = foregroundWeight * foreground;
        if (camera.defined()) extra = torch::maximum(extra, cameraWeight * camera);
        weight = weight * (1.0 + extra);
    }
    return weight.expand({b, frames, 1, h, w});
}

torch::Tensor weightedSquaredError(const torch::Tensor& err, const torch::Tensor& weight) {
    return (err.pow(2) * weight).sum({1, 2, 3, 4}) /
           (weight.sum({1, 2, 3, 4}) * err.size(2)).clamp_min(1.0);
}

torch::Tensor flickerLoss(const torch::Tensor& xerr, const torch::Tensor& weight) {
    const int64_t t = xerr.size(1);
    auto change = xerr.narrow(1, 1, t - 1) - xerr.narrow(1, 0, t - 1);
    auto w = torch::maximum(weight.narrow(1, 1, t - 1), weight.narrow(1, 0, t - 1))
                 .expand_as(change.narrow(2, 0, 1));
    return (change.pow(2) * w).sum({1, 2, 3, 4}) /
           (w.sum({1, 2, 3, 4}) * xerr.size(2)).clamp_min(1.0);
}

torch::Tensor twinDifferenceError(const torch::Tensor& verr, const torch::Tensor& weight) {
    const int64_t b = verr.size(0);
    if (b % 2 != 0) throw Error("twinDifferenceError: the batch must hold whole pairs");
    auto even =
        torch::arange(0, b, 2, torch::TensorOptions().dtype(torch::kLong).device(verr.device()));
    auto odd = even + 1;
    auto diff = verr.index_select(0, even) - verr.index_select(0, odd);
    auto w = torch::maximum(weight.index_select(0, even), weight.index_select(0, odd))
                 .expand_as(diff.narrow(2, 0, 1));
    return (diff.pow(2) * w).sum({1, 2, 3, 4}) /
           (w.sum({1, 2, 3, 4}) * verr.size(2)).clamp_min(1.0);
}

std::pair<torch::Tensor, torch::Tensor> denoisedLatents(
    KinoraModel& model, const torch::Tensor& video, const std::vector<std::string>& captions,
    const TrainConfig& config, at::Generator& gen, int64_t globalBatch, int64_t firstSample,
    const torch::Device& device) {
    torch::NoGradGuard noGrad;
    const int64_t b = video.size(0);
    auto pick = (at::rand({globalBatch}, gen, torch::kFloat) < config.decoderDenoised)
                    .narrow(0, firstSample, b)
                    .to(device);
    auto t0 = (at::rand({globalBatch}, gen, torch::kFloat).clamp_min(0.05) * config.decoderDenoiseT)
                  .narrow(0, firstSample, b)
                  .to(device);
    auto z = model->vae->encode(video).first;
    auto epsShape = z.sizes().vec();
    epsShape[0] = globalBatch;
    auto eps = at::randn(epsShape, gen, torch::kFloat).narrow(0, firstSample, b).to(device);
    auto which = pick.nonzero().view(-1);
    const int64_t n = which.size(0);
    if (n == 0) return {z, pick};
    // Only the picked clips go through the denoiser.
    std::vector<std::string> picked;
    for (int64_t i = 0; i < n; ++i)
        picked.push_back(captions.at(static_cast<std::size_t>(which[i].item<int64_t>())));
    t0 = t0.index_select(0, which);
    const int64_t frames = z.size(1);
    auto tv = t0.view({n, 1, 1, 1, 1});
    auto x = (1.0 - tv) * model->normalizeLatents(z.index_select(0, which)) +
             tv * eps.index_select(0, which);
    TokenBatch tokens = tokenizePrompts(picked, model->config().text);
    tokens.ids = tokens.ids.to(device);
    tokens.valid = tokens.valid.to(device);
    {
        Bf16Autocast autocast(device.type(), config.autocast == Autocast::Bf16);
        auto text = model->text->forward(tokens);
        DitContext ctx = model->dit->prepare(text, tokens.valid, frames, z.size(3), z.size(4));
        const int steps = config.decoderDenoiseSteps;
        for (int i = 0; i < steps; ++i) {
            auto t = t0 * (1.0 - static_cast<double>(i) / steps);
            auto tNext = t0 * (1.0 - static_cast<double>(i + 1) / steps);
            auto v =
                model->dit->forward(x, t.view({n, 1}).expand({n, frames}), ctx).to(torch::kFloat);
            x = x + (tNext - t).view({n, 1, 1, 1, 1}) * v;
        }
    }
    return {z.index_copy(0, which, model->denormalizeLatents(x)), pick};
}

namespace {

// A batch as the denoiser trains on it: normalised latents and what goes with them.
struct LatentBatch {
    torch::Tensor z0;          ///< [B,T,C,h,w], the reference frames (if any) last
    torch::Tensor foreground;  ///< [B,T,1,h,w] on latents, or undefined
    torch::Tensor camera;      ///< [B,T,1,h,w] on latents, or undefined
    std::vector<std::string> captions;
    std::vector<std::vector<std::string>> paraphrases;
    bool images = false;
    bool twins = false;      ///< samples 2k and 2k+1 are shape twins (WorldBatch::twins)
    int64_t references = 0;  ///< reference latent frames at the end of z0
    int64_t pixelFrames = 0, pixelHeight = 0, pixelWidth = 0;
    /// Latent frames of the clip itself, the references left out.
    int64_t clipFrames() const { return z0.size(1) - references; }
};

LatentBatch encodeBatch(KinoraModel& model, const WorldBatch& batch, const torch::Device& device,
                        int64_t temporalFactor, int64_t spatialFactor) {
    LatentBatch lb;
    {
        torch::NoGradGuard noGrad;
        auto video = batch.video.to(device);
        lb.z0 = model->normalizeLatents(model->vae->encode(video).first);
        if (batch.reference.defined()) {
            // Each reference is a still of its own: encoded one frame at a time.
            const auto& r = batch.reference;
            const int64_t b = r.size(0), k = r.size(1);
            auto refs =
                model->vae
                    ->encode(r.reshape({b * k, 1, r.size(2), r.size(3), r.size(4)}).to(device))
                    .first;
            refs = refs.reshape({b, k, refs.size(2), refs.size(3), refs.size(4)});
            lb.z0 = torch::cat({lb.z0, model->normalizeLatents(refs)}, 1);
        }
        lb.pixelHeight = video.size(3);
        lb.pixelWidth = video.size(4);
    }
    lb.references = batch.reference.defined() ? batch.reference.size(1) : 0;
    lb.images = batch.images;
    lb.twins = batch.twins;
    lb.captions = batch.captions;
    lb.paraphrases = batch.paraphrases;
    lb.pixelFrames =
        batch.images ? batch.scenes.front().frames : 1 + (lb.clipFrames() - 1) * temporalFactor;
    // A pixel mask pooled to latents, zero on the reference frames (they carry no loss).
    const auto onLatents = [&](const torch::Tensor& mask) {
        auto m = latentForeground(mask.to(device), temporalFactor, spatialFactor);
        if (lb.references == 0) return m;
        return torch::cat({m, torch::zeros_like(m.narrow(1, 0, lb.references))}, 1);
    };
    if (batch.foreground.defined()) lb.foreground = onLatents(batch.foreground);
    if (batch.camera.defined()) lb.camera = onLatents(batch.camera);
    return lb;
}

// The batch with its first latent frame dropped: a window that starts mid-clip.
LatentBatch startMidClip(const LatentBatch& lb, const ModelConfig& cfg) {
    LatentBatch out = lb;
    const int64_t frames = lb.z0.size(1);
    out.z0 = lb.z0.narrow(1, 1, frames - 1).contiguous();
    if (lb.foreground.defined())
        out.foreground = lb.foreground.narrow(1, 1, frames - 1).contiguous();
    if (lb.camera.defined()) out.camera = lb.camera.narrow(1, 1, frames - 1).contiguous();
    out.pixelFrames = 1 + (out.clipFrames() - 1) * cfg.vae.temporalFactor;
    return out;
}

struct State {
    KinoraModel model{nullptr};
    std::vector<torch::Tensor> trainable;
    std::vector<std::string> trainableNames;
    std::map<std::string, torch::Tensor> ema;
    std::unique_ptr<torch::optim::AdamW> optimizer;
    int64_t step = 0;
    // adversarial_weight: the discriminator and its optimiser (checkpointed, never exported).
    FrameDiscriminator disc{nullptr};
    std::unique_ptr<torch::optim::AdamW> discOptimizer;
};

void collectTrainable(State& s, Stage stage) {
    s.trainable.clear();
    s.trainableNames.clear();
    for (auto& item : s.model->named_parameters()) {
        const bool isVae = item.key().rfind("vae.", 0) == 0;
        // vae_decoder: the encoder (and so the latents the denoiser learned) stays fixed.
        const bool isEncoder = item.key().rfind("vae.enc", 0) == 0;
        // distill: the student's denoiser alone; it reads the teacher's (fixed) text states.
        const bool isDenoiser = item.key().rfind("dit.", 0) == 0;
        const bool train = stage == Stage::Vae          ? isVae
                           : stage == Stage::VaeDecoder ? isVae && !isEncoder
                           : stage == Stage::Distill    ? isDenoiser
                                                        : !isVae;
        item.value().set_requires_grad(train);
        if (train) {
            s.trainable.push_back(item.value());
            s.trainableNames.push_back(item.key());
        }
    }
}

void writeCheckpoint(const State& s, const TrainConfig& config, const std::string& dir,
                     double elapsed, int64_t batchesDrawn) {
    fs::create_directories(dir);
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto& item : s.model->named_parameters())
        tensors.emplace_back(item.key(), item.value());
    for (const auto& [name, t] : s.ema) tensors.emplace_back("ema." + name, t);
    writeSafetensors(dir + "/state.safetensors", tensors);
    const std::string optTemp = temporarySiblingPath(dir + "/optimizer.pt");
    torch::save(*s.optimizer, optTemp);
    commitTemporaryFile(optTemp, dir + "/optimizer.pt");
    if (s.disc) {
        const std::string discTemp = temporarySiblingPath(dir + "/discriminator.pt");
        torch::save(s.disc, discTemp);
        commitTemporaryFile(discTemp, dir + "/discriminator.pt");
        const std::string discOptTemp = temporarySiblingPath(dir + "/discriminator-optimizer.pt");
        torch::save(*s.discOptimizer, discOptTemp);
        commitTemporaryFile(discOptTemp, dir + "/discriminator-optimizer.pt");
    }
    const nlohmann::json state = {
        {"format", "kinora-checkpoint"}, {"step", s.step},
        {"batches_drawn", batchesDrawn}, {"elapsed_seconds", elapsed},
        {"config", config.toJson()},     {"manifest", s.model->manifest().toJson()}};
    writeFileAtomically(dir + "/state.json",
                        [&](std::ostream& out) { out << state.dump(2) << '\n'; });
}

// Exported model: EMA weights where they exist.
void exportModel(const State& s, const std::string& dir, const nlohmann::json& provenance,
                 DType dtype) {
    fs::create_directories(dir);
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto& item : s.model->named_parameters()) {
        const auto it = s.ema.find(item.key());
        tensors.emplace_back(item.key(), it != s.ema.end() ? it->second : item.value());
    }
    ModelManifest manifest = s.model->manifest();
    manifest.training = provenance;
    writeSafetensors((fs::path(dir) / manifest.weightsFile).string(), tensors, dtype,
                     {{"format", "kinora-model"}, {"name", manifest.config.name}});
    manifest.save(dir);
}

// Per-channel mean and std of the autoencoder's latents over world batches.
void measureLatentStats(State& s, const TrainConfig& config, const torch::Device& device) {
    torch::NoGradGuard noGrad;
    const int64_t c = s.model->config().vae.latentChannels;
    auto sum = torch::zeros({c}, torch::kDouble), sq = torch::zeros({c}, torch::kDouble);
    double count = 0;
    for (int i = 0; i < config.latentStatBatches; ++i) {
        auto video = makeWorldBatch(config, -1 - i).video.to(device);
        auto z = s.model->vae->encode(video).first.to(torch::kCPU, torch::kDouble);
        auto perChannel = z.transpose(0, 2).reshape({c, -1});
        sum += perChannel.sum(1);
        sq += perChannel.pow(2).sum(1);
        count += static_cast<double>(perChannel.size(1));
    }
    auto mean = sum / count;
    auto std = (sq / count - mean.pow(2)).clamp_min(1e-8).sqrt();
    ModelManifest& m = s.model->manifest();
    m.latentMean.assign(mean.data_ptr<double>(), mean.data_ptr<double>() + c);
    m.latentStd.assign(std.data_ptr<double>(), std.data_ptr<double>() + c);
    // Rebuild the normalisation buffers from the manifest.
    KinoraModel fresh(m);
    fresh->to(device);
    torch::NoGradGuard ng;
    auto params = fresh->named_parameters();
    for (const auto& item : s.model->named_parameters()) params[item.key()].copy_(item.value());
    s.model = fresh;
}

// What the steps between two log records add up to.
struct RunStats {
    double loss = 0.0, grad = 0.0;
    double temporal = 0.0;   // dit stage: the flicker term's share of `loss`
    double twinTerm = 0.0;   // dit stage: the twin difference term's share of `loss`
    double twinError = 0.0;  // its pairs' difference error before the weight
    double advTerm = 0.0;    // vae stages: the adversarial term's share of `loss`
    double advLoss = 0.0, discLoss = 0.0, lambda = 0.0, real = 0.0, fake = 0.0;
    int advSteps = 0, discSteps = 0;
    int losses = 0, clips = 0, images = 0, replayed = 0, midClip = 0, twins = 0, steps = 0;
    double binSum[kTimeBins] = {0}, binCount[kTimeBins] = {0};

    // The log record of these steps (their means), for a run of `config`.
    nlohmann::json record(const TrainConfig& config, int64_t step, double lr, double seconds,
                          double elapsed, bool replaying, int64_t batchesDrawn, bool adversarial) {
        nlohmann::json rec = {{"step", step},
                              {"stage", name(config.stage)},
                              {"loss", loss / losses},
                              {"lr", lr},
                              {"grad_norm", grad / losses},
                              {"clips_per_second", clips / std::max(seconds, 1e-9)},
                              {"seconds_per_step", seconds / losses},
                              {"elapsed_seconds", elapsed}};
        if (config.imageFraction > 0.0) rec["images_per_second"] = images / std::max(seconds, 1e-9);
        if (config.midClipFraction > 0.0)
            rec["mid_clip_fraction"] = static_cast<double>(midClip) / std::max(1, steps);
        if (config.shapeTwins > 0.0)
            rec["twin_fraction"] = static_cast<double>(twins) / std::max(1, steps);
        if (config.twinDifferenceWeight > 0.0 && twins > 0)
            rec["twin_difference_error"] = twinError / twins;
        if (replaying) {
            rec["replayed_fraction"] = static_cast<double>(replayed) / std::max(1, steps);
            rec["batches_drawn"] = batchesDrawn;
        }
        if (config.stage == Stage::Dit &&
            (config.temporalWeight > 0.0 || config.twinDifferenceWeight > 0.0)) {
            // "loss" stays the flow loss, comparable with runs without the extra terms.
            rec["loss"] = (loss - temporal - twinTerm) / losses;
            if (config.temporalWeight > 0.0) rec["temporal_loss"] = temporal / losses;
        }
        if (adversarial) {
            // "loss" stays the autoencoder's loss, comparable with runs without the term.
            rec["loss"] = (loss - advTerm) / losses;
            if (discSteps > 0) {
                rec["discriminator_loss"] = discLoss / discSteps;
                rec["discriminator_real"] = real / discSteps;
                rec["discriminator_fake"] = fake / discSteps;
            }
            if (advSteps > 0) {
                rec["adversarial_loss"] = advLoss / advSteps;
                rec["adversarial_lambda"] = lambda / advSteps;
            }
        }
        if (config.stage == Stage::Dit || config.stage == Stage::Distill) {
            nlohmann::json bins = nlohmann::json::array();
            for (int k = 0; k < kTimeBins; ++k)
                bins.push_back(binCount[k] > 0 ? nlohmann::json(binSum[k] / binCount[k])
                                               : nlohmann::json(nullptr));
            rec["loss_by_t"] = bins;
        }
        return rec;
    }
};

// The random draws of one step, each from the step alone so runs resume exactly.
struct StepDraws {
    at::Generator gen;
    std::mt19937_64 rng, replayRng;
    bool replayStep = false;
};

// One training run of one stage: the model, its optimiser and EMA, the batches, the log and
// the checkpoints. run() steps until the time, step or stop limit, then checkpoints.
class Trainer {
public:
    Trainer(const TrainConfig& config, const TrainOptions& options)
        : m_config(config),
          m_options(options),
          m_start(Clock::now()),
          m_device(parseDevice(options.device)) {
        if (options.outDir.empty()) throw Error("train: an output folder is needed (--out)");
        fs::create_directories(options.outDir);
        m_checkpointDir = (fs::path(options.outDir) / "checkpoint").string();
        m_modelDir = (fs::path(options.outDir) / "model").string();
        startModel();
        startOptimizer();
        if (config.adversarialWeight > 0.0) startDiscriminator();
        if (options.worldSize > 1)
            m_sync =
                std::make_unique<GradientSync>(options.rank, options.worldSize, options.storePath);
        m_lead = options.rank == 0;
        m_localBatch = config.batchSize;
        m_globalBatch = m_localBatch * std::max(1, options.worldSize);
        m_firstSample = m_localBatch * options.rank;
        if (m_lead) m_log.open(logPath(), std::ios::app);
        // The world batch index: the step, unless replayed steps made them part ways.
        m_batchesDrawn = m_resumedBatches >= 0 ? m_resumedBatches : m_s.step;
        m_source = std::make_unique<BatchSource>(config, m_batchesDrawn, 3,
                                                 static_cast<int>(m_firstSample));
        m_replaying = (config.stage == Stage::Dit || config.stage == Stage::Distill) &&
                      config.replayUses > 1.0;
        m_summary.checkpointDir = m_checkpointDir;
        m_summary.modelDir = m_modelDir;
    }

    TrainSummary run() {
        m_lastLog = m_lastCheckpoint = Clock::now();
        while (!stopNow()) {
            const double lr = learningRate(m_config, m_s.step);
            for (auto& group : m_s.optimizer->param_groups())
                static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
            StepDraws draws = drawsOfStep();
            const bool autoencoder = trainsAutoencoder(m_config.stage);
            bool imageStep = false;
            int64_t samples = 0;
            const torch::Tensor loss = autoencoder ? autoencoderStep(draws, samples)
                                       : m_config.stage == Stage::Distill
                                           ? distillStep(draws, samples)
                                           : denoiserStep(draws, samples, imageStep);
            update(loss, samples, imageStep);
            if (m_s.step % m_config.logEverySteps == 0) writeLog(lr);
            if (m_config.checkpointEveryMinutes > 0 &&
                secondsSince(m_lastCheckpoint) >= m_config.checkpointEveryMinutes * 60.0)
                checkpoint();
        }
        if (m_lead && m_config.stage == Stage::Vae && m_summary.stepsThisRun > 0)
            measureLatentStats(m_s, m_config, m_device);
        checkpoint();
        m_summary.steps = m_s.step;
        m_summary.seconds = elapsed();
        return m_summary;
    }

private:
    static double secondsSince(Clock::time_point t) {
        return std::chrono::duration<double>(Clock::now() - t).count();
    }
    double elapsed() const { return secondsSince(m_start); }
    std::string logPath() const { return (fs::path(m_options.outDir) / "train.jsonl").string(); }

    // The model: from a checkpoint, from init_from (converted as the config asks), or new.
    void startModel() {
        if (!m_options.resume.empty())
            resumeModel();
        else if (!m_config.initFrom.empty())
            initialModel();
        else
            freshModel();
        m_s.model->to(m_device);
        m_s.model->train();
        collectTrainable(m_s, m_config.stage);
        if (!m_config.modelName.empty()) m_s.model->manifest().config.name = m_config.modelName;
        if (m_config.stage == Stage::Distill) startTeacher();
        if (m_config.stage == Stage::Dit || m_config.stage == Stage::Distill) {
            m_s.model->vae->eval();
            torch::NoGradGuard noGrad;
            for (std::size_t i = 0; i < m_s.trainable.size(); ++i)
                if (!m_s.ema.count(m_s.trainableNames[i]))
                    m_s.ema[m_s.trainableNames[i]] = m_s.trainable[i].detach().clone();
        }
    }

    // distill: the teacher (init_from's model, fixed) and the student's sampling defaults,
    // which its model.json carries: distill_steps steps, no guidance.
    void startTeacher() {
        m_teacher = loadModel(m_config.initFrom);
        m_teacher->to(m_device);
        m_teacher->eval();
        for (auto& p : m_teacher->parameters()) p.set_requires_grad(false);
        m_s.model->text->eval();
        const ModelDefaults& taught = m_teacher->config().defaults;
        m_teacherGuidance =
            m_config.distillGuidance > 0.0 ? m_config.distillGuidance : taught.guidance;
        m_teacherSmoothing = taught.guidanceSmoothing;
        ModelDefaults& d = m_s.model->manifest().config.defaults;
        d.steps = m_config.distillSteps;
        d.guidance = 1.0;
        d.guidanceSmoothing = 0.0;
    }

    void resumeModel() {
        const std::string& dir = m_options.resume;
        std::ifstream in(dir + "/state.json");
        if (!in) throw Error(dir + ": not a checkpoint (no state.json)");
        nlohmann::json state;
        try {
            state = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception& e) {
            throw Error(dir + "/state.json: not valid JSON: " + e.what());
        }
        const ModelManifest manifest =
            ModelManifest::fromJson(state.at("manifest"), dir + "/state.json");
        m_s.model = KinoraModel(manifest);
        SafetensorsFile file(dir + "/state.safetensors");
        torch::NoGradGuard noGrad;
        for (auto& item : m_s.model->named_parameters())
            item.value().copy_(file.loadFloat(item.key(), item.value().sizes()));
        for (const auto& e : file.entries())
            if (e.name.rfind("ema.", 0) == 0)
                m_s.ema[e.name.substr(4)] = file.loadFloat(e.name).to(m_device);
        m_s.step = state.value("step", int64_t{0});
        m_resumedBatches = state.value("batches_drawn", m_s.step);
        m_previousElapsed = state.value("elapsed_seconds", 0.0);
        if (state["manifest"].contains("training") &&
            state["manifest"]["training"].contains("history"))
            m_history = state["manifest"]["training"]["history"];
    }

    void initialModel() {
        const TrainConfig& c = m_config;
        m_s.model = loadModel(c.initFrom);
        const auto& t = m_s.model->manifest().training;
        if (t.contains("history")) m_history = t["history"];
        auto warnUnless = [&](bool trains, const char* what, const char* stages) {
            if (!trains)
                std::fprintf(stderr, "train: warning: %s in a %s stage: only the %s train%s it\n",
                             what, name(c.stage), stages, std::strchr(stages, ' ') ? "" : "s");
        };
        if (c.latentChannels > 0 && c.latentChannels != m_s.model->config().vae.latentChannels) {
            warnUnless(c.stage == Stage::Vae, "widening the latent", "vae stage");
            m_s.model = widenLatentChannels(m_s.model, c.latentChannels, c.seed);
        }
        if (c.absolutePosition && !m_s.model->config().dit.absolutePosition) {
            warnUnless(c.stage == Stage::Dit, "absolute positions added", "dit stage");
            m_s.model = withAbsolutePosition(m_s.model);
        }
        if (c.decoderTextBlocks > 0 && m_s.model->config().vae.textBlocks == 0) {
            warnUnless(c.stage != Stage::Dit, "a caption-reading decoder added",
                       "vae and vae_decoder stages");
            m_s.model = withDecoderText(m_s.model, c.decoderTextBlocks, c.seed);
        }
    }

    void freshModel() {
        if (m_config.stage == Stage::Dit)
            std::fprintf(
                stderr,
                "train: warning: dit stage without init_from trains on an untrained autoencoder\n");
        ModelConfig architecture = modelConfigForSize(m_config.size);
        if (m_config.latentChannels > 0) architecture.vae.latentChannels = m_config.latentChannels;
        if (m_config.absolutePosition) architecture.dit.absolutePosition = true;
        architecture.vae.textBlocks = m_config.decoderTextBlocks;
        m_s.model = createRandomModel(architecture, m_config.seed);
    }

    void startOptimizer() {
        m_s.optimizer = std::make_unique<torch::optim::AdamW>(
            m_s.trainable, torch::optim::AdamWOptions(m_config.lr)
                               .weight_decay(m_config.weightDecay)
                               .betas({0.9, 0.99}));
        const std::string saved = m_options.resume + "/optimizer.pt";
        if (!m_options.resume.empty() && fs::exists(saved)) torch::load(*m_s.optimizer, saved);
    }

    // adversarial_weight: the caption-reading discriminator and its optimiser.
    void startDiscriminator() {
        torch::manual_seed(m_config.seed ^ 0xD15C);
        m_s.disc = FrameDiscriminator(m_s.model->config().text.dim);
        m_s.disc->to(m_device);
        m_s.discOptimizer = std::make_unique<torch::optim::AdamW>(
            m_s.disc->parameters(), torch::optim::AdamWOptions(m_config.discriminatorLr)
                                        .weight_decay(0.0)
                                        .betas({0.5, 0.9}));
        const std::string& resume = m_options.resume;
        if (!resume.empty() && fs::exists(resume + "/discriminator.pt")) {
            torch::load(m_s.disc, resume + "/discriminator.pt");
            if (fs::exists(resume + "/discriminator-optimizer.pt"))
                torch::load(*m_s.discOptimizer, resume + "/discriminator-optimizer.pt");
        }
        for (auto& p : m_s.disc->parameters()) p.set_requires_grad(false);
        if (m_config.adversarialBalance == AdversarialBalance::Gradient) {
            // The decoder's last layer: where the two losses' gradients meet.
            for (const auto& item : m_s.model->named_parameters())
                if (item.key() == "vae.dec_out.weight") m_decoderLast = item.value();
            if (!m_decoderLast.defined())
                throw Error("train: the decoder has no last layer to weigh at");
        }
    }

    bool stopNow() {
        const bool outOfTime = elapsed() >= m_options.minutes * 60.0;
        const bool stopped = m_options.stop != nullptr && m_options.stop->load();
        const bool enoughSteps = m_options.maxSteps > 0 && m_s.step >= m_options.maxSteps;
        bool stop = outOfTime || stopped || enoughSteps;
        if (m_sync) stop = m_sync->anyStop(stop);  // every rank stops at the same step
        return stop;
    }

    StepDraws drawsOfStep() {
        const TrainConfig& c = m_config;
        StepDraws d{at::detail::createCPUGenerator(stepSeed(c.seed, m_s.step)),
                    std::mt19937_64(stepSeed(c.seed ^ 0xABCDEF, m_s.step)),
                    std::mt19937_64(stepSeed(c.seed ^ 0x7E91A7, m_s.step)), false};
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        // Every rank fills its buffer at the same steps, so all agree on replaying.
        const std::size_t capacity = static_cast<std::size_t>(c.replayCapacity);
        constexpr std::size_t kReplayMinimum = 32;  // fresh batches before the first replay
        d.replayStep = m_replaying &&
                       m_replay.size() >= std::min<std::size_t>(kReplayMinimum, capacity) &&
                       unit(d.replayRng) >= 1.0 / c.replayUses;
        return d;
    }

    // vae and vae_decoder stages: reconstruction, KL, preview map and, with a
    // discriminator, the adversarial term.
    torch::Tensor autoencoderStep(StepDraws& d, int64_t& samples) {
        const TrainConfig& c = m_config;
        const ModelConfig& cfg = m_s.model->config();
        WorldBatch batch = m_source->next();
        ++m_batchesDrawn;
        auto video = batch.video.to(m_device);
        samples = video.size(0);
        // decoder_denoised: latents of the whole clip, some of them remade by the
        // denoiser, cut to the frames and crop below with the clip.
        torch::Tensor denoisedZ, denoisedPick;
        if (c.decoderDenoised > 0.0)
            std::tie(denoisedZ, denoisedPick) = denoisedLatents(
                m_s.model, video, batch.captions, c, d.gen, m_globalBatch, m_firstSample, m_device);
        const int64_t vaeFrames = std::min<int64_t>(c.vaeFrames, video.size(1));
        video = video.narrow(1, 0, vaeFrames);
        int64_t cropY = -1, cropX = -1;
        // Pixels that weigh more: the characters and a 2-pixel band around them.
        torch::Tensor pixelWeight;
        if (batch.foreground.defined())
            pixelWeight = decoderPixelWeight(batch.foreground.to(m_device).narrow(1, 0, vaeFrames),
                                             c.foregroundWeight);
        if (c.vaeCrop > 0 && c.vaeCrop < video.size(3) && c.vaeCrop < video.size(4)) {
            const int64_t cy =
                std::uniform_int_distribution<int64_t>(0, (video.size(3) - c.vaeCrop) / 8)(d.rng) *
                8;
            const int64_t cx =
                std::uniform_int_distribution<int64_t>(0, (video.size(4) - c.vaeCrop) / 8)(d.rng) *
                8;
            auto crop = [&](const torch::Tensor& x) {
                return x.narrow(3, cy, c.vaeCrop).narrow(4, cx, c.vaeCrop).contiguous();
            };
            video = crop(video);
            if (pixelWeight.defined()) pixelWeight = crop(pixelWeight);
            cropY = cy;
            cropX = cx;
        }
        auto [mean, logvar] = m_s.model->vae->encode(video);
        auto z = sampledLatents(mean, logvar, d);
        if (denoisedZ.defined()) {
            // The picked clips decode the denoiser's latents of the same frames and crop
            // (the clip was encoded whole, so its latents differ from the crop's at the
            // crop's edges: the convolutions saw the pixels beyond them).
            const int64_t sf = cfg.vae.spatialFactor;
            auto dz = denoisedZ.narrow(1, 0, z.size(1));
            if (cropY >= 0)
                dz = dz.narrow(3, cropY / sf, z.size(3)).narrow(4, cropX / sf, z.size(4));
            z = torch::where(denoisedPick.view({-1, 1, 1, 1, 1}), dz, z);
        }
        // A decoder that reads captions reads each clip's (dropped ones read nothing).
        // The caption's states, once: the decoder reads them if it reads captions, the
        // discriminator if there is one.
        const DecoderText caption = m_s.disc || cfg.vae.textBlocks > 0
                                        ? m_s.model->captionStates(batch.captions)
                                        : DecoderText{};
        auto recon = m_s.model->vae->decode(z, caption);
        auto rec = reconstructionLoss(recon - video, pixelWeight);
        if (c.temporalWeight > 0.0 && video.size(1) > 1)
            rec = rec + c.temporalWeight * changeLoss(recon, video, pixelWeight);
        auto kl = 0.5 * (mean.pow(2) + logvar.exp() - 1.0 - logvar).mean();
        auto loss = rec + c.vaeKlWeight * kl + 0.1 * previewLoss(mean, video);
        if (m_s.disc) loss = loss + adversarialTerm(video, recon, caption, rec);
        return loss;
    }

    // Latents drawn from the posterior, perturbed for decoder_latent_noise.
    torch::Tensor sampledLatents(const torch::Tensor& mean, const torch::Tensor& logvar,
                                 StepDraws& d) {
        auto globalShape = mean.sizes().vec();
        globalShape[0] = m_globalBatch;
        auto noise = at::randn(globalShape, d.gen, torch::kFloat)
                         .narrow(0, m_firstSample, m_localBatch)
                         .to(m_device);
        auto z = mean + torch::exp(0.5 * logvar) * noise;
        if (m_config.decoderLatentNoise <= 0.0) return z;
        // Each clip's latents perturbed by up to decoder_latent_noise latent standard
        // deviations (a level drawn per clip, so clean latents still train too).
        globalShape = z.sizes().vec();
        globalShape[0] = m_globalBatch;
        auto level = at::rand({m_globalBatch}, d.gen, torch::kFloat)
                         .narrow(0, m_firstSample, m_localBatch)
                         .to(m_device)
                         .view({-1, 1, 1, 1, 1});
        auto perturb = at::randn(globalShape, d.gen, torch::kFloat)
                           .narrow(0, m_firstSample, m_localBatch)
                           .to(m_device);
        const auto& latentStd = m_s.model->manifest().latentStd;
        auto scale = torch::tensor(std::vector<float>(latentStd.begin(), latentStd.end()))
                         .to(m_device)
                         .view({1, 1, -1, 1, 1});
        return z + m_config.decoderLatentNoise * level * scale * perturb;
    }

    // The change between consecutive frames, drawn as the clip changes.
    static torch::Tensor changeLoss(const torch::Tensor& recon, const torch::Tensor& video,
                                    const torch::Tensor& pixelWeight) {
        const int64_t t = video.size(1);
        auto change = [&](const torch::Tensor& x) {
            return x.narrow(1, 1, t - 1) - x.narrow(1, 0, t - 1);
        };
        auto terr = change(recon) - change(video);
        auto tl = terr.pow(2) + 0.5 * terr.abs();
        if (!pixelWeight.defined()) return tl.mean();
        auto w = torch::max(pixelWeight.narrow(1, 1, t - 1), pixelWeight.narrow(1, 0, t - 1));
        return (tl * w).sum() / (w.sum() * video.size(2));
    }

    // The preview map: latent -> RGB regression onto the frames each latent stands for.
    torch::Tensor previewLoss(const torch::Tensor& mean, const torch::Tensor& video) {
        const ModelConfig& cfg = m_s.model->config();
        const int64_t factor = cfg.vae.spatialFactor;
        auto keyFrames =
            video.index_select(1, torch::cat({torch::zeros({1}, torch::kLong),
                                              torch::arange(cfg.vae.temporalFactor, video.size(1),
                                                            cfg.vae.temporalFactor, torch::kLong)})
                                      .to(m_device));
        auto target = perFrame(
            keyFrames, [&](const torch::Tensor& f) { return torch::avg_pool2d(f, factor); });
        return torch::mse_loss(m_s.model->vae->previewRgb(mean.detach()), target);
    }

    // Every frame judged with its clip's caption: first the discriminator learns on the
    // real frames and the decoder's as they are now, then (from adversarial_start_step) the
    // decoder is charged for what still reads fake. Returns the term added to the loss.
    torch::Tensor adversarialTerm(const torch::Tensor& video, const torch::Tensor& recon,
                                  const DecoderText& caption, const torch::Tensor& rec) {
        const int64_t t = recon.size(1);
        torch::Tensor states = caption.states, valid = caption.valid;
        if (states.defined()) {
            states = states.repeat_interleave(t, 0);
            valid = valid.repeat_interleave(t, 0);
        }
        auto real = video.flatten(0, 1), fake = recon.flatten(0, 1);
        const std::vector<torch::Tensor> discParams = m_s.disc->parameters();
        for (const auto& p : discParams) p.set_requires_grad(true);
        auto realLogits = m_s.disc(real, states, valid);
        auto fakeLogits = m_s.disc(fake.detach(), states, valid);
        auto discLoss = discriminatorHingeLoss(realLogits, fakeLogits);
        m_s.discOptimizer->zero_grad();
        discLoss.backward();
        if (m_sync) m_sync->averageGradients(discParams);
        m_s.discOptimizer->step();
        for (const auto& p : discParams) p.set_requires_grad(false);
        m_stats.discLoss += discLoss.item<double>();
        m_stats.real += realLogits.mean().item<double>();
        m_stats.fake += fakeLogits.mean().item<double>();
        ++m_stats.discSteps;
        if (m_s.step < m_config.adversarialStartStep) return torch::zeros({}, rec.options());
        auto adv = generatorHingeLoss(m_s.disc(fake, states, valid));
        double lambda = 1.0;
        if (m_config.adversarialBalance == AdversarialBalance::Gradient) {
            auto gRec = torch::autograd::grad({rec}, {m_decoderLast}, {}, true)[0];
            auto gAdv = torch::autograd::grad({adv}, {m_decoderLast}, {}, true)[0];
            lambda = std::clamp(gRec.norm().item<double>() / (gAdv.norm().item<double>() + 1e-4),
                                0.0, 1e4);
        }
        const double term = m_config.adversarialWeight * lambda;
        m_stats.advLoss += adv.item<double>();
        m_stats.advTerm += term * adv.item<double>();
        m_stats.lambda += lambda;
        ++m_stats.advSteps;
        return term * adv;
    }

    // The dit stage's batch: a replayed one (captions drawn afresh) or a fresh one, encoded
    // (and kept for replay), its first latent frame dropped for mid_clip_fraction.
    LatentBatch nextLatents(StepDraws& d) {
        const TrainConfig& c = m_config;
        const ModelConfig& cfg = m_s.model->config();
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        LatentBatch lb;
        if (d.replayStep) {
            lb = m_replay[std::uniform_int_distribution<std::size_t>(
                0, m_replay.size() - 1)(d.replayRng)];
            redrawCaptions(lb, d.replayRng);
            ++m_stats.replayed;
        } else {
            WorldBatch batch = m_source->next();
            ++m_batchesDrawn;
            lb = encodeBatch(m_s.model, batch, m_device, cfg.vae.temporalFactor,
                             cfg.vae.spatialFactor);
            if (m_replaying) {
                if (m_replay.size() < static_cast<std::size_t>(c.replayCapacity))
                    m_replay.push_back(lb);
                else
                    m_replay[std::uniform_int_distribution<std::size_t>(
                        0, m_replay.size() - 1)(d.replayRng)] = lb;
            }
        }
        if (!lb.images && c.midClipFraction > 0.0 && lb.clipFrames() > 2) {
            // Drawn from the step alone, so every rank drops alike.
            std::mt19937_64 midRng(stepSeed(c.seed ^ 0x3D1C, m_s.step));
            if (unit(midRng) < c.midClipFraction) {
                lb = startMidClip(lb, cfg);
                ++m_stats.midClip;
            }
        }
        return lb;
    }

    // A replayed batch's captions: another phrasing of each clip, dropped as configured; a
    // twin takes its partner's caption style and dropout.
    void redrawCaptions(LatentBatch& lb, std::mt19937_64& replayRng) const {
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        for (std::size_t i = 0; i < lb.captions.size(); ++i) {
            const auto& all = lb.paraphrases[i];
            if (lb.twins && i % 2 == 1) {
                const auto& mine = lb.paraphrases[i - 1];
                const auto at = std::find(mine.begin(), mine.end(), lb.captions[i - 1]);
                lb.captions[i] =
                    at == mine.end() || all.empty()
                        ? std::string()
                        : all[std::min<std::size_t>(static_cast<std::size_t>(at - mine.begin()),
                                                    all.size() - 1)];
                continue;
            }
            lb.captions[i] =
                unit(replayRng) < m_config.captionDropout || all.empty()
                    ? std::string()
                    : all[std::uniform_int_distribution<std::size_t>(0, all.size() - 1)(replayRng)];
        }
    }

    // The dit stage: rectified flow on the batch's latents, each clip with its task's given
    // frames at t = 0 and no loss there.
    torch::Tensor denoiserStep(StepDraws& d, int64_t& samples, bool& imageStep) {
        const TrainConfig& c = m_config;
        const ModelConfig& cfg = m_s.model->config();
        LatentBatch lb = nextLatents(d);
        const torch::Tensor& z0 = lb.z0;
        const int64_t b = z0.size(0);
        samples = b;
        imageStep = lb.images;
        if (lb.twins) ++m_stats.twins;
        // An image batch holds `per` times as many samples, on every rank alike.
        const int64_t per = b / m_localBatch;
        const int64_t globalB = m_globalBatch * per, firstB = m_firstSample * per;
        const int64_t frames = z0.size(1);
        const int64_t clipFrames = lb.clipFrames();
        std::vector<torch::Tensor> masks;
        for (int64_t i = 0; i < globalB; ++i) {  // drawn for the global batch, kept for ours
            // A still image is a one-frame clip: text-to-image, nothing given.
            auto m = lb.images ? torch::zeros({clipFrames}) : taskMask(c.tasks, clipFrames, d.rng);
            if (lb.references > 0) m = torch::cat({m, torch::ones({lb.references})});
            if (i >= firstB && i < firstB + b) masks.push_back(m);
        }
        if (lb.twins)  // a twin shares its partner's task (pairs never straddle ranks)
            for (std::size_t i = 1; i < masks.size(); i += 2) masks[i] = masks[i - 1];
        auto given = torch::stack(masks).to(m_device);  // [B,T]
        auto [t, eps] = noiseOf(lb, globalB, firstB, b, d);
        auto frameTimes = t.view({b, 1}) * (1.0 - given);
        auto ft = frameTimes.view({b, frames, 1, 1, 1});
        auto xt = (1.0 - ft) * z0 + ft * eps;
        TokenBatch tokens = tokenizePrompts(lb.captions, cfg.text);
        tokens.ids = tokens.ids.to(m_device);
        tokens.valid = tokens.valid.to(m_device);
        torch::Tensor v;
        {
            Bf16Autocast autocast(m_device.type(), c.autocast == Autocast::Bf16);
            auto text = m_s.model->text->forward(tokens);
            DitContext ctx = m_s.model->dit->prepare(text, tokens.valid, frames, z0.size(3),
                                                     z0.size(4), clipFrames);
            v = m_s.model->dit->forward(xt, frameTimes, ctx).to(torch::kFloat);
        }
        // Given frames carry no loss; positions showing a character, and those where the
        // camera moves the background, weigh more.
        auto weight = denoiserLossWeight(given, lb.foreground, lb.camera, c.foregroundWeight,
                                         c.cameraWeight, z0.size(3), z0.size(4));
        auto verr = v - (eps - z0);
        auto perSample = weightedSquaredError(verr, weight);
        torch::Tensor loss;
        if (c.temporalWeight > 0.0 && !lb.images && clipFrames > 1) {
            // The clean-clip estimate z0 + t (eps - z0 - v) errs by -t * verr; an error that
            // changes from latent frame to latent frame is flicker, one that stays is a
            // steady offset. Its change between consecutive frames of the clip (references
            // left out) is weighed as the busier of the two positions is.
            auto flicker = c.temporalWeight * flickerLoss((ft * verr).narrow(1, 0, clipFrames),
                                                          weight.narrow(1, 0, clipFrames));
            m_stats.temporal += flicker.mean().item<double>();
            loss = (perSample + flicker).mean();
        } else {
            loss = perSample.mean();
        }
        if (lb.twins && c.twinDifferenceWeight > 0.0) {
            // Twins share noise, noise level and task, so their targets differ by their clean
            // latents alone, where the shapes differ. The error in the difference of the two
            // predictions is what reading the shape word lowers; here it weighs
            // twin_difference_weight more than in the pair's mean loss.
            auto pairError = twinDifferenceError(verr, weight).mean();
            const double pairErrorValue = pairError.item<double>();
            m_stats.twinError += pairErrorValue;
            m_stats.twinTerm += c.twinDifferenceWeight * pairErrorValue;
            loss = loss + c.twinDifferenceWeight * pairError;
        }
        addLossByTime(perSample, t);
        return loss;
    }

    // The distill stage. Each clip gets one of the student's steps, [t_k, t_k+1] on its
    // shifted grid, and its task's given frames; the clip noised to t_k (the forward
    // process; at k = 0 that is pure noise, where sampling starts) is carried to t_k+1 by
    // the teacher in distill_substeps guided Euler steps, and the student learns the one
    // velocity whose Euler step lands where the teacher did: (x_k+1 - x_k) / (t_k+1 - t_k).
    // No guidance in the student: one conditional pass a step replaces two.
    torch::Tensor distillStep(StepDraws& d, int64_t& samples) {
        const TrainConfig& c = m_config;
        const ModelConfig& cfg = m_s.model->config();
        LatentBatch lb = nextLatents(d);
        const torch::Tensor& z0 = lb.z0;
        const int64_t b = z0.size(0);
        samples = b;
        const int64_t frames = z0.size(1);
        const int64_t clipFrames = lb.clipFrames();
        std::vector<torch::Tensor> masks;
        std::vector<int64_t> segments;
        const int n = c.distillSubsteps;
        std::uniform_int_distribution<int64_t> pickStep(0, c.distillSteps - 1);
        for (int64_t i = 0; i < m_globalBatch; ++i) {  // drawn for the global batch
            auto m = taskMask(c.tasks, clipFrames, d.rng);
            if (lb.references > 0) m = torch::cat({m, torch::ones({lb.references})});
            const int64_t k = pickStep(d.rng);
            if (i >= m_firstSample && i < m_firstSample + b) {
                masks.push_back(m);
                segments.push_back(k);
            }
        }
        auto given = torch::stack(masks).to(m_device);  // [B,T]
        auto keep = (1.0 - given).view({b, frames, 1, 1, 1});
        const double shift = timeShiftForTokens(cfg.tokenCount(static_cast<int>(lb.pixelFrames),
                                                               static_cast<int>(lb.pixelHeight),
                                                               static_cast<int>(lb.pixelWidth)));
        const std::vector<double> fine = shiftedTimeGrid(c.distillSteps * n, shift);
        auto epsShape = z0.sizes().vec();
        epsShape[0] = m_globalBatch;
        auto eps =
            at::randn(epsShape, d.gen, torch::kFloat).narrow(0, m_firstSample, b).to(m_device);
        auto gridAt = [&](int offset) {  // [B] the fine grid at each clip's k n + offset
            std::vector<float> v;
            for (int64_t k : segments)
                v.push_back(static_cast<float>(fine[static_cast<std::size_t>(k * n + offset)]));
            return torch::tensor(v).to(m_device);
        };
        const auto tStart = gridAt(0), tEnd = gridAt(n);
        auto ts = tStart.view({b, 1, 1, 1, 1});
        const torch::Tensor xStart = z0 * (1.0 - keep) + ((1.0 - ts) * z0 + ts * eps) * keep;

        // [cond; uncond]: the captions, then (guided) the empty prompt, the engine's negative.
        const bool guided = m_teacherGuidance != 1.0;
        std::vector<std::string> prompts = lb.captions;
        if (guided) prompts.resize(prompts.size() * 2);
        TokenBatch both = tokenizePrompts(prompts, cfg.text);
        both.ids = both.ids.to(m_device);
        both.valid = both.valid.to(m_device);
        const torch::Tensor valid = both.valid.narrow(0, 0, b);
        torch::Tensor text, target;
        {
            torch::NoGradGuard noGrad;
            Bf16Autocast autocast(m_device.type(), c.autocast == Autocast::Bf16);
            auto states = m_teacher->text->forward(both).to(torch::kFloat);
            text = states.narrow(0, 0, b);
            DitContext teacherCtx = m_teacher->dit->prepare(states, both.valid, frames, z0.size(3),
                                                            z0.size(4), clipFrames);
            const auto model = [&](const torch::Tensor& x, const torch::Tensor& t, bool) {
                return m_teacher->dit->forward(x, t, teacherCtx).to(torch::kFloat);
            };
            torch::Tensor x = xStart;
            for (int j = 0; j < n; ++j) {
                const auto tj = gridAt(j), tn = gridAt(j + 1);
                auto frameTimes = tj.view({b, 1}) * (1.0 - given);
                auto v =
                    guidedVelocity(model, x, frameTimes, m_teacherGuidance, m_teacherSmoothing);
                x = x + (tn - tj).view({b, 1, 1, 1, 1}) * v * keep;
            }
            target = (x - xStart) / (tEnd - tStart).view({b, 1, 1, 1, 1});
        }
        torch::Tensor v;
        {
            Bf16Autocast autocast(m_device.type(), c.autocast == Autocast::Bf16);
            DitContext ctx =
                m_s.model->dit->prepare(text, valid, frames, z0.size(3), z0.size(4), clipFrames);
            v = m_s.model->dit->forward(xStart, tStart.view({b, 1}) * (1.0 - given), ctx)
                    .to(torch::kFloat);
        }
        auto weight = denoiserLossWeight(given, lb.foreground, lb.camera, c.foregroundWeight,
                                         c.cameraWeight, z0.size(3), z0.size(4));
        auto perSample = weightedSquaredError(v - target, weight);
        addLossByTime(perSample, tStart);
        return perSample.mean();
    }

    // Noise levels and noise of this rank's samples, drawn for the global batch.
    std::pair<torch::Tensor, torch::Tensor> noiseOf(const LatentBatch& lb, int64_t globalB,
                                                    int64_t firstB, int64_t b, StepDraws& d) {
        const TrainConfig& c = m_config;
        // The noise levels of the whole clip: an image stands for a clip's first frame,
        // which is denoised at the clip's shift.
        const double shift = timeShiftForTokens(m_s.model->config().tokenCount(
            static_cast<int>(lb.pixelFrames), static_cast<int>(lb.pixelHeight),
            static_cast<int>(lb.pixelWidth)));
        auto tGlobal = torch::sigmoid(at::randn({globalB}, d.gen, torch::kFloat) + std::log(shift));
        if (c.highNoiseFraction > 0.0) {
            // Drawn only when asked, so runs without it keep their noise levels.
            auto high =
                c.highNoiseMin + (1.0 - c.highNoiseMin) * at::rand({globalB}, d.gen, torch::kFloat);
            auto pick = at::rand({globalB}, d.gen, torch::kFloat) < c.highNoiseFraction;
            tGlobal = torch::where(pick, high, tGlobal);
        }
        auto epsShape = lb.z0.sizes().vec();
        epsShape[0] = globalB;
        auto epsGlobal = at::randn(epsShape, d.gen, torch::kFloat);
        if (lb.twins) {
            if (c.twinNoiseMin > 0.0)  // drawn only when asked: other runs unchanged
                tGlobal = c.twinNoiseMin +
                          (1.0 - c.twinNoiseMin) * at::rand({globalB}, d.gen, torch::kFloat);
            // A twin shares its partner's noise level and noise: the two noisy inputs differ
            // only where the shapes differ.
            auto partner = torch::arange(globalB, torch::kLong).div(2, "floor") * 2;
            tGlobal = tGlobal.index_select(0, partner);
            epsGlobal = epsGlobal.index_select(0, partner);
        }
        return {tGlobal.narrow(0, firstB, b).to(m_device),
                epsGlobal.narrow(0, firstB, b).to(m_device)};
    }

    void addLossByTime(const torch::Tensor& perSample, const torch::Tensor& t) {
        auto ps = perSample.detach().to(torch::kCPU);
        auto tc = t.to(torch::kCPU);
        for (int64_t i = 0; i < ps.size(0); ++i) {
            const int bin =
                std::min(kTimeBins - 1, static_cast<int>(tc[i].item<double>() * kTimeBins));
            m_stats.binSum[bin] += ps[i].item<double>();
            m_stats.binCount[bin] += 1;
        }
    }

    // Backward, gradient sync and clipping, the optimiser and the EMA; then the step count.
    void update(const torch::Tensor& loss, int64_t samples, bool imageStep) {
        const double value = loss.item<double>();
        if (!std::isfinite(value))
            throw Error("train: loss became " + std::to_string(value) + " at step " +
                        std::to_string(m_s.step) +
                        " (lower the learning rate); the last checkpoint is intact");
        m_s.optimizer->zero_grad();
        loss.backward();
        if (m_sync) m_sync->averageGradients(m_s.trainable);
        const double gradNorm = torch::nn::utils::clip_grad_norm_(m_s.trainable, m_config.gradClip);
        m_s.optimizer->step();
        if (!m_s.ema.empty()) {
            torch::NoGradGuard noGrad;
            const double decay = std::min(m_config.emaDecay, (1.0 + m_s.step) / (10.0 + m_s.step));
            for (std::size_t i = 0; i < m_s.trainable.size(); ++i)
                m_s.ema[m_s.trainableNames[i]].mul_(decay).add_(m_s.trainable[i].detach(),
                                                                1.0 - decay);
        }
        ++m_s.step;
        ++m_summary.stepsThisRun;
        m_stats.loss += value;
        m_stats.grad += gradNorm;
        ++m_stats.losses;
        (imageStep ? m_stats.images : m_stats.clips) += static_cast<int>(samples);
        ++m_stats.steps;
        m_summary.lastLoss = value;
    }

    void writeLog(double lr) {
        const nlohmann::json rec = m_stats.record(m_config, m_s.step, lr, secondsSince(m_lastLog),
                                                  m_previousElapsed + elapsed(), m_replaying,
                                                  m_batchesDrawn, static_cast<bool>(m_s.disc));
        if (m_lead) {
            m_log << rec.dump() << '\n';
            m_log.flush();
            if (m_options.onLog) m_options.onLog(rec);
        }
        m_stats = RunStats{};
        m_lastLog = Clock::now();
    }

    // The model's provenance: the history it started from and this run, its curve included.
    nlohmann::json provenance(double total) {
        nlohmann::json entry = {{"stage", name(m_config.stage)},
                                {"steps", m_s.step},
                                {"device", m_device.str()},
                                {"wall_seconds", total},
                                {"config", m_config.toJson()}};
        // The run's loss curve travels with the model (the studio plots it).
        m_log.flush();
        entry["curve"] = trainingCurve(logPath(), name(m_config.stage));
        // One entry per run: the checkpoint keeps the history this run started from, so a
        // resumed run adds its entry once too (with its steps and time so far).
        nlohmann::json history = m_history;
        history.push_back(entry);
        return nlohmann::json{{"kind", "trained"},
                              {"trainer", "kinora-cli train"},
                              {"world", "kinora-world-v1"},
                              {"history", history}};
    }

    void checkpoint() {
        if (!m_lead) return;
        const double total = m_previousElapsed + elapsed();
        writeCheckpoint(m_s, m_config, m_checkpointDir, total, m_batchesDrawn);
        exportModel(m_s, m_modelDir, provenance(total), m_config.exportDtype);
        m_lastCheckpoint = Clock::now();
    }

    const TrainConfig& m_config;
    const TrainOptions& m_options;
    Clock::time_point m_start, m_lastLog, m_lastCheckpoint;
    torch::Device m_device;
    std::string m_checkpointDir, m_modelDir;
    State m_s;
    KinoraModel m_teacher{nullptr};  // distill: the fixed teacher
    double m_teacherGuidance = 1.0, m_teacherSmoothing = 0.0;
    double m_previousElapsed = 0.0;
    int64_t m_resumedBatches = -1;  // batches drawn from the world before this run
    nlohmann::json m_history = nlohmann::json::array();
    torch::Tensor m_decoderLast;
    std::unique_ptr<GradientSync> m_sync;
    bool m_lead = true;
    int64_t m_localBatch = 0, m_globalBatch = 0, m_firstSample = 0;
    std::ofstream m_log;
    int64_t m_batchesDrawn = 0;
    std::unique_ptr<BatchSource> m_source;
    bool m_replaying = false;
    std::vector<LatentBatch> m_replay;
    RunStats m_stats;
    TrainSummary m_summary;
};

}  // namespace

TrainSummary runTraining(const TrainConfig& config, const TrainOptions& options) {
    return Trainer(config, options).run();
}

}  // namespace kinora::train
