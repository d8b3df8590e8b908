#pragma once

#include <string>

#include "pipeline/image.h"

namespace kinora {

/// @brief Encodes a clip as H.264 in MP4: yuv420p converted with the BT.709 matrix to
/// limited range and tagged BT.709 (primaries, transfer, matrix), constant frame rate
/// (time base 1/fps). Written under a temporary name, renamed when complete. Throws Error.
void writeMp4H264(const Clip& clip, const std::string& path, int crf = 18);
/// @brief The same at an exact rational rate rateNum / rateDen (24000/1001 is 23.976 fps,
/// time base 1001/24000): the clip's frames are written one per tick, clip.fps ignored.
void writeMp4H264(const Clip& clip, const std::string& path, int crf, int rateNum, int rateDen);

/// @brief What a decoded video file holds.
struct VideoInfo {
    std::string codec;
    std::string pixelFormat;
    int width = 0;
    int height = 0;
    int frameCount = 0;  ///< decoded frames
    int fpsNum = 0;      ///< average frame rate as a rational
    int fpsDen = 1;
    bool constantFrameRate = false;  ///< every decoded frame one 1/fps apart
    std::string colorPrimaries, colorTransfer, colorSpace, colorRange;
};

/// @brief Opens and fully decodes a video file. With `frames`, also returns every frame
/// as RGB (BT.709 matrix). Throws Error naming the file when it cannot be read.
VideoInfo readVideo(const std::string& path, Clip* frames = nullptr);

}  // namespace kinora
