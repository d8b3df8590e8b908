#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/image.h"
#include "world/scene.h"

namespace kinora::eval {

/// @brief Per-dimension scores of one clip against the scene it was meant to show.
/// Each is in [0, 1]; std::nullopt where the dimension does not apply (no pillar: no
/// permanence score).
struct ClipScores {
    std::optional<double> background, colour, shape, size, motion, count, camera, permanence,
        consistency;
    /// 1 when the frames are clean: at most kMaxStrayFraction of their pixels (mean over
    /// frames) are stray, of a colour the scene has no place for (strayPixels()).
    std::optional<double> clean;
    double strayFraction = 0.0;  ///< that mean share of stray pixels
    /// Per intended character: the shape its frames vote for (what `shape` compares with
    /// the intended one), nullopt when no clean frame showed it.
    std::vector<std::optional<world::Shape>> shapesRead;
    /// Per intended character: the motion its track reads as (what `motion` compares).
    std::vector<world::Motion> motionsRead;
    world::Camera cameraRead = world::Camera::Static;  ///< what `camera` compares
};

/// @brief What the analyser sees of one character colour in one frame.
struct Blob {
    bool found = false;
    double area = 0.0;
    double x = 0.0, y = 0.0;  ///< centroid
};

/// @brief Reads a clip of the Kinora world and scores it against the intended scene.
///
/// Characters are found by their exact SPEC colours (connected components over a colour
/// tolerance), backgrounds by their region colours, shapes by the best overlap with
/// rasterised templates over rotations, sizes by area against the small/large templates,
/// motions from the compensated centroid/area/rotation tracks, the camera from the
/// background alone (shift and scale search between first and last frames).
class ClipAnalyser {
public:
    ClipScores score(const Clip& clip, const world::SceneSpec& intended) const;

    /// @brief Background class of a frame (characters and the pillar ignored).
    world::Background classifyBackground(const Image& frame) const;
    Blob findColour(const Image& frame, world::Colour colour) const;
    /// @brief Best-matching shape of the blob of `colour`, with the matching rotation.
    std::optional<std::pair<world::Shape, double>> classifyShape(const Image& frame,
                                                                 world::Colour colour) const;
    world::Motion classifyMotion(const Clip& clip, const world::SceneSpec& intended,
                                 std::size_t character) const;
    world::Camera classifyCamera(const Clip& clip) const;
};

/// @brief The mask (width x height, row-major, 255 inside) of the largest blob of pixels
/// near `colour` in `frame`, as the analyser finds characters; empty when there is none.
std::vector<uint8_t> colourBlobMask(const Image& frame, world::Colour colour);

/// @brief The most stray pixels a clean clip may have, as a share of each frame (mean).
inline constexpr double kMaxStrayFraction = 0.004;

/// @brief Pixels of `frame` whose colour the scene has no place for: farther than a small
/// tolerance from every colour it may show (its background's region colours over their
/// texture range, the pillar, the intended characters' colours) and from every mix of two
/// of them (anti-aliased edges, the horizon, a blurred character). Speckles of white or
/// dark around a character are stray; soft edges are not. Returns their share (0..1).
double strayFraction(const Image& frame, const world::SceneSpec& scene);

/// @brief PSNR in dB between two images of one size (99 when identical).
double psnr(const Image& a, const Image& b);

/// @brief Cross-shot consistency of named characters: for each name appearing in two
/// or more shots, whether colour, shape and size class read the same in every shot.
/// Returns the fraction of such characters that stay consistent (nullopt if none).
std::optional<double> crossShotConsistency(const std::vector<Clip>& shots,
                                           const std::vector<world::SceneSpec>& scenes);

}  // namespace kinora::eval
