#pragma once

#include <cstdint>

#include <torch/torch.h>

#include "util/image.h"

namespace kinora {

/// @brief What of each given frame a region mask keeps: [1, H, W], 1 where the mask is
/// black (keep), 0 where it is white (luma >= 128: regenerate), the mask fitted to the
/// canvas as the frames are (`fit`; with bars, the margins are regenerated).
torch::Tensor regionKeep(const Image& mask, int width, int height, ImageFit fit);

/// @brief Puts given pixels back into frames a model generated around them: where `keep`
/// is 1 the result is exactly `given`; beside kept pixels, in space (within `radiusPixels`)
/// and in time (within `radiusFrames`), the generated pixels take on the mean difference
/// between the given pixels and the model's own version of them nearby, fading to nothing
/// at the radius, so the join carries no step; further away they are the model's.
/// generated, given: [T, 3, H, W]; keep: [T, 1, H, W] in {0, 1}. Works through the clip in
/// pieces of frames (memory follows the piece, not the clip).
torch::Tensor pasteGiven(const torch::Tensor& generated, const torch::Tensor& given,
                         const torch::Tensor& keep, int64_t radiusFrames = 2,
                         int64_t radiusPixels = 8);

}  // namespace kinora
