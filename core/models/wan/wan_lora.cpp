#include "models/wan/wan_lora.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "models/wan/wan_weights.h"
#include "util/error.h"
#include "util/files.h"
#include "weights/safetensors.h"

namespace kinora::wan {

namespace {

bool endsWith(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

// The parts of one tensor's change in one file.
struct TensorChange {
    torch::Tensor up, down, alpha, diff;
    std::vector<std::string> keys;  // as stored, for messages
};

// "<module>.<part>" -> module, part, and the suffix of the tensor the part changes.
bool splitKey(const std::string& key, std::string& module, std::string& part, std::string& suffix) {
    static const std::pair<const char*, const char*> kParts[] = {
        {".lora_down.weight", ".weight"},
        {".lora_up.weight", ".weight"},
        {".lora_A.weight", ".weight"},
        {".lora_B.weight", ".weight"},
        {".lora_A.default.weight", ".weight"},
        {".lora_B.default.weight", ".weight"},
        {".alpha", ".weight"},
        {".diff_b", ".bias"},
        {".diff_m", ".modulation"},
        {".diff", ".weight"}};
    for (const auto& [p, target] : kParts)
        if (endsWith(key, p)) {
            module = key.substr(0, key.size() - std::char_traits<char>::length(p));
            part = p + 1;
            suffix = target;
            return true;
        }
    return false;
}

std::string shapeOf(const torch::Tensor& t) {
    return shapeString(t.sizes());
}

// A preset from the file's name and metadata.
void readPreset(const std::string& path, const TensorFile& file, LoraPreset& preset) {
    std::string text = lower(printablePath(path));
    if (const auto* st = dynamic_cast<const SafetensorsFile*>(&file))
        for (const auto& [k, v] : st->metadata())
            text += " " + lower(k) + "=" + lower(v.substr(0, 512));
    static const std::regex steps(R"((\d{1,2})[ _-]?steps?)");
    std::smatch m;
    const bool distilled =
        text.find("lightx2v") != std::string::npos || text.find("causvid") != std::string::npos ||
        text.find("distill") != std::string::npos || text.find("lightning") != std::string::npos;
    if (std::regex_search(text, m, steps)) {
        const int n = std::stoi(m[1].str());
        if (n >= 1 && n <= 16) {
            preset.fewSteps = true;
            preset.steps = std::max(preset.steps, n);
        }
    }
    if (distilled) preset.fewSteps = true;
}

}  // namespace

std::string loraTarget(const std::string& storedModule, const std::string& suffix,
                       const std::map<std::string, torch::Tensor*>& weights) {
    std::string m = storedModule;
    for (const char* prefix : {"base_model.model.", "transformer.", "model.diffusion_model.",
                               "diffusion_model.", "model."})
        if (m.rfind(prefix, 0) == 0) {
            m = m.substr(std::char_traits<char>::length(prefix));
            break;
        }
    // "blocks.0" + ".modulation", "blocks.0.norm3" + ".weight": the name as it stands.
    if (weights.count(m + suffix)) return m + suffix;
    // A norm's diff may name the weight itself ("...norm_k_img.weight.diff").
    if (weights.count(m)) return m;
    // The diffusers names, through the denoiser's own name map.
    const std::string mapped = ditName(m + suffix);
    if (weights.count(mapped)) return mapped;
    // kohya: lora_unet_blocks_0_self_attn_q (dots written as underscores).
    for (const char* prefix : {"lora_unet_", "lora_transformer_"})
        if (m.rfind(prefix, 0) == 0) {
            const std::string flat = m.substr(std::char_traits<char>::length(prefix));
            for (const auto& [name, tensor] : weights) {
                if (!endsWith(name, suffix)) continue;
                std::string u = name.substr(0, name.size() - suffix.size());
                std::replace(u.begin(), u.end(), '.', '_');
                if (u == flat) return name;
            }
        }
    return "";
}

LoraPreset LoraMerge::apply(WanDiT& dit, const std::vector<LoraChoice>& loras) {
    auto weights = dit.namedWeights();
    // The change of every tensor, summed over the files, in float32 and the tensor's held
    // shape; built whole before anything is changed, so a file that does not fit leaves
    // the model as it was.
    std::map<std::string, torch::Tensor> change;
    LoraPreset preset;
    for (const LoraChoice& choice : loras) {
        if (!(choice.strength >= -4.0 && choice.strength <= 4.0))
            throw Error(printablePath(choice.path) + ": a LoRA strength must be -4..4");
        requireRegularFile(choice.path, "LoRA file");
        const auto file = openTensorFile(choice.path);
        readPreset(choice.path, *file, preset);
        std::map<std::string, TensorChange> byTensor;
        std::vector<std::string> unfit;
        for (const auto& e : file->entries()) {
            std::string module, part, suffix;
            if (!splitKey(e.name, module, part, suffix)) {
                unfit.push_back(e.name + " (not a LoRA tensor)");
                continue;
            }
            const std::string target = loraTarget(module, suffix, weights);
            if (target.empty()) {
                unfit.push_back(e.name + " (no such weight)");
                continue;
            }
            TensorChange& c = byTensor[target];
            c.keys.push_back(e.name);
            const auto t = file->loadFloat(e.name);
            if (part.rfind("lora_down", 0) == 0 || part.rfind("lora_A", 0) == 0)
                c.down = t;
            else if (part.rfind("lora_up", 0) == 0 || part.rfind("lora_B", 0) == 0)
                c.up = t;
            else if (part == "alpha")
                c.alpha = t;
            else
                c.diff = c.diff.defined() ? c.diff + t : t;
        }
        for (auto& [target, c] : byTensor) {
            const torch::Tensor& held = *weights.at(target);
            torch::Tensor& d = change[target];
            if (!d.defined()) d = torch::zeros(held.sizes());
            if (c.up.defined() != c.down.defined()) {
                unfit.push_back(c.keys.front() + " (an up or down half without the other)");
                continue;
            }
            if (c.up.defined()) {
                const auto up = c.up.reshape({c.up.size(0), -1});
                const auto down = c.down.reshape({c.down.size(0), -1});
                const auto rank = down.size(0);
                if (held.dim() < 2 || up.size(0) != held.size(0) || up.size(1) != rank ||
                    up.size(0) * down.size(1) != held.numel()) {
                    unfit.push_back(c.keys.front() + " (up " + shapeOf(c.up) + ", down " +
                                    shapeOf(c.down) + " for a weight " + shapeOf(held) + ")");
                    continue;
                }
                double scale = 1.0;
                if (c.alpha.defined()) {
                    if (c.alpha.numel() != 1) {
                        unfit.push_back(c.keys.front() + " (alpha is not one number)");
                        continue;
                    }
                    scale = c.alpha.item<double>() / static_cast<double>(rank);
                }
                d += (choice.strength * scale) * torch::matmul(up, down).reshape(held.sizes());
            }
            if (c.diff.defined()) {
                if (c.diff.numel() != held.numel()) {
                    unfit.push_back(c.keys.front() + " (" + shapeOf(c.diff) + " for a weight " +
                                    shapeOf(held) + ")");
                    continue;
                }
                d += choice.strength * c.diff.reshape(held.sizes());
            }
        }
        if (!unfit.empty()) {
            std::string names;
            for (std::size_t i = 0; i < std::min<std::size_t>(3, unfit.size()); ++i)
                names += (i ? "; " : "") + unfit[i];
            throw Error(
                printablePath(choice.path) + ": " + std::to_string(unfit.size()) + " of " +
                    std::to_string(file->entries().size()) +
                    " tensors do not fit this Wan denoiser (a LoRA for another model?): " + names,
                ErrorKind::ModelLoad);
        }
        for (const auto& [target, d] : change)
            if (!torch::isfinite(d).all().item<bool>())
                throw Error(printablePath(choice.path) + ": the change of " + target +
                                " holds NaN or infinite values",
                            ErrorKind::ModelLoad);
    }
    // Undo the last merge, then merge this one (in each tensor's held type).
    for (auto& [name, original] : m_original) {
        torch::Tensor& t = *weights.at(name);
        t = original.to(t.device());  // the model may have moved since
    }
    m_original.clear();
    for (const auto& [name, d] : change) {
        torch::Tensor& t = *weights.at(name);
        m_original[name] = t;
        t = (t.to(torch::kFloat) + d.to(t.device())).to(t.scalar_type());
    }
    return preset;
}

}  // namespace kinora::wan
