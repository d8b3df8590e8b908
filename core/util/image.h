#pragma once

#include <cstdint>
#include <vector>

namespace kinora {

/// @brief An 8-bit sRGB image, rows top to bottom, pixels RGB interleaved.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgb;  ///< width * height * 3 bytes

    Image() = default;
    Image(int w, int h) : width(w), height(h), rgb(static_cast<std::size_t>(w) * h * 3, 0) {}
    bool empty() const { return width <= 0 || height <= 0; }
    uint8_t* pixel(int x, int y) {
        return rgb.data() + (static_cast<std::size_t>(y) * width + x) * 3;
    }
    const uint8_t* pixel(int x, int y) const {
        return rgb.data() + (static_cast<std::size_t>(y) * width + x) * 3;
    }
};

/// @brief A clip: frames of one size at a constant frame rate.
struct Clip {
    std::vector<Image> frames;
    int fps = 8;
    /// Ids of Kinora's invisible watermark its frames carry (provenance/watermark.h); the
    /// C2PA manifest of a file written from it names them.
    std::vector<uint32_t> watermarkIds;
    int width() const { return frames.empty() ? 0 : frames.front().width; }
    int height() const { return frames.empty() ? 0 : frames.front().height; }
    double durationSeconds() const {
        return fps > 0 ? static_cast<double>(frames.size()) / fps : 0.0;
    }
};

/// @brief How a picture of another shape meets the canvas.
enum class ImageFit {
    Crop,  ///< scaled to cover the canvas, the overflow cut off at both sides (centred)
    Bars,  ///< scaled to fit inside it whole, the margins left over (bars)
};
const char* name(ImageFit fit);

/// @brief A picture fitted to a canvas, and the part of the canvas the picture covers
/// (the whole canvas when cropped; without the bars otherwise).
struct FittedImage {
    Image image;
    int x = 0, y = 0, width = 0, height = 0;  ///< the picture's rectangle on the canvas
};

/// @brief Scales `image` to width x height (aspect kept; box-filtered when shrinking,
/// bilinear when enlarging), cropped or with bars of `barColor` as `fit` says.
FittedImage fitImage(const Image& image, int width, int height, ImageFit fit, uint8_t barColor = 0);

/// @brief fitImage with ImageFit::Crop: how a dropped-in first frame of any size is fitted
/// to the canvas by default.
Image fitImageToCanvas(const Image& image, int width, int height);

}  // namespace kinora
