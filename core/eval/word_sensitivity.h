#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/kinora/kinora_model.h"

namespace kinora::eval {

/// @brief How much the denoiser relies on one kind of word: its loss on world clips with
/// the true caption against the same clip captioned with that one attribute changed
/// (another colour, shape, size; the opposite or another motion).
struct WordSensitivity {
    /// "colour", "shape", "size", "motion", then "left/right" and "up/down": the opposite
    /// direction, on the clips whose character moves that way only
    std::string attribute;
    std::vector<double> noiseLevels;  ///< t
    /// Mean over clips of (loss with the wrong word - loss with the true one) / the latter,
    /// per noise level: 0 means the word is ignored.
    std::vector<double> relativeIncrease;
    int clips = 0;  ///< clips measured (the direction rows: those moving that way)
};

/// The noise levels `measureWordSensitivity` and `kinora-cli eval --words` use by default.
inline const std::vector<double> kDefaultWordNoiseLevels = {0.5, 0.7, 0.9};

/// @brief Measures it on `clips` single-character, static-camera world clips on the model's
/// default canvas, at the noise levels `levels` (default t = 0.5, 0.7, 0.9; fixed noise per
/// clip and level). Near t = 1 the noisy clip no longer shows where a character starts, so
/// only there does a direction word carry what a start position otherwise tells.
/// Deterministic in `seed`. Throws Error for no clips or a level outside (0, 1].
std::vector<WordSensitivity> measureWordSensitivity(
    KinoraModel& model, int clips, uint64_t seed = 1,
    std::vector<double> levels = kDefaultWordNoiseLevels);

}  // namespace kinora::eval
