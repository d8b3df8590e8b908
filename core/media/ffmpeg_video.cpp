#include "media/ffmpeg_video.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/files.h"
#include "util/log.h"

namespace kinora {

namespace {

// Owners of FFmpeg's C handles.
struct CodecCtxDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsDeleter {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct OutputDeleter {
    void operator()(AVFormatContext* f) const {
        if (f->pb != nullptr) avio_closep(&f->pb);
        avformat_free_context(f);
    }
};
struct InputDeleter {
    void operator()(AVFormatContext* f) const { avformat_close_input(&f); }
};
using CodecCtxPtr = std::unique_ptr<AVCodecContext, CodecCtxDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;

std::string averr(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(code, buf, sizeof(buf));
    return buf;
}

void check(int code, const std::string& what) {
    if (code < 0) throw Error(what + ": " + averr(code));
}

/// FFmpeg reads a name as a URL when it starts like one ("concat:", "http://", "pipe:0"),
/// so every file is opened as "file:<absolute path>" with only the file protocol allowed:
/// a name is always a local file, never a network request or another process's stream.
std::string fileUrl(const std::string& path) {
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    return "file:" + (ec ? path : absolute.string());
}

/// FFmpeg's own lines go through Kinora's library log (quiet unless KINORA_LOG asks): the
/// user sees our one-line errors, not the demuxer's chatter before them.
void routeFfmpegLog() {
    static std::once_flag once;
    std::call_once(once, [] {
        av_log_set_callback([](void* avcl, int level, const char* fmt, va_list args) {
            if (level > AV_LOG_VERBOSE) return;
            char line[1024];
            int prefix = 1;
            va_list copy;
            va_copy(copy, args);
            av_log_format_line(avcl, level, fmt, copy, line, sizeof line, &prefix);
            va_end(copy);
            logLibraryLine("ffmpeg", line, level > AV_LOG_WARNING);
        });
    });
}

AVDictionary* fileOnlyOptions() {
    AVDictionary* options = nullptr;
    av_dict_set(&options, "protocol_whitelist", "file", 0);
    return options;
}

void setBt709(SwsContext* sws, bool rgbToYuv) {
    const int* coeffs = sws_getCoefficients(SWS_CS_ITU709);
    // RGB is full range; Y'CbCr is limited (video) range.
    if (rgbToYuv)
        sws_setColorspaceDetails(sws, coeffs, 1, coeffs, 0, 0, 1 << 16, 1 << 16);
    else
        sws_setColorspaceDetails(sws, coeffs, 0, coeffs, 1, 0, 1 << 16, 1 << 16);
}

struct Encoder {
    const AVCodec* codec = nullptr;
    AVPixelFormat pix = AV_PIX_FMT_YUV420P;
};

Encoder findEncoder(VideoCodec codec, const std::string& shownPath) {
    Encoder e;
    switch (codec) {
        case VideoCodec::H264:
            e.codec = avcodec_find_encoder_by_name("libx264");
            if (e.codec == nullptr) e.codec = avcodec_find_encoder(AV_CODEC_ID_H264);
            break;
        case VideoCodec::ProRes422HQ:
            e.codec = avcodec_find_encoder_by_name("prores_ks");
            e.pix = AV_PIX_FMT_YUV422P10LE;
            break;
        case VideoCodec::DnxhrHQ:
            e.codec = avcodec_find_encoder_by_name("dnxhd");
            e.pix = AV_PIX_FMT_YUV422P;
            break;
    }
    if (e.codec == nullptr)
        throw Error(shownPath + ": this FFmpeg has no " + std::string(name(codec)) + " encoder");
    return e;
}

// The encoder at w x h and `rate`, BT.709 limited range, deterministic settings per codec.
CodecCtxPtr openEncoder(const Encoder& found, const VideoEncoding& e, int w, int h, AVRational rate,
                        bool globalHeader, const std::string& shownPath) {
    CodecCtxPtr enc(avcodec_alloc_context3(found.codec));
    enc->width = w;
    enc->height = h;
    enc->pix_fmt = found.pix;
    enc->time_base = av_inv_q(rate);
    enc->framerate = rate;
    enc->gop_size = std::max(1, 2 * rate.num / rate.den);
    enc->max_b_frames = e.codec == VideoCodec::H264 ? 2 : 0;
    enc->color_primaries = AVCOL_PRI_BT709;
    enc->color_trc = AVCOL_TRC_BT709;
    enc->colorspace = AVCOL_SPC_BT709;
    enc->color_range = AVCOL_RANGE_MPEG;
    // Progressive, said in the file (MOV writes it as a 'fiel' box for ProRes and DNxHR).
    enc->field_order = AV_FIELD_PROGRESSIVE;
    if (globalHeader) enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (std::string(found.codec->name) == "libx264") {
        av_opt_set(enc->priv_data, "preset", "medium", 0);
        av_opt_set(enc->priv_data, "crf", std::to_string(e.crf).c_str(), 0);
        // Quiet, deterministic single-slice encode: same frames give the same bytes.
        av_opt_set(enc->priv_data, "x264-params", "log=-1:threads=1", 0);
    } else if (e.codec == VideoCodec::ProRes422HQ) {
        av_opt_set(enc->priv_data, "profile", "hq", 0);
        av_opt_set(enc->priv_data, "vendor", "apl0", 0);
        enc->thread_count = 1;
    } else if (e.codec == VideoCodec::DnxhrHQ) {
        av_opt_set(enc->priv_data, "profile", "dnxhr_hq", 0);
        enc->thread_count = 1;
    }
    check(avcodec_open2(enc.get(), found.codec, nullptr),
          shownPath + ": cannot open the " + name(e.codec) + " encoder at " + std::to_string(w) +
              "x" + std::to_string(h));
    return enc;
}

// RGB frames of srcW x srcH to the encoder's w x h and pixel format, BT.709.
SwsPtr rgbConverter(int srcW, int srcH, int w, int h, AVPixelFormat pix, ScaleFilter scale,
                    const std::string& shownPath) {
    int flags = SWS_ACCURATE_RND | SWS_FULL_CHR_H_INP;
    switch (scale) {
        case ScaleFilter::Bicubic:
            flags |= SWS_BICUBIC;
            break;
        case ScaleFilter::Lanczos:
            flags |= SWS_LANCZOS;
            break;
        case ScaleFilter::Nearest:
            flags |= SWS_POINT;
            break;
    }
    SwsPtr sws(
        sws_getContext(srcW, srcH, AV_PIX_FMT_RGB24, w, h, pix, flags, nullptr, nullptr, nullptr));
    if (!sws) throw Error(shownPath + ": cannot create the colour converter");
    setBt709(sws.get(), true);
    return sws;
}

void encodeVideo(const Clip& clip, const std::string& tempPath, const std::string& shownPath,
                 const VideoEncoding& e, const char* container) {
    const int srcW = clip.width(), srcH = clip.height();
    const int w = e.width > 0 ? e.width : srcW, h = e.height > 0 ? e.height : srcH;
    AVFormatContext* rawFmt = nullptr;
    check(avformat_alloc_output_context2(&rawFmt, nullptr, container, tempPath.c_str()), shownPath);
    std::unique_ptr<AVFormatContext, OutputDeleter> fmt(rawFmt);
    const Encoder found = findEncoder(e.codec, shownPath);
    AVStream* stream = avformat_new_stream(fmt.get(), nullptr);
    if (stream == nullptr) throw Error(shownPath + ": cannot add a video stream");
    // Exact rates: 24000/1001 is 23.976 fps, one tick per frame.
    const AVRational rate{e.rateNum > 0 ? e.rateNum : clip.fps, e.rateNum > 0 ? e.rateDen : 1};
    CodecCtxPtr enc = openEncoder(found, e, w, h, rate,
                                  (fmt->oformat->flags & AVFMT_GLOBALHEADER) != 0, shownPath);
    check(avcodec_parameters_from_context(stream->codecpar, enc.get()), shownPath);
    stream->time_base = enc->time_base;
    stream->avg_frame_rate = rate;
    stream->r_frame_rate = rate;
    // A timecode track (QuickTime tmcd) starting at e.timecode, carrying the reel name.
    if (!e.timecode.empty()) {
        av_dict_set(&stream->metadata, "timecode", e.timecode.c_str(), 0);
        if (!e.reel.empty()) av_dict_set(&stream->metadata, "reel_name", e.reel.c_str(), 0);
    }

    AVDictionary* ioOptions = fileOnlyOptions();
    const int opened =
        avio_open2(&fmt->pb, fileUrl(tempPath).c_str(), AVIO_FLAG_WRITE, nullptr, &ioOptions);
    av_dict_free(&ioOptions);
    check(opened, shownPath + ": cannot write");
    AVDictionary* muxOptions = nullptr;
    // MP4 too gets its timecode track (the muxer writes one for MOV by default only).
    if (!e.timecode.empty()) av_dict_set(&muxOptions, "write_tmcd", "1", 0);
    const int header = avformat_write_header(fmt.get(), &muxOptions);
    av_dict_free(&muxOptions);
    check(header, shownPath + ": cannot write the header");

    SwsPtr sws = rgbConverter(srcW, srcH, w, h, found.pix, e.scale, shownPath);
    FramePtr frame(av_frame_alloc());
    frame->format = found.pix;
    frame->width = w;
    frame->height = h;
    frame->color_primaries = AVCOL_PRI_BT709;
    frame->color_trc = AVCOL_TRC_BT709;
    frame->colorspace = AVCOL_SPC_BT709;
    frame->color_range = AVCOL_RANGE_MPEG;
    check(av_frame_get_buffer(frame.get(), 0), shownPath);
    PacketPtr packet(av_packet_alloc());

    auto drain = [&]() {
        while (true) {
            const int r = avcodec_receive_packet(enc.get(), packet.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
            check(r, shownPath + ": encoding failed");
            av_packet_rescale_ts(packet.get(), enc->time_base, stream->time_base);
            packet->stream_index = stream->index;
            check(av_interleaved_write_frame(fmt.get(), packet.get()),
                  shownPath + ": write failed");
        }
    };
    int64_t pts = 0;
    for (const Image& img : clip.frames) {
        if (img.width != srcW || img.height != srcH)
            throw Error(shownPath + ": frames differ in size");
        check(av_frame_make_writable(frame.get()), shownPath);
        const uint8_t* src[1] = {img.rgb.data()};
        const int srcStride[1] = {3 * srcW};
        sws_scale(sws.get(), src, srcStride, 0, srcH, frame->data, frame->linesize);
        frame->pts = pts++;
        check(avcodec_send_frame(enc.get(), frame.get()), shownPath + ": encoding failed");
        drain();
    }
    check(avcodec_send_frame(enc.get(), nullptr), shownPath + ": encoding failed");
    drain();
    check(av_write_trailer(fmt.get()), shownPath + ": cannot finish the file");
    avio_closep(&fmt->pb);
}

// Big-endian fields of box headers.
uint64_t readBe(const uint8_t* p, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
    return v;
}

void writeBe(uint8_t* p, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i, v >>= 8) p[i] = static_cast<uint8_t>(v & 0xff);
}

// Adds `grow` to the size of the box whose header starts at `at` (32- or 64-bit size).
void growBox(std::vector<uint8_t>& b, std::size_t at, uint64_t grow) {
    const uint64_t size32 = readBe(&b[at], 4);
    if (size32 == 1)
        writeBe(&b[at + 8], readBe(&b[at + 8], 8) + grow, 8);
    else
        writeBe(&b[at], size32 + grow, 4);
}

// The child boxes of b[begin, end): (header offset, type, content offset, end).
struct ChildBox {
    std::size_t at, content, end;
    std::string type;
};
std::vector<ChildBox> childBoxes(const std::vector<uint8_t>& b, std::size_t begin,
                                 std::size_t end) {
    std::vector<ChildBox> out;
    for (std::size_t at = begin; at + 8 <= end;) {
        uint64_t size = readBe(&b[at], 4);
        std::size_t header = 8;
        if (size == 1) {
            if (at + 16 > end) break;
            size = readBe(&b[at + 8], 8);
            header = 16;
        } else if (size == 0) {
            size = end - at;
        }
        if (size < header || at + size > end) break;
        out.push_back({at, at + header, at + std::size_t(size),
                       std::string(reinterpret_cast<const char*>(&b[at + 4]), 4)});
        at += std::size_t(size);
    }
    return out;
}

// FFmpeg 5.1's MOV muxer says a ProRes picture is progressive (a 'fiel' box) but not a
// DNxHR one ('AVdh'). This adds the box to every AVdh sample entry that lacks one, in the
// moov box at the file's end (where the muxer puts it: media offsets do not move).
void tagDnxhrProgressive(const std::string& path) {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    if (!file) throw Error(printablePath(path) + ": cannot reopen to tag it progressive");
    file.seekg(0, std::ios::end);
    const uint64_t fileSize = static_cast<uint64_t>(file.tellg());
    uint64_t at = 0, moovAt = 0, moovSize = 0;
    while (at + 8 <= fileSize) {
        uint8_t h[16];
        file.seekg(static_cast<std::streamoff>(at));
        file.read(reinterpret_cast<char*>(h), 8);
        uint64_t size = readBe(h, 4);
        if (size == 1) {
            file.read(reinterpret_cast<char*>(h + 8), 8);
            size = readBe(h + 8, 8);
        } else if (size == 0) {
            size = fileSize - at;
        }
        if (size < 8 || at + size > fileSize) return;  // not ours to fix
        if (std::string(reinterpret_cast<char*>(h + 4), 4) == "moov") {
            moovAt = at;
            moovSize = size;
        }
        at += size;
    }
    if (moovSize == 0 || moovAt + moovSize != fileSize || moovSize > (64u << 20)) return;
    std::vector<uint8_t> moov(moovSize);
    file.seekg(static_cast<std::streamoff>(moovAt));
    file.read(reinterpret_cast<char*>(moov.data()), static_cast<std::streamsize>(moovSize));
    if (!file) throw Error(printablePath(path) + ": cannot read its moov box");
    const uint8_t fiel[10] = {0, 0, 0, 10, 'f', 'i', 'e', 'l', 1, 0};
    bool changed = false;
    // moov/trak/mdia/minf/stbl/stsd/AVdh, from the last track back so offsets found
    // before an insertion stay valid.
    auto childrenOf = [&](const ChildBox& box, const char* type) {
        std::vector<ChildBox> out;
        for (const ChildBox& c : childBoxes(moov, box.content, box.end))
            if (c.type == type) out.push_back(c);
        return out;
    };
    const ChildBox root{0, moov.size() >= 16 && readBe(&moov[0], 4) == 1 ? 16u : 8u, moov.size(),
                        "moov"};
    auto traks = childrenOf(root, "trak");
    for (auto t = traks.rbegin(); t != traks.rend(); ++t)
        for (const ChildBox& mdia : childrenOf(*t, "mdia"))
            for (const ChildBox& minf : childrenOf(mdia, "minf"))
                for (const ChildBox& stbl : childrenOf(minf, "stbl"))
                    for (const ChildBox& stsd : childrenOf(stbl, "stsd")) {
                        // stsd: version/flags, entry count, then the sample entries.
                        const auto entries = childBoxes(moov, stsd.content + 8, stsd.end);
                        for (auto e = entries.rbegin(); e != entries.rend(); ++e) {
                            if (e->type != "AVdh") continue;
                            // Its children follow the 78 bytes of a visual sample entry.
                            bool has = false;
                            for (const ChildBox& c : childBoxes(moov, e->content + 78, e->end))
                                has = has || c.type == "fiel";
                            if (has) continue;
                            moov.insert(moov.begin() + std::ptrdiff_t(e->end), fiel, fiel + 10);
                            for (std::size_t box :
                                 {e->at, stsd.at, stbl.at, minf.at, mdia.at, t->at, std::size_t(0)})
                                growBox(moov, box, 10);
                            changed = true;
                        }
                    }
    if (!changed) return;
    file.seekp(static_cast<std::streamoff>(moovAt));
    file.write(reinterpret_cast<const char*>(moov.data()),
               static_cast<std::streamsize>(moov.size()));
    if (!file) throw Error(printablePath(path) + ": cannot tag it progressive");
}

}  // namespace

const char* name(VideoCodec codec) {
    switch (codec) {
        case VideoCodec::H264:
            return "H.264";
        case VideoCodec::ProRes422HQ:
            return "ProRes 422 HQ";
        case VideoCodec::DnxhrHQ:
            return "DNxHR HQ";
    }
    return "";
}

ScaleFilter parseScaleFilter(const std::string& name) {
    if (name == "lanczos") return ScaleFilter::Lanczos;
    if (name == "bicubic") return ScaleFilter::Bicubic;
    if (name == "nearest") return ScaleFilter::Nearest;
    throw Error("scale filter '" + name + "': use lanczos, bicubic or nearest");
}

void encodeVideoFile(const Clip& clip, const std::string& path, const VideoEncoding& e,
                     const FileFinisher& finish) {
    if (clip.frames.empty()) throw Error(path + ": clip has no frames");
    const int w = e.width > 0 ? e.width : clip.width();
    const int h = e.height > 0 ? e.height : clip.height();
    if ((e.width > 0) != (e.height > 0)) throw Error(path + ": give both the width and the height");
    if (w % 2 != 0 || h % 2 != 0)
        throw Error(path + ": " + name(e.codec) + " needs even dimensions, got " +
                    std::to_string(w) + "x" + std::to_string(h));
    if (w > 8192 || h > 8192) throw Error(path + ": at most 8192x8192");
    if (e.codec == VideoCodec::DnxhrHQ && (w < 256 || h < 120))
        throw Error(path + ": DNxHR needs a picture of at least 256x120 (got " + std::to_string(w) +
                    "x" + std::to_string(h) + "); upscale on export or choose ProRes");
    if (e.rateNum > 0 ? (e.rateDen < 1 || e.rateNum > 240 * e.rateDen)
                      : (clip.fps < 1 || clip.fps > 240))
        throw Error(path + ": the frame rate must be 1..240 fps");
    if (e.reel.size() > 8) throw Error(path + ": a reel name has at most 8 characters");
    if (!e.timecode.empty()) {
        int hh, mm, ss, ff;
        char extra;
        if (std::sscanf(e.timecode.c_str(), "%d:%d:%d:%d%c", &hh, &mm, &ss, &ff, &extra) != 4)
            throw Error(path + ": timecode '" + e.timecode + "' is not HH:MM:SS:FF");
    }
    std::string lower = path;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    const bool mov = lower.size() > 4 && lower.compare(lower.size() - 4, 4, ".mov") == 0;
    if (!mov && e.codec != VideoCodec::H264)
        throw Error(path + ": " + name(e.codec) + " goes into a .mov file");
    routeFfmpegLog();
    const std::string temp = temporarySiblingPath(path);
    std::string finishedTemp;
    try {
        encodeVideo(clip, temp, path, e, mov ? "mov" : "mp4");
        if (mov && e.codec == VideoCodec::DnxhrHQ) tagDnxhrProgressive(temp);
        std::string finished = temp;
        if (finish) {
            finishedTemp = temporarySiblingPath(path);
            finish(temp, finishedTemp);
            std::remove(temp.c_str());
            finished = finishedTemp;
        }
        commitTemporaryFile(finished, path);
    } catch (...) {
        std::remove(temp.c_str());
        if (!finishedTemp.empty()) std::remove(finishedTemp.c_str());
        throw;
    }
}

VideoInfo readVideo(const std::string& path, Clip* frames) {
    routeFfmpegLog();
    // A FIFO or a device would block or never end: only regular files are read.
    requireRegularFile(path, "video");
    AVFormatContext* raw = nullptr;
    AVDictionary* options = fileOnlyOptions();
    // Plain video containers only: playlist and concat demuxers would read other files.
    av_dict_set(&options, "format_whitelist", "mov,matroska,avi,yuv4mpegpipe", 0);
    const int opened = avformat_open_input(&raw, fileUrl(path).c_str(), nullptr, &options);
    av_dict_free(&options);
    check(opened, printablePath(path) + ": cannot open");
    std::unique_ptr<AVFormatContext, InputDeleter> fmt(raw);
    check(avformat_find_stream_info(fmt.get(), nullptr), path + ": cannot read stream info");
    const int index = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    check(index, path + ": no video stream");
    AVStream* stream = fmt->streams[index];
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (codec == nullptr) throw Error(path + ": no decoder for its codec");
    CodecCtxPtr dec(avcodec_alloc_context3(codec));
    check(avcodec_parameters_to_context(dec.get(), stream->codecpar), path);
    dec->thread_count = 1;
    check(avcodec_open2(dec.get(), codec, nullptr), path + ": cannot open the decoder");

    VideoInfo info;
    info.codec = codec->name;
    info.width = stream->codecpar->width;
    info.height = stream->codecpar->height;
    info.fpsNum = stream->avg_frame_rate.num;
    info.fpsDen = stream->avg_frame_rate.den == 0 ? 1 : stream->avg_frame_rate.den;
    auto name = [](const char* s) { return std::string(s != nullptr ? s : "unknown"); };
    info.pixelFormat =
        name(av_get_pix_fmt_name(static_cast<AVPixelFormat>(stream->codecpar->format)));
    info.colorPrimaries = name(av_color_primaries_name(stream->codecpar->color_primaries));
    info.colorTransfer = name(av_color_transfer_name(stream->codecpar->color_trc));
    info.colorSpace = name(av_color_space_name(stream->codecpar->color_space));
    info.colorRange = name(av_color_range_name(stream->codecpar->color_range));
    // The start timecode (a MOV's tmcd track): on the video stream, the timecode track or
    // the file.
    for (unsigned s = 0; s < fmt->nb_streams && info.timecode.empty(); ++s)
        if (const AVDictionaryEntry* tc =
                av_dict_get(fmt->streams[s]->metadata, "timecode", nullptr, 0))
            info.timecode = tc->value;
    if (info.timecode.empty())
        if (const AVDictionaryEntry* tc = av_dict_get(fmt->metadata, "timecode", nullptr, 0))
            info.timecode = tc->value;

    FramePtr frame(av_frame_alloc());
    PacketPtr packet(av_packet_alloc());
    SwsPtr sws;
    std::vector<int64_t> timestamps;
    if (frames != nullptr) {
        frames->frames.clear();
        frames->fps = info.fpsDen > 0 ? (info.fpsNum + info.fpsDen / 2) / info.fpsDen : 0;
    }
    auto receive = [&]() {
        while (true) {
            const int r = avcodec_receive_frame(dec.get(), frame.get());
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return;
            check(r, path + ": decoding failed");
            ++info.frameCount;
            timestamps.push_back(frame->best_effort_timestamp);
            if (frames != nullptr) {
                if (!sws) {
                    sws.reset(sws_getContext(frame->width, frame->height,
                                             static_cast<AVPixelFormat>(frame->format),
                                             frame->width, frame->height, AV_PIX_FMT_RGB24,
                                             SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT,
                                             nullptr, nullptr, nullptr));
                    if (!sws) throw Error(path + ": cannot convert its pixel format");
                    setBt709(sws.get(), false);
                }
                Image img(frame->width, frame->height);
                uint8_t* dst[1] = {img.rgb.data()};
                const int dstStride[1] = {3 * img.width};
                sws_scale(sws.get(), frame->data, frame->linesize, 0, frame->height, dst,
                          dstStride);
                frames->frames.push_back(std::move(img));
            }
            av_frame_unref(frame.get());
        }
    };
    while (av_read_frame(fmt.get(), packet.get()) >= 0) {
        if (packet->stream_index == index) {
            const int r = avcodec_send_packet(dec.get(), packet.get());
            av_packet_unref(packet.get());
            check(r, path + ": corrupt video data");
            receive();
        } else {
            av_packet_unref(packet.get());
        }
    }
    avcodec_send_packet(dec.get(), nullptr);
    receive();
    // Constant frame rate: consecutive timestamps one frame duration apart.
    info.constantFrameRate = info.fpsNum > 0 && !timestamps.empty();
    if (info.fpsNum > 0 && timestamps.size() > 1) {
        const AVRational frameDur = av_inv_q(AVRational{info.fpsNum, info.fpsDen});
        const int64_t step = av_rescale_q(1, frameDur, stream->time_base);
        for (std::size_t i = 1; i < timestamps.size(); ++i)
            if (timestamps[i] - timestamps[i - 1] != step) info.constantFrameRate = false;
    }
    return info;
}

}  // namespace kinora
