#pragma once

#include <string>

#include "media/clip_writer.h"
#include "util/image.h"
#ifdef KINORA_HAVE_FFMPEG
#include "media/ffmpeg_video.h"
#endif

namespace kinora {

// Files as Kinora delivers them: every MP4 and MOV carries signed C2PA content credentials
// (provenance/c2pa.h: made by trained algorithmic media, watermarked with the ids in
// Clip::watermarkIds, bound to the file's bytes), signed by the process's default signer.
// Builds without C2PA write the files without credentials.

/// @brief writeClipFile() with video files signed. Throws Error.
void writeClip(const Clip& clip, const std::string& path);

#ifdef KINORA_HAVE_FFMPEG
/// @brief encodeVideoFile() signed; `title`: the manifest's title (empty: the file name).
/// Throws Error.
void writeVideo(const Clip& clip, const std::string& path, const VideoEncoding& encoding,
                const std::string& title = {});
#endif

/// @brief The finishing step that signs a video file of `clip` (the manifest names its
/// watermark ids and duration); empty in builds without C2PA.
FileFinisher contentCredentialsFor(const Clip& clip, const std::string& title);

}  // namespace kinora
