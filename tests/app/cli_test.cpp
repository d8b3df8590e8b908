// End-to-end tests of kinora-cli as a user runs it: exit codes, outputs, error lines.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "media/ffmpeg_video.h"
#include "media/png_writer.h"
#include "test_model.h"
#include "weights/safetensors.h"

namespace kinora {
namespace {

namespace fs = std::filesystem;

struct Run {
    int status = -1;
    std::string out;
    std::string err;
};

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

Run cli(const std::vector<std::string>& args) {
    const std::string dir = test::tempDir("cli-run");
    // A hang is a failure, not a stalled suite: killed after a minute (status 124).
    std::string cmd = "timeout -k 5 60 " + quote(KINORA_CLI_PATH);
    for (const auto& a : args) cmd += " " + quote(a);
    cmd += " >" + dir + "/out 2>" + dir + "/err";
    const int raw = std::system(cmd.c_str());
    Run r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    auto slurp = [](const std::string& p) {
        std::ifstream in(p);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    };
    r.out = slurp(dir + "/out");
    r.err = slurp(dir + "/err");
    return r;
}

std::vector<std::string> generateArgs(const std::string& out) {
    return {"generate",
            "--prompt",
            "a small blue square slides to the right at night",
            "--model",
            test::testModelDir(),
            "--frames",
            "5",
            "--width",
            "32",
            "--height",
            "32",
            "--steps",
            "2",
            "--seed",
            "3",
            "--out",
            out,
            "--quiet"};
}

// An error is exactly one line on stderr, prefixed, with exit status 2.
void expectError(const Run& r, const std::string& needle) {
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_EQ(r.err.rfind("kinora-cli: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

TEST(Cli, VersionAndHelp) {
    auto v = cli({"--version"});
    EXPECT_EQ(v.status, 0);
    EXPECT_EQ(v.out.rfind("kinora-cli ", 0), 0u);
    auto h = cli({"--help"});
    EXPECT_EQ(h.status, 0);
    EXPECT_NE(h.out.find("generate --prompt TEXT"), std::string::npos);
    EXPECT_EQ(cli({}).status, 2);
}

TEST(Cli, GeneratesAPngSequenceIntoNewFolders) {
    const std::string dir = test::tempDir("cli-png");
    auto r = cli(generateArgs(dir + "/shots/one/%04d.png"));
    ASSERT_EQ(r.status, 0) << r.err;
    for (int i = 0; i < 5; ++i)
        EXPECT_TRUE(fs::exists(dir + "/shots/one/000" + std::to_string(i) + ".png"));
    EXPECT_FALSE(fs::exists(dir + "/shots/one/0005.png"));
}

#ifdef KINORA_HAVE_FFMPEG
TEST(Cli, GeneratesMp4WithJsonSummary) {
    const std::string out = test::tempDir("cli-mp4") + "/clip.mp4";
    auto args = generateArgs(out);
    args.back() = "--json";
    auto r = cli(args);
    ASSERT_EQ(r.status, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["output"], out);
    EXPECT_EQ(j["frames"], 5);
    EXPECT_EQ(j["width"], 32);
    EXPECT_EQ(j["seed"], 3);
    EXPECT_EQ(j["steps"], 2);
    EXPECT_EQ(j["mode"], "text-to-video");
    EXPECT_GT(fs::file_size(out), 100u);
}
#endif

TEST(Cli, SameSeedSameFramesThroughTheCli) {
    const std::string a = test::tempDir("cli-a") + "/a.y4m";
    const std::string b = test::tempDir("cli-b") + "/b.y4m";
    ASSERT_EQ(cli(generateArgs(a)).status, 0);
    ASSERT_EQ(cli(generateArgs(b)).status, 0);
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    std::string sa((std::istreambuf_iterator<char>(fa)), {}),
        sb((std::istreambuf_iterator<char>(fb)), {});
    EXPECT_FALSE(sa.empty());
    EXPECT_EQ(sa, sb);
}

TEST(Cli, InitModelAndInfo) {
    const std::string dir = test::tempDir("cli-init") + "/m";
    auto r = cli({"init-model", "--out", dir, "--seed", "5", "--size", "test"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto info = cli({"info", dir, "--json"});
    ASSERT_EQ(info.status, 0) << info.err;
    auto j = nlohmann::json::parse(info.out);
    EXPECT_EQ(j["name"], "kinora-test");
    EXPECT_GT(j["parameters"]["total"].get<int64_t>(), 0);
    EXPECT_GT(j["tensors"].size(), 10u);
    auto text = cli({"info", dir});
    EXPECT_NE(text.out.find("DiT dim 48"), std::string::npos) << text.out;
    // Same seed, same weights, byte for byte.
    const std::string dir2 = test::tempDir("cli-init2") + "/m";
    ASSERT_EQ(cli({"init-model", "--out", dir2, "--seed", "5", "--size", "test"}).status, 0);
    std::ifstream w1(dir + "/model.safetensors", std::ios::binary),
        w2(dir2 + "/model.safetensors", std::ios::binary);
    EXPECT_EQ(std::string((std::istreambuf_iterator<char>(w1)), {}),
              std::string((std::istreambuf_iterator<char>(w2)), {}));
    // Does not overwrite a model without --force.
    expectError(cli({"init-model", "--out", dir, "--seed", "6", "--size", "test"}), "--force");
}

TEST(Cli, ErrorExits) {
    const std::string dir = test::tempDir("cli-err");
    const std::string model = test::testModelDir();
    expectError(cli({"generate", "--out", dir + "/x.mp4"}), "--prompt is required");
    expectError(cli({"generate", "--prompt", "red ball"}), "--out is required");
    expectError(cli({"frobnicate"}), "unknown command");
    expectError(cli({"generate", "--prompt", "x", "--out", dir + "/x.mp4", "--bogus", "1"}),
                "unknown option --bogus");
    expectError(cli({"generate", "--prompt", "x", "--model", model, "--frames", "6", "--out",
                     dir + "/x.y4m"}),
                "1+4k");
    expectError(cli({"generate", "--prompt", "x", "--model", model, "--width", "33", "--out",
                     dir + "/x.y4m"}),
                "multiple of");
    expectError(cli({"generate", "--prompt", "x", "--seed", "abc", "--out", dir + "/x.y4m"}),
                "--seed");
    expectError(cli({"generate", "--prompt", "x", "--steps", "0", "--out", dir + "/x.y4m"}),
                "--steps");
    expectError(cli({"generate", "--prompt", "x", "--out", dir + "/x.avi"}), "unknown output type");
    expectError(cli({"generate", "--prompt", "x", "--out", dir + "/%d_%d.png"}), "exactly one %d");
    expectError(cli({"generate", "--prompt", std::string(100 * 1024, 'a'), "--model", model,
                     "--out", dir + "/x.y4m"}),
                "prompt is too long");
    expectError(
        cli({"generate", "--prompt", "x", "--model", dir + "/nope", "--out", dir + "/x.y4m"}),
        "does not exist");
    std::ofstream(dir + "/corrupt.png") << "not an image at all";
    expectError(cli({"generate", "--prompt", "x", "--model", model, "--image", dir + "/corrupt.png",
                     "--out", dir + "/x.y4m"}),
                "corrupt.png");
    expectError(cli({"info", dir + "/nope"}), "does not exist");
    // A name with a line break (or an escape sequence) stays on the error's one line.
    expectError(cli({"info", dir + "/line\nbreak\x1b[2J"}), "line\\nbreak\\x1b[2J");
    fs::create_directories(dir + "/odd-model/model.json");
    expectError(cli({"info", dir + "/odd-model"}), "model.json: is a folder, not a regular file");
    EXPECT_FALSE(fs::exists(dir + "/x.y4m"));
    EXPECT_FALSE(fs::exists(dir + "/x.mp4"));
}

TEST(Cli, FifosAndDevicesAreRefusedNeverWaitedOn) {
    const std::string dir = test::tempDir("cli-fifo");
    const std::string model = test::testModelDir();
    auto fifo = [&](const std::string& name) {
        const std::string path = dir + "/" + name;
        EXPECT_EQ(::mkfifo(path.c_str(), 0600), 0) << path;
        return path;
    };
    // The model's weights, and its manifest, as FIFOs.
    const std::string weightsFifo = dir + "/weights-fifo";
    fs::create_directories(weightsFifo);
    for (const auto& e : fs::directory_iterator(model))
        if (e.path().filename() != "model.safetensors")
            fs::copy_file(e.path(), weightsFifo / e.path().filename());
    fifo("weights-fifo/model.safetensors");
    fs::create_directories(dir + "/manifest-fifo");
    fifo("manifest-fifo/model.json");
    const std::string clip = dir + "/made.mp4";
    ASSERT_EQ(cli(generateArgs(clip)).status, 0);
    const std::string pipe = fifo("pipe.mp4"), pem = fifo("pipe.pem"), list = fifo("list.json");
    const std::string suite = fifo("suite.jsonl"), still = fifo("still.png");
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"generate", "--prompt", "x", "--model", weightsFifo, "--out", dir + "/a.y4m"},
         "is a FIFO"},
        {{"generate", "--prompt", "x", "--model", dir + "/manifest-fifo", "--out", dir + "/a.y4m"},
         "manifest-fifo"},
        {{"generate", "--prompt", "x", "--model", model, "--prompt-list", list, "--out",
          dir + "/a.y4m"},
         "list.json: is a FIFO"},
        {{"generate", "--prompt", "x", "--model", model, "--mode", "extend-forward", "--context",
          pipe, "--out", dir + "/a.y4m"},
         "pipe.mp4: is a FIFO"},
        {{"generate", "--prompt", "x", "--model", model, "--image", still, "--mode",
          "image-to-video", "--out", dir + "/a.y4m"},
         "still.png: is a FIFO"},
        {{"verify", clip, "--trust", pem}, "pipe.pem: is a FIFO"},
        {{"verify", clip, "--trust", dir + "/missing.pem"}, "missing.pem"},
        {{"sign", clip, "--out", dir + "/s.mp4", "--cert", pem, "--key", pem}, "is a FIFO"},
        {{"eval", "--world", "--suite", suite}, "suite.jsonl: is a FIFO"},
        {{"eval", "--world", "--suite", "/dev/zero"}, "/dev/zero: is a character device"},
        {{"detect", pipe}, "pipe.mp4: is a FIFO"},
        {{"sign", pipe, "--out", dir + "/s.mp4"}, "pipe.mp4: is a FIFO"},
    };
    for (const auto& [args, needle] : cases) {
        const auto r = cli(args);
        EXPECT_NE(r.status, 124) << "hung: " << args[0] << " " << needle;
        EXPECT_NE(r.status, 0) << args[0] << " " << needle;
        EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
        EXPECT_LE(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    EXPECT_FALSE(fs::exists(dir + "/a.y4m"));
    EXPECT_FALSE(fs::exists(dir + "/s.mp4"));
}

TEST(Cli, AnOutputThatIsAnInputIsRefused) {
    const std::string dir = test::tempDir("cli-in-out");
    const std::string frames = dir + "/clip/%04d.png", mp4 = dir + "/clip.mp4";
    ASSERT_EQ(cli(generateArgs(frames)).status, 0);
    ASSERT_EQ(cli(generateArgs(mp4)).status, 0);
    const std::string firstFrame = test::readFile(dir + "/clip/0000.png"),
                      video = test::readFile(mp4);
    for (const auto& [context, out] : std::vector<std::pair<std::string, std::string>>{
             {frames, dir + "/./clip/%04d.png"}, {mp4, mp4}}) {
        auto args = generateArgs(out);
        args.insert(args.end(), {"--mode", "extend-forward", "--context", context});
        expectError(cli(args), "is the --context input");
    }
    EXPECT_EQ(test::readFile(dir + "/clip/0000.png"), firstFrame);
    EXPECT_EQ(test::readFile(mp4), video);
}

TEST(Cli, LibraryLogLinesStayOutOfOurOneLineErrors) {
    const std::string dir = test::tempDir("cli-quiet");
    const std::string good = dir + "/good.mp4";
    ASSERT_EQ(cli(generateArgs(good)).status, 0);
    ASSERT_EQ(cli(generateArgs(dir + "/f/%04d.png")).status, 0);
    // A cut-off MP4 (FFmpeg's demuxer complains) and a PNG whose header checksum is wrong
    // (libpng complains): the user sees our one line, nothing before it.
    const std::string video = test::readFile(good);
    std::ofstream(dir + "/cut.mp4", std::ios::binary) << video.substr(0, video.size() / 3);
    std::string png = test::readFile(dir + "/f/0000.png");
    png[29] = static_cast<char>(png[29] ^ 0x55);  // inside IHDR's CRC
    std::ofstream(dir + "/bad-crc.png", std::ios::binary) << png;
    auto extend = generateArgs(dir + "/out.y4m");
    extend.insert(extend.end(), {"--mode", "extend-forward", "--context", dir + "/cut.mp4"});
    expectError(cli(extend), "cut.mp4");
    auto still = generateArgs(dir + "/out.y4m");
    still.insert(still.end(), {"--mode", "image-to-video", "--image", dir + "/bad-crc.png"});
    expectError(cli(still), "bad-crc.png");
}

TEST(Cli, SignRefusesAWatermarkIdThatDoesNotFitAndItsOwnInputAsOutput) {
    const std::string dir = test::tempDir("cli-sign");
    const std::string clip = dir + "/made.mp4";
    ASSERT_EQ(cli(generateArgs(clip)).status, 0);
    const std::string before = test::readFile(clip);
    for (const std::string id : {"4294967296", "100000000", "-1", "12xyz"})
        expectError(cli({"sign", clip, "--out", dir + "/s.mp4", "--watermark-id", id}),
                    "--watermark-id");
    expectError(cli({"sign", clip, "--out", clip}), "is the file being signed");
    EXPECT_EQ(test::readFile(clip), before);
    EXPECT_FALSE(fs::exists(dir + "/s.mp4"));
    EXPECT_EQ(cli({"sign", clip, "--out", dir + "/s.mp4", "--watermark-id", "0xC0FFEE"}).status, 0);
}

TEST(Cli, TruncatedWeightsNameTheFile) {
    const std::string dir = test::tempDir("cli-trunc");
    for (const auto& e : fs::directory_iterator(test::testModelDir()))
        fs::copy_file(e.path(), fs::path(dir) / e.path().filename());
    fs::resize_file(dir + "/model.safetensors", 1000);
    expectError(cli({"generate", "--prompt", "x", "--model", dir, "--out", dir + "/x.y4m"}),
                "model.safetensors");
}

TEST(Cli, FailedGenerationDoesNotTouchAnExistingOutput) {
    const std::string dir = test::tempDir("cli-keep");
    const std::string out = dir + "/keep.y4m";
    std::ofstream(out) << "user's precious file";
    auto r = cli({"generate", "--prompt", "x", "--model", test::testModelDir(), "--frames", "6",
                  "--out", out});
    EXPECT_EQ(r.status, 2);
    std::ifstream in(out);
    std::string content;
    std::getline(in, content);
    EXPECT_EQ(content, "user's precious file");
}

TEST(Cli, RendersTheSampleStoryboard) {
    const std::string dir = test::tempDir("cli-render");
    const std::string project = dir + "/three-friends.kinora";
    fs::copy_file(KINORA_SAMPLES_DIR "/three-friends.kinora", project);
    auto r = cli({"render", project, "--model", test::testModelDir(), "--out", dir + "/film.y4m",
                  "--json", "--quiet"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["rendered"], 3);
    EXPECT_EQ(j["film_frames"], 51);
    EXPECT_TRUE(fs::exists(dir + "/film.y4m"));
    const auto doc = nlohmann::json::parse(test::readFile(project));
    for (const auto& shot : doc["shots"]) {
        EXPECT_EQ(shot["selected_take"], "take-1");
        EXPECT_TRUE(fs::exists(dir + "/three-friends.media/" + shot["id"].get<std::string>() +
                               "/take-1/0016.png"));
    }
    auto again = cli({"render", project, "--model", test::testModelDir(), "--json", "--quiet"});
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(nlohmann::json::parse(again.out)["skipped"], 3);

    // errors: one line, exit 2, the project untouched
    const std::string before = test::readFile(project);
    std::string edited = before;
    edited.replace(edited.find("@Pip bounces"), 4, "@Zed");
    std::ofstream(dir + "/zed.kinora") << edited;
    expectError(cli({"render", dir + "/zed.kinora", "--model", test::testModelDir(), "--force"}),
                "unknown character @Zed");
    EXPECT_EQ(test::readFile(dir + "/zed.kinora"), edited);
    std::ofstream(dir + "/broken.kinora")
        << "{\"version\": 2, \"shots\": [{\"id\": \"s\", \"duration\": 0}]}";
    expectError(cli({"render", dir + "/broken.kinora"}), "shots[0].duration: must be positive");
    expectError(cli({"render", dir + "/none.kinora"}), "none.kinora: cannot open");
    EXPECT_EQ(test::readFile(project), before);
}

#ifdef KINORA_HAVE_FFMPEG
TEST(Cli, ExportsTheStoryboardForEditingSoftware) {
    const std::string dir = test::tempDir("cli-timeline");
    const std::string project = dir + "/three-friends.kinora";
    fs::copy_file(KINORA_SAMPLES_DIR "/three-friends.kinora", project);
    // Not rendered yet: a clear error naming the shot, nothing written.
    expectError(cli({"export-timeline", project, "--out", dir + "/edit"}),
                "shot 1 (shot-1) has no take");
    EXPECT_FALSE(fs::exists(dir + "/edit"));
    ASSERT_EQ(cli({"render", project, "--model", test::testModelDir(), "--quiet"}).status, 0);
    auto r = cli({"export-timeline", project, "--out", dir + "/edit", "--rate", "23.976", "--json",
                  "--quiet"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["rate"], "24000/1001");
    EXPECT_EQ(j["frames"], 3 * 51);  // 17 frames at 8 fps are 51 at 23.976
    ASSERT_EQ(j["cuts"].size(), 3u);
    EXPECT_EQ(j["cuts"][2]["start"], 102);
    EXPECT_EQ(j["cuts"][1]["reel"], "KN0002");
    ASSERT_EQ(j["timelines"].size(), 7u);  // with the Kdenlive and Shotcut projects
    for (const auto& f : j["timelines"]) EXPECT_TRUE(fs::exists(f.get<std::string>())) << f;
    for (const auto& c : j["cuts"]) {
        const kinora::VideoInfo info = kinora::readVideo(c["media"].get<std::string>());
        // The media's timecode is the one the timeline says (the take's time of day).
        EXPECT_EQ(info.timecode, c["source_timecode"].get<std::string>());
        EXPECT_EQ(c["relative_media"].get<std::string>().rfind("media/", 0), 0u) << c;
        EXPECT_EQ(info.frameCount, 51);
        EXPECT_EQ(info.fpsNum, 24000);
        EXPECT_EQ(info.fpsDen, 1001);
        EXPECT_TRUE(info.constantFrameRate);
    }
    // For finishing: ProRes 422 HQ, upscaled.
    auto pro = cli({"export-timeline", project, "--out", dir + "/pro", "--codec", "prores",
                    "--size", "128x128", "--format", "edl", "--json", "--quiet"});
    ASSERT_EQ(pro.status, 0) << pro.err;
    const auto pj = nlohmann::json::parse(pro.out);
    const kinora::VideoInfo proInfo = kinora::readVideo(pj["cuts"][0]["media"].get<std::string>());
    EXPECT_EQ(proInfo.codec, "prores");
    EXPECT_EQ(proInfo.width, 128);
    EXPECT_EQ(proInfo.fpsNum, 24);
    // A media root for the formats that need absolute URLs.
    auto rooted = cli({"export-timeline", project, "--out", dir + "/rooted", "--format",
                       "fcpxml,otio", "--media-root", "/Volumes/film/edit", "--quiet"});
    ASSERT_EQ(rooted.status, 0) << rooted.err;
    EXPECT_NE(test::readFile(dir + "/rooted/Three_friends.fcpxml")
                  .find("file:///Volumes/film/edit/media/shot1_"),
              std::string::npos);
    EXPECT_NE(test::readFile(dir + "/rooted/Three_friends.otio").find("\"media/shot1_"),
              std::string::npos);
    expectError(cli({"export-timeline", project, "--out", dir + "/y", "--size", "127x128"}),
                "even width and height");
    expectError(cli({"export-timeline", project, "--out", dir + "/y", "--codec", "av1"}),
                "codec 'av1'");
    expectError(cli({"export-timeline", project, "--out", dir + "/x", "--format", "aaf"}),
                "timeline format 'aaf'");
    expectError(cli({"export-timeline", project, "--out", dir + "/x", "--rate", "24.5"}),
                "frame rate '24.5'");
}
#endif

TEST(Cli, RefusesAPromptOfTheFilterWithOneLine) {
    const std::string dir = test::tempDir("cli-refused");
    auto args = generateArgs(dir + "/clip.y4m");
    args[2] = "a man covered in bl00d";  // --prompt's value
    expectError(cli(args), "This prompt was refused");
    EXPECT_FALSE(fs::exists(dir + "/clip.y4m"));
    // A word list of one's own.
    std::ofstream(dir + "/list.json")
        << R"({"extends_built_in": false, "categories": [{"name": "pets", "terms": ["square"]}]})";
    auto own = generateArgs(dir + "/own.y4m");
    own.push_back("--prompt-list");
    own.push_back(dir + "/list.json");
    expectError(cli(own), "pets");
    std::ofstream(dir + "/bad.json") << "{";
    own.back() = dir + "/bad.json";
    expectError(cli(own), "bad.json: not valid JSON");
}

TEST(Cli, DetectsTheWatermarkOfWhatItMade) {
    const std::string dir = test::tempDir("cli-detect");
    // The embedded model: real clips hold still between frames (the random test model
    // flickers like noise, which hides the mark).
    auto made = cli({"generate", "--prompt", "a big red ball bounces on the grass", "--steps", "4",
                     "--seed", "2", "--out", dir + "/clip/%04d.png", "--quiet", "--json"});
    ASSERT_EQ(made.status, 0) << made.err;
    const std::string id = nlohmann::json::parse(made.out)["watermark_id"];
    ASSERT_EQ(id.size(), 8u);
    auto found = cli({"detect", dir + "/clip/%04d.png", "--json"});
    EXPECT_EQ(found.status, 0) << found.out << found.err;
    const auto j = nlohmann::json::parse(found.out);
    EXPECT_EQ(j["found"], true);
    EXPECT_EQ(j["id"], id);
    // The world's own clip was never marked: exit 1.
    ASSERT_EQ(
        cli({"world", "sample", "--count", "1", "--seed", "3", "--out", dir + "/world"}).status, 0);
    auto none = cli({"detect", dir + "/world/clip_00000/%04d.png"});
    EXPECT_EQ(none.status, 1) << none.out << none.err;
    EXPECT_NE(none.out.find("no Kinora watermark"), std::string::npos) << none.out;
    // Unreadable: exit 2, one line.
    expectError(cli({"detect", dir + "/missing.mp4"}), "missing.mp4");
}

TEST(Cli, GeneratesEveryMode) {
    const std::string dir = test::tempDir("cli-modes");
    auto base = generateArgs(dir + "/first/%04d.png");
    base[6] = "9";  // frames
    ASSERT_EQ(cli(base).status, 0);
    auto ext = generateArgs(dir + "/next/%04d.png");
    ext[6] = "9";
    ext.insert(ext.end(), {"--mode", "extend-forward", "--context", dir + "/first/%04d.png"});
    auto r = cli(ext);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir + "/next/0003.png"));  // 9 - 5 context frames = 4 new
    EXPECT_FALSE(fs::exists(dir + "/next/0004.png"));
    auto loop = generateArgs(dir + "/loop.y4m");
    loop[6] = "17";
    loop.insert(loop.end(), {"--mode", "loop", "--image", dir + "/first/0000.png"});
    EXPECT_EQ(cli(loop).status, 0);
    auto longer = generateArgs(dir + "/long/%04d.png");
    longer.erase(longer.begin() + 5, longer.begin() + 7);  // no --frames
    longer.insert(longer.end(), {"--seconds", "5"});
    ASSERT_EQ(cli(longer).status, 0);
    EXPECT_TRUE(fs::exists(dir + "/long/0039.png"));  // 5 s at 8 fps
    EXPECT_FALSE(fs::exists(dir + "/long/0040.png"));
    auto bad = generateArgs(dir + "/bad.y4m");
    bad.insert(bad.end(), {"--mode", "sideways"});
    expectError(cli(bad), "--mode: unknown mode 'sideways'");
    auto noContext = generateArgs(dir + "/bad.y4m");
    noContext.insert(noContext.end(), {"--mode", "extend-backward"});
    expectError(cli(noContext), "needs the frames of the clip it continues");
}

#ifdef KINORA_HAVE_OPENCV
TEST(Cli, EvalLongMeasuresWindowsAndSeams) {
    const std::string dir = test::tempDir("cli-long");
    auto r = cli({"eval-long", "--model", test::testModelDir(), "--seconds", "5", "--steps", "2",
                  "--out", dir + "/long.json", "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["frames"], 40);
    EXPECT_EQ(j["windows"], 4);  // 17, then 9 new frames a window (3 of 12 dissolved)
    EXPECT_EQ(j["blend_frames"], 3);
    EXPECT_EQ(j["window_readings"].size(), 4u);
    EXPECT_EQ(j["window_readings"][1]["start"], 14);
    EXPECT_GE(j["seam_difference"].get<double>(), 0.0);
    EXPECT_TRUE(fs::exists(dir + "/long.json"));
    auto cut = cli({"eval-long", "--model", test::testModelDir(), "--seconds", "5", "--steps", "2",
                    "--blend", "0", "--json"});
    ASSERT_EQ(cut.status, 0) << cut.err;
    EXPECT_EQ(nlohmann::json::parse(cut.out)["windows"], 3);  // 17 + 12 + 12
    expectError(
        cli({"eval-long", "--model", test::testModelDir(), "--seconds", "5", "--blend", "12"}),
        "no new frames");
}

// --candidates: the best of K tries by the reference character's look.
TEST(Cli, CandidatesKeepTheTryClosestToTheReference) {
    const std::string dir = test::tempDir("cli-candidates");
    // A reference: a frame of a world clip (its characters in world colours).
    ASSERT_EQ(cli({"world", "sample", "--count", "1", "--seed", "3", "--out", dir + "/ref"}).status,
              0);
    const std::string reference = dir + "/ref/clip_00000/0000.png";
    auto best = generateArgs(dir + "/best.y4m");
    best.insert(best.end(), {"--candidates", "2", "--reference", reference});
    const auto made = cli(best);
    ASSERT_EQ(made.status, 0) << made.err;
    EXPECT_TRUE(fs::exists(dir + "/best.y4m"));
    auto noRef = generateArgs(dir + "/a.y4m");
    noRef.insert(noRef.end(), {"--candidates", "2"});
    expectError(cli(noRef), "--candidates keeps the try closest to the --reference character");
    auto tooMany = generateArgs(dir + "/a.y4m");
    tooMany.insert(tooMany.end(), {"--candidates", "17", "--reference", reference});
    expectError(cli(tooMany), "--candidates");
    auto j = cli({"eval-long", "--model", test::testModelDir(), "--seconds", "3", "--steps", "2",
                  "--candidates", "2", "--json"});
    ASSERT_EQ(j.status, 0) << j.err;
    const auto report = nlohmann::json::parse(j.out);
    EXPECT_EQ(report["candidates"], 2);
    EXPECT_EQ(report["windows"], 2);  // 17 + 9 >= 24
    EXPECT_GE(report["frame_consistency"].get<double>(), 0.0);
    EXPECT_EQ(report["window_readings"][0].count("frames_holding"), 1u);
    expectError(cli({"eval-long", "--model", test::testModelDir(), "--seconds", "3", "--candidates",
                     "2", "--no-reference"}),
                "--candidates matches the character's reference");
}

TEST(Cli, EvalScoresTheWorldAndAModel) {
    const std::string dir = test::tempDir("cli-eval");
    ASSERT_EQ(cli({"eval-suite", "--count", "6", "--out", dir + "/suite.jsonl"}).status, 0);
    auto world = cli({"eval", "--world", "--suite", dir + "/suite.jsonl", "--json", "--out",
                      dir + "/world.json"});
    ASSERT_EQ(world.status, 0) << world.err;
    auto j = nlohmann::json::parse(world.out);
    EXPECT_EQ(j["colour"], 1.0);
    EXPECT_EQ(j["background"], 1.0);
    // Which shape each intended one reads as: the world's own clips read as themselves.
    const auto worldReport = nlohmann::json::parse(std::ifstream(dir + "/world.json"));
    int shapesCounted = 0;
    for (const auto& [intended, v] : worldReport["shape_confusion"].items()) {
        shapesCounted += v["n"].get<int>();
        EXPECT_EQ(v["read_as"][intended], v["n"]) << intended;
    }
    EXPECT_GE(shapesCounted, 6);
    EXPECT_FALSE(worldReport["per_item"][0]["shapes_read"].empty());
    // Motion and camera confusions agree with the scores they explain: the share read as
    // intended is the summary's accuracy, and every item says what it read.
    for (const char* dim : {"motion", "camera"}) {
        int n = 0, right = 0;
        for (const auto& [intended, v] : worldReport[std::string(dim) + "_confusion"].items()) {
            n += v["n"].get<int>();
            right += v["read_as"].value(intended, 0);
        }
        EXPECT_GE(n, 6) << dim;
        EXPECT_DOUBLE_EQ(static_cast<double>(right) / n, j[dim].get<double>()) << dim;
    }
    for (const auto& item : worldReport["per_item"]) {
        EXPECT_FALSE(item["motions_read"].empty());
        EXPECT_TRUE(item["camera_read"].is_string());
    }
    // The autoencoder's ceiling, written where --out says.
    auto ae = cli({"eval", "--autoencoder", "--model", test::testModelDir(), "--suite",
                   dir + "/suite.jsonl", "--limit", "2", "--out", dir + "/ae.json"});
    ASSERT_EQ(ae.status, 0) << ae.err;
    const auto aeReport = nlohmann::json::parse(std::ifstream(dir + "/ae.json"));
    EXPECT_EQ(aeReport["clips"], 2);
    EXPECT_TRUE(aeReport.contains("shape_confusion"));
    EXPECT_TRUE(aeReport["analyser_on_reconstructions"].contains("shape"));
    auto model = cli({"eval", "--model", test::testModelDir(), "--suite", dir + "/suite.jsonl",
                      "--limit", "2", "--steps", "2", "--out", dir + "/report.json"});
    ASSERT_EQ(model.status, 0) << model.err;
    EXPECT_NE(model.out.find("background"), std::string::npos);
    auto report = nlohmann::json::parse(std::ifstream(dir + "/report.json"));
    EXPECT_EQ(report["items"], 2);
    EXPECT_EQ(report["with_reference"], false);
    // Each character's look given as a reference image, as a shot naming it would.
    auto withRef =
        cli({"eval", "--model", test::testModelDir(), "--suite", dir + "/suite.jsonl", "--limit",
             "2", "--steps", "2", "--with-reference", "--out", dir + "/ref.json"});
    ASSERT_EQ(withRef.status, 0) << withRef.err;
    const auto refReport = nlohmann::json::parse(std::ifstream(dir + "/ref.json"));
    EXPECT_EQ(refReport["items"], 2);
    EXPECT_EQ(refReport["with_reference"], true);
    expectError(cli({"eval", "--world", "--with-reference", "--suite", dir + "/suite.jsonl"}),
                "--with-reference needs a model");
    // The word probe at the noise levels asked for; a level outside (0, 1] is named.
    auto words = cli({"eval", "--words", "--model", test::testModelDir(), "--limit", "1",
                      "--noise-levels", "0.95,0.99", "--out", dir + "/words.json"});
    ASSERT_EQ(words.status, 0) << words.err;
    const auto wordsReport = nlohmann::json::parse(std::ifstream(dir + "/words.json"));
    EXPECT_EQ(wordsReport["noise_levels"], nlohmann::json::array({0.95, 0.99}));
    EXPECT_EQ(wordsReport["relative_loss_increase"]["colour"].size(), 2u);
    expectError(cli({"eval", "--words", "--noise-levels", "0.5,1.5"}), "'1.5'");
    expectError(cli({"eval", "--words", "--noise-levels", "0.5,,0.9"}), "noise level");
    std::ofstream(dir + "/bad.jsonl") << "{\"id\": 1}\n";
    expectError(cli({"eval", "--world", "--suite", dir + "/bad.jsonl"}), "bad.jsonl:1");
}
#endif

// A run says why it ended: its --max-steps, or a time limit (the 10-minute default when
// --minutes is not given) that leaves it resumable.
TEST(Cli, TrainSaysWhyItStopped) {
    const std::string dir = test::tempDir("cli-train");
    std::ofstream(dir + "/vae.json") << nlohmann::json{
        {"stage", "vae"},
        {"size", "test"},
        {"batch_size", 1},
        {"vae_crop", 16},
        {"vae_frames", 5},
        {"latent_stat_batches", 1},
        {"checkpoint_every_minutes", 0}}.dump();
    auto r = cli({"train", "--config", dir + "/vae.json", "--out", dir + "/a", "--max-steps", "2",
                  "--quiet"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("done (--max-steps 2): step 2"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("to go on"), std::string::npos) << r.err;
    r = cli({"train", "--config", dir + "/vae.json", "--out", dir + "/b", "--max-steps", "100000",
             "--minutes", "0.001", "--quiet"});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("stopped at the time limit (--minutes 0.001)"), std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("to go on: the same command with --resume " + dir + "/b/checkpoint"),
              std::string::npos)
        << r.err;
}

#ifdef KINORA_HAVE_UI
TEST(Cli, PlotTrainingDrawsAPng) {
    const std::string dir = test::tempDir("cli-plot");
    {
        std::ofstream log(dir + "/train.jsonl");
        for (int i = 1; i <= 20; ++i)
            log << nlohmann::json{{"step", i * 10},
                                  {"stage", i <= 10 ? "vae" : "dit"},
                                  {"loss", 1.0 / i},
                                  {"lr", 1e-3}}
                       .dump()
                << "\n";
    }
    auto r = cli({"plot-training", dir + "/train.jsonl", "--out", dir + "/curve.png"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::ifstream png(dir + "/curve.png", std::ios::binary);
    char magic[4] = {0};
    png.read(magic, 4);
    EXPECT_EQ(std::string(magic + 1, 3), "PNG");
    EXPECT_GT(fs::file_size(dir + "/curve.png"), 5000u);
    std::ofstream(dir + "/bad.jsonl") << "not json\n";
    expectError(cli({"plot-training", dir + "/bad.jsonl", "--out", dir + "/x.png"}), "bad.jsonl:1");
}
#endif

TEST(Cli, BenchPrintsJson) {
    auto r = cli({"bench", "--model", test::testModelDir(), "--runs", "1", "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"seconds_per_step", "total_seconds", "real_time_factor", "peak_rss_mb",
                            "denoiser_gflops", "gemm_peak_gflops"}) {
        ASSERT_TRUE(j.contains(key)) << key;
        EXPECT_GT(j[key].get<double>(), 0.0) << key;
    }
    EXPECT_TRUE(j["decoded"].get<bool>());
    EXPECT_GT(j["decode_seconds"].get<double>(), 0.0);
    // The denoising alone, one row a step: the canvas is still reported, nothing decoded.
    r = cli({"bench", "--model", test::testModelDir(), "--runs", "1", "--warmup", "0", "--guidance",
             "1", "--no-decode", "--json"});
    ASSERT_EQ(r.status, 0) << r.err;
    j = nlohmann::json::parse(r.out);
    EXPECT_FALSE(j["decoded"].get<bool>());
    EXPECT_EQ(j["decode_seconds"].get<double>(), 0.0);
    EXPECT_TRUE(j["real_time_factor"].is_null());
    EXPECT_EQ(j["guidance"].get<double>(), 1.0);
    EXPECT_EQ(j["frames"].get<int>(), 17);
    EXPECT_EQ(j["width"].get<int>(), 64);
    EXPECT_GT(j["seconds_per_step"].get<double>(), 0.0);
    expectError(cli({"bench", "--model", test::testModelDir(), "--guidance", "99"}), "guidance");
}

}  // namespace
}  // namespace kinora

namespace kinora {
namespace {

TEST(Cli, WanVaceModesMasksReferencesFitAndLorasFromTheCommandLine) {
    const std::string dir = test::tempDir("cli-vace");
    const std::string model = dir + "/vace";
    ASSERT_EQ(cli({"init-model", "--family", "wan2.1-vace", "--size", "tiny", "--out", model,
                   "--seed", "4"})
                  .status,
              0);
    auto args = [&](const std::string& out) {
        return std::vector<std::string>{"generate", "--prompt", "a fox in the snow",
                                        "--model",  model,      "--frames",
                                        "9",        "--width",  "32",
                                        "--height", "32",       "--steps",
                                        "2",        "--seed",   "3",
                                        "--out",    out,        "--quiet"};
    };
    const std::string clip = dir + "/clip.mp4";
    ASSERT_EQ(cli(args(clip)).status, 0);
    Image mask(64, 32);  // white on the left: regenerate
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 20; ++x) std::fill(mask.pixel(x, y), mask.pixel(x, y) + 3, 255);
    writePng(dir + "/mask.png", mask);
    writePng(dir + "/a.png", Image(40, 40));
    writePng(dir + "/b.png", Image(20, 50));
    auto inpaint = args(dir + "/fixed.mp4");
    inpaint.insert(inpaint.end(), {"--mode", "inpaint", "--context", clip, "--mask",
                                   dir + "/mask.png", "--reference", dir + "/a.png", "--reference",
                                   dir + "/b.png", "--fit", "bars", "--json"});
    const auto r = cli(inpaint);
    ASSERT_EQ(r.status, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["mode"], "inpaint");
    EXPECT_EQ(j["frames"], 9);
    // LoRA files: merged with their strength and reported; one for another model refused.
    const std::string lora = dir + "/style.safetensors";
    writeSafetensors(lora,
                     {{"diffusion_model.blocks.0.ffn.0.lora_down.weight", torch::ones({2, 128})},
                      {"diffusion_model.blocks.0.ffn.0.lora_up.weight", torch::ones({256, 2})}});
    auto styled = args(dir + "/styled.mp4");
    styled.insert(styled.end(), {"--lora", lora + ":0.25", "--json"});
    const auto s = cli(styled);
    ASSERT_EQ(s.status, 0) << s.err;
    const auto sj = nlohmann::json::parse(s.out);
    ASSERT_EQ(sj["loras"].size(), 1u);
    EXPECT_EQ(sj["loras"][0]["strength"], 0.25);
    const std::string big = dir + "/big.safetensors";
    writeSafetensors(big,
                     {{"diffusion_model.blocks.0.ffn.0.lora_down.weight", torch::ones({2, 5120})},
                      {"diffusion_model.blocks.0.ffn.0.lora_up.weight", torch::ones({13824, 2})}});
    auto wrong = args(dir + "/wrong.mp4");
    wrong.insert(wrong.end(), {"--lora", big});
    expectError(cli(wrong), "do not fit this Wan denoiser");
    auto missing = args(dir + "/missing.mp4");
    missing.insert(missing.end(), {"--lora", dir + "/nope.safetensors"});
    expectError(cli(missing), "nope.safetensors");
    // Refused with a clear line: a mask on a model that holds latent frames, an unknown fit.
    auto latent = generateArgs(dir + "/x.mp4");
    latent.insert(latent.end(), {"--image", dir + "/a.png", "--mask", dir + "/mask.png"});
    expectError(cli(latent), "conditions on pixels");
    auto badFit = args(dir + "/y.mp4");
    badFit.insert(badFit.end(), {"--fit", "stretch"});
    expectError(cli(badFit), "--fit");
}

}  // namespace
}  // namespace kinora
