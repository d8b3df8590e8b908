#pragma once

#include <string>

#include "util/image.h"

namespace kinora::server {

/// @brief Writes a finished clip's pictures beside its video in `dir`: thumbnail.png (the
/// middle frame) and spritesheet.png (up to 16 frames spread evenly over the clip, in rows
/// of 4, left to right). Throws Error.
void writeJobPictures(const Clip& clip, const std::string& dir);

/// @brief The spritesheet of a clip (see writeJobPictures).
Image spritesheet(const Clip& clip);

}  // namespace kinora::server
