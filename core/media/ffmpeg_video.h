#pragma once

#include <string>

#include "media/clip_writer.h"
#include "util/image.h"

namespace kinora {

/// @brief Codecs for delivery (H.264 MP4) and for editing (ProRes / DNxHR in MOV).
enum class VideoCodec {
    H264,         ///< yuv420p, in .mp4 or .mov
    ProRes422HQ,  ///< prores_ks profile HQ, yuv422p10le, .mov
    DnxhrHQ,      ///< DNxHR HQ, yuv422p, .mov
};
const char* name(VideoCodec codec);

/// @brief How an upscale on export resamples.
enum class ScaleFilter { Bicubic, Lanczos, Nearest };
/// @brief "lanczos", "bicubic" or "nearest"; throws Error naming the choices otherwise.
ScaleFilter parseScaleFilter(const std::string& name);

/// @brief Everything an encode can be asked for.
struct VideoEncoding {
    VideoCodec codec = VideoCodec::H264;
    int crf = 18;                  ///< H.264 quality
    int rateNum = 0, rateDen = 1;  ///< exact rate (24000/1001); 0: the clip's fps
    std::string timecode;          ///< start "HH:MM:SS:FF": a timecode (tmcd) track; empty: none
    std::string reel;              ///< reel name carried with the timecode, at most 8 characters
    int width = 0, height = 0;     ///< output size (an upscale on export); 0: the clip's
    ScaleFilter scale = ScaleFilter::Lanczos;
};

/// @brief Encodes `clip` per `encoding` into `path` (.mp4: H.264 only; .mov: any codec),
/// BT.709 matrix for the conversion, limited range, BT.709 tags, constant rate, written
/// under a temporary name and renamed when complete; `finish` (when given) rewrites the
/// finished file before it takes its name. Throws Error with a clear message (odd
/// dimensions, a codec the container cannot hold, a bad timecode or reel name). The file
/// carries no content credentials: what Kinora delivers is written through
/// provenance/delivery.h, which signs it in `finish`.
void encodeVideoFile(const Clip& clip, const std::string& path, const VideoEncoding& encoding,
                     const FileFinisher& finish = {});

/// @brief What a decoded video file holds.
struct VideoInfo {
    std::string codec;
    std::string pixelFormat;
    int width = 0;
    int height = 0;
    int frameCount = 0;  ///< decoded frames
    int fpsNum = 0;      ///< average frame rate as a rational
    int fpsDen = 1;
    bool constantFrameRate = false;  ///< every decoded frame one 1/fps apart
    std::string colorPrimaries, colorTransfer, colorSpace, colorRange;
    std::string timecode;  ///< start timecode "HH:MM:SS:FF" (a MOV's tmcd track); empty: none
};

/// @brief Opens and fully decodes a video file. With `frames`, also returns every frame
/// as RGB (BT.709 matrix). Throws Error naming the file when it cannot be read.
VideoInfo readVideo(const std::string& path, Clip* frames = nullptr);

}  // namespace kinora
