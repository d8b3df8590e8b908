#include "sampler/flow_sampler.h"

#include <algorithm>
#include <cmath>

#include "util/error.h"

namespace kinora {

double timeShiftForTokens(int64_t tokens) {
    const double shift = std::sqrt(static_cast<double>(std::max<int64_t>(tokens, 1)) / 256.0) * 2.0;
    return std::clamp(shift, 1.0, 12.0);
}

std::vector<double> shiftedTimeGrid(int steps, double shift) {
    if (steps < 1) throw Error("steps must be at least 1");
    if (!(shift > 0.0)) throw Error("time shift must be positive");
    std::vector<double> grid(static_cast<std::size_t>(steps) + 1);
    for (int i = 0; i <= steps; ++i) {
        const double u = 1.0 - static_cast<double>(i) / steps;
        grid[static_cast<std::size_t>(i)] = shift * u / (1.0 + (shift - 1.0) * u);
    }
    grid.front() = 1.0;
    grid.back() = 0.0;
    return grid;
}

torch::Tensor sampleEuler(torch::Tensor noise, const std::vector<double>& grid,
                          const VelocityFn& velocity, const GivenFrames& given,
                          const StepFn& onStep) {
    const auto b = noise.size(0), t = noise.size(1);
    const bool hasGiven = !given.empty();
    torch::Tensor keep;        // [1,T,1,1,1] 1 where the frame is generated
    torch::Tensor givenTimes;  // [B,T] 0 on given frames, 1 elsewhere (times t)
    torch::Tensor x = noise;
    torch::Tensor mask, replaced;  // [1,T,1,1,1]
    const bool replacing = hasGiven && given.replace.defined() && given.replacementNoise.defined();
    if (hasGiven) {
        mask = given.mask.to(noise.options()).view({1, t, 1, 1, 1});
        keep = 1.0 - mask;
        x = noise * keep + given.latents * mask;
        auto heldClean = given.mask.to(noise.options());
        if (replacing) {
            replaced = given.replace.to(noise.options()).view({1, t, 1, 1, 1}) * mask;
            heldClean = heldClean * (1.0 - given.replace.to(noise.options()));
        }
        givenTimes = (1.0 - heldClean).view({1, t}).expand({b, t});
    } else {
        givenTimes = torch::ones({b, t}, noise.options());
    }
    const int steps = static_cast<int>(grid.size()) - 1;
    for (int i = 0; i < steps; ++i) {
        const double tc = grid[static_cast<std::size_t>(i)];
        const double tn = grid[static_cast<std::size_t>(i) + 1];
        if (replacing)
            x = x * (1.0 - replaced) +
                ((1.0 - tc) * given.latents + tc * given.replacementNoise) * replaced;
        auto v = velocity(x, givenTimes * tc);
        if (hasGiven) v = v * keep;  // given frames stay exactly as given
        auto x0 = x - tc * v;
        x = x + (tn - tc) * v;
        if (onStep && !onStep(SamplerStep{i + 1, steps, tc, tn, x, x0})) return {};
    }
    if (replacing) x = x * (1.0 - replaced) + given.latents * replaced;
    return x;
}

torch::Tensor guidedVelocity(
    const std::function<torch::Tensor(const torch::Tensor&, const torch::Tensor&, bool)>& model,
    const torch::Tensor& x, const torch::Tensor& frameTimes, double guidance, double smoothing,
    const ReferenceGuidance& reference) {
    if (!(smoothing >= 0.0 && smoothing <= 0.5)) throw Error("guidance smoothing must be 0..0.5");
    torch::Tensor cond, v;
    if (guidance == 1.0) {
        cond = v = model(x, frameTimes, false);
    } else {
        auto both = model(torch::cat({x, x}, 0), torch::cat({frameTimes, frameTimes}, 0), true);
        auto parts = both.chunk(2, 0);
        cond = parts[0];
        if (smoothing == 0.0 || x.size(1) < 2)
            v = parts[1] + guidance * (parts[0] - parts[1]);
        else
            v = parts[0] +
                (guidance - 1.0) * smoothAlongTime(parts[0] - parts[1], frameTimes, smoothing);
    }
    if (!reference.active()) return v;
    const int64_t n = reference.clipFrames;
    if (n <= 0 || n >= x.size(1))
        throw Error("reference guidance needs clip frames followed by references");
    auto clipX = x.narrow(1, 0, n);
    auto clipT = frameTimes.narrow(1, 0, n);
    auto without = reference.withoutReferences(clipX, clipT);
    auto clip = v.narrow(1, 0, n) + reference.scale * (cond.narrow(1, 0, n) - without);
    return torch::cat({clip, v.narrow(1, n, x.size(1) - n)}, 1);
}

torch::Tensor smoothAlongTime(const torch::Tensor& d, const torch::Tensor& frameTimes, double a) {
    const int64_t t = d.size(1);
    if (t < 2 || a == 0.0) return d;
    std::vector<int64_t> shape(static_cast<std::size_t>(d.dim()), 1);
    shape[0] = d.size(0);
    shape[1] = t;
    auto m = (frameTimes > 0).to(d.dtype()).view(shape);
    // [a, 1 - 2a, a] along time with nothing beyond the ends; dividing by the same filter
    // of the mask renormalises at the ends and next to frames left out.
    auto filter = [&](const torch::Tensor& y) {
        auto zero = torch::zeros_like(y.narrow(1, 0, 1));
        auto before = torch::cat({zero, y.narrow(1, 0, t - 1)}, 1);
        auto after = torch::cat({y.narrow(1, 1, t - 1), zero}, 1);
        return (1.0 - 2.0 * a) * y + a * (before + after);
    };
    // A frame with no neighbour to mix with at a = 0.5 keeps its own term.
    auto norm = filter(m);
    auto smoothed = filter(d * m) / norm.clamp_min(1e-12);
    return torch::where((m > 0).logical_and(norm > 1e-6), smoothed, d);
}

}  // namespace kinora
