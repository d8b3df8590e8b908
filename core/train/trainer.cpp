#include "train/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include <torch/torch.h>

#include "model/kinora_model.h"
#include "train/batch_source.h"
#include "train/discriminator.h"
#include "train/distributed.h"
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
        Bf16Autocast autocast(device.type(), config.autocast == "bf16");
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

void collectTrainable(State& s, const std::string& stage) {
    s.trainable.clear();
    s.trainableNames.clear();
    for (auto& item : s.model->named_parameters()) {
        const bool isVae = item.key().rfind("vae.", 0) == 0;
        // vae_decoder: the encoder (and so the latents the denoiser learned) stays fixed.
        const bool isEncoder = item.key().rfind("vae.enc", 0) == 0;
        const bool train = stage == "vae"           ? isVae
                           : stage == "vae_decoder" ? isVae && !isEncoder
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

}  // namespace

TrainSummary runTraining(const TrainConfig& config, const TrainOptions& options) {
    if (options.outDir.empty()) throw Error("train: an output folder is needed (--out)");
    const auto start = Clock::now();
    const torch::Device device = parseDevice(options.device);
    fs::create_directories(options.outDir);
    const std::string checkpointDir = (fs::path(options.outDir) / "checkpoint").string();
    const std::string modelDir = (fs::path(options.outDir) / "model").string();

    State s;
    double previousElapsed = 0.0;
    int64_t resumedBatches = -1;  // batches drawn from the world before this run
    nlohmann::json provenanceHistory = nlohmann::json::array();
    if (!options.resume.empty()) {
        std::ifstream in(options.resume + "/state.json");
        if (!in) throw Error(options.resume + ": not a checkpoint (no state.json)");
        nlohmann::json state;
        try {
            state = nlohmann::json::parse(in);
        } catch (const nlohmann::json::exception& e) {
            throw Error(options.resume + "/state.json: not valid JSON: " + e.what());
        }
        const ModelManifest manifest =
            ModelManifest::fromJson(state.at("manifest"), options.resume + "/state.json");
        s.model = KinoraModel(manifest);
        SafetensorsFile file(options.resume + "/state.safetensors");
        torch::NoGradGuard noGrad;
        for (auto& item : s.model->named_parameters())
            item.value().copy_(file.loadFloat(item.key(), item.value().sizes()));
        for (const auto& e : file.entries())
            if (e.name.rfind("ema.", 0) == 0)
                s.ema[e.name.substr(4)] = file.loadFloat(e.name).to(device);
        s.step = state.value("step", int64_t{0});
        resumedBatches = state.value("batches_drawn", s.step);
        previousElapsed = state.value("elapsed_seconds", 0.0);
        if (state["manifest"].contains("training") &&
            state["manifest"]["training"].contains("history"))
            provenanceHistory = state["manifest"]["training"]["history"];
    } else if (!config.initFrom.empty()) {
        s.model = loadModel(config.initFrom);
        const auto& t = s.model->manifest().training;
        if (t.contains("history")) provenanceHistory = t["history"];
        if (config.latentChannels > 0 &&
            config.latentChannels != s.model->config().vae.latentChannels) {
            if (config.stage != "vae")
                std::fprintf(stderr,
                             "train: warning: widening the latent in a %s stage: only the vae "
                             "stage trains the encoder's new channels\n",
                             config.stage.c_str());
            s.model = widenLatentChannels(s.model, config.latentChannels, config.seed);
        }
        if (config.absolutePosition && !s.model->config().dit.absolutePosition) {
            if (config.stage != "dit")
                std::fprintf(stderr,
                             "train: warning: absolute positions added in a %s stage: only "
                             "the dit stage trains them\n",
                             config.stage.c_str());
            s.model = withAbsolutePosition(s.model);
        }
        if (config.decoderTextBlocks > 0 && s.model->config().vae.textBlocks == 0) {
            if (config.stage == "dit")
                std::fprintf(stderr,
                             "train: warning: a caption-reading decoder added in a dit stage: "
                             "only the vae and vae_decoder stages train it\n");
            s.model = withDecoderText(s.model, config.decoderTextBlocks, config.seed);
        }
    } else {
        if (config.stage == "dit")
            std::fprintf(
                stderr,
                "train: warning: dit stage without init_from trains on an untrained autoencoder\n");
        ModelConfig architecture = modelConfigForSize(config.size);
        if (config.latentChannels > 0) architecture.vae.latentChannels = config.latentChannels;
        if (config.absolutePosition) architecture.dit.absolutePosition = true;
        architecture.vae.textBlocks = config.decoderTextBlocks;
        s.model = createRandomModel(architecture, config.seed);
    }
    s.model->to(device);
    s.model->train();
    collectTrainable(s, config.stage);
    if (config.stage == "dit") {
        s.model->vae->eval();
        torch::NoGradGuard noGrad;
        for (std::size_t i = 0; i < s.trainable.size(); ++i)
            if (!s.ema.count(s.trainableNames[i]))
                s.ema[s.trainableNames[i]] = s.trainable[i].detach().clone();
    }
    s.optimizer = std::make_unique<torch::optim::AdamW>(
        s.trainable,
        torch::optim::AdamWOptions(config.lr).weight_decay(config.weightDecay).betas({0.9, 0.99}));
    if (!options.resume.empty() && fs::exists(options.resume + "/optimizer.pt"))
        torch::load(*s.optimizer, options.resume + "/optimizer.pt");

    torch::Tensor decoderLast;  // the decoder's last layer: where the two losses' gradients meet
    if (config.adversarialWeight > 0.0) {
        torch::manual_seed(config.seed ^ 0xD15C);
        s.disc = FrameDiscriminator(s.model->config().text.dim);
        s.disc->to(device);
        s.discOptimizer = std::make_unique<torch::optim::AdamW>(
            s.disc->parameters(),
            torch::optim::AdamWOptions(config.discriminatorLr).weight_decay(0.0).betas({0.5, 0.9}));
        if (!options.resume.empty() && fs::exists(options.resume + "/discriminator.pt")) {
            torch::load(s.disc, options.resume + "/discriminator.pt");
            if (fs::exists(options.resume + "/discriminator-optimizer.pt"))
                torch::load(*s.discOptimizer, options.resume + "/discriminator-optimizer.pt");
        }
        for (auto& p : s.disc->parameters()) p.set_requires_grad(false);
        if (config.adversarialBalance == "gradient") {
            for (const auto& item : s.model->named_parameters())
                if (item.key() == "vae.dec_out.weight") decoderLast = item.value();
            if (!decoderLast.defined())
                throw Error("train: the decoder has no last layer to weigh at");
        }
    }

    std::unique_ptr<GradientSync> sync;
    if (options.worldSize > 1)
        sync = std::make_unique<GradientSync>(options.rank, options.worldSize, options.storePath);
    const bool lead = options.rank == 0;
    const int64_t localBatch = config.batchSize;
    const int64_t globalBatch = localBatch * std::max(1, options.worldSize);
    const int64_t firstSample = localBatch * options.rank;
    std::ofstream log;
    if (lead) log.open((fs::path(options.outDir) / "train.jsonl").string(), std::ios::app);
    const ModelConfig& cfg = s.model->config();
    // The world batch index: the step, unless replayed steps made them part ways.
    int64_t batchesDrawn = resumedBatches >= 0 ? resumedBatches : s.step;
    BatchSource source(config, batchesDrawn, 3, static_cast<int>(firstSample));
    const bool replaying = config.stage == "dit" && config.replayUses > 1.0;
    const std::size_t replayCapacity = static_cast<std::size_t>(config.replayCapacity);
    constexpr std::size_t replayMinimum = 32;  // fresh batches before the first replay
    std::vector<LatentBatch> replay;
    int replayedSteps = 0, midClipSteps = 0, twinSteps = 0, stepsSinceLog = 0;
    TrainSummary summary;
    summary.checkpointDir = checkpointDir;
    summary.modelDir = modelDir;

    double lossSum = 0.0, gradSum = 0.0;
    double temporalSum = 0.0;   // dit stage: the flicker term's share of lossSum
    double twinTermSum = 0.0;   // dit stage: the twin difference term's share of lossSum
    double twinErrorSum = 0.0;  // its pairs' difference error before the weight
    double advTermSum = 0.0;    // vae stages: the adversarial term's share of lossSum
    double advLossSum = 0.0, discLossSum = 0.0, lambdaSum = 0.0, realSum = 0.0, fakeSum = 0.0;
    int advSteps = 0, discSteps = 0;
    int lossCount = 0, clips = 0, images = 0;
    double binSum[kTimeBins] = {0}, binCount[kTimeBins] = {0};
    auto lastLog = Clock::now();
    auto lastCheckpoint = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    auto provenance = [&](double total) {
        nlohmann::json history = provenanceHistory;
        nlohmann::json entry = {{"stage", config.stage},
                                {"steps", s.step},
                                {"device", device.str()},
                                {"wall_seconds", total},
                                {"config", config.toJson()}};
        // One entry per run: the checkpoint keeps the history this run started from, so a
        // resumed run adds its entry once too (with its steps and time so far).
        history.push_back(entry);
        return nlohmann::json{{"kind", "trained"},
                              {"trainer", "kinora-cli train"},
                              {"world", "kinora-world-v1"},
                              {"history", history}};
    };
    auto checkpoint = [&] {
        if (!lead) return;
        writeCheckpoint(s, config, checkpointDir, previousElapsed + elapsed(), batchesDrawn);
        exportModel(s, modelDir, provenance(previousElapsed + elapsed()),
                    parseDType(config.exportDtype));
        lastCheckpoint = Clock::now();
    };

    while (true) {
        const bool outOfTime = elapsed() >= options.minutes * 60.0;
        const bool stopped = options.stop != nullptr && options.stop->load();
        const bool enoughSteps = options.maxSteps > 0 && s.step >= options.maxSteps;
        bool stopNow = outOfTime || stopped || enoughSteps;
        if (sync) stopNow = sync->anyStop(stopNow);  // every rank stops at the same step
        if (stopNow) break;

        const double lr = learningRate(config, s.step);
        for (auto& group : s.optimizer->param_groups())
            static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
        auto gen = at::detail::createCPUGenerator(stepSeed(config.seed, s.step));
        std::mt19937_64 rng(stepSeed(config.seed ^ 0xABCDEF, s.step));
        std::mt19937_64 replayRng(stepSeed(config.seed ^ 0x7E91A7, s.step));
        std::uniform_real_distribution<double> unit(0.0, 1.0);
        // Every rank fills its buffer at the same steps, so all agree on replaying.
        const bool replayStep =
            replaying && replay.size() >= std::min<std::size_t>(replayMinimum, replayCapacity) &&
            unit(replayRng) >= 1.0 / config.replayUses;
        torch::Tensor loss;
        int64_t b = 0;
        bool imageStep = false;

        if (config.stage == "vae" || config.stage == "vae_decoder") {
            WorldBatch batch = source.next();
            ++batchesDrawn;
            auto video = batch.video.to(device);
            b = video.size(0);
            // decoder_denoised: latents of the whole clip, some of them remade by the
            // denoiser, cut to the frames and crop below with the clip.
            torch::Tensor denoisedZ, denoisedPick;
            if (config.decoderDenoised > 0.0)
                std::tie(denoisedZ, denoisedPick) = denoisedLatents(
                    s.model, video, batch.captions, config, gen, globalBatch, firstSample, device);
            const int64_t vaeFrames = std::min<int64_t>(config.vaeFrames, video.size(1));
            video = video.narrow(1, 0, vaeFrames);
            int64_t cropY = -1, cropX = -1;
            // Pixels that weigh more: the characters and a 2-pixel band around them (the
            // background between a star's points is part of its shape too).
            torch::Tensor pixelWeight;
            if (batch.foreground.defined()) {
                auto fg = batch.foreground.to(device).narrow(1, 0, vaeFrames);
                const auto sizes = fg.sizes().vec();
                auto near = torch::max_pool2d(fg.reshape({-1, 1, sizes[3], sizes[4]}), 5, 1, 2);
                pixelWeight = 1.0 + config.foregroundWeight * near.view(sizes);
            }
            if (config.vaeCrop > 0 && config.vaeCrop < video.size(3) &&
                config.vaeCrop < video.size(4)) {
                const int64_t cy = std::uniform_int_distribution<int64_t>(
                                       0, (video.size(3) - config.vaeCrop) / 8)(rng) *
                                   8;
                const int64_t cx = std::uniform_int_distribution<int64_t>(
                                       0, (video.size(4) - config.vaeCrop) / 8)(rng) *
                                   8;
                auto crop = [&](const torch::Tensor& x) {
                    return x.narrow(3, cy, config.vaeCrop)
                        .narrow(4, cx, config.vaeCrop)
                        .contiguous();
                };
                video = crop(video);
                if (pixelWeight.defined()) pixelWeight = crop(pixelWeight);
                cropY = cy;
                cropX = cx;
            }
            auto [mean, logvar] = s.model->vae->encode(video);
            auto globalShape = mean.sizes().vec();
            globalShape[0] = globalBatch;
            auto noise = at::randn(globalShape, gen, torch::kFloat)
                             .narrow(0, firstSample, localBatch)
                             .to(device);
            auto z = mean + torch::exp(0.5 * logvar) * noise;
            if (config.decoderLatentNoise > 0.0) {
                // Each clip's latents perturbed by up to decoder_latent_noise latent standard
                // deviations (a level drawn per clip, so clean latents still train too).
                globalShape = z.sizes().vec();
                globalShape[0] = globalBatch;
                auto level = at::rand({globalBatch}, gen, torch::kFloat)
                                 .narrow(0, firstSample, localBatch)
                                 .to(device)
                                 .view({-1, 1, 1, 1, 1});
                auto perturb = at::randn(globalShape, gen, torch::kFloat)
                                   .narrow(0, firstSample, localBatch)
                                   .to(device);
                const auto& latentStd = s.model->manifest().latentStd;
                auto scale = torch::tensor(std::vector<float>(latentStd.begin(), latentStd.end()))
                                 .to(device)
                                 .view({1, 1, -1, 1, 1});
                z = z + config.decoderLatentNoise * level * scale * perturb;
            }
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
            const DecoderText caption = s.disc || cfg.vae.textBlocks > 0
                                            ? s.model->captionStates(batch.captions)
                                            : DecoderText{};
            auto recon = s.model->vae->decode(z, caption);
            auto err = recon - video;
            auto rec = pixelWeight.defined()
                           ? ((err.pow(2) + 0.5 * err.abs()) * pixelWeight).sum() /
                                 (pixelWeight.sum() * video.size(2))
                           : err.pow(2).mean() + 0.5 * err.abs().mean();
            if (config.temporalWeight > 0.0 && video.size(1) > 1) {
                // The change between consecutive frames, drawn as the clip changes.
                const int64_t t = video.size(1);
                auto change = [&](const torch::Tensor& x) {
                    return x.narrow(1, 1, t - 1) - x.narrow(1, 0, t - 1);
                };
                auto terr = change(recon) - change(video);
                auto tl = terr.pow(2) + 0.5 * terr.abs();
                if (pixelWeight.defined()) {
                    auto w = torch::max(pixelWeight.narrow(1, 1, t - 1),
                                        pixelWeight.narrow(1, 0, t - 1));
                    rec = rec + config.temporalWeight * (tl * w).sum() / (w.sum() * video.size(2));
                } else {
                    rec = rec + config.temporalWeight * tl.mean();
                }
            }
            auto kl = 0.5 * (mean.pow(2) + logvar.exp() - 1.0 - logvar).mean();
            // Preview: latent -> RGB regression onto the frames each latent stands for.
            const int64_t factor = cfg.vae.spatialFactor;
            auto keyFrames = video.index_select(
                1, torch::cat({torch::zeros({1}, torch::kLong),
                               torch::arange(cfg.vae.temporalFactor, video.size(1),
                                             cfg.vae.temporalFactor, torch::kLong)})
                       .to(device));
            auto target = perFrame(
                keyFrames, [&](const torch::Tensor& f) { return torch::avg_pool2d(f, factor); });
            auto preview = torch::mse_loss(s.model->vae->previewRgb(mean.detach()), target);
            loss = rec + config.vaeKlWeight * kl + 0.1 * preview;
            if (s.disc) {
                // Every frame judged with its clip's caption: first the discriminator learns
                // on the real frames and the decoder's as they are now, then (from
                // adversarial_start_step) the decoder is charged for what still reads fake.
                const int64_t t = recon.size(1);
                torch::Tensor states = caption.states, valid = caption.valid;
                if (states.defined()) {
                    states = states.repeat_interleave(t, 0);
                    valid = valid.repeat_interleave(t, 0);
                }
                auto real = video.flatten(0, 1), fake = recon.flatten(0, 1);
                const std::vector<torch::Tensor> discParams = s.disc->parameters();
                for (const auto& p : discParams) p.set_requires_grad(true);
                auto realLogits = s.disc(real, states, valid);
                auto fakeLogits = s.disc(fake.detach(), states, valid);
                auto discLoss = discriminatorHingeLoss(realLogits, fakeLogits);
                s.discOptimizer->zero_grad();
                discLoss.backward();
                if (sync) sync->averageGradients(discParams);
                s.discOptimizer->step();
                for (const auto& p : discParams) p.set_requires_grad(false);
                discLossSum += discLoss.item<double>();
                realSum += realLogits.mean().item<double>();
                fakeSum += fakeLogits.mean().item<double>();
                ++discSteps;
                if (s.step >= config.adversarialStartStep) {
                    auto adv = generatorHingeLoss(s.disc(fake, states, valid));
                    double lambda = 1.0;
                    if (config.adversarialBalance == "gradient") {
                        auto gRec = torch::autograd::grad({rec}, {decoderLast}, {}, true)[0];
                        auto gAdv = torch::autograd::grad({adv}, {decoderLast}, {}, true)[0];
                        lambda = std::clamp(
                            gRec.norm().item<double>() / (gAdv.norm().item<double>() + 1e-4), 0.0,
                            1e4);
                    }
                    const double term = config.adversarialWeight * lambda;
                    loss = loss + term * adv;
                    advLossSum += adv.item<double>();
                    advTermSum += term * adv.item<double>();
                    lambdaSum += lambda;
                    ++advSteps;
                }
            }
        } else {
            LatentBatch lb;
            if (replayStep) {
                lb = replay[std::uniform_int_distribution<std::size_t>(
                    0, replay.size() - 1)(replayRng)];
                for (std::size_t i = 0; i < lb.captions.size(); ++i) {
                    const auto& all = lb.paraphrases[i];
                    if (lb.twins && i % 2 == 1) {
                        // A twin takes its partner's caption style and dropout.
                        const auto& mine = lb.paraphrases[i - 1];
                        const auto at = std::find(mine.begin(), mine.end(), lb.captions[i - 1]);
                        lb.captions[i] =
                            at == mine.end() || all.empty()
                                ? std::string()
                                : all[std::min<std::size_t>(
                                      static_cast<std::size_t>(at - mine.begin()), all.size() - 1)];
                        continue;
                    }
                    lb.captions[i] = unit(replayRng) < config.captionDropout || all.empty()
                                         ? std::string()
                                         : all[std::uniform_int_distribution<std::size_t>(
                                               0, all.size() - 1)(replayRng)];
                }
                ++replayedSteps;
            } else {
                WorldBatch batch = source.next();
                ++batchesDrawn;
                lb = encodeBatch(s.model, batch, device, cfg.vae.temporalFactor,
                                 cfg.vae.spatialFactor);
                if (replaying) {
                    if (replay.size() < replayCapacity)
                        replay.push_back(lb);
                    else
                        replay[std::uniform_int_distribution<std::size_t>(
                            0, replay.size() - 1)(replayRng)] = lb;
                }
            }
            if (!lb.images && config.midClipFraction > 0.0 && lb.clipFrames() > 2) {
                // Drawn from the step alone, so every rank drops alike.
                std::mt19937_64 midRng(stepSeed(config.seed ^ 0x3D1C, s.step));
                if (unit(midRng) < config.midClipFraction) {
                    lb = startMidClip(lb, cfg);
                    ++midClipSteps;
                }
            }
            const torch::Tensor& z0 = lb.z0;
            b = z0.size(0);
            imageStep = lb.images;
            if (lb.twins) ++twinSteps;
            // An image batch holds `per` times as many samples, on every rank alike.
            const int64_t per = b / localBatch;
            const int64_t globalB = globalBatch * per, firstB = firstSample * per;
            const int64_t frames = z0.size(1);
            const int64_t clipFrames = lb.clipFrames();
            std::vector<torch::Tensor> masks;
            for (int64_t i = 0; i < globalB; ++i) {  // drawn for the global batch, kept for ours
                // A still image is a one-frame clip: text-to-image, nothing given.
                auto m = lb.images ? torch::zeros({clipFrames})
                                   : taskMask(config.tasks, clipFrames, rng);
                if (lb.references > 0) m = torch::cat({m, torch::ones({lb.references})});
                if (i >= firstB && i < firstB + b) masks.push_back(m);
            }
            if (lb.twins)  // a twin shares its partner's task (pairs never straddle ranks)
                for (std::size_t i = 1; i < masks.size(); i += 2) masks[i] = masks[i - 1];
            auto given = torch::stack(masks).to(device);  // [B,T]
            // The noise levels of the whole clip: an image stands for a clip's first frame,
            // which is denoised at the clip's shift.
            const double shift = timeShiftForTokens(
                cfg.tokenCount(static_cast<int>(lb.pixelFrames), static_cast<int>(lb.pixelHeight),
                               static_cast<int>(lb.pixelWidth)));
            auto tGlobal =
                torch::sigmoid(at::randn({globalB}, gen, torch::kFloat) + std::log(shift));
            if (config.highNoiseFraction > 0.0) {
                // Drawn only when asked, so runs without it keep their noise levels.
                auto high = config.highNoiseMin +
                            (1.0 - config.highNoiseMin) * at::rand({globalB}, gen, torch::kFloat);
                auto pick = at::rand({globalB}, gen, torch::kFloat) < config.highNoiseFraction;
                tGlobal = torch::where(pick, high, tGlobal);
            }
            auto epsShape = z0.sizes().vec();
            epsShape[0] = globalB;
            auto epsGlobal = at::randn(epsShape, gen, torch::kFloat);
            if (lb.twins) {
                if (config.twinNoiseMin > 0.0)  // drawn only when asked: other runs unchanged
                    tGlobal = config.twinNoiseMin +
                              (1.0 - config.twinNoiseMin) * at::rand({globalB}, gen, torch::kFloat);
                // A twin shares its partner's noise level and noise: the two noisy inputs
                // differ only where the shapes differ.
                auto partner = torch::arange(globalB, torch::kLong).div(2, "floor") * 2;
                tGlobal = tGlobal.index_select(0, partner);
                epsGlobal = epsGlobal.index_select(0, partner);
            }
            auto t = tGlobal.narrow(0, firstB, b).to(device);
            auto eps = epsGlobal.narrow(0, firstB, b).to(device);
            auto frameTimes = t.view({b, 1}) * (1.0 - given);
            auto ft = frameTimes.view({b, frames, 1, 1, 1});
            auto xt = (1.0 - ft) * z0 + ft * eps;
            TokenBatch tokens = tokenizePrompts(lb.captions, cfg.text);
            tokens.ids = tokens.ids.to(device);
            tokens.valid = tokens.valid.to(device);
            torch::Tensor v;
            {
                Bf16Autocast autocast(device.type(), config.autocast == "bf16");
                auto text = s.model->text->forward(tokens);
                DitContext ctx = s.model->dit->prepare(text, tokens.valid, frames, z0.size(3),
                                                       z0.size(4), clipFrames);
                v = s.model->dit->forward(xt, frameTimes, ctx).to(torch::kFloat);
            }
            // Given frames carry no loss; positions showing a character, and those where
            // the camera moves the background, weigh more.
            auto weight = (1.0 - given).view({b, frames, 1, 1, 1});
            if (lb.foreground.defined()) {
                auto extra = config.foregroundWeight * lb.foreground;
                if (lb.camera.defined())
                    extra = torch::maximum(extra, config.cameraWeight * lb.camera);
                weight = weight * (1.0 + extra);
            }
            weight = weight.expand({b, frames, 1, z0.size(3), z0.size(4)});
            auto verr = v - (eps - z0);
            auto perSample = (verr.pow(2) * weight).sum({1, 2, 3, 4}) /
                             (weight.sum({1, 2, 3, 4}) * z0.size(2)).clamp_min(1.0);
            if (config.temporalWeight > 0.0 && !lb.images && clipFrames > 1) {
                // The clean-clip estimate z0 + t (eps - z0 - v) errs by -t * verr; an error
                // that changes from latent frame to latent frame is flicker, one that stays
                // is a steady offset. Its change between consecutive frames of the clip
                // (references left out) is weighed as the busier of the two positions is,
                // a given frame erring by nothing, so the first made frame joins it.
                auto flicker =
                    config.temporalWeight * flickerLoss((ft * verr).narrow(1, 0, clipFrames),
                                                        weight.narrow(1, 0, clipFrames));
                temporalSum += flicker.mean().item<double>();
                loss = (perSample + flicker).mean();
            } else {
                loss = perSample.mean();
            }
            if (lb.twins && config.twinDifferenceWeight > 0.0) {
                // Twins share noise, noise level and task, so their targets differ by their
                // clean latents alone, where the shapes differ. The error in the difference
                // of the two predictions is what reading the shape word lowers. The pair's
                // mean loss holds a quarter of it (about an eighth of the loss on
                // kinora-tiny); here it weighs twin_difference_weight more.
                auto pairError = twinDifferenceError(verr, weight).mean();
                const double pairErrorValue = pairError.item<double>();
                twinErrorSum += pairErrorValue;
                twinTermSum += config.twinDifferenceWeight * pairErrorValue;
                loss = loss + config.twinDifferenceWeight * pairError;
            }
            auto ps = perSample.detach().to(torch::kCPU);
            auto tc = t.to(torch::kCPU);
            for (int64_t i = 0; i < b; ++i) {
                const int bin =
                    std::min(kTimeBins - 1, static_cast<int>(tc[i].item<double>() * kTimeBins));
                binSum[bin] += ps[i].item<double>();
                binCount[bin] += 1;
            }
        }
        if (!std::isfinite(loss.item<double>()))
            throw Error("train: loss became " + std::to_string(loss.item<double>()) + " at step " +
                        std::to_string(s.step) +
                        " (lower the learning rate); the last checkpoint is intact");
        s.optimizer->zero_grad();
        loss.backward();
        if (sync) sync->averageGradients(s.trainable);
        const double gradNorm = torch::nn::utils::clip_grad_norm_(s.trainable, config.gradClip);
        s.optimizer->step();
        if (!s.ema.empty()) {
            torch::NoGradGuard noGrad;
            const double decay = std::min(config.emaDecay, (1.0 + s.step) / (10.0 + s.step));
            for (std::size_t i = 0; i < s.trainable.size(); ++i)
                s.ema[s.trainableNames[i]].mul_(decay).add_(s.trainable[i].detach(), 1.0 - decay);
        }
        ++s.step;
        ++summary.stepsThisRun;
        lossSum += loss.item<double>();
        gradSum += gradNorm;
        ++lossCount;
        (imageStep ? images : clips) += static_cast<int>(b);
        ++stepsSinceLog;
        summary.lastLoss = loss.item<double>();

        if (s.step % config.logEverySteps == 0) {
            const double dt = std::chrono::duration<double>(Clock::now() - lastLog).count();
            nlohmann::json rec = {{"step", s.step},
                                  {"stage", config.stage},
                                  {"loss", lossSum / lossCount},
                                  {"lr", lr},
                                  {"grad_norm", gradSum / lossCount},
                                  {"clips_per_second", clips / std::max(dt, 1e-9)},
                                  {"seconds_per_step", dt / lossCount},
                                  {"elapsed_seconds", previousElapsed + elapsed()}};
            if (config.imageFraction > 0.0) rec["images_per_second"] = images / std::max(dt, 1e-9);
            if (config.midClipFraction > 0.0)
                rec["mid_clip_fraction"] =
                    static_cast<double>(midClipSteps) / std::max(1, stepsSinceLog);
            if (config.shapeTwins > 0.0)
                rec["twin_fraction"] = static_cast<double>(twinSteps) / std::max(1, stepsSinceLog);
            if (config.twinDifferenceWeight > 0.0 && twinSteps > 0)
                rec["twin_difference_error"] = twinErrorSum / twinSteps;
            if (replaying) {
                rec["replayed_fraction"] =
                    static_cast<double>(replayedSteps) / std::max(1, stepsSinceLog);
                rec["batches_drawn"] = batchesDrawn;
            }
            if (config.stage == "dit" &&
                (config.temporalWeight > 0.0 || config.twinDifferenceWeight > 0.0)) {
                // "loss" stays the flow loss, comparable with runs without the extra terms.
                rec["loss"] = (lossSum - temporalSum - twinTermSum) / lossCount;
                if (config.temporalWeight > 0.0) rec["temporal_loss"] = temporalSum / lossCount;
            }
            if (s.disc) {
                // "loss" stays the autoencoder's loss, comparable with runs without the term.
                rec["loss"] = (lossSum - advTermSum) / lossCount;
                if (discSteps > 0) {
                    rec["discriminator_loss"] = discLossSum / discSteps;
                    rec["discriminator_real"] = realSum / discSteps;
                    rec["discriminator_fake"] = fakeSum / discSteps;
                }
                if (advSteps > 0) {
                    rec["adversarial_loss"] = advLossSum / advSteps;
                    rec["adversarial_lambda"] = lambdaSum / advSteps;
                }
            }
            if (config.stage == "dit") {
                nlohmann::json bins = nlohmann::json::array();
                for (int k = 0; k < kTimeBins; ++k) {
                    bins.push_back(binCount[k] > 0 ? nlohmann::json(binSum[k] / binCount[k])
                                                   : nlohmann::json(nullptr));
                    binSum[k] = binCount[k] = 0;
                }
                rec["loss_by_t"] = bins;
            }
            if (lead) {
                log << rec.dump() << '\n';
                log.flush();
                if (options.onLog) options.onLog(rec);
            }
            lossSum = gradSum = temporalSum = twinTermSum = twinErrorSum = 0.0;
            advTermSum = advLossSum = discLossSum = lambdaSum = realSum = fakeSum = 0.0;
            advSteps = discSteps = 0;
            lossCount = clips = images = replayedSteps = midClipSteps = twinSteps = stepsSinceLog =
                0;
            lastLog = Clock::now();
        }
        if (config.checkpointEveryMinutes > 0 &&
            std::chrono::duration<double>(Clock::now() - lastCheckpoint).count() >=
                config.checkpointEveryMinutes * 60.0)
            checkpoint();
    }
    if (lead && config.stage == "vae" && summary.stepsThisRun > 0)
        measureLatentStats(s, config, device);
    checkpoint();
    summary.steps = s.step;
    summary.seconds = elapsed();
    return summary;
}

}  // namespace kinora::train
