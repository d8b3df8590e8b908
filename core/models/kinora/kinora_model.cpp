#include "models/kinora/kinora_model.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "models/kinora/tokenizer.h"
#include "util/error.h"

namespace kinora {

namespace fs = std::filesystem;

KinoraModelImpl::KinoraModelImpl(const ModelManifest& manifest) : m_manifest(manifest) {
    const ModelConfig& c = m_manifest.config;
    c.validate();
    vae = register_module("vae", VideoAutoencoder(c.vae, c.text.dim));
    text = register_module("text", TextEncoder(c.text));
    dit = register_module("dit", DiffusionTransformer(c.dit, c.vae.latentChannels, c.text.dim));
    const auto channels = static_cast<int64_t>(c.vae.latentChannels);
    auto toTensor = [&](const std::vector<double>& v) {
        return torch::tensor(std::vector<float>(v.begin(), v.end())).view({1, 1, channels, 1, 1});
    };
    m_latentMean = register_buffer("latent_mean", toTensor(m_manifest.latentMean));
    m_latentStd = register_buffer("latent_std", toTensor(m_manifest.latentStd));
}

torch::Tensor KinoraModelImpl::normalizeLatents(const torch::Tensor& z) const {
    return (z - m_latentMean) / m_latentStd;
}

torch::Tensor KinoraModelImpl::denormalizeLatents(const torch::Tensor& z) const {
    return z * m_latentStd + m_latentMean;
}

int64_t KinoraModelImpl::parameterCount() const {
    int64_t n = 0;
    for (const auto& p : parameters()) n += p.numel();
    return n;
}

DecoderText KinoraModelImpl::decoderText(const std::vector<std::string>& captions) {
    if (config().vae.textBlocks == 0) return {};
    return captionStates(captions);
}

DecoderText KinoraModelImpl::captionStates(const std::vector<std::string>& captions) {
    if (captions.empty()) return {};
    const auto device = parameters().front().device();
    TokenBatch tokens = tokenizePrompts(captions, config().text);
    if (tokens.ids.size(1) == 0) return {};
    for (std::size_t i = 0; i < captions.size(); ++i)
        if (captions[i].find_first_not_of(" \t\r\n") == std::string::npos)
            tokens.valid[static_cast<int64_t>(i)].fill_(false);
    tokens.ids = tokens.ids.to(device);
    tokens.valid = tokens.valid.to(device);
    torch::NoGradGuard noGrad;
    return {text->forward(tokens), tokens.valid};
}

KinoraModel createRandomModel(const ModelConfig& config, uint64_t seed) {
    ModelManifest manifest;
    manifest.config = config;
    manifest.config.tokenizer = Tokenizer::kName;
    manifest.config.text.vocabSize = Tokenizer().vocabSize();
    manifest.latentMean.assign(static_cast<std::size_t>(config.vae.latentChannels), 0.0);
    manifest.latentStd.assign(static_cast<std::size_t>(config.vae.latentChannels), 1.0);
    manifest.training = {{"kind", "random-init"}, {"seed", seed}, {"trained_steps", 0}};
    torch::manual_seed(seed);
    KinoraModel model(manifest);
    model->eval();
    return model;
}

KinoraModel widenLatentChannels(KinoraModel& source, int channels, uint64_t seed) {
    const ModelManifest& from = source->manifest();
    const int64_t c0 = from.config.vae.latentChannels, c1 = channels;
    if (c1 < c0)
        throw Error("latent_channels " + std::to_string(c1) + ": the model has " +
                    std::to_string(c0) + "; a latent can grow, not shrink");
    ModelManifest manifest = from;
    manifest.config.vae.latentChannels = channels;
    manifest.latentMean.resize(static_cast<std::size_t>(c1), 0.0);
    manifest.latentStd.resize(static_cast<std::size_t>(c1), 1.0);
    torch::manual_seed(seed);
    KinoraModel wide(manifest);
    wide->to(source->parameters().front().device());
    torch::NoGradGuard noGrad;
    auto old = source->named_parameters();
    const int64_t patch = from.config.dit.patchT * from.config.dit.patchH * from.config.dit.patchW;
    for (auto& item : wide->named_parameters()) {
        const std::string& name = item.key();
        torch::Tensor& dst = item.value();
        const torch::Tensor* found = old.find(name);
        if (found == nullptr) throw Error("widen: the model has no tensor " + name);
        const torch::Tensor& src = *found;
        if (src.sizes() == dst.sizes()) {
            dst.copy_(src);
        } else if (name == "vae.enc_out.weight" || name == "vae.enc_out.bias") {
            // Rows [mean 0..C-1, log-variance 0..C-1]: each half keeps its old rows first.
            // The new channels' log-variance rows repeat the old ones, so they start with
            // the small posterior noise the trained channels have (a fresh row would give
            // variance 1 and bury them in noise until training found them).
            dst.narrow(0, 0, c0).copy_(src.narrow(0, 0, c0));
            for (int64_t k = 0; k < c1; ++k)
                dst.narrow(0, c1 + k, 1).copy_(src.narrow(0, c0 + k % c0, 1));
        } else if (name == "vae.dec_in.weight" || name == "vae.preview_weight" ||
                   name == "dit.patch_embed.weight") {
            // Inputs ordered channel-major (a patch's features are c * patch + offset), so
            // the old channels are the leading columns.
            const int64_t n = name == "dit.patch_embed.weight" ? patch : 1;
            dst.zero_();
            dst.narrow(1, 0, c0 * n).copy_(src);
        } else if (name == "dit.head.weight" || name == "dit.head.bias") {
            dst.zero_();
            dst.narrow(0, 0, c0 * patch).copy_(src);
        } else {
            throw Error("widen: " + name + " changes shape in a way this does not know");
        }
    }
    wide->train(source->is_training());
    return wide;
}

namespace {

// A model of `manifest` (source's, with something added) holding every weight of `source`;
// the tensors it adds (names starting with `added`) keep their fresh initialisation.
KinoraModel convertedModel(KinoraModel& source, const ModelManifest& manifest,
                           const std::string& added, const std::string& what) {
    KinoraModel converted(manifest);
    converted->to(source->parameters().front().device());
    torch::NoGradGuard noGrad;
    auto old = source->named_parameters();
    for (auto& item : converted->named_parameters()) {
        if (const torch::Tensor* found = old.find(item.key()))
            item.value().copy_(*found);
        else if (item.key().rfind(added, 0) != 0)
            throw Error(what + ": the model has no tensor " + item.key());
    }
    converted->train(source->is_training());
    return converted;
}

}  // namespace

KinoraModel withAbsolutePosition(KinoraModel& source) {
    if (source->config().dit.absolutePosition)
        throw Error("the model's denoiser has absolute positions already");
    ModelManifest manifest = source->manifest();
    manifest.config.dit.absolutePosition = true;
    return convertedModel(source, manifest, "dit.pos_proj.weight", "absolute position");
}

KinoraModel withDecoderText(KinoraModel& source, int blocks, uint64_t seed) {
    if (blocks < 1 || blocks > 4) throw Error("decoder text: blocks must be 1..4");
    if (source->config().vae.textBlocks > 0)
        throw Error("the model's decoder reads the caption already");
    ModelManifest manifest = source->manifest();
    manifest.config.vae.textBlocks = blocks;
    torch::manual_seed(seed);  // the new blocks' initial weights
    return convertedModel(source, manifest, "vae.dec_text.", "decoder text");
}

KinoraModel loadModel(const std::string& dir) {
    ModelManifest manifest = ModelManifest::load(dir);
    const std::string manifestPath = (fs::path(dir) / ModelManifest::kFileName).string();
    Tokenizer tokenizer;
    if (manifest.config.tokenizer != Tokenizer::kName)
        throw Error(manifestPath + ": tokenizer '" + manifest.config.tokenizer +
                    "' is not supported (this build has " + Tokenizer::kName + ")");
    if (manifest.config.text.vocabSize != tokenizer.vocabSize())
        throw Error(manifestPath + ": text.vocab_size " +
                    std::to_string(manifest.config.text.vocabSize) +
                    " does not match the tokenizer's " + std::to_string(tokenizer.vocabSize()));
    KinoraModel model(manifest);
    const std::string weightsPath = (fs::path(dir) / manifest.weightsFile).string();
    SafetensorsFile file(weightsPath);
    torch::NoGradGuard noGrad;
    for (auto& item : model->named_parameters()) {
        item.value().copy_(file.loadFloat(item.key(), item.value().sizes()));
        // Damaged weights would make a black clip that still carries our watermark.
        if (!torch::isfinite(item.value()).all().item<bool>())
            throw Error(weightsPath + ": tensor '" + item.key() +
                            "' holds NaN or infinite values (damaged weights)",
                        ErrorKind::ModelLoad);
    }
    model->eval();
    return model;
}

void saveModel(KinoraModel& model, const std::string& dir, DType dtype) {
    fs::create_directories(dir);
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto& item : model->named_parameters())
        tensors.emplace_back(item.key(), item.value());
    const ModelManifest& manifest = model->manifest();
    writeSafetensors((fs::path(dir) / manifest.weightsFile).string(), tensors, dtype,
                     {{"format", "kinora-model"}, {"name", manifest.config.name}});
    manifest.save(dir);
}

}  // namespace kinora
