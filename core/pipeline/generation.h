#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "util/image.h"

namespace kinora {

/// @brief What the given frames of a job are. One model serves them all: a family that
/// holds latent frames (the embedded model) gives them timestep 0 and holds them fixed while
/// the rest is denoised; a family that conditions on pixels (Wan VACE) is shown the given
/// pixels and a mask of what to generate, and the given pixels are put back afterwards.
enum class GenerationMode {
    Auto,  ///< image-to-video when firstFrame is set, text-to-video otherwise
    TextToVideo,
    ImageToVideo,    ///< firstFrame opens the clip
    ExtendForward,   ///< `context` = the previous clip's frames; the new frames follow them
    ExtendBackward,  ///< `context` = the next clip's frames; the new frames lead into them
    Connect,         ///< firstFrame opens, lastFrame closes the clip
    Loop,            ///< the clip ends where it began (firstFrame, or its own first frame)
    /// `context` = the clip itself; what `regionMask` marks is generated again in every
    /// frame, the rest kept (models that condition on pixels)
    Inpaint,
};
const char* name(GenerationMode mode);
/// @brief The mode of a name(mode) string ("text-to-video", "loop", ...); unset if none.
std::optional<GenerationMode> parseGenerationMode(const std::string& text);

/// @brief A clip's normalised latents, free of torch types: values laid out
/// [frames][channels][height][width]. Latent frame 0 stands for the clip's first frame,
/// every later one for the model's temporal factor of frames.
struct LatentClip {
    int frames = 0;
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<float> values;
    bool empty() const { return frames == 0; }
};

/// @brief One generation job. An unset field takes the model's default (ModelInfo::defaults);
/// a set one is checked and refused with a clear message when it is out of range.
struct GenerationRequest {
    GenerationMode mode = GenerationMode::Auto;
    std::string prompt;
    /// Unset: the model's default negative prompt; set (even empty): this one.
    std::optional<std::string> negativePrompt;
    std::optional<uint64_t> seed;  ///< unset: a random seed, reported in the result
    std::optional<int> frames;     ///< 1 + temporalFactor k
    std::optional<int> width;
    std::optional<int> height;
    std::optional<int> steps;                 ///< 1..1000
    std::optional<double> guidance;           ///< 0..50; 1: no guidance
    std::optional<double> guidanceSmoothing;  ///< 0..0.5 (guidedVelocity)
    std::optional<int> fps;                   ///< 1..240
    /// The sampler: "euler", "unipc" or "dpm++" (unset: the model's; the multistep ones
    /// cannot hold given frames, so modes that give frames need euler).
    std::optional<std::string> solver;
    std::optional<Image> firstFrame;  ///< image-to-video: any size, fitted to the canvas
    std::optional<Image> lastFrame;   ///< connect
    /// How first and last frames, context frames and a region mask of another shape meet
    /// the canvas. With bars, a model that conditions on pixels paints the margins (the
    /// picture is kept whole, the rest of the canvas is generated); one that holds latent
    /// frames keeps black bars.
    ImageFit imageFit = ImageFit::Crop;
    /// What to generate again within the given frames: white (luma >= 128) marks the
    /// region to regenerate, black the pixels to keep; fitted to the canvas like the frames.
    /// Applies to every given frame (first / last frame, context); inpaint needs one.
    /// Models that condition on pixels only.
    std::optional<Image> regionMask;
    /// How strongly a model that conditions on pixels follows its given frames and
    /// references (VACE's context scale), 0..2; 1 as trained.
    double controlStrength = 1.0;
    /// Extension: frames of the neighbouring clip (all of it or its end / start); the
    /// last (forward) or first (backward) `contextLatents` latent frames' worth are used.
    std::vector<Image> context;
    int contextLatents = 2;  ///< 1..frames' latent count - 1
    /// Extend forward: the noise level (0..1] the new latent frames start from, as the last
    /// given latent frame held still and noised to that level; 1 (the default) starts from
    /// pure noise. Lower keeps the first new frames where the clip left off (and skips the
    /// steps above that level).
    double extensionStart = 1.0;
    /// Extend forward: denoise the context latent frames together with the new ones
    /// instead of holding them clean at t = 0: at every step they are replaced by
    /// themselves noised to the step's level, so the whole window is denoised at one noise
    /// level, as in text-to-video, and the new frames follow on from it (the context ends
    /// exactly as given). Character references stay clean.
    bool replaceContext = false;
    /// Character references (any size): each is appended as a clean latent frame on the
    /// time axis, so the character keeps its look.
    std::vector<Image> references;
    /// How much more the clip follows its references than the model alone makes it: the
    /// velocity of the clip's frames gains this times (prediction with the references -
    /// prediction without them), one more model call a step. 0..20; unset: the model's
    /// default (ModelDefaults::referenceGuidance). Unused without references.
    std::optional<double> referenceGuidance;
    /// Return the context frames of an extension too (they are re-decoded by the model),
    /// so callers can measure how well they were honoured. Default: only the new frames.
    bool keepContext = false;
};

/// @brief Progress after each denoising step.
struct StepProgress {
    int step = 0;  ///< 1-based
    int totalSteps = 0;
    double elapsedSeconds = 0.0;
    double secondsLeft = 0.0;
    /// Relative change of the clean-clip prediction against the previous step
    /// (||x0_k - x0_{k-1}|| / ||x0_k||); 0 at the first step.
    double predictionChange = 0.0;
};

/// @brief The clip as it emerges: the step's x0 prediction through the cheap linear
/// latent -> RGB projection, at latent resolution, one image per latent frame.
struct StepPreview {
    int step = 0;
    int totalSteps = 0;
    std::vector<Image> frames;
};

/// @brief Callbacks belong to one job. They run on the thread that calls generate().
struct GenerationCallbacks {
    std::function<void(const StepProgress&)> onProgress;
    std::function<void(const StepPreview&)> onPreview;  ///< left empty: previews are skipped
    const std::atomic<bool>* cancel = nullptr;          ///< checked before every step
};

struct GenerationTimings {
    double textSeconds = 0.0;
    double encodeSeconds = 0.0;  ///< first-frame encoding
    double denoiseSeconds = 0.0;
    double decodeSeconds = 0.0;
    double totalSeconds = 0.0;
    std::vector<double> stepSeconds;
    /// Cores the thread layout used for each step (an automatic layout follows the free
    /// cores between steps); 0 on a GPU.
    std::vector<int> stepCores;
    double denoiserFlops = 0.0;  ///< analytic FLOPs of every DiT forward run
    /// Peak resident memory (MiB) during the text encoder, the denoising and the decoding
    /// (0 where not measured); the process's own peak may be higher.
    double textPeakMb = 0.0, denoisePeakMb = 0.0, decodePeakMb = 0.0;
};

struct GenerationResult {
    Clip clip;  ///< empty when cancelled
    bool cancelled = false;
    int stepsDone = 0;
    uint64_t seed = 0;
    int steps = 0;
    double guidance = 0.0;
    /// Two-expert models: the guidance used while the low-noise expert worked (0: one model).
    double guidanceLowNoise = 0.0;
    double guidanceSmoothing = 0.0;
    double referenceGuidance = 0.0;  ///< as used: 0 when the clip had no references
    double shift = 0.0;
    std::string solver;     ///< the sampler used ("euler", "unipc", "dpm++")
    std::string precision;  ///< the denoiser's matrix products: "float32" or "bf16"
    int64_t tokens = 0;
    std::string mode;       ///< name(GenerationMode): "text-to-video", "image-to-video", ...
    int contextFrames = 0;  ///< frames of `clip` that re-decode the context (keepContext)
    /// Every latent frame of the clip, context included, when the pipeline's own stream
    /// code asked for them (pipeline/engine_internal.h); empty otherwise.
    LatentClip latents;
    std::string prompt;
    std::string negativePrompt;
    std::string modelName;
    uint32_t watermarkId = 0;  ///< the id in every frame's invisible watermark (0: none)
    GenerationTimings timings;
};

}  // namespace kinora
