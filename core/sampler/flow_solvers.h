#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "sampler/flow_sampler.h"

namespace kinora {

/// @brief The flow-matching solvers of the Wan releases: UniPC (the default; multistep,
/// order 2, bh2, predicting x0, UniC corrector), DPM-Solver++ (2M, midpoint) and Euler.
enum class FlowSolverKind { UniPC, DPMpp, Euler };
const char* solverName(FlowSolverKind kind);
/// @brief "unipc", "dpm++" (also "dpmpp"), "euler". Throws Error naming the choices.
FlowSolverKind parseSolver(const std::string& name);

/// @brief Noise levels (steps + 1, float32, ending at 0) and the integer timesteps the
/// denoiser sees (steps), computed in float64 as the reference does before rounding.
struct FlowSchedule {
    std::vector<float> sigmas;
    std::vector<int64_t> timesteps;
    std::vector<double> exact;  ///< the float64 noise levels the timesteps come from (steps)
    int steps() const { return static_cast<int>(timesteps.size()); }
};

/// @brief The schedule a solver uses: UniPC starts from the training schedule's largest
/// sigma held in float32 (0.999 for 1000 training steps); DPM++ and Euler from exactly 1.
/// Both are warped by the shift s: s x / (1 + (s - 1) x).
FlowSchedule flowSchedule(FlowSolverKind kind, int steps, double shift, int trainTimesteps = 1000);

/// @brief One sampling run of a solver: call `step` once per timestep, in order, with the
/// denoiser's velocity (noise - data) at the current sample.
class FlowSolver {
public:
    FlowSolver(FlowSolverKind kind, FlowSchedule schedule);
    FlowSolverKind kind() const { return m_kind; }
    const FlowSchedule& schedule() const { return m_schedule; }
    /// @brief Index of the next step (0 before the first).
    int index() const { return m_index; }
    /// @brief Advances the sample by one step. Throws past the last step.
    torch::Tensor step(const torch::Tensor& velocity, const torch::Tensor& sample);
    /// @brief The data prediction of the last step (sample - sigma v).
    const torch::Tensor& lastX0() const { return m_lastX0; }
    /// @brief The order the predictor used in the last step (1 or 2).
    int lastOrder() const { return m_lastOrder; }

private:
    torch::Tensor uniPredictor(const torch::Tensor& x, int order) const;
    torch::Tensor uniCorrector(const torch::Tensor& modelT, const torch::Tensor& x,
                               const torch::Tensor& xT, int order) const;

    FlowSolverKind m_kind;
    FlowSchedule m_schedule;
    int m_index = 0;
    int m_lowerOrderNums = 0;
    int m_thisOrder = 1;
    int m_lastOrder = 1;
    torch::Tensor m_outputs[2];  // previous and latest x0 predictions
    torch::Tensor m_lastSample;
    torch::Tensor m_lastX0;
};

/// @brief Samples from `noise` (t = 1) to data with a multistep solver over `schedule`.
/// The velocity function sees frame times [B, T] in float64 holding the step's exact noise
/// level, so a model that needs the reference's integer timestep gets it as
/// int64(t * 1000). Given frames are not supported (they need the Euler sampler).
/// @return the final latents, or an undefined tensor if `onStep` stopped it.
/// Given frames (`given`, held clean: `replace` unsupported) start as their latents, are
/// shown to the model at time 0 and are put back after every step, as Wan 2.2 TI2V's
/// release holds its first frame.
torch::Tensor sampleMultistep(FlowSolverKind kind, const torch::Tensor& noise,
                              const FlowSchedule& schedule, const VelocityFn& velocity,
                              const StepFn& onStep = {}, const GivenFrames& given = {});

/// @brief Classifier-free guidance as the reference computes it.
torch::Tensor classifierFreeGuidance(const torch::Tensor& cond, const torch::Tensor& uncond,
                                     double scale);

}  // namespace kinora
