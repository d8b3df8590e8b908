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

bool WanWeights::hasPrefix(const std::string& prefix) const {
    const auto it = m_sources.lower_bound(prefix);
    return it != m_sources.end() && it->first.compare(0, prefix.size(), prefix) == 0;
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

void WanWeights::checkShape(const Source& s, const std::vector<int64_t>& expected) const {
    if (!expected.empty() && s.entry->shape != expected)
        throw Error(s.file->path() + ": tensor '" + s.stored + "' has shape " +
                        shapeString(s.entry->shape) + ", the " + m_part + " expects " +
                        shapeString(expected),
                    ErrorKind::ModelLoad);
}

std::vector<int64_t> WanWeights::shape(const std::string& name) const {
    return source(name).entry->shape;
}

DType WanWeights::dtype(const std::string& name) const {
    return source(name).entry->dtype;
}

torch::Tensor WanWeights::take(const std::string& name, std::vector<int64_t> expected) {
    const Source& s = source(name);
    checkShape(s, expected);
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

torch::Tensor WanWeights::takeView(const std::string& name, std::vector<int64_t> expected) {
    if (m_scales.count(name)) return take(name, std::move(expected));
    const Source& s = source(name);
    checkShape(s, expected);
    m_taken.insert(name);
    const torch::Tensor t = s.file->view(s.stored);
    // The tensor keeps its file (and so the mapping under it) alive, whatever outlives what.
    std::shared_ptr<TensorFile> file;
    for (const auto& f : m_files)
        if (f.get() == s.file) file = f;
    return torch::from_blob(
        t.data_ptr(), t.sizes(), t.strides(), [file, t](void*) {}, t.options());
}

void WanWeights::release(const std::string& name) const {
    const auto it = m_sources.find(name);
    if (it != m_sources.end()) it->second.file->release(it->second.stored);
}

void WanWeights::expect(const std::string& name, const std::vector<int64_t>& expected) {
    const Source& s = source(name);
    checkShape(s, expected);
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
    std::string n = stripPrefix(stored, {"model.diffusion_model.", "diffusion_model.", "model."});
    // The diffusers layout (WanTransformer3DModel) -> the official names.
    static const std::vector<std::pair<std::regex, std::string>> diffusers = {
        {std::regex(R"(^condition_embedder\.time_embedder\.linear_1\.)"), "time_embedding.0."},
        {std::regex(R"(^condition_embedder\.time_embedder\.linear_2\.)"), "time_embedding.2."},
        {std::regex(R"(^condition_embedder\.time_proj\.)"), "time_projection.1."},
        {std::regex(R"(^condition_embedder\.text_embedder\.linear_1\.)"), "text_embedding.0."},
        {std::regex(R"(^condition_embedder\.text_embedder\.linear_2\.)"), "text_embedding.2."},
        {std::regex(R"(^condition_embedder\.image_embedder\.norm1\.)"), "img_emb.proj.0."},
        {std::regex(R"(^condition_embedder\.image_embedder\.ff\.net\.0\.proj\.)"),
         "img_emb.proj.1."},
        {std::regex(R"(^condition_embedder\.image_embedder\.ff\.net\.2\.)"), "img_emb.proj.3."},
        {std::regex(R"(^condition_embedder\.image_embedder\.norm2\.)"), "img_emb.proj.4."},
        {std::regex(R"(^condition_embedder\.image_embedder\.pos_embed$)"), "img_emb.emb_pos"},
        {std::regex(R"(^blocks\.(\d+)\.attn1\.to_q\.)"), "blocks.$1.self_attn.q."},
        {std::regex(R"(^blocks\.(\d+)\.attn1\.to_k\.)"), "blocks.$1.self_attn.k."},
        {std::regex(R"(^blocks\.(\d+)\.attn1\.to_v\.)"), "blocks.$1.self_attn.v."},
        {std::regex(R"(^blocks\.(\d+)\.attn1\.to_out\.0\.)"), "blocks.$1.self_attn.o."},
        {std::regex(R"(^blocks\.(\d+)\.attn1\.norm_q\.)"), "blocks.$1.self_attn.norm_q."},
        {std::regex(R"(^blocks\.(\d+)\.attn1\.norm_k\.)"), "blocks.$1.self_attn.norm_k."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.to_q\.)"), "blocks.$1.cross_attn.q."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.to_k\.)"), "blocks.$1.cross_attn.k."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.to_v\.)"), "blocks.$1.cross_attn.v."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.to_out\.0\.)"), "blocks.$1.cross_attn.o."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.norm_q\.)"), "blocks.$1.cross_attn.norm_q."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.norm_k\.)"), "blocks.$1.cross_attn.norm_k."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.add_k_proj\.)"), "blocks.$1.cross_attn.k_img."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.add_v_proj\.)"), "blocks.$1.cross_attn.v_img."},
        {std::regex(R"(^blocks\.(\d+)\.attn2\.norm_added_k\.)"),
         "blocks.$1.cross_attn.norm_k_img."},
        {std::regex(R"(^blocks\.(\d+)\.ffn\.net\.0\.proj\.)"), "blocks.$1.ffn.0."},
        {std::regex(R"(^blocks\.(\d+)\.ffn\.net\.2\.)"), "blocks.$1.ffn.2."},
        {std::regex(R"(^blocks\.(\d+)\.scale_shift_table$)"), "blocks.$1.modulation"},
        {std::regex(R"(^blocks\.(\d+)\.norm2\.)"),
         "blocks.$1.norm3."},  // diffusers' norm2 is the cross-attention norm
        {std::regex(R"(^scale_shift_table$)"), "head.modulation"},
        {std::regex(R"(^proj_out\.)"), "head.head."},
    };
    if (n.find("attn1.") == std::string::npos && n.find("attn2.") == std::string::npos &&
        n.find("condition_embedder.") == std::string::npos &&
        n.find("scale_shift_table") == std::string::npos &&
        n.find("proj_out.") == std::string::npos && n.find(".ffn.net.") == std::string::npos &&
        n.find(".norm2.") == std::string::npos)
        return n;
    for (const auto& [pattern, replacement] : diffusers) {
        if (std::regex_search(n, pattern)) return std::regex_replace(n, pattern, replacement);
    }
    return n;
}

bool isDiffusersDiTName(const std::string& stored) {
    return stored.find("condition_embedder.") != std::string::npos ||
           stored.find(".attn1.") != std::string::npos || stored == "scale_shift_table";
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
    const std::string n = stripPrefix(stored, {"first_stage_model.", "vae."});
    // The diffusers layout (AutoencoderKLWan) -> the official names. Its decoder groups the
    // official flat list (3 residual blocks and a resampler per level) by level.
    static const std::vector<std::pair<std::regex, std::string>> simple = {
        {std::regex(R"(^(encoder|decoder)\.conv_in\.)"), "$1.conv1."},
        {std::regex(R"(^quant_conv\.)"), "conv1."},
        {std::regex(R"(^post_quant_conv\.)"), "conv2."},
        {std::regex(R"(^(encoder|decoder)\.norm_out\.gamma$)"), "$1.head.0.gamma"},
        {std::regex(R"(^(encoder|decoder)\.conv_out\.)"), "$1.head.2."},
        {std::regex(R"(^(encoder|decoder)\.mid_block\.attentions\.0\.)"), "$1.middle.1."},
    };
    for (const auto& [pattern, replacement] : simple)
        if (std::regex_search(n, pattern)) return std::regex_replace(n, pattern, replacement);
    auto residual = [](const std::string& rest) -> std::string {
        if (rest == "norm1.gamma") return "residual.0.gamma";
        if (rest.rfind("conv1.", 0) == 0) return "residual.2." + rest.substr(6);
        if (rest == "norm2.gamma") return "residual.3.gamma";
        if (rest.rfind("conv2.", 0) == 0) return "residual.6." + rest.substr(6);
        if (rest.rfind("conv_shortcut.", 0) == 0) return "shortcut." + rest.substr(14);
        return "";
    };
    static const std::regex mid(R"(^(encoder|decoder)\.mid_block\.resnets\.(\d)\.(.+)$)");
    static const std::regex down(R"(^encoder\.down_blocks\.(\d+)\.(.+)$)");
    static const std::regex upRes(R"(^decoder\.up_blocks\.(\d+)\.resnets\.(\d+)\.(.+)$)");
    static const std::regex upSample(R"(^decoder\.up_blocks\.(\d+)\.upsamplers\.0\.(.+)$)");
    std::smatch m;
    if (std::regex_match(n, m, mid)) {
        const std::string r = residual(m[3].str());
        if (!r.empty()) return m[1].str() + ".middle." + (m[2].str() == "0" ? "0." : "2.") + r;
    } else if (std::regex_match(n, m, down)) {
        const std::string r = residual(m[2].str());
        return "encoder.downsamples." + m[1].str() + "." + (r.empty() ? m[2].str() : r);
    } else if (std::regex_match(n, m, upRes)) {
        const std::string r = residual(m[3].str());
        if (!r.empty())
            return "decoder.upsamples." +
                   std::to_string(4 * std::stoi(m[1].str()) + std::stoi(m[2].str())) + "." + r;
    } else if (std::regex_match(n, m, upSample)) {
        return "decoder.upsamples." + std::to_string(4 * std::stoi(m[1].str()) + 3) + "." +
               m[2].str();
    }
    return n;
}

torch::Tensor as(const torch::Tensor& weight, const torch::Tensor& like) {
    return weight.scalar_type() == like.scalar_type() ? weight : weight.to(like.scalar_type());
}

torch::Tensor Linear::operator()(const torch::Tensor& x) const {
    return torch::linear(x, as(weight, x), bias.defined() ? as(bias, x) : torch::Tensor());
}

Linear takeLinear(WanWeights& w, const std::string& prefix, int64_t in, int64_t out, bool bias) {
    Linear l;
    l.weight = w.takeView(prefix + ".weight", {out, in});
    if (bias) l.bias = w.takeView(prefix + ".bias", {out});
    return l;
}

}  // namespace kinora::wan
