// Quality targets set for the shipped model that it does not reach yet, as tests. They
// carry the ctest label `target` and stay out of CI and the dev presets until they pass
// (`ctest --preset targets` runs them); the model card says where each stands.
// When one passes, move it into shipped_model_test.cpp, where it gates every change.
#include <gtest/gtest.h>

#include <filesystem>

#include "eval/analyser.h"
#include "eval/long_shot.h"
#include "pipeline/long_clip.h"
#include "project/render.h"
#include "shipped_model.h"
#include "test_model.h"
#include "world/appearance.h"

namespace kinora {
namespace {

using test::shipped;

// The three-shot sample keeps each character's colour and shape across shots.
TEST(ShippedModelTarget, SampleStoryboardKeepsColourAndShapeAcrossShots) {
    namespace fs = std::filesystem;
    const std::string dir = test::tempDir("shipped-storyboard");
    const std::string path = dir + "/three-friends.kinora";
    fs::copy_file(std::string(KINORA_SAMPLES_DIR) + "/three-friends.kinora", path);
    project::Project p = project::loadProject(path);
    project::renderProject(p, path, shipped(), {});
    std::vector<Clip> clips;
    std::vector<world::SceneSpec> scenes;
    for (const auto& shot : p.shots) {
        ASSERT_NE(shot.selected(), nullptr) << shot.id;
        clips.push_back(project::readTake(*shot.selected(), dir));
        world::SceneSpec who;  // the characters the shot names, with their looks
        for (const auto& c : p.characters) {
            if (shot.prompt.find("@" + c.name) == std::string::npos) continue;
            const world::Appearance look = world::parseAppearance(c.appearance);
            ASSERT_TRUE(look.complete()) << c.appearance;
            world::CharacterSpec spec;
            spec.name = c.name;
            spec.colour = *look.colour;
            spec.shape = *look.shape;
            spec.size = *look.size;
            who.characters.push_back(spec);
        }
        scenes.push_back(who);
    }
    const auto score = eval::crossShotConsistency(clips, scenes);
    ASSERT_TRUE(score.has_value());
    EXPECT_GE(*score, 1.0);
}

// A 60-second shot keeps its character (colour and shape) in at least 90% of the
// windows. (Its other half, joins no more visible than the frame changes inside windows,
// passes since the 3-frame dissolve and gates every change in shipped_model_test.cpp.)
TEST(ShippedModelTarget, MinuteLongShotHoldsTogether) {
    const auto made = test::minuteLongShot();
    const auto report =
        eval::measureLongShot(made.result.clip, made.windowStarts,
                              world::parseAppearance(test::kMinuteShotPrompt), made.blendFrames);
    EXPECT_GE(report.crossWindowConsistency, 0.9);
}

}  // namespace
}  // namespace kinora
