#include "sampler/flow_solvers.h"

#include <cmath>

#include "util/error.h"

namespace kinora {

namespace {

// Scalars are 0-dim float32 tensors: the reference computes its step coefficients that
// way, and matching its rounding keeps long runs on the same trajectory.
torch::Tensor scalar(float v) {
    return torch::scalar_tensor(v, torch::kFloat);
}

torch::Tensor lambdaOf(const torch::Tensor& sigma) {
    return torch::log(1 - sigma) - torch::log(sigma);
}

}  // namespace

const char* solverName(FlowSolverKind kind) {
    switch (kind) {
        case FlowSolverKind::UniPC:
            return "unipc";
        case FlowSolverKind::DPMpp:
            return "dpm++";
        case FlowSolverKind::Euler:
            return "euler";
    }
    return "?";
}

FlowSolverKind parseSolver(const std::string& name) {
    if (name == "unipc") return FlowSolverKind::UniPC;
    if (name == "dpm++" || name == "dpmpp") return FlowSolverKind::DPMpp;
    if (name == "euler") return FlowSolverKind::Euler;
    throw Error("unknown solver '" + name + "' (choose unipc, dpm++ or euler)");
}

FlowSchedule flowSchedule(FlowSolverKind kind, int steps, double shift, int trainTimesteps) {
    if (steps < 1 || steps > 10000) throw Error("steps must be between 1 and 10000");
    if (!(shift > 0) || !std::isfinite(shift)) throw Error("the shift must be a positive number");
    double start = 1.0;
    if (kind == FlowSolverKind::UniPC) {
        // The training schedule's largest sigma: 1 - 1/trainTimesteps, held in float32.
        start = static_cast<double>(static_cast<float>(1.0 - 1.0 / trainTimesteps));
    }
    FlowSchedule s;
    for (int i = 0; i < steps; ++i) {
        // numpy.linspace(start, 0, steps + 1)[i]
        const double step = (0.0 - start) / steps;
        const double x = start + i * step;
        const double shifted = shift * x / (1.0 + (shift - 1.0) * x);
        s.sigmas.push_back(static_cast<float>(shifted));
        s.exact.push_back(shifted);
        s.timesteps.push_back(static_cast<int64_t>(shifted * trainTimesteps));
    }
    s.sigmas.push_back(0.0f);
    return s;
}

FlowSolver::FlowSolver(FlowSolverKind kind, FlowSchedule schedule)
    : m_kind(kind), m_schedule(std::move(schedule)) {}

torch::Tensor FlowSolver::step(const torch::Tensor& velocity, const torch::Tensor& sample) {
    const int n = m_schedule.steps();
    if (m_index >= n) throw Error("the solver has already taken every step");
    const auto& sig = m_schedule.sigmas;
    const int i = m_index;
    torch::Tensor next;
    if (m_kind == FlowSolverKind::Euler) {
        const float dt = sig[static_cast<std::size_t>(i) + 1] - sig[static_cast<std::size_t>(i)];
        m_lastX0 = sample - sig[static_cast<std::size_t>(i)] * velocity;
        next = sample + dt * velocity;
        m_lastOrder = 1;
    } else if (m_kind == FlowSolverKind::DPMpp) {
        const auto x0 = sample - scalar(sig[static_cast<std::size_t>(i)]) * velocity;
        m_outputs[0] = m_outputs[1];
        m_outputs[1] = x0;
        m_lastX0 = x0;
        const bool lastStep = i == n - 1;
        const auto sigmaT = scalar(sig[static_cast<std::size_t>(i) + 1]);
        const auto sigmaS0 = scalar(sig[static_cast<std::size_t>(i)]);
        const auto alphaT = 1 - sigmaT;
        const auto h = lambdaOf(sigmaT) - lambdaOf(sigmaS0);
        const auto coef = alphaT * (torch::exp(-h) - 1.0);
        if (m_lowerOrderNums < 1 || lastStep) {
            next = (sigmaT / sigmaS0) * sample - coef * x0;
            m_lastOrder = 1;
        } else {
            const auto sigmaS1 = scalar(sig[static_cast<std::size_t>(i) - 1]);
            const auto h0 = lambdaOf(sigmaS0) - lambdaOf(sigmaS1);
            const auto r0 = h0 / h;
            const auto d1 = (1.0 / r0) * (m_outputs[1] - m_outputs[0]);
            next = (sigmaT / sigmaS0) * sample - coef * m_outputs[1] - 0.5 * coef * d1;
            m_lastOrder = 2;
        }
        if (m_lowerOrderNums < 2) ++m_lowerOrderNums;
    } else {
        const auto x0 = sample - scalar(sig[static_cast<std::size_t>(i)]) * velocity;
        m_lastX0 = x0;
        torch::Tensor corrected = sample;
        if (i > 0 && m_lastSample.defined())
            corrected = uniCorrector(x0, m_lastSample, sample, m_thisOrder);
        m_outputs[0] = m_outputs[1];
        m_outputs[1] = x0;
        m_thisOrder = std::min(std::min(2, n - i), m_lowerOrderNums + 1);
        m_lastSample = corrected;
        next = uniPredictor(corrected, m_thisOrder);
        m_lastOrder = m_thisOrder;
        if (m_lowerOrderNums < 2) ++m_lowerOrderNums;
    }
    ++m_index;
    return next;
}

torch::Tensor FlowSolver::uniPredictor(const torch::Tensor& x, int order) const {
    const int i = m_index;
    const auto& sig = m_schedule.sigmas;
    const auto& m0 = m_outputs[1];
    const auto sigmaT = scalar(sig[static_cast<std::size_t>(i) + 1]);
    const auto sigmaS0 = scalar(sig[static_cast<std::size_t>(i)]);
    const auto alphaT = 1 - sigmaT;
    const auto h = lambdaOf(sigmaT) - lambdaOf(sigmaS0);
    const auto hh = -h;
    const auto hPhi1 = torch::expm1(hh);
    const auto bH = torch::expm1(hh);  // bh2
    auto xT = sigmaT / sigmaS0 * x - alphaT * hPhi1 * m0;
    if (order >= 2) {
        const auto lambdaS1 = lambdaOf(scalar(sig[static_cast<std::size_t>(i) - 1]));
        const auto rk = (lambdaS1 - lambdaOf(sigmaS0)) / h;
        const auto d1 = (m_outputs[0] - m0) / rk;
        xT = xT - alphaT * bH * (0.5 * d1);  // order 2: rho = 1/2
    }
    return xT;
}

torch::Tensor FlowSolver::uniCorrector(const torch::Tensor& modelT, const torch::Tensor& x,
                                       const torch::Tensor& xT, int order) const {
    const int i = m_index;
    const auto& sig = m_schedule.sigmas;
    const auto& m0 = m_outputs[1];
    const auto sigmaT = scalar(sig[static_cast<std::size_t>(i)]);
    const auto sigmaS0 = scalar(sig[static_cast<std::size_t>(i) - 1]);
    const auto alphaT = 1 - sigmaT;
    const auto h = lambdaOf(sigmaT) - lambdaOf(sigmaS0);
    const auto hh = -h;
    const auto hPhi1 = torch::expm1(hh);
    const auto bH = torch::expm1(hh);
    torch::Tensor rk, d1;
    if (order >= 2) {
        const auto lambdaS1 = lambdaOf(scalar(sig[static_cast<std::size_t>(i) - 2]));
        rk = (lambdaS1 - lambdaOf(sigmaS0)) / h;
        d1 = (m_outputs[0] - m0) / rk;
    }
    torch::Tensor rhos;
    if (order == 1) {
        rhos = torch::tensor({0.5f});
    } else {
        // R = [[1, 1], [rk, 1]], b_k = h_phi_k * k! / B(h); rho = R^-1 b.
        auto hPhiK = hPhi1 / hh - 1;
        std::vector<torch::Tensor> b;
        int factorial = 1;
        for (int k = 1; k <= order; ++k) {
            b.push_back(hPhiK * factorial / bH);
            factorial *= k + 1;
            hPhiK = hPhiK / hh - 1.0 / factorial;
        }
        const auto R = torch::stack(
            {torch::stack({scalar(1.0f), scalar(1.0f)}), torch::stack({rk, scalar(1.0f)})});
        rhos = torch::linalg_solve(R, torch::stack(b));
    }
    auto base = sigmaT / sigmaS0 * x - alphaT * hPhi1 * m0;
    auto res = rhos[-1] * (modelT - m0);
    if (order >= 2) res = rhos[0] * d1 + res;
    return base - alphaT * bH * res;
}

torch::Tensor sampleMultistep(FlowSolverKind kind, const torch::Tensor& noise,
                              const FlowSchedule& schedule, const VelocityFn& velocity,
                              const StepFn& onStep, const GivenFrames& given) {
    FlowSolver solver(kind, schedule);
    const int64_t b = noise.size(0), frames = noise.size(1);
    const auto timesOptions = torch::TensorOptions().dtype(torch::kDouble).device(noise.device());
    // Given frames: held at their latents with time 0, and put back after every step (the
    // solver steps the whole latent, so its history holds them as given).
    torch::Tensor keep, mask, frameScale = torch::ones({b, frames}, timesOptions);
    torch::Tensor x = noise;
    if (!given.empty()) {
        if (given.replace.defined() && given.replace.sum().item<double>() > 0.0)
            throw Error(
                "the multistep samplers hold given frames clean; replacing them needs euler");
        mask = given.mask.to(noise.options()).view({1, frames, 1, 1, 1});
        keep = 1.0 - mask;
        x = noise * keep + given.latents * mask;
        frameScale = (1.0 - given.mask.to(timesOptions)).view({1, frames}).expand({b, frames});
    }
    const int steps = schedule.steps();
    for (int i = 0; i < steps; ++i) {
        const double t = schedule.exact[static_cast<std::size_t>(i)];
        const auto v = velocity(x, frameScale * t);
        x = solver.step(v, x);
        if (mask.defined()) x = x * keep + given.latents * mask;
        if (onStep && !onStep(SamplerStep{
                          i + 1, steps, t,
                          static_cast<double>(schedule.sigmas[static_cast<std::size_t>(i) + 1]), x,
                          solver.lastX0()}))
            return {};
    }
    return x;
}

torch::Tensor classifierFreeGuidance(const torch::Tensor& cond, const torch::Tensor& uncond,
                                     double scale) {
    return uncond + scale * (cond - uncond);
}

}  // namespace kinora
