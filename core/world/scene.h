#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "world/world_vocab.h"

namespace kinora::world {

/// @brief Where the first character stands relative to the second.
enum class Relation { LeftOf, RightOf, Above, Below };
const char* name(Relation r);
Relation parseRelation(const std::string& s);

/// @brief One character and the parameters of its motion, in world pixels.
struct CharacterSpec {
    std::string name;  ///< storyboard name ("Pip"), empty when anonymous
    Colour colour = Colour::Red;
    Shape shape = Shape::Circle;
    Size size = Size::Small;
    Motion motion = Motion::Still;
    double x0 = 32.0, y0 = 32.0;  ///< start centre
    double travel = 0.0;          ///< left/right/up/down distance, bounce/still drift
    double amplitude = 0.0;       ///< bounce: first arc height of the bottom edge
    double arcs = 2.5;            ///< bounce: arcs over the clip
    double landAt = 0.6;          ///< fall: landing time as a fraction of the clip
    double turn = 0.0;            ///< spin: total rotation in radians (signed)
    double angle0 = 0.0;          ///< start rotation in radians
};

/// @brief A clip of the world: everything the renderer and the captioner need.
struct SceneSpec {
    int width = 64;
    int height = 64;
    int frames = 17;
    int fps = 8;
    Background background = Background::Gray;
    Camera camera = Camera::Static;
    bool pillar = false;
    Relation relation = Relation::LeftOf;  ///< first vs second character
    std::vector<CharacterSpec> characters;
    uint64_t seed = 0;  ///< texture and star placement

    /// y of the ground line (where falling and bouncing things land).
    double groundY() const;
    /// Diameter of a character of `size` at scale 1.
    double baseDiameter(Size size) const;
    /// Time of frame f in [0, 1].
    double timeOf(int frame) const {
        return frames > 1 ? static_cast<double>(frame) / (frames - 1) : 0.0;
    }
};

/// @brief A character at one frame, in world coordinates and on screen.
struct CharacterState {
    double x = 0, y = 0;                                  ///< world centre
    double diameter = 0;                                  ///< world diameter (scale applied)
    double angle = 0;                                     ///< rotation in radians
    double screenX = 0, screenY = 0, screenDiameter = 0;  ///< after the camera
    double visible = 1.0;                                 ///< fraction not hidden by the pillar
};

/// @brief Camera transform of frame time t: screen = (world - centre - pan) * zoom + centre.
struct CameraView {
    double zoom = 1.0;
    double panX = 0.0;
    double cx = 0.0, cy = 0.0;
    double toScreenX(double wx) const { return (wx - cx - panX) * zoom + cx; }
    double toScreenY(double wy) const { return (wy - cy) * zoom + cy; }
    double toWorldX(double sx) const { return (sx - cx) / zoom + cx + panX; }
    double toWorldY(double sy) const { return (sy - cy) / zoom + cy; }
};
CameraView cameraAt(const SceneSpec& scene, double t);

/// @brief Per-character, per-frame states ([character][frame]).
std::vector<std::vector<CharacterState>> computeTracks(const SceneSpec& scene);

/// @brief Pillar extent in world x.
std::pair<double, double> pillarSpan(const SceneSpec& scene);

/// @brief The still a character is shown by (a character reference): the character alone,
/// still, unturned and centred, on the gray background whose faint blotches follow `seed`.
/// Project rendering and training both build their references with it.
SceneSpec referenceStill(const CharacterSpec& character, int width, int height, int fps,
                         uint64_t seed);

nlohmann::json toJson(const SceneSpec& scene);
/// @brief Parses and validates; errors name the field ("characters[1].colour: ...").
SceneSpec sceneFromJson(const nlohmann::json& j);
/// @brief Scene plus per-frame screen tracks, for the analyser and for humans.
nlohmann::json describeScene(const SceneSpec& scene);

}  // namespace kinora::world
