// A project written by someone else: nothing is read from or written to outside its
// folder, and nothing else than a local file is ever opened as media.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "media/clip_writer.h"
#include "pipeline/engine.h"
#include "pipeline/generation.h"
#include "project/project.h"
#include "project/render.h"
#include "test_model.h"
#include "util/error.h"

namespace kinora::project {
namespace {

namespace fs = std::filesystem;
using test::errorOf;

Engine& engine() {
    return test::testEngine();
}

Project oneShot(const std::string& shotId) {
    Project p;
    p.name = "Hostile";
    p.canvas = {32, 32, 8};
    p.settings.steps = 2;
    Shot s;
    s.id = shotId;
    s.prompt = "a red ball bounces on the beach";
    s.duration = 5;
    s.seed = 1;
    p.shots.push_back(s);
    return p;
}

std::size_t filesUnder(const fs::path& dir) {
    std::size_t n = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::end(it); ++it) ++n;
    return n;
}

TEST(HostileProject, AShotIdWithParentStepsIsRefusedAtLoadAndNothingIsWritten) {
    const fs::path root = test::tempDir("hostile-id");
    const fs::path projectDir = root / "a" / "b";
    fs::create_directories(projectDir);
    const std::string path = (projectDir / "film.kinora").string();
    nlohmann::json doc = toJson(oneShot("shot-1"));
    doc["shots"][0]["id"] = "../../../escaped";
    std::ofstream(path) << doc.dump(2);

    EXPECT_NE(errorOf([&] { loadProject(path); })
                  .find("shots[0].id: '../../../escaped' is not a "
                        "plain name"),
              std::string::npos);
    // A project built in memory with such an id is refused before any work too.
    Project p = oneShot("../../../escaped");
    EXPECT_NE(errorOf([&] { renderProject(p, path, engine(), {}); }).find("is not a plain name"),
              std::string::npos);
    GenerationResult made;
    made.clip.fps = 8;
    made.clip.frames.push_back(Image(32, 32));
    EXPECT_NE(errorOf([&] { storeTake(p, 0, projectDir.string(), made, "x"); }).find("plain name"),
              std::string::npos);
    EXPECT_FALSE(fs::exists(root / "escaped"));
    EXPECT_FALSE(fs::exists(root / "a" / "escaped"));
    EXPECT_EQ(filesUnder(root), 3u);  // a, a/b, a/b/film.kinora
}

TEST(HostileProject, AMediaFolderThatIsASymlinkOutsideIsNeverWrittenThrough) {
    const fs::path root = test::tempDir("hostile-link");
    const fs::path projectDir = root / "project", outside = root / "elsewhere";
    fs::create_directories(projectDir);
    fs::create_directories(outside);
    fs::create_directory_symlink(outside, projectDir / "media");
    const std::string path = (projectDir / "film.kinora").string();
    Project p = oneShot("shot-1");
    saveProject(p, path);
    const std::string message = errorOf([&] { renderProject(p, path, engine(), {}); });
    EXPECT_NE(message.find("leads outside the project folder"), std::string::npos) << message;
    EXPECT_EQ(filesUnder(outside), 0u);
    EXPECT_TRUE(p.shots[0].takes.empty());
}

TEST(HostileProject, ATakeThatIsASymlinkToAPrivateVideoIsNotRead) {
    const fs::path root = test::tempDir("hostile-take-link");
    const fs::path projectDir = root / "project";
    fs::create_directories(projectDir / "media");
    Clip secret;
    secret.fps = 8;
    secret.frames.assign(3, Image(32, 32));
    writeClipFile(secret, (root / "private" / "%04d.png").string());
    fs::create_directory_symlink(root / "private", projectDir / "media" / "take");
    Project p = oneShot("shot-1");
    Take t;
    t.id = "take-1";
    t.frames = "media/take/%04d.png";
    t.fps = 8;
    p.shots[0].takes.push_back(t);
    p.shots[0].selectedTake = "take-1";
    const std::string message = errorOf([&] { assembleFilm(p, projectDir.string()); });
    EXPECT_NE(message.find("leads outside the project folder"), std::string::npos) << message;
}

TEST(HostileProject, SavingKeepsModeLinksAndFieldsAndRefusesAReadOnlyFile) {
    const fs::path dir = test::tempDir("save-keeps");
    const std::string path = (dir / "film.kinora").string();
    Project p = oneShot("shot-1");
    saveProject(p, path);
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    p.name = "Renamed";
    saveProject(p, path);
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::mask,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);

    // A read-only project is not replaced (nor its mode reset).
    fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    const std::string before = test::readFile(path);
    p.name = "Again";
    EXPECT_NE(errorOf([&] { saveProject(p, path); }).find("is read-only"), std::string::npos);
    EXPECT_EQ(test::readFile(path), before);
    EXPECT_EQ(fs::status(path).permissions() & fs::perms::mask,
              fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);

    // A symlinked project: the target is written, the link stays a link.
    const std::string target = (dir / "real.kinora").string(),
                      link = (dir / "link.kinora").string();
    saveProject(oneShot("shot-1"), target);
    fs::create_symlink(target, link);
    Project q = loadProject(link);
    q.name = "Through the link";
    saveProject(q, link);
    EXPECT_TRUE(fs::is_symlink(link));
    EXPECT_EQ(loadProject(target).name, "Through the link");

    // Fields of a newer version survive a round trip.
    nlohmann::json doc = toJson(oneShot("shot-1"));
    doc["colour_grade"] = {{"lut", "luts/warm.cube"}, {"strength", 0.5}};
    doc["future_list"] = nlohmann::json::array({1, 2, 3});
    const std::string newer = (dir / "newer.kinora").string();
    std::ofstream(newer) << doc.dump(2);
    Project r = loadProject(newer);
    r.name = "Edited by an older Kinora";
    saveProject(r, newer);
    const auto back = nlohmann::json::parse(test::readFile(newer));
    EXPECT_EQ(back["colour_grade"], doc["colour_grade"]);
    EXPECT_EQ(back["future_list"], doc["future_list"]);
    EXPECT_EQ(back["name"], "Edited by an older Kinora");
}

TEST(HostileProject, TheFilmNeverReplacesATakeOrTheProject) {
    const fs::path dir = test::tempDir("film-clash");
    const std::string path = (dir / "film.kinora").string();
    Project p = oneShot("shot-1");
    saveProject(p, path);
    RenderReport first = renderProject(p, path, engine(), {});
    ASSERT_EQ(first.rendered, 1);
    const Take& take = p.shots[0].takes.at(0);
    std::vector<std::string> clashes = {path, (dir / take.frames).string()};
    if (!take.file.empty()) clashes.push_back((dir / take.file).string());
    const std::string firstFrame = (dir / take.frames).parent_path().string() + "/0000.png";
    for (const auto& film : clashes) {
        // What the film would have replaced (a frame pattern: its first frame).
        const std::string probe = film.find('%') != std::string::npos ? firstFrame : film;
        const std::string before = test::readFile(probe);
        ASSERT_FALSE(before.empty()) << probe;
        RenderOptions o;
        o.filmPath = film;
        EXPECT_NE(errorOf([&] { renderProject(p, path, engine(), o); }).find("would replace"),
                  std::string::npos)
            << film;
        EXPECT_EQ(test::readFile(probe), before);
    }
}

#ifdef KINORA_HAVE_FFMPEG
TEST(HostileProject, ProtocolNamesAreFilesOrNothing) {
    // Even where a caller passes such a name straight to the reader, it is a local file
    // name: there is none, so it fails at once (no network, no standard input).
    for (const std::string name : {"pipe:0", "http://127.0.0.1:9/x.mp4", "concat:a.mp4|b.mp4"}) {
        const std::string message = errorOf([&] { readClip(name); });
        EXPECT_NE(message, "") << name;
        EXPECT_NE(message.find("no such file"), std::string::npos) << message;
    }
}

#endif

}  // namespace
}  // namespace kinora::project
