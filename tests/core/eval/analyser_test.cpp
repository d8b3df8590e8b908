#include "eval/analyser.h"

#include <gtest/gtest.h>

#include <map>

#include "world/renderer.h"
#include "world/scene_sampler.h"

namespace kinora::eval {
namespace {

using namespace kinora::world;

struct Totals {
    std::map<std::string, std::pair<double, int>> sums;
    void add(const ClipScores& s) {
        auto put = [&](const char* k, const std::optional<double>& v) {
            if (!v) return;
            sums[k].first += *v;
            sums[k].second += 1;
        };
        put("background", s.background);
        put("colour", s.colour);
        put("shape", s.shape);
        put("size", s.size);
        put("motion", s.motion);
        put("count", s.count);
        put("camera", s.camera);
        put("permanence", s.permanence);
        put("consistency", s.consistency);
    }
    double mean(const std::string& k) const {
        const auto& [sum, n] = sums.at(k);
        return sum / n;
    }
};

template <typename E, std::size_t N>
E other(E e, const std::array<E, N>& all, int step = 1) {
    for (std::size_t i = 0; i < N; ++i)
        if (all[i] == e) return all[(i + static_cast<std::size_t>(step)) % N];
    return e;
}

// The same clip described wrongly in every dimension.
SceneSpec wrongScene(const SceneSpec& s) {
    SceneSpec w = s;
    w.background = other(s.background, kBackgrounds, 2);
    w.camera = s.camera == Camera::Static ? Camera::PanLeft : Camera::Static;
    for (auto& c : w.characters) {
        c.colour = other(c.colour, kColours, 3);
        c.shape = other(c.shape, kShapes, 2);
        c.size = c.size == Size::Small ? Size::Large : Size::Small;
        c.motion = c.motion == Motion::Left
                       ? Motion::Right
                       : (c.motion == Motion::Right ? Motion::Left : other(c.motion, kMotions, 5));
    }
    w.pillar = s.pillar;
    return w;
}

TEST(Analyser, WorldClipsScoreHighAndWrongScenesLow) {
    ClipAnalyser analyser;
    Totals right, wrong;
    int characters = 0, shapesReadRight = 0;
    for (uint64_t seed = 0; seed < 120; ++seed) {
        const SceneSpec s = sampleScene(seed * 13 + 1);
        const Clip clip = renderScene(s);
        const ClipScores scores = analyser.score(clip, s);
        right.add(scores);
        wrong.add(analyser.score(clip, wrongScene(s)));
        // The shape read per character is the one the shape score compares.
        ASSERT_EQ(scores.shapesRead.size(), s.characters.size());
        for (std::size_t i = 0; i < s.characters.size(); ++i) {
            ++characters;
            shapesReadRight += scores.shapesRead[i] == s.characters[i].shape ? 1 : 0;
        }
    }
    EXPECT_GE(shapesReadRight, 0.97 * characters);
    for (const auto& [k, v] : right.sums) {
        RecordProperty("right_" + k, std::to_string(right.mean(k)));
        EXPECT_GE(right.mean(k), 0.97) << k;
        EXPECT_LE(wrong.mean(k), 0.3) << k;
    }
}

TEST(Analyser, PsnrOfIdenticalAndDifferentImages) {
    Image a(8, 8), b(8, 8);
    EXPECT_EQ(psnr(a, a), 99.0);
    b.rgb.assign(b.rgb.size(), 255);
    EXPECT_NEAR(psnr(a, b), 0.0, 1e-9);
}

TEST(Analyser, CrossShotConsistencyOfStoryboards) {
    std::vector<Clip> clips;
    const auto shots = sampleSequence(4, 3);
    for (const auto& s : shots) clips.push_back(renderScene(s));
    const auto score = crossShotConsistency(clips, shots);
    ASSERT_TRUE(score.has_value());
    EXPECT_GE(*score, 0.97);
    // A character whose colour changes between shots is caught.
    auto changed = shots;
    for (auto& c : changed[1].characters) c.colour = other(c.colour, kColours, 1);
    std::vector<Clip> wrongClips;
    for (const auto& s : changed) wrongClips.push_back(renderScene(s));
    const auto bad = crossShotConsistency(wrongClips, shots);
    ASSERT_TRUE(bad.has_value());
    EXPECT_LT(*bad, *score);
}

}  // namespace
}  // namespace kinora::eval
