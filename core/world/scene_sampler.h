#pragma once

#include <cstdint>
#include <vector>

#include "world/scene.h"

namespace kinora::world {

/// @brief Combinations of colour, shape, motion and background that training never
/// shows (about 4% of them, fixed by a hash): the held-out evaluation suite uses them.
bool isHeldOut(Colour colour, Shape shape, Motion motion, Background background);

struct SampleOptions {
    enum class HeldOut { Exclude, Only, Any };
    HeldOut heldOut = HeldOut::Exclude;
    int maxCharacters = 3;
    bool canvasVariants = true;  ///< also 96x64 and 64x96
    int width = 0;               ///< fixed canvas when both are set
    int height = 0;
    int frames = 17;
    int fps = 8;
};

/// @brief A random scene, deterministic in `seed`, obeying docs/world.md: allowed colours per
/// background, no spin for circles and rings, distinct colours, the first-named character
/// placed by the relation, pillar scenes crossing the pillar.
SceneSpec sampleScene(uint64_t seed, const SampleOptions& options = {});

/// @brief A storyboard of `shots` scenes whose named characters keep colour, shape and
/// size across shots (backgrounds and motions change).
std::vector<SceneSpec> sampleSequence(uint64_t seed, int shots, const SampleOptions& options = {});

/// @brief Places the characters of `scene` (already chosen: colour, shape, size, motion)
/// and draws their motion parameters, as sampleScene does.
void layoutScene(SceneSpec& scene, uint64_t seed);

}  // namespace kinora::world
