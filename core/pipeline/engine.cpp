#include "pipeline/engine.h"

#include <chrono>
#include <cmath>
#include <random>

#include <torch/torch.h>

#include "models/registry.h"
#include "models/video_model.h"
#include "pipeline/engine_internal.h"
#include "pipeline/given_pixels.h"
#include "pipeline/tensor_image.h"
#include "provenance/watermark.h"
#include "safety/prompt_filter.h"
#include "sampler/flow_sampler.h"
#include "sampler/flow_solvers.h"
#include "util/autocast.h"
#include "util/device.h"
#include "util/error.h"
#include "util/process_stats.h"

namespace kinora {

bool cudaDeviceAvailable() {
    return torch::cuda::is_available();
}

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
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

// A request's numbers with the model's defaults filled in, every one checked.
struct Settings {
    int width = 0, height = 0, frames = 0, fps = 0;
    double referenceGuidance = 0.0;
    GenerationMode mode = GenerationMode::Auto;
};

template <typename T>
T orDefault(const std::optional<T>& value, T fallback) {
    return value ? *value : fallback;
}

Settings resolve(const GenerationRequest& request, const ModelInfo& info,
                 GenerationResult& result) {
    const ModelDefaults& d = info.defaults;
    Settings s;
    s.width = orDefault(request.width, d.width);
    s.height = orDefault(request.height, d.height);
    s.frames = orDefault(request.frames, d.frames);
    info.validateCanvas(s.width, s.height, s.frames);
    result.steps = orDefault(request.steps, d.steps);
    if (result.steps < 1 || result.steps > 1000) throw Error("steps must be 1..1000");
    result.guidance = orDefault(request.guidance, d.guidance);
    if (!(result.guidance >= 0.0 && result.guidance <= 50.0)) throw Error("guidance must be 0..50");
    if (info.expertBoundary > 0.0)
        result.guidanceLowNoise =
            request.guidance ? *request.guidance
                             : (d.guidanceLowNoise >= 0.0 ? d.guidanceLowNoise : result.guidance);
    result.guidanceSmoothing = orDefault(request.guidanceSmoothing, d.guidanceSmoothing);
    if (!(result.guidanceSmoothing >= 0.0 && result.guidanceSmoothing <= 0.5))
        throw Error("guidance smoothing must be 0..0.5");
    s.referenceGuidance = orDefault(request.referenceGuidance, d.referenceGuidance);
    if (!(s.referenceGuidance >= 0.0 && s.referenceGuidance <= 20.0))
        throw Error("reference guidance must be 0..20");
    if (!request.references.empty()) result.referenceGuidance = s.referenceGuidance;
    s.fps = orDefault(request.fps, d.fps);
    if (s.fps < 1 || s.fps > 240) throw Error("fps must be 1..240");
    if (!(request.extensionStart > 0.0 && request.extensionStart <= 1.0))
        throw Error("the extension start level must be in (0, 1]");
    if (request.references.size() > static_cast<std::size_t>(info.maxReferences))
        throw Error("at most " + std::to_string(info.maxReferences) +
                    " character references per clip");
    s.mode = request.mode;
    if (s.mode == GenerationMode::Auto)
        s.mode = request.firstFrame ? GenerationMode::ImageToVideo : GenerationMode::TextToVideo;
    if (!info.supports(s.mode))
        throw Error(std::string(name(s.mode)) + " is not a mode of " + info.name);
    result.mode = name(s.mode);
    result.seed = request.seed ? *request.seed : randomSeed();
    result.prompt = request.prompt;
    result.negativePrompt = request.negativePrompt.value_or(d.negativePrompt);
    result.solver = solverName(parseSolver(request.solver.value_or(d.solver)));
    result.modelName = info.name;
    return s;
}

// What is given at each end of the clip, in latent frames, and which frames are returned.
struct GivenPlan {
    bool startImage = false, startContext = false, endImage = false, endContext = false;
    bool wholeContext = false;  // inpaint: the context is the clip
    bool fromLatents = false;   // extend forward from StreamControls::latentContext
    int64_t latentT = 0;        // latent frames of the clip
    int64_t contextLatents = 0;
    int64_t keepFrom = 0, keepTo = 0;  // decoded frames returned
    bool any(int64_t references) const {
        return startImage || startContext || endImage || endContext || wholeContext ||
               references > 0;
    }
};

GivenPlan planGiven(const GenerationRequest& request, const StreamControls& controls,
                    const Settings& s, const ModelInfo& info) {
    const GenerationMode mode = s.mode;
    const std::string modeName = name(mode);
    const int64_t tf = info.temporalFactor;
    GivenPlan p;
    p.latentT = info.latentFrames(s.frames);
    p.keepTo = s.frames;
    p.startImage = mode == GenerationMode::ImageToVideo || mode == GenerationMode::Connect ||
                   (mode == GenerationMode::Loop && request.firstFrame);
    p.startContext = mode == GenerationMode::ExtendForward;
    p.endImage = mode == GenerationMode::Connect || mode == GenerationMode::Loop;
    p.endContext = mode == GenerationMode::ExtendBackward;
    p.wholeContext = mode == GenerationMode::Inpaint;
    if (p.wholeContext && request.context.empty())
        throw Error("inpaint needs the frames of the clip it works on (context)");
    if (p.wholeContext && !request.regionMask)
        throw Error("inpaint needs a region mask: white where the frames are generated again");
    if (request.regionMask && !info.pixelConditioning)
        throw Error("a region mask needs a model that conditions on pixels (a Wan VACE model); " +
                    info.name + " holds whole latent frames");
    if (request.regionMask && !(p.startImage || p.startContext || p.endImage || p.endContext ||
                                p.wholeContext || mode == GenerationMode::Loop))
        throw Error("a region mask marks what to regenerate in given frames; " + modeName +
                    " gives none");
    if (!(request.controlStrength >= 0.0 && request.controlStrength <= 2.0))
        throw Error("the control strength must be 0..2");
    if (p.startImage && !request.firstFrame) throw Error(modeName + " needs a first frame");
    if (mode == GenerationMode::Connect && !request.lastFrame)
        throw Error("connect needs a last frame");
    p.fromLatents = p.startContext && !controls.latentContext.empty();
    if (!controls.latentContext.empty() && !p.startContext)
        throw Error("latent context is for extend-forward only");
    if ((p.startContext || p.endContext) && request.context.empty() && !p.fromLatents)
        throw Error(modeName + " needs the frames of the clip it continues");
    if ((p.endImage || p.startContext || p.endContext) && p.latentT < 2)
        throw Error(modeName + " needs at least " + std::to_string(1 + tf) + " frames");
    if (p.startContext || p.endContext) {
        if (request.contextLatents < 1) throw Error("contextLatents must be at least 1");
        const auto available = static_cast<int64_t>(request.context.size());
        // forward: 1 + tf (k - 1) frames make k latents; backward: 1 + tf k frames give k
        // latent groups after the lone first frame.
        const int64_t fit = p.fromLatents    ? controls.latentContext.frames
                            : p.startContext ? 1 + (available - 1) / tf
                                             : (available - 1) / tf;
        if (fit < 1)
            throw Error("extend-backward needs at least " + std::to_string(1 + tf) +
                        " frames of the next clip");
        p.contextLatents =
            std::min<int64_t>({static_cast<int64_t>(request.contextLatents), fit, p.latentT - 1});
    }
    return p;
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
        case GenerationMode::Inpaint:
            return "inpaint";
    }
    return "auto";
}

std::optional<GenerationMode> parseGenerationMode(const std::string& text) {
    for (auto m : {GenerationMode::Auto, GenerationMode::TextToVideo, GenerationMode::ImageToVideo,
                   GenerationMode::ExtendForward, GenerationMode::ExtendBackward,
                   GenerationMode::Connect, GenerationMode::Loop, GenerationMode::Inpaint})
        if (text == name(m)) return m;
    return std::nullopt;
}

struct Engine::Impl {
    std::string modelDir;
    torch::Device device{torch::kCPU};
    std::unique_ptr<VideoModel> model;
    AppliedThreads threads;
    bool bf16 = false;  // the denoiser's products in bfloat16 (EngineOptions::precision)
    safety::PromptFilter promptFilter;
    bool watermark = true;

    // The clean latents of the given frames (first / last frame, context, references),
    // [1, T, C, h, w] with their mask; fills in the frames returned and the context count.
    GivenFrames encodeGiven(const GenerationRequest& request, const StreamControls& controls,
                            const Settings& s, GivenPlan& plan, int64_t totalT,
                            GenerationResult& result);
    // For a model that conditions on pixels: the clip's given pixels (fitted, masked by the
    // region mask) and references; fills in the frames returned and the context count.
    PixelConditions pixelsGiven(const GenerationRequest& request, const StreamControls& controls,
                                const Settings& s, GivenPlan& plan, GenerationResult& result);
    // The latents the sampler starts from and its time grid: pure noise from the seed at
    // t = 1, or, for an extension that starts lower, the last given latent frame held still
    // and noised to that level (fewer steps). Sets up replaced context frames in `given`.
    std::pair<torch::Tensor, std::vector<double>> startingPoint(const GenerationRequest& request,
                                                                const GivenPlan& plan,
                                                                const LatentLayout& layout,
                                                                GivenFrames& given,
                                                                const GenerationResult& result);
    // Denoises `noise` along `grid` with guidance (and reference guidance), reporting
    // progress and previews and stopping at the cancel flag (then undefined).
    torch::Tensor denoise(const GenerationCallbacks& callbacks, const PromptStates& prompts,
                          const DenoiserContext& context, const LatentLayout& layout,
                          const torch::Tensor& noise, const std::vector<double>& grid,
                          const GivenFrames& given, const PixelConditions* pixels,
                          GenerationResult& result, Clock::time_point start);
};

Engine::Engine(const EngineOptions& options) : m_impl(std::make_unique<Impl>()) {
    m_impl->watermark = options.watermark;
    m_impl->promptFilter = options.promptList.empty()
                               ? safety::PromptFilter::builtIn()
                               : safety::PromptFilter::fromFile(options.promptList);
    if (options.applyThreads) m_impl->threads = applyThreadLayout(options.threads);
    m_impl->device = parseDevice(options.device);
    if (options.precision != "auto" && options.precision != "float32" &&
        options.precision != "bf16")
        throw Error("precision must be auto, float32 or bf16, got '" + options.precision + "'");
    m_impl->modelDir = resolveModelPath(options.modelDir);  // "" and shipped names too
    m_impl->model = loadVideoModel(m_impl->modelDir);
    m_impl->model->to(m_impl->device);
    if (!options.loras.empty()) m_impl->model->setLoras(options.loras);
    m_impl->bf16 = options.precision == "bf16" ||
                   (options.precision == "auto" && m_impl->model->info().family == "kinora" &&
                    m_impl->device.is_cpu() && cpuHasNativeBf16());
}

Engine::~Engine() = default;

void Engine::setLoras(const std::vector<LoraChoice>& loras) {
    m_impl->model->setLoras(loras);
}

const AppliedThreads& Engine::threads() const {
    return m_impl->threads;
}

VideoModel& EngineAccess::model(Engine& engine) {
    return *engine.m_impl->model;
}

std::vector<Image> Engine::decodeLatents(const LatentClip& latents, int fromLatent,
                                         std::optional<int> toLatent, const std::string& prompt) {
    VideoModel& model = *m_impl->model;
    if (latents.frames < 1) throw Error("latents: no latent frames to decode");
    const int to = toLatent.value_or(latents.frames);
    if (fromLatent < 0 || fromLatent >= to || to > latents.frames)
        throw Error("latent frames " + std::to_string(fromLatent) + ".." + std::to_string(to) +
                    " are not in a stream of " + std::to_string(latents.frames));
    c10::InferenceMode inferenceMode;
    const int64_t reach = std::max<int64_t>(1, model.decoderReach());
    // Pieces of at most 16 latent frames each, plus the history they need.
    constexpr int kPiece = 16;
    std::vector<Image> frames;
    for (int from = fromLatent; from < to; from += kPiece) {
        const int end = std::min(to, from + kPiece);
        const int start = static_cast<int>(std::max<int64_t>(0, from - reach));
        auto z = fromLatentClip(latents, model.info().latentChannels, 0, 0, start, end,
                                m_impl->device, "latents");
        auto images = tensorToImages(model.decode(z, from - start, end - start, prompt)[0]);
        frames.insert(frames.end(), std::make_move_iterator(images.begin()),
                      std::make_move_iterator(images.end()));
    }
    return frames;
}

const ModelInfo& Engine::info() const {
    return m_impl->model->info();
}
const std::string& Engine::modelDir() const {
    return m_impl->modelDir;
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
    if (result.solver != "euler") mixText(result.solver);  // likewise
    mixText(result.prompt);
    mixText(result.negativePrompt);
    mixText(result.mode);
    mixText(result.modelName);
    result.watermarkId = static_cast<uint32_t>(h ^ (h >> 32));
    if (result.watermarkId == 0) result.watermarkId = 1;
    provenance::embedWatermark(result.clip, result.watermarkId);
    result.clip.watermarkIds = {result.watermarkId};
}

GivenFrames Engine::Impl::encodeGiven(const GenerationRequest& request,
                                      const StreamControls& controls, const Settings& s,
                                      GivenPlan& plan, int64_t totalT, GenerationResult& result) {
    const ModelInfo& info = model->info();
    const int64_t tf = info.temporalFactor, k = plan.contextLatents, latentT = plan.latentT;
    const int64_t channels = info.latentChannels;
    const int64_t latentH = info.latentHeight(s.height), latentW = info.latentWidth(s.width);
    // Fitted frames -> normalised latents [1, n', C, h, w].
    auto encodeFrames = [&](const std::vector<Image>& images, ImageFit fit) {
        std::vector<Image> fitted;
        for (const auto& img : images)
            fitted.push_back(fitImage(img, s.width, s.height, fit).image);
        return model->encode(imagesToTensor(fitted).unsqueeze(0).to(device));
    };
    GivenFrames given;
    const auto options = torch::TensorOptions().device(device);
    given.latents = torch::zeros({1, totalT, channels, latentH, latentW}, options);
    given.mask = torch::zeros({totalT}, options);
    auto put = [&](int64_t at, const torch::Tensor& z) {  // z [1, n, C, h, w]
        given.latents.narrow(1, at, z.size(1)).copy_(z);
        given.mask.narrow(0, at, z.size(1)).fill_(1.0);
    };
    const ImageFit fit = request.imageFit;
    if (plan.startImage) put(0, encodeFrames({*request.firstFrame}, fit));
    if (plan.startContext) {
        const int64_t n = 1 + tf * (k - 1);
        if (plan.fromLatents) {
            const LatentClip& z = controls.latentContext;
            put(0, fromLatentClip(z, channels, latentH, latentW, z.frames - k, z.frames, device,
                                  "latent context"));
        } else {
            put(0, encodeFrames({request.context.end() - n, request.context.end()}, fit));
        }
        if (!request.keepContext) plan.keepFrom = n;
        result.contextFrames = request.keepContext ? static_cast<int>(n) : 0;
    }
    if (plan.endImage) {
        // The last latent frame stands for tf frames: give the image held for them.
        const bool loop = s.mode == GenerationMode::Loop;
        const Image& last = loop ? *request.firstFrame : *request.lastFrame;
        put(latentT - 1,
            encodeFrames(std::vector<Image>(static_cast<std::size_t>(1 + tf), last), fit)
                .narrow(1, 1, 1));
        // A loop ends on the frame it began with: keep the first frame of that hold.
        if (loop) plan.keepTo = s.frames - (tf - 1);
    }
    if (plan.endContext) {
        const int64_t n = 1 + tf * k;
        put(latentT - k, encodeFrames({request.context.begin(), request.context.begin() + n}, fit)
                             .narrow(1, 1, k));
        // The frame before the given groups stands for the next clip's first frame.
        if (!request.keepContext) plan.keepTo = s.frames - tf * k - 1;
        result.contextFrames = request.keepContext ? static_cast<int>(tf * k) : 0;
    }
    for (std::size_t r = 0; r < request.references.size(); ++r)
        put(latentT + static_cast<int64_t>(r),
            encodeFrames({request.references[r]}, ImageFit::Crop));
    return given;
}

PixelConditions Engine::Impl::pixelsGiven(const GenerationRequest& request,
                                          const StreamControls& controls, const Settings& s,
                                          GivenPlan& plan, GenerationResult& result) {
    const ModelInfo& info = model->info();
    if (plan.fromLatents || controls.keepLatents || !controls.decodeFrames)
        throw Error(info.name + " continues clips from their frames, not from their latents " +
                    "(latent joins are for models that hold latent frames)");
    const int64_t T = s.frames, H = s.height, W = s.width, tf = info.temporalFactor;
    const int64_t k = plan.contextLatents;
    PixelConditions g;
    g.frames = torch::zeros({T, 3, H, W});
    g.keep = torch::zeros({T, 1, H, W});
    g.strength = request.controlStrength;
    torch::Tensor region;  // [1, H, W], 1 = keep
    if (request.regionMask)
        region = regionKeep(*request.regionMask, s.width, s.height, request.imageFit);
    auto put = [&](int64_t at, const Image& image) {
        const FittedImage f = fitImage(image, s.width, s.height, request.imageFit);
        auto keep = torch::zeros({1, H, W});
        keep.slice(1, f.y, f.y + f.height).slice(2, f.x, f.x + f.width).fill_(1.0);
        if (region.defined()) keep *= region;
        g.frames[at].copy_(imagesToTensor({f.image})[0] * keep);
        g.keep[at].copy_(keep);
    };
    const auto& ctx = request.context;
    if (plan.startImage) put(0, *request.firstFrame);
    if (plan.startContext) {
        const int64_t n = 1 + tf * (k - 1);
        const auto from = static_cast<int64_t>(ctx.size()) - n;
        for (int64_t i = 0; i < n; ++i) put(i, ctx[static_cast<std::size_t>(from + i)]);
        if (!request.keepContext) plan.keepFrom = n;
        result.contextFrames = request.keepContext ? static_cast<int>(n) : 0;
    }
    if (plan.endImage) {
        if (s.mode == GenerationMode::Loop) {
            // The clip returned ends on the frame it began with (as with latent frames, the
            // frames after it are made and dropped).
            put(T - tf, *request.firstFrame);
            plan.keepTo = s.frames - (tf - 1);
        } else {
            put(T - 1, *request.lastFrame);
        }
    }
    if (plan.endContext) {
        const int64_t n = 1 + tf * k;
        for (int64_t i = 0; i < n; ++i) put(T - n + i, ctx[static_cast<std::size_t>(i)]);
        if (!request.keepContext) plan.keepTo = s.frames - tf * k - 1;
        result.contextFrames = request.keepContext ? static_cast<int>(tf * k) : 0;
    }
    if (plan.wholeContext)
        for (int64_t i = 0; i < std::min<int64_t>(T, static_cast<int64_t>(ctx.size())); ++i)
            put(i, ctx[static_cast<std::size_t>(i)]);
    // References whole, on white (as VACE's reference prepares them).
    for (const Image& r : request.references)
        g.references.push_back(
            imagesToTensor({fitImage(r, s.width, s.height, ImageFit::Bars, 255).image})[0]);
    return g;
}

std::pair<torch::Tensor, std::vector<double>> Engine::Impl::startingPoint(
    const GenerationRequest& request, const GivenPlan& plan, const LatentLayout& layout,
    GivenFrames& given, const GenerationResult& result) {
    const int64_t channels = model->info().latentChannels, k = plan.contextLatents;
    auto generator = at::detail::createCPUGenerator(result.seed);
    auto noise = at::randn({1, layout.frames, channels, layout.height, layout.width}, generator,
                           torch::kFloat)
                     .to(device);
    auto grid = shiftedTimeGrid(result.steps, result.shift);
    // Replaced context and a lower start hold latent frames: not for pixel conditioning.
    const bool latentGiven = !model->info().pixelConditioning;
    if (latentGiven && plan.startContext && request.replaceContext) {
        // The context frames are denoised with the new ones (replaced each step by
        // themselves noised to the step's level); references stay clean.
        given.replace = torch::zeros({layout.frames}, torch::TensorOptions().device(device));
        given.replace.narrow(0, 0, k).fill_(1.0);
        given.replacementNoise = at::randn(noise.sizes(), generator, torch::kFloat).to(device);
    }
    if (latentGiven && plan.startContext && request.extensionStart < 1.0) {
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
    return {noise, grid};
}

torch::Tensor Engine::Impl::denoise(const GenerationCallbacks& callbacks,
                                    const PromptStates& prompts, const DenoiserContext& context,
                                    const LatentLayout& layout, const torch::Tensor& noise,
                                    const std::vector<double>& grid, const GivenFrames& given,
                                    const PixelConditions* pixels, GenerationResult& result,
                                    Clock::time_point start) {
    const int64_t latentT = layout.clipFrames;
    const double flopsPerRow = model->denoiserFlops(result.tokens, prompts.tokens(), 1);
    // A prediction with NaN or infinity (damaged weights, an overflow) stops the generation
    // with the culprit named: never a black clip that carries Kinora's watermark.
    auto finite = [&](torch::Tensor v) {
        if (torch::isfinite(v).all().item<bool>()) return v;
        const std::string weight = model->nonFiniteWeight();
        throw Error("step " + std::to_string(result.stepsDone + 1) +
                        ": the model's prediction holds NaN or infinite values" +
                        (weight.empty() ? std::string(" (its weights are finite: a numeric "
                                                      "overflow; try float32 or another size)")
                                        : " (damaged weights: " + weight + ")"),
                    ErrorKind::ModelLoad);
    };
    auto modelFn = [&](const torch::Tensor& x, const torch::Tensor& t, bool) {
        result.timings.denoiserFlops += flopsPerRow * static_cast<double>(x.size(0));
        Bf16Autocast autocast(x.device().type(), bf16);
        return finite(model->velocity(x, t, context).to(torch::kFloat));
    };
    ReferenceGuidance referenceTerm;
    std::shared_ptr<const DenoiserContext> clipOnly;  // the prompt over the clip, no references
    if (layout.frames > latentT && result.referenceGuidance > 0.0) {
        const LatentLayout clipLayout{latentT, latentT, layout.height, layout.width};
        if (pixels) {
            PixelConditions withoutReferences = *pixels;
            withoutReferences.references.clear();
            clipOnly = model->prepareConditioned(prompts, 0, 1, clipLayout, withoutReferences);
        } else {
            clipOnly = model->prepare(prompts, 0, 1, clipLayout);
        }
        referenceTerm.scale = result.referenceGuidance;
        referenceTerm.clipFrames = latentT;
        referenceTerm.withoutReferences = [&](const torch::Tensor& x, const torch::Tensor& t) {
            result.timings.denoiserFlops += flopsPerRow * static_cast<double>(x.size(0));
            Bf16Autocast autocast(x.device().type(), bf16);
            return finite(model->velocity(x, t, *clipOnly).to(torch::kFloat));
        };
    }
    const bool experts = model->info().expertBoundary > 0.0;
    VelocityFn velocity = [&](const torch::Tensor& x, const torch::Tensor& t) {
        // A model of two experts: each step's guidance is its expert's.
        const double guidance = experts && model->expertAt(t.max().item<double>()) == 1
                                    ? result.guidanceLowNoise
                                    : result.guidance;
        return guidedVelocity(modelFn, x, t, guidance, result.guidanceSmoothing, referenceTerm);
    };
    // The preview shows given pixels as given: each latent frame's given pixels (its first
    // frame's), averaged over latent cells, over the model's picture where they are kept.
    torch::Tensor previewGiven, previewKeep;
    if (pixels && pixels->keep.defined() && pixels->keep.sum().item<double>() > 0.0) {
        const int64_t tf = model->info().temporalFactor;
        std::vector<int64_t> at;
        for (int64_t j = 0; j < latentT; ++j)
            at.push_back(std::min<int64_t>(pixels->frames.size(0) - 1, j == 0 ? 0 : tf * j));
        const auto index = torch::tensor(at, torch::kLong);
        const auto cells = std::vector<int64_t>{pixels->frames.size(2) / layout.height,
                                                pixels->frames.size(3) / layout.width};
        previewKeep = torch::avg_pool2d(pixels->keep.index_select(0, index), cells);
        previewGiven = torch::avg_pool2d(pixels->frames.index_select(0, index), cells) /
                       previewKeep.clamp_min(1e-6);
        previewKeep = previewKeep.unsqueeze(0).to(device);
        previewGiven = previewGiven.unsqueeze(0).to(device);
    }
    torch::Tensor previousX0;
    auto stepStart = Clock::now();
    const auto denoiseStart = stepStart;
    auto cancelled = [&] { return callbacks.cancel != nullptr && callbacks.cancel->load(); };
    if (cancelled()) return {};
    // An automatic layout follows the free cores while it works too: a build that starts
    // (or ends) during a clip changes the thread count between steps.
    // A change is followed once two readings in a row agree on it: one reading that catches
    // another process between its time slices must not re-split the pools (costly) twice.
    FreeCoreWatch coreWatch;
    int seenCores = 0;
    StepFn onStep = [&](const SamplerStep& step) {
        if (device.is_cuda()) torch::cuda::synchronize();
        result.timings.stepCores.push_back(device.is_cuda() ? 0 : threads.cores);
        if (threads.adaptive && !device.is_cuda())
            if (const int free = coreWatch.poll(); free > 0) {
                if (free == seenCores) threads = adaptThreads(threads, free);
                seenCores = free;
            }
        result.timings.stepSeconds.push_back(secondsSince(stepStart));
        result.stepsDone = step.step;
        if (callbacks.onProgress) {
            StepProgress p;
            p.step = step.step;
            p.totalSteps = step.totalSteps;
            p.elapsedSeconds = secondsSince(start);
            p.secondsLeft = secondsSince(denoiseStart) / step.step * (step.totalSteps - step.step);
            if (previousX0.defined())
                p.predictionChange =
                    ((step.x0 - previousX0).norm() / (step.x0.norm() + 1e-12)).item<double>();
            previousX0 = step.x0;
            callbacks.onProgress(p);
        }
        if (callbacks.onPreview) {
            auto picture = model->preview(step.x0.narrow(1, 0, latentT));
            if (previewKeep.defined())
                picture = previewKeep * previewGiven + (1 - previewKeep) * picture;
            callbacks.onPreview(
                StepPreview{step.step, step.totalSteps, tensorToImages(picture[0])});
        }
        stepStart = Clock::now();
        return !cancelled();
    };
    torch::Tensor latents;
    const FlowSolverKind solver = parseSolver(result.solver);
    if (solver == FlowSolverKind::Euler) {
        latents = sampleEuler(noise, grid, velocity, given, onStep);
    } else {
        if (grid.size() != static_cast<std::size_t>(result.steps) + 1)
            throw Error("the " + result.solver +
                        " sampler cannot start below full noise; use euler");
        latents = sampleMultistep(solver, noise, flowSchedule(solver, result.steps, result.shift),
                                  velocity, onStep, given);
    }
    result.timings.denoiseSeconds = secondsSince(denoiseStart);
    return latents;
}

GenerationResult Engine::generate(const GenerationRequest& request,
                                  const GenerationCallbacks& callbacks) {
    return run(request, callbacks, StreamControls{});
}

GenerationResult Engine::run(const GenerationRequest& request, const GenerationCallbacks& callbacks,
                             const StreamControls& controls) {
    // An automatic thread layout follows the cores other processes leave free (a
    // desktop app shares its machine): measured again before each generation.
    if (m_impl->threads.adaptive) m_impl->threads = adaptThreads(m_impl->threads);
    const auto start = Clock::now();
    // Refused prompts stop here, before any work, whoever asked (CLI, render, studio).
    if (const auto refusal = m_impl->promptFilter.check(request.prompt))
        throw Error(refusal->message(), ErrorKind::PromptRefused);
    VideoModel& model = *m_impl->model;
    const ModelInfo& info = model.info();

    GenerationResult result;
    const Settings s = resolve(request, info, result);
    result.precision = m_impl->bf16 ? "bf16" : "float32";
    GivenPlan plan = planGiven(request, controls, s, info);
    if (s.mode == GenerationMode::Loop && !request.firstFrame) {
        // A loop from text alone: make the opening frame first, then close the loop on it.
        GenerationRequest opening = request;
        opening.mode = GenerationMode::TextToVideo;
        opening.seed = result.seed;
        auto first = run(opening, GenerationCallbacks{{}, {}, callbacks.cancel}, controls);
        if (first.cancelled) {
            result.cancelled = true;
            return result;
        }
        GenerationRequest closing = request;
        closing.firstFrame = first.clip.frames.front();
        closing.seed = result.seed;
        auto loop = run(closing, callbacks, controls);
        loop.timings.totalSeconds = secondsSince(start);
        return loop;
    }

    result.tokens = info.tokenCount(s.frames, s.height, s.width);
    result.shift =
        info.defaults.shift > 0.0 ? info.defaults.shift : timeShiftForTokens(result.tokens);
    const bool guided =
        result.guidance != 1.0 || (info.expertBoundary > 0.0 && result.guidanceLowNoise != 1.0);
    std::vector<std::string> prompts{request.prompt};
    if (guided) prompts.push_back(result.negativePrompt);

    c10::InferenceMode inferenceMode;
    const int64_t latentT = plan.latentT;
    const int64_t refs = static_cast<int64_t>(request.references.size());
    const int64_t totalT = latentT + refs;
    const LatentLayout layout{totalT, latentT, info.latentHeight(s.height),
                              info.latentWidth(s.width)};

    auto phase = Clock::now();
    resetPeakRss();
    const auto promptStates = model.encodePrompts(prompts);  // throws on over-long prompts
    result.timings.textSeconds = secondsSince(phase);
    result.timings.textPeakMb = peakRssSinceResetMb();

    GivenFrames given;
    std::optional<PixelConditions> pixels;
    std::shared_ptr<const DenoiserContext> context;
    phase = Clock::now();
    if (info.pixelConditioning) {
        // Given frames and references condition the denoiser as pixels (none: the model's
        // text-to-video), encoded by the model's own preparation.
        pixels = m_impl->pixelsGiven(request, controls, s, plan, result);
        context = model.prepareConditioned(*promptStates, 0, promptStates->rows(), layout, *pixels);
        result.timings.encodeSeconds = secondsSince(phase);
    } else {
        context = model.prepare(*promptStates, 0, promptStates->rows(), layout);
        if (plan.any(refs)) {
            phase = Clock::now();
            given = m_impl->encodeGiven(request, controls, s, plan, totalT, result);
            result.timings.encodeSeconds = secondsSince(phase);
        }
    }

    auto [noise, grid] = m_impl->startingPoint(request, plan, layout, given, result);
    resetPeakRss();
    auto latents = m_impl->denoise(callbacks, *promptStates, *context, layout, noise, grid, given,
                                   pixels ? &*pixels : nullptr, result, start);
    result.timings.denoisePeakMb = peakRssSinceResetMb();
    if (!latents.defined()) {
        result.cancelled = true;
        result.timings.totalSeconds = secondsSince(start);
        return result;
    }

    latents = latents.narrow(1, 0, latentT);
    if (controls.keepLatents) result.latents = toLatentClip(latents);
    result.clip.fps = s.fps;
    if (controls.decodeFrames) {
        phase = Clock::now();
        resetPeakRss();
        auto video = model.decode(latents, 0, latentT, request.prompt);  // [1,T,3,H,W]
        // What was given comes back exactly as given, blended into what was made around it.
        if (pixels && pixels->keep.sum().item<double>() > 0.0)
            video = pasteGiven(video[0], pixels->frames, pixels->keep).unsqueeze(0);
        result.clip.frames =
            tensorToImages(video[0].narrow(0, plan.keepFrom, plan.keepTo - plan.keepFrom));
        result.timings.decodeSeconds = secondsSince(phase);
        result.timings.decodePeakMb = peakRssSinceResetMb();
    }
    // Every frame we make carries the invisible watermark (provenance/watermark.h), with an
    // id of its own for this generation.
    if (m_impl->watermark && controls.markFrames) markClip(result);
    result.timings.totalSeconds = secondsSince(start);
    return result;
}

}  // namespace kinora
