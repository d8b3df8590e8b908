// The long-shot measure: which frame pairs count as joins (dissolves included), and what
// the analyser reads in each window.
#include "eval/long_shot.h"

#include <gtest/gtest.h>

#include "util/error.h"
#include "world/renderer.h"

namespace kinora::eval {
namespace {

using namespace kinora::world;

// A red circle sliding right on gray, `frames` frames; frame i shifted i pixels.
Clip slidingCircle(int frames, Shape shape = Shape::Circle) {
    SceneSpec s;
    s.frames = frames;
    CharacterSpec c;
    c.colour = Colour::Red;
    c.shape = shape;
    c.size = Size::Large;
    c.motion = Motion::Right;
    c.x0 = 16;
    c.travel = frames - 1;
    s.characters.push_back(c);
    return renderScene(s);
}

Image flatGray(uint8_t v) {
    Image img(64, 64);
    std::fill(img.rgb.begin(), img.rgb.end(), v);
    return img;
}

TEST(LongShot, JoinPairsCoverTheWholeDissolve) {
    // 30 frames, windows at 0 and 10 (dissolve of 3: frames 10..12 mix two windows).
    // Make every pair inside windows differ by 0 and the join pairs differ by 30.
    Clip clip = slidingCircle(1);
    const Image still = clip.frames[0];
    clip.frames.assign(30, still);
    for (int i = 10; i <= 12; ++i)  // each of the dissolve frames steps by 30 in gray
        clip.frames[static_cast<std::size_t>(i)] = flatGray(static_cast<uint8_t>(30 * (i - 9)));
    // pairs (9,10) (10,11) (11,12) (12,13) are the join; frame 13 is the still again.
    Appearance red;
    red.colour = Colour::Red;
    const auto cut = measureLongShot(clip, {0, 10}, red, 0);
    const auto dissolved = measureLongShot(clip, {0, 10}, red, 3);
    EXPECT_EQ(dissolved.windows, 2);
    EXPECT_DOUBLE_EQ(dissolved.withinDifference, 0.0);  // no join pair counted within
    EXPECT_GT(dissolved.seamDifference, 0.0);
    EXPECT_GT(cut.withinDifference, 0.0);  // without the dissolve, three of them are "within"
    EXPECT_DOUBLE_EQ(dissolved.worstSeamDifference,
                     std::max(meanAbsDifference(clip.frames[12], clip.frames[13]),
                              meanAbsDifference(clip.frames[9], clip.frames[10])));
    // The second window is read after its dissolve: frame (13 + 29) / 2 = 21.
    ASSERT_EQ(dissolved.readings.size(), 2u);
    EXPECT_EQ(dissolved.readings[1].start, 10);
    EXPECT_EQ(dissolved.readings[1].frame, 21);
    EXPECT_TRUE(dissolved.readings[1].colourFound);
    EXPECT_TRUE(dissolved.readings[1].holds);
}

TEST(FrameChange, EvenMotionHasNoJudderStepsHaveMuch) {
    const Clip even = slidingCircle(17);  // one pixel every frame
    FrameChangeByPhase byPhase(4);
    byPhase.add(even);
    EXPECT_EQ(byPhase.pairs(), 16);
    EXPECT_NEAR(byPhase.judder(), 1.0, 0.1);
    // The same travel drawn as steps: the circle moves only across group boundaries
    // (frame 0 alone, then groups 1-4, 5-8, ...), every frame of a group the same.
    Clip steps = even;
    for (std::size_t i = 1; i < steps.frames.size(); ++i)
        steps.frames[i] = even.frames[1 + 4 * ((i - 1) / 4)];
    FrameChangeByPhase stepped(4);
    stepped.add(steps);
    EXPECT_GT(stepped.judder(), 3.9);  // all the change in phase 0: 4x the mean
    EXPECT_DOUBLE_EQ(stepped.means()[1], 0.0);
    FrameChangeByPhase still(4);
    still.add(slidingCircle(1));
    EXPECT_EQ(still.pairs(), 0);
    EXPECT_DOUBLE_EQ(still.judder(), 0.0);
    EXPECT_THROW(FrameChangeByPhase(1), Error);
}

TEST(LongShot, WindowsReadTheCharactersShape) {
    Clip clip = slidingCircle(24);
    const Clip squares = slidingCircle(24, Shape::Square);
    // second window (frames 12..23) shows a square instead
    for (int i = 12; i < 24; ++i)
        clip.frames[static_cast<std::size_t>(i)] = squares.frames[static_cast<std::size_t>(i)];
    Appearance ball;
    ball.colour = Colour::Red;
    ball.shape = Shape::Circle;
    const auto r = measureLongShot(clip, {0, 12}, ball);
    ASSERT_EQ(r.readings.size(), 2u);
    EXPECT_EQ(r.readings[0].shape, "circle");
    EXPECT_TRUE(r.readings[0].holds);
    EXPECT_EQ(r.readings[1].shape, "square");
    EXPECT_FALSE(r.readings[1].holds);
    EXPECT_DOUBLE_EQ(r.crossWindowConsistency, 0.5);
    Appearance blue;
    blue.colour = Colour::Blue;
    const auto none = measureLongShot(clip, {0, 12}, blue);
    EXPECT_FALSE(none.readings[0].colourFound);
    EXPECT_DOUBLE_EQ(none.crossWindowConsistency, 0.0);
}

TEST(LongShot, RefusesWhatItCannotMeasure) {
    const Clip clip = slidingCircle(8);
    Appearance noColour;
    EXPECT_THROW(measureLongShot(clip, {0}, noColour), Error);
    Appearance red;
    red.colour = Colour::Red;
    EXPECT_THROW(measureLongShot(clip, {}, red), Error);
    EXPECT_THROW(measureLongShot(clip, {2, 5}, red), Error);
    EXPECT_THROW(measureLongShot(clip, {0, 4}, red, -1), Error);
}

}  // namespace
}  // namespace kinora::eval
