#pragma once

#include <map>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "models/wan/wan_dit.h"
#include "pipeline/model_info.h"

namespace kinora::wan {

/// @brief What one LoRA file says about the sampler: a step-distillation LoRA (its name
/// or metadata says so: "lightx2v", "CausVid", "distill", "4steps" ...) makes good clips in
/// a few steps without guidance.
struct LoraPreset {
    bool fewSteps = false;
    int steps = 0;  ///< the steps it was distilled for (0: unknown)
};

/// @brief The changes of LoRA files merged into a Wan denoiser's linear layers, and undone.
///
/// Key layouts read: `<module>.lora_down.weight` / `.lora_up.weight` / `.alpha` (kohya,
/// ComfyUI), `<module>.lora_A.weight` / `.lora_B.weight` (PEFT, diffusers; scale 1 unless an
/// `.alpha` is there), and whole differences `<module>.diff` / `.diff_b` (of the weight and
/// bias); modules named officially, behind `diffusion_model.`, `model.diffusion_model.`,
/// `transformer.` or `base_model.model.`, in the diffusers names, or kohya's
/// `lora_unet_blocks_0_self_attn_q`. Each change is strength x alpha / rank x up @ down.
class LoraMerge {
public:
    /// @brief Merges `loras` into `dit`'s weights, replacing what an earlier call merged
    /// (an empty list restores the weights as loaded, exactly). Every tensor of every file
    /// must fit a linear layer of this denoiser with matching sizes: otherwise nothing is
    /// changed and Error names the file and the tensors that do not fit. Returns what the
    /// files say about the sampler.
    LoraPreset apply(WanDiT& dit, const std::vector<LoraChoice>& loras);
    /// @brief Layers currently changed.
    std::size_t changedLayers() const { return m_original.size(); }

private:
    std::map<std::string, Linear> m_original;  // module -> the layer as loaded
};

/// @brief The official module name ("blocks.0.self_attn.q") a LoRA key's module part
/// stands for, among `modules` (the denoiser's linear layers); empty when none.
std::string loraTarget(const std::string& storedModule,
                       const std::map<std::string, Linear*>& modules);

}  // namespace kinora::wan
