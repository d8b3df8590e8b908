#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "pipeline/engine.h"

namespace kinora {

/// @brief Where a clip's windows start: frame windowStarts[i] is the first that window i
/// changes. With blending, frames [windowStarts[i], windowStarts[i] + blendFrames) mix
/// window i - 1 into window i; from there on they are window i's own.
struct LongClipResult {
    GenerationResult result;  ///< clip holds exactly the frames asked for
    std::vector<int> windowStarts;
    int windows = 0;
    int blendFrames = 0;  ///< frames of each join that mix two windows
};

struct LongClipOptions {
    int windowFrames = 0;    ///< frames per window, 1 + 4k; 0: the model's default clip
    int overlapLatents = 2;  ///< latent frames each extension window is given
    /// Frames that two windows both make and that are cross-faded from the earlier window
    /// to the later one: each extension is given the clip up to `blendFrames` frames before
    /// its end, so the join is a short dissolve between two continuations of the same
    /// frames instead of a cut. 0: cut at the first new frame. 3 (default): extensions then
    /// add 9 frames, so joins fall at every phase of the autoencoder's groups of 4 frames
    /// instead of always spanning two group crossings, which change more in every clip
    /// (eval judder; the measurements behind this default: experiments/kinora-tiny/notes.md,
    /// Long shots).
    int blendFrames = 3;
    /// Join windows in latent space: the clip is one latent stream, each extension given
    /// the stream's last `overlapLatents` latent frames as they are, and the whole stream is
    /// decoded once at the end (Engine::decodeLatents), so no frame is re-encoded and the
    /// decoder runs across every join; `blendFrames` is then unused. Off (default): each
    /// extension re-encodes the frames so far and joins with the dissolve above, which gave
    /// the embedded model smoother joins (experiments/kinora-tiny/notes.md, Long shots).
    bool latentJoin = false;
    /// Each extension's new frames start from the clip's last latent frame held still and
    /// noised to this level (GenerationRequest::extensionStart); 1: from pure noise.
    double extensionStart = 1.0;
    /// Extensions denoise the frames they continue with the new ones
    /// (GenerationRequest::replaceContext) instead of holding them clean.
    bool replaceContext = true;
    /// Look matching: each window is made `candidates` times (seeds offset by
    /// kCandidateSeedStride per candidate) and the one whose new frames `judge` scores
    /// lowest is kept, so a character whose outline comes out wrong in one try is drawn
    /// again (eval::LookMatcher against the character's reference is the usual judge).
    /// Costs `candidates` times the generation. 1 (default) or no judge: one try per
    /// window. Frame joins only (not latentJoin).
    int candidates = 1;
    std::function<double(const std::vector<Image>& newFrames)> judge;
    /// Called before each window (0-based) with the window count.
    std::function<void(int window, int windows)> onWindow;
};

/// @brief Seed offset between the candidates of one window (LongClipOptions::candidates).
inline constexpr uint64_t kCandidateSeedStride = 1000003;

/// @brief Frames a window of `windowFrames` adds after the first one.
int framesPerExtension(const ModelInfo& model, int windowFrames, int overlapLatents,
                       int blendFrames = 0);

/// @brief Generates `totalFrames` frames in `request`'s mode. A clip longer than one
/// window is made of overlapping windows: the first in the request's mode, each next one
/// an extension (same prompt, references and settings, seed + window) continuing the latent
/// stream (options.latentJoin) or given the frames so far up to `blendFrames` before the
/// end, its first `blendFrames` new frames dissolved into the clip's last ones. Modes that fix the
/// clip's end (connect, loop, extend-backward) are made in one window and refuse longer clips with
/// a clear message. Progress is reported over all windows (step counts add up). Throws Error.
LongClipResult generateLongClip(Engine& engine, const GenerationRequest& request, int totalFrames,
                                const GenerationCallbacks& callbacks = {},
                                const LongClipOptions& options = {});

}  // namespace kinora
