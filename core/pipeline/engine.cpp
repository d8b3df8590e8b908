#include "pipeline/engine.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <random>

#include <torch/torch.h>

#include "model/kinora_model.h"
#include "sampler/flow_sampler.h"
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

uint64_t randomSeed() {
    std::random_device rd;
    return (static_cast<uint64_t>(rd()) << 32 | rd()) & ((1ull << 53) - 1);  // exact in JSON
}

}  // namespace

struct Engine::Impl {
    std::string modelDir;
    torch::Device device{torch::kCPU};
    KinoraModel model{nullptr};
};

Engine::Engine(const EngineOptions& options) : m_impl(std::make_unique<Impl>()) {
    if (options.applyThreads) applyThreadLayout(options.threads);
    if (options.device == "cuda") {
        if (!torch::cuda::is_available())
            throw Error("--device cuda: no CUDA device is available in this build");
        m_impl->device = torch::Device(torch::kCUDA);
    } else if (options.device != "cpu") {
        throw Error("unknown device '" + options.device + "' (cpu or cuda)");
    }
    m_impl->modelDir = options.modelDir.empty() ? defaultModelDir() : options.modelDir;
    m_impl->model = loadModel(m_impl->modelDir);
    m_impl->model->to(m_impl->device);
}

Engine::~Engine() = default;

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

GenerationResult Engine::generate(const GenerationRequest& request,
                                  const GenerationCallbacks& callbacks) {
    const auto start = Clock::now();
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
    const int fps = request.fps > 0 ? request.fps : cfg.defaults.fps;
    if (fps > 240) throw Error("fps must be 1..240");
    result.seed = request.seed ? *request.seed : randomSeed();
    result.prompt = request.prompt;
    result.negativePrompt = request.negativePrompt;
    result.modelName = cfg.name;
    result.mode = request.firstFrame ? "image-to-video" : "text-to-video";
    result.tokens = cfg.tokenCount(frames, height, width);
    result.shift =
        cfg.defaults.shift > 0.0 ? cfg.defaults.shift : timeShiftForTokens(result.tokens);

    const bool guided = result.guidance != 1.0;
    std::vector<std::string> prompts{request.prompt};
    if (guided) prompts.push_back(request.negativePrompt);
    TokenBatch tokens = tokenizePrompts(prompts, cfg.text);  // throws on over-long prompts

    c10::InferenceMode inferenceMode;
    const int64_t latentT = cfg.latentFrames(frames);
    const int64_t latentH = cfg.latentHeight(height), latentW = cfg.latentWidth(width);
    const int64_t channels = cfg.vae.latentChannels;

    auto phase = Clock::now();
    tokens.ids = tokens.ids.to(device);
    tokens.valid = tokens.valid.to(device);
    auto textStates = model->text->forward(tokens);
    DitContext ctx = model->dit->prepare(textStates, tokens.valid, latentT, latentH, latentW);
    result.timings.textSeconds = secondsSince(phase);

    GivenFrames given;
    if (request.firstFrame) {
        phase = Clock::now();
        const Image fitted = fitImageToCanvas(*request.firstFrame, width, height);
        auto mean = model->vae->encode(fromImage(fitted, device)).first;  // [1,1,C,h,w]
        auto z = model->normalizeLatents(mean);
        given.latents = torch::zeros({1, latentT, channels, latentH, latentW}, z.options());
        given.latents.narrow(1, 0, 1).copy_(z);
        given.mask = torch::zeros({latentT}, z.options());
        given.mask[0] = 1.0;
        result.timings.encodeSeconds = secondsSince(phase);
    }

    auto generator = at::detail::createCPUGenerator(result.seed);
    auto noise =
        at::randn({1, latentT, channels, latentH, latentW}, generator, torch::kFloat).to(device);

    const double flopsPerRow = denoiserFlops(cfg, result.tokens, tokens.ids.size(1), 1);
    auto modelFn = [&](const torch::Tensor& x, const torch::Tensor& t, bool withUncond) {
        result.timings.denoiserFlops += flopsPerRow * static_cast<double>(x.size(0));
        return model->dit->forward(x, t, ctx);
    };
    VelocityFn velocity = [&](const torch::Tensor& x, const torch::Tensor& t) {
        return guidedVelocity(modelFn, x, t, result.guidance);
    };

    const auto grid = shiftedTimeGrid(result.steps, result.shift);
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
            StepPreview preview{
                s.step, s.totalSteps,
                toImages(model->vae->previewRgb(model->denormalizeLatents(s.x0))[0])};
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

    phase = Clock::now();
    auto video = model->vae->decode(model->denormalizeLatents(latents));  // [1,T,3,H,W]
    result.clip.frames = toImages(video[0]);
    result.clip.fps = fps;
    result.timings.decodeSeconds = secondsSince(phase);
    result.timings.totalSeconds = secondsSince(start);
    return result;
}

}  // namespace kinora
