#include "eval/analyser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
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
        put("clean", s.clean);
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

// A square that slides left while its outline wobbles (its angle jumps back and forth each
// frame, as a generated blob's fitted angle does) travels: it reads as moving left, not as
// a spin, and a square that wobbles in place without travelling still reads as not moving
// left. Spin, grow and shrink happen in place (SPEC).
TEST(Analyser, AWobblingTravellerReadsAsItsTravel) {
    ClipAnalyser analyser;
    SceneSpec s;
    s.background = Background::Meadow;
    CharacterSpec c;
    c.colour = Colour::Red;
    c.shape = Shape::Square;
    c.size = Size::Large;
    c.motion = Motion::Left;
    c.x0 = 46.0;
    c.y0 = 34.0;
    c.travel = 30.0;
    s.characters.push_back(c);
    auto wobbling = [](const SceneSpec& scene) {
        Clip clip;
        clip.fps = scene.fps;
        for (int f = 0; f < scene.frames; ++f) {
            SceneSpec frame = scene;
            frame.characters[0].angle0 = f % 2 ? 0.6 : -0.3;
            clip.frames.push_back(renderFrame(frame, f));
        }
        return clip;
    };
    EXPECT_EQ(analyser.classifyMotion(wobbling(s), s, 0), Motion::Left);
    SceneSpec inPlace = s;
    inPlace.characters[0].motion = Motion::Still;
    inPlace.characters[0].travel = 0.0;
    EXPECT_NE(analyser.classifyMotion(wobbling(inPlace), inPlace, 0), Motion::Left);
}

// A 3x3 box blur of every channel (a soft decoder), edges clamped.
Image blurred(const Image& f) {
    Image out = f;
    for (int y = 0; y < f.height; ++y)
        for (int x = 0; x < f.width; ++x)
            for (int k = 0; k < 3; ++k) {
                int sum = 0;
                for (int dy = -1; dy <= 1; ++dy)
                    for (int dx = -1; dx <= 1; ++dx) {
                        const int xx = std::clamp(x + dx, 0, f.width - 1);
                        const int yy = std::clamp(y + dy, 0, f.height - 1);
                        sum += f.pixel(xx, yy)[k];
                    }
                out.rgb[static_cast<std::size_t>(3 * (y * f.width + x) + k)] =
                    static_cast<uint8_t>((sum + 4) / 9);
            }
    return out;
}

// Soft edges, a small colour cast and textures are clean; speckles of colours the scene
// has no place for are not.
TEST(Analyser, StrayPixelsAreSpecklesNotSoftEdges) {
    ClipAnalyser analyser;
    int speckledClean = 0, softClean = 0;
    const int scenes = 40;
    for (uint64_t seed = 0; seed < scenes; ++seed) {
        const SceneSpec s = sampleScene(seed * 7 + 3);
        const Clip clip = renderScene(s);
        Clip soft = clip, speckled = clip;
        for (auto& f : soft.frames) {
            f = blurred(f);
            for (auto& v : f.rgb) v = static_cast<uint8_t>(std::min(255, v + 8));
        }
        for (Image& f : speckled.frames) {
            // 32 pixels a frame (0.8% of 64x64, 0.5% of 96x64) in a ring around the first
            // character, half magenta, half near black: neither the background nor a character.
            const Blob b = analyser.findColour(f, s.characters[0].colour);
            const double cx = b.found ? b.x : f.width / 2.0, cy = b.found ? b.y : f.height / 2.0;
            for (int k = 0; k < 32; ++k) {
                const double a = k * 0.19635;
                const int x = std::clamp(static_cast<int>(cx + 14 * std::cos(a)), 0, f.width - 1);
                const int y = std::clamp(static_cast<int>(cy + 14 * std::sin(a)), 0, f.height - 1);
                uint8_t* p = &f.rgb[static_cast<std::size_t>(3 * (y * f.width + x))];
                p[0] = k % 2 ? 255 : 0;  // magenta and a near-black green
                p[1] = k % 2 ? 0 : 40;
                p[2] = k % 2 ? 255 : 0;
            }
        }
        const ClipScores a = analyser.score(soft, s), b = analyser.score(speckled, s);
        ASSERT_TRUE(a.clean && b.clean);
        softClean += *a.clean > 0.5 ? 1 : 0;
        speckledClean += *b.clean > 0.5 ? 1 : 0;
        EXPECT_GT(b.strayFraction, a.strayFraction) << seed;
    }
    EXPECT_GE(softClean, scenes * 9 / 10);
    EXPECT_LE(speckledClean, scenes / 10);
    Image empty;
    EXPECT_EQ(strayFraction(empty, sampleScene(1)), 0.0);
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
