#pragma once

// The engine's internals: what the pipeline's own code (long clips, tests, evaluation)
// may ask beyond the public Engine. Not for front ends.

#include "pipeline/engine.h"

namespace kinora {

class VideoModel;

/// @brief How one generation takes part in a longer latent stream.
struct StreamControls {
    /// Extend forward from latents instead of frames (GenerationResult::latents of the clip
    /// so far): its last `contextLatents` latent frames are given as they are, not
    /// re-encoded from frames, so a clip grown this way stays one latent stream. The
    /// request's `context` is then unused.
    LatentClip latentContext;
    /// Return the clip's latents in GenerationResult::latents (context included).
    bool keepLatents = false;
    /// Decode the latents into frames. Off (with keepLatents) for callers that decode a
    /// longer stream themselves (Engine::decodeLatents); the clip then stays empty.
    bool decodeFrames = true;
    /// Mark the frames with the invisible watermark when the engine allows it. A caller
    /// that cuts or joins clips turns it off and marks the result itself (markClip).
    bool markFrames = true;
};

/// @brief The door to the engine's internals.
struct EngineAccess {
    static GenerationResult generate(Engine& engine, const GenerationRequest& request,
                                     const StreamControls& controls,
                                     const GenerationCallbacks& callbacks = {}) {
        return engine.run(request, callbacks, controls);
    }
    /// @brief The loaded model behind the seam.
    static VideoModel& model(Engine& engine);
};

/// @brief Marks `result.clip` with the invisible watermark (id in result.watermarkId, a
/// hash of the seed, prompts, settings and model: the same request gives the same frames);
/// clips shorter than 2 frames or smaller than 16x16 stay unmarked.
void markClip(GenerationResult& result);

}  // namespace kinora
