#pragma once

#include <string>

#include "util/image.h"

namespace kinora {

/// @brief Reads an image file as 8-bit RGB. With OpenCV: every format it decodes (PNG,
/// JPEG, WebP, TIFF, BMP, ...); without: binary PPM (P6) only. A corrupt, empty or
/// absurdly large file is refused with a message naming it. Throws Error.
Image readImage(const std::string& path);

}  // namespace kinora
