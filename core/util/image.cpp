#include "util/image.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace kinora {

Image fitImageToCanvas(const Image& image, int width, int height) {
    if (image.empty() ||
        image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
        throw Error("image is empty or malformed");
    const double scale = std::max(static_cast<double>(width) / image.width,
                                  static_cast<double>(height) / image.height);
    const double offX = (image.width * scale - width) / 2.0;
    const double offY = (image.height * scale - height) / 2.0;
    Image out(width, height);
    // Averages source pixels over each output footprint when shrinking (box filter),
    // bilinear when enlarging, so big photos do not alias into the small canvas.
    const double footprint = 1.0 / scale;
    const int taps = std::max(1, static_cast<int>(std::ceil(footprint)));
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            double acc[3] = {0, 0, 0};
            for (int ty = 0; ty < taps; ++ty) {
                for (int tx = 0; tx < taps; ++tx) {
                    const double sx = (x + offX + (tx + 0.5) / taps) / scale - 0.5;
                    const double sy = (y + offY + (ty + 0.5) / taps) / scale - 0.5;
                    const int x0 = std::clamp(static_cast<int>(std::floor(sx)), 0, image.width - 1);
                    const int y0 =
                        std::clamp(static_cast<int>(std::floor(sy)), 0, image.height - 1);
                    const int x1 = std::min(x0 + 1, image.width - 1);
                    const int y1 = std::min(y0 + 1, image.height - 1);
                    const double fx = std::clamp(sx - std::floor(sx), 0.0, 1.0);
                    const double fy = std::clamp(sy - std::floor(sy), 0.0, 1.0);
                    for (int c = 0; c < 3; ++c) {
                        const double top =
                            image.pixel(x0, y0)[c] * (1 - fx) + image.pixel(x1, y0)[c] * fx;
                        const double bottom =
                            image.pixel(x0, y1)[c] * (1 - fx) + image.pixel(x1, y1)[c] * fx;
                        acc[c] += top * (1 - fy) + bottom * fy;
                    }
                }
            }
            for (int c = 0; c < 3; ++c)
                out.pixel(x, y)[c] =
                    static_cast<uint8_t>(std::clamp(std::lround(acc[c] / (taps * taps)), 0L, 255L));
        }
    }
    return out;
}

}  // namespace kinora
