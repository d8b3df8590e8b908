#include "model/kinora_model.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "text/tokenizer.h"
#include "util/error.h"

namespace kinora {

namespace fs = std::filesystem;

KinoraModelImpl::KinoraModelImpl(const ModelManifest& manifest) : m_manifest(manifest) {
    const ModelConfig& c = m_manifest.config;
    c.validate();
    vae = register_module("vae", VideoAutoencoder(c.vae));
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
    for (auto& item : model->named_parameters())
        item.value().copy_(file.loadFloat(item.key(), item.value().sizes()));
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

std::string defaultModelDir() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("KINORA_MODEL_DIR"); env != nullptr && *env != '\0')
        candidates.emplace_back(env);
    // Relocatable install: <prefix>/bin/kinora -> <prefix>/share/kinora/models/...
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec)
        candidates.push_back(
            (exe.parent_path().parent_path() / "share/kinora/models" / KINORA_EMBEDDED_MODEL_NAME)
                .string());
    candidates.emplace_back(KINORA_INSTALL_MODEL_DIR);
    candidates.emplace_back(KINORA_SOURCE_MODEL_DIR);
    candidates.emplace_back(KINORA_BUILD_MODEL_DIR);
    for (const auto& dir : candidates) {
        const fs::path p(dir);
        if (fs::exists(p / ModelManifest::kFileName, ec)) {
            const ModelManifest m = ModelManifest::load(dir);
            if (fs::exists(p / m.weightsFile, ec)) return dir;
        }
    }
    throw Error("no embedded model found (looked in $KINORA_MODEL_DIR, " +
                std::string(KINORA_INSTALL_MODEL_DIR) + ", " + KINORA_SOURCE_MODEL_DIR + ", " +
                KINORA_BUILD_MODEL_DIR + "); pass --model DIR");
}

}  // namespace kinora
