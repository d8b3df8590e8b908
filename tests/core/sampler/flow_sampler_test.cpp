#include "sampler/flow_sampler.h"
#include "sampler/flow_solvers.h"

#include <gtest/gtest.h>

#include "util/error.h"

namespace kinora {
namespace {

TEST(FlowSampler, ShiftedGridRunsFromOneToZero) {
    for (double shift : {1.0, 2.24, 5.0}) {
        const auto g = shiftedTimeGrid(10, shift);
        ASSERT_EQ(g.size(), 11u);
        EXPECT_EQ(g.front(), 1.0);
        EXPECT_EQ(g.back(), 0.0);
        for (std::size_t i = 1; i < g.size(); ++i) EXPECT_LT(g[i], g[i - 1]);
    }
    const auto uniform = shiftedTimeGrid(4, 1.0);
    EXPECT_DOUBLE_EQ(uniform[1], 0.75);
    // A larger shift keeps more of the steps at high noise.
    EXPECT_GT(shiftedTimeGrid(10, 5.0)[5], shiftedTimeGrid(10, 1.0)[5]);
}

TEST(FlowSampler, LandsOnAOnePointDistributionGivenTheExactVelocity) {
    torch::manual_seed(3);
    const auto target = torch::randn({1, 3, 2, 4, 4});
    // For data concentrated at one point x*, x_t = (1-t) x* + t eps, so the exact
    // velocity eps - x* is (x_t - x*) / t.
    VelocityFn exact = [&](const torch::Tensor& x, const torch::Tensor& t) {
        return (x - target) / t.view({1, -1, 1, 1, 1});
    };
    for (int steps : {1, 3, 12}) {
        for (double shift : {1.0, 3.0}) {
            auto out =
                sampleEuler(torch::randn({1, 3, 2, 4, 4}), shiftedTimeGrid(steps, shift), exact);
            EXPECT_TRUE(torch::allclose(out, target, 1e-5, 1e-5))
                << steps << " steps, shift " << shift;
        }
    }
}

TEST(FlowSampler, GivenFramesStayExactlyAndCarryTimeZero) {
    torch::manual_seed(4);
    const auto target = torch::randn({1, 3, 2, 4, 4});
    GivenFrames given;
    given.latents = torch::randn({1, 3, 2, 4, 4});
    given.mask = torch::tensor({1.0f, 0.0f, 0.0f});
    std::vector<torch::Tensor> seenTimes;
    VelocityFn exact = [&](const torch::Tensor& x, const torch::Tensor& t) {
        seenTimes.push_back(t.clone());
        return (x - target) / t.clamp_min(1e-6).view({1, -1, 1, 1, 1});
    };
    int calls = 0;
    auto out = sampleEuler(torch::randn({1, 3, 2, 4, 4}), shiftedTimeGrid(5, 2.0), exact, given,
                           [&](const SamplerStep& s) {
                               ++calls;
                               EXPECT_TRUE(torch::equal(s.x[0][0], given.latents[0][0]));
                               return true;
                           });
    EXPECT_EQ(calls, 5);
    EXPECT_TRUE(torch::equal(out[0][0], given.latents[0][0]));
    EXPECT_TRUE(torch::allclose(out.narrow(1, 1, 2), target.narrow(1, 1, 2), 1e-5, 1e-5));
    for (const auto& t : seenTimes) {
        EXPECT_EQ(t[0][0].item<float>(), 0.0f);
        EXPECT_GT(t[0][1].item<float>(), 0.0f);
    }
}

// The multistep solvers hold given frames as Wan 2.2 TI2V's release does: shown at time 0,
// stepped with the rest, put back after every step; the others land as the solver lands them.
TEST(FlowSampler, MultistepSolversHoldGivenFramesAtTimeZero) {
    torch::manual_seed(5);
    const auto target = torch::randn({1, 3, 2, 4, 4});
    GivenFrames given;
    given.latents = torch::randn({1, 3, 2, 4, 4});
    given.mask = torch::tensor({1.0f, 0.0f, 0.0f});
    for (FlowSolverKind kind : {FlowSolverKind::UniPC, FlowSolverKind::DPMpp}) {
        std::vector<torch::Tensor> seenTimes;
        VelocityFn exact = [&](const torch::Tensor& x, const torch::Tensor& t) {
            seenTimes.push_back(t.clone());
            return (x - target) / t.clamp_min(1e-6).to(torch::kFloat).view({1, -1, 1, 1, 1});
        };
        int calls = 0;
        const auto out = sampleMultistep(
            kind, torch::randn({1, 3, 2, 4, 4}), flowSchedule(kind, 6, 3.0), exact,
            [&](const SamplerStep& s) {
                ++calls;
                EXPECT_TRUE(torch::equal(s.x[0][0], given.latents[0][0]));
                return true;
            },
            given);
        EXPECT_EQ(calls, 6);
        EXPECT_TRUE(torch::equal(out[0][0], given.latents[0][0]));
        EXPECT_TRUE(torch::allclose(out.narrow(1, 1, 2), target.narrow(1, 1, 2), 1e-3, 1e-3));
        for (const auto& t : seenTimes) {
            EXPECT_EQ(t[0][0].item<double>(), 0.0);
            EXPECT_GT(t[0][1].item<double>(), 0.0);
        }
    }
    // Replacing frames (noised to every step's level) is Euler's alone.
    given.replace = torch::tensor({1.0f, 0.0f, 0.0f});
    given.replacementNoise = torch::randn({1, 3, 2, 4, 4});
    EXPECT_THROW(sampleMultistep(
                     FlowSolverKind::UniPC, torch::randn({1, 3, 2, 4, 4}),
                     flowSchedule(FlowSolverKind::UniPC, 4, 3.0),
                     [](const torch::Tensor& x, const torch::Tensor&) { return x; }, {}, given),
                 Error);
}

// Replaced frames are denoised with the rest: the model sees them noised to the step's t
// (with the replacement noise) and at time t; held frames stay clean at time 0; both end
// exactly as given.
TEST(FlowSampler, ReplacedFramesAreNoisedEveryStepAndEndAsGiven) {
    torch::manual_seed(5);
    const auto target = torch::randn({1, 3, 2, 4, 4});
    GivenFrames given;
    given.latents = torch::randn({1, 3, 2, 4, 4});
    given.mask = torch::tensor({1.0f, 0.0f, 1.0f});
    given.replace = torch::tensor({1.0f, 0.0f, 0.0f});
    given.replacementNoise = torch::randn({1, 3, 2, 4, 4});
    const auto grid = shiftedTimeGrid(4, 2.0);
    int step = 0;
    VelocityFn exact = [&](const torch::Tensor& x, const torch::Tensor& t) {
        const double tc = grid[static_cast<std::size_t>(step++)];
        EXPECT_NEAR(t[0][0].item<float>(), tc, 1e-6);  // replaced: time t
        EXPECT_EQ(t[0][2].item<float>(), 0.0f);        // held clean: time 0
        const auto noised = (1.0 - tc) * given.latents[0][0] + tc * given.replacementNoise[0][0];
        EXPECT_TRUE(torch::allclose(x[0][0], noised, 1e-6, 1e-6)) << step;
        EXPECT_TRUE(torch::equal(x[0][2], given.latents[0][2]));
        return (x - target) / t.clamp_min(1e-6).view({1, -1, 1, 1, 1});
    };
    auto out = sampleEuler(torch::randn({1, 3, 2, 4, 4}), grid, exact, given);
    EXPECT_EQ(step, 4);
    EXPECT_TRUE(torch::equal(out[0][0], given.latents[0][0]));
    EXPECT_TRUE(torch::equal(out[0][2], given.latents[0][2]));
    EXPECT_TRUE(torch::allclose(out[0][1], target[0][1], 1e-5, 1e-5));
}

TEST(FlowSampler, StopsWhenTheStepCallbackSaysSo) {
    int calls = 0;
    VelocityFn zero = [&](const torch::Tensor& x, const torch::Tensor&) {
        ++calls;
        return torch::zeros_like(x);
    };
    auto out = sampleEuler(torch::randn({1, 1, 1, 2, 2}), shiftedTimeGrid(10, 1.0), zero, {},
                           [](const SamplerStep& s) { return s.step < 3; });
    EXPECT_FALSE(out.defined());
    EXPECT_EQ(calls, 3);
}

TEST(Guidance, AtOneEqualsTheConditionalPredictionAndSkipsUncond) {
    const auto x = torch::randn({1, 2, 3, 4, 4});
    const auto t = torch::ones({1, 2});
    const auto cond = torch::randn({1, 2, 3, 4, 4});
    const auto uncond = torch::randn({1, 2, 3, 4, 4});
    int batched = 0;
    auto model = [&](const torch::Tensor& in, const torch::Tensor&, bool withUncond) {
        if (withUncond) {
            ++batched;
            EXPECT_EQ(in.size(0), 2);
            return torch::cat({cond, uncond}, 0);
        }
        EXPECT_EQ(in.size(0), 1);
        return cond.clone();
    };
    EXPECT_TRUE(torch::equal(guidedVelocity(model, x, t, 1.0), cond));
    EXPECT_EQ(batched, 0);
    EXPECT_TRUE(torch::allclose(guidedVelocity(model, x, t, 3.0), uncond + 3.0 * (cond - uncond),
                                1e-5, 1e-5));
    EXPECT_EQ(batched, 1);  // cond and uncond in one forward
    EXPECT_TRUE(torch::equal(guidedVelocity(model, x, t, 0.0), uncond));
}

// Guidance smoothing: at 0 exactly vu + g (vc - vu); a guidance term alike in every frame
// passes unchanged; one that alternates from frame to frame is damped; given frames
// (t = 0) keep theirs and lend nothing to their neighbours; out of range is refused.
TEST(Guidance, SmoothingDampsOnlyWhatChangesFromFrameToFrame) {
    const auto x = torch::randn({1, 4, 2, 3, 3});
    const auto uncond = torch::randn({1, 4, 2, 3, 3});
    auto model = [&](const torch::Tensor& in, const torch::Tensor&, bool) {
        const auto cond = uncond + in.narrow(0, 0, 1);  // the guidance term is x itself
        return torch::cat({cond, uncond}, 0);
    };
    auto t = torch::full({1, 4}, 0.7);
    // (vu + x) - vu is x to within rounding, not exactly: an absolute tolerance too.
    EXPECT_TRUE(
        torch::allclose(guidedVelocity(model, x, t, 4.0, 0.0), uncond + 4.0 * x, 1e-5, 1e-5));
    const auto steady = torch::randn({1, 1, 2, 3, 3}).expand({1, 4, 2, 3, 3}).contiguous();
    EXPECT_TRUE(torch::allclose(guidedVelocity(model, steady, t, 4.0, 0.3), uncond + 4.0 * steady,
                                1e-5, 1e-5));
    const auto sign = torch::tensor({1.f, -1.f, 1.f, -1.f}).view({1, 4, 1, 1, 1});
    const auto flicker = (torch::ones({1, 4, 2, 3, 3}) * sign).contiguous();
    const auto d = smoothAlongTime(flicker, t, 1.0 / 3.0);
    // Frame 1 (-1 between two +1): (1 - 1 + 1) / 3; at the ends the mean of two frames: 0.
    EXPECT_NEAR(d[0][1][0][0][0].item<double>(), 1.0 / 3.0, 1e-6);
    EXPECT_NEAR(d[0][0][0][0][0].item<double>(), 0.0, 1e-6);
    const auto damped = guidedVelocity(model, flicker, t, 4.0, 1.0 / 3.0) - uncond;
    EXPECT_TRUE(torch::allclose(damped, flicker + 3.0 * d, 1e-5, 1e-5));
    EXPECT_LT(damped.abs().mean().item<double>(),
              0.5 * (4.0 * flicker).abs().mean().item<double>());
    // Frame 0 given (t = 0): its term stays and frame 1 mixes only frame 2's.
    auto given = t.clone();
    given[0][0] = 0.0;
    auto big = torch::zeros({1, 4, 1, 1, 1});
    big[0][0] = 100.0;
    big[0][2] = 3.0;
    const auto g = smoothAlongTime(big, given, 0.25);
    EXPECT_NEAR(g[0][0].item<double>(), 100.0, 1e-4);
    EXPECT_NEAR(g[0][1].item<double>(), (0.25 * 3.0) / 0.75, 1e-5);
    // At a = 0.5 a frame between left-out ones has nothing to mix with: it keeps its own.
    const auto lone = smoothAlongTime(big, torch::tensor({{0.7f, 0.f, 0.7f, 0.f}}), 0.5);
    EXPECT_NEAR(lone[0][0].item<double>(), 100.0, 1e-4);
    EXPECT_NEAR(lone[0][2].item<double>(), 3.0, 1e-5);
    EXPECT_THROW(guidedVelocity(model, x, t, 4.0, 0.6), Error);
    EXPECT_THROW(guidedVelocity(model, x, t, 4.0, -0.1), Error);
}

// Reference guidance: the clip's frames gain s (vc - vc'), vc' the conditional prediction
// of the clip's frames alone; the reference frames keep what guidance made them; at s = 0
// (or without the function) nothing changes and the extra call is never made; with and
// without classifier-free guidance; a clip that fills the sequence is refused.
TEST(Guidance, ReferenceGuidanceAmplifiesWhatTheReferencesChange) {
    const int64_t clipFrames = 3, total = 4;  // three clip latent frames, one reference
    const auto x = torch::randn({1, total, 2, 3, 3});
    const auto t = torch::full({1, total}, 0.6);
    const auto cond = torch::randn({1, total, 2, 3, 3});
    const auto uncond = torch::randn({1, total, 2, 3, 3});
    const auto alone = torch::randn({1, clipFrames, 2, 3, 3});
    auto model = [&](const torch::Tensor& in, const torch::Tensor&, bool withUncond) {
        return withUncond ? torch::cat({cond, uncond}, 0) : cond.clone();
    };
    int withoutCalls = 0;
    ReferenceGuidance ref;
    ref.clipFrames = clipFrames;
    ref.scale = 2.5;
    ref.withoutReferences = [&](const torch::Tensor& in, const torch::Tensor& times) {
        ++withoutCalls;
        EXPECT_EQ(in.size(1), clipFrames);
        EXPECT_EQ(times.size(1), clipFrames);
        EXPECT_TRUE(torch::equal(in, x.narrow(1, 0, clipFrames)));
        return alone.clone();
    };
    const auto guided = uncond + 4.0 * (cond - uncond);
    const auto v = guidedVelocity(model, x, t, 4.0, 0.0, ref);
    EXPECT_EQ(withoutCalls, 1);
    EXPECT_TRUE(torch::allclose(
        v.narrow(1, 0, clipFrames),
        guided.narrow(1, 0, clipFrames) + 2.5 * (cond.narrow(1, 0, clipFrames) - alone), 1e-5,
        1e-5));
    EXPECT_TRUE(torch::equal(v.narrow(1, clipFrames, 1), guided.narrow(1, clipFrames, 1)));
    // Without classifier-free guidance the conditional prediction is the base.
    const auto v1 = guidedVelocity(model, x, t, 1.0, 0.0, ref);
    EXPECT_TRUE(torch::allclose(
        v1.narrow(1, 0, clipFrames),
        cond.narrow(1, 0, clipFrames) + 2.5 * (cond.narrow(1, 0, clipFrames) - alone), 1e-5, 1e-5));
    EXPECT_EQ(withoutCalls, 2);
    // Off: exactly plain guidance, no extra call.
    ref.scale = 0.0;
    EXPECT_TRUE(torch::equal(guidedVelocity(model, x, t, 4.0, 0.0, ref),
                             guidedVelocity(model, x, t, 4.0, 0.0)));
    EXPECT_EQ(withoutCalls, 2);
    ref.scale = 1.0;
    ref.clipFrames = total;  // no reference frames after the clip
    EXPECT_THROW(guidedVelocity(model, x, t, 4.0, 0.0, ref), Error);
}

}  // namespace
}  // namespace kinora
