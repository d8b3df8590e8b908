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

using detail::FrameRename;

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

FrameRename& frameRename() {
    static FrameRename rename = [](const std::string& from, const std::string& to) {
        std::error_code ec;
        fs::rename(from, to, ec);
        return ec;
    };
    return rename;
}

/// Writes a PNG sequence so that it replaces an older one at the same pattern whole or not
/// at all. Every new frame goes under a temporary name first; then the old frames that the
/// new ones replace (and any old frames after the new count, which a reader would take as
/// part of the clip) are moved aside; then the new frames take their names; only then are
/// the old ones deleted. A failure at any point puts the old sequence back as it was.
void writePngSequence(const Clip& clip, const std::string& path) {
    struct Move {
        std::string from, to;
    };
    std::vector<Move> written;        // temporary -> final
    std::vector<Move> asideOld;       // old frame -> its temporary name
    std::vector<std::string> placed;  // finals that now hold new frames
    auto removeQuietly = [](const std::string& p) {
        std::error_code ec;
        fs::remove(p, ec);
    };
    auto exists = [](const std::string& p) {
        std::error_code ec;
        return fs::exists(fs::symlink_status(p, ec));
    };
    // Puts everything back: new frames out, old frames in. Returns what could not be restored.
    auto rollBack = [&]() {
        std::string lost;
        for (const auto& f : placed) removeQuietly(f);
        for (const auto& m : asideOld)
            if (frameRename()(m.to, m.from))
                lost += " (the old frame " + m.from + " is kept as " + m.to + ")";
        for (const auto& m : written) removeQuietly(m.from);
        return lost;
    };
    try {
        for (std::size_t i = 0; i < clip.frames.size(); ++i) {
            const std::string file = expandFramePattern(path, static_cast<int>(i));
            const fs::path parent = fs::path(file).parent_path();
            if (!parent.empty()) fs::create_directories(parent);
            const std::string temp = temporarySiblingPath(file);
            written.push_back({temp, file});
            writePng(temp, clip.frames[i]);
        }
        for (const auto& m : written)
            if (fs::is_directory(m.to)) throw Error(m.to + ": a folder has this frame's name");
        // Old frames: those the new ones replace, and those after them up to the first gap.
        std::vector<std::string> old;
        for (const auto& m : written)
            if (exists(m.to)) old.push_back(m.to);
        for (int i = static_cast<int>(written.size()); i < 1000000; ++i) {
            const std::string file = expandFramePattern(path, i);
            if (!exists(file)) break;
            old.push_back(file);
        }
        for (const auto& file : old) {
            const std::string aside = temporarySiblingPath(file);
            if (const std::error_code ec = frameRename()(file, aside))
                throw Error(file + ": cannot replace the old frame (" + ec.message() + ")");
            asideOld.push_back({file, aside});
        }
        for (const auto& m : written) {
            if (const std::error_code ec = frameRename()(m.from, m.to))
                throw Error(m.to + ": cannot write (" + ec.message() + ")");
            placed.push_back(m.to);
        }
    } catch (const Error& e) {
        const std::string lost = rollBack();
        throw Error(e.what() + lost, e.kind());
    } catch (const std::exception& e) {
        const std::string lost = rollBack();
        throw Error(path + ": cannot write the frames (" + e.what() + ")" + lost, ErrorKind::Io);
    }
    for (const auto& m : asideOld) removeQuietly(m.to);
}

}  // namespace

namespace detail {
void setFrameRenameForTesting(FrameRename rename) {
    static const FrameRename original = frameRename();
    frameRename() = rename ? std::move(rename) : original;
}
}  // namespace detail

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
        case ClipFormat::PngSequence:
            writePngSequence(clip, path);
            return;
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
