#pragma once

#include <atomic>
#include <functional>
#include <string>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "models/kinora/kinora_model.h"
#include "train/train_config.h"

namespace kinora::train {

struct TrainOptions {
    std::string outDir;     ///< train.jsonl, checkpoint/, model/
    double minutes = 10.0;  ///< wall-clock budget of this invocation
    int maxSteps = 0;       ///< stop after this many steps in total (0: no limit)
    std::string device = "cpu";
    std::string resume;                       ///< checkpoint folder to continue from
    const std::atomic<bool>* stop = nullptr;  ///< set (e.g. on SIGINT): checkpoint and return
    std::function<void(const nlohmann::json&)> onLog;  ///< each log record, as written
    /// Data parallelism: `worldSize` ranks, each with batch_size clips, average their
    /// gradients every step (c10d Gloo, rendezvous at `storePath`). Rank 0 logs,
    /// checkpoints and exports.
    int rank = 0;
    int worldSize = 1;
    std::string storePath;
};

struct TrainSummary {
    int64_t steps = 0;  ///< total steps of the run so far
    int64_t stepsThisRun = 0;
    double seconds = 0.0;  ///< wall time of this invocation
    double lastLoss = 0.0;
    std::string checkpointDir;
    std::string modelDir;
};

/// @brief Trains one stage of the model on the procedural world.
///
/// vae: the causal autoencoder (reconstruction + small KL) and its linear latent->RGB
/// preview; at the end the per-channel latent statistics are measured into the manifest.
/// dit: text encoder and denoiser on normalised latents with rectified flow, logit-normal
/// t shifted by token count, caption dropout, and a conditioning task per clip (given
/// frames at t = 0, loss masked there), AdamW with warmup + cosine, gradient clipping and
/// EMA. Checkpoints every `checkpoint_every_minutes`, at the end and when `stop` is set;
/// the exported model (EMA weights) is always a loadable model folder.
TrainSummary runTraining(const TrainConfig& config, const TrainOptions& options);

/// @brief decoder_denoised: latents of whole clips [B,T,3,H,W] in [-1,1] as the denoiser
/// makes them. Every clip is encoded (the posterior mean); a share config.decoderDenoised
/// of them (drawn from `gen` for the global batch, of which these are samples
/// [firstSample, firstSample + B), so data-parallel ranks agree) is noised to t drawn
/// uniformly in [0.05, 1] x decoder_denoise_t and denoised back to t = 0 in
/// decoder_denoise_steps Euler steps under its caption. Returns the latents of every clip
/// (not normalised; the others' are their encoded means) and which were remade ([B] bool).
std::pair<torch::Tensor, torch::Tensor> denoisedLatents(
    KinoraModel& model, const torch::Tensor& video, const std::vector<std::string>& captions,
    const TrainConfig& config, at::Generator& gen, int64_t globalBatch, int64_t firstSample,
    const torch::Device& device);

/// @brief Where characters show, per latent position: a pixel-frame mask [B,T,1,H,W]
/// (T = 1 + k * temporalFactor, or 1) pooled as the causal autoencoder groups frames
/// (frame 0 alone, then groups of temporalFactor) and spatialFactor squares, by max.
/// Returns [B,T',1,H/spatialFactor,W/spatialFactor].
torch::Tensor latentForeground(const torch::Tensor& mask, int64_t temporalFactor,
                               int64_t spatialFactor);

/// @brief The decoder stage's pixel weights [B,T,1,H,W]: 1 + foregroundWeight on a
/// character and a 2-pixel band around it (the background between a star's points is part
/// of its shape too), 1 elsewhere; foreground [B,T,1,H,W] in 0..1.
torch::Tensor decoderPixelWeight(const torch::Tensor& foreground, double foregroundWeight);

/// @brief The decoder's reconstruction loss: the squared error plus half the absolute
/// error of err [B,T,C,H,W], averaged with `weight` [B,T,1,H,W] (undefined: plainly).
torch::Tensor reconstructionLoss(const torch::Tensor& err, const torch::Tensor& weight);

/// @brief The denoiser's loss weight per latent position [B,T,1,h,w]: 0 on given frames
/// (given [B,T], 1 where given), else 1 + the larger of foregroundWeight * foreground and
/// cameraWeight * camera (masks [B,T,1,h,w]; without a foreground mask the weight is 1, and
/// the camera mask counts only beside one).
torch::Tensor denoiserLossWeight(const torch::Tensor& given, const torch::Tensor& foreground,
                                 const torch::Tensor& camera, double foregroundWeight,
                                 double cameraWeight, int64_t h, int64_t w);

/// @brief Per-sample weighted mean square of err [B,T,C,h,w] under weight [B,T,1,h,w]:
/// sum(err^2 weight) / (sum(weight) C), the denominator at least 1. Returns [B].
torch::Tensor weightedSquaredError(const torch::Tensor& err, const torch::Tensor& weight);

/// @brief The denoiser's flicker loss per sample: the mean square change, between
/// consecutive latent frames, of the clean-clip estimate's error xerr [B,T,C,h,w], each
/// pair of frames weighed by the larger of their weights (weight [B,T,1,h,w], 0 on given
/// frames). An error that stays alike across frames costs nothing. Returns [B].
torch::Tensor flickerLoss(const torch::Tensor& xerr, const torch::Tensor& weight);

/// @brief Shape twins' difference error per pair: samples 2k and 2k+1 of verr [B,C..] (the
/// velocity errors, B even) are a pair; the mean square of verr[2k] - verr[2k+1], each
/// position weighed by the larger of the pair's weights (weight [B,T,1,h,w], 0 on given
/// frames) and normalised as the per-sample loss is. Since twins share noise and noise
/// level, this is the error of the predicted difference between the two clips; an error
/// the two share costs nothing. Returns [B/2].
torch::Tensor twinDifferenceError(const torch::Tensor& verr, const torch::Tensor& weight);

}  // namespace kinora::train
