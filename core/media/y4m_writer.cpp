#include "media/y4m_writer.h"

#include <algorithm>
#include <cmath>

#include "util/atomic_file.h"
#include "util/error.h"

namespace kinora {

void rgbToYuv709(const uint8_t* rgb, uint8_t& y, uint8_t& u, uint8_t& v) {
    const double r = rgb[0] / 255.0, g = rgb[1] / 255.0, b = rgb[2] / 255.0;
    const double yy = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const double pb = (b - yy) / 1.8556, pr = (r - yy) / 1.5748;
    auto q = [](double x) { return static_cast<uint8_t>(std::clamp(std::lround(x), 0L, 255L)); };
    y = q(16.0 + 219.0 * yy);
    u = q(128.0 + 224.0 * pb);
    v = q(128.0 + 224.0 * pr);
}

void writeY4m(const Clip& clip, const std::string& path) {
    if (clip.frames.empty()) throw Error(path + ": clip has no frames");
    const int w = clip.width(), h = clip.height();
    writeFileAtomically(path, [&](std::ostream& out) {
        out << "YUV4MPEG2 W" << w << " H" << h << " F" << clip.fps
            << ":1 Ip A1:1 C444 XCOLORRANGE=LIMITED\n";
        std::vector<uint8_t> planes(static_cast<std::size_t>(w) * h * 3);
        const std::size_t n = static_cast<std::size_t>(w) * h;
        for (const Image& f : clip.frames) {
            if (f.width != w || f.height != h) throw Error(path + ": frames differ in size");
            for (std::size_t i = 0; i < n; ++i)
                rgbToYuv709(f.rgb.data() + 3 * i, planes[i], planes[n + i], planes[2 * n + i]);
            out << "FRAME\n";
            out.write(reinterpret_cast<const char*>(planes.data()),
                      static_cast<std::streamsize>(planes.size()));
        }
    });
}

}  // namespace kinora
