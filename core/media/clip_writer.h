#pragma once

#include <functional>
#include <string>
#include <system_error>

#include "util/image.h"

namespace kinora {

/// @brief How a clip is written, chosen from the output path.
enum class ClipFormat { Mp4H264, PngSequence, Y4m };

/// @brief ".mp4" -> H.264 MP4; a printf pattern ("frames/%04d.png") -> PNG sequence;
/// ".y4m" -> raw YUV4MPEG2. Throws Error naming the path otherwise.
ClipFormat clipFormatForPath(const std::string& path);

/// @brief Expands a PNG-sequence pattern holding exactly one %d conversion
/// (flags 0 and a width allowed). Throws Error on any other pattern.
std::string expandFramePattern(const std::string& pattern, int index);

/// @brief A step run on a finished file before it takes its name: reads `written`, writes
/// `finished` (a sibling temporary file). Content credentials are embedded this way
/// (provenance/delivery.h), so media writers need not know about them.
using FileFinisher = std::function<void(const std::string& written, const std::string& finished)>;

/// @brief Writes the clip in the format its path asks for, creating parent folders.
/// Video files are written under a temporary name, passed through `finishVideo` when
/// given, and renamed when complete. What Kinora delivers goes through
/// provenance/delivery.h's writeClip, which signs videos.
void writeClipFile(const Clip& clip, const std::string& path, const FileFinisher& finishVideo = {});

/// @brief Reads a clip: a PNG-sequence pattern (frames until the first missing index)
/// or, with FFmpeg, a video file. Throws Error naming the path.
Clip readClip(const std::string& path, int fallbackFps = 8);

namespace detail {
/// How a PNG sequence's frames take their names (std::filesystem::rename by default).
using FrameRename = std::function<std::error_code(const std::string& from, const std::string& to)>;
/// @brief For tests: replaces the rename that writing a PNG sequence uses, to make it fail
/// at a chosen frame; an empty function restores the real one.
void setFrameRenameForTesting(FrameRename rename);
}  // namespace detail

/// @brief Whether this build can write H.264 MP4 (built with FFmpeg).
bool canWriteMp4();

}  // namespace kinora
