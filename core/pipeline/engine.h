#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "model/model_config.h"
#include "pipeline/generation.h"
#include "util/threads.h"

namespace kinora {

struct EngineOptions {
    std::string modelDir;        ///< empty: the embedded model (defaultModelDir())
    std::string device = "cpu";  ///< "cpu" or "cuda"
    bool applyThreads = true;    ///< apply `threads` when the engine loads
    /// Prompt filter word list (JSON, safety/prompt_filter.h); empty: the built-in list.
    std::string promptList;
    /// Mark every frame with the invisible watermark (provenance/watermark.h). Only the
    /// watermark's own evaluation turns it off, to have unmarked clips to compare with.
    bool watermark = true;
    ThreadLayout threads;
};

/// @brief Loads a model and turns requests into clips. Free of torch types so the UI can
/// include it. Not thread-safe: one thread (the inference worker) owns an Engine and
/// calls generate() one job at a time.
class Engine {
public:
    /// @brief Loads the model. Throws Error with a clear message.
    explicit Engine(const EngineOptions& options = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    /// @brief Runs one job. Throws Error for invalid requests; returns a result with
    /// `cancelled` set when the cancel flag stopped it.
    GenerationResult generate(const GenerationRequest& request,
                              const GenerationCallbacks& callbacks = {});

    /// @brief Frames of latent frames [fromLatent, toLatent) of `latents` (toLatent -1: to
    /// the end), as decoding the whole stream gives them, in pieces of bounded memory
    /// however long the stream. `prompt`: the caption a decoder that reads one draws by
    /// (the clip's prompt; empty: the latents alone). Throws Error when the latents do not
    /// fit the model.
    std::vector<Image> decodeLatents(const LatentClip& latents, int fromLatent = 0,
                                     int toLatent = -1, const std::string& prompt = {});

    const ModelConfig& config() const;
    const std::string& modelDir() const;
    int64_t parameterCount() const;
    std::string deviceName() const;
    /// @brief Whether generated frames are watermarked (EngineOptions::watermark).
    bool watermarks() const;
    /// @brief The thread layout applied when the engine loaded (blas "" when it applied none).
    const AppliedThreads& threads() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// @brief Marks `result.clip` with the invisible watermark (id in result.watermarkId, a
/// hash of the seed, prompts, settings and model: the same request gives the same frames);
/// clips shorter than 2 frames or smaller than 16x16 stay unmarked.
void markClip(GenerationResult& result);

}  // namespace kinora
