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

    const ModelConfig& config() const;
    const std::string& modelDir() const;
    int64_t parameterCount() const;
    std::string deviceName() const;
    /// @brief The thread layout applied when the engine loaded (blas "" when it applied none).
    const AppliedThreads& threads() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kinora
