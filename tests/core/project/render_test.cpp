// Rendering a storyboard on the small test model: takes, continuity, film, cancel.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "media/clip_writer.h"
#include "pipeline/engine.h"
#include "project/project.h"
#include "project/render.h"
#ifdef KINORA_HAVE_OPENCV
#include "eval/look_match.h"
#endif
#include "pipeline/engine_internal.h"
#include "pipeline/long_clip.h"
#include "test_model.h"
#include "util/error.h"

namespace kinora::project {
namespace {

namespace fs = std::filesystem;

Engine& engine() {
    return test::testEngine();
}

Project storyboard() {
    Project p;
    p.name = "Render test";
    p.canvas = {32, 32, 8};
    p.settings.steps = 3;
    p.settings.referenceGuidance = 2.0;  // used by the shots given a reference
    p.characters.push_back({"char-1", "Pip", "a small yellow star", {}, 3});
    p.characters.push_back({"char-2", "Bo", "a big blue box", {}, 4});
    Shot a;
    a.id = "shot-1";
    a.prompt = "@Pip bounces on the beach";
    a.duration = 17;
    a.seed = 1;
    Shot b;
    b.id = "shot-2";
    b.prompt = "@Bo slides to the right";
    b.duration = 30;  // two windows
    b.seed = 2;
    b.continuous = true;
    Shot c;
    c.id = "shot-3";
    c.prompt = "@Pip to the left of @Bo";
    c.duration = 8;
    c.seed = 3;
    c.mode = ShotMode::ExtendBackward;  // leads into shot 4
    Shot d;
    d.id = "shot-4";
    d.prompt = "@Bo rests in a room";
    d.duration = 9;
    d.seed = 4;
    p.shots = {a, b, c, d};
    return p;
}

TEST(Render, MakesEveryShotThenTheFilm) {
    const std::string dir = test::tempDir("render");
    const std::string path = dir + "/film.kinora";
    Project p = storyboard();
    saveProject(p, path);
    RenderOptions options;
    options.filmPath = dir + "/cut/%04d.png";
    std::vector<std::string> order;
    options.onMessage = [&](const std::string& line) {
        if (line.rfind("rendering ", 0) == 0) order.push_back(line.substr(10, 6));
    };
    const RenderReport report = renderProject(p, path, engine(), options);
    EXPECT_EQ(report.rendered, 4);
    EXPECT_FALSE(report.cancelled);
    EXPECT_EQ(order, (std::vector<std::string>{"shot 1", "shot 2", "shot 4", "shot 3"}));
    EXPECT_EQ(report.filmFrames, 17 + 30 + 8 + 9);
    const Project saved = loadProject(path);
    EXPECT_EQ(saved, p);
    for (const auto& s : saved.shots) {
        const Take* t = s.selected();
        ASSERT_NE(t, nullptr) << s.id;
        EXPECT_EQ(t->frameCount, s.duration);
        EXPECT_EQ(readTake(*t, dir).frames.size(), static_cast<std::size_t>(s.duration));
        EXPECT_EQ(t->width, 32);
        // A shot naming one character is given its reference; shot 3 names two, none.
        EXPECT_EQ(t->referenceGuidance, s.id == "shot-3" ? 0.0 : 2.0) << s.id;
        EXPECT_FALSE(t->expandedPrompt.find('@') != std::string::npos) << t->expandedPrompt;
    }
    EXPECT_EQ(saved.shots[0].selected()->expandedPrompt,
              "a small yellow star bounces on the beach");
    EXPECT_EQ(saved.shots[1].selected()->mode, "text-to-video");
    EXPECT_EQ(readClip(dir + "/cut/%04d.png").frames.size(), 64u);

    // A second run has nothing to do; --force makes new takes, the old ones stay.
    Project again = loadProject(path);
    EXPECT_EQ(renderProject(again, path, engine(), {}).skipped, 4);
    RenderOptions force;
    force.force = true;
    renderProject(again, path, engine(), force);
    EXPECT_EQ(again.shots[0].takes.size(), 2u);
    EXPECT_EQ(again.shots[0].selectedTake, "take-2");
    // same seeds: identical takes
    const Clip first = readTake(again.shots[1].takes[0], dir);
    const Clip second = readTake(again.shots[1].takes[1], dir);
    ASSERT_EQ(first.frames.size(), second.frames.size());
    for (std::size_t i = 0; i < first.frames.size(); ++i)
        EXPECT_EQ(first.frames[i].rgb, second.frames[i].rgb) << i;
    EXPECT_EQ(test::readFile(dir + "/media/shot-2/take-1/0007.png"),
              test::readFile(dir + "/media/shot-2/take-2/0007.png"));
}

#ifdef KINORA_HAVE_OPENCV
// With look matching, a shot that names a character keeps, of its tries, the one closest
// to the character's reference look; a reference too small to match falls back to one try.
TEST(Render, LookMatchingKeepsTheTryClosestToTheCharacter) {
    const std::string dir = test::tempDir("render-look");
    const std::string path = dir + "/film.kinora";
    Project p = storyboard();
    p.shots.resize(2);
    p.shots[0].prompt = "@Bo rests on the grass";  // 17 frames: one window
    p.shots[1].prompt = "@Pip bounces on the beach";
    p.shots[1].duration = 9;
    p.shots[1].continuous = false;
    saveProject(p, path);
    ShotJob job = prepareShot(p, 0, dir);
    const eval::LookMatcher look(job.request.references.front());
    std::vector<Clip> tries;
    for (uint64_t c = 0; c < 2; ++c) {
        GenerationRequest r = job.request;
        r.seed = *r.seed + c * kCandidateSeedStride;
        StreamControls unmarked;  // the take is marked, the tries are compared unmarked
        unmarked.markFrames = false;
        tries.push_back(EngineAccess::generate(engine(), r, unmarked).clip);
    }
    const std::size_t closer =
        look.distance(tries[1].frames) < look.distance(tries[0].frames) ? 1 : 0;
    RenderOptions options;
    options.lookCandidates = 2;
    options.lookJudge = eval::lookJudge;
    std::vector<std::string> lines;
    options.onMessage = [&](const std::string& line) { lines.push_back(line); };
    int steps[2] = {0, 0};  // the last step each shot reported
    options.onProgress = [&](const RenderProgress& r) { steps[r.shot] = r.step.step; };
    EXPECT_EQ(renderProject(p, path, engine(), options).rendered, 2);
    auto said = [&](const std::string& text) {
        return std::count(lines.begin(), lines.end(), text);
    };
    EXPECT_EQ(said("  best of 2 tries a window, by the character's look"), 1);
    // Pip, a small star on a 32-pixel canvas, is too small for the analyser to find.
    EXPECT_EQ(said("  one try a window: the reference image shows no character in a world colour"),
              1);
    const Clip made = readTake(*p.shots[0].selected(), dir);
    ASSERT_EQ(made.frames.size(), 17u);
    // The take is watermarked, the tries were not: compare loosely, and against the other.
    double toCloser = 0.0, toOther = 0.0;
    for (std::size_t i = 0; i < 17; ++i)
        for (std::size_t k = 0; k < made.frames[i].rgb.size(); ++k) {
            toCloser += std::abs(made.frames[i].rgb[k] - tries[closer].frames[i].rgb[k]);
            toOther += std::abs(made.frames[i].rgb[k] - tries[1 - closer].frames[i].rgb[k]);
        }
    EXPECT_LT(toCloser, toOther);
    EXPECT_EQ(p.shots[1].selected()->frameCount, 9);
    EXPECT_EQ(steps[0], 6);  // two tries of 3 steps
    EXPECT_EQ(steps[1], 3);  // Pip's shot: one try
}
#endif

TEST(Render, CancelKeepsCompletedTakes) {
    const std::string dir = test::tempDir("render-cancel");
    const std::string path = dir + "/film.kinora";
    Project p = storyboard();
    saveProject(p, path);
    std::atomic<bool> cancel{false};
    RenderOptions options;
    options.cancel = &cancel;
    options.filmPath = dir + "/film.y4m";
    options.onProgress = [&](const RenderProgress& r) {
        if (r.shot == 1 && r.step.step == 2) cancel = true;
    };
    const RenderReport report = renderProject(p, path, engine(), options);
    EXPECT_TRUE(report.cancelled);
    EXPECT_EQ(report.rendered, 1);
    EXPECT_FALSE(fs::exists(dir + "/film.y4m"));
    const Project saved = loadProject(path);
    ASSERT_NE(saved.shots[0].selected(), nullptr);
    EXPECT_EQ(saved.shots[1].selected(), nullptr);
    EXPECT_TRUE(fs::exists(dir + "/media/shot-1/take-1/0016.png"));
}

TEST(Render, ClearErrorsAndTheDocumentUntouched) {
    const std::string dir = test::tempDir("render-errors");
    const std::string path = dir + "/film.kinora";
    Project p = storyboard();
    p.shots[0].prompt = "@Zed bounces";
    saveProject(p, path);
    const std::string before = test::readFile(path);
    try {
        renderProject(p, path, engine(), {});
        ADD_FAILURE() << "rendered an unknown character";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("shot 1 (shot-1): unknown character @Zed"),
                  std::string::npos)
            << e.what();
    }
    EXPECT_EQ(test::readFile(path), before);

    Project q = storyboard();
    q.shots[0].mode = ShotMode::ImageToVideo;
    q.shots[0].inputs.firstImage = "missing.png";
    try {
        prepareShot(q, 0, dir);
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("missing.png: no such image file"), std::string::npos)
            << e.what();
    }
    Project r = storyboard();
    std::swap(r.shots[0], r.shots[1]);  // the continuous shot first
    try {
        prepareShot(r, 0, dir);
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("no shot before it"), std::string::npos) << e.what();
    }
    try {
        prepareShot(storyboard(), 1, dir);  // shot 1 has no take yet
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("which has no take yet"), std::string::npos)
            << e.what();
    }
}

TEST(Render, CharacterReferenceIsItsLook) {
    const Image ref =
        characterReference({"c", "Pip", "a big yellow star", {}, 1}, {64, 64, 8}, ".");
    ASSERT_EQ(ref.width, 64);
    const uint8_t* centre = ref.pixel(32, 33);
    EXPECT_EQ(centre[0], 245);  // SPEC yellow
    EXPECT_EQ(centre[1], 220);
    EXPECT_EQ(centre[2], 30);
    const uint8_t* corner = ref.pixel(1, 1);
    EXPECT_EQ(corner[0], 110);  // gray background
}

}  // namespace
}  // namespace kinora::project
