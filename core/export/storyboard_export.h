#pragma once

#include <functional>
#include <string>
#include <vector>

#include "export/timeline.h"
#include "project/project.h"
#include "util/image.h"

namespace kinora::timeline {

/// @brief Frames a clip of `frames` at `sourceFps` lasts at `rate` (rounded to the nearest
/// frame; at least 1): 17 frames at 8 fps are 51 at 24 and 53 at 25 (2.125 s -> 2.12 s).
int64_t conformedLength(int64_t frames, int sourceFps, const FrameRate& rate);

/// @brief The clip re-timed to `rate`: output frame k shows the source frame on screen at
/// its time (k / rate), so motion keeps its speed. Exactly conformedLength() frames.
kinora::Clip conform(const kinora::Clip& clip, const FrameRate& rate);

/// @brief The source timecode a take's media starts at, in frames of `rate`: its time of
/// day at generation (UTC, from Take::createdAt), as a camera stamps its clips, kept within
/// the day with room for `frames`. A take without a readable time starts at hour index + 1.
int64_t takeTimecode(const project::Take& take, std::size_t index, int64_t frames,
                     const FrameRate& rate);

/// @brief The storyboard's cut as a timeline at `rate`: one clip per shot, its selected
/// take conformed, named "Shot N · take-K", reels KN0001, KN0002, ..., each starting at
/// takeTimecode(). Media paths point into `mediaDir` (see exportStoryboard), and are also
/// given relative to the folder above it. Throws Error naming a shot without a take.
Timeline storyboardTimeline(const project::Project& project, const std::string& mediaDir,
                            const FrameRate& rate);

/// @brief The media files of a timeline export.
struct MediaOptions {
    /// "h264" (default), "prores" (ProRes 422 HQ) or "dnxhr" (DNxHR HQ); always in MOV,
    /// with a timecode track (the take's, takeTimecode) carrying the clip's reel name.
    std::string codec = "h264";
    int width = 0, height = 0;      ///< an upscale on export (both even); 0: the canvas
    std::string scale = "lanczos";  ///< "lanczos", "bicubic" or "nearest"
    /// Where the receiving machine sees the export folder (Timeline::mediaRoot): FCPXML and
    /// xmeml name their media there. Empty: where they are written. The other formats name
    /// media relative to their file, so the folder can move as a whole.
    std::string mediaRoot;
};

struct StoryboardExport {
    std::vector<std::string> mediaFiles;     ///< one per shot
    std::vector<std::string> timelineFiles;  ///< one per format
    Timeline timeline;
};

/// @brief Writes every selected take conformed to `rate` (and upscaled when asked) as a
/// MOV in `media.codec` (BT.709, progressive, constant rate with an exact time base, a
/// timecode track from the take's timecode with the clip's reel name) into `outDir/media/`, then
/// the timeline in each of `formats` as `outDir/<project name><extension>`. Every file is written
/// under a temporary name and renamed when complete. Needs FFmpeg; throws Error (before writing
/// anything for bad options or a shot without a take).
StoryboardExport exportStoryboard(const project::Project& project, const std::string& projectDir,
                                  const std::string& outDir, const FrameRate& rate,
                                  const std::vector<Format>& formats,
                                  const MediaOptions& media = {},
                                  const std::function<void(const std::string&)>& onMessage = {});

}  // namespace kinora::timeline
