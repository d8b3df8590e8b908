#include "train/train_config.h"

#include <fstream>
#include <set>

#include "util/error.h"
#include "weights/safetensors.h"

namespace kinora::train {

namespace {

template <typename T>
void read(const nlohmann::json& j, const char* key, T& out, const std::string& where) {
    if (!j.contains(key)) return;
    try {
        j.at(key).get_to(out);
    } catch (const nlohmann::json::exception&) {
        throw Error(where + "." + key + ": wrong type");
    }
}

}  // namespace

TrainConfig TrainConfig::fromJson(const nlohmann::json& j, const std::string& source) {
    if (!j.is_object()) throw Error(source + ": not a JSON object");
    static const std::set<std::string> known{"stage",
                                             "size",
                                             "init_from",
                                             "latent_channels",
                                             "absolute_position",
                                             "decoder_text_blocks",
                                             "seed",
                                             "batch_size",
                                             "lr",
                                             "min_lr_fraction",
                                             "warmup_steps",
                                             "total_steps",
                                             "weight_decay",
                                             "grad_clip",
                                             "ema_decay",
                                             "caption_dropout",
                                             "vae_kl_weight",
                                             "vae_frames",
                                             "vae_crop",
                                             "export_dtype",
                                             "latent_stat_batches",
                                             "canvas_variants",
                                             "checkpoint_every_minutes",
                                             "log_every_steps",
                                             "tasks",
                                             "image_fraction",
                                             "image_batch_size",
                                             "foreground_weight",
                                             "camera_weight",
                                             "decoder_latent_noise",
                                             "temporal_weight",
                                             "decoder_denoised",
                                             "decoder_denoise_t",
                                             "decoder_denoise_steps",
                                             "mid_clip_fraction",
                                             "high_noise_fraction",
                                             "high_noise_min",
                                             "shape_twins",
                                             "twin_difference_weight",
                                             "twin_noise_min",
                                             "adversarial_weight",
                                             "adversarial_start_step",
                                             "adversarial_balance",
                                             "discriminator_lr",
                                             "replay_uses",
                                             "replay_capacity",
                                             "data_threads",
                                             "autocast"};
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!known.count(it.key())) throw Error(source + ": unknown field '" + it.key() + "'");
    TrainConfig c;
    read(j, "stage", c.stage, source);
    read(j, "size", c.size, source);
    read(j, "init_from", c.initFrom, source);
    read(j, "latent_channels", c.latentChannels, source);
    read(j, "absolute_position", c.absolutePosition, source);
    read(j, "decoder_text_blocks", c.decoderTextBlocks, source);
    read(j, "seed", c.seed, source);
    read(j, "batch_size", c.batchSize, source);
    read(j, "lr", c.lr, source);
    read(j, "min_lr_fraction", c.minLrFraction, source);
    read(j, "warmup_steps", c.warmupSteps, source);
    read(j, "total_steps", c.totalSteps, source);
    read(j, "weight_decay", c.weightDecay, source);
    read(j, "grad_clip", c.gradClip, source);
    read(j, "ema_decay", c.emaDecay, source);
    read(j, "caption_dropout", c.captionDropout, source);
    read(j, "vae_kl_weight", c.vaeKlWeight, source);
    read(j, "vae_frames", c.vaeFrames, source);
    read(j, "vae_crop", c.vaeCrop, source);
    read(j, "export_dtype", c.exportDtype, source);
    read(j, "latent_stat_batches", c.latentStatBatches, source);
    read(j, "canvas_variants", c.canvasVariants, source);
    read(j, "checkpoint_every_minutes", c.checkpointEveryMinutes, source);
    read(j, "log_every_steps", c.logEverySteps, source);
    read(j, "image_fraction", c.imageFraction, source);
    read(j, "image_batch_size", c.imageBatchSize, source);
    read(j, "foreground_weight", c.foregroundWeight, source);
    read(j, "camera_weight", c.cameraWeight, source);
    read(j, "decoder_latent_noise", c.decoderLatentNoise, source);
    read(j, "temporal_weight", c.temporalWeight, source);
    read(j, "decoder_denoised", c.decoderDenoised, source);
    read(j, "decoder_denoise_t", c.decoderDenoiseT, source);
    read(j, "decoder_denoise_steps", c.decoderDenoiseSteps, source);
    read(j, "mid_clip_fraction", c.midClipFraction, source);
    read(j, "high_noise_fraction", c.highNoiseFraction, source);
    read(j, "high_noise_min", c.highNoiseMin, source);
    read(j, "shape_twins", c.shapeTwins, source);
    read(j, "twin_difference_weight", c.twinDifferenceWeight, source);
    read(j, "twin_noise_min", c.twinNoiseMin, source);
    read(j, "adversarial_weight", c.adversarialWeight, source);
    read(j, "adversarial_start_step", c.adversarialStartStep, source);
    read(j, "adversarial_balance", c.adversarialBalance, source);
    read(j, "discriminator_lr", c.discriminatorLr, source);
    read(j, "replay_uses", c.replayUses, source);
    read(j, "replay_capacity", c.replayCapacity, source);
    read(j, "data_threads", c.dataThreads, source);
    read(j, "autocast", c.autocast, source);
    if (j.contains("tasks")) {
        const auto& t = j["tasks"];
        read(t, "text_to_video", c.tasks.textToVideo, source + ".tasks");
        read(t, "image_to_video", c.tasks.imageToVideo, source + ".tasks");
        read(t, "extend_forward", c.tasks.extendForward, source + ".tasks");
        read(t, "extend_backward", c.tasks.extendBackward, source + ".tasks");
        read(t, "connect", c.tasks.connect, source + ".tasks");
        read(t, "reference", c.tasks.reference, source + ".tasks");
        read(t, "reference_pairs", c.tasks.referencePairs, source + ".tasks");
    }
    if (c.stage != "vae" && c.stage != "dit" && c.stage != "vae_decoder")
        throw Error(source + ".stage: must be \"vae\", \"dit\" or \"vae_decoder\"");
    if (c.latentChannels < 0 || c.latentChannels > 64)
        throw Error(source + ".latent_channels: must be 1..64 (0: the model's own)");
    if (c.decoderTextBlocks < 0 || c.decoderTextBlocks > 4)
        throw Error(source + ".decoder_text_blocks: must be 0..4");
    if (c.batchSize < 1 || c.batchSize > 4096) throw Error(source + ".batch_size: must be 1..4096");
    if (!(c.lr > 0.0) || c.lr > 1.0) throw Error(source + ".lr: must be in (0, 1]");
    if (c.warmupSteps < 0 || c.totalSteps < 1)
        throw Error(source + ".total_steps: must be positive");
    if (c.emaDecay < 0.0 || c.emaDecay >= 1.0)
        throw Error(source + ".ema_decay: must be in [0, 1)");
    if (c.captionDropout < 0.0 || c.captionDropout > 1.0)
        throw Error(source + ".caption_dropout: must be in [0, 1]");
    if (c.vaeFrames < 1 || (c.vaeFrames - 1) % 4 != 0)
        throw Error(source + ".vae_frames: must be 1+4k");
    if (c.vaeCrop < 0 || c.vaeCrop % 8 != 0)
        throw Error(source + ".vae_crop: must be a multiple of 8 (0: none)");
    if (!(c.imageFraction >= 0.0 && c.imageFraction <= 1.0))
        throw Error(source + ".image_fraction: must be in [0, 1]");
    if (!(c.foregroundWeight >= 0.0 && c.foregroundWeight <= 1000.0))
        throw Error(source + ".foreground_weight: must be in [0, 1000]");
    if (!(c.cameraWeight >= 0.0 && c.cameraWeight <= 1000.0))
        throw Error(source + ".camera_weight: must be in [0, 1000]");
    if (!(c.decoderLatentNoise >= 0.0 && c.decoderLatentNoise <= 10.0))
        throw Error(source + ".decoder_latent_noise: must be in [0, 10]");
    if (!(c.temporalWeight >= 0.0 && c.temporalWeight <= 1000.0))
        throw Error(source + ".temporal_weight: must be in [0, 1000]");
    if (!(c.decoderDenoised >= 0.0 && c.decoderDenoised <= 1.0))
        throw Error(source + ".decoder_denoised: must be in [0, 1]");
    if (c.decoderDenoised > 0.0 && c.stage != "vae_decoder")
        throw Error(source +
                    ".decoder_denoised: only the vae_decoder stage (the encoder and the "
                    "denoiser fixed) can train on the denoiser's latents");
    if (!(c.decoderDenoiseT > 0.0 && c.decoderDenoiseT <= 1.0))
        throw Error(source + ".decoder_denoise_t: must be in (0, 1]");
    if (c.decoderDenoiseSteps < 1 || c.decoderDenoiseSteps > 64)
        throw Error(source + ".decoder_denoise_steps: must be 1..64");
    if (!(c.midClipFraction >= 0.0 && c.midClipFraction <= 1.0))
        throw Error(source + ".mid_clip_fraction: must be in [0, 1]");
    if (!(c.highNoiseFraction >= 0.0 && c.highNoiseFraction <= 1.0))
        throw Error(source + ".high_noise_fraction: must be in [0, 1]");
    if (!(c.shapeTwins >= 0.0 && c.shapeTwins <= 1.0))
        throw Error(source + ".shape_twins: must be in [0, 1]");
    if (c.shapeTwins > 0.0 && (c.stage != "dit" || c.batchSize % 2 != 0))
        throw Error(source +
                    ".shape_twins: needs the dit stage and an even batch_size (samples come "
                    "in pairs)");
    if (!(c.twinDifferenceWeight >= 0.0 && c.twinDifferenceWeight <= 1000.0))
        throw Error(source + ".twin_difference_weight: must be in [0, 1000]");
    if (c.twinDifferenceWeight > 0.0 && c.shapeTwins <= 0.0)
        throw Error(source + ".twin_difference_weight: needs shape_twins (it weighs twin pairs)");
    if (!(c.twinNoiseMin >= 0.0 && c.twinNoiseMin < 1.0))
        throw Error(source + ".twin_noise_min: must be in [0, 1)");
    if (c.twinNoiseMin > 0.0 && c.shapeTwins <= 0.0)
        throw Error(source + ".twin_noise_min: needs shape_twins (it sets twin batches' levels)");
    if (!(c.adversarialWeight >= 0.0 && c.adversarialWeight <= 100.0))
        throw Error(source + ".adversarial_weight: must be in [0, 100]");
    if (c.adversarialWeight > 0.0 && c.stage == "dit")
        throw Error(source +
                    ".adversarial_weight: only the vae and vae_decoder stages decode frames to "
                    "judge");
    if (c.adversarialBalance != "gradient" && c.adversarialBalance != "fixed")
        throw Error(source + ".adversarial_balance: must be \"gradient\" or \"fixed\"");
    if (c.adversarialStartStep < 0)
        throw Error(source + ".adversarial_start_step: must not be negative");
    if (!(c.discriminatorLr > 0.0 && c.discriminatorLr <= 1.0))
        throw Error(source + ".discriminator_lr: must be in (0, 1]");
    if (c.tasks.referencePairs < 0.0 || c.tasks.referencePairs > 1.0)
        throw Error(source + ".tasks.reference_pairs: must be in [0, 1]");
    if (!(c.highNoiseMin >= 0.0 && c.highNoiseMin < 1.0))
        throw Error(source + ".high_noise_min: must be in [0, 1)");
    if (c.imageBatchSize != 0 && (c.imageBatchSize < c.batchSize ||
                                  c.imageBatchSize % c.batchSize != 0 || c.imageBatchSize > 65536))
        throw Error(source + ".image_batch_size: must be a multiple of batch_size");
    if (!(c.replayUses >= 1.0 && c.replayUses <= 1000.0))
        throw Error(source + ".replay_uses: must be in [1, 1000]");
    if (c.replayCapacity < 1 || c.replayCapacity > 1000000)
        throw Error(source + ".replay_capacity: must be 1..1000000");
    if (c.dataThreads < 1 || c.dataThreads > 256)
        throw Error(source + ".data_threads: must be 1..256");
    if (c.autocast != "off" && c.autocast != "bf16")
        throw Error(source + ".autocast: must be \"off\" or \"bf16\"");
    parseDType(c.exportDtype);
    if (c.logEverySteps < 1) throw Error(source + ".log_every_steps: must be positive");
    return c;
}

nlohmann::json TrainConfig::toJson() const {
    return {{"stage", stage},
            {"size", size},
            {"init_from", initFrom},
            {"latent_channels", latentChannels},
            {"absolute_position", absolutePosition},
            {"decoder_text_blocks", decoderTextBlocks},
            {"seed", seed},
            {"batch_size", batchSize},
            {"lr", lr},
            {"min_lr_fraction", minLrFraction},
            {"warmup_steps", warmupSteps},
            {"total_steps", totalSteps},
            {"weight_decay", weightDecay},
            {"grad_clip", gradClip},
            {"ema_decay", emaDecay},
            {"caption_dropout", captionDropout},
            {"vae_kl_weight", vaeKlWeight},
            {"vae_frames", vaeFrames},
            {"vae_crop", vaeCrop},
            {"export_dtype", exportDtype},
            {"latent_stat_batches", latentStatBatches},
            {"canvas_variants", canvasVariants},
            {"checkpoint_every_minutes", checkpointEveryMinutes},
            {"log_every_steps", logEverySteps},
            {"image_fraction", imageFraction},
            {"image_batch_size", imageBatchSize},
            {"foreground_weight", foregroundWeight},
            {"camera_weight", cameraWeight},
            {"decoder_latent_noise", decoderLatentNoise},
            {"temporal_weight", temporalWeight},
            {"decoder_denoised", decoderDenoised},
            {"decoder_denoise_t", decoderDenoiseT},
            {"decoder_denoise_steps", decoderDenoiseSteps},
            {"mid_clip_fraction", midClipFraction},
            {"high_noise_fraction", highNoiseFraction},
            {"shape_twins", shapeTwins},
            {"twin_difference_weight", twinDifferenceWeight},
            {"twin_noise_min", twinNoiseMin},
            {"adversarial_weight", adversarialWeight},
            {"adversarial_start_step", adversarialStartStep},
            {"adversarial_balance", adversarialBalance},
            {"discriminator_lr", discriminatorLr},
            {"high_noise_min", highNoiseMin},
            {"replay_uses", replayUses},
            {"replay_capacity", replayCapacity},
            {"data_threads", dataThreads},
            {"autocast", autocast},
            {"tasks",
             {{"text_to_video", tasks.textToVideo},
              {"image_to_video", tasks.imageToVideo},
              {"extend_forward", tasks.extendForward},
              {"extend_backward", tasks.extendBackward},
              {"connect", tasks.connect},
              {"reference", tasks.reference},
              {"reference_pairs", tasks.referencePairs}}}};
}

TrainConfig TrainConfig::load(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(path + ": cannot read the training config");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path + ": not valid JSON: " + e.what());
    }
    return fromJson(j, path);
}

}  // namespace kinora::train
