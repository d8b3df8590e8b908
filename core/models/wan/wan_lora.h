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
/// ComfyUI), `<module>.lora_A[.default].weight` / `.lora_B[...]` (PEFT, diffusers; scale 1
/// unless an `.alpha` is there), and whole differences `<module>.diff` / `.diff_b` /
/// `.diff_m` (of any weight: linear layers, norms, the patch embedding; of a bias; of a
/// block's modulation); modules named officially, behind `diffusion_model.`,
/// `model.diffusion_model.`, `transformer.` or `base_model.model.`, in the diffusers names, or
/// kohya's `lora_unet_blocks_0_self_attn_q`. Each change is strength x alpha / rank x up @ down.
class LoraMerge {
public:
    /// @brief Merges `loras` into `dit`'s weights, replacing what an earlier call merged
    /// (an empty list restores the weights as loaded, exactly). Every tensor of every file
    /// must fit a weight of this denoiser with matching sizes: otherwise nothing is
    /// changed and Error names the file and the tensors that do not fit. Returns what the
    /// files say about the sampler.
    LoraPreset apply(WanDiT& dit, const std::vector<LoraChoice>& loras);
    /// @brief Weights currently changed.
    std::size_t changedWeights() const { return m_original.size(); }

private:
    std::map<std::string, torch::Tensor> m_original;  // official name -> as loaded
};

/// @brief The official weight ("blocks.0.self_attn.q.weight") that a LoRA key's module part
/// and the suffix its kind changes (".weight", ".bias", ".modulation") stand for, among the
/// denoiser's `weights` (WanDiT::namedWeights); empty when none.
std::string loraTarget(const std::string& storedModule, const std::string& suffix,
                       const std::map<std::string, torch::Tensor*>& weights);

}  // namespace kinora::wan
