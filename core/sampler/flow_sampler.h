#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <torch/torch.h>

namespace kinora {

/// @brief Rectified-flow timestep shift for a token count: more tokens need more noise,
/// so the shift grows with sqrt(tokens / 256) (the SD3 resolution-shift rule), clamped.
double timeShiftForTokens(int64_t tokens);

/// @brief The rectified-flow time grid from t = 1 (noise) to t = 0 (data): `steps`
/// uniform points warped by the shift s: t' = s t / (1 + (s - 1) t). s > 1 spends more
/// steps at high noise, which larger token counts need. Returns steps + 1 values.
std::vector<double> shiftedTimeGrid(int steps, double shift);

/// @brief Frames given as clean latents (image-to-video, extension, references): their
/// tokens carry t = 0 and are held fixed while the rest is denoised.
struct GivenFrames {
    torch::Tensor latents;  ///< [B,T,C,h,w] clean latents (values outside `mask` ignored)
    torch::Tensor mask;     ///< [T] float, 1 where the latent frame is given
    /// Optional [T] float, 1 on given frames that are not held clean at t = 0 but replaced
    /// at every step by themselves noised to the step's t (with `replacementNoise`,
    /// [B,T,C,h,w]), so the model denoises them with the rest at one noise level
    /// (inpainting by replacement); they end exactly as given.
    torch::Tensor replace;
    torch::Tensor replacementNoise;
    bool empty() const { return !mask.defined() || mask.sum().item<double>() == 0.0; }
};

/// @brief Predicts the velocity eps - x0 at latents x, given per-frame times [B,T].
using VelocityFn =
    std::function<torch::Tensor(const torch::Tensor& x, const torch::Tensor& frameTimes)>;

/// @brief What the sampler reports after each step.
struct SamplerStep {
    int step = 0;  ///< 1-based
    int totalSteps = 0;
    double t = 0.0;  ///< time before the step
    double tNext = 0.0;
    torch::Tensor x;   ///< latents after the step
    torch::Tensor x0;  ///< the step's prediction of the clean latents
};
/// @brief Called after each step. Return false to stop (cancel).
using StepFn = std::function<bool(const SamplerStep&)>;

/// @brief Euler integration of dx/dt = v from t = 1 to t = 0 over `grid`.
/// @return final latents, or an undefined tensor if `onStep` stopped it.
torch::Tensor sampleEuler(torch::Tensor noise, const std::vector<double>& grid,
                          const VelocityFn& velocity, const GivenFrames& given = {},
                          const StepFn& onStep = {});

/// @brief Classifier-free guidance with cond and uncond in one batch: the batch passed
/// to `model` is [cond; uncond] (2B); returns vu + g (vc - vu). At g == 1 the
/// unconditional half is never computed and the result is exactly the conditional one.
/// `smoothing` a in [0, 0.5] smooths the guidance term along the time axis: the result is
/// vc + (g - 1) d', where d' mixes each latent frame's vc - vu with its neighbours' by
/// [a, 1 - 2a, a], over the frames still being denoised (frameTimes > 0) only, so given
/// frames and references neither lend nor take. The conditional prediction stays as it is;
/// only its amplification loses what changes from latent frame to latent frame (flicker).
/// At 0 the result is exactly vu + g (vc - vu).
/// @brief Reference guidance (see guidedVelocity): the clip follows its character
/// references `scale` times more than the model alone makes it.
struct ReferenceGuidance {
    double scale = 0.0;
    /// Latent frames of the clip; the frames after them are the references.
    int64_t clipFrames = 0;
    /// The conditional prediction of the clip's frames alone ([B, clipFrames, ...]), with
    /// the references left out of the sequence.
    std::function<torch::Tensor(const torch::Tensor& x, const torch::Tensor& t)> withoutReferences;
    bool active() const { return scale != 0.0 && static_cast<bool>(withoutReferences); }
};

/// With `reference` active, the clip's frames gain reference.scale (vc - vc'), vc' being
/// the conditional prediction without the references (one more model call a step, on the
/// clip's frames alone); the references' own frames are left as guidance made them.
torch::Tensor guidedVelocity(
    const std::function<torch::Tensor(const torch::Tensor& x, const torch::Tensor& t,
                                      bool withUncond)>& model,
    const torch::Tensor& x, const torch::Tensor& frameTimes, double guidance,
    double smoothing = 0.0, const ReferenceGuidance& reference = {});

/// @brief The guidance term's smoothing along time (see guidedVelocity): d [B,T,...]
/// mixed by [a, 1 - 2a, a] over the frames where frameTimes [B,T] > 0; the others as given.
torch::Tensor smoothAlongTime(const torch::Tensor& d, const torch::Tensor& frameTimes, double a);

}  // namespace kinora
