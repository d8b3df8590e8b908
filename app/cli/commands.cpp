#include "commands.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <numeric>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#ifdef KINORA_HAVE_OPENCV
#include "eval/look_match.h"
#endif
#include "media/clip_writer.h"
#include "media/image_import.h"
#include "models/kinora/kinora_model.h"
#include "models/registry.h"
#include "models/wan/wan_family.h"
#include "pipeline/engine.h"
#include "pipeline/engine_internal.h"
#include "pipeline/long_clip.h"
#include "progress_bar.h"
#include "provenance/delivery.h"
#include "util/error.h"
#include "util/files.h"
#include "util/gemm_peak.h"
#include "util/process_stats.h"

namespace kinora::cli {

namespace {

using nlohmann::json;

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int) {
    g_interrupted.store(true);
}

EngineOptions engineOptions(const Args& args) {
    EngineOptions o;
    o.applyThreads = true;  // the CLI owns its process
    o.modelDir = args.text("model");
    o.device = args.text("device", "cpu");
    o.precision = args.text("precision", "auto");
    o.threads.threads = args.integer("threads", 0, 0, 256);
    o.promptList = args.text("prompt-list");
    for (const std::string& spec : args.all("lora")) {
        o.loras.push_back(parseLoraChoice(spec));
        requireRegularFile(o.loras.back().path, "LoRA file");  // before the model loads
    }
    return o;
}

json timingsJson(const GenerationTimings& t) {
    return {{"text_seconds", t.textSeconds},       {"encode_seconds", t.encodeSeconds},
            {"denoise_seconds", t.denoiseSeconds}, {"decode_seconds", t.decodeSeconds},
            {"total_seconds", t.totalSeconds},     {"step_seconds", t.stepSeconds}};
}

const CommandSpec kGenerateSpec{{"prompt",
                                 "negative",
                                 "seed",
                                 "frames",
                                 "width",
                                 "height",
                                 "steps",
                                 "guidance",
                                 "image",
                                 "model",
                                 "fps",
                                 "out",
                                 "device",
                                 "threads",
                                 "mode",
                                 "last-image",
                                 "context",
                                 "reference",
                                 "seconds",
                                 "prompt-list",
                                 "candidates",
                                 "guidance-smoothing",
                                 "reference-guidance",
                                 "solver",
                                 "mask",
                                 "fit",
                                 "control-strength",
                                 "lora",
                                 "precision"},
                                {"json", "quiet"}};

// The request `generate`'s options describe; images and clips are read (and refused) here,
// before the model loads.
GenerationRequest generationRequest(const Args& args) {
    GenerationRequest request;
    request.prompt = args.required("prompt");
    if (args.has("negative")) request.negativePrompt = args.text("negative");
    request.seed = args.seed("seed");
    request.frames = args.optionalInteger("frames", 1, 1025);
    request.width = args.optionalInteger("width", 1, 4096);
    request.height = args.optionalInteger("height", 1, 4096);
    request.steps = args.optionalInteger("steps", 1, 1000);
    request.guidance = args.optionalNumber("guidance", 0.0, 50.0);
    request.guidanceSmoothing = args.optionalNumber("guidance-smoothing", 0.0, 0.5);
    request.referenceGuidance = args.optionalNumber("reference-guidance", 0.0, 20.0);
    request.fps = args.optionalInteger("fps", 1, 240);
    if (args.has("solver")) request.solver = args.text("solver");
    if (args.has("image")) request.firstFrame = readImage(args.text("image"));
    if (args.has("last-image")) request.lastFrame = readImage(args.text("last-image"));
    if (args.has("context")) request.context = readClip(args.text("context")).frames;
    for (const std::string& r : args.all("reference")) request.references.push_back(readImage(r));
    if (args.has("mask")) request.regionMask = readImage(args.text("mask"));
    if (args.has("fit")) {
        const std::string fit = args.text("fit");
        if (fit != "crop" && fit != "bars") throw Error("--fit: '" + fit + "' is not crop or bars");
        request.imageFit = fit == "crop" ? ImageFit::Crop : ImageFit::Bars;
    }
    request.controlStrength = args.number("control-strength", 1.0, 0.0, 2.0);
    if (args.has("mode")) {
        const std::string mode = args.text("mode");
        const auto parsed = parseGenerationMode(mode);
        if (!parsed)
            throw Error("--mode: unknown mode '" + mode +
                        "' (text-to-video, image-to-video, extend-forward, extend-backward, "
                        "connect, loop, inpaint)");
        request.mode = *parsed;
    }
    return request;
}

std::string hex8(uint32_t id) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08x", id);
    return id ? hex : "";
}

json lorasJson(const std::vector<LoraChoice>& loras) {
    json j = json::array();
    for (const auto& l : loras) {
        json e = {{"file", l.path}, {"strength", l.strength}};
        if (!l.expert.empty()) e["expert"] = l.expert;
        j.push_back(e);
    }
    return j;
}

json generationJson(const GenerationResult& result, const std::string& out,
                    const std::string& modelDir, const std::vector<LoraChoice>& engineLoras) {
    const double rtf = result.clip.durationSeconds() / std::max(result.timings.totalSeconds, 1e-9);
    return {{"output", out},
            {"model", result.modelName},
            {"model_dir", modelDir},
            {"mode", result.mode},
            {"prompt", result.prompt},
            {"negative_prompt", result.negativePrompt},
            {"seed", result.seed},
            {"watermark_id", hex8(result.watermarkId)},
            {"steps", result.steps},
            {"guidance", result.guidance},
            {"guidance_low_noise", result.guidanceLowNoise},
            {"guidance_smoothing", result.guidanceSmoothing},
            {"reference_guidance", result.referenceGuidance},
            {"shift", result.shift},
            {"solver", result.solver},
            {"precision", result.precision},
            {"loras", lorasJson(engineLoras)},
            {"frames", result.clip.frames.size()},
            {"width", result.clip.width()},
            {"height", result.clip.height()},
            {"fps", result.clip.fps},
            {"tokens", result.tokens},
            {"duration_seconds", result.clip.durationSeconds()},
            {"real_time_factor", rtf},
            {"timings", timingsJson(result.timings)}};
}

}  // namespace

int runGenerate(const std::vector<std::string>& argv) {
    const Args args(argv, kGenerateSpec);
    GenerationRequest request = generationRequest(args);
    const std::string out = args.required("out");
    clipFormatForPath(out);  // refuse a bad output path before any work
    // Never write over an input: the clip continued, an image, the word list.
    for (const char* input : {"context", "image", "last-image", "reference", "mask", "prompt-list"})
        for (const std::string& path : args.all(input))
            if (samePath(out, path))
                throw Error("--out " + printablePath(out) + " is the --" + input +
                            " input; write the result to another file");
    const double seconds = args.number("seconds", 0.0, 0.0, 600.0);
    if (seconds > 0.0 && args.has("frames")) throw Error("give --frames or --seconds, not both");
    const int candidates = args.integer("candidates", 1, 1, 16);
    if (candidates > 1 && request.references.empty())
        throw Error("--candidates keeps the try closest to the --reference character; give one");
    if (candidates > 1 && seconds <= 0.0 && request.mode != GenerationMode::Auto &&
        request.mode != GenerationMode::TextToVideo && request.mode != GenerationMode::ImageToVideo)
        throw Error("--candidates needs --seconds in " + std::string(name(request.mode)) + " mode");

    Engine engine(engineOptions(args));
    ProgressBar bar(!args.flag("quiet"));
    GenerationCallbacks callbacks;
    callbacks.onProgress = [&](const StepProgress& p) { bar.update(p); };
    callbacks.cancel = &g_interrupted;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    GenerationResult result;
    if (seconds > 0.0 || candidates > 1) {
        // Any length: overlapping windows of the model's clip, each extending the last;
        // with --candidates, each window the best of that many tries.
        const int fps = request.fps.value_or(engine.info().defaults.fps);
        const int total = seconds > 0.0 ? std::max(1, static_cast<int>(std::lround(seconds * fps)))
                                        : request.frames.value_or(engine.info().defaults.frames);
        LongClipOptions options;
        if (candidates > 1) {
#ifdef KINORA_HAVE_OPENCV
            eval::matchLook(options, request.references.front(), candidates);
#else
            throw Error("--candidates needs a build with OpenCV");
#endif
        }
        result = generateLongClip(engine, request, total, callbacks, options).result;
    } else {
        result = engine.generate(request, callbacks);
    }
    bar.finish();
    if (result.cancelled) {
        std::fprintf(stderr, "kinora-cli: interrupted after %d of %d steps; nothing written\n",
                     result.stepsDone, result.steps);
        return 130;
    }
    writeClip(result.clip, out);
    const json j = generationJson(result, out, engine.modelDir(), engine.info().loras);
    if (args.flag("json")) {
        std::cout << j.dump(2) << std::endl;
    } else if (!args.flag("quiet")) {
        std::fprintf(
            stderr, "wrote %s: %zu frames %dx%d at %d fps, seed %llu, %.2f s (%.2fx real time)\n",
            out.c_str(), result.clip.frames.size(), result.clip.width(), result.clip.height(),
            result.clip.fps, static_cast<unsigned long long>(result.seed),
            result.timings.totalSeconds, j["real_time_factor"].get<double>());
    }
    return 0;
}

int runInitModel(const std::vector<std::string>& argv) {
    const Args args(argv, {{"out", "seed", "size", "dtype", "family"}, {"force", "tiny-text"}});
    const std::string out = args.required("out");
    const auto seed = args.seed("seed");
    if (!seed) throw Error("--seed is required");
    const std::string size = args.text("size", "tiny");
    const std::string family = args.text("family", "kinora");
    if (family == "wan2.1" || family == "wan" || family == "wan2.1-vace" ||
        family == "wan2.2-a14b" || family == "wan2.2-a14b-i2v" || family == "wan2.2" ||
        family == "wan2.1-i2v" || family == "wan2.1-flf2v") {
        if (std::filesystem::exists(out) && !std::filesystem::is_empty(out) && !args.flag("force"))
            throw Error(out + ": is not empty; pass --force to write the model there");
        applyThreadLayout();
        const auto files = wan::writeRandomWan(out, size, *seed, args.text("dtype", "bf16"),
                                               args.flag("tiny-text"),
                                               family == "wan2.1-vace"       ? "vace"
                                               : family == "wan2.2-a14b"     ? "a14b"
                                               : family == "wan2.2-a14b-i2v" ? "a14b-i2v"
                                               : family == "wan2.2"          ? "ti2v"
                                               : family == "wan2.1-i2v"      ? "i2v"
                                               : family == "wan2.1-flf2v"    ? "flf2v"
                                                                             : "t2v");
        for (const auto& f : files)
            std::fprintf(stderr, "wrote %s (%.1f MB)\n", f.c_str(),
                         static_cast<double>(std::filesystem::file_size(f)) / 1e6);
        return 0;
    }
    if (family != "kinora")
        throw Error("--family: unknown family '" + family +
                    "' (kinora, wan2.1, wan2.1-vace, wan2.1-i2v, wan2.1-flf2v, wan2.2 (TI2V-5B), "
                    "wan2.2-a14b, wan2.2-a14b-i2v)");
    const DType dtype = parseDType(args.text("dtype", "F32"));
    const std::filesystem::path manifest = std::filesystem::path(out) / ModelManifest::kFileName;
    if (std::filesystem::exists(manifest) && !args.flag("force"))
        throw Error(out + ": already holds a model; pass --force to overwrite it");
    auto config = modelConfigForSize(size);
    applyThreadLayout();
    KinoraModel model = createRandomModel(config, *seed);
    saveModel(model, out, dtype);
    std::fprintf(stderr,
                 "wrote %s: %s, %.2f M parameters, deterministic random weights (seed %llu)\n",
                 out.c_str(), config.name.c_str(), model->parameterCount() / 1e6,
                 static_cast<unsigned long long>(*seed));
    return 0;
}

int runWanInfo(const std::string& path, bool asJson) {
    const auto listed = modelPathFiles(path);
    const auto files = wan::findWanFiles(listed.empty() ? std::vector<std::string>{path} : listed);
    const auto found = detectModel(path);
    const auto s = wan::summarizeWan(files);
    auto join = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : ", ") + x;
        return out;
    };
    // The canvas the memory figure is for: the release's own.
    const bool ti2v = s.variant.rfind("ti2v", 0) == 0;
    const int64_t tokens = ti2v ? 31 * 22 * 40   // 1280x704, 121 frames: 16x, patches of 2x2
                                : 21 * 30 * 52;  // 832x480, 81 frames
    const std::string canvas = ti2v ? "1280x704, 121 frames" : "832x480, 81 frames";
    // What each kind makes (the same names generate --mode takes).
    const std::vector<std::string> modes =
        s.variant.rfind("vace", 0) == 0
            ? std::vector<std::string>{"text-to-video",   "image-to-video", "extend-forward",
                                       "extend-backward", "connect",        "loop",
                                       "inpaint"}
        : s.variant.rfind("t2v", 0) == 0 ? std::vector<std::string>{"text-to-video"}
        : ti2v ? std::vector<std::string>{"text-to-video", "image-to-video"}
        : s.variant.rfind("flf2v", 0) == 0 ? std::vector<std::string>{"image-to-video", "connect"}
        : s.variant.rfind("i2v", 0) == 0 && !s.experts && !files.imageEncoder.empty()
            ? std::vector<std::string>{"image-to-video"}
        : s.variant.rfind("i2v", 0) == 0 && s.experts ? std::vector<std::string>{"image-to-video"}
                                                      : std::vector<std::string>{};
    const std::string release = s.experts || ti2v ? "Wan 2.2" : "Wan 2.1";
    if (asJson) {
        json j = {{"family", "wan2.1"},
                  {"release", release},
                  {"variant", s.variant},
                  {"layout", files.layout},
                  {"modes", modes},
                  {"denoiser",
                   {{"files", files.denoiser},
                    {"low_noise_files", files.lowNoise},
                    {"parameters", s.ditParameters},
                    {"bytes", s.ditBytes},
                    {"dtypes", s.ditDtypes},
                    {"dim", s.dim},
                    {"layers", s.layers},
                    {"heads", s.heads}}},
                  {"text_encoder",
                   {{"files", files.textEncoder},
                    {"parameters", s.t5Parameters},
                    {"bytes", s.t5Bytes},
                    {"dtypes", s.t5Dtypes}}},
                  {"vae",
                   {{"file", files.vae},
                    {"parameters", s.vaeParameters},
                    {"bytes", s.vaeBytes},
                    {"dtypes", s.vaeDtypes}}},
                  {"image_encoder",
                   {{"file", files.imageEncoder},
                    {"parameters", s.clipParameters},
                    {"bytes", s.clipBytes},
                    {"dtypes", s.clipDtypes}}},
                  {"tokenizer", files.tokenizer},
                  {"memory_canvas", canvas},
                  {"memory_bytes", s.memoryBytes(tokens)},
                  {"missing", found.missing}};
        std::cout << j.dump(2) << std::endl;
        return 0;
    }
    std::printf("model        %s %s (%s layout)\n", release.c_str(), s.variant.c_str(),
                files.layout.c_str());
    std::printf("modes        %s\n",
                modes.empty() ? "none yet (recognised, not run)" : join(modes).c_str());
    std::printf(
        "denoiser     %.3f B parameters, %s, %.2f GB as stored: dim %lld, %lld layers, %lld "
        "heads\n",
        s.ditParameters / 1e9, join(s.ditDtypes).c_str(), s.ditBytes / 1e9,
        static_cast<long long>(s.dim), static_cast<long long>(s.layers),
        static_cast<long long>(s.heads));
    for (const auto& f : files.denoiser)
        std::printf("               %s%s\n", f.c_str(), s.experts ? " (high-noise expert)" : "");
    for (const auto& f : files.lowNoise)
        std::printf("               %s (low-noise expert)\n", f.c_str());
    std::printf("text encoder %.3f B parameters, %s, %.2f GB (read block by block from the file)\n",
                s.t5Parameters / 1e9, join(s.t5Dtypes).c_str(), s.t5Bytes / 1e9);
    for (const auto& f : files.textEncoder) std::printf("               %s\n", f.c_str());
    std::printf("VAE          %.1f M parameters, %s, %.2f GB\n               %s\n",
                s.vaeParameters / 1e6, join(s.vaeDtypes).c_str(), s.vaeBytes / 1e9,
                files.vae.c_str());
    if (!files.imageEncoder.empty())
        std::printf("image        %.1f M parameters, %s, %.2f GB (CLIP)\n               %s\n",
                    s.clipParameters / 1e6, join(s.clipDtypes).c_str(), s.clipBytes / 1e9,
                    files.imageEncoder.c_str());
    std::printf("tokenizer    %s\n",
                files.tokenizer.empty() ? "(missing)" : files.tokenizer.c_str());
    std::printf("memory       about %.1f GB to generate %s, on the CPU\n",
                static_cast<double>(s.memoryBytes(tokens)) / 1e9, canvas.c_str());
    if (!found.complete()) std::printf("missing      %s\n", join(found.missing).c_str());
    return 0;
}

int runInfo(const std::vector<std::string>& argv) {
    const Args args(argv, {{}, {"json"}, 1});
    if (args.positional().empty()) throw Error("usage: kinora-cli info MODEL_PATH");
    const std::string dir = resolveModelPath(args.positional()[0]);  // a shipped name too
    if (detectModel(dir).family == "wan2.1") return runWanInfo(dir, args.flag("json"));
    KinoraModel model = loadModel(dir);  // validates everything
    const ModelManifest& m = model->manifest();
    SafetensorsFile file((std::filesystem::path(dir) / m.weightsFile).string());
    auto count = [&](torch::nn::Module& mod) {
        int64_t n = 0;
        for (const auto& p : mod.parameters()) n += p.numel();
        return n;
    };
    const ModelConfig& c = m.config;
    const int64_t tokens = c.tokenCount(c.defaults.frames, c.defaults.height, c.defaults.width);
    if (args.flag("json")) {
        json tensors = json::array();
        for (const auto& e : file.entries())
            tensors.push_back(
                {{"name", e.name}, {"dtype", dtypeName(e.dtype)}, {"shape", e.shape}});
        json j = m.toJson();
        j["parameters"] = {{"total", model->parameterCount()},
                           {"vae", count(*model->vae)},
                           {"text", count(*model->text)},
                           {"dit", count(*model->dit)}};
        j["default_clip_tokens"] = tokens;
        j["tensors"] = tensors;
        std::cout << j.dump(2) << std::endl;
        return 0;
    }
    std::printf("model        %s (%s)\n", c.name.c_str(), dir.c_str());
    std::printf("parameters   %.3f M total: vae %.3f M, text %.3f M, dit %.3f M\n",
                model->parameterCount() / 1e6, count(*model->vae) / 1e6, count(*model->text) / 1e6,
                count(*model->dit) / 1e6);
    std::printf("autoencoder  %d latent channels, %dx spatial, %dx temporal (causal), channels",
                c.vae.latentChannels, c.vae.spatialFactor, c.vae.temporalFactor);
    for (int ch : c.vae.channels) std::printf(" %d", ch);
    if (c.vae.textBlocks > 0)
        std::printf(", decoder reads the caption (%d cross-attention blocks)", c.vae.textBlocks);
    std::printf("\ntext         %s, vocab %d, dim %d, depth %d, heads %d, max %d tokens\n",
                c.tokenizer.c_str(), c.text.vocabSize, c.text.dim, c.text.depth, c.text.heads,
                c.text.maxTokens);
    std::printf(
        "denoiser     DiT dim %d, depth %d, heads %d, mlp x%d, patch %dx%dx%d, 3D RoPE, "
        "QK-RMSNorm\n",
        c.dit.dim, c.dit.depth, c.dit.heads, c.dit.mlpRatio, c.dit.patchT, c.dit.patchH,
        c.dit.patchW);
    std::printf(
        "defaults     %dx%d, %d frames at %d fps (%lld tokens), %d steps, guidance %.2f "
        "(smoothed along time %.2f)\n",
        c.defaults.width, c.defaults.height, c.defaults.frames, c.defaults.fps,
        static_cast<long long>(tokens), c.defaults.steps, c.defaults.guidance,
        c.defaults.guidanceSmoothing);
    std::printf("training     %s\n", m.training.dump().c_str());
    std::printf("tensors      %zu in %s\n", file.entries().size(), m.weightsFile.c_str());
    for (const auto& e : file.entries())
        std::printf("  %-48s %-5s %s\n", e.name.c_str(), dtypeName(e.dtype),
                    shapeString(e.shape).c_str());
    return 0;
}

namespace {

// Processes that keep one core busy each until destroyed.
class BusyProcesses {
public:
    /// @brief `n` spinning processes, started now or (`later`) by startAfter().
    explicit BusyProcesses(int n, bool later = false) : m_wanted(n) {
        if (!later) startAll();
    }
    ~BusyProcesses() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_all();
        if (m_starter.joinable()) m_starter.join();
        for (pid_t pid : m_pids) kill(pid, SIGKILL);
        for (pid_t pid : m_pids) waitpid(pid, nullptr, 0);
    }
    BusyProcesses(const BusyProcesses&) = delete;
    BusyProcesses& operator=(const BusyProcesses&) = delete;
    /// @brief Starts them `seconds` from now instead (a build that begins mid-clip).
    void startAfter(double seconds) {
        m_starter = std::thread([this, seconds] {
            std::unique_lock<std::mutex> lock(m_mutex);
            if (!m_wake.wait_for(lock, std::chrono::duration<double>(seconds),
                                 [this] { return m_stopping; }))
                startAll();
        });
    }
    int count() const { return m_wanted; }

private:
    void startAll() {
        for (int i = 0; i < m_wanted; ++i) {
            const pid_t pid = fork();
            if (pid == 0) {
                volatile uint64_t x = 0;
                for (;;) x = x + 1;  // a spinning core, like `yes > /dev/null`
            }
            if (pid > 0) m_pids.push_back(pid);
        }
    }
    int m_wanted = 0;
    std::vector<pid_t> m_pids;
    std::thread m_starter;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
};

}  // namespace

int runBench(const std::vector<std::string>& argv) {
    const Args args(argv, {{"model", "runs", "steps", "frames", "width", "height", "device",
                            "threads", "warmup", "load", "load-after", "precision", "guidance"},
                           {"json", "no-decode"}});
    const int runs = args.integer("runs", 3, 1, 100);
    const int warmups = args.integer("warmup", 1, 0, 10);
    // --load N: N busy processes beside the benchmark (as a browser tab or a build is on a
    // desktop), started here and stopped when it ends, however it ends. --load-after S
    // starts them S seconds into the timed runs instead (a build that begins mid-clip).
    const double loadAfter = args.number("load-after", -1.0, 0.0, 3600.0);
    BusyProcesses load(args.integer("load", 0, 0, 64), /*later=*/loadAfter >= 0.0);
    Engine engine(engineOptions(args));
    GenerationRequest request;
    request.prompt = "a big red ball bounces on the grass";
    request.seed = 1;
    request.steps = args.optionalInteger("steps", 1, 1000);
    request.frames = args.optionalInteger("frames", 1, 1025);
    request.width = args.optionalInteger("width", 1, 4096);
    request.height = args.optionalInteger("height", 1, 4096);
    request.guidance = args.optionalNumber("guidance", 0.0, 50.0);
    // --no-decode: the text encoder and the denoising only, for models whose decoder would
    // take longer than the steps being measured (a 720p clip of a 5B model on a CPU).
    StreamControls controls;
    controls.decodeFrames = !args.flag("no-decode");
    controls.markFrames = controls.decodeFrames;
    auto generate = [&] { return EngineAccess::generate(engine, request, controls); };

    const std::string device = args.text("device", "cpu");
    const double gemmPeak = measureGemmPeakGflops(device);
    for (int i = 0; i < warmups; ++i) generate();  // allocator, BLAS buffers
    if (loadAfter >= 0.0) load.startAfter(loadAfter);
    std::vector<GenerationResult> results;
    for (int i = 0; i < runs; ++i) results.push_back(generate());

    auto mean = [&](auto field) {
        double s = 0.0;
        for (const auto& r : results) s += field(r);
        return s / static_cast<double>(results.size());
    };
    const double total = mean([](const GenerationResult& r) { return r.timings.totalSeconds; });
    const double denoise = mean([](const GenerationResult& r) { return r.timings.denoiseSeconds; });
    const double flops = mean([](const GenerationResult& r) { return r.timings.denoiserFlops; });
    const GenerationResult& first = results.front();
    const double perStep = denoise / first.steps;
    // Without decoding the clip has no frames: its canvas is the request's (or the model's).
    const bool decoded = controls.decodeFrames;
    const ModelDefaults& defaults = engine.info().defaults;
    const int width = decoded ? first.clip.width() : request.width.value_or(defaults.width);
    const int height = decoded ? first.clip.height() : request.height.value_or(defaults.height);
    const int frames = decoded ? static_cast<int>(first.clip.frames.size())
                               : request.frames.value_or(defaults.frames);
    const double duration = static_cast<double>(frames) / std::max(1, first.clip.fps);
    const double denoiserGflops = flops / denoise / 1e9;
    json j = {
        {"model", first.modelName},
        {"model_dir", engine.modelDir()},
        {"device", engine.deviceName()},
        {"blas", engine.threads().blas},
        {"torch_threads", engine.threads().torchThreads},
        {"adaptive_threads", engine.threads().adaptive},
        {"load_processes", load.count()},
        {"load_after_seconds", loadAfter >= 0.0 ? json(loadAfter) : json(nullptr)},
        {"step_seconds", first.timings.stepSeconds},
        {"step_cores", first.timings.stepCores},
        {"blas_threads", engine.threads().blasThreads},
        {"parameters", engine.info().parameters},
        {"width", width},
        {"height", height},
        {"frames", frames},
        {"decoded", decoded},
        {"fps", first.clip.fps},
        {"tokens", first.tokens},
        {"steps", first.steps},
        {"guidance", first.guidance},
        {"precision", first.precision},
        {"runs", runs},
        {"warmup_runs", warmups},
        {"clip_seconds", duration},
        {"seconds_per_step", perStep},
        {"total_seconds", total},
        {"text_seconds", mean([](const GenerationResult& r) { return r.timings.textSeconds; })},
        {"decode_seconds", mean([](const GenerationResult& r) { return r.timings.decodeSeconds; })},
        {"real_time_factor", decoded ? json(duration / total) : json(nullptr)},
        {"peak_rss_mb", peakRssMb()},
        {"text_peak_rss_mb", mean([](const GenerationResult& r) { return r.timings.textPeakMb; })},
        {"denoise_peak_rss_mb",
         mean([](const GenerationResult& r) { return r.timings.denoisePeakMb; })},
        {"decode_peak_rss_mb",
         mean([](const GenerationResult& r) { return r.timings.decodePeakMb; })},
        {"denoiser_gflops", denoiserGflops},
        {"gemm_peak_gflops", gemmPeak},
        {"gemm_peak_device", device},
        {"denoiser_fraction_of_peak", denoiserGflops / gemmPeak}};
    if (args.flag("json")) {
        std::cout << j.dump(2) << std::endl;
        return 0;
    }
    std::printf("model              %s (%.2f M parameters, %s)\n", first.modelName.c_str(),
                engine.info().parameters / 1e6, engine.deviceName().c_str());
    std::printf("threads            %d torch, %d BLAS (%s)\n", engine.threads().torchThreads,
                engine.threads().blasThreads, engine.threads().blas.c_str());
    std::printf(
        "clip               %dx%d, %d frames at %d fps = %.3f s, %lld tokens, %d steps, guidance "
        "%.1f\n",
        width, height, frames, first.clip.fps, duration, static_cast<long long>(first.tokens),
        first.steps, first.guidance);
    std::printf("seconds per step   %.4f\n", perStep);
    std::printf("total seconds      %.3f (text %.3f, decode %.3f), mean of %d runs\n", total,
                j["text_seconds"].get<double>(), j["decode_seconds"].get<double>(), runs);
    if (decoded)
        std::printf(
            "real-time factor   %.2f (clip duration / wall time; > 1 is faster than real time)\n",
            duration / total);
    else
        std::printf("real-time factor   - (not decoded: --no-decode)\n");
    std::printf("peak RSS           %.1f MB (text %.1f, denoising %.1f, decoding %.1f)\n",
                peakRssMb(), j["text_peak_rss_mb"].get<double>(),
                j["denoise_peak_rss_mb"].get<double>(), j["decode_peak_rss_mb"].get<double>());
    std::printf("denoiser           %.1f GFLOP/s = %.0f%% of the GEMM peak %.1f GFLOP/s\n",
                denoiserGflops, 100.0 * denoiserGflops / gemmPeak, gemmPeak);
    return 0;
}

}  // namespace kinora::cli
