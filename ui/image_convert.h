#pragma once

#include <QImage>

#include "util/image.h"

namespace kinora::ui {

/// @brief Deep copies between core images and QImage (RGB888).
QImage toQImage(const Image& image);
Image fromQImage(const QImage& image);

}  // namespace kinora::ui
