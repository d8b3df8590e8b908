// Given pixels put back into generated frames, region masks and fitting pictures to the
// canvas.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "pipeline/given_pixels.h"
#include "util/image.h"

namespace kinora {
namespace {

TEST(GivenPixels, KeptPixelsAreExactFarOnesUntouchedAndTheJoinHasNoStep) {
    torch::manual_seed(1);
    const int64_t T = 12, H = 24, W = 40;
    // The model's frames, and given frames that differ from them by a constant 0.4 where
    // they are kept: frames 0..3 whole, and the right half of every frame.
    const auto generated = torch::rand({T, 3, H, W}) * 0.2;
    const auto given = generated + 0.4;
    auto keep = torch::zeros({T, 1, H, W});
    keep.slice(0, 0, 4).fill_(1.0);
    keep.slice(3, 20).fill_(1.0);
    const auto out = pasteGiven(generated, given, keep, 2, 6);
    // Kept: exactly as given.
    EXPECT_TRUE(torch::equal(out * keep, given * keep));
    // Far from anything kept (frame 8 on, columns 0..12): the model's own.
    EXPECT_TRUE(
        torch::equal(out.slice(0, 8).slice(3, 0, 13), generated.slice(0, 8).slice(3, 0, 13)));
    // Beside the kept half, the generated pixels carry most of the 0.4 difference: the step
    // across the join is far smaller than it would be without the blend.
    const auto across = (out.select(3, 20) - out.select(3, 19)).abs().mean().item<double>();
    const auto raw = (given.select(3, 20) - generated.select(3, 19)).abs().mean().item<double>();
    EXPECT_LT(across, 0.5 * raw);
    // ... and in time, after the kept frames.
    const auto inTime = (out[4] - out[3]).slice(2, 0, 10).abs().mean().item<double>();
    const auto rawTime = (given[3] - generated[4]).slice(2, 0, 10).abs().mean().item<double>();
    EXPECT_LT(inTime, 0.6 * rawTime);
    // Pieces of frames give the same as the whole (the clip is longer than one piece).
    EXPECT_TRUE(torch::allclose(
        pasteGiven(generated.slice(0, 0, 8), given.slice(0, 0, 8), keep.slice(0, 0, 8), 2, 6)
            .slice(0, 0, 6),
        out.slice(0, 0, 6)));
}

TEST(GivenPixels, NothingKeptLeavesTheFramesAlone) {
    const auto generated = torch::rand({3, 3, 8, 8});
    const auto out = pasteGiven(generated, torch::ones_like(generated), torch::zeros({3, 1, 8, 8}));
    EXPECT_TRUE(torch::equal(out, generated));
    EXPECT_THROW(pasteGiven(generated, generated, torch::zeros({3, 1, 4, 8})), std::exception);
}

TEST(GivenPixels, RegionMasksAreWhiteToRegenerateAndFittedLikeTheFrames) {
    Image mask(20, 10);  // 2:1, white on the left quarter
    for (int y = 0; y < 10; ++y)
        for (int x = 0; x < 5; ++x) std::fill(mask.pixel(x, y), mask.pixel(x, y) + 3, 255);
    const auto cropped = regionKeep(mask, 16, 8, ImageFit::Crop);
    ASSERT_EQ(cropped.sizes(), (std::vector<int64_t>{1, 8, 16}));
    EXPECT_EQ(cropped[0][4][1].item<float>(), 0.0f);   // white: regenerate
    EXPECT_EQ(cropped[0][4][12].item<float>(), 1.0f);  // black: keep
    // Bars: the margins outside the picture are regenerated too.
    const auto bars = regionKeep(mask, 16, 16, ImageFit::Bars);
    EXPECT_EQ(bars[0][0][12].item<float>(), 0.0f);
    EXPECT_EQ(bars[0][8][12].item<float>(), 1.0f);
}

TEST(FitImage, CropsOrKeepsThePictureWholeWithBars) {
    Image wide(64, 32);
    std::fill(wide.rgb.begin(), wide.rgb.end(), 200);
    const FittedImage crop = fitImage(wide, 32, 32, ImageFit::Crop);
    EXPECT_EQ(crop.width, 32);
    EXPECT_EQ(crop.height, 32);
    EXPECT_EQ(crop.image.pixel(0, 0)[0], 200);
    const FittedImage bars = fitImage(wide, 32, 32, ImageFit::Bars, 7);
    EXPECT_EQ(bars.x, 0);
    EXPECT_EQ(bars.y, 8);
    EXPECT_EQ(bars.width, 32);
    EXPECT_EQ(bars.height, 16);
    EXPECT_EQ(bars.image.pixel(5, 3)[1], 7);     // bar
    EXPECT_EQ(bars.image.pixel(5, 12)[1], 200);  // picture
    EXPECT_EQ(bars.image.pixel(5, 24)[1], 7);    // bar
    // A tall picture: bars left and right.
    const FittedImage tall = fitImage(Image(10, 40), 40, 40, ImageFit::Bars);
    EXPECT_EQ(tall.width, 10);
    EXPECT_EQ(tall.x, 15);
    EXPECT_THROW(fitImage(Image(), 8, 8, ImageFit::Bars), std::exception);
}

}  // namespace
}  // namespace kinora
