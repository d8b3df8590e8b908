#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include "models/kinora/tokenizer.h"
#include "util/error.h"
#include "world/captioner.h"
#include "world/renderer.h"
#include "world/scene_sampler.h"

namespace kinora::world {
namespace {

constexpr double kPi = 3.14159265358979323846;

SceneSpec oneCharacter(Motion motion, Shape shape = Shape::Square,
                       Background bg = Background::Gray) {
    SceneSpec s;
    s.background = bg;
    CharacterSpec c;
    c.colour = Colour::Blue;
    c.shape = shape;
    c.size = Size::Large;
    c.motion = motion;
    s.characters.push_back(c);
    layoutScene(s, 3);
    return s;
}

TEST(WorldRender, DeterministicBySeed) {
    const SceneSpec a = sampleScene(10), b = sampleScene(10), c = sampleScene(11);
    EXPECT_EQ(toJson(a), toJson(b));
    EXPECT_NE(toJson(a), toJson(c));
    const Clip ca = renderScene(a), cb = renderScene(b);
    ASSERT_EQ(ca.frames.size(), 17u);
    for (std::size_t i = 0; i < ca.frames.size(); ++i)
        EXPECT_EQ(ca.frames[i].rgb, cb.frames[i].rgb);
}

TEST(WorldRender, CharacterFillIsTheExactSpecColour) {
    SceneSpec s = oneCharacter(Motion::Still);
    const auto track = computeTracks(s)[0][0];
    const Image f = renderFrame(s, 0);
    const uint8_t* p = f.pixel(static_cast<int>(track.screenX), static_cast<int>(track.screenY));
    EXPECT_EQ(p[0], 40);
    EXPECT_EQ(p[1], 80);
    EXPECT_EQ(p[2], 230);
}

// Night stars are 2x2 (so the autoencoder's 4x4 cells keep them and a pan shows) and two
// never touch: 8 star pixels in one blob would read as a white character.
TEST(WorldRender, NightStarsAreTwoByTwoAndNeverTouch) {
    int stars = 0;
    for (uint64_t seed = 1; seed <= 40; ++seed) {
        SceneSpec s;
        s.background = Background::Night;
        s.width = 96;
        s.height = 64;
        s.seed = seed;
        const Image f = renderFrame(s, 0);
        auto lit = [&](int x, int y) {
            return x >= 0 && y >= 0 && x < f.width && y < f.height && f.pixel(x, y)[0] == 230;
        };
        std::vector<int> seen(static_cast<std::size_t>(f.width * f.height), 0);
        for (int y = 0; y < f.height; ++y)
            for (int x = 0; x < f.width; ++x) {
                if (!lit(x, y) || seen[static_cast<std::size_t>(y * f.width + x)]) continue;
                // Flood the 8-connected blob.
                std::vector<std::pair<int, int>> todo{{x, y}};
                seen[static_cast<std::size_t>(y * f.width + x)] = 1;
                int area = 0, minX = x, maxX = x, minY = y, maxY = y;
                while (!todo.empty()) {
                    const auto [px, py] = todo.back();
                    todo.pop_back();
                    ++area;
                    minX = std::min(minX, px), maxX = std::max(maxX, px);
                    minY = std::min(minY, py), maxY = std::max(maxY, py);
                    for (int dy = -1; dy <= 1; ++dy)
                        for (int dx = -1; dx <= 1; ++dx) {
                            const int qx = px + dx, qy = py + dy;
                            if (!lit(qx, qy) || seen[static_cast<std::size_t>(qy * f.width + qx)])
                                continue;
                            seen[static_cast<std::size_t>(qy * f.width + qx)] = 1;
                            todo.push_back({qx, qy});
                        }
                }
                ++stars;
                EXPECT_LE(area, 4) << "seed " << seed << " at " << x << "," << y;
                EXPECT_LE(maxX - minX, 1);
                EXPECT_LE(maxY - minY, 1);
                // Inside the canvas a star is a whole 2x2 square.
                if (minX > 0 && minY > 0 && maxX < f.width - 1 && maxY < f.height - 1 &&
                    maxX - minX == 1 && maxY - minY == 1) {
                    EXPECT_EQ(area, 4);
                }
            }
    }
    EXPECT_GT(stars, 40 * 10);  // about 19 per 96x64 view
}

TEST(WorldRender, BackgroundRegionMeansStayWithin12OfTheSpec) {
    struct Region {
        Background bg;
        double y0, y1;
        Rgb want;
    };
    const Region regions[] = {{Background::Night, 0.0, 1.0, {20, 20, 40}},
                              {Background::Meadow, 0.0, 0.7, {135, 200, 235}},
                              {Background::Meadow, 0.7, 1.0, {70, 150, 60}},
                              {Background::Beach, 0.0, 0.6, {135, 200, 235}},
                              {Background::Beach, 0.6, 1.0, {230, 210, 150}},
                              {Background::Room, 0.0, 0.7, {200, 190, 170}},
                              {Background::Room, 0.7, 1.0, {140, 100, 60}},
                              {Background::Gray, 0.0, 1.0, {110, 110, 110}}};
    for (const auto& r : regions) {
        SceneSpec s;
        s.background = r.bg;
        s.seed = 5;
        const Image f = renderFrame(s, 0);
        double sum[3] = {0, 0, 0};
        int n = 0;
        for (int y = static_cast<int>(std::ceil(r.y0 * 64)); y < static_cast<int>(r.y1 * 64); ++y)
            for (int x = 0; x < 64; ++x, ++n)
                for (int k = 0; k < 3; ++k) sum[k] += f.pixel(x, y)[k];
        const uint8_t want[3] = {r.want.r, r.want.g, r.want.b};
        for (int k = 0; k < 3; ++k)
            EXPECT_NEAR(sum[k] / n, want[k], 12.0) << name(r.bg) << " channel " << k;
    }
}

TEST(WorldMotion, TravelsAsTheSpecSays) {
    for (Motion m : {Motion::Left, Motion::Right}) {
        const SceneSpec s = oneCharacter(m);
        const auto t = computeTracks(s)[0];
        const double dx = t.back().x - t.front().x;
        EXPECT_GE(std::abs(dx), 0.4 * 64 - 1e-9) << name(m);
        EXPECT_LE(std::abs(dx), 0.6 * 64 + 1e-9) << name(m);
        EXPECT_EQ(dx > 0, m == Motion::Right);
    }
    for (Motion m : {Motion::Up, Motion::Down}) {
        const auto t = computeTracks(oneCharacter(m))[0];
        const double dy = t.back().y - t.front().y;
        EXPECT_GE(std::abs(dy), 0.3 * 64 - 1e-9) << name(m);
        EXPECT_LE(std::abs(dy), 0.5 * 64 + 1e-9) << name(m);
        EXPECT_EQ(dy > 0, m == Motion::Down);
    }
    const auto still = computeTracks(oneCharacter(Motion::Still))[0];
    EXPECT_LT(std::abs(still.back().x - still.front().x), 0.05 * 64);
    const auto spin = computeTracks(oneCharacter(Motion::Spin, Shape::Star))[0];
    EXPECT_GE(std::abs(spin.back().angle - spin.front().angle), kPi);
    const auto grow = computeTracks(oneCharacter(Motion::Grow))[0];
    EXPECT_NEAR(grow.back().diameter / grow.front().diameter, 1.8, 1e-9);
    const auto shrink = computeTracks(oneCharacter(Motion::Shrink))[0];
    EXPECT_NEAR(shrink.back().diameter / shrink.front().diameter, 0.55, 1e-9);
}

TEST(WorldMotion, BounceHitsTheGroundTwiceAndFallLands) {
    for (Background bg : kBackgrounds) {
        SceneSpec s = oneCharacter(Motion::Bounce, Shape::Circle, bg);
        s.frames = 161;  // fine time sampling to see each contact
        const auto t = computeTracks(s)[0];
        const double rest = s.groundY() - t[0].diameter / 2.0;
        int contacts = 0;
        for (std::size_t i = 1; i + 1 < t.size(); ++i)
            if (t[i].y >= t[i - 1].y && t[i].y > t[i + 1].y && t[i].y > rest - 1.0) ++contacts;
        EXPECT_GE(contacts, 2) << name(bg);
        SceneSpec f = oneCharacter(Motion::Fall, Shape::Circle, bg);
        const auto ft = computeTracks(f)[0];
        EXPECT_LE(ft.front().y, 64.0 / 3.0 + 1e-9) << name(bg);
        EXPECT_NEAR(ft.back().y, f.groundY() - ft.back().diameter / 2.0, 1e-9) << name(bg);
    }
}

TEST(WorldSampler, ObeysTheSpecRulesOverManyScenes) {
    std::set<std::string> canvases;
    int pillars = 0;
    for (uint64_t seed = 0; seed < 1500; ++seed) {
        const SceneSpec s = sampleScene(seed);
        canvases.insert(std::to_string(s.width) + "x" + std::to_string(s.height));
        ASSERT_GE(s.characters.size(), 1u);
        ASSERT_LE(s.characters.size(), 3u);
        std::set<int> colours;
        for (const auto& c : s.characters) {
            EXPECT_TRUE(colourAllowedOn(c.colour, s.background)) << seed;
            EXPECT_TRUE(motionAllowedFor(c.motion, c.shape)) << seed;
            EXPECT_FALSE(isHeldOut(c.colour, c.shape, c.motion, s.background)) << seed;
            colours.insert(static_cast<int>(c.colour));
        }
        EXPECT_EQ(colours.size(), s.characters.size()) << seed;
        if (s.pillar) {
            ++pillars;
            const auto t = computeTracks(s)[0];
            double minVisible = 1.0;
            for (const auto& st : t) minVisible = std::min(minVisible, st.visible);
            EXPECT_LT(minVisible, 0.6) << seed;  // really passes behind it
            EXPECT_GT(t.front().visible, 0.99) << seed;
            EXPECT_GT(t.back().visible, 0.99) << seed;
        }
        if (s.characters.size() >= 2 && s.relation == Relation::LeftOf) {
            for (std::size_t i = 1; i < s.characters.size(); ++i)
                EXPECT_LT(s.characters[i - 1].x0, s.characters[i].x0) << seed;
        }
    }
    EXPECT_EQ(canvases, (std::set<std::string>{"64x64", "96x64", "64x96"}));
    EXPECT_GT(pillars, 20);
    SampleOptions held;
    held.heldOut = SampleOptions::HeldOut::Only;
    for (uint64_t seed = 0; seed < 50; ++seed) {
        const SceneSpec h = sampleScene(seed, held);
        for (const auto& c : h.characters)
            EXPECT_TRUE(isHeldOut(c.colour, c.shape, c.motion, h.background));
    }
}

TEST(WorldCaptions, UseOnlyKnownWordsAndNameTheCharacters) {
    Tokenizer tokenizer;
    for (const auto& w : captionVocabulary()) EXPECT_TRUE(tokenizer.isKnownWord(w)) << w;
    for (uint64_t seed = 0; seed < 300; ++seed) {
        const SceneSpec s = sampleScene(seed);
        const auto caps = captionScene(s, seed, 4);
        ASSERT_GE(caps.size(), 3u) << seed;
        for (const auto& c : caps) {
            for (const auto& w : tokenizer.split(c)) {
                const bool punctuation = w == "," || w == "." || w == ";";
                EXPECT_TRUE(punctuation || tokenizer.isKnownWord(w)) << w << " in: " << c;
            }
            for (const auto& ch : s.characters)
                EXPECT_NE(c.find(name(ch.colour)), std::string::npos) << c;
            EXPECT_LE(tokenizer.encode(c, 64).size(), 64u) << c;
        }
    }
    SceneSpec one = oneCharacter(Motion::Bounce, Shape::Circle, Background::Meadow);
    one.characters[0].colour = Colour::Red;
    bool sawSentence = false;
    for (const auto& c : captionScene(one, 1, 8))
        sawSentence = sawSentence || c.find("red") != std::string::npos;
    EXPECT_TRUE(sawSentence);
}

TEST(WorldScene, JsonRoundTripAndErrorsNameTheField) {
    const SceneSpec s = sampleScene(77);
    EXPECT_EQ(toJson(sceneFromJson(toJson(s))), toJson(s));
    auto j = toJson(s);
    j["characters"][0]["colour"] = "teal";
    try {
        sceneFromJson(j);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("characters[0].colour"), std::string::npos)
            << e.what();
    }
    j = toJson(s);
    j["frames"] = -3;
    EXPECT_THROW(sceneFromJson(j), Error);
}

TEST(WorldSequence, NamedCharactersKeepTheirLook) {
    for (uint64_t seed = 0; seed < 30; ++seed) {
        const auto shots = sampleSequence(seed, 3);
        ASSERT_EQ(shots.size(), 3u);
        std::map<std::string, std::tuple<int, int, int>> look;
        for (const auto& shot : shots)
            for (const auto& c : shot.characters) {
                ASSERT_FALSE(c.name.empty());
                const auto l = std::make_tuple(static_cast<int>(c.colour),
                                               static_cast<int>(c.shape), static_cast<int>(c.size));
                const auto [it, fresh] = look.emplace(c.name, l);
                if (!fresh) {
                    EXPECT_EQ(it->second, l) << c.name;
                }
            }
    }
}

}  // namespace
}  // namespace kinora::world
