#include "media/image_import.h"

#include <cstring>
#include <filesystem>
#include <fstream>

#include "media/png_writer.h"
#include "util/error.h"

#ifdef KINORA_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace kinora {

namespace {
constexpr long long kMaxPixels = 16384LL * 16384LL;
}

Image readImage(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw Error(path + ": no such image file");
    if (std::filesystem::file_size(path, ec) == 0) throw Error(path + ": image file is empty");
#ifdef KINORA_HAVE_OPENCV
    cv::Mat bgr;
    try {
        bgr = cv::imread(path, cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        throw Error(path + ": cannot decode image: " + e.what());
    }
    if (bgr.empty()) throw Error(path + ": not an image, or corrupt (cannot decode it)");
    if (static_cast<long long>(bgr.cols) * bgr.rows > kMaxPixels)
        throw Error(path + ": image is too large");
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    if (rgb.depth() != CV_8U) rgb.convertTo(rgb, CV_8U);
    Image img(rgb.cols, rgb.rows);
    for (int y = 0; y < rgb.rows; ++y)
        std::memcpy(img.pixel(0, y), rgb.ptr<uint8_t>(y), 3 * static_cast<std::size_t>(rgb.cols));
    return img;
#else
    {
        std::ifstream png(path, std::ios::binary);
        char head[8] = {};
        png.read(head, 8);
        if (png && std::memcmp(head, "\x89PNG", 4) == 0) {
            std::vector<uint8_t> bytes(std::filesystem::file_size(path, ec));
            png.seekg(0);
            png.read(reinterpret_cast<char*>(bytes.data()),
                     static_cast<std::streamsize>(bytes.size()));
            return decodeStoredPng(bytes, path);
        }
    }
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    int w = 0, h = 0, maxval = 0;
    in >> magic >> w >> h >> maxval;
    if (!in || magic != "P6" || maxval != 255)
        throw Error(path +
                    ": this build reads only binary PPM (P6) and Kinora's own PNG images (built "
                    "without OpenCV)");
    if (w <= 0 || h <= 0 || static_cast<long long>(w) * h > kMaxPixels)
        throw Error(path + ": bad image size");
    in.get();
    Image img(w, h);
    in.read(reinterpret_cast<char*>(img.rgb.data()), static_cast<std::streamsize>(img.rgb.size()));
    if (!in) throw Error(path + ": truncated image data");
    return img;
#endif
}

}  // namespace kinora
