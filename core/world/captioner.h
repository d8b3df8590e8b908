#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "world/scene.h"

namespace kinora::world {

/// @brief `count` different captions of `scene` (fewer if the templates run out),
/// drawn deterministically from `seed`: sentence, capitalised sentence, tag list and
/// place-first styles, with synonyms for shapes, sizes, motions and places, e.g.
/// "a big red ball bounces on the grass", "red circle, bouncing, meadow, the camera
/// pans left", "A yellow star to the left of a pink ring; the yellow star spins and the
/// pink ring rises. Gray background."
std::vector<std::string> captionScene(const SceneSpec& scene, uint64_t seed, int count = 4);

/// @brief Every word a caption can contain (for vocabulary checks).
std::vector<std::string> captionVocabulary();

}  // namespace kinora::world
