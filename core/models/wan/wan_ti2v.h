#pragma once

#include <cstdint>
#include <utility>

#include <torch/torch.h>

namespace kinora::wan {

// How Wan 2.2 TI2V-5B is given its first frame (wan/textimage2video.py): the image's latent
// stands in latent frame 0, whose tokens get timestep 0 while the rest get the step's, and
// it is put back after every solver step.

/// @brief The output size (width, height) TI2V makes for an image of iw x ih within
/// `maxArea` pixels, both sides multiples of (dw, dh): the larger of "width first" and
/// "height first" roundings whose aspect ratio is closer to the image's.
std::pair<int64_t, int64_t> ti2vOutputSize(int64_t iw, int64_t ih, int64_t dw, int64_t dh,
                                           int64_t maxArea);

/// @brief Per-token timesteps [1, seqLen] (float32) of one step at `t`: `keep` [C, F, H, W]
/// is 1 where the latent is generated and 0 where it is given; each token takes its first
/// cell's value times t (tokens in (f, h, w) order), and padding up to seqLen takes t.
torch::Tensor ti2vTokenTimesteps(const torch::Tensor& keep, double t, int64_t seqLen,
                                 int64_t patchH, int64_t patchW);

}  // namespace kinora::wan
