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

/// @brief Scales `image` to cover width x height (aspect kept, bilinear) and crops the
/// centre: how a dropped-in first frame of any size is fitted to the canvas.
Image fitImageToCanvas(const Image& image, int width, int height);

}  // namespace kinora
