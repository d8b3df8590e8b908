// libFuzzer target: the image header reader (PNG, JPEG, BMP, WebP, TIFF, PNM).
#include <cstddef>
#include <cstdint>

#include "media/image_header.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    try {
        const kinora::ImageHeader h = kinora::readImageHeader(data, size, "fuzz");
        if (h.width <= 0 || h.height <= 0) __builtin_trap();  // promised never to return these
    } catch (const kinora::Error&) {
        // a clear refusal is the expected outcome for bad input
    }
    return 0;
}
