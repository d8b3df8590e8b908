#include "media/image_import.h"

#include <sys/stat.h>

#include <cstring>
#include <sstream>
#include <vector>

#include "media/image_header.h"
#include "media/png_writer.h"
#include "util/error.h"
#include "util/files.h"
#include "util/log.h"

#ifdef KINORA_HAVE_LIBPNG
#include <png.h>
#endif

#ifdef KINORA_HAVE_OPENCV
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

namespace kinora {

namespace {

/// Larger than any canvas or reference needs (8K is 33 million pixels); a file declaring
/// more is refused from its header, before a byte of it is decoded.
constexpr long long kMaxPixels = 8192LL * 8192LL;
constexpr long long kMaxSide = 16384;
constexpr std::size_t kMaxImageFileBytes = 256u << 20;

}  // namespace

Image readImage(const std::string& path) {
    const std::string shown = printablePath(path);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw Error(shown + ": no such image file");
    if (S_ISDIR(st.st_mode)) throw Error(shown + ": is a folder, not an image file");
    // Read once, without blocking, from a regular file of bounded size; decode from memory.
    const std::string file = readRegularFile(path, kMaxImageFileBytes, "image");
    if (file.empty()) throw Error(shown + ": image file is empty");
    const auto* data = reinterpret_cast<const uint8_t*>(file.data());
    const ImageHeader header = readImageHeader(data, file.size(), path);
    if (header.width > kMaxSide || header.height > kMaxSide ||
        header.width * header.height > kMaxPixels)
        throw Error(shown + ": image is too large (" + std::to_string(header.width) + "x" +
                    std::to_string(header.height) + " " + header.format + "; at most " +
                    std::to_string(kMaxPixels / 1000000) + " million pixels, " +
                    std::to_string(kMaxSide) + " a side)");
#ifdef KINORA_HAVE_LIBPNG
    // PNG through libpng's simplified API: its warnings and errors come back as text (no
    // "libpng warning:" lines on the terminal), routed through the library log.
    if (header.format == "PNG") {
        png_image png{};
        png.version = PNG_IMAGE_VERSION;
        if (!png_image_begin_read_from_memory(&png, file.data(), file.size()))
            throw Error(shown + ": not an image, or corrupt (" + png.message + ")");
        png.format = PNG_FORMAT_RGB;
        if (png.width != header.width || png.height != header.height) {
            png_image_free(&png);
            throw Error(shown + ": decoded size differs from the header's (corrupt)");
        }
        Image img(static_cast<int>(png.width), static_cast<int>(png.height));
        const png_color black{0, 0, 0};
        const int ok = png_image_finish_read(&png, &black, img.rgb.data(), 0, nullptr);
        const std::string message = png.message;
        png_image_free(&png);
        if (!ok) throw Error(shown + ": not an image, or corrupt (" + message + ")");
        if (!message.empty()) logLibraryLine("libpng", shown + ": " + message);
        return img;
    }
#endif
#ifdef KINORA_HAVE_OPENCV
    static const bool quiet = [] {
        if (libraryLogLevel() == LibraryLog::Quiet)
            cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        return true;
    }();
    (void)quiet;
    cv::Mat bgr;
    try {
        const cv::Mat bytes(1, static_cast<int>(file.size()), CV_8U,
                            const_cast<char*>(file.data()));
        bgr = cv::imdecode(bytes, cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        throw Error(shown + ": cannot decode image: " + e.what());
    }
    if (bgr.empty()) throw Error(shown + ": not an image, or corrupt (cannot decode it)");
    // (A JPEG's EXIF orientation may turn it a quarter: the same pixels either way.)
    if (static_cast<long long>(bgr.cols) * bgr.rows != header.width * header.height)
        throw Error(shown + ": decoded size differs from the header's (corrupt)");
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    if (rgb.depth() != CV_8U) rgb.convertTo(rgb, CV_8U);
    Image img(rgb.cols, rgb.rows);
    for (int y = 0; y < rgb.rows; ++y)
        std::memcpy(img.pixel(0, y), rgb.ptr<uint8_t>(y), 3 * static_cast<std::size_t>(rgb.cols));
    return img;
#else
    if (header.format == "PNG")
        return decodeStoredPng(std::vector<uint8_t>(file.begin(), file.end()), path);
    std::istringstream in(file);
    std::string magic;
    int w = 0, h = 0, maxval = 0;
    in >> magic >> w >> h >> maxval;
    if (!in || magic != "P6" || maxval != 255)
        throw Error(shown +
                    ": this build reads only binary PPM (P6) and Kinora's own PNG images (built "
                    "without OpenCV)");
    in.get();
    Image img(w, h);
    in.read(reinterpret_cast<char*>(img.rgb.data()), static_cast<std::streamsize>(img.rgb.size()));
    if (!in) throw Error(shown + ": truncated image data");
    return img;
#endif
}

}  // namespace kinora
