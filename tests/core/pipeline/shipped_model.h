// The shipped (embedded) model as the CLI and the studio load it, and what the tests read
// off its clips.
#pragma once

#include <vector>

#include "eval/analyser.h"
#include "pipeline/engine.h"
#include "pipeline/long_clip.h"
#include "project/render.h"
#include "world/world_vocab.h"

namespace kinora::test {

inline Engine& shipped() {
    static Engine e;  // the embedded model, as the CLI and the studio load it
    return e;
}

// The colour with the largest total area over the clip, among the world's 8 colours.
inline world::Colour dominantColour(const Clip& clip) {
    eval::ClipAnalyser analyser;
    world::Colour best = world::Colour::Red;
    double bestArea = -1.0;
    for (world::Colour c : world::kColours) {
        double area = 0.0;
        for (const auto& f : clip.frames) area += analyser.findColour(f, c).area;
        if (area > bestArea) {
            bestArea = area;
            best = c;
        }
    }
    return best;
}

// Horizontal travel of the blob of `colour` from the first frames it is seen in to the
// last (pixels; 0 when it is seen in fewer than 4 frames).
inline double horizontalTravel(const Clip& clip, world::Colour colour) {
    eval::ClipAnalyser analyser;
    std::vector<double> xs;
    for (const auto& f : clip.frames) {
        const auto blob = analyser.findColour(f, colour);
        if (blob.found) xs.push_back(blob.x);
    }
    if (xs.size() < 4) return 0.0;
    const std::size_t k = xs.size() / 4;
    double first = 0.0, last = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
        first += xs[i];
        last += xs[xs.size() - 1 - i];
    }
    return (last - first) / static_cast<double>(k);
}

// Prompts naming one character's colour and a horizontal motion, on backgrounds whose
// colours the analyser cannot confuse with a character's.
struct DirectionCase {
    const char* prompt;
    world::Colour colour;
    int direction;  // -1 left, +1 right
};
inline const std::vector<DirectionCase>& directionCases() {
    static const std::vector<DirectionCase> cases{
        {"a big red ball rolls to the right on a gray background", world::Colour::Red, +1},
        {"a big blue box slides to the left at night", world::Colour::Blue, -1},
        {"a big yellow star moves right in a room", world::Colour::Yellow, +1},
        {"a big purple circle goes left on the beach", world::Colour::Purple, -1},
    };
    return cases;
}

// A 60-second shot of "a big red ball bounces on the grass" (seed 1) as overlapping windows,
// each given the end of the clip so far and the ball's reference image.
inline const char* const kMinuteShotPrompt = "a big red ball bounces on the grass";
inline LongClipResult minuteLongShot() {
    GenerationRequest r;
    r.prompt = kMinuteShotPrompt;
    r.seed = 1;
    project::Character c{"c", "C", r.prompt, "", 0};
    const ModelConfig& cfg = shipped().config();
    r.references.push_back(project::characterReference(
        c, {cfg.defaults.width, cfg.defaults.height, cfg.defaults.fps}, "."));
    return generateLongClip(shipped(), r, 60 * cfg.defaults.fps);
}

}  // namespace kinora::test
