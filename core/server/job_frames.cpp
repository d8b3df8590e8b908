#include "server/job_frames.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "media/png_writer.h"
#include "util/error.h"

namespace kinora::server {

namespace {
constexpr int kMaxTiles = 16;
constexpr int kColumns = 4;
}  // namespace

Image spritesheet(const Clip& clip) {
    if (clip.frames.empty()) throw Error("a clip without frames has no spritesheet");
    const int count = std::min<int>(kMaxTiles, static_cast<int>(clip.frames.size()));
    const int columns = std::min(kColumns, count);
    const int rows = (count + columns - 1) / columns;
    const int w = clip.width(), h = clip.height();
    Image sheet(w * columns, h * rows);
    for (int k = 0; k < count; ++k) {
        // Evenly spread: the first and the last frame always in.
        const std::size_t index =
            count == 1 ? 0 : static_cast<std::size_t>(k) * (clip.frames.size() - 1) / (count - 1);
        const Image& frame = clip.frames[index];
        const int x0 = (k % columns) * w, y0 = (k / columns) * h;
        for (int y = 0; y < h; ++y)
            std::memcpy(sheet.pixel(x0, y0 + y), frame.pixel(0, y),
                        static_cast<std::size_t>(w) * 3);
    }
    return sheet;
}

void writeJobPictures(const Clip& clip, const std::string& dir) {
    if (clip.frames.empty()) throw Error("the clip has no frames");
    const std::filesystem::path d(dir);
    writePng((d / "thumbnail.png").string(), clip.frames[clip.frames.size() / 2]);
    writePng((d / "spritesheet.png").string(), spritesheet(clip));
}

}  // namespace kinora::server
