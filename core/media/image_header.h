#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kinora {

/// @brief What an image file's header says, read before any pixel is decoded.
struct ImageHeader {
    std::string format;  ///< "PNG", "JPEG", "BMP", "WebP", "TIFF", "PNM"
    long long width = 0;
    long long height = 0;
};

/// @brief The format and size an image declares in its first bytes (PNG IHDR, JPEG SOF,
/// BMP info header, WebP VP8/VP8L/VP8X, TIFF's first directory, PNM header), so a
/// decompression bomb is refused before it is decoded. `data` is the file (or as much of
/// it as holds the header). Throws Error (prefixed with `name`) for an unknown format, a
/// header that is cut short or inconsistent, or a zero size. Never reads past `size`.
ImageHeader readImageHeader(const uint8_t* data, std::size_t size, const std::string& name);

}  // namespace kinora
