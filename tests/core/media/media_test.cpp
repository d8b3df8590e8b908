#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>

#include <sys/stat.h>

#include "media/clip_writer.h"
#include "media/image_header.h"
#include "media/png_writer.h"
#include "provenance/delivery.h"
#include "test_model.h"
#include "util/error.h"
#include "util/image.h"
#ifdef KINORA_HAVE_FFMPEG
#include "media/ffmpeg_video.h"
#endif
#ifdef KINORA_HAVE_OPENCV
#include <opencv2/imgcodecs.hpp>

#include "media/image_import.h"
#endif

namespace kinora {
namespace {

namespace fs = std::filesystem;
using test::errorOf;

std::string freshDir() {
    static int n = 0;
    const fs::path d = fs::temp_directory_path() /
                       ("kinora-media-" + std::to_string(getpid()) + "-" + std::to_string(n++));
    fs::remove_all(d);
    fs::create_directories(d);
    return d.string();
}

// A test card: gradient background, a coloured square moving right.
Clip testClip(int frames, int w, int h, int fps) {
    Clip c;
    c.fps = fps;
    for (int t = 0; t < frames; ++t) {
        Image img(w, h);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                uint8_t* p = img.pixel(x, y);
                p[0] = static_cast<uint8_t>(40 + x * 2);
                p[1] = static_cast<uint8_t>(60 + y * 2);
                p[2] = 120;
                if (x >= 8 + 2 * t && x < 24 + 2 * t && y >= 20 && y < 36) {
                    p[0] = 220;
                    p[1] = 40;
                    p[2] = 40;
                }
            }
        c.frames.push_back(std::move(img));
    }
    return c;
}

TEST(Png, CrcMatchesTheStandardCheckValue) {
    const std::string s = "123456789";
    EXPECT_EQ(crc32(reinterpret_cast<const uint8_t*>(s.data()), s.size()), 0xCBF43926u);
}

TEST(Png, EncodesAValidSignatureAndHeader) {
    const auto png = encodePng(testClip(1, 20, 10, 8).frames[0]);
    ASSERT_GT(png.size(), 33u);
    EXPECT_EQ(png[0], 0x89);
    EXPECT_EQ(std::string(png.begin() + 12, png.begin() + 16), "IHDR");
    EXPECT_EQ(png[19], 20);  // width, big-endian
    EXPECT_EQ(png[23], 10);  // height
}

#ifdef KINORA_HAVE_OPENCV
TEST(Png, RoundTripsThroughAnIndependentDecoder) {
    const Image img = testClip(1, 33, 17, 8).frames[0];
    const std::string path = freshDir() + "/x.png";
    writePng(path, img);
    const Image back = readImage(path);
    ASSERT_EQ(back.width, 33);
    ASSERT_EQ(back.height, 17);
    EXPECT_EQ(back.rgb, img.rgb);
}

TEST(ImageImport, RefusesCorruptAndMissingFiles) {
    const std::string dir = freshDir();
    std::ofstream(dir + "/bad.png") << "this is not a png";
    EXPECT_THROW(readImage(dir + "/bad.png"), Error);
    EXPECT_THROW(readImage(dir + "/missing.png"), Error);
    std::ofstream(dir + "/empty.png");
    EXPECT_THROW(readImage(dir + "/empty.png"), Error);
}
#endif

TEST(FramePattern, ExpandsOneConversion) {
    EXPECT_EQ(expandFramePattern("f/%04d.png", 7), "f/0007.png");
    EXPECT_EQ(expandFramePattern("f/%d.png", 12), "f/12.png");
    EXPECT_EQ(expandFramePattern("100%%_%03d.png", 7), "100%_007.png");
    EXPECT_THROW(expandFramePattern("f/%d_%d.png", 1), Error);
    EXPECT_THROW(expandFramePattern("f/%s.png", 1), Error);
    EXPECT_THROW(expandFramePattern("f/plain.png", 1), Error);
}

TEST(ClipWriter, ChoosesTheFormatFromThePath) {
    EXPECT_EQ(clipFormatForPath("a.mp4"), ClipFormat::Mp4H264);
    EXPECT_EQ(clipFormatForPath("A.MP4"), ClipFormat::Mp4H264);
    EXPECT_EQ(clipFormatForPath("f/%04d.png"), ClipFormat::PngSequence);
    EXPECT_EQ(clipFormatForPath("a.y4m"), ClipFormat::Y4m);
    EXPECT_THROW(clipFormatForPath("a.avi"), Error);
    EXPECT_THROW(clipFormatForPath("a.png"), Error);
    EXPECT_THROW(clipFormatForPath("f/%04d.jpg"), Error);
}

TEST(ClipWriter, PngSequenceCreatesFolders) {
    const std::string dir = freshDir();
    writeClip(testClip(5, 16, 16, 8), dir + "/a/b/%03d.png");
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(fs::exists(dir + "/a/b/00" + std::to_string(i) + ".png"));
    EXPECT_FALSE(fs::exists(dir + "/a/b/005.png"));
}

TEST(ClipWriter, FailedPngSequenceLeavesNoFrameBehind) {
    const std::string dir = freshDir();
    // Frame 3's name is taken by a folder: writing it fails halfway through the clip.
    fs::create_directories(dir + "/seq/003.png/blocker");
    EXPECT_THROW(writeClip(testClip(6, 16, 16, 8), dir + "/seq/%03d.png"), Error);
    for (const auto& e : fs::directory_iterator(dir + "/seq"))
        EXPECT_EQ(e.path().filename().string(), "003.png") << "left behind: " << e.path();
    // Re-exporting over an earlier, complete sequence either replaces it whole or not at all.
    writeClip(testClip(3, 16, 16, 8), dir + "/ok/%03d.png");
    EXPECT_TRUE(fs::exists(dir + "/ok/002.png"));
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir + "/ok")) files += e.is_regular_file();
    EXPECT_EQ(files, 3);
}

TEST(ClipWriter, Y4mHasHeaderAndEveryFrame) {
    const std::string path = freshDir() + "/c.y4m";
    writeClip(testClip(3, 16, 8, 24), path);
    std::ifstream in(path, std::ios::binary);
    std::string header;
    std::getline(in, header);
    EXPECT_EQ(header.rfind("YUV4MPEG2 W16 H8 F24:1", 0), 0u) << header;
    EXPECT_EQ(fs::file_size(path), header.size() + 1 + 3 * (6 + 16 * 8 * 3));
}

#ifdef KINORA_HAVE_FFMPEG
double psnr(const Image& a, const Image& b) {
    double se = 0.0;
    for (std::size_t i = 0; i < a.rgb.size(); ++i) {
        const double d = static_cast<double>(a.rgb[i]) - b.rgb[i];
        se += d * d;
    }
    const double mse = se / static_cast<double>(a.rgb.size());
    return 10.0 * std::log10(255.0 * 255.0 / std::max(mse, 1e-12));
}

TEST(Mp4, DecodedBackHasFramesSizeRateAndBt709Tags) {
    const std::string dir = freshDir();
    const std::string path = dir + "/sub/clip.mp4";
    const Clip clip = testClip(17, 64, 64, 8);
    writeClip(clip, path);
    Clip decoded;
    const VideoInfo info = readVideo(path, &decoded);
    EXPECT_EQ(info.codec, "h264");
    EXPECT_EQ(info.pixelFormat, "yuv420p");
    EXPECT_EQ(info.frameCount, 17);
    EXPECT_EQ(info.width, 64);
    EXPECT_EQ(info.height, 64);
    EXPECT_EQ(info.fpsNum, 8);
    EXPECT_EQ(info.fpsDen, 1);
    EXPECT_TRUE(info.constantFrameRate);
    EXPECT_EQ(info.colorPrimaries, "bt709");
    EXPECT_EQ(info.colorTransfer, "bt709");
    EXPECT_EQ(info.colorSpace, "bt709");
    EXPECT_EQ(info.colorRange, "tv");
    ASSERT_EQ(decoded.frames.size(), 17u);
    // Same matrix both ways: colours survive (a wrong matrix costs far more than this).
    for (std::size_t i = 0; i < 17; ++i)
        EXPECT_GT(psnr(decoded.frames[i], clip.frames[i]), 30.0) << i;
    // Nothing but the finished file is left behind.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir + "/sub"), fs::directory_iterator()), 1);
}

TEST(Mp4, OtherRatesAndWideCanvases) {
    const std::string path = freshDir() + "/w.mp4";
    writeClip(testClip(9, 96, 64, 24), path);
    const VideoInfo info = readVideo(path);
    EXPECT_EQ(info.frameCount, 9);
    EXPECT_EQ(info.width, 96);
    EXPECT_EQ(info.fpsNum, 24);
    EXPECT_TRUE(info.constantFrameRate);
}

TEST(Mp4, OddSizeIsRefusedAndLeavesNoFile) {
    const std::string dir = freshDir();
    EXPECT_THROW(writeClip(testClip(3, 15, 16, 8), dir + "/odd.mp4"), Error);
    EXPECT_TRUE(fs::is_empty(dir));
}

// ffprobe's JSON view of a file (Debian's ffmpeg package, installed by the setup).
std::string probe(const std::string& path) {
    const std::string cmd = "ffprobe -v error -show_streams -show_format -of json '" + path + "'";
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        pclose(p);
    }
    return out;
}

TEST(Mov, EditingCodecsWithTimecodeReelAndUpscale) {
    const std::string dir = freshDir();
    const Clip clip = testClip(9, 64, 64, 8);
    struct Case {
        VideoCodec codec;
        const char* codecName;
        const char* pixFmt;
        const char* profile;
    } cases[] = {{VideoCodec::ProRes422HQ, "prores", "yuv422p10le", "\"HQ\""},
                 {VideoCodec::DnxhrHQ, "dnxhd", "yuv422p", "\"DNXHR HQ\""}};
    for (const auto& c : cases) {
        VideoEncoding e;
        e.codec = c.codec;
        e.rateNum = 24000;
        e.rateDen = 1001;
        e.timecode = "01:00:00:00";
        e.reel = "KN0001";
        e.width = 256;  // an upscale on export: DNxHR needs more than 64x64 anyway
        e.height = 256;
        const std::string path = dir + "/" + c.codecName + ".mov";
        writeVideo(clip, path, e);
        const VideoInfo info = readVideo(path);
        EXPECT_EQ(info.codec, c.codecName);
        EXPECT_EQ(info.pixelFormat, c.pixFmt);
        EXPECT_EQ(info.frameCount, 9);
        EXPECT_EQ(info.width, 256);
        EXPECT_EQ(info.fpsNum, 24000);
        EXPECT_EQ(info.fpsDen, 1001);
        EXPECT_TRUE(info.constantFrameRate);
        EXPECT_EQ(info.colorSpace, "bt709");
        EXPECT_EQ(info.colorPrimaries, "bt709");
        EXPECT_EQ(info.colorTransfer, "bt709");
        EXPECT_EQ(info.colorRange, "tv");
        const std::string p = probe(path);
        EXPECT_NE(p.find("\"profile\": " + std::string(c.profile)), std::string::npos) << p;
        EXPECT_NE(p.find("\"codec_tag_string\": \"tmcd\""), std::string::npos) << p;
        EXPECT_NE(p.find("\"timecode\": \"01:00:00:00\""), std::string::npos) << p;
        EXPECT_NE(p.find("\"reel_name\": \"KN0001\""), std::string::npos) << p;
    }
    // Delivery H.264: MP4 carries a timecode track (MP4 has no reel name; a MOV does).
    VideoEncoding h264;
    h264.rateNum = 24;
    h264.timecode = "00:00:10:00";
    h264.reel = "KN0002";
    writeVideo(clip, dir + "/h264.mp4", h264);
    EXPECT_NE(probe(dir + "/h264.mp4").find("\"timecode\": \"00:00:10:00\""), std::string::npos);
    writeVideo(clip, dir + "/h264.mov", h264);
    EXPECT_NE(probe(dir + "/h264.mov").find("\"reel_name\": \"KN0002\""), std::string::npos);
    // Refused clearly, nothing left behind.
    VideoEncoding odd;
    odd.width = 255;
    odd.height = 256;
    EXPECT_THROW(writeVideo(clip, dir + "/odd.mov", odd), Error);
    VideoEncoding prores;
    prores.codec = VideoCodec::ProRes422HQ;
    EXPECT_THROW(writeVideo(clip, dir + "/prores.mp4", prores), Error);
    VideoEncoding reel;
    reel.timecode = "00:00:00:00";
    reel.reel = "TOOLONGNAME";
    EXPECT_THROW(writeVideo(clip, dir + "/reel.mov", reel), Error);
    VideoEncoding tc;
    tc.timecode = "1:00";
    EXPECT_THROW(writeVideo(clip, dir + "/tc.mov", tc), Error);
    EXPECT_FALSE(fs::exists(dir + "/odd.mov") || fs::exists(dir + "/prores.mp4") ||
                 fs::exists(dir + "/reel.mov") || fs::exists(dir + "/tc.mov"));
}

TEST(Mp4, UnreadableFileIsAClearError) {
    const std::string dir = freshDir();
    std::ofstream(dir + "/junk.mp4") << "junk";
    EXPECT_THROW(readVideo(dir + "/junk.mp4"), Error);
}
#endif

/// Each file of the folder with a hash of its bytes (readable when a comparison fails).
std::map<std::string, std::size_t> folderBytes(const std::string& dir) {
    std::map<std::string, std::size_t> out;
    for (const auto& e : fs::directory_iterator(dir))
        out[e.path().filename().string()] =
            std::hash<std::string>{}(test::readFile(e.path().string()));
    return out;
}

/// Makes placing frame `failAt` of a new sequence (or moving an old frame aside, when
/// `aside`) fail as a full disk would; restores the real rename when it goes out of scope.
struct FailingRename {
    FailingRename(const std::string& failAt, bool aside) {
        auto failed = std::make_shared<bool>(false);  // once: putting things back works
        detail::setFrameRenameForTesting([=](const std::string& from, const std::string& to) {
            const bool isTemp = fs::path(from).filename().string().rfind(".", 0) == 0;
            const std::string target = aside ? from : to;
            if (!*failed && isTemp != aside && fs::path(target).filename() == failAt) {
                *failed = true;
                return std::make_error_code(std::errc::no_space_on_device);
            }
            std::error_code ec;
            fs::rename(from, to, ec);
            return ec;
        });
    }
    ~FailingRename() { detail::setFrameRenameForTesting({}); }
};

TEST(ClipWriter, AFailedOverwriteKeepsTheOldSequenceByteForByte) {
    for (const bool aside : {false, true}) {
        const std::string dir = freshDir();
        writeClip(testClip(5, 16, 16, 8), dir + "/seq/%03d.png");
        const auto before = folderBytes(dir + "/seq");
        ASSERT_EQ(before.size(), 5u);
        Clip other = testClip(6, 16, 16, 8);
        for (auto& f : other.frames) f.rgb.assign(f.rgb.size(), 7);
        std::string message;
        {
            FailingRename failing("003.png", aside);
            message = errorOf([&] { writeClip(other, dir + "/seq/%03d.png"); });
        }
        EXPECT_NE(message.find("003.png"), std::string::npos) << message;
        EXPECT_NE(message.find("No space left on device"), std::string::npos) << message;
        EXPECT_EQ(message.find("Success"), std::string::npos) << message;
        EXPECT_EQ(folderBytes(dir + "/seq"), before)
            << (aside ? "moving aside: " : "placing: ") << message;
    }
}

TEST(ClipWriter, AShorterSequenceReplacesALongerOneWhole) {
    const std::string dir = freshDir();
    writeClip(testClip(6, 16, 16, 8), dir + "/seq/%03d.png");
    Clip shorter = testClip(3, 16, 16, 8);
    writeClip(shorter, dir + "/seq/%03d.png");
    EXPECT_EQ(folderBytes(dir + "/seq").size(), 3u);
    const Clip back = readClip(dir + "/seq/%03d.png");
    ASSERT_EQ(back.frames.size(), 3u);
    EXPECT_EQ(back.frames[2].rgb, shorter.frames[2].rgb);
}

std::vector<uint8_t> pngDeclaring(uint32_t width, uint32_t height) {
    std::vector<uint8_t> png = encodePng(Image(8, 8));
    for (int i = 0; i < 4; ++i) {
        png[16 + i] = static_cast<uint8_t>(width >> (24 - 8 * i));
        png[20 + i] = static_cast<uint8_t>(height >> (24 - 8 * i));
    }
    return png;
}

TEST(ImageHeader, ReadsTheSizeOfEachFormatAndRefusesCutHeaders) {
    const auto png = encodePng(Image(40, 24));
    const ImageHeader h = readImageHeader(png.data(), png.size(), "a.png");
    EXPECT_EQ(h.format, "PNG");
    EXPECT_EQ(h.width, 40);
    EXPECT_EQ(h.height, 24);
    const std::string ppm = "P6\n# made by hand\n 640 480\n255\n";
    const ImageHeader p =
        readImageHeader(reinterpret_cast<const uint8_t*>(ppm.data()), ppm.size(), "a.ppm");
    EXPECT_EQ(p.width, 640);
    EXPECT_EQ(p.height, 480);
    // Every prefix of a header is either read or refused cleanly, never read past.
    for (std::size_t n = 0; n < 24; ++n) {
        const std::vector<uint8_t> cut(png.begin(), png.begin() + static_cast<long>(n));
        EXPECT_NE(errorOf([&] { readImageHeader(cut.data(), cut.size(), "cut.png"); }), "") << n;
    }
    const std::string gif = "GIF89a\x10\x00\x10\x00";
    EXPECT_NE(errorOf([&] {
                  readImageHeader(reinterpret_cast<const uint8_t*>(gif.data()), gif.size(), "g");
              }).find("GIF images are not supported"),
              std::string::npos);
    const auto empty = pngDeclaring(0, 10);
    EXPECT_NE(errorOf([&] {
                  readImageHeader(empty.data(), empty.size(), "e.png");
              }).find("declares an empty image (0x10)"),
              std::string::npos);
#ifdef KINORA_HAVE_OPENCV
    // The encoders of OpenCV write the other formats; the header agrees with each.
    cv::Mat img(37, 53, CV_8UC3, cv::Scalar(10, 200, 30));
    for (const std::string ext : {".jpg", ".bmp", ".webp", ".tiff", ".ppm"}) {
        std::vector<uint8_t> bytes;
        if (!cv::haveImageWriter("x" + ext)) continue;
        ASSERT_TRUE(cv::imencode(ext, img, bytes)) << ext;
        const ImageHeader e = readImageHeader(bytes.data(), bytes.size(), "x" + ext);
        EXPECT_EQ(e.width, 53) << ext;
        EXPECT_EQ(e.height, 37) << ext;
        for (std::size_t n = 0; n < std::min<std::size_t>(bytes.size(), 64); ++n) {
            const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(n));
            errorOf([&] { readImageHeader(cut.data(), cut.size(), "cut"); });  // no overread
        }
    }
#endif
}

#ifdef KINORA_HAVE_OPENCV
TEST(ImageImport, RefusesADecompressionBombFromItsHeader) {
    const std::string dir = freshDir();
    const auto bomb = pngDeclaring(30000, 30000);
    std::ofstream(dir + "/bomb.png", std::ios::binary)
        .write(reinterpret_cast<const char*>(bomb.data()), static_cast<long>(bomb.size()));
    EXPECT_NE(errorOf([&] {
                  readImage(dir + "/bomb.png");
              }).find("bomb.png: image is too large (30000x30000 PNG"),
              std::string::npos);
    const auto lying = pngDeclaring(8, 9);  // the pixels say 8x8
    std::ofstream(dir + "/lying.png", std::ios::binary)
        .write(reinterpret_cast<const char*>(lying.data()), static_cast<long>(lying.size()));
    EXPECT_NE(errorOf([&] { readImage(dir + "/lying.png"); }), "");
}

TEST(ImageImport, AFolderOrAFifoIsNamedForWhatItIs) {
    const std::string dir = freshDir();
    fs::create_directories(dir + "/folder.png");
    EXPECT_NE(errorOf([&] { readImage(dir + "/folder.png"); }).find("is a folder"),
              std::string::npos);
    ASSERT_EQ(::mkfifo((dir + "/pipe.png").c_str(), 0600), 0);
    EXPECT_NE(errorOf([&] { readImage(dir + "/pipe.png"); }).find("is a FIFO"), std::string::npos);
}
#endif

}  // namespace
}  // namespace kinora
