#pragma once

#include <string>
#include <vector>

#include "util/image.h"
#include "world/appearance.h"

namespace kinora::eval {

/// @brief What the analyser reads in the middle frame of one window.
struct WindowReading {
    int start = 0;             ///< the window's first frame
    int frame = 0;             ///< the frame read (the middle of the window's own frames)
    bool colourFound = false;  ///< a blob of the character's colour
    std::string shape;         ///< the shape that blob reads as ("" when none)
    bool holds = false;        ///< counted as showing the character
    /// Share of the window's own frames (every one, not only the middle) that show the
    /// character the same way.
    double framesHolding = 0.0;
};

/// @brief How a clip made of overlapping windows holds together.
struct LongShotReport {
    int windows = 0;
    std::vector<WindowReading> readings;  ///< one per window
    /// Fraction of windows whose middle frame shows the character: a blob of its colour
    /// whose shape reads as its shape (the colour alone when the shape is not said).
    double crossWindowConsistency = 0.0;
    /// Share of all frames of the clip that show the character (colour, and shape where
    /// said): how much of the shot keeps its look, frame by frame.
    double frameConsistency = 0.0;
    /// Mean absolute RGB difference (0..255) between consecutive frames at the window
    /// joins (every pair from entering a join's dissolve to leaving it), and between
    /// consecutive frames inside windows.
    double seamDifference = 0.0;
    double withinDifference = 0.0;
    /// The largest join difference over the 95th percentile of the in-window ones.
    double worstSeamDifference = 0.0;
    double withinP95Difference = 0.0;
};

/// @brief Mean absolute difference of two frames of one size.
double meanAbsDifference(const Image& a, const Image& b);

/// @brief How a clip's frame change varies with the phase of the autoencoder's groups of
/// frames (frame 0 alone, then groups of `groupFrames`). Phase k holds the pairs
/// (i - 1, i) with (i - 1) % groupFrames == k: phase 0 crosses from one group into the
/// next, the others stay inside a group. Motion the world renders changes every pair
/// alike; a decoder that draws each group's frames as steps shows up as judder.
class FrameChangeByPhase {
public:
    explicit FrameChangeByPhase(int groupFrames = 4);
    void add(const Clip& clip);
    int pairs() const;
    std::vector<double> means() const;  ///< mean change per phase (0 where none)
    /// Change across group boundaries over the mean change of all phases: about 1 for
    /// evenly spaced motion, up to groupFrames when only the boundaries change; 0
    /// without pairs or change.
    double judder() const;

private:
    std::vector<double> m_sum;
    std::vector<int> m_count;
};

/// @brief Measures `clip` whose window i starts at `windowStarts[i]` and whose joins
/// dissolve over `blendFrames` frames (LongClipResult).
LongShotReport measureLongShot(const Clip& clip, const std::vector<int>& windowStarts,
                               const world::Appearance& character, int blendFrames = 0);

}  // namespace kinora::eval
