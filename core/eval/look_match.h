#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "pipeline/long_clip.h"
#include "util/image.h"
#include "world/world_vocab.h"

namespace kinora::eval {

/// @brief How closely frames show the character of a reference image: its colour, and its
/// outline, each blob centred, scaled to one area and overlapped with the reference's at
/// every 10-degree turn (so a character that travels, turns or is zoomed still matches).
/// It ranks tries of one window or take (generateLongClip's `judge`); it compares with the
/// picture, not with a shape name, so any character drawn in a world colour works.
class LookMatcher {
public:
    /// @brief The character is the largest blob of one world colour in `reference`
    /// (characterReference() draws it alone on gray). Throws Error when there is none.
    explicit LookMatcher(const Image& reference);

    world::Colour colour() const { return m_colour; }

    /// @brief 0 for frames that all show the reference's outline, up to kMissing: the mean
    /// over frames of 1 - the best overlap (intersection over union), kMissing for a frame
    /// without a blob of the colour. Throws Error for no frames.
    double distance(const std::vector<Image>& frames) const;

    /// @brief That distance for one frame.
    double frameDistance(const Image& frame) const;

    static constexpr double kMissing = 1.0;

private:
    struct Outline;
    world::Colour m_colour = world::Colour::Red;
    std::shared_ptr<const Outline> m_outline;  ///< the reference's normalised outline
};

/// @brief Look matching for generateLongClip: of `candidates` tries per window, keep the one
/// whose new frames are closest to the character in `reference` (LookMatcher). Throws
/// Error when the reference shows no character (generateLongClip refuses a count outside
/// 1..16).
void matchLook(LongClipOptions& options, const Image& reference, int candidates);

/// @brief A judge of tries by their distance to the character in `reference`
/// (LookMatcher::distance), for project::RenderOptions::lookJudge. Throws Error when the
/// reference shows no character.
std::function<double(const std::vector<Image>&)> lookJudge(const Image& reference);

}  // namespace kinora::eval
