#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "pipeline/model_info.h"
#include "util/error.h"

namespace kinora {

/// @brief Where the tokens of one generation lie: the latent grid the denoiser runs over.
/// The clip's latent frames come first; `frames - clipFrames` character references follow
/// them on the time axis (pictures, not moments: a family places them as it was trained to).
struct LatentLayout {
    int64_t frames = 0;      ///< latent frames in the sequence, references included
    int64_t clipFrames = 0;  ///< of which the clip's own
    int64_t height = 0;      ///< latent cells down
    int64_t width = 0;       ///< latent cells across
};

/// @brief The prompts of one generation as a family's text encoder left them, one row per
/// prompt. Opaque to the engine: only the family that made it reads it.
class PromptStates {
public:
    virtual ~PromptStates() = default;
    /// Rows (prompts) it holds.
    virtual int64_t rows() const = 0;
    /// Text tokens per row the denoiser attends to (for the FLOP count).
    virtual int64_t tokens() const = 0;
};

/// @brief What the denoiser needs for every step of one generation and is computed once:
/// text keys and values, positional tables, a family's own conditioning. Opaque to the
/// engine; made by VideoModel::prepare for given rows of a PromptStates and a layout.
class DenoiserContext {
public:
    virtual ~DenoiserContext() = default;
};

/// @brief Given frames as pixels, for a family that conditions on them
/// (ModelInfo::pixelConditioning): the clip's frames, what of them is given, and character
/// references, all at the canvas's size.
struct PixelConditions {
    torch::Tensor frames;  ///< [T, 3, H, W] in [-1, 1]; 0 wherever nothing is given
    torch::Tensor keep;    ///< [T, 1, H, W]: 1 where the pixel is given, 0 where generated
    std::vector<torch::Tensor> references;  ///< [3, H, W] each, in [-1, 1]
    double strength = 1.0;                  ///< GenerationRequest::controlStrength
};

/// @brief One model family's implementation: what the engine, the sampler and long clips
/// ask of a model, and nothing else. Latents are always the family's normalised latents,
/// laid out [B, T, C, h, w] (latent frame 0 the clip's first frame, every later one
/// ModelInfo::temporalFactor frames); pixels are [B, T, 3, H, W] in [-1, 1].
///
/// Not thread-safe: the engine's one thread calls it. Calls run under the caller's
/// c10::InferenceMode (or no-grad) guard.
class VideoModel {
public:
    virtual ~VideoModel() = default;

    /// @brief What the model is and can do (defaults, canvases, modes, latent geometry).
    virtual const ModelInfo& info() const = 0;
    /// @brief Moves every weight to `device`.
    virtual void to(const torch::Device& device) = 0;
    virtual torch::Device device() const = 0;

    /// @brief Encodes prompts (one row each, in order). Throws Error on a prompt the
    /// family's tokenizer cannot take (too long), before any heavy work.
    virtual std::shared_ptr<const PromptStates> encodePrompts(
        const std::vector<std::string>& prompts) = 0;
    /// @brief The per-generation constants of the denoiser for rows [firstRow, firstRow +
    /// rowCount) of `prompts` over `layout`.
    virtual std::shared_ptr<const DenoiserContext> prepare(const PromptStates& prompts,
                                                           int64_t firstRow, int64_t rowCount,
                                                           const LatentLayout& layout) = 0;
    /// @brief prepare() for a family that conditions on pixels: `given` holds the clip's
    /// given pixels (none: every pixel generated) and references (as many as the layout
    /// has reference frames). Families that hold latent frames do not implement it.
    virtual std::shared_ptr<const DenoiserContext> prepareConditioned(const PromptStates& prompts,
                                                                      int64_t firstRow,
                                                                      int64_t rowCount,
                                                                      const LatentLayout& layout,
                                                                      const PixelConditions& given);
    /// @brief The rectified-flow velocity (noise - clean) at latents x [B, T, C, h, w] whose
    /// latent frames sit at times frameTimes [B, T] (0: given, clean; 1: pure noise). B is
    /// a multiple of the context's rows: row r of x reads prompt row r % rows.
    virtual torch::Tensor velocity(const torch::Tensor& x, const torch::Tensor& frameTimes,
                                   const DenoiserContext& context) = 0;
    /// @brief FLOPs of one denoiser forward over `tokens` latent tokens and `textTokens` text
    /// tokens for `batch` rows (multiply-add = 2), for throughput reports.
    virtual double denoiserFlops(int64_t tokens, int64_t textTokens, int64_t batch) const = 0;

    /// @brief Frames [1, T, 3, H, W] (T = 1 + temporalFactor k) -> normalised latents.
    virtual torch::Tensor encode(const torch::Tensor& frames) = 0;
    /// @brief The frames of latent frames [from, to) of a latent stream [1, T', C, h, w],
    /// exactly as decoding the whole stream gives them, computed from at most decoderReach()
    /// latent frames before `from` (so long streams decode in bounded memory). `prompt`: the
    /// caption a decoder that reads one draws by (empty: the latents alone).
    virtual torch::Tensor decode(const torch::Tensor& latents, int64_t from, int64_t to,
                                 const std::string& prompt) = 0;
    /// @brief Latent frames of history one decoded frame depends on, beyond its own.
    virtual int64_t decoderReach() const = 0;
    /// @brief A cheap RGB picture of normalised latents at latent resolution, [1, T, 3, h, w]
    /// in [-1, 1], for the live preview at every step.
    virtual torch::Tensor preview(const torch::Tensor& latents) = 0;

    /// @brief The name of a weight holding NaN or infinity ("file: tensor"), or empty when
    /// every weight is finite. Reads every weight, so it is called only to explain a
    /// prediction that was not finite.
    virtual std::string nonFiniteWeight() const { return ""; }

    /// @brief Which denoiser works at noise level t (0..1) in a model of several experts
    /// (Wan 2.2 A14B: 0 the high-noise expert, 1 the low-noise one); 0 otherwise. The engine
    /// picks the guidance scale of that expert (ModelDefaults::guidanceLowNoise).
    virtual int expertAt(double t) const {
        (void)t;
        return 0;
    }
    /// @brief Merges LoRA files into the denoiser, replacing the ones merged before (an
    /// empty list: the weights as loaded); info().loras and the defaults follow. Throws
    /// Error, changing nothing, when a file does not fit. Families without LoRA support
    /// refuse a non-empty list.
    virtual void setLoras(const std::vector<LoraChoice>& loras) {
        if (!loras.empty()) throw Error(info().name + " does not take LoRA files");
    }
};

inline std::shared_ptr<const DenoiserContext> VideoModel::prepareConditioned(
    const PromptStates&, int64_t, int64_t, const LatentLayout&, const PixelConditions&) {
    throw Error(info().name + " holds given frames as latents; it does not condition on pixels");
}

}  // namespace kinora
