#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/kinora_model.h"

namespace kinora::eval {

/// @brief How much the denoiser relies on one kind of word: its loss on world clips with
/// the true caption against the same clip captioned with that one attribute changed
/// (another colour, shape, size; the opposite or another motion).
struct WordSensitivity {
    std::string attribute;            ///< "colour", "shape", "size", "motion"
    std::vector<double> noiseLevels;  ///< t
    /// Mean over clips of (loss with the wrong word - loss with the true one) / the latter,
    /// per noise level: 0 means the word is ignored.
    std::vector<double> relativeIncrease;
};

/// @brief Measures it on `clips` single-character, static-camera world clips on the model's
/// default canvas, at t = 0.5, 0.7, 0.9 (fixed noise per clip). Deterministic in `seed`.
std::vector<WordSensitivity> measureWordSensitivity(KinoraModel& model, int clips,
                                                    uint64_t seed = 1);

}  // namespace kinora::eval
