#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "weights/safetensors.h"

namespace kinora::train {

/// @brief What a run trains: the autoencoder ("vae"), the text encoder and denoiser
/// ("dit"), the autoencoder's decoder alone with the encoder and denoiser fixed
/// ("vae_decoder"), or a few-step denoiser distilled from init_from's ("distill": the
/// student samples in distill_steps steps without guidance what the teacher samples in
/// distill_steps x distill_substeps guided steps).
enum class Stage { Vae, Dit, VaeDecoder, Distill };
/// @brief "vae", "dit", "vae_decoder", "distill" (the names configs and logs use).
const char* name(Stage stage);
/// @brief Whether the stage trains (part of) the autoencoder.
inline bool trainsAutoencoder(Stage stage) {
    return stage == Stage::Vae || stage == Stage::VaeDecoder;
}

/// @brief Matrix products in bfloat16 while training ("bf16") or not ("off").
enum class Autocast { Off, Bf16 };
const char* name(Autocast autocast);

/// @brief How the adversarial term is scaled: by the gradients of the two losses at the
/// decoder's last layer ("gradient") or not ("fixed").
enum class AdversarialBalance { Gradient, Fixed };
const char* name(AdversarialBalance balance);

/// @brief Probabilities of the conditioning tasks sampled for each training clip.
/// One model serves every mode because each clip trains one of them at random.
struct TaskMix {
    double textToVideo = 0.45;
    double imageToVideo = 0.20;
    double extendForward = 0.12;
    double extendBackward = 0.06;
    double connect = 0.07;    ///< first and last given (looping is connect with last = first)
    double reference = 0.10;  ///< a character reference frame appended on the time axis (per batch)
    /// Of the batches with references, the share that carries two (one per character of a
    /// two-character scene, in random order; a one-character scene's reference twice), so
    /// a shot naming two characters can show the model both.
    double referencePairs = 0.0;
};

/// @brief Everything a training run needs; read from a JSON file (`--config`), every
/// field optional. Each field's JSON key is declared once, in train_config.cpp's field
/// table, which drives the known keys, fromJson and toJson alike.
struct TrainConfig {
    Stage stage = Stage::Dit;
    std::string size = "tiny";  ///< architecture when starting from scratch
    std::string initFrom;       ///< model folder to start from (the VAE for the dit stage)
    /// The exported model's name (model.json's "name"); empty keeps the starting model's.
    std::string modelName;
    /// Latent channels of the model trained: 0 keeps the starting model's (or the size
    /// preset's). More than init_from's model has widens its latent (widenLatentChannels):
    /// the model starts as the same function and the vae stage fills the new channels.
    int latentChannels = 0;
    /// Give the denoiser absolute token positions (DitConfig::absolutePosition). A model
    /// from init_from without them is converted (withAbsolutePosition): the same function
    /// until the dit stage trains the new projection. False never removes them.
    bool absolutePosition = false;
    /// Give the decoder this many caption cross-attention blocks (VaeConfig::textBlocks).
    /// A model from init_from without them is converted (withDecoderText): it decodes as
    /// before until a vae_decoder stage trains them, on the clips' captions (one of each
    /// clip's phrasings at random, none for caption_dropout of the clips). 0 adds none.
    int decoderTextBlocks = 0;
    uint64_t seed = 1;
    int batchSize = 4;
    double lr = 3e-4;
    double minLrFraction = 0.1;  ///< cosine decays to lr * this
    int warmupSteps = 200;
    int totalSteps = 20000;  ///< cosine horizon
    double weightDecay = 0.01;
    double gradClip = 1.0;
    double emaDecay = 0.999;
    double captionDropout = 0.1;
    double vaeKlWeight = 1e-6;
    int vaeFrames = 9;  ///< the causal VAE trains on the first 1+4k frames of each clip...
    int vaeCrop = 32;   ///< ...and a random crop (0: whole canvas); it is convolutional
    DType exportDtype = DType::F32;  ///< dtype of the exported model's weights
    int latentStatBatches = 16;  ///< batches used to measure latent mean/std after the VAE stage
    bool canvasVariants = true;
    /// dit stage: the share of steps that train on still images (frame 0 of world clips,
    /// which the causal autoencoder encodes alone, so it is exactly a clip's first latent
    /// frame) instead of clips. An image costs a fifth of a clip's tokens, so these steps
    /// teach appearance (colour, shape, size, background, count) at a fraction of the cost.
    double imageFraction = 0.0;
    int imageBatchSize = 0;  ///< images per image step; 0: 4 x batch_size; a multiple of it
    /// dit stage: extra loss weight on latent positions where a character shows (the world
    /// knows where it drew them): weight 1 + foreground_weight there, 1 elsewhere. The
    /// characters are a few percent of the pixels but everything the prompt is about; the
    /// weighting leaves each position's optimum unchanged and moves effort onto them.
    /// vae and vae_decoder stages: the same on the pixel reconstruction loss, over the
    /// characters' pixels and a 2-pixel band around them (thin points and gaps of a shape
    /// are few pixels; unweighted, blurring them away costs almost nothing).
    double foregroundWeight = 0.0;
    /// dit stage: extra loss weight on latent positions where the camera moves the
    /// background (a pan or zoom shifts its texture; the world knows where): weight
    /// 1 + camera_weight there (the larger of this and foreground_weight where both hold).
    /// Unweighted, a faint texture that a pan has to carry costs almost nothing to blur.
    double cameraWeight = 0.0;
    /// vae and vae_decoder stages: Gaussian noise of up to this many latent standard
    /// deviations (per channel, a level drawn per clip) added to the latents before they are
    /// decoded, so the decoder learns to draw clean frames from the imperfect latents a
    /// denoiser makes instead of drawing their errors as speckles. 0 (default): none.
    double decoderLatentNoise = 0.0;
    /// vae and vae_decoder stages: weight of a loss on the change between consecutive
    /// frames (the reconstruction's against the clip's, characters weighted as above), so
    /// motion is drawn evenly across the frames a latent frame stands for instead of in
    /// steps (eval's judder; what it did on the embedded model:
    /// experiments/kinora-tiny/notes.md). dit stage: weight of a loss on the change between
    /// consecutive latent frames of the clean-clip estimate's error, so the denoiser errs alike
    /// across frames (a steady offset) rather than differently in each (flicker); logged as
    /// temporal_loss, "loss" staying the flow loss. 0 (default): none.
    double temporalWeight = 0.0;
    /// vae_decoder stage: the share of clips whose latents are the denoiser's instead of the
    /// encoder's: the clip is encoded whole, noised to t drawn uniformly in
    /// [0.05, 1] x decoder_denoise_t and denoised back in decoder_denoise_steps Euler steps under
    /// its caption, so the decoder learns to draw the clip itself from latents as the denoiser
    /// makes them (what it did on the embedded model: experiments/kinora-tiny/notes.md).
    /// 0 (default): none.
    double decoderDenoised = 0.0;
    double decoderDenoiseT = 0.5;
    int decoderDenoiseSteps = 2;
    /// dit stage: the share of clip batches whose first latent frame (the clip's lone first
    /// frame) is dropped, so the window starts mid-clip, every latent frame a group of
    /// frames: what an extension of a long clip continues from (generateLongClip keeps one
    /// latent stream). Tasks are drawn on the shorter window as usual. 0 (default): none.
    double midClipFraction = 0.0;
    /// dit stage: the share of clips whose noise level is drawn uniformly from
    /// [high_noise_min, 1] instead of the shifted logit-normal. Below t of about 0.9 the
    /// noisy clip already shows where a character is, and where it starts tells which way it
    /// moves (a left-mover that travels half the width starts in the right half); only near
    /// t = 1 does the denoiser have to take the direction from the caption, and the
    /// logit-normal puts under 2% of clips there. 0 (default): none.
    double highNoiseFraction = 0.0;
    double highNoiseMin = 0.9;
    /// dit stage: the share of batches made of shape twins. Sample 2k+1 is then sample 2k's
    /// scene with every character given another shape (same background, colours, sizes,
    /// places, motions and camera; the captions say the new shapes), and the pair shares
    /// its noise, noise level and task. The two noisy inputs then differ only where the
    /// shapes differ, so the only way to lower the pair's loss is to read the shape word:
    /// the denoiser otherwise draws a blob of the right colour, size and place and leaves
    /// the outline to chance (its loss barely depends on the shape word). Needs an even
    /// batch_size. 0 (default): none, and no draw, so other runs see the batches they
    /// always saw.
    double shapeTwins = 0.0;
    /// dit stage, with shape_twins: the weight of the twins' difference error
    /// (twinDifferenceError) added to the loss of a twin batch. A pair's mean loss holds a
    /// quarter of that error, alongside the error the two share (a blob of the right
    /// colour, size and place, which most of the loss rewards); weighed more, the
    /// difference the shape word makes is what the step learns most. 0 (default): none.
    double twinDifferenceWeight = 0.0;
    /// dit stage, with shape_twins: twin batches draw their noise level uniformly from
    /// [twin_noise_min, 1] (each pair one level, as always). Below t of about 0.9 a twin's
    /// own noisy input shows its outline, so a pair can be told apart without the shape
    /// word; near t = 1 only the word tells the pair apart. 0 (default): twin batches draw
    /// their levels as any batch does.
    double twinNoiseMin = 0.0;
    /// vae and vae_decoder stages: the weight of an adversarial term on the decoded frames.
    /// A decoder trained on pixel error alone draws the average of what its latents leave
    /// open (a blob where a star's points could turn any way); a discriminator that reads
    /// the caption (train/discriminator.h) judges each decoded frame against real world
    /// frames with the same caption, so a blob captioned "star" can read as fake (tried on
    /// kinora-tiny: experiments/kinora-tiny/notes.md). The term's scale follows the
    /// pixel loss's (the ratio of their gradients at the decoder's last layer, as
    /// taming-transformers' VQGAN does), times this weight.
    /// 0 (default): none, and no discriminator.
    double adversarialWeight = 0.0;
    /// "gradient" (default): the term scaled as above; "fixed": the term is the generator's
    /// hinge loss times adversarial_weight alone. Fine-tuning a decoder that has converged,
    /// the pixel loss's gradient is mostly noise, and a term scaled to it stays as small.
    AdversarialBalance adversarialBalance = AdversarialBalance::Gradient;
    /// Steps the discriminator trains alone before the decoder feels it.
    int adversarialStartStep = 0;
    double discriminatorLr = 2e-4;  ///< AdamW, betas (0.5, 0.9)
    /// dit stage: how many times, on average, each encoded batch trains. Encoding a batch of
    /// clips through the autoencoder costs about three times the denoiser's forward and
    /// backward pass on the CPU, so above 1 most steps replay a batch kept (as latents, with
    /// every paraphrase of its captions) in memory, with fresh noise, noise level, task and
    /// caption; 1 (default): every step draws a fresh batch.
    double replayUses = 1.0;
    int replayCapacity = 2000;  ///< batches kept for replay (a random one makes room)
    /// Threads rendering world batches ahead of the trainer. One keeps up with a CPU
    /// denoiser; a GPU steps so fast that rendering needs many cores. Batches are the same
    /// (deterministic by index) and come in the same order whatever the count.
    int dataThreads = 1;
    /// dit stage: "bf16" runs the text encoder's and the denoiser's matrix products in
    /// bfloat16 (autocast; weights, optimiser state, loss and EMA stay float32). About 2x
    /// the GEMM throughput where the CPU has AVX512-BF16 (oneDNN) and on GPUs; "off"
    /// (default): float32 throughout. The autoencoder that makes the targets stays float32.
    Autocast autocast = Autocast::Off;
    /// distill stage: the student's sampling steps (its model.json's default; guidance 1).
    int distillSteps = 4;
    /// distill stage: the teacher's Euler steps inside each student step. The student's
    /// time grid is the teacher's at distill_steps x distill_substeps steps, every
    /// distill_substeps-th point (both grids are the same shifted warp of a uniform one).
    int distillSubsteps = 3;
    /// distill stage: the teacher's guidance scale; 0 (default): its model.json's default.
    double distillGuidance = 0.0;
    int checkpointEveryMinutes = 10;
    int logEverySteps = 10;
    TaskMix tasks;

    /// @brief Images in one image step (image_batch_size, or its default).
    int imagesPerStep() const { return imageBatchSize > 0 ? imageBatchSize : 4 * batchSize; }

    /// @brief Parses and validates; an unknown field, a wrong type or a value out of range
    /// is refused with its name. Throws Error.
    static TrainConfig fromJson(const nlohmann::json& j, const std::string& source);
    /// @brief Throws Error naming the first field out of range (`source`: the file).
    void validate(const std::string& source) const;
    nlohmann::json toJson() const;
    static TrainConfig load(const std::string& path);
};

}  // namespace kinora::train
