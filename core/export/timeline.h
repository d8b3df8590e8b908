#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kinora::timeline {

/// @brief An exact frame rate num / den: 24/1, 25/1, 30/1, 24000/1001 (23.976).
struct FrameRate {
    int64_t num = 24;
    int64_t den = 1;
    /// Frames per second of timecode (24 for 23.976): what a timecode counts up to.
    int64_t timecodeBase() const { return (num + den - 1) / den; }
    bool ntsc() const { return den == 1001; }
    bool operator==(const FrameRate& o) const { return num == o.num && den == o.den; }
};

/// @brief "24", "25", "30", "23.976" (or "24000/1001"), "29.97", "8"; throws Error.
FrameRate parseFrameRate(const std::string& text);

/// @brief One cut on the timeline: a media file used whole, from its first frame.
struct TimelineClip {
    std::string name;       ///< "Shot 1 · take-2"
    std::string mediaPath;  ///< absolute path of the media file where it was written
    std::string reel;       ///< unique on the timeline, at most 8 characters [A-Z0-9_]
    int64_t frames = 0;     ///< length on the timeline and of the media, in timeline frames
    /// The media file relative to the folder of the timeline files ("media/shot1.mov"), so
    /// the folder can move as a whole; empty: only mediaPath is known.
    std::string relativePath;
    /// The source timecode of the media's first frame, in frames of the timeline's rate
    /// (what its MOV timecode track says): an EDL conform matches on it.
    int64_t sourceStart = 0;
};

/// @brief A single-track video timeline of cuts, every time a whole number of frames.
struct Timeline {
    std::string name;
    FrameRate rate;
    int width = 0;
    int height = 0;
    std::vector<TimelineClip> clips;
    /// Where the receiving machine will see the folder of the timeline files ("/Volumes/
    /// film/edit", "D:/film/edit"): the formats that need absolute URLs (FCPXML, xmeml)
    /// point there. Empty: at mediaPath. The others name media relative to their file.
    std::string mediaRoot;
    int64_t totalFrames() const;
    /// Timeline frame at which clip `i` starts.
    int64_t startOf(std::size_t i) const;
    /// Clip `i`'s media as the absolute-URL formats name it: under mediaRoot when given.
    std::string absoluteMedia(std::size_t i) const;
    /// Clip `i`'s media relative to the timeline file (mediaPath when none is known).
    std::string relativeMedia(std::size_t i) const;
};

/// @brief Timeline formats for editing software.
enum class Format {
    Fcpxml,    ///< FCPXML 1.10: Final Cut Pro, DaVinci Resolve
    Xmeml,     ///< FCP7 XML (xmeml v4): Premiere Pro, Resolve
    Edl,       ///< CMX3600 EDL: everything, Avid
    Otio,      ///< OpenTimelineIO JSON: Resolve, Premiere, Kdenlive
    Mlt,       ///< plain MLT XML: melt and other MLT tools
    Kdenlive,  ///< a Kdenlive project (22.12's document format 1.04): bin and timeline
    Shotcut,   ///< a Shotcut project (MLT with Shotcut's tractor, background and track names)
};
/// ".fcpxml", ".xml", ".edl", ".otio", ".mlt", ".kdenlive", ".shotcut.mlt"
const char* extension(Format f);
/// @brief Whether `f` names media by absolute URL (FCPXML, xmeml: Timeline::mediaRoot
/// applies) rather than relative to its file.
bool needsAbsoluteMedia(Format f);
/// @brief "fcpxml", "xmeml", "edl", "otio", "mlt", "kdenlive", "shotcut"; throws Error.
Format parseFormat(const std::string& name);

/// @brief "HH:MM:SS:FF" of `frame` at `rate` (non-drop frame: 23.976 counts like 24).
std::string timecode(int64_t frame, const FrameRate& rate);

/// @brief The timeline in `format`. Times are exact: rationals of seconds (FCPXML),
/// frame counts (xmeml, MLT, OTIO values) or timecode (EDL); never decimal seconds.
/// Throws Error for a timeline that cannot be written (no clips, a bad reel name).
std::string write(const Timeline& timeline, Format format);

/// @brief Writes write(timeline, format) to `path` atomically.
void writeFile(const Timeline& timeline, Format format, const std::string& path);

}  // namespace kinora::timeline
