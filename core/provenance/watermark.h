#pragma once

#include <cstdint>
#include <string>

#include "util/image.h"

namespace kinora::provenance {

/// @brief How the invisible watermark is laid into frames.
///
/// Each frame is divided into a 16x16 grid of cells (in the frame's own proportions). A
/// key-seeded permutation gives 64 cells to a sync pattern and 4 cells to each of 48
/// payload bits (a 32-bit id and a 16-bit CRC of it); a cell's luma is raised or lowered
/// by `amplitude` (8-bit levels, the same on R, G and B, so colour is untouched). The sign
/// of the whole pattern also flips over frames in key-seeded pairs (+r, -r): the detector's
/// signed sum of frame-pair differences cancels whatever in the picture stands still, and
/// the watermark adds up pair after pair. A clip needs at least two frames.
struct WatermarkOptions {
    double amplitude = 2.0;            ///< levels; +-2 everywhere is an MSE of 4: PSNR 42.1 dB
    uint64_t key = 0x4b494e4f5241ull;  ///< "KINORA"
};

/// @brief Marks every frame of `clip` with `id`. Frames may be any size (at least 16x16).
void embedWatermark(Clip& clip, uint32_t id, const WatermarkOptions& options = {});

struct Detection {
    bool found = false;
    uint32_t id = 0;
    /// 0..1: how sure the detector is that the clip carries a Kinora watermark (1 - the
    /// chance that an unmarked clip scores this high over the whole search, at most).
    double confidence = 0.0;
    double syncScore = 0.0;  ///< z-score of the sync pattern at the best alignment
    bool crcOk = false;
    /// Where the original frame lies in this one (crops are searched): scale of the kept
    /// part and its offset, as fractions of the original frame.
    double scale = 1.0, offsetX = 0.0, offsetY = 0.0;
    uint64_t bits = 0;  ///< the 48 decoded payload bits (id, then CRC)
};

/// @brief Looks for the watermark, searching crops of up to 20% of each side (any
/// resize is undone by the cell grid). Found when the sync pattern stands out
/// (z >= 5); the id counts when its CRC matches, after trying flips of the least sure bits.
Detection detectWatermark(const Clip& clip, const WatermarkOptions& options = {});

/// @brief CRC-16/CCITT of the id's four bytes (big-endian).
uint16_t idCrc(uint32_t id);

/// @brief PSNR (dB) of `marked` against `original` over every frame and channel.
double clipPsnr(const Clip& original, const Clip& marked);

}  // namespace kinora::provenance
