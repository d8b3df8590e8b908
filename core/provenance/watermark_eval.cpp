#include "provenance/watermark_eval.h"

#include <algorithm>
#include <bitset>
#include <cmath>
#include <filesystem>

#include "media/clip_writer.h"
#include "util/error.h"
#ifdef KINORA_HAVE_FFMPEG
#include "media/ffmpeg_video.h"
#endif

namespace fs = std::filesystem;

namespace kinora::provenance {

namespace {

Clip throughH264(const Clip& clip, int crf, const std::string& scratch) {
#ifdef KINORA_HAVE_FFMPEG
    const std::string path = (fs::path(scratch) / "attack.mp4").string();
    VideoEncoding e;
    e.crf = crf;
    encodeVideoFile(clip, path, e);  // the evaluation's own files carry no credentials
    Clip out = readClip(path, clip.fps);
    fs::remove(path);
    return out;
#else
    (void)clip, (void)crf, (void)scratch;
    throw Error("the watermark evaluation needs a build with FFmpeg");
#endif
}

Image downscaleHalf(const Image& f) {
    Image out(f.width / 2, f.height / 2);
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < 3; ++c) {
                const int s = f.pixel(2 * x, 2 * y)[c] + f.pixel(2 * x + 1, 2 * y)[c] +
                              f.pixel(2 * x, 2 * y + 1)[c] + f.pixel(2 * x + 1, 2 * y + 1)[c];
                out.pixel(x, y)[c] = uint8_t((s + 2) / 4);
            }
    return out;
}

Image crop(const Image& f, int x0, int y0, int w, int h) {
    Image out(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) std::copy_n(f.pixel(x0 + x, y0 + y), 3, out.pixel(x, y));
    return out;
}

}  // namespace

std::vector<std::string> watermarkAttacks() {
    return {"none",     "h264 crf 23",     "h264 crf 28",    "downscale 50%",
            "crop 10%", "brightness +20%", "brightness -20%"};
}

Clip attackClip(const Clip& clip, const std::string& name, uint64_t seed,
                const std::string& scratch) {
    if (name == "none") return clip;
    if (name == "h264 crf 23") return throughH264(clip, 23, scratch);
    if (name == "h264 crf 28") return throughH264(clip, 28, scratch);
    Clip edited = clip;
    if (name == "downscale 50%") {
        for (auto& f : edited.frames) f = downscaleHalf(f);
        // H.264 wants even sizes.
        for (auto& f : edited.frames)
            if (f.width % 2 || f.height % 2) f = crop(f, 0, 0, f.width & ~1, f.height & ~1);
    } else if (name == "crop 10%") {
        // Keep 90% of each side at a random place.
        const int w = int(clip.width() * 0.9) & ~1, h = int(clip.height() * 0.9) & ~1;
        const int x0 = int(seed % uint64_t(clip.width() - w + 1));
        const int y0 = int((seed / 7) % uint64_t(clip.height() - h + 1));
        for (auto& f : edited.frames) f = crop(f, x0, y0, w, h);
    } else if (name == "brightness +20%" || name == "brightness -20%") {
        const double gain = name == "brightness +20%" ? 1.2 : 0.8;
        for (auto& f : edited.frames)
            for (auto& v : f.rgb) v = uint8_t(std::clamp(std::lround(v * gain), 0L, 255L));
    } else {
        throw Error("unknown attack '" + name + "'");
    }
    return throughH264(edited, 18, scratch);
}

WatermarkEvalReport evaluateWatermark(int count, uint64_t seed,
                                      const std::function<Clip(int)>& makeClip,
                                      const std::string& scratchDir, const WatermarkOptions& o,
                                      const std::function<void(const std::string&)>& onMessage) {
    if (count < 1) throw Error("the evaluation needs at least one clip");
    fs::create_directories(scratchDir);
    WatermarkEvalReport report;
    const auto attacks = watermarkAttacks();
    std::vector<WatermarkEvalRow> rows(attacks.size());
    std::vector<double> psnrs;
    uint64_t s = seed * 0x9e3779b97f4a7c15ull + 1;
    for (int i = 0; i < count; ++i) {
        const Clip original = makeClip(i);
        s ^= s << 13, s ^= s >> 7, s ^= s << 17;
        const uint32_t id = uint32_t(s >> 11);
        Clip marked = original;
        embedWatermark(marked, id, o);
        psnrs.push_back(clipPsnr(original, marked));
        for (std::size_t a = 0; a < attacks.size(); ++a) {
            const Clip attacked = attackClip(marked, attacks[a], s, scratchDir);
            const Detection d = detectWatermark(attacked, o);
            WatermarkEvalRow& row = rows[a];
            row.attack = attacks[a];
            ++row.clips;
            row.detectionRate += d.found ? 1 : 0;
            row.bitAccuracy += double(32 - std::bitset<32>(d.id ^ id).count()) / 32.0;
            row.idExact += (d.found && d.crcOk && d.id == id) ? 1 : 0;
        }
        if (onMessage)
            onMessage("marked clip " + std::to_string(i + 1) + "/" + std::to_string(count));
    }
    for (auto& row : rows) {
        row.detectionRate /= row.clips;
        row.bitAccuracy /= row.clips;
        row.idExact /= row.clips;
    }
    report.rows = rows;
    report.psnrMin = *std::min_element(psnrs.begin(), psnrs.end());
    double sum = 0;
    for (double p : psnrs) sum += p;
    report.psnrMean = sum / double(psnrs.size());
    // Unmarked: other clips, as they are and through H.264.
    int found = 0, tried = 0;
    for (int i = 0; i < count; ++i) {
        const Clip plain = makeClip(count + i);
        for (const char* attack : {"none", "h264 crf 23"}) {
            const Detection d = detectWatermark(attackClip(plain, attack, seed + i, scratchDir), o);
            found += d.found ? 1 : 0;
            ++tried;
            report.maxUnmarkedScore = std::max(report.maxUnmarkedScore, d.syncScore);
        }
        if (onMessage)
            onMessage("unmarked clip " + std::to_string(i + 1) + "/" + std::to_string(count));
    }
    report.unmarkedClips = tried;
    report.falsePositiveRate = double(found) / double(tried);
    return report;
}

}  // namespace kinora::provenance
