#include "util/image.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace kinora {

const char* name(ImageFit fit) {
    return fit == ImageFit::Crop ? "crop" : "bars";
}

namespace {

// Resamples `image` at `scale` into out's pixels, the picture's top-left corner at canvas
// position (-offX, -offY).
void resample(const Image& image, double scale, double offX, double offY, Image& out) {
    const int width = out.width, height = out.height;
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
}

}  // namespace

FittedImage fitImage(const Image& image, int width, int height, ImageFit fit, uint8_t barColor) {
    if (image.empty() ||
        image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
        throw Error("image is empty or malformed");
    if (width <= 0 || height <= 0) throw Error("the canvas is empty");
    const double sx = static_cast<double>(width) / image.width;
    const double sy = static_cast<double>(height) / image.height;
    FittedImage out;
    if (fit == ImageFit::Crop) {
        const double scale = std::max(sx, sy);
        out.image = Image(width, height);
        resample(image, scale, (image.width * scale - width) / 2.0,
                 (image.height * scale - height) / 2.0, out.image);
        out.width = width;
        out.height = height;
        return out;
    }
    // Bars: the picture whole, at a whole number of pixels, centred.
    const double scale = std::min(sx, sy);
    out.width = std::clamp(static_cast<int>(std::lround(image.width * scale)), 1, width);
    out.height = std::clamp(static_cast<int>(std::lround(image.height * scale)), 1, height);
    out.x = (width - out.width) / 2;
    out.y = (height - out.height) / 2;
    Image inner(out.width, out.height);
    resample(image,
             std::min(static_cast<double>(out.width) / image.width,
                      static_cast<double>(out.height) / image.height),
             0.0, 0.0, inner);
    out.image = Image(width, height);
    std::fill(out.image.rgb.begin(), out.image.rgb.end(), barColor);
    for (int y = 0; y < out.height; ++y)
        std::copy(inner.pixel(0, y), inner.pixel(0, y) + 3 * out.width,
                  out.image.pixel(out.x, out.y + y));
    return out;
}

Image fitImageToCanvas(const Image& image, int width, int height) {
    return fitImage(image, width, height, ImageFit::Crop).image;
}

}  // namespace kinora
