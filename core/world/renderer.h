#pragma once

#include "util/image.h"
#include "world/scene.h"

namespace kinora::world {

/// @brief Whether local point (x, y) (centre at 0, y down, already unrotated) lies in
/// `shape` of outer radius `radius`. Shapes follow docs/world.md (ring hole 0.5, cross arms 1/3).
bool insideShape(Shape shape, double x, double y, double radius);

/// @brief Background colour at world point (x, y): region colours of docs/world.md with
/// zero-mean textures (grass blades, sand dots, floor boards, stars) so pans show motion.
Rgb backgroundAt(const SceneSpec& scene, double x, double y);

/// @brief Renders every frame: background and camera, characters anti-aliased (4x4
/// supersampling) and flat-filled, the pillar in front. Deterministic.
Clip renderScene(const SceneSpec& scene);

/// @brief Renders one frame of a scene.
Image renderFrame(const SceneSpec& scene, int frame);

}  // namespace kinora::world
