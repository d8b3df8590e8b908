#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "project/files.h"
#include "project/render.h"
#include "test_model.h"
#include "util/error.h"

namespace fs = std::filesystem;
using namespace kinora::project;

namespace {

void touch(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << content;
}

Project withMedia() {
    Project p;
    p.characters.push_back({"char-1", "Pip", "a small yellow star", {"inputs/pip.png"}, 1});
    Shot s;
    s.id = "shot-1";
    s.mode = ShotMode::ImageToVideo;
    s.inputs.firstImage = "inputs/first.png";
    Take t;
    t.id = "take-1";
    t.frames = "media/shot-1/take-1/%04d.png";
    t.file = "media/shot-1/take-1.mp4";
    s.takes.push_back(t);
    s.selectedTake = "take-1";
    p.shots.push_back(s);
    return p;
}

}  // namespace

TEST(ProjectFiles, ListsEveryReferencedFileThatExists) {
    const fs::path dir = kinora::test::tempDir("files-list");
    touch(dir / "inputs/pip.png", "p");
    touch(dir / "inputs/first.png", "f");
    touch(dir / "media/shot-1/take-1/0001.png", "1");
    touch(dir / "media/shot-1/take-1/0002.png", "2");
    touch(dir / "media/shot-1/take-1/notes.txt", "not a frame");
    touch(dir / "media/shot-1/take-1.mp4", "v");
    touch(dir / "unrelated.png", "u");
    const auto files = referencedFiles(withMedia(), dir.string());
    EXPECT_EQ(files, (std::vector<std::string>{
                         "inputs/first.png", "inputs/pip.png", "media/shot-1/take-1.mp4",
                         "media/shot-1/take-1/0001.png", "media/shot-1/take-1/0002.png"}));
}

TEST(ProjectFiles, CopiesTheMediaAndNeverOverwritesADifferentFile) {
    const fs::path from = kinora::test::tempDir("files-from");
    const fs::path to = kinora::test::tempDir("files-to");
    touch(from / "inputs/pip.png", "pip");
    touch(from / "inputs/first.png", "first");
    touch(from / "media/shot-1/take-1/0001.png", "frame");
    EXPECT_EQ(copyProjectFiles(withMedia(), from.string(), to.string()), 3);
    EXPECT_TRUE(fs::exists(to / "media/shot-1/take-1/0001.png"));
    // Again: the same files are there already, nothing to do.
    EXPECT_EQ(copyProjectFiles(withMedia(), from.string(), to.string()), 0);
    // Into the same folder: nothing to do.
    EXPECT_EQ(copyProjectFiles(withMedia(), from.string(), from.string()), 0);

    // A different file in the way: refused before anything is written.
    const fs::path other = kinora::test::tempDir("files-other");
    touch(other / "inputs/first.png", "someone else's picture");
    try {
        copyProjectFiles(withMedia(), from.string(), other.string());
        FAIL() << "expected an error";
    } catch (const kinora::Error& e) {
        EXPECT_NE(std::string(e.what()).find("inputs/first.png"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(other / "inputs/pip.png"));
    std::ifstream in(other / "inputs/first.png");
    std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(kept, "someone else's picture");
}

TEST(ProjectFiles, AProjectKeepsItsTakesInAMediaFolderNamedAfterItsFile) {
    EXPECT_EQ(mediaFolderFor("/home/ana/films/film.kinora"), "film.media");
    EXPECT_EQ(mediaFolderFor("rough cut.kinora"), "rough cut.media");
    EXPECT_EQ(mediaFolderFor("noext"), "noext.media");
    EXPECT_EQ(mediaFolderFor("/x/.kinora"), ".kinora.media");
    EXPECT_EQ(rehomedPath("media/shot-1/take-1.mp4", "media", "film.media"),
              "film.media/shot-1/take-1.mp4");
    EXPECT_EQ(rehomedPath("inputs/a.png", "media", "film.media"), "inputs/a.png");
    EXPECT_EQ(rehomedPath("media-old/a.png", "media", "film.media"), "media-old/a.png");

    // Renamed in the same folder: the takes are copied beside, the inputs stay.
    const fs::path dir = kinora::test::tempDir("files-rehome");
    touch(dir / "inputs/pip.png", "pip");
    touch(dir / "inputs/first.png", "first");
    touch(dir / "media/shot-1/take-1/0001.png", "frame");
    touch(dir / "media/shot-1/take-1.mp4", "video");
    const Project before = withMedia();
    Project after = before;
    rehomeMedia(after, "film.media");
    EXPECT_EQ(after.settings.mediaFolder, "film.media");
    EXPECT_EQ(after.shots[0].takes[0].frames, "film.media/shot-1/take-1/%04d.png");
    EXPECT_EQ(after.shots[0].inputs.firstImage, "inputs/first.png");
    EXPECT_EQ(copyProjectFiles(before, dir.string(), after, dir.string()), 2);
    EXPECT_TRUE(fs::exists(dir / "film.media/shot-1/take-1/0001.png"));
    EXPECT_TRUE(fs::exists(dir / "film.media/shot-1/take-1.mp4"));
    EXPECT_TRUE(fs::exists(dir / "media/shot-1/take-1.mp4"));  // the old files are left

    // An edit of the undo history follows the move; settings naming the old folder too.
    Operation edit = EditShot{0, before.shots[0]};
    rehomeMedia(edit, "media", "film.media");
    EXPECT_EQ(std::get<EditShot>(edit).shot.takes[0].file, "film.media/shot-1/take-1.mp4");
    Operation info = SetProjectInfo{"p", before.canvas, before.settings};
    rehomeMedia(info, "media", "film.media");
    EXPECT_EQ(std::get<SetProjectInfo>(info).settings.mediaFolder, "film.media");
}

TEST(ProjectFiles, StoreTakeWritesANewTakeBesideUndoneOnes) {
    const fs::path dir = kinora::test::tempDir("store-take");
    Project p;
    Shot s;
    s.id = "shot-1";
    s.prompt = "a red ball";
    p.shots.push_back(s);
    kinora::GenerationResult r;
    r.clip.fps = 3;  // the project's rate wins
    for (int i = 0; i < 5; ++i) {
        kinora::Image f(16, 8);
        f.rgb.assign(f.rgb.size(), static_cast<uint8_t>(40 * i));
        r.clip.frames.push_back(f);
    }
    r.seed = 42;
    r.steps = 4;
    const Take first = storeTake(p, 0, dir.string(), r, "a red ball");
    EXPECT_EQ(first.id, "take-1");
    EXPECT_EQ(first.frameCount, 5);
    EXPECT_EQ(first.fps, p.canvas.fps);
    EXPECT_EQ(first.seed, 42u);
    EXPECT_TRUE(fs::exists(dir / "media/shot-1/take-1/0004.png"));
    // The document does not know take-1 (say it was undone): its files stay untouched and
    // the next take gets a fresh id.
    const Take second = storeTake(p, 0, dir.string(), r, "a red ball");
    EXPECT_EQ(second.id, "take-2");
    EXPECT_THROW(storeTake(p, 3, dir.string(), r, "x"), kinora::Error);
}
