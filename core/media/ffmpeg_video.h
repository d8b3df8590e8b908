#pragma once

#include <string>

#include "pipeline/image.h"

namespace kinora {

/// @brief Encodes a clip as H.264 in MP4: yuv420p converted with the BT.709 matrix to
/// limited range and tagged BT.709 (primaries, transfer, matrix), constant frame rate
/// (time base 1/fps). Written under a temporary name, renamed when complete. Throws Error.
/// With `contentCredentials`, signed C2PA content credentials are embedded (see
/// VideoEncoding::contentCredentials).
void writeMp4H264(const Clip& clip, const std::string& path, int crf = 18,
                  bool contentCredentials = true);

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
    /// Embed C2PA content credentials signed by the process's default signer
    /// (provenance/c2pa.h: created by trained algorithmic media, watermarked with the ids in
    /// Clip::watermarkIds, bound to the file's bytes). Builds without C2PA write none.
    bool contentCredentials = true;
    std::string title;  ///< the manifest's title; empty: the file name
};

/// @brief Encodes `clip` per `encoding` into `path` (.mp4: H.264 only; .mov: any codec),
/// BT.709 matrix for the conversion, limited range, BT.709 tags, constant rate, written
/// under a temporary name and renamed when complete. Throws Error with a clear message
/// (odd dimensions, a codec the container cannot hold, a bad timecode or reel name).
void writeVideo(const Clip& clip, const std::string& path, const VideoEncoding& encoding);

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
};

/// @brief Opens and fully decodes a video file. With `frames`, also returns every frame
/// as RGB (BT.709 matrix). Throws Error naming the file when it cannot be read.
VideoInfo readVideo(const std::string& path, Clip* frames = nullptr);

}  // namespace kinora
