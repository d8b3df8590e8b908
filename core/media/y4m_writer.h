#pragma once

#include <string>

#include "util/image.h"

namespace kinora {

/// @brief Writes a YUV4MPEG2 file (4:4:4, BT.709 limited range) atomically; any player or
/// ffmpeg reads it. Used when the build has no FFmpeg.
void writeY4m(const Clip& clip, const std::string& path);

/// @brief BT.709 limited-range Y'CbCr of an 8-bit R'G'B' pixel.
void rgbToYuv709(const uint8_t* rgb, uint8_t& y, uint8_t& u, uint8_t& v);

}  // namespace kinora
