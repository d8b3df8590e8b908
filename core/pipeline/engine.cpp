#include "pipeline/engine.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <random>

#include <torch/torch.h>

#include "model/kinora_model.h"
#include "provenance/watermark.h"
#include "safety/prompt_filter.h"
#include "sampler/flow_sampler.h"
#include "util/device.h"
#include "util/error.h"

namespace kinora {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// [T,3,H,W] in [-1,1] -> images.
std::vector<Image> toImages(const torch::Tensor& frames) {
    auto u8 = ((frames.clamp(-1.0, 1.0) + 1.0) * 127.5)
                  .round()
                  .to(torch::kCPU, torch::kUInt8)
                  .permute({0, 2, 3, 1})
                  .contiguous();
    std::vector<Image> out;
    const auto t = u8.size(0), h = u8.size(1), w = u8.size(2);
    for (int64_t i = 0; i < t; ++i) {
        Image img(static_cast<int>(w), static_cast<int>(h));
        std::memcpy(img.rgb.data(), u8[i].data_ptr(), img.rgb.size());
        out.push_back(std::move(img));
    }
    return out;
}

// image -> [1,1,3,H,W] in [-1,1]
torch::Tensor fromImage(const Image& img, const torch::Device& device) {
    auto t = torch::from_blob(const_cast<uint8_t*>(img.rgb.data()), {img.height, img.width, 3},
                              torch::kUInt8)
                 .to(torch::kFloat)
                 .permute({2, 0, 1})
                 .div(127.5)
                 .sub(1.0);
    return t.unsqueeze(0).unsqueeze(0).contiguous().to(device);
}

// [1,T,C,h,w] -> LatentClip (on the CPU).
LatentClip toLatentClip(const torch::Tensor& z) {
    auto cpu = z.to(torch::kCPU, torch::kFloat).contiguous();
    LatentClip out;
    out.frames = static_cast<int>(cpu.size(1));
    out.channels = static_cast<int>(cpu.size(2));
    out.height = static_cast<int>(cpu.size(3));
    out.width = static_cast<int>(cpu.size(4));
    out.values.assign(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel());
    return out;
}

// Checks that `latents` fit a model with `channels` latent channels (and, when given, a
// latent canvas of h x w) and returns latent frames [from, to) as [1,n,C,h,w].
torch::Tensor fromLatentClip(const LatentClip& latents, int64_t channels, int64_t h, int64_t w,
                             int64_t from, int64_t to, const torch::Device& device,
                             const std::string& what) {
    if (latents.frames < 1 || latents.channels < 1 || latents.height < 1 || latents.width < 1)
        throw Error(what + ": no latent frames");
    const auto expected =
        static_cast<std::size_t>(latents.frames) * static_cast<std::size_t>(latents.channels) *
        static_cast<std::size_t>(latents.height) * static_cast<std::size_t>(latents.width);
    if (latents.values.size() != expected)
        throw Error(what + ": " + std::to_string(latents.values.size()) + " values for " +
                    std::to_string(latents.frames) + "x" + std::to_string(latents.channels) + "x" +
                    std::to_string(latents.height) + "x" + std::to_string(latents.width));
    if (latents.channels != channels)
        throw Error(what + ": " + std::to_string(latents.channels) +
                    " latent channels, this model has " + std::to_string(channels));
    if ((h > 0 && latents.height != h) || (w > 0 && latents.width != w))
        throw Error(what + ": latents of " + std::to_string(latents.width) + "x" +
                    std::to_string(latents.height) + " cells, this canvas needs " +
                    std::to_string(w) + "x" + std::to_string(h));
    for (float v : latents.values)
        if (!std::isfinite(v)) throw Error(what + ": latents are not finite");
    auto all = torch::from_blob(
        const_cast<float*>(latents.values.data()),
        {1, latents.frames, latents.channels, latents.height, latents.width}, torch::kFloat);
    return all.narrow(1, from, to - from).clone().to(device);
}

uint64_t randomSeed() {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32 | rd()) & ((1ull << 53) - 1);  // exact in JSON
}

}  // namespace

const char* name(GenerationMode mode) {
    switch (mode) {
        case GenerationMode::Auto:
            return "auto";
        case GenerationMode::TextToVideo:
            return "text-to-video";
        case GenerationMode::ImageToVideo:
            return "image-to-video";
        case GenerationMode::ExtendForward:
            return "extend-forward";
        case GenerationMode::ExtendBackward:
            return "extend-backward";
        case GenerationMode::Connect:
            return "connect";
        case GenerationMode::Loop:
            return "loop";
    }
    return "auto";
}

struct Engine::Impl {
    std::string modelDir;
    torch::Device device{torch::kCPU};
    KinoraModel model{nullptr};
    AppliedThreads threads;
    safety::PromptFilter promptFilter;
    bool watermark = true;
};

Engine::Engine(const EngineOptions& options) : m_impl(std::make_unique<Impl>()) {
    m_impl->watermark = options.watermark;
    m_impl->promptFilter = options.promptList.empty()
                               ? safety::PromptFilter::builtIn()
                               : safety::PromptFilter::fromFile(options.promptList);
    if (options.applyThreads) m_impl->threads = applyThreadLayout(options.threads);
    m_impl->device = parseDevice(options.device);
    m_impl->modelDir = options.modelDir.empty() ? defaultModelDir() : options.modelDir;
    m_impl->model = loadModel(m_impl->modelDir);
    m_impl->model->to(m_impl->device);
}

Engine::~Engine() = default;

const AppliedThreads& Engine::threads() const {
    return m_impl->threads;
}

std::vector<Image> Engine::decodeLatents(const LatentClip& latents, int fromLatent, int toLatent,
                                         const std::string& prompt) {
    KinoraModel& model = m_impl->model;
    const ModelConfig& cfg = model->config();
    if (latents.frames < 1) throw Error("latents: no latent frames to decode");
    const int to = toLatent < 0 ? latents.frames : toLatent;
    if (fromLatent < 0 || fromLatent >= to || to > latents.frames)
        throw Error("latent frames " + std::to_string(fromLatent) + ".." + std::to_string(to) +
                    " are not in a stream of " + std::to_string(latents.frames));
    c10::InferenceMode inferenceMode;
    const DecoderText text = model->decoderText({prompt});
    const int64_t reach = std::max<int64_t>(1, model->vae->decoderReach());
    // Pieces of at most 16 latent frames (64 frames) each, plus the history they need.
    constexpr int kPiece = 16;
    std::vector<Image> frames;
    for (int from = fromLatent; from < to; from += kPiece) {
        const int end = std::min(to, from + kPiece);
        const int start = static_cast<int>(std::max<int64_t>(0, from - reach));
        auto z = fromLatentClip(latents, cfg.vae.latentChannels, 0, 0, start, end, m_impl->device,
                                "latents");
        auto video =
            model->vae->decodeRange(model->denormalizeLatents(z), from - start, end - start, text);
        auto images = toImages(video[0]);
        frames.insert(frames.end(), std::make_move_iterator(images.begin()),
                      std::make_move_iterator(images.end()));
    }
    return frames;
}

const ModelConfig& Engine::config() const {
    return m_impl->model->config();
}
const std::string& Engine::modelDir() const {
    return m_impl->modelDir;
}
int64_t Engine::parameterCount() const {
    return m_impl->model->parameterCount();
}
std::string Engine::deviceName() const {
    return m_impl->device.str();
}

bool Engine::watermarks() const {
    return m_impl->watermark;
}

void markClip(GenerationResult& result) {
    const Clip& clip = result.clip;
    if (clip.frames.size() < 2 || clip.width() < 16 || clip.height() < 16) return;
    // The id follows from what was asked (seed, prompt, settings, model): the same request
    // gives the same clip, bit for bit, mark included; another seed, another id.
    uint64_t h = 0xcbf29ce484222325ull;
    auto mix = [&](const void* data, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            h ^= static_cast<const unsigned char*>(data)[i];
            h *= 0x100000001b3ull;
        }
    };
    auto mixText = [&](const std::string& s) { mix(s.data(), s.size() + 1); };
    const int64_t numbers[] = {static_cast<int64_t>(result.seed),
                               result.steps,
                               static_cast<int64_t>(clip.frames.size()),
                               clip.width(),
                               clip.height(),
                               clip.fps,
                               static_cast<int64_t>(std::llround(result.guidance * 1000))};
    mix(numbers, sizeof numbers);
    if (result.guidanceSmoothing > 0.0) {  // mixed only when used: earlier ids stay
        const int64_t smoothing = std::llround(result.guidanceSmoothing * 1000);
        mix(&smoothing, sizeof smoothing);
    }
    if (result.referenceGuidance > 0.0) {  // likewise
        const int64_t reference = std::llround(result.referenceGuidance * 1000);
        mix(&reference, sizeof reference);
    }
    mixText(result.prompt);
    mixText(result.negativePrompt);
    mixText(result.mode);
    mixText(result.modelName);
    result.watermarkId = static_cast<uint32_t>(h ^ (h >> 32));
    if (result.watermarkId == 0) result.watermarkId = 1;
    provenance::embedWatermark(result.clip, result.watermarkId);
    result.clip.watermarkIds = {result.watermarkId};
}

GenerationResult Engine::generate(const GenerationRequest& request,
                                  const GenerationCallbacks& callbacks) {
    const auto start = Clock::now();
    // Refused prompts stop here, before any work, whoever asked (CLI, render, studio).
    if (const auto refusal = m_impl->promptFilter.check(request.prompt))
        throw Error(refusal->message());
    KinoraModel& model = m_impl->model;
    const ModelConfig& cfg = model->config();
    const torch::Device device = m_impl->device;

    GenerationResult result;
    const int width = request.width > 0 ? request.width : cfg.defaults.width;
    const int height = request.height > 0 ? request.height : cfg.defaults.height;
    const int frames = request.frames > 0 ? request.frames : cfg.defaults.frames;
    cfg.validateCanvas(width, height, frames);
    result.steps = request.steps > 0 ? request.steps : cfg.defaults.steps;
    if (result.steps > 1000) throw Error("steps must be 1..1000");
    result.guidance = request.guidance >= 0.0 ? request.guidance : cfg.defaults.guidance;
    if (!std::isfinite(result.guidance) || result.guidance > 50.0)
        throw Error("guidance must be 0..50");
    result.guidanceSmoothing = request.guidanceSmoothing >= 0.0 ? request.guidanceSmoothing
                                                                : cfg.defaults.guidanceSmoothing;
    if (!(result.guidanceSmoothing <= 0.5)) throw Error("guidance smoothing must be 0..0.5");
    const double referenceGuidance = request.referenceGuidance >= 0.0
                                         ? request.referenceGuidance
                                         : cfg.defaults.referenceGuidance;
    if (!(referenceGuidance <= 20.0)) throw Error("reference guidance must be 0..20");
    if (!request.references.empty()) result.referenceGuidance = referenceGuidance;
    const int fps = request.fps > 0 ? request.fps : cfg.defaults.fps;
    if (fps > 240) throw Error("fps must be 1..240");
    if (!(request.extensionStart > 0.0 && request.extensionStart <= 1.0))
        throw Error("the extension start level must be in (0, 1]");
    if (request.references.size() > 4) throw Error("at most 4 character references per clip");
    result.seed = request.seed ? *request.seed : randomSeed();
    result.prompt = request.prompt;
    result.negativePrompt = request.negativePrompt;
    result.modelName = cfg.name;

    GenerationMode mode = request.mode;
    if (mode == GenerationMode::Auto)
        mode = request.firstFrame ? GenerationMode::ImageToVideo : GenerationMode::TextToVideo;
    result.mode = name(mode);
    const int64_t latentT = cfg.latentFrames(frames);
    const int64_t tf = cfg.vae.temporalFactor;
    // What is given at each end of the clip (a plan in latent frames).
    const bool startImage = mode == GenerationMode::ImageToVideo ||
                            mode == GenerationMode::Connect ||
                            (mode == GenerationMode::Loop && request.firstFrame);
    const bool startContext = mode == GenerationMode::ExtendForward;
    const bool endImage = mode == GenerationMode::Connect || mode == GenerationMode::Loop;
    const bool endContext = mode == GenerationMode::ExtendBackward;
    if (startImage && !request.firstFrame)
        throw Error(std::string(result.mode) + " needs a first frame");
    if (mode == GenerationMode::Connect && !request.lastFrame)
        throw Error("connect needs a last frame");
    const bool latentContext = startContext && !request.latentContext.empty();
    if (!request.latentContext.empty() && !startContext)
        throw Error("latent context is for extend-forward only");
    if ((startContext || endContext) && request.context.empty() && !latentContext)
        throw Error(std::string(result.mode) + " needs the frames of the clip it continues");
    if ((endImage || startContext || endContext) && latentT < 2)
        throw Error(std::string(result.mode) + " needs at least " + std::to_string(1 + tf) +
                    " frames");
    int64_t k = 0;  // context latent frames
    if (startContext || endContext) {
        if (request.contextLatents < 1) throw Error("contextLatents must be at least 1");
        const auto available = static_cast<int64_t>(request.context.size());
        // forward: 1 + tf (k - 1) frames make k latents; backward: 1 + tf k frames give k
        // latent groups after the lone first frame.
        const int64_t fit = latentContext  ? request.latentContext.frames
                            : startContext ? 1 + (available - 1) / tf
                                           : (available - 1) / tf;
        if (fit < 1)
            throw Error("extend-backward needs at least " + std::to_string(1 + tf) +
                        " frames of the next clip");
        k = std::min<int64_t>({static_cast<int64_t>(request.contextLatents), fit, latentT - 1});
    }
    if (mode == GenerationMode::Loop && !request.firstFrame) {
        // A loop from text alone: make the opening frame first, then close the loop on it.
        GenerationRequest opening = request;
        opening.mode = GenerationMode::TextToVideo;
        opening.seed = result.seed;
        auto first = generate(opening, GenerationCallbacks{{}, {}, callbacks.cancel});
        if (first.cancelled) {
            result.cancelled = true;
            return result;
        }
        GenerationRequest closing = request;
        closing.firstFrame = first.clip.frames.front();
        closing.seed = result.seed;
        auto loop = generate(closing, callbacks);
        loop.timings.totalSeconds = secondsSince(start);
        return loop;
    }

    result.tokens = cfg.tokenCount(frames, height, width);
    result.shift =
        cfg.defaults.shift > 0.0 ? cfg.defaults.shift : timeShiftForTokens(result.tokens);

    const bool guided = result.guidance != 1.0;
    std::vector<std::string> prompts{request.prompt};
    if (guided) prompts.push_back(request.negativePrompt);
    TokenBatch tokens = tokenizePrompts(prompts, cfg.text);  // throws on over-long prompts

    c10::InferenceMode inferenceMode;
    const int64_t refs = static_cast<int64_t>(request.references.size());
    const int64_t totalT = latentT + refs;
    const int64_t latentH = cfg.latentHeight(height), latentW = cfg.latentWidth(width);
    const int64_t channels = cfg.vae.latentChannels;

    auto phase = Clock::now();
    tokens.ids = tokens.ids.to(device);
    tokens.valid = tokens.valid.to(device);
    auto textStates = model->text->forward(tokens);
    DitContext ctx =
        model->dit->prepare(textStates, tokens.valid, totalT, latentH, latentW, latentT);
    result.timings.textSeconds = secondsSince(phase);

    // Fitted frames -> normalised latents [1, n', C, h, w].
    auto encodeFrames = [&](const std::vector<Image>& images) {
        std::vector<torch::Tensor> list;
        for (const auto& img : images)
            list.push_back(fromImage(fitImageToCanvas(img, width, height), device));
        return model->normalizeLatents(model->vae->encode(torch::cat(list, 1)).first);
    };
    GivenFrames given;
    int64_t keepFrom = 0, keepTo = frames;
    if (startImage || startContext || endImage || endContext || refs > 0) {
        phase = Clock::now();
        given.latents = torch::zeros({1, totalT, channels, latentH, latentW},
                                     torch::TensorOptions().device(device));
        given.mask = torch::zeros({totalT}, torch::TensorOptions().device(device));
        auto put = [&](int64_t at, const torch::Tensor& z) {  // z [1, n, C, h, w]
            given.latents.narrow(1, at, z.size(1)).copy_(z);
            given.mask.narrow(0, at, z.size(1)).fill_(1.0);
        };
        if (startImage) put(0, encodeFrames({*request.firstFrame}));
        if (startContext) {
            const int64_t n = 1 + tf * (k - 1);
            if (latentContext) {
                const LatentClip& given = request.latentContext;
                put(0, fromLatentClip(given, channels, latentH, latentW, given.frames - k,
                                      given.frames, device, "latent context"));
            } else {
                std::vector<Image> tail(request.context.end() - n, request.context.end());
                put(0, encodeFrames(tail));
            }
            if (!request.keepContext) keepFrom = n;
            result.contextFrames = request.keepContext ? static_cast<int>(n) : 0;
        }
        if (endImage) {
            // The last latent frame stands for tf frames: give the image held for them.
            const Image& last =
                mode == GenerationMode::Loop ? *request.firstFrame : *request.lastFrame;
            std::vector<Image> held(static_cast<std::size_t>(1 + tf), last);
            put(latentT - 1, encodeFrames(held).narrow(1, 1, 1));
            // A loop ends on the frame it began with: keep the first frame of that hold.
            if (mode == GenerationMode::Loop) keepTo = frames - (tf - 1);
        }
        if (endContext) {
            const int64_t n = 1 + tf * k;
            std::vector<Image> head(request.context.begin(), request.context.begin() + n);
            put(latentT - k, encodeFrames(head).narrow(1, 1, k));
            // The frame before the given groups stands for the next clip's first frame.
            if (!request.keepContext) keepTo = frames - tf * k - 1;
            result.contextFrames = request.keepContext ? static_cast<int>(tf * k) : 0;
        }
        for (int64_t r = 0; r < refs; ++r)
            put(latentT + r, encodeFrames({request.references[static_cast<std::size_t>(r)]}));
        result.timings.encodeSeconds = secondsSince(phase);
    }

    auto generator = at::detail::createCPUGenerator(result.seed);
    auto noise =
        at::randn({1, totalT, channels, latentH, latentW}, generator, torch::kFloat).to(device);

    auto grid = shiftedTimeGrid(result.steps, result.shift);
    if (startContext && request.replaceContext) {
        // The context frames are denoised with the new ones (replaced each step by
        // themselves noised to the step's level); references stay clean.
        given.replace = torch::zeros({totalT}, torch::TensorOptions().device(device));
        given.replace.narrow(0, 0, k).fill_(1.0);
        given.replacementNoise = at::randn(noise.sizes(), generator, torch::kFloat).to(device);
    }
    if (startContext && request.extensionStart < 1.0) {
        // Start below t = 1: the new frames begin as the last given latent frame held
        // still, noised to extensionStart (x_t = (1 - t) x0 + t eps); the given ones are
        // set by the sampler.
        const double t0 = request.extensionStart;
        auto held = given.latents.narrow(1, k - 1, 1).expand_as(noise);
        noise = (1.0 - t0) * held + t0 * noise;
        std::vector<double> below{t0};
        for (double t : grid)
            if (t < t0) below.push_back(t);
        grid = std::move(below);
    }

    const double flopsPerRow = denoiserFlops(cfg, result.tokens, tokens.ids.size(1), 1);
    auto modelFn = [&](const torch::Tensor& x, const torch::Tensor& t, bool withUncond) {
        result.timings.denoiserFlops += flopsPerRow * static_cast<double>(x.size(0));
        return model->dit->forward(x, t, ctx);
    };
    ReferenceGuidance referenceTerm;
    DitContext clipOnly;  // the conditional prompt over the clip's frames, no references
    if (refs > 0 && result.referenceGuidance > 0.0) {
        clipOnly = model->dit->prepare(textStates.narrow(0, 0, 1), tokens.valid.narrow(0, 0, 1),
                                       latentT, latentH, latentW, latentT);
        referenceTerm.scale = result.referenceGuidance;
        referenceTerm.clipFrames = latentT;
        referenceTerm.withoutReferences = [&](const torch::Tensor& x, const torch::Tensor& t) {
            result.timings.denoiserFlops += flopsPerRow * static_cast<double>(x.size(0));
            return model->dit->forward(x, t, clipOnly);
        };
    }
    VelocityFn velocity = [&](const torch::Tensor& x, const torch::Tensor& t) {
        return guidedVelocity(modelFn, x, t, result.guidance, result.guidanceSmoothing,
                              referenceTerm);
    };

    torch::Tensor previousX0;
    auto stepStart = Clock::now();
    const auto denoiseStart = stepStart;
    auto cancelled = [&] { return callbacks.cancel != nullptr && callbacks.cancel->load(); };
    if (cancelled()) {
        result.cancelled = true;
        return result;
    }
    StepFn onStep = [&](const SamplerStep& s) {
        if (device.is_cuda()) torch::cuda::synchronize();
        result.timings.stepSeconds.push_back(secondsSince(stepStart));
        result.stepsDone = s.step;
        if (callbacks.onProgress) {
            StepProgress p;
            p.step = s.step;
            p.totalSteps = s.totalSteps;
            p.elapsedSeconds = secondsSince(start);
            p.secondsLeft = secondsSince(denoiseStart) / s.step * (s.totalSteps - s.step);
            if (previousX0.defined())
                p.predictionChange =
                    ((s.x0 - previousX0).norm() / (s.x0.norm() + 1e-12)).item<double>();
            previousX0 = s.x0;
            callbacks.onProgress(p);
        }
        if (callbacks.onPreview) {
            StepPreview preview{s.step, s.totalSteps,
                                toImages(model->vae->previewRgb(
                                    model->denormalizeLatents(s.x0.narrow(1, 0, latentT)))[0])};
            callbacks.onPreview(preview);
        }
        stepStart = Clock::now();
        return !cancelled();
    };
    auto latents = sampleEuler(noise, grid, velocity, given, onStep);
    result.timings.denoiseSeconds = secondsSince(denoiseStart);
    if (!latents.defined()) {
        result.cancelled = true;
        result.timings.totalSeconds = secondsSince(start);
        return result;
    }

    if (request.keepLatents) result.latents = toLatentClip(latents.narrow(1, 0, latentT));
    result.clip.fps = fps;
    if (request.decodeFrames) {
        phase = Clock::now();
        auto video = model->vae->decode(model->denormalizeLatents(latents.narrow(1, 0, latentT)),
                                        model->decoderText({request.prompt}));  // [1,T,3,H,W]
        result.clip.frames = toImages(video[0].narrow(0, keepFrom, keepTo - keepFrom));
        result.timings.decodeSeconds = secondsSince(phase);
    }
    // Every frame we make carries the invisible watermark (provenance/watermark.h), with an
    // id of its own for this generation.
    if (m_impl->watermark && request.markFrames) markClip(result);
    result.timings.totalSeconds = secondsSince(start);
    return result;
}

}  // namespace kinora
