#pragma once

#include <string>
#include <vector>

#include "util/image.h"

namespace kinora {

/// @brief Encodes an RGB image as PNG (8-bit truecolour). Dependency-free: the zlib
/// stream uses stored (uncompressed) deflate blocks, which every PNG reader accepts.
std::vector<uint8_t> encodePng(const Image& image);

/// @brief Writes `image` to `path` as PNG, atomically.
void writePng(const std::string& path, const Image& image);

/// @brief CRC-32 (ISO-HDLC, as in PNG and zlib).
/// @brief Decodes the PNGs encodePng() writes (8-bit RGB, stored deflate, filter 0):
/// a reader for builds without OpenCV. Anything else is refused naming `name`.
Image decodeStoredPng(const std::vector<uint8_t>& png, const std::string& name);

uint32_t crc32(const uint8_t* data, std::size_t size, uint32_t crc = 0);

}  // namespace kinora
