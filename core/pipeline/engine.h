#pragma once

/// The engine: one loaded model turning generation requests into clips. This header (with
/// generation.h and model_info.h) is all a front end needs; it carries no torch type.
///
///     #include "pipeline/engine.h"
///
///     kinora::EngineOptions options;          // the embedded model, on the CPU
///     options.applyThreads = true;            // an application owns its process
///     kinora::Engine engine(options);         // throws kinora::Error (ErrorKind::ModelLoad)
///     kinora::GenerationRequest request;
///     request.prompt = "a big red ball bounces on the grass";
///     request.seed = 7;                       // unset fields take the model's defaults
///     kinora::GenerationCallbacks callbacks;
///     callbacks.onProgress = [](const kinora::StepProgress& p) { /* p.step of p.totalSteps */ };
///     kinora::GenerationResult clip = engine.generate(request, callbacks);
///     // clip.clip.frames: watermarked RGB frames at clip.clip.fps
///
/// Longer clips than one window: pipeline/long_clip.h. Errors are kinora::Error with a
/// kind (util/error.h): an invalid request, a refused prompt, a model that cannot load.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "pipeline/generation.h"
#include "pipeline/model_info.h"
#include "util/threads.h"

namespace kinora {

struct EngineOptions {
    std::string modelDir;        ///< empty: the embedded model (embeddedModelDir())
    std::string device = "cpu";  ///< "cpu" or "cuda"
    /// The denoiser's matrix products: "float32"; "bf16" (autocast: eligible products in
    /// bfloat16, everything else float32); "auto" (default): bf16 for an embedded-family
    /// model (its recipe trained with bf16 products) on a CPU that multiplies bfloat16
    /// natively (cpuHasNativeBf16: about twice the speed, the held-out suite within one
    /// clip), float32 otherwise. GenerationResult::precision says which was used.
    std::string precision = "auto";
    /// Apply `threads` (torch's and the BLAS's thread counts, the allocator's settings)
    /// when the engine loads. They are process-wide, so only an application that owns its
    /// process (the studio, the CLI) turns this on; a library user leaves them alone.
    bool applyThreads = false;
    /// Prompt filter word list (JSON, safety/prompt_filter.h); empty: the built-in list.
    std::string promptList;
    /// Mark every frame with the invisible watermark (provenance/watermark.h). Only the
    /// watermark's own evaluation turns it off, to have unmarked clips to compare with.
    bool watermark = true;
    /// LoRA files merged into the model's denoiser when it loads (Wan models).
    std::vector<LoraChoice> loras;
    ThreadLayout threads;
};

/// @brief Whether "cuda" is a device this build and machine can run on (what a settings
/// dialog offers).
bool cudaDeviceAvailable();

struct StreamControls;

/// @brief Loads a model (any family the registry knows, models/registry.h) and turns
/// requests into clips. Not thread-safe: one thread (the inference worker) owns an Engine
/// and calls generate() one job at a time.
class Engine {
public:
    /// @brief Loads the model. Throws Error (ErrorKind::ModelLoad) with a clear message.
    explicit Engine(const EngineOptions& options = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// @brief Runs one job. Throws Error for invalid requests (ErrorKind::InvalidRequest)
    /// and refused prompts (ErrorKind::PromptRefused); returns a result with `cancelled`
    /// set when the cancel flag stopped it.
    GenerationResult generate(const GenerationRequest& request,
                              const GenerationCallbacks& callbacks = {});

    /// @brief Frames of latent frames [fromLatent, toLatent) of `latents` (unset: to the
    /// end), as decoding the whole stream gives them, in pieces of bounded memory however
    /// long the stream. `prompt`: the caption a decoder that reads one draws by (the clip's
    /// prompt; empty: the latents alone). Throws Error when the latents do not fit the model.
    std::vector<Image> decodeLatents(const LatentClip& latents, int fromLatent = 0,
                                     std::optional<int> toLatent = std::nullopt,
                                     const std::string& prompt = {});

    /// @brief What the loaded model is: family, name, defaults, modes, latent geometry.
    const ModelInfo& info() const;
    const std::string& modelDir() const;
    std::string deviceName() const;
    /// @brief Merges LoRA files into the model's denoiser, replacing the ones it carries
    /// (empty: none); info().loras follows. Throws Error, changing nothing, on a file that
    /// does not fit or a model that takes none.
    void setLoras(const std::vector<LoraChoice>& loras);
    /// @brief Whether generated frames are watermarked (EngineOptions::watermark).
    bool watermarks() const;
    /// @brief The thread layout applied when the engine loaded (blas "" when it applied none).
    const AppliedThreads& threads() const;

private:
    friend struct EngineAccess;
    GenerationResult run(const GenerationRequest& request, const GenerationCallbacks& callbacks,
                         const StreamControls& controls);

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kinora
