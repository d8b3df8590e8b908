#include "train/train_config.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <variant>
#include <vector>

#include "util/error.h"
#include "util/files.h"

namespace kinora::train {

namespace {

using nlohmann::json;

template <typename E, std::size_t N>
E parseName(const json& value, const std::array<E, N>& all, const std::string& where) {
    if (value.is_string())
        for (E e : all)
            if (value.get<std::string>() == name(e)) return e;
    std::string options;
    for (E e : all) options += std::string(options.empty() ? "\"" : ", \"") + name(e) + "\"";
    throw Error(where + ": must be " + options);
}

// The JSON form of a field of each type, and back; a wrong type names the field.
template <typename T>
void readValue(const json& value, T& out, const std::string& where) {
    try {
        value.get_to(out);
    } catch (const json::exception&) {
        throw Error(where + ": wrong type");
    }
}
void readValue(const json& value, Stage& out, const std::string& where) {
    out = parseName(value,
                    std::array<Stage, 4>{Stage::Vae, Stage::Dit, Stage::VaeDecoder, Stage::Distill},
                    where);
}
void readValue(const json& value, Autocast& out, const std::string& where) {
    out = parseName(value, std::array<Autocast, 2>{Autocast::Off, Autocast::Bf16}, where);
}
void readValue(const json& value, AdversarialBalance& out, const std::string& where) {
    out = parseName(
        value,
        std::array<AdversarialBalance, 2>{AdversarialBalance::Gradient, AdversarialBalance::Fixed},
        where);
}
void readValue(const json& value, DType& out, const std::string& where) {
    if (!value.is_string()) throw Error(where + ": wrong type");
    // Exported weights are one of the float types a model folder holds.
    const std::string name = value.get<std::string>();
    try {
        out = parseDType(name);
    } catch (const Error&) {
        out = DType::F8_E4M3;  // refused below with the list this field takes
    }
    if (out != DType::F32 && out != DType::F16 && out != DType::BF16)
        throw Error(where + ": unsupported dtype '" + name + "' (supported: F32, F16, BF16)");
}
template <typename T>
json writeValue(const T& value) {
    return value;
}
json writeValue(Stage v) {
    return name(v);
}
json writeValue(Autocast v) {
    return name(v);
}
json writeValue(AdversarialBalance v) {
    return name(v);
}
json writeValue(DType v) {
    std::string n = dtypeName(v);
    for (char& ch : n) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return n;
}

// One field of a config struct S: its JSON key and where it lives.
template <typename S>
struct Field {
    using Member = std::variant<std::string S::*, int S::*, bool S::*, double S::*, uint64_t S::*,
                                Stage S::*, Autocast S::*, AdversarialBalance S::*, DType S::*>;
    const char* key;
    Member member;
};

// Every field of TrainConfig, declared once.
const std::vector<Field<TrainConfig>>& configFields() {
    using C = TrainConfig;
    static const std::vector<Field<C>> fields{
        {"stage", &C::stage},
        {"size", &C::size},
        {"init_from", &C::initFrom},
        {"model_name", &C::modelName},
        {"latent_channels", &C::latentChannels},
        {"absolute_position", &C::absolutePosition},
        {"decoder_text_blocks", &C::decoderTextBlocks},
        {"seed", &C::seed},
        {"batch_size", &C::batchSize},
        {"lr", &C::lr},
        {"min_lr_fraction", &C::minLrFraction},
        {"warmup_steps", &C::warmupSteps},
        {"total_steps", &C::totalSteps},
        {"weight_decay", &C::weightDecay},
        {"grad_clip", &C::gradClip},
        {"ema_decay", &C::emaDecay},
        {"caption_dropout", &C::captionDropout},
        {"vae_kl_weight", &C::vaeKlWeight},
        {"vae_frames", &C::vaeFrames},
        {"vae_crop", &C::vaeCrop},
        {"export_dtype", &C::exportDtype},
        {"latent_stat_batches", &C::latentStatBatches},
        {"canvas_variants", &C::canvasVariants},
        {"checkpoint_every_minutes", &C::checkpointEveryMinutes},
        {"log_every_steps", &C::logEverySteps},
        {"image_fraction", &C::imageFraction},
        {"image_batch_size", &C::imageBatchSize},
        {"foreground_weight", &C::foregroundWeight},
        {"camera_weight", &C::cameraWeight},
        {"decoder_latent_noise", &C::decoderLatentNoise},
        {"temporal_weight", &C::temporalWeight},
        {"decoder_denoised", &C::decoderDenoised},
        {"decoder_denoise_t", &C::decoderDenoiseT},
        {"decoder_denoise_steps", &C::decoderDenoiseSteps},
        {"mid_clip_fraction", &C::midClipFraction},
        {"high_noise_fraction", &C::highNoiseFraction},
        {"high_noise_min", &C::highNoiseMin},
        {"shape_twins", &C::shapeTwins},
        {"twin_difference_weight", &C::twinDifferenceWeight},
        {"twin_noise_min", &C::twinNoiseMin},
        {"adversarial_weight", &C::adversarialWeight},
        {"adversarial_start_step", &C::adversarialStartStep},
        {"adversarial_balance", &C::adversarialBalance},
        {"discriminator_lr", &C::discriminatorLr},
        {"replay_uses", &C::replayUses},
        {"replay_capacity", &C::replayCapacity},
        {"data_threads", &C::dataThreads},
        {"autocast", &C::autocast},
        {"distill_steps", &C::distillSteps},
        {"distill_substeps", &C::distillSubsteps},
        {"distill_guidance", &C::distillGuidance},
    };
    return fields;
}

// Every field of TaskMix (the config's "tasks" object), declared once.
const std::vector<Field<TaskMix>>& taskFields() {
    using T = TaskMix;
    static const std::vector<Field<T>> fields{
        {"text_to_video", &T::textToVideo},
        {"image_to_video", &T::imageToVideo},
        {"extend_forward", &T::extendForward},
        {"extend_backward", &T::extendBackward},
        {"connect", &T::connect},
        {"reference", &T::reference},
        {"reference_pairs", &T::referencePairs},
    };
    return fields;
}

// Reads the fields of `fields` present in `j` into `out`, refusing keys no field (and no
// key in `nested`) has.
template <typename S>
void readFields(const json& j, const std::vector<Field<S>>& fields, S& out,
                const std::string& where, const std::vector<std::string>& nested = {}) {
    if (!j.is_object()) throw Error(where + ": not a JSON object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        const auto known = std::find_if(fields.begin(), fields.end(),
                                        [&](const Field<S>& f) { return it.key() == f.key; });
        if (known == fields.end() &&
            std::find(nested.begin(), nested.end(), it.key()) == nested.end())
            throw Error(where + ": unknown field '" + it.key() + "'");
    }
    for (const auto& f : fields) {
        const auto it = j.find(f.key);
        if (it == j.end()) continue;
        std::visit([&](auto member) { readValue(*it, out.*member, where + "." + f.key); },
                   f.member);
    }
}

template <typename S>
json writeFields(const std::vector<Field<S>>& fields, const S& in) {
    json j = json::object();
    for (const auto& f : fields)
        std::visit([&](auto member) { j[f.key] = writeValue(in.*member); }, f.member);
    return j;
}

}  // namespace

const char* name(Stage stage) {
    switch (stage) {
        case Stage::Vae:
            return "vae";
        case Stage::Dit:
            return "dit";
        case Stage::VaeDecoder:
            return "vae_decoder";
        case Stage::Distill:
            return "distill";
    }
    return "dit";
}

const char* name(Autocast autocast) {
    return autocast == Autocast::Bf16 ? "bf16" : "off";
}

const char* name(AdversarialBalance balance) {
    return balance == AdversarialBalance::Fixed ? "fixed" : "gradient";
}

TrainConfig TrainConfig::fromJson(const nlohmann::json& j, const std::string& source) {
    TrainConfig c;
    readFields(j, configFields(), c, source, {"tasks"});
    if (j.contains("tasks")) readFields(j["tasks"], taskFields(), c.tasks, source + ".tasks");
    c.validate(source);
    return c;
}

void TrainConfig::validate(const std::string& source) const {
    const TrainConfig& c = *this;
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
    if (c.decoderDenoised > 0.0 && c.stage != Stage::VaeDecoder)
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
    if (c.shapeTwins > 0.0 && (c.stage != Stage::Dit || c.batchSize % 2 != 0))
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
    if (c.adversarialWeight > 0.0 && !trainsAutoencoder(c.stage))
        throw Error(source +
                    ".adversarial_weight: only the vae and vae_decoder stages decode frames to "
                    "judge");
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
    if (c.logEverySteps < 1) throw Error(source + ".log_every_steps: must be positive");
    if (c.modelName.size() > 64 || std::any_of(c.modelName.begin(), c.modelName.end(), [](char ch) {
            return !(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' ||
                     ch == '.');
        }))
        throw Error(source + ".model_name: at most 64 letters, digits, '-', '_' or '.'");
    if (c.distillSteps < 1 || c.distillSteps > 64)
        throw Error(source + ".distill_steps: must be 1..64");
    if (c.distillSubsteps < 1 || c.distillSubsteps > 64)
        throw Error(source + ".distill_substeps: must be 1..64");
    if (!(c.distillGuidance == 0.0 || (c.distillGuidance >= 1.0 && c.distillGuidance <= 20.0)))
        throw Error(source + ".distill_guidance: must be 1..20 (0: the teacher's default)");
    if (c.stage == Stage::Distill && c.initFrom.empty())
        throw Error(source + ".init_from: the distill stage needs the teacher's model folder");
    if (c.stage == Stage::Distill && c.imageFraction > 0.0)
        throw Error(source + ".image_fraction: the distill stage trains on clips only");
}

nlohmann::json TrainConfig::toJson() const {
    json j = writeFields(configFields(), *this);
    j["tasks"] = writeFields(taskFields(), tasks);
    return j;
}

TrainConfig TrainConfig::load(const std::string& path) {
    const std::string text = readRegularFile(path, 16u << 20, "training config");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path + ": not valid JSON: " + e.what());
    }
    return fromJson(j, path);
}

}  // namespace kinora::train
