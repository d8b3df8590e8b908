#include "media/clip_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <regex>

#include "media/image_import.h"
#include "media/png_writer.h"
#include "media/y4m_writer.h"
#include "util/atomic_file.h"
#include "util/error.h"
#ifdef KINORA_HAVE_FFMPEG
#include "media/ffmpeg_video.h"
#endif

namespace kinora {

namespace fs = std::filesystem;

namespace {

bool endsWith(const std::string& s, const std::string& suffix) {
    if (s.size() < suffix.size()) return false;
    return std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(), [](char want, char have) {
        return std::tolower(static_cast<unsigned char>(have)) == want;
    });
}

const std::regex& patternRegex() {
    static const std::regex re("%(0?[0-9]{0,2})d");
    return re;
}

}  // namespace

bool canWriteMp4() {
#ifdef KINORA_HAVE_FFMPEG
    return true;
#else
    return false;
#endif
}

ClipFormat clipFormatForPath(const std::string& path) {
    if (path.find('%') != std::string::npos) {
        if (!endsWith(path, ".png"))
            throw Error(path + ": a frame pattern must end in .png (e.g. frames/%04d.png)");
        expandFramePattern(path, 0);  // validates
        return ClipFormat::PngSequence;
    }
    if (endsWith(path, ".mp4")) return ClipFormat::Mp4H264;
    if (endsWith(path, ".y4m")) return ClipFormat::Y4m;
    if (endsWith(path, ".png"))
        throw Error(path + ": for PNG frames give a pattern such as frames/%04d.png");
    throw Error(path + ": unknown output type (use .mp4, .y4m or a pattern like frames/%04d.png)");
}

std::string expandFramePattern(const std::string& pattern, int index) {
    // Exactly one %d conversion ("%d", "%4d", "%04d"); "%%" is a literal percent.
    std::string out;
    int conversions = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '%') {
            out.push_back(pattern[i]);
            continue;
        }
        if (i + 1 < pattern.size() && pattern[i + 1] == '%') {
            out.push_back('%');
            ++i;
            continue;
        }
        std::smatch m;
        const std::string rest = pattern.substr(i);
        if (!std::regex_search(rest, m, patternRegex(), std::regex_constants::match_continuous))
            throw Error(pattern +
                        ": only a %d conversion (such as %04d) is allowed in a frame pattern");
        const std::string spec = m[1].str();
        const bool zero = !spec.empty() && spec[0] == '0';
        const int width = spec.empty() ? 0 : std::stoi(spec);
        std::string num = std::to_string(index);
        while (static_cast<int>(num.size()) < width) num.insert(num.begin(), zero ? '0' : ' ');
        out += num;
        i += static_cast<std::size_t>(m.length(0)) - 1;
        ++conversions;
    }
    if (conversions != 1)
        throw Error(pattern + ": a frame pattern needs exactly one %d conversion (e.g. %04d)");
    return out;
}

void writeClipFile(const Clip& clip, const std::string& path, const FileFinisher& finishVideo) {
    const ClipFormat format = clipFormatForPath(path);
    if (clip.frames.empty()) throw Error(path + ": clip has no frames");
    auto makeParent = [](const std::string& file) {
        const fs::path parent = fs::path(file).parent_path();
        if (!parent.empty()) fs::create_directories(parent);
    };
    switch (format) {
        case ClipFormat::PngSequence: {
            // Every frame goes under a temporary name first; only when all are written are
            // they renamed, so a failed or cancelled export leaves no sequence that looks
            // finished (and never a mix of new and old frames).
            std::vector<std::pair<std::string, std::string>> written;  // temp, final
            try {
                for (std::size_t i = 0; i < clip.frames.size(); ++i) {
                    const std::string file = expandFramePattern(path, static_cast<int>(i));
                    makeParent(file);
                    const std::string temp = temporarySiblingPath(file);
                    written.emplace_back(temp, file);
                    writePng(temp, clip.frames[i]);
                }
                for (const auto& [temp, file] : written)
                    if (fs::is_directory(file))
                        throw Error(file + ": a folder has this frame's name");
                std::size_t renamed = 0;
                for (; renamed < written.size(); ++renamed) {
                    std::error_code ec;
                    fs::rename(written[renamed].first, written[renamed].second, ec);
                    if (ec) {
                        for (std::size_t k = 0; k < renamed; ++k) fs::remove(written[k].second, ec);
                        throw Error(written[renamed].second + ": cannot write (" + ec.message() +
                                    ")");
                    }
                }
            } catch (...) {
                for (const auto& [temp, file] : written) {
                    std::error_code ec;
                    fs::remove(temp, ec);
                }
                throw;
            }
            return;
        }
        case ClipFormat::Y4m:
            makeParent(path);
            writeY4m(clip, path);
            return;
        case ClipFormat::Mp4H264:
#ifdef KINORA_HAVE_FFMPEG
            makeParent(path);
            encodeVideoFile(clip, path, VideoEncoding{}, finishVideo);
            return;
#else
            throw Error(path + ": this build has no FFmpeg; write .y4m or a PNG pattern instead");
#endif
    }
}

}  // namespace kinora

namespace kinora {

Clip readClip(const std::string& path, int fallbackFps) {
    Clip clip;
    clip.fps = fallbackFps;
    if (path.find('%') != std::string::npos) {
        for (int i = 0; i < 100000; ++i) {
            const std::string file = expandFramePattern(path, i);
            if (!std::filesystem::exists(file)) break;
            clip.frames.push_back(readImage(file));
        }
        if (clip.frames.empty())
            throw Error(path + ": no frames (the first is " + expandFramePattern(path, 0) + ")");
        return clip;
    }
#ifdef KINORA_HAVE_FFMPEG
    const VideoInfo info = readVideo(path, &clip);
    if (info.fpsDen > 0 && info.fpsNum > 0)
        clip.fps = static_cast<int>(
            std::lround(static_cast<double>(info.fpsNum) / static_cast<double>(info.fpsDen)));
    if (clip.frames.empty()) throw Error(path + ": the video has no frames");
    return clip;
#else
    throw Error(path +
                ": reading video files needs a build with FFmpeg; give a PNG sequence "
                "pattern (frames/%04d.png)");
#endif
}

}  // namespace kinora
