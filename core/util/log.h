#pragma once

#include <string>

namespace kinora {

/// @brief How much of the libraries' own logging (FFmpeg, libpng, OpenCV) reaches the
/// terminal. Kinora reports failures itself, as one clear line; the libraries' lines are
/// for diagnosis, so they are quiet unless asked for with KINORA_LOG=warning|debug (or
/// setLibraryLogLevel).
enum class LibraryLog { Quiet, Warnings, Debug };

/// @brief The level: set by setLibraryLogLevel, else from KINORA_LOG, else Quiet.
LibraryLog libraryLogLevel();
void setLibraryLogLevel(LibraryLog level);

/// @brief A line from `library` ("ffmpeg", "libpng") at warning (or debug, when `debug`)
/// severity: written to stderr as "kinora: ffmpeg: ..." when the level lets it through,
/// with control characters escaped and the trailing newline trimmed.
void logLibraryLine(const char* library, const std::string& line, bool debug = false);

}  // namespace kinora
