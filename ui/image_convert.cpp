#include "image_convert.h"

#include <cstring>

namespace kinora::ui {

QImage toQImage(const Image& image) {
    QImage out(image.width, image.height, QImage::Format_RGB888);
    for (int y = 0; y < image.height; ++y)
        std::memcpy(out.scanLine(y), image.pixel(0, y), static_cast<std::size_t>(image.width) * 3);
    return out;
}

Image fromQImage(const QImage& image) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    Image out(rgb.width(), rgb.height());
    for (int y = 0; y < rgb.height(); ++y)
        std::memcpy(out.pixel(0, y), rgb.constScanLine(y),
                    static_cast<std::size_t>(rgb.width()) * 3);
    return out;
}

}  // namespace kinora::ui
