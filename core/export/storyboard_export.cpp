#include "export/storyboard_export.h"

#include <cmath>
#include <filesystem>

#include "project/render.h"
#include "util/error.h"
#ifdef KINORA_HAVE_FFMPEG
#include "media/ffmpeg_video.h"
#include "provenance/delivery.h"
#endif

namespace fs = std::filesystem;

namespace kinora::timeline {

namespace {

std::string reelName(std::size_t index) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "KN%04zu", index + 1);
    return buf;
}

std::string safeFileName(std::string s) {
    for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    return s.empty() ? std::string("kinora") : s;
}

std::string mediaName(const project::Shot& shot, std::size_t index) {
    return safeFileName("shot" + std::to_string(index + 1) + "_" + shot.id + "_" +
                        shot.selectedTake) +
           ".mov";
}

}  // namespace

int64_t conformedLength(int64_t frames, int sourceFps, const FrameRate& rate) {
    if (frames <= 0 || sourceFps <= 0) return 0;
    // frames / sourceFps seconds * rate.num / rate.den, rounded half up, in integers.
    const int64_t num = frames * rate.num, den = int64_t(sourceFps) * rate.den;
    return std::max<int64_t>(1, (2 * num + den) / (2 * den));
}

kinora::Clip conform(const kinora::Clip& clip, const FrameRate& rate) {
    kinora::Clip out;
    out.fps = static_cast<int>(rate.timecodeBase());
    out.watermarkIds = clip.watermarkIds;
    const int64_t n = conformedLength(static_cast<int64_t>(clip.frames.size()), clip.fps, rate);
    out.frames.reserve(static_cast<std::size_t>(n));
    for (int64_t k = 0; k < n; ++k) {
        // Source frame on screen at time k * den / num: floor(k * den * fps / num).
        const int64_t src = std::min<int64_t>(static_cast<int64_t>(clip.frames.size()) - 1,
                                              k * rate.den * clip.fps / rate.num);
        out.frames.push_back(clip.frames[static_cast<std::size_t>(src)]);
    }
    return out;
}

int64_t takeTimecode(const project::Take& take, std::size_t index, int64_t frames,
                     const FrameRate& rate) {
    const int64_t base = rate.timecodeBase();
    const int64_t day = 24 * 3600 * base;
    int year = 0, month = 0, dayOfMonth = 0, h = -1, m = -1, sec = -1;
    int64_t start = 0;
    if (std::sscanf(take.createdAt.c_str(), "%d-%d-%dT%d:%d:%d", &year, &month, &dayOfMonth, &h, &m,
                    &sec) == 6 &&
        h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec < 61)
        start = (int64_t(h) * 3600 + m * 60 + std::min(sec, 59)) * base;
    else
        start = int64_t((index % 23) + 1) * 3600 * base;
    // A clip never runs past midnight: it starts early enough to end within the day.
    return std::max<int64_t>(0, std::min(start, day - std::max<int64_t>(frames, 1)));
}

Timeline storyboardTimeline(const project::Project& project, const std::string& mediaDir,
                            const FrameRate& rate) {
    Timeline t;
    t.name = project.name;
    t.rate = rate;
    t.width = project.canvas.width;
    t.height = project.canvas.height;
    // The media folder's own name: media are named relative to the folder above it.
    fs::path mediaFolder = fs::path(mediaDir).lexically_normal();
    if (mediaFolder.filename().empty()) mediaFolder = mediaFolder.parent_path();
    mediaFolder = mediaFolder.filename();
    for (std::size_t i = 0; i < project.shots.size(); ++i) {
        const project::Shot& shot = project.shots[i];
        const project::Take* take = shot.selected();
        if (!take)
            throw Error("shot " + std::to_string(i + 1) + " (" + shot.id +
                        ") has no take; generate it before exporting the timeline");
        TimelineClip c;
        c.name = "Shot " + std::to_string(i + 1) + " \xc2\xb7 " + take->id;
        c.mediaPath =
            fs::absolute(fs::path(mediaDir) / mediaName(shot, i)).lexically_normal().string();
        c.relativePath = (mediaFolder / mediaName(shot, i)).lexically_normal().string();
        c.reel = reelName(i);
        const int fps = take->fps > 0 ? take->fps : project.canvas.fps;
        c.frames =
            conformedLength(take->frameCount > 0 ? take->frameCount : shot.duration, fps, rate);
        c.sourceStart = takeTimecode(*take, i, c.frames, rate);
        t.clips.push_back(c);
    }
    if (t.clips.empty()) throw Error("the project has no shots to put on a timeline");
    return t;
}

StoryboardExport exportStoryboard(const project::Project& project, const std::string& projectDir,
                                  const std::string& outDir, const FrameRate& rate,
                                  const std::vector<Format>& formats, const MediaOptions& media,
                                  const std::function<void(const std::string&)>& onMessage) {
#ifndef KINORA_HAVE_FFMPEG
    (void)project, (void)projectDir, (void)outDir, (void)rate, (void)formats, (void)media,
        (void)onMessage;
    throw Error("exporting timelines needs a build with FFmpeg (the media are H.264 MP4)");
#else
    if (project.canvas.width % 2 != 0 || project.canvas.height % 2 != 0)
        throw Error("H.264 needs even dimensions; the canvas is " +
                    std::to_string(project.canvas.width) + "x" +
                    std::to_string(project.canvas.height));
    VideoEncoding enc;
    if (media.codec == "h264")
        enc.codec = VideoCodec::H264;
    else if (media.codec == "prores")
        enc.codec = VideoCodec::ProRes422HQ;
    else if (media.codec == "dnxhr")
        enc.codec = VideoCodec::DnxhrHQ;
    else
        throw Error("codec '" + media.codec + "': use h264, prores or dnxhr");
    enc.scale = parseScaleFilter(media.scale);
    if ((media.width > 0) != (media.height > 0) || media.width < 0 || media.height < 0 ||
        media.width % 2 != 0 || media.height % 2 != 0 || media.width > 8192 || media.height > 8192)
        throw Error("export size " + std::to_string(media.width) + "x" +
                    std::to_string(media.height) + ": give an even width and height, up to 8192");
    enc.width = media.width;
    enc.height = media.height;
    enc.rateNum = static_cast<int>(rate.num);
    enc.rateDen = static_cast<int>(rate.den);
    StoryboardExport out;
    const fs::path mediaDir = fs::path(outDir) / "media";
    out.timeline = storyboardTimeline(project, mediaDir.string(), rate);
    out.timeline.mediaRoot = media.mediaRoot;
    if (media.width > 0) {
        out.timeline.width = media.width;
        out.timeline.height = media.height;
    }
    std::error_code ec;
    fs::create_directories(mediaDir, ec);
    if (ec) throw Error("cannot create " + mediaDir.string() + ": " + ec.message());
    for (std::size_t i = 0; i < project.shots.size(); ++i) {
        const project::Shot& shot = project.shots[i];
        kinora::Clip clip = project::readTake(*shot.selected(), projectDir);
        if (clip.fps <= 0) clip.fps = project.canvas.fps;
        kinora::Clip timed = conform(clip, rate);
        if (static_cast<int64_t>(timed.frames.size()) != out.timeline.clips[i].frames) {
            // The take on disk differs in length from what the document says: trust the
            // file, and say so on the timeline.
            out.timeline.clips[i].frames = static_cast<int64_t>(timed.frames.size());
            out.timeline.clips[i].sourceStart =
                takeTimecode(*shot.selected(), i, out.timeline.clips[i].frames, rate);
        }
        for (auto& f : timed.frames)
            if (f.width != project.canvas.width || f.height != project.canvas.height)
                f = fitImageToCanvas(f, project.canvas.width, project.canvas.height);
        const std::string path = out.timeline.clips[i].mediaPath;
        enc.reel = out.timeline.clips[i].reel;
        enc.timecode = timecode(out.timeline.clips[i].sourceStart, rate);
        writeVideo(timed, path, enc);
        out.mediaFiles.push_back(path);
        if (onMessage)
            onMessage("media: " + path + " (" + std::to_string(timed.frames.size()) + " frames)");
    }
    const std::string base = safeFileName(project.name);
    for (Format f : formats) {
        const std::string path = (fs::path(outDir) / (base + extension(f))).string();
        writeFile(out.timeline, f, path);
        out.timelineFiles.push_back(path);
        if (onMessage) onMessage("timeline: " + path);
    }
    return out;
#endif
}

}  // namespace kinora::timeline
