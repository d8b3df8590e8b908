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

// The parts of one module's change in one file.
struct ModuleChange {
    torch::Tensor up, down, alpha, diff, diffBias;
    std::vector<std::string> keys;  // as stored, for messages
};

// "<module>.<part>" -> module and part, for the parts a LoRA key may end in.
bool splitKey(const std::string& key, std::string& module, std::string& part) {
    static const char* kParts[] = {".lora_down.weight",
                                   ".lora_up.weight",
                                   ".lora_A.weight",
                                   ".lora_B.weight",
                                   ".alpha",
                                   ".diff_b",
                                   ".diff"};
    for (const char* p : kParts)
        if (endsWith(key, p)) {
            module = key.substr(0, key.size() - std::char_traits<char>::length(p));
            part = p + 1;
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

std::string loraTarget(const std::string& storedModule,
                       const std::map<std::string, Linear*>& modules) {
    std::string m = storedModule;
    for (const char* prefix : {"base_model.model.", "transformer.", "model.diffusion_model.",
                               "diffusion_model.", "model."})
        if (m.rfind(prefix, 0) == 0) {
            m = m.substr(std::char_traits<char>::length(prefix));
            break;
        }
    if (modules.count(m)) return m;
    // The diffusers names, through the denoiser's own name map.
    const std::string mapped = ditName(m + ".weight");
    if (endsWith(mapped, ".weight")) {
        const std::string official = mapped.substr(0, mapped.size() - 7);
        if (modules.count(official)) return official;
    }
    // kohya: lora_unet_blocks_0_self_attn_q (dots written as underscores).
    for (const char* prefix : {"lora_unet_", "lora_transformer_"})
        if (m.rfind(prefix, 0) == 0) {
            const std::string flat = m.substr(std::char_traits<char>::length(prefix));
            for (const auto& [name, layer] : modules) {
                std::string u = name;
                std::replace(u.begin(), u.end(), '.', '_');
                if (u == flat) return name;
            }
        }
    return "";
}

LoraPreset LoraMerge::apply(WanDiT& dit, const std::vector<LoraChoice>& loras) {
    auto layers = dit.linearLayers();
    // The change of every layer, summed over the files, in float32; built whole before
    // anything is changed, so a file that does not fit leaves the model as it was.
    std::map<std::string, std::pair<torch::Tensor, torch::Tensor>> change;  // weight, bias
    LoraPreset preset;
    for (const LoraChoice& choice : loras) {
        if (!(choice.strength >= -4.0 && choice.strength <= 4.0))
            throw Error(printablePath(choice.path) + ": a LoRA strength must be -4..4");
        requireRegularFile(choice.path, "LoRA file");
        const auto file = openTensorFile(choice.path);
        readPreset(choice.path, *file, preset);
        std::map<std::string, ModuleChange> byModule;
        std::vector<std::string> unfit;
        for (const auto& e : file->entries()) {
            std::string module, part;
            if (!splitKey(e.name, module, part)) {
                unfit.push_back(e.name + " (not a LoRA tensor)");
                continue;
            }
            const std::string target = loraTarget(module, layers);
            if (target.empty()) {
                unfit.push_back(e.name + " (no such layer)");
                continue;
            }
            ModuleChange& c = byModule[target];
            c.keys.push_back(e.name);
            const auto t = file->loadFloat(e.name);
            if (part == "lora_down.weight" || part == "lora_A.weight")
                c.down = t;
            else if (part == "lora_up.weight" || part == "lora_B.weight")
                c.up = t;
            else if (part == "alpha")
                c.alpha = t;
            else if (part == "diff")
                c.diff = t;
            else
                c.diffBias = t;
        }
        for (auto& [target, c] : byModule) {
            const Linear& layer = *layers.at(target);
            const auto out = layer.weight.size(0), in = layer.weight.size(1);
            auto& [dw, db] = change[target];
            if (!dw.defined()) dw = torch::zeros({out, in});
            if (c.up.defined() != c.down.defined()) {
                unfit.push_back(c.keys.front() + " (an up or down half without the other)");
                continue;
            }
            if (c.up.defined()) {
                const auto up = c.up.reshape({c.up.size(0), -1});
                const auto down = c.down.reshape({c.down.size(0), -1});
                const auto rank = down.size(0);
                if (up.size(0) != out || down.size(1) != in || up.size(1) != rank) {
                    unfit.push_back(c.keys.front() + " (up " + shapeOf(c.up) + ", down " +
                                    shapeOf(c.down) + " for a layer " + std::to_string(out) + "x" +
                                    std::to_string(in) + ")");
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
                dw += (choice.strength * scale) * torch::matmul(up, down);
            }
            if (c.diff.defined()) {
                if (c.diff.sizes() != layer.weight.sizes()) {
                    unfit.push_back(c.keys.front() + " (diff " + shapeOf(c.diff) + ")");
                    continue;
                }
                dw += choice.strength * c.diff;
            }
            if (c.diffBias.defined()) {
                if (!layer.bias.defined() || c.diffBias.sizes() != layer.bias.sizes()) {
                    unfit.push_back(c.keys.front() + " (diff_b " + shapeOf(c.diffBias) + ")");
                    continue;
                }
                if (!db.defined()) db = torch::zeros({out});
                db += choice.strength * c.diffBias;
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
        const auto nonFinite = [](const torch::Tensor& t) {
            return t.defined() && !torch::isfinite(t).all().item<bool>();
        };
        for (const auto& [target, d] : change)
            if (nonFinite(d.first) || nonFinite(d.second))
                throw Error(printablePath(choice.path) + ": the change of " + target +
                                " holds NaN or infinite values",
                            ErrorKind::ModelLoad);
    }
    // Undo the last merge, then merge this one (in each layer's stored type).
    for (auto& [name, original] : m_original) {
        Linear& layer = *layers.at(name);
        const auto device = layer.weight.device();  // the model may have moved since
        layer.weight = original.weight.to(device);
        if (original.bias.defined()) layer.bias = original.bias.to(device);
    }
    m_original.clear();
    for (const auto& [name, d] : change) {
        Linear& layer = *layers.at(name);
        m_original[name] = layer;
        const auto& w = layer.weight;
        layer.weight = (w.to(torch::kFloat) + d.first.to(w.device())).to(w.scalar_type());
        if (d.second.defined())
            layer.bias = (layer.bias.to(torch::kFloat) + d.second.to(w.device()))
                             .to(layer.bias.scalar_type());
    }
    return preset;
}

}  // namespace kinora::wan
