#pragma once

#include <vector>

#include <torch/torch.h>

#include "util/image.h"

namespace kinora {

/// @brief Frames of one size as a float tensor [T, 3, H, W] in [-1, 1] (on the CPU): the one
/// way pixels enter a model. Throws Error when the frames differ in size.
torch::Tensor imagesToTensor(const std::vector<Image>& frames);

/// @brief A tensor [T, 3, H, W] in [-1, 1] (any device, any float type) as 8-bit frames,
/// clamped and rounded: the one way pixels leave a model.
std::vector<Image> tensorToImages(const torch::Tensor& frames);

}  // namespace kinora
