#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "provenance/watermark.h"
#include "util/image.h"

namespace kinora::provenance {

/// @brief One row of the robustness table: an edit applied to every marked clip.
struct WatermarkEvalRow {
    std::string attack;  ///< "none", "h264 crf 23", "downscale 50%", ...
    int clips = 0;
    double detectionRate = 0;  ///< share of clips found
    double bitAccuracy = 0;    ///< share of the 32 id bits decoded right, over all clips
    double idExact = 0;        ///< share of clips whose id came back whole with a good CRC
};

struct WatermarkEvalReport {
    std::vector<WatermarkEvalRow> rows;
    int unmarkedClips = 0;
    double falsePositiveRate = 0;      ///< unmarked clips (plain and re-encoded) found marked
    double maxUnmarkedScore = 0;       ///< the highest sync z-score among them
    double psnrMin = 0, psnrMean = 0;  ///< marked against unmarked frames
    std::string source;                ///< where the clips came from
};

/// @brief The edits a marked clip goes through, by name (each ends as an H.264 file the
/// way a clip travels: the re-encodes at their CRF, the others at CRF 18 after the edit).
std::vector<std::string> watermarkAttacks();
/// @brief Applies attack `name` to `clip` (`seed` picks the crop position). Needs FFmpeg.
Clip attackClip(const Clip& clip, const std::string& name, uint64_t seed,
                const std::string& scratchDir);

/// @brief Marks `count` clips (ids drawn from `seed`), runs every attack and measures
/// detection and bit accuracy; runs the detector on `count` other, unmarked clips (as made
/// and re-encoded at CRF 23) for false positives. `makeClip(i)` supplies clip i (world
/// renders or model generations). Progress lines go to `onMessage`.
WatermarkEvalReport evaluateWatermark(
    int count, uint64_t seed, const std::function<Clip(int)>& makeClip,
    const std::string& scratchDir, const WatermarkOptions& options = {},
    const std::function<void(const std::string&)>& onMessage = {});

}  // namespace kinora::provenance
