#include "models/kinora/manifest.h"

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <type_traits>
#include <vector>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora {

namespace {

using nlohmann::json;

template <typename T>
struct IsIntegerList : std::false_type {};
template <typename E>
struct IsIntegerList<std::vector<E>>
    : std::bool_constant<std::is_integral_v<E> && !std::is_same_v<E, bool>> {};

// An integer of type T, never wrapped or truncated: 2^40 in an int field, or 1.5, or 1e32,
// is refused, not read as something else.
template <typename T>
T readInteger(const json& v, const std::string& where) {
    if (!v.is_number_integer()) throw Error(where + ": must be an integer");
    const bool fits =
        v.is_number_unsigned()
            ? v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<T>::max())
            : v.get<int64_t>() >= static_cast<int64_t>(std::numeric_limits<T>::min()) &&
                  v.get<int64_t>() <= static_cast<int64_t>(std::numeric_limits<T>::max());
    if (!fits)
        throw Error(where + ": " + v.dump() + " is out of range (at most " +
                    std::to_string(std::numeric_limits<T>::max()) + ")");
    return v.get<T>();
}

// Reads an optional field of an object, refusing a wrong type with its path.
template <typename T>
void readField(const json& obj, const char* key, T& out, const std::string& where) {
    if (!obj.contains(key)) return;
    const json& v = obj.at(key);
    const std::string at = where + "." + key;
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        out = readInteger<T>(v, at);
    } else if constexpr (IsIntegerList<T>::value) {
        if (!v.is_array()) throw Error(at + ": must be a list of integers");
        T items;
        for (std::size_t i = 0; i < v.size(); ++i)
            items.push_back(
                readInteger<typename T::value_type>(v[i], at + "[" + std::to_string(i) + "]"));
        out = std::move(items);
    } else {
        try {
            out = v.get<T>();
        } catch (const json::exception&) {
            throw Error(at + ": wrong type");
        }
    }
}

const json& object(const json& j, const char* key, const std::string& where) {
    static const json empty = json::object();
    if (!j.contains(key)) return empty;
    if (!j.at(key).is_object()) throw Error(where + "." + key + ": must be an object");
    return j.at(key);
}

}  // namespace

json ModelManifest::toJson() const {
    const ModelConfig& c = config;
    json j{
        {"format", "kinora-model"},
        {"format_version", kFormatVersion},
        {"name", c.name},
        {"tokenizer", c.tokenizer},
        {"weights", weightsFile},
        {"architecture",
         {{"vae",
           {{"latent_channels", c.vae.latentChannels},
            {"spatial_factor", c.vae.spatialFactor},
            {"temporal_factor", c.vae.temporalFactor},
            {"channels", c.vae.channels},
            {"res_blocks_per_level", c.vae.resBlocksPerLevel},
            {"text_blocks", c.vae.textBlocks}}},
          {"text",
           {{"vocab_size", c.text.vocabSize},
            {"dim", c.text.dim},
            {"depth", c.text.depth},
            {"heads", c.text.heads},
            {"max_tokens", c.text.maxTokens}}},
          {"dit",
           {{"dim", c.dit.dim},
            {"depth", c.dit.depth},
            {"heads", c.dit.heads},
            {"mlp_ratio", c.dit.mlpRatio},
            {"patch", {c.dit.patchT, c.dit.patchH, c.dit.patchW}},
            {"freq_dim", c.dit.freqDim},
            {"rope_theta", c.dit.ropeTheta},
            {"absolute_position", c.dit.absolutePosition}}}}},
        {"defaults",
         {{"width", c.defaults.width},
          {"height", c.defaults.height},
          {"frames", c.defaults.frames},
          {"fps", c.defaults.fps},
          {"steps", c.defaults.steps},
          {"guidance", c.defaults.guidance},
          {"guidance_smoothing", c.defaults.guidanceSmoothing},
          {"reference_guidance", c.defaults.referenceGuidance},
          {"shift", c.defaults.shift}}},
        {"latent", {{"mean", latentMean}, {"std", latentStd}}},
        {"training", training},
    };
    if (!c.defaults.negativePrompt.empty())
        j["defaults"]["negative_prompt"] = c.defaults.negativePrompt;
    return j;
}

ModelManifest ModelManifest::fromJson(const json& j, const std::string& source) {
    try {
        return parseManifest(j, source);
    } catch (const json::exception& e) {
        // A field of a type the reader did not expect, somewhere a check is missing: still
        // one clear error naming the file, never an escaped library exception.
        throw Error(source + ": malformed (" + e.what() + ")");
    }
}

ModelManifest ModelManifest::parseManifest(const json& j, const std::string& source) {
    if (!j.is_object()) throw Error(source + ": not a JSON object");
    std::string format;
    readField(j, "format", format, source);
    if (format != "kinora-model") throw Error(source + ": \"format\" must be \"kinora-model\"");
    int version = 0;
    readField(j, "format_version", version, source);
    if (version < 1 || version > kFormatVersion)
        throw Error(source + ": format_version " + std::to_string(version) +
                    " is not supported (this build reads 1.." + std::to_string(kFormatVersion) +
                    "; a newer Kinora wrote it?)");
    ModelManifest m;
    ModelConfig& c = m.config;
    readField(j, "name", c.name, source);
    readField(j, "tokenizer", c.tokenizer, source);
    readField(j, "weights", m.weightsFile, source);
    if (m.weightsFile.empty() || m.weightsFile.find('/') != std::string::npos ||
        m.weightsFile.find("..") != std::string::npos)
        throw Error(source + ".weights: must be a plain file name in the model folder");
    const std::string arch = source + ": architecture";
    const json& a = object(j, "architecture", source);
    const json& vae = object(a, "vae", arch);
    readField(vae, "latent_channels", c.vae.latentChannels, arch + ".vae");
    readField(vae, "spatial_factor", c.vae.spatialFactor, arch + ".vae");
    readField(vae, "temporal_factor", c.vae.temporalFactor, arch + ".vae");
    readField(vae, "channels", c.vae.channels, arch + ".vae");
    readField(vae, "res_blocks_per_level", c.vae.resBlocksPerLevel, arch + ".vae");
    readField(vae, "text_blocks", c.vae.textBlocks, arch + ".vae");
    const json& text = object(a, "text", arch);
    readField(text, "vocab_size", c.text.vocabSize, arch + ".text");
    readField(text, "dim", c.text.dim, arch + ".text");
    readField(text, "depth", c.text.depth, arch + ".text");
    readField(text, "heads", c.text.heads, arch + ".text");
    readField(text, "max_tokens", c.text.maxTokens, arch + ".text");
    const json& dit = object(a, "dit", arch);
    readField(dit, "dim", c.dit.dim, arch + ".dit");
    readField(dit, "depth", c.dit.depth, arch + ".dit");
    readField(dit, "heads", c.dit.heads, arch + ".dit");
    readField(dit, "mlp_ratio", c.dit.mlpRatio, arch + ".dit");
    readField(dit, "freq_dim", c.dit.freqDim, arch + ".dit");
    readField(dit, "rope_theta", c.dit.ropeTheta, arch + ".dit");
    readField(dit, "absolute_position", c.dit.absolutePosition, arch + ".dit");
    if (dit.contains("patch")) {
        std::vector<int> p;
        readField(dit, "patch", p, arch + ".dit");
        if (p.size() != 3) throw Error(arch + ".dit.patch: needs three numbers [t, h, w]");
        c.dit.patchT = p[0];
        c.dit.patchH = p[1];
        c.dit.patchW = p[2];
    }
    const json& d = object(j, "defaults", source);
    readField(d, "width", c.defaults.width, source + ": defaults");
    readField(d, "height", c.defaults.height, source + ": defaults");
    readField(d, "frames", c.defaults.frames, source + ": defaults");
    readField(d, "fps", c.defaults.fps, source + ": defaults");
    readField(d, "steps", c.defaults.steps, source + ": defaults");
    readField(d, "guidance", c.defaults.guidance, source + ": defaults");
    readField(d, "guidance_smoothing", c.defaults.guidanceSmoothing, source + ": defaults");
    readField(d, "reference_guidance", c.defaults.referenceGuidance, source + ": defaults");
    readField(d, "shift", c.defaults.shift, source + ": defaults");
    readField(d, "negative_prompt", c.defaults.negativePrompt, source + ": defaults");
    try {
        c.validate();
        c.validateCanvas(c.defaults.width, c.defaults.height, c.defaults.frames);
    } catch (const Error& e) {
        throw Error(source + ": " + e.what());
    }
    const json& lat = object(j, "latent", source);
    readField(lat, "mean", m.latentMean, source + ": latent");
    readField(lat, "std", m.latentStd, source + ": latent");
    const auto channels = static_cast<std::size_t>(c.vae.latentChannels);
    if (m.latentMean.empty()) m.latentMean.assign(channels, 0.0);
    if (m.latentStd.empty()) m.latentStd.assign(channels, 1.0);
    if (m.latentMean.size() != channels || m.latentStd.size() != channels)
        throw Error(source + ": latent.mean and latent.std need " + std::to_string(channels) +
                    " values (one per latent channel)");
    for (double s : m.latentStd)
        if (!(s > 0.0)) throw Error(source + ": latent.std values must be positive");
    if (j.contains("training")) m.training = j.at("training");
    return m;
}

ModelManifest ModelManifest::load(const std::string& dir) {
    const std::string path = (std::filesystem::path(dir) / kFileName).string();
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec))
        throw Error(printablePath(dir) + ": model folder does not exist");
    if (!std::filesystem::exists(path, ec))
        throw Error(printablePath(path) +
                    ": missing (a model folder holds model.json and its weights)");
    const std::string text = readRegularFile(path, kMaxBytes, "model manifest");
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        throw Error(path + ": not valid JSON: " + e.what());
    }
    return fromJson(j, path);
}

void ModelManifest::save(const std::string& dir) const {
    std::filesystem::create_directories(dir);
    const std::string path = (std::filesystem::path(dir) / kFileName).string();
    writeFileAtomically(path, [&](std::ostream& out) { out << toJson().dump(2) << '\n'; });
}

}  // namespace kinora
