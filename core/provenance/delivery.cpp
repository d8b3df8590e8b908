#include "provenance/delivery.h"

#include <filesystem>

#ifdef KINORA_HAVE_C2PA
#include "provenance/c2pa.h"
#endif

namespace kinora {

FileFinisher contentCredentialsFor(const Clip& clip, const std::string& title) {
#ifdef KINORA_HAVE_C2PA
    c2pa::ManifestInfo info;
    info.title = title;
    info.watermarkIds = clip.watermarkIds;
    info.durationSeconds = clip.durationSeconds();
    return [info](const std::string& written, const std::string& finished) {
        c2pa::signBmffFile(written, finished, info, c2pa::defaultCredentials());
    };
#else
    return {};
#endif
}

void writeClip(const Clip& clip, const std::string& path) {
    writeClipFile(clip, path,
                  contentCredentialsFor(clip, std::filesystem::path(path).filename().string()));
}

#ifdef KINORA_HAVE_FFMPEG
void writeVideo(const Clip& clip, const std::string& path, const VideoEncoding& encoding,
                const std::string& title) {
    encodeVideoFile(
        clip, path, encoding,
        contentCredentialsFor(
            clip, title.empty() ? std::filesystem::path(path).filename().string() : title));
}
#endif

}  // namespace kinora
