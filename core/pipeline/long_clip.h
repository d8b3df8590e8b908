#pragma once

#include <functional>
#include <vector>

#include "pipeline/engine.h"

namespace kinora {

/// @brief Where a clip's windows start: frames [windowStarts[i], windowStarts[i+1]) came
/// from window i (the seams are at windowStarts[1..]).
struct LongClipResult {
    GenerationResult result;  ///< clip holds exactly the frames asked for
    std::vector<int> windowStarts;
    int windows = 0;
};

struct LongClipOptions {
    int windowFrames = 0;    ///< frames per window, 1 + 4k; 0: the model's default clip
    int overlapLatents = 2;  ///< latent frames each extension window is given
    /// Called before each window (0-based) with the window count.
    std::function<void(int window, int windows)> onWindow;
};

/// @brief Frames a window of `windowFrames` adds after the first one.
int framesPerExtension(const ModelConfig& config, int windowFrames, int overlapLatents);

/// @brief Generates `totalFrames` frames in `request`'s mode. A clip longer than one
/// window is made of overlapping windows: the first in the request's mode, each next one
/// an extension given the last frames so far (same prompt, references and settings, seed
/// + window). Modes that fix the clip's end (connect, loop, extend-backward) are made in
/// one window and refuse longer clips with a clear message. Progress is reported over all
/// windows (step counts add up). Throws Error.
LongClipResult generateLongClip(Engine& engine, const GenerationRequest& request, int totalFrames,
                                const GenerationCallbacks& callbacks = {},
                                const LongClipOptions& options = {});

}  // namespace kinora
