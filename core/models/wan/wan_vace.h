#pragma once

#include <vector>

#include <torch/torch.h>

#include "models/wan/wan_vae.h"

namespace kinora::wan {

/// @brief The control input of a VACE denoiser, built as the reference's WanVace does:
/// frames split by the mask into the part to keep (frames * (1 - mask)) and the part to
/// regenerate (frames * mask), each VAE-encoded (32 channels); the pixel mask folded into
/// 64 channels (one per position in an 8x8 cell) and resampled in time to the latent
/// frames (nearest-exact); reference images encoded alone (with 16 zero channels and a zero
/// mask) and placed before the clip in time. Result: [96, refs + T', H/8, W/8].
struct VaceContext {
    torch::Tensor latents;  ///< z0: [32, refs + T', h, w]
    torch::Tensor mask;     ///< m0: [64, refs + T', h, w]
    torch::Tensor context;  ///< cat(z0, m0): [96, refs + T', h, w]
};

/// @brief frames [3, T, H, W] in [-1, 1] (T = 1 + 4k; H, W multiples of 16), mask
/// [1, T, H, W] (1 = regenerate; binarised at 0.5 for the split), refs: images [3, 1, H, W].
VaceContext buildVaceContext(const WanVAE& vae, const torch::Tensor& frames,
                             const torch::Tensor& mask, const std::vector<torch::Tensor>& refs);

}  // namespace kinora::wan
