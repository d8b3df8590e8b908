#include "models/wan/wan_weights.h"

#include <regex>

#include "util/error.h"

namespace kinora::wan {

namespace {

bool startsWith(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string stripPrefix(const std::string& stored, std::initializer_list<const char*> prefixes) {
    for (const char* p : prefixes)
        if (startsWith(stored, p)) return stored.substr(std::string(p).size());
    return stored;
}

bool isScaleName(const std::string& name) {
    return endsWith(name, ".scale_weight") || endsWith(name, ".weight_scale") ||
           endsWith(name, ".scale_input") || endsWith(name, ".input_scale");
}

}  // namespace

WanWeights::WanWeights(std::vector<std::shared_ptr<TensorFile>> files, const NameMap& map,
                       std::string part)
    : m_files(std::move(files)), m_part(std::move(part)) {
    for (const auto& file : m_files) {
        for (const auto& entry : file->entries()) {
            if (isScaleName(entry.name)) {
                // A per-tensor F8 scale: belongs to the weight it scales.
                const std::string base = entry.name.substr(0, entry.name.rfind('.'));
                if (endsWith(entry.name, ".scale_weight") ||
                    endsWith(entry.name, ".weight_scale")) {
                    std::string weight = map(endsWith(base, ".weight") ? base : base + ".weight");
                    if (!weight.empty()) m_scales[weight] = Source{file.get(), entry.name, &entry};
                }
                continue;  // input scales are for FP8 matmuls; we compute in wider types
            }
            const std::string name = map(entry.name);
            if (name.empty()) continue;
            const auto it = m_sources.find(name);
            if (it != m_sources.end()) {
                // The same tensor twice (e.g. shared.weight and encoder.embed_tokens.weight):
                // fine when the shapes agree; the first one is used.
                if (it->second.entry->shape != entry.shape)
                    throw Error(file->path() + ": tensor '" + entry.name + "' of the " + m_part +
                                    " appears twice with different shapes",
                                ErrorKind::ModelLoad);
                m_taken.insert("#dup#" + entry.name);
                continue;
            }
            if (!isFloating(entry.dtype))
                throw Error(file->path() + ": tensor '" + entry.name + "' of the " + m_part +
                                " has type " + dtypeName(entry.dtype) + ", not a float type",
                            ErrorKind::ModelLoad);
            m_sources[name] = Source{file.get(), entry.name, &entry};
        }
    }
}

bool WanWeights::has(const std::string& name) const {
    return m_sources.count(name) != 0;
}

const WanWeights::Source& WanWeights::source(const std::string& name) const {
    const auto it = m_sources.find(name);
    if (it == m_sources.end()) {
        std::string files;
        for (const auto& f : m_files) files += (files.empty() ? "" : ", ") + f->path();
        throw Error("the " + m_part + " weights (" + files + ") lack tensor '" + name + "'",
                    ErrorKind::ModelLoad);
    }
    return it->second;
}

std::vector<int64_t> WanWeights::shape(const std::string& name) const {
    return source(name).entry->shape;
}

DType WanWeights::dtype(const std::string& name) const {
    return source(name).entry->dtype;
}

torch::Tensor WanWeights::take(const std::string& name, std::vector<int64_t> expected) {
    const Source& s = source(name);
    if (!expected.empty() && s.entry->shape != expected)
        throw Error(s.file->path() + ": tensor '" + s.stored + "' has shape " +
                        shapeString(s.entry->shape) + ", the " + m_part + " expects " +
                        shapeString(expected),
                    ErrorKind::ModelLoad);
    m_taken.insert(name);
    torch::Tensor t = s.file->load(s.stored);
    if (t.scalar_type() == at::kDouble) t = t.to(torch::kFloat);
    const auto scale = m_scales.find(name);
    if (scale != m_scales.end()) {
        const torch::Tensor factor = scale->second.file->loadFloat(scale->second.stored);
        if (factor.numel() != 1)
            throw Error(scale->second.file->path() + ": scale '" + scale->second.stored +
                            "' is not a single number",
                        ErrorKind::ModelLoad);
        t = t.to(torch::kFloat) * factor.item<float>();
    }
    return t;
}

void WanWeights::expect(const std::string& name, const std::vector<int64_t>& expected) {
    const Source& s = source(name);
    if (s.entry->shape != expected)
        throw Error(s.file->path() + ": tensor '" + s.stored + "' has shape " +
                        shapeString(s.entry->shape) + ", the " + m_part + " expects " +
                        shapeString(expected),
                    ErrorKind::ModelLoad);
    m_taken.insert(name);
}

torch::Tensor WanWeights::takeFloat(const std::string& name, std::vector<int64_t> expected) {
    return take(name, std::move(expected)).to(torch::kFloat);
}

std::vector<std::string> WanWeights::names() const {
    std::vector<std::string> out;
    for (const auto& [name, s] : m_sources) out.push_back(name);
    return out;
}

void WanWeights::finish() const {
    std::vector<std::string> left;
    for (const auto& [name, s] : m_sources)
        if (!m_taken.count(name)) left.push_back(s.stored);
    if (left.empty()) return;
    std::string list;
    for (std::size_t i = 0; i < left.size() && i < 4; ++i) list += (i ? ", " : "") + left[i];
    if (left.size() > 4) list += ", ... (" + std::to_string(left.size()) + " in all)";
    throw Error("the " + m_part + " weights hold tensors this model does not use: " + list +
                    " (a different model or variant?)",
                ErrorKind::ModelLoad);
}

int64_t WanWeights::parameters() const {
    int64_t n = 0;
    for (const auto& [name, s] : m_sources) n += numelOf(s.entry->shape);
    return n;
}

int64_t WanWeights::storedBytes() const {
    int64_t n = 0;
    for (const auto& [name, s] : m_sources)
        n += numelOf(s.entry->shape) * static_cast<int64_t>(dtypeSize(s.entry->dtype));
    return n;
}

std::string ditName(const std::string& stored) {
    return stripPrefix(stored, {"model.diffusion_model.", "diffusion_model.", "model."});
}

std::string t5Name(const std::string& stored) {
    if (stored == "shared.weight" || stored == "encoder.embed_tokens.weight")
        return "token_embedding.weight";
    if (stored == "encoder.final_layer_norm.weight") return "norm.weight";
    static const std::regex block(R"(encoder\.block\.(\d+)\.layer\.(\d)\.(.+))");
    std::smatch m;
    if (std::regex_match(stored, m, block)) {
        const std::string n = "blocks." + m[1].str() + ".";
        const std::string layer = m[2].str();
        const std::string rest = m[3].str();
        if (layer == "0") {
            if (rest == "layer_norm.weight") return n + "norm1.weight";
            if (rest == "SelfAttention.relative_attention_bias.weight")
                return n + "pos_embedding.embedding.weight";
            static const std::regex attn(R"(SelfAttention\.([qkvo])\.weight)");
            std::smatch a;
            if (std::regex_match(rest, a, attn)) return n + "attn." + a[1].str() + ".weight";
        } else if (layer == "1") {
            if (rest == "layer_norm.weight") return n + "norm2.weight";
            if (rest == "DenseReluDense.wi_0.weight") return n + "ffn.gate.0.weight";
            if (rest == "DenseReluDense.wi_1.weight") return n + "ffn.fc1.weight";
            if (rest == "DenseReluDense.wo.weight") return n + "ffn.fc2.weight";
        }
        return stored;  // unknown: kept, so finish() names it
    }
    return stored;
}

std::string vaeName(const std::string& stored) {
    return stripPrefix(stored, {"first_stage_model.", "vae."});
}

torch::Tensor as(const torch::Tensor& weight, const torch::Tensor& like) {
    return weight.scalar_type() == like.scalar_type() ? weight : weight.to(like.scalar_type());
}

torch::Tensor Linear::operator()(const torch::Tensor& x) const {
    return torch::linear(x, as(weight, x), bias.defined() ? as(bias, x) : torch::Tensor());
}

Linear takeLinear(WanWeights& w, const std::string& prefix, int64_t in, int64_t out, bool bias) {
    Linear l;
    l.weight = w.take(prefix + ".weight", {out, in});
    if (bias) l.bias = w.take(prefix + ".bias", {out});
    return l;
}

}  // namespace kinora::wan
