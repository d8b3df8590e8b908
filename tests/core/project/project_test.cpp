#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "project/mentions.h"
#include "project/operations.h"
#include "project/project.h"
#include "test_model.h"
#include "util/error.h"

namespace kinora::project {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Project sampleProject() {
    Project p;
    p.name = "Test film";
    p.canvas = {96, 64, 8};
    p.characters.push_back({"char-1", "Pip", "a small yellow star", {}, 3});
    p.characters.push_back({"char-2", "Bo", "a big blue box", {"refs/bo.png"}, 4});
    Shot a;
    a.id = "shot-1";
    a.prompt = "@Pip bounces on the beach";
    a.duration = 17;
    a.seed = 7;
    Take t;
    t.id = "take-1";
    t.file = "media/shot-1/take-1.mp4";
    t.frames = "media/shot-1/take-1/%04d.png";
    t.frameCount = 17;
    t.width = 96;
    t.height = 64;
    t.fps = 8;
    t.seed = 7;
    t.steps = 12;
    t.guidance = 4.0;
    t.referenceGuidance = 2.0;
    t.mode = "text-to-video";
    t.expandedPrompt = "a small yellow star bounces on the beach";
    t.model = "kinora-tiny";
    t.createdAt = "2026-11-25T04:00:00Z";
    t.generator = "Kinora Studio test";
    a.takes.push_back(t);
    a.selectedTake = "take-1";
    Shot b;
    b.id = "shot-2";
    b.prompt = "@Bo slides to the right at night";
    b.negativePrompt = "blurry";
    b.duration = 40;
    b.seed = 8;
    b.continuous = true;
    Shot c;
    c.id = "shot-3";
    c.prompt = "@Pip to the left of @Bo";
    c.duration = 12;
    c.mode = ShotMode::Connect;
    c.inputs.firstImage = "in/a.png";
    c.inputs.lastImage = "in/b.png";
    p.shots = {a, b, c};
    p.settings.steps = 16;
    p.settings.guidance = 3.0;
    p.settings.referenceGuidance = 4.0;
    return p;
}

void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(ProjectDocument, RoundTripsThroughAFile) {
    const std::string dir = test::tempDir("project-roundtrip");
    const std::string path = dir + "/film.kinora";
    Project p = sampleProject();
    p.shots[1].seedLocked = true;
    saveProject(p, path);
    const Project back = loadProject(path);
    EXPECT_EQ(back, p);
    EXPECT_TRUE(back.shots[1].seedLocked);
    EXPECT_FALSE(back.shots[0].seedLocked);
    EXPECT_EQ(toJson(back), toJson(p));
    EXPECT_EQ(back.shots[0].selected()->expandedPrompt, "a small yellow star bounces on the beach");
    EXPECT_EQ(back.shots[0].selected()->referenceGuidance, 2.0);
    EXPECT_EQ(back.settings.referenceGuidance, 4.0);
    EXPECT_EQ(back.shots[2].mode, ShotMode::Connect);
    EXPECT_EQ(json::parse(test::readFile(path))["version"], kProjectVersion);
    // no temporary files left beside it
    int files = 0;
    for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file() ? 1 : 0;
    EXPECT_EQ(files, 1);
}

TEST(ProjectDocument, MigratesTheVersion1Fixture) {
    const Project p = loadProject(KINORA_PROJECT_FIXTURES "/v1.kinora");
    EXPECT_EQ(p.name, "Harbour (made with Kinora Studio 0.1)");
    EXPECT_EQ(p.canvas.width, 96);
    EXPECT_EQ(p.canvas.height, 64);
    EXPECT_EQ(p.canvas.fps, 8);
    EXPECT_EQ(p.settings.steps, 16);
    EXPECT_DOUBLE_EQ(p.settings.guidance, 3.5);
    EXPECT_DOUBLE_EQ(p.settings.referenceGuidance, -1.0);  // the model's default
    ASSERT_EQ(p.characters.size(), 2u);
    EXPECT_EQ(p.characters[0].id, "char-1");
    EXPECT_EQ(p.characters[0].appearance, "a small yellow star");
    // v1 "image" -> v2 "reference_image" -> v3 "reference_images"
    EXPECT_EQ(p.characters[1].referenceImages, std::vector<std::string>{"refs/bo.png"});
    ASSERT_EQ(p.shots.size(), 3u);
    EXPECT_EQ(p.shots[0].duration, 17);  // 2.125 s at 8 fps
    EXPECT_EQ(p.shots[1].duration, 24);
    EXPECT_EQ(p.shots[2].duration, 12);
    EXPECT_EQ(p.shots[0].selectedTake, "take-1");
    EXPECT_EQ(p.shots[0].selected()->file, "media/shot1.mp4");
    EXPECT_EQ(p.shots[1].mode, ShotMode::ExtendForward);
    EXPECT_TRUE(p.shots[1].continuous);
    EXPECT_EQ(p.shots[1].negativePrompt, "blurry");
    EXPECT_EQ(p.shots[2].mode, ShotMode::ImageToVideo);
    EXPECT_EQ(p.shots[2].inputs.firstImage, "first.png");
    // saved again, it is a current-version document that loads to the same project
    const std::string path = test::tempDir("project-migrate") + "/v2.kinora";
    saveProject(p, path);
    EXPECT_EQ(json::parse(test::readFile(path))["version"], kProjectVersion);
    EXPECT_EQ(loadProject(path), p);
}

struct BadCase {
    std::function<void(json&)> edit;
    std::string message;
};

TEST(ProjectDocument, RefusesEveryInvalidCaseWithItsPlace) {
    const std::vector<BadCase> cases = {
        {[](json& j) { j["shots"][2]["duration"] = 0; }, "shots[2].duration: must be positive"},
        {[](json& j) { j["shots"][1]["duration"] = -5; }, "shots[1].duration: must be positive"},
        {[](json& j) { j["shots"][1]["duration"] = "long"; },
         "shots[1].duration: expected an integer"},
        {[](json& j) { j["shots"][0].erase("duration"); }, "shots[0].duration: missing"},
        {[](json& j) { j["shots"][0]["duration"] = 100000000; }, "shots[0].duration: longer than"},
        {[](json& j) { j["shots"][0]["seed_locked"] = "yes"; }, "shots[0].seed_locked: expected"},
        {[](json& j) { j["version"] = 99; }, "version: 99 is newer than this Kinora Studio reads"},
        {[](json& j) { j.erase("version"); }, "version: missing"},
        {[](json& j) { j["version"] = "two"; }, "version: expected an integer"},
        {[](json& j) { j["version"] = 0; }, "version: 0 is not a valid version"},
        {[](json& j) { j["format"] = "something-else"; }, "format: not a Kinora project"},
        {[](json& j) { j["characters"][0]["name"] = "1abc"; },
         "characters[0].name: '1abc' is not a valid name"},
        {[](json& j) { j["characters"][1]["name"] = "Pip"; },
         "characters[1].name: 'Pip' is used twice"},
        {[](json& j) { j["characters"][0]["appearance"] = ""; },
         "characters[0].appearance: must describe"},
        {[](json& j) { j["characters"][1]["reference_images"] = {"../../etc/passwd"}; },
         "characters[1].reference_images[0]: must be a path inside the project folder"},
        {[](json& j) {
             j["characters"][1]["reference_images"] = {"a.png", "b.png", "c.png", "d.png"};
         },
         "characters[1].reference_images: more than 3 entries"},
        {[](json& j) { j["characters"][1]["reference_images"] = {7}; },
         "characters[1].reference_images[0]: expected a string"},
        {[](json& j) { j["settings"]["image_fit"] = "stretch"; },
         "settings.image_fit: 'stretch' is not crop or bars"},
        {[](json& j) {
             j["settings"]["loras"] = {{{"file", "http://x/y.safetensors"}}};
         },
         "settings.loras[0].file: a LoRA is a local file"},
        {[](json& j) {
             j["shots"][0]["loras"] = {{{"file", "a.safetensors"}, {"strength", 9}}};
         },
         "shots[0].loras[0].strength: must be -4..4"},
        {[](json& j) { j["shots"][1]["mode"] = "teleport"; },
         "shots[1].mode: unknown mode 'teleport'"},
        {[](json& j) { j["shots"][0]["selected_take"] = "take-9"; },
         "shots[0].selected_take: 'take-9' is not one of its takes"},
        {[](json& j) { j["shots"][0]["takes"][0]["file"] = "/abs/x.mp4"; },
         "shots[0].takes[0].file: must be a path inside"},
        {[](json& j) { j["shots"][2]["inputs"].erase("last_image"); },
         "shots[2].inputs: connect needs a first and a last image"},
        {[](json& j) { j["shots"][1]["id"] = "shot-1"; }, "shots[1].id: 'shot-1' is used twice"},
        {[](json& j) { j["shots"][0]["continuous"] = "yes"; },
         "shots[0].continuous: expected true or false"},
        {[](json& j) { j["canvas"]["width"] = 100000; }, "canvas.width: must be 8..1024"},
        {[](json& j) { j["canvas"]["fps"] = 0; }, "canvas.fps: must be 1..120"},
        {[](json& j) { j["shots"][0]["prompt"] = std::string(100000, 'a'); },
         "shots[0].prompt: longer than 2000 bytes"},
        {[](json& j) { j["shots"] = json::object(); }, "shots: expected an array"},
        {[](json& j) { j["shots"][1] = 3; }, "shots[1]: expected an object"},
        {[](json& j) { j["settings"]["steps"] = 5000; }, "settings.steps: must be 0..1000"},
        {[](json& j) { j["settings"]["reference_guidance"] = 21; },
         "settings.reference_guidance: must be at most 20"},
        {[](json& j) { j["shots"][1]["seed"] = -1; },
         "shots[1].seed: expected a non-negative integer"},
        // Ids name folders; paths are files inside the project, never URLs or protocols.
        {[](json& j) { j["shots"][0]["id"] = "../../evil"; },
         "shots[0].id: '../../evil' is not a plain name"},
        {[](json& j) { j["shots"][1]["id"] = ".."; }, "shots[1].id: '..' is not a plain name"},
        {[](json& j) { j["shots"][0]["takes"][0]["id"] = "x/../../y"; },
         "shots[0].takes[0].id: 'x/../../y' is not a plain name"},
        {[](json& j) { j["characters"][0]["id"] = "a b"; },
         "characters[0].id: 'a b' is not a plain name"},
        {[](json& j) { j["shots"][0]["takes"][0]["file"] = "file:/home/someone/private.mp4"; },
         "shots[0].takes[0].file: media are files inside the project folder, never a URL"},
        {[](json& j) { j["shots"][0]["takes"][0]["file"] = "concat:file:a.mp4|file:b.mp4"; },
         "never a URL"},
        {[](json& j) { j["shots"][0]["takes"][0]["frames"] = "http://example.com/%04d.png"; },
         "shots[0].takes[0].frames: media are files"},
        {[](json& j) { j["shots"][0]["takes"][0]["file"] = "pipe:0"; }, "never a URL"},
        {[](json& j) { j["characters"][1]["reference_images"] = {"refs/bo\n.png"}; },
         "characters[1].reference_images[0]: a path with control characters ('refs/bo\\n.png')"},
        {[](json& j) { j["shots"][0]["duration"] = std::numeric_limits<uint64_t>::max(); },
         "shots[0].duration: 18446744073709551615 is far too large"},
        {[](json& j) { j["settings"]["media_folder"] = "/tmp"; },
         "settings.media_folder: must be a path inside the project folder"},
    };
    const json good = toJson(sampleProject());
    ASSERT_NO_THROW(fromJson(good));
    for (const auto& c : cases) {
        json j = good;
        c.edit(j);
        const std::string message = errorOf([&] { fromJson(j); });
        EXPECT_NE(message.find(c.message), std::string::npos)
            << "expected '" << c.message << "', got '" << message << "'";
    }
}

TEST(ProjectDocument, RefusesBrokenFilesAndNeverTouchesThem) {
    const std::string dir = test::tempDir("project-bad");
    const std::string notJson = dir + "/a.kinora";
    writeText(notJson, "{\"version\": 2, \"name\": ");
    EXPECT_NE(errorOf([&] { loadProject(notJson); }).find("a.kinora: not valid JSON"),
              std::string::npos);
    EXPECT_EQ(test::readFile(notJson), "{\"version\": 2, \"name\": ");
    EXPECT_NE(errorOf([&] { loadProject(dir + "/missing.kinora"); }).find("cannot open"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { loadProject(dir); }).find("not a regular file"), std::string::npos);
    const std::string huge = dir + "/huge.kinora";
    writeText(huge, "{\"version\": 2, \"shots\": [{\"duration\": 1e400}]}");
    EXPECT_NE(errorOf([&] { loadProject(huge); }).find("not valid JSON (a number out of range)"),
              std::string::npos);
    const std::string binary = dir + "/b.kinora";
    writeText(binary, std::string("\x00\x01\x02garbage", 10));
    EXPECT_NE(errorOf([&] { loadProject(binary); }).find("not valid JSON"), std::string::npos);

    // A document that fails validation is not written over the good one.
    const std::string good = dir + "/good.kinora";
    saveProject(sampleProject(), good);
    const std::string before = test::readFile(good);
    Project bad = sampleProject();
    bad.shots[1].duration = 0;
    EXPECT_NE(errorOf([&] { saveProject(bad, good); }).find("shots[1].duration: must be positive"),
              std::string::npos);
    EXPECT_EQ(test::readFile(good), before);
    // Nor is anything written where the folder is missing.
    EXPECT_NE(errorOf([&] { saveProject(sampleProject(), dir + "/no/such/dir/x.kinora"); }),
              "(no error)");
}

TEST(Mentions, ExpandNamesAndRefuseUnknownOnes) {
    const Project p = sampleProject();
    EXPECT_EQ(expandMentions("@Pip bounces on the beach", p),
              "a small yellow star bounces on the beach");
    EXPECT_EQ(expandMentions("@Pip to the left of @Bo.", p),
              "a small yellow star to the left of a big blue box.");
    EXPECT_EQ(expandMentions("mail me@Pip.org", p), "mail me@Pip.org");  // not a mention
    EXPECT_EQ(expandMentions("no names here", p), "no names here");
    const std::string message = errorOf([&] { expandMentions("@Pip meets @Zed", p); });
    EXPECT_NE(message.find("unknown character @Zed"), std::string::npos) << message;
    EXPECT_NE(message.find("Pip, Bo"), std::string::npos) << message;
    EXPECT_EQ(unknownMentions("@Zed and @Pip and @Zed and @Ann", p),
              (std::vector<std::string>{"Zed", "Ann"}));
    const auto ms = findMentions("@Pip, then @Bo_2!");
    ASSERT_EQ(ms.size(), 2u);
    EXPECT_EQ(ms[1].name, "Bo_2");
    EXPECT_EQ(ms[1].offset, 11u);
    EXPECT_EQ(ms[1].length, 5u);
    EXPECT_EQ(renameMentions("@Pip and @Pipa and @Pip.", "Pip", "Dot"), "@Dot and @Pipa and @Dot.");
    const auto who = mentionedCharacters("@Bo then @Pip then @Bo", p);
    ASSERT_EQ(who.size(), 2u);
    EXPECT_EQ(who[0]->name, "Bo");
}

// Every edit: done, undone and redone, with the document checked each time.
void checkInverse(const Project& start, const Operation& op,
                  const std::function<void(const Project&)>& checkAfter) {
    Project p = start;
    const Operation inverse = apply(p, op);
    checkAfter(p);
    const Project after = p;
    const Operation redo = apply(p, inverse);
    EXPECT_EQ(p, start) << "operation " << op.index();
    apply(p, redo);
    EXPECT_EQ(p, after) << "operation " << op.index();
}

TEST(Operations, EveryEditHasAnExactInverse) {
    const Project p = sampleProject();
    Shot fresh;
    fresh.prompt = "@Bo rests in a room";
    fresh.duration = 9;
    checkInverse(p, AddShot{1, fresh}, [](const Project& q) {
        ASSERT_EQ(q.shots.size(), 4u);
        EXPECT_EQ(q.shots[1].prompt, "@Bo rests in a room");
        EXPECT_EQ(q.shots[1].id, "shot-4");
    });
    checkInverse(p, RemoveShot{0}, [](const Project& q) {
        ASSERT_EQ(q.shots.size(), 2u);
        EXPECT_EQ(q.shots[0].id, "shot-2");
        EXPECT_TRUE(q.shots[0].continuous);  // allowed; rendering says what is missing
    });
    checkInverse(p, MoveShot{2, 0}, [](const Project& q) {
        EXPECT_EQ(q.shots[0].id, "shot-3");
        EXPECT_EQ(q.shots[1].id, "shot-1");
        EXPECT_EQ(q.shots[2].id, "shot-2");
    });
    Shot edited = p.shots[1];
    edited.prompt = "@Bo sinks";
    edited.duration = 33;
    checkInverse(p, EditShot{1, edited}, [](const Project& q) {
        EXPECT_EQ(q.shots[1].prompt, "@Bo sinks");
        EXPECT_EQ(q.shots[1].duration, 33);
        EXPECT_EQ(q.shots[1].id, "shot-2");
    });
    checkInverse(p, AddCharacter{2, {"", "Zed", "a tiny pink ring", {}, 9}}, [](const Project& q) {
        ASSERT_EQ(q.characters.size(), 3u);
        EXPECT_EQ(q.characters[2].id, "char-3");
    });
    Project unused = p;
    apply(unused, AddCharacter{0, {"", "Zed", "a tiny pink ring", {}, 9}});
    checkInverse(unused, RemoveCharacter{0},
                 [](const Project& q) { EXPECT_EQ(q.characters.size(), 2u); });
    checkInverse(p, RenameCharacter{0, "Dot", {}}, [](const Project& q) {
        EXPECT_EQ(q.characters[0].name, "Dot");
        EXPECT_EQ(q.shots[0].prompt, "@Dot bounces on the beach");
        EXPECT_EQ(q.shots[2].prompt, "@Dot to the left of @Bo");
    });
    Character look = p.characters[1];
    look.appearance = "a big orange box";
    checkInverse(p, EditCharacter{1, look}, [](const Project& q) {
        EXPECT_EQ(q.characters[1].appearance, "a big orange box");
    });
    Settings settings = p.settings;
    settings.steps = 30;
    checkInverse(p, SetProjectInfo{"Renamed", {64, 96, 24}, settings}, [](const Project& q) {
        EXPECT_EQ(q.name, "Renamed");
        EXPECT_EQ(q.canvas.height, 96);
        EXPECT_EQ(q.canvas.fps, 24);
        EXPECT_EQ(q.settings.steps, 30);
    });
}

TEST(Operations, InvalidEditsChangeNothing) {
    const Project start = sampleProject();
    Project p = start;
    EXPECT_NE(errorOf([&] { apply(p, RemoveShot{7}); }).find("shot 8 does not exist"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { apply(p, MoveShot{0, 5}); }), "(no error)");
    EXPECT_NE(errorOf([&] {
                  apply(p, RenameCharacter{0, "Bo", {}});
              }).find("already called Bo"),
              std::string::npos);
    EXPECT_NE(errorOf([&] { apply(p, RenameCharacter{0, "no spaces", {}}); }), "(no error)");
    EXPECT_NE(errorOf([&] { apply(p, RemoveCharacter{0}); }).find("still used by shot 1"),
              std::string::npos);
    Shot broken = p.shots[0];
    broken.duration = 0;
    EXPECT_NE(errorOf([&] {
                  apply(p, EditShot{0, broken});
              }).find("shots[0].duration: must be positive"),
              std::string::npos);
    EXPECT_EQ(p, start);
}

}  // namespace
}  // namespace kinora::project
