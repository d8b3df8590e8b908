#include "models/kinora/kinora_family.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "models/kinora/manifest.h"
#include "models/kinora/tokenizer.h"
#include "models/registry.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora {

namespace fs = std::filesystem;

namespace {

struct KinoraPromptStates : PromptStates {
    torch::Tensor states;  // [B, L, D]
    torch::Tensor valid;   // [B, L] bool
    int64_t rows() const override { return states.size(0); }
    int64_t tokens() const override { return states.size(1); }
};

struct KinoraDenoiserContext : DenoiserContext {
    DitContext dit;
};

class KinoraFamily : public ModelFamily {
public:
    std::string name() const override { return "kinora"; }

    std::optional<DetectedModel> detect(const std::string& folder) const override {
        const fs::path manifestPath = fs::path(folder) / ModelManifest::kFileName;
        std::error_code ec;
        if (!fs::exists(manifestPath, ec)) return std::nullopt;
        // A model.json that is a folder, a FIFO or a device: say so, naming it.
        requireRegularFile(manifestPath.string(), "model manifest");
        // Only a manifest that says it is ours makes the folder ours.
        const auto j = nlohmann::json::parse(
            readRegularFile(manifestPath.string(), ModelManifest::kMaxBytes, "model manifest"),
            nullptr, /*allow_exceptions=*/false);
        if (!j.is_object() || !j.contains("format") || j["format"] != "kinora-model")
            return std::nullopt;
        const ModelManifest manifest = ModelManifest::fromJson(j, manifestPath.string());
        DetectedModel found;
        found.family = name();
        found.variant = manifest.config.name;
        found.folder = folder;
        const fs::path weights = fs::path(folder) / manifest.weightsFile;
        if (!fs::is_regular_file(weights, ec)) {
            std::string why = " (the weights model.json names)";
            if (fs::exists(weights, ec)) {
                try {
                    requireRegularFile(weights.string());
                } catch (const Error& e) {
                    why = " (" + std::string(e.what()) + ")";  // "...: is a FIFO, not a ..."
                }
            }
            found.missing.push_back(manifest.weightsFile + why);
        } else {
            found.diskBytes =
                static_cast<int64_t>(fs::file_size(weights, ec) + fs::file_size(manifestPath, ec));
            // Weights widened to float32, plus the working memory of a small clip.
            found.memoryBytes = 2 * found.diskBytes + (int64_t{512} << 20);
        }
        return found;
    }

    std::unique_ptr<VideoModel> load(const std::string& folder) const override {
        return std::make_unique<KinoraVideoModel>(loadModel(folder));
    }

    // The world's words (docs/world.md): every model of this family reads the same ones.
    std::vector<std::string> knownWords(const std::string&) const override {
        return Tokenizer().words();
    }
};

}  // namespace

const ModelFamily& kinoraFamily() {
    static const KinoraFamily family;
    return family;
}

KinoraVideoModel::KinoraVideoModel(KinoraModel model)
    : m_model(std::move(model)), m_info(describeModel(m_model->config())) {
    m_info.parameters = m_model->parameterCount();
}

std::string KinoraVideoModel::nonFiniteWeight() const {
    torch::NoGradGuard noGrad;
    for (const auto& item : m_model->named_parameters())
        if (!torch::isfinite(item.value()).all().item<bool>()) return item.key();
    return "";
}

void KinoraVideoModel::to(const torch::Device& device) {
    m_model->to(device);
    m_caption.reset();
}

torch::Device KinoraVideoModel::device() const {
    return m_model->parameters().front().device();
}

std::shared_ptr<const PromptStates> KinoraVideoModel::encodePrompts(
    const std::vector<std::string>& prompts) {
    TokenBatch tokens = tokenizePrompts(prompts, m_model->config().text);  // throws when too long
    const auto dev = device();
    tokens.ids = tokens.ids.to(dev);
    tokens.valid = tokens.valid.to(dev);
    auto out = std::make_shared<KinoraPromptStates>();
    out->states = m_model->text->forward(tokens);
    out->valid = tokens.valid;
    return out;
}

std::shared_ptr<const DenoiserContext> KinoraVideoModel::prepare(const PromptStates& prompts,
                                                                 int64_t firstRow, int64_t rowCount,
                                                                 const LatentLayout& layout) {
    const auto& p = dynamic_cast<const KinoraPromptStates&>(prompts);
    auto out = std::make_shared<KinoraDenoiserContext>();
    out->dit = m_model->dit->prepare(p.states.narrow(0, firstRow, rowCount),
                                     p.valid.narrow(0, firstRow, rowCount), layout.frames,
                                     layout.height, layout.width, layout.clipFrames);
    return out;
}

torch::Tensor KinoraVideoModel::velocity(const torch::Tensor& x, const torch::Tensor& frameTimes,
                                         const DenoiserContext& context) {
    return m_model->dit->forward(x, frameTimes,
                                 dynamic_cast<const KinoraDenoiserContext&>(context).dit);
}

double KinoraVideoModel::denoiserFlops(int64_t tokens, int64_t textTokens, int64_t batch) const {
    return kinora::denoiserFlops(m_model->config(), tokens, textTokens, static_cast<int>(batch));
}

torch::Tensor KinoraVideoModel::encode(const torch::Tensor& frames) {
    return m_model->normalizeLatents(m_model->vae->encode(frames).first);
}

torch::Tensor KinoraVideoModel::decode(const torch::Tensor& latents, int64_t from, int64_t to,
                                       const std::string& prompt) {
    const DecoderText text = captionFor(prompt);
    auto z = m_model->denormalizeLatents(latents);
    if (from == 0 && to == latents.size(1)) return m_model->vae->decode(z, text);
    return m_model->vae->decodeRange(z, from, to, text);
}

DecoderText KinoraVideoModel::captionFor(const std::string& prompt) {
    // Cached only in inference mode (the engine's): its tensors must never meet autograd.
    if (!c10::InferenceMode::is_enabled()) return m_model->decoderText({prompt});
    if (!m_caption || m_captionPrompt != prompt) {
        m_caption = m_model->decoderText({prompt});
        m_captionPrompt = prompt;
    }
    return *m_caption;
}

int64_t KinoraVideoModel::decoderReach() const {
    return m_model->vae->decoderReach();
}

torch::Tensor KinoraVideoModel::preview(const torch::Tensor& latents) {
    return m_model->vae->previewRgb(m_model->denormalizeLatents(latents));
}

}  // namespace kinora
