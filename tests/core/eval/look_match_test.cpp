// The look matcher that picks, among tries of one window, the one whose character keeps
// the reference's outline.
#include "eval/look_match.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "util/error.h"
#include "world/renderer.h"

namespace kinora::eval {
namespace {

using namespace kinora::world;

// One character alone: still on gray (a reference), or moving on a background (a clip).
Clip world(Shape shape, Motion motion, Background bg, int frames, Colour colour = Colour::Red,
           Size size = Size::Large) {
    SceneSpec s;
    s.frames = frames;
    s.background = bg;
    s.seed = 7;
    CharacterSpec c;
    c.colour = colour;
    c.shape = shape;
    c.size = size;
    c.motion = motion;
    c.x0 = 32;
    c.y0 = motion == Motion::Bounce ? 20 : 32;
    if (motion == Motion::Right) {
        c.x0 = 14;
        c.travel = 30;
    }
    if (motion == Motion::Bounce) c.amplitude = 20;
    if (motion == Motion::Spin) c.turn = 3.5;
    s.characters.push_back(c);
    return renderScene(s);
}

Image reference(Shape shape, Colour colour = Colour::Red) {
    return world(shape, Motion::Still, Background::Gray, 1, colour).frames.front();
}

TEST(LookMatch, TheReferencesOwnOutlineMatchesWhereverAndHoweverItMoves) {
    const LookMatcher ball(reference(Shape::Circle));
    EXPECT_EQ(ball.colour(), Colour::Red);
    EXPECT_LT(ball.distance({reference(Shape::Circle)}), 1e-9);
    // Travelling, bouncing, on other backgrounds: the same outline, read within 0.06.
    const double bouncing =
        ball.distance(world(Shape::Circle, Motion::Bounce, Background::Meadow, 17).frames);
    const double sliding =
        ball.distance(world(Shape::Circle, Motion::Right, Background::Night, 17).frames);
    EXPECT_LT(bouncing, 0.06);
    EXPECT_LT(sliding, 0.06);
    // Other shapes, however they move, are further than twice that.
    for (Shape other : {Shape::Square, Shape::Triangle, Shape::Star, Shape::Ring, Shape::Cross})
        EXPECT_GT(ball.distance(world(other, Motion::Right, Background::Night, 17).frames),
                  2 * std::max(bouncing, sliding))
            << name(other);
    // A turning square still matches a square, and is told from a ball and a cross.
    const LookMatcher box(reference(Shape::Square));
    const double spinning =
        box.distance(world(Shape::Square, Motion::Spin, Background::Gray, 17).frames);
    EXPECT_LT(spinning, 0.06);
    EXPECT_GT(box.distance(world(Shape::Circle, Motion::Still, Background::Gray, 17).frames),
              2 * spinning);
    EXPECT_GT(box.distance(world(Shape::Cross, Motion::Spin, Background::Gray, 17).frames),
              2 * spinning);
}

TEST(LookMatch, FramesWithoutTheCharacterScoreTheMostAndBadInputIsRefused) {
    const LookMatcher ball(reference(Shape::Circle));
    const Clip blue = world(Shape::Circle, Motion::Still, Background::Gray, 5, Colour::Blue);
    EXPECT_DOUBLE_EQ(ball.distance(blue.frames), LookMatcher::kMissing);
    EXPECT_THROW(ball.distance({}), Error);
    Image gray(64, 64);
    std::fill(gray.rgb.begin(), gray.rgb.end(), uint8_t{110});
    EXPECT_THROW(LookMatcher{gray}, Error);
    // The colour is the reference's largest world-colour blob.
    EXPECT_EQ(LookMatcher(reference(Shape::Star, Colour::Yellow)).colour(), Colour::Yellow);
}

}  // namespace
}  // namespace kinora::eval
