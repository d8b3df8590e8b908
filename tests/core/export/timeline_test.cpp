// Timelines for editing software: every format parses and holds exactly the storyboard's
// cuts; the MLT one is rendered by Debian's melt into a video with the same length and
// the cuts on the same frames.
#include <gtest/gtest.h>

#include <QByteArray>
#include <QString>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "export/storyboard_export.h"
#include "export/timeline.h"
#include "media/clip_writer.h"
#include "media/ffmpeg_video.h"
#include "project/project.h"
#include "provenance/delivery.h"
#include "test_model.h"
#include "util/error.h"

namespace fs = std::filesystem;
using namespace kinora;
using namespace kinora::timeline;

namespace {

Timeline sample() {
    Timeline t;
    t.name = "Cuts & <tests>";
    t.rate = {24, 1};
    t.width = 64;
    t.height = 48;
    t.clips = {{"Shot 1 \xc2\xb7 take-1", "/tmp/kinora media/a & b.mp4", "KN0001", 51,
                "kinora media/a & b.mp4", 24 * 3600 * 21},
               {"Shot 2", "/tmp/media/b.mp4", "KN0002", 24, "media/b.mp4", 0},
               {"Shot 3", "/tmp/media/c.mp4", "KN0003", 75, "media/c.mp4", 24 * 60 + 7}};
    return t;
}

/// Frames of an FCPXML time ("0s", "3s", "1001/24000s") at `rate`; fails on decimals.
int64_t fcpFrames(const std::string& s, const FrameRate& rate) {
    std::smatch m;
    const bool ok = std::regex_match(s, m, std::regex("(\\d+)(?:/(\\d+))?s"));
    EXPECT_TRUE(ok) << s;
    if (!ok) return -1;
    const int64_t num = std::stoll(m[1]), den = m[2].matched ? std::stoll(m[2]) : 1;
    EXPECT_EQ((num * rate.num) % (den * rate.den), 0) << s << " is not a whole frame";
    return num * rate.num / (den * rate.den);
}

int64_t tcFrames(const std::string& tc, int64_t base) {
    int h = 0, m = 0, s = 0, f = 0;
    EXPECT_EQ(std::sscanf(tc.c_str(), "%d:%d:%d:%d", &h, &m, &s, &f), 4) << tc;
    return ((int64_t(h) * 60 + m) * 60 + s) * base + f;
}

/// (start, frames) of every clip on the timeline a format describes.
using Cuts = std::vector<std::pair<int64_t, int64_t>>;

Cuts expected(const Timeline& t) {
    Cuts c;
    for (std::size_t i = 0; i < t.clips.size(); ++i) c.push_back({t.startOf(i), t.clips[i].frames});
    return c;
}

Cuts parseXml(const std::string& text, Format f, const FrameRate& rate) {
    QXmlStreamReader xml(QByteArray::fromStdString(text));
    Cuts cuts;
    int64_t start = -1, end = -1;
    bool inClipitem = false, inFile = false;
    std::string playlist;  // the MLT playlist being read (the video track is playlist0)
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QString name = xml.name().toString();
            const auto attr = [&](const char* a) {
                return xml.attributes().value(QLatin1String(a)).toString().toStdString();
            };
            if (f == Format::Fcpxml && name == QLatin1String("asset-clip"))
                cuts.push_back(
                    {fcpFrames(attr("offset"), rate), fcpFrames(attr("duration"), rate)});
            if (name == QLatin1String("playlist")) playlist = attr("id");
            if ((f == Format::Mlt || f == Format::Kdenlive || f == Format::Shotcut) &&
                name == QLatin1String("entry") && playlist == "playlist0") {
                const int64_t in = std::stoll(attr("in")), out = std::stoll(attr("out"));
                const int64_t s = cuts.empty() ? 0 : cuts.back().first + cuts.back().second;
                cuts.push_back({s, out - in + 1});
            }
            if (f == Format::Xmeml) {
                if (name == QLatin1String("clipitem")) inClipitem = true;
                if (name == QLatin1String("file")) inFile = true;
                if (inClipitem && !inFile && name == QLatin1String("start"))
                    start = xml.readElementText().toLongLong();
                if (inClipitem && !inFile && name == QLatin1String("end"))
                    end = xml.readElementText().toLongLong();
            }
        } else if (xml.isEndElement() && f == Format::Xmeml) {
            if (xml.name() == QLatin1String("file")) inFile = false;
            if (xml.name() == QLatin1String("clipitem")) {
                cuts.push_back({start, end - start});
                inClipitem = false;
            }
        }
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString() << "\n" << text;
    return cuts;
}

Cuts parseEdl(const std::string& text, const FrameRate& rate) {
    Cuts cuts;
    std::istringstream in(text);
    const std::regex event("(\\d{3})  (\\S{1,8}) +V +C +(\\S+) (\\S+) (\\S+) (\\S+)");
    for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (!std::regex_match(line, m, event)) continue;
        const int64_t base = rate.timecodeBase();
        const int64_t recIn = tcFrames(m[5], base), recOut = tcFrames(m[6], base);
        EXPECT_EQ(tcFrames(m[4], base) - tcFrames(m[3], base), recOut - recIn);
        cuts.push_back({recIn, recOut - recIn});
    }
    return cuts;
}

Cuts parseOtio(const std::string& text) {
    const auto j = nlohmann::json::parse(text);
    EXPECT_EQ(j["OTIO_SCHEMA"], "Timeline.1");
    Cuts cuts;
    int64_t at = 0;
    for (const auto& c : j["tracks"]["children"][0]["children"]) {
        const double v = c["source_range"]["duration"]["value"].get<double>();
        EXPECT_EQ(v, std::floor(v));  // a frame count
        cuts.push_back({at, static_cast<int64_t>(v)});
        at += static_cast<int64_t>(v);
    }
    return cuts;
}

Cuts parse(const Timeline& t, Format f) {
    const std::string text = write(t, f);
    switch (f) {
        case Format::Edl:
            return parseEdl(text, t.rate);
        case Format::Otio:
            return parseOtio(text);
        default:
            return parseXml(text, f, t.rate);
    }
}

}  // namespace

TEST(Timeline, TimecodesRatesAndConforming) {
    EXPECT_EQ(timecode(0, {24, 1}), "00:00:00:00");
    EXPECT_EQ(timecode(24 * 3661 + 5, {24, 1}), "01:01:01:05");
    EXPECT_EQ(timecode(24, {24000, 1001}), "00:00:01:00");  // NDF counts like 24
    EXPECT_TRUE(parseFrameRate("23.976") == (FrameRate{24000, 1001}));
    EXPECT_TRUE(parseFrameRate("25") == (FrameRate{25, 1}));
    EXPECT_THROW(parseFrameRate("24.5"), Error);
    EXPECT_THROW(parseFrameRate("0"), Error);
    EXPECT_THROW(parseFormat("aaf"), Error);
    EXPECT_EQ(conformedLength(17, 8, {24, 1}), 51);
    EXPECT_EQ(conformedLength(17, 8, {25, 1}), 53);  // 2.125 s -> 53/25 = 2.12 s
    EXPECT_EQ(conformedLength(17, 8, {24000, 1001}), 51);
    kinora::Clip clip;
    clip.fps = 8;
    for (int i = 0; i < 4; ++i) {
        kinora::Image f(2, 2);
        f.rgb.assign(f.rgb.size(), static_cast<uint8_t>(i));
        clip.frames.push_back(f);
    }
    const kinora::Clip at24 = conform(clip, {24, 1});
    ASSERT_EQ(at24.frames.size(), 12u);
    for (int k = 0; k < 12; ++k) EXPECT_EQ(at24.frames[std::size_t(k)].rgb[0], k / 3) << k;
}

TEST(Timeline, EveryFormatParsesAndHoldsTheCuts) {
    for (const FrameRate rate : {FrameRate{24, 1}, FrameRate{24000, 1001}, FrameRate{25, 1}}) {
        Timeline t = sample();
        t.rate = rate;
        for (Format f : {Format::Fcpxml, Format::Xmeml, Format::Edl, Format::Otio, Format::Mlt,
                         Format::Kdenlive, Format::Shotcut})
            EXPECT_EQ(parse(t, f), expected(t))
                << extension(f) << " at " << rate.num << "/" << rate.den;
    }
    // Exact times: FCPXML at 23.976 speaks in 1001/24000 s, never in decimals.
    Timeline t = sample();
    t.rate = {24000, 1001};
    const std::string fcp = write(t, Format::Fcpxml);
    EXPECT_NE(fcp.find("<fcpxml version=\"1.10\">"), std::string::npos);
    EXPECT_NE(fcp.find("frameDuration=\"1001/24000s\""), std::string::npos);
    EXPECT_NE(fcp.find("offset=\"51051/24000s\""), std::string::npos);
    const std::string xmeml = write(t, Format::Xmeml);
    EXPECT_NE(xmeml.find("<ntsc>TRUE</ntsc>"), std::string::npos);
    EXPECT_NE(xmeml.find("file://localhost/tmp/kinora%20media/a%20%26%20b.mp4"), std::string::npos);
    EXPECT_NE(write(t, Format::Edl).find("FCM: NON-DROP FRAME"), std::string::npos);
}

// Each clip carries its own source timecode, the same in every format that has one.
TEST(Timeline, SourceTimecodesAreTheSameInEveryFormat) {
    const Timeline t = sample();
    // EDL: source in and out in the media's own timecode.
    const std::string edl = write(t, Format::Edl);
    EXPECT_NE(edl.find("001  KN0001   V     C        21:00:00:00 21:00:02:03 00:00:00:00"),
              std::string::npos)
        << edl;
    EXPECT_NE(edl.find("003  KN0003   V     C        00:01:00:07 00:01:03:10"), std::string::npos)
        << edl;
    // FCPXML: the asset and its clip start at the timecode (seconds, exact).
    const std::string fcp = write(t, Format::Fcpxml);
    EXPECT_NE(fcp.find("start=\"75600s\" duration=\"51/24s\""), std::string::npos) << fcp;
    EXPECT_NE(fcp.find("duration=\"51/24s\" start=\"75600s\""), std::string::npos) << fcp;
    // FCP7 XML: the file's timecode.
    const std::string xmeml = write(t, Format::Xmeml);
    EXPECT_NE(xmeml.find("<string>21:00:00:00</string>"), std::string::npos);
    EXPECT_NE(xmeml.find("<frame>1447</frame>"), std::string::npos);
    // OTIO: the clip's source range and the media's available range in source time.
    const auto otio = nlohmann::json::parse(write(t, Format::Otio));
    const auto& clip = otio["tracks"]["children"][0]["children"][2];
    EXPECT_EQ(clip["source_range"]["start_time"]["value"].get<double>(), 24 * 60 + 7);
    EXPECT_EQ(clip["media_reference"]["available_range"]["start_time"]["value"].get<double>(),
              24 * 60 + 7);
    // Past midnight is refused.
    Timeline late = sample();
    late.clips[0].sourceStart = 24 * 3600 * 24 - 10;
    EXPECT_THROW(write(late, Format::Edl), Error);
}

// CMX3600 readers take plain ASCII: names with a middle dot or any other non-ASCII
// character are written in ASCII.
TEST(Timeline, TheEdlIsPlainAscii) {
    Timeline t = sample();
    t.name = "Sch\xc3\xb6ne Gr\xc3\xbc\xc3\x9f\x65 \xe6\x98\xa0\xe7\x94\xbb";
    t.clips[1].name = "Shot 2 \xc2\xb7 \xe3\x83\x86\xe3\x82\xa4\xe3\x82\xaf";
    const std::string edl = write(t, Format::Edl);
    for (unsigned char c : edl) EXPECT_TRUE(c == '\n' || (c >= 0x20 && c < 0x7F)) << int(c);
    EXPECT_NE(edl.find("* FROM CLIP NAME: Shot 1 - take-1"), std::string::npos) << edl;
    EXPECT_NE(edl.find("* FROM CLIP NAME: Shot 2 - ___"), std::string::npos) << edl;
    EXPECT_NE(edl.find("TITLE: Sch_ne Gr__e __"), std::string::npos) << edl;
    for (std::istringstream in(edl); !in.eof();) {
        std::string line;
        std::getline(in, line);
        EXPECT_LE(line.size(), 128u) << line;
    }
}

// Media are named relative to the timeline file where the format allows it; the two that
// need absolute URLs follow the media root the receiving machine will see.
TEST(Timeline, RelativeMediaAndAMediaRoot) {
    Timeline t = sample();
    EXPECT_NE(write(t, Format::Mlt).find("<property name=\"resource\">media/b.mp4</property>"),
              std::string::npos);
    EXPECT_NE(write(t, Format::Kdenlive).find("<property name=\"resource\">media/c.mp4</property>"),
              std::string::npos);
    EXPECT_NE(write(t, Format::Shotcut).find("<property name=\"resource\">media/c.mp4</property>"),
              std::string::npos);
    const auto otio = nlohmann::json::parse(write(t, Format::Otio));
    EXPECT_EQ(otio["tracks"]["children"][0]["children"][0]["media_reference"]["target_url"],
              "kinora%20media/a%20%26%20b.mp4");
    EXPECT_NE(write(t, Format::Edl).find("* SOURCE FILE: media/b.mp4"), std::string::npos);
    // Without a root the absolute formats point where the files were written...
    EXPECT_NE(write(t, Format::Fcpxml).find("src=\"file:///tmp/media/b.mp4\""), std::string::npos);
    // ... with one, where the editing machine sees them (a Windows drive too).
    t.mediaRoot = "/Volumes/film/edit/";
    EXPECT_NE(write(t, Format::Fcpxml).find("src=\"file:///Volumes/film/edit/media/b.mp4\""),
              std::string::npos);
    t.mediaRoot = "D:/film/edit";
    EXPECT_NE(write(t, Format::Xmeml).find("file://localhost/D:/film/edit/media/b.mp4"),
              std::string::npos);
    EXPECT_TRUE(needsAbsoluteMedia(Format::Fcpxml) && needsAbsoluteMedia(Format::Xmeml));
    EXPECT_FALSE(needsAbsoluteMedia(Format::Otio) || needsAbsoluteMedia(Format::Kdenlive));
}

// What Kdenlive and Shotcut need to open a file as a project with a timeline.
TEST(Timeline, KdenliveAndShotcutProjectsCarryWhatTheEditorsLookFor) {
    const Timeline t = sample();
    const std::string k = write(t, Format::Kdenlive);
    EXPECT_NE(k.find("producer=\"main_bin\""), std::string::npos);
    EXPECT_NE(k.find("<playlist id=\"main_bin\">"), std::string::npos);
    EXPECT_NE(k.find("kdenlive:docproperties.version"), std::string::npos);
    // Every timeline producer's kdenlive:id is a bin clip's.
    const std::regex id("<property name=\"kdenlive:id\">(\\d+)</property>");
    std::map<std::string, int> ids;
    for (auto it = std::sregex_iterator(k.begin(), k.end(), id); it != std::sregex_iterator(); ++it)
        ++ids[(*it)[1]];
    EXPECT_EQ(ids.size(), t.clips.size());
    for (const auto& [value, count] : ids) EXPECT_GE(count, 2) << value;
    const std::string sc = write(t, Format::Shotcut);
    EXPECT_NE(sc.find("<property name=\"shotcut\">1</property>"), std::string::npos);
    EXPECT_LT(sc.find("<track producer=\"background\"/>"),
              sc.find("<track producer=\"playlist0\"/>"));
    EXPECT_NE(sc.find("<property name=\"shotcut:name\">V1</property>"), std::string::npos);
    EXPECT_EQ(std::string(extension(Format::Shotcut)), ".shotcut.mlt");
    EXPECT_EQ(parseFormat("kdenlive"), Format::Kdenlive);
    EXPECT_EQ(parseFormat("shotcut"), Format::Shotcut);
}

TEST(Timeline, ATakeStartsAtItsTimeOfDay) {
    project::Take take;
    take.createdAt = "2026-12-06T21:42:10Z";
    EXPECT_EQ(takeTimecode(take, 0, 51, {24, 1}), (21 * 3600 + 42 * 60 + 10) * 24);
    EXPECT_EQ(timecode(takeTimecode(take, 0, 51, {25, 1}), {25, 1}), "21:42:10:00");
    // Just before midnight: early enough to end within the day.
    take.createdAt = "2026-12-06T23:59:59Z";
    EXPECT_EQ(takeTimecode(take, 0, 51, {24, 1}), 24 * 3600 * 24 - 51);
    // No time (an old take): hour 1, 2, ... by position.
    take.createdAt.clear();
    EXPECT_EQ(timecode(takeTimecode(take, 2, 51, {24, 1}), {24, 1}), "03:00:00:00");
}

TEST(Timeline, RefusesWhatEditorsWouldReject) {
    Timeline t = sample();
    t.clips[1].reel = "TOOLONGREEL";
    EXPECT_THROW(write(t, Format::Edl), Error);
    t = sample();
    t.clips[2].reel = t.clips[0].reel;
    EXPECT_THROW(write(t, Format::Xmeml), Error);
    t = sample();
    t.clips.clear();
    EXPECT_THROW(write(t, Format::Otio), Error);
}

#ifdef KINORA_HAVE_FFMPEG
TEST(Timeline, MeltRendersTheMltCutFrameForFrame) {
    const fs::path dir = kinora::test::tempDir("timeline-melt");
    // Three takes of solid colours at 8 fps: 17, 9 and 17 frames.
    project::Project p;
    p.name = "melt check";
    p.canvas = {64, 48, 8};
    const uint8_t colours[3][3] = {{230, 30, 30}, {30, 200, 30}, {30, 30, 230}};
    const int lengths[3] = {17, 9, 17};
    for (int i = 0; i < 3; ++i) {
        project::Shot s;
        s.id = "shot-" + std::to_string(i + 1);
        s.duration = lengths[i];
        project::Take take;
        take.id = "take-1";
        take.frames = "media/" + s.id + "/take-1/%04d.png";
        take.frameCount = lengths[i];
        take.fps = 8;
        kinora::Clip clip;
        clip.fps = 8;
        for (int k = 0; k < lengths[i]; ++k) {
            kinora::Image f(64, 48);
            for (int px = 0; px < 64 * 48; ++px)
                for (int c = 0; c < 3; ++c) f.rgb[std::size_t(px * 3 + c)] = colours[i][c];
            clip.frames.push_back(f);
        }
        writeClip(clip, (dir / take.frames).string());
        s.takes.push_back(take);
        s.selectedTake = "take-1";
        p.shots.push_back(s);
    }
    const fs::path out = dir / "export";
    const StoryboardExport e =
        exportStoryboard(p, dir.string(), out.string(), {24, 1},
                         {Format::Mlt, Format::Shotcut, Format::Edl, Format::Otio});
    ASSERT_EQ(e.timeline.totalFrames(), 51 + 27 + 51);
    ASSERT_EQ(e.mediaFiles.size(), 3u);
    EXPECT_EQ(readClip(e.mediaFiles[0]).frames.size(), 51u);
    // Each MOV's timecode track starts where the timeline says its source starts (takes
    // without a time of generation: hour 1, 2, 3).
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(readVideo(e.mediaFiles[i]).timecode,
                  timecode(e.timeline.clips[i].sourceStart, {24, 1}));
    EXPECT_EQ(readVideo(e.mediaFiles[2]).timecode, "03:00:00:00");

    // The export folder moves as a whole: melt still finds every clip, from anywhere.
    const fs::path moved = dir / "elsewhere" / "moved export";
    fs::create_directories(moved.parent_path());
    fs::rename(out, moved);
    // OpenTimelineIO: each clip's target_url, read relative to the .otio file, is its media.
    const auto otio =
        nlohmann::json::parse(kinora::test::readFile((moved / "melt_check.otio").string()));
    for (const auto& clip : otio["tracks"]["children"][0]["children"]) {
        const std::string url = clip["media_reference"]["target_url"];
        EXPECT_TRUE(fs::is_regular_file(moved / url)) << url;
    }
    for (const std::string& file :
         {std::string("melt_check.mlt"), std::string("melt_check.shotcut.mlt")}) {
        // melt renders the MLT timeline to PNG frames; real_time=0: every frame, none dropped
        // when the machine is busy (one CI run found no frames at all under parallel tests).
        const fs::path frames = dir / ("melt-" + file);
        fs::create_directories(frames);
        const std::string cmd = "cd / && melt -quiet '" + (moved / file).string() +
                                "' -consumer avformat:'" + (frames / "%05d.png").string() +
                                "' vcodec=png start_number=0 real_time=0 > '" +
                                (dir / "melt.log").string() + "' 2>&1";
        auto meltLog = [&] {
            std::ifstream log(dir / "melt.log");
            return std::string(std::istreambuf_iterator<char>(log), {});
        };
        ASSERT_EQ(std::system(cmd.c_str()), 0)
            << "melt failed (is Debian's melt installed?): " << cmd << "\n"
            << meltLog();
        ASSERT_TRUE(fs::exists(frames / "00000.png")) << "melt wrote no frames: " << cmd << "\n"
                                                      << meltLog();
        const kinora::Clip rendered = readClip((frames / "%05d.png").string(), 24);
        ASSERT_EQ(static_cast<int64_t>(rendered.frames.size()), e.timeline.totalFrames()) << file;
        auto dominant = [](const kinora::Image& f) {
            const uint8_t* px = f.pixel(f.width / 2, f.height / 2);
            return int(std::max_element(px, px + 3) - px);  // 0 red, 1 green, 2 blue
        };
        for (std::size_t i = 0; i < e.timeline.clips.size(); ++i) {
            const int64_t first = e.timeline.startOf(i);
            const int64_t last = first + e.timeline.clips[i].frames - 1;
            EXPECT_EQ(dominant(rendered.frames[std::size_t(first)]), int(i))
                << "cut " << i << " in";
            EXPECT_EQ(dominant(rendered.frames[std::size_t(last)]), int(i))
                << "cut " << i << " out";
        }
    }
}

// ProRes and DNxHR MOVs say they are progressive (a 'fiel' box), and carry the take's
// timecode.
TEST(Timeline, ProResAndDnxhrMediaAreTaggedProgressive) {
    const fs::path dir = kinora::test::tempDir("timeline-fiel");
    kinora::Clip clip;
    clip.fps = 24;
    for (int k = 0; k < 3; ++k) clip.frames.push_back(kinora::Image(256, 128));
    for (const VideoCodec codec : {VideoCodec::ProRes422HQ, VideoCodec::DnxhrHQ}) {
        VideoEncoding enc;
        enc.codec = codec;
        enc.timecode = "21:42:10:00";
        enc.reel = "KN0001";
        const std::string path = (dir / (std::to_string(int(codec)) + ".mov")).string();
        encodeVideoFile(clip, path, enc);
        std::ifstream in(path, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        // size 10, "fiel", 0x01 (progressive: one field), 0x00
        const std::string fiel(
            "\0\0\0\x0a"
            "fiel\x01\x00",
            10);
        EXPECT_NE(bytes.find(fiel), std::string::npos) << path;
        EXPECT_EQ(readVideo(path).timecode, "21:42:10:00");
    }
}
#endif
