#pragma once

#include <functional>
#include <string>
#include <vector>

namespace kinora::wan {

/// @brief One compared tensor (or, for the tokenizer, one compared string or id list).
struct ParityCheck {
    std::string name;
    double maxError = 0;  ///< largest |ours - reference| (integers and strings: 0 or 1)
    double bound = 0;     ///< the fixture's tolerance for it
    bool passed = false;
    std::string note;  ///< why it failed, when it is not a number (shape, missing)
};

/// @brief The outcome of one fixture folder.
struct ParityResult {
    std::string fixture;            ///< folder name
    std::string dtype = "float32";  ///< the precision it ran in ("bf16": ParityOptions::bf16)
    bool passed = false;
    double outputError = 0;   ///< largest error over the output.* tensors
    double outputBound = 0;   ///< the fixture's bound for outputs
    double worstRatio = 0;    ///< largest error / bound over every compared tensor
    std::string worstTensor;  ///< where that ratio was reached
    std::string error;        ///< set when the fixture could not be run at all
    std::vector<ParityCheck> checks;
    double seconds = 0;
};

/// @brief Where and how the fixtures run.
struct ParityOptions {
    std::string device = "cpu";  ///< "cpu", "cuda", "cuda:1", ...
    /// The denoiser fixtures (dit_*) under bfloat16 autocast, as the official GPU pipeline
    /// runs them (matrix products and convolutions in bfloat16, the residual stream, norms
    /// and modulation in float32), their outputs against the looser bound kBf16Bound (the
    /// intermediates are not compared); the other fixtures stay in float32 against their
    /// own bounds.
    bool bf16 = false;
};

/// @brief The fixtures' README bound for a bfloat16 denoiser: the official code's own
/// outputs move by 1e-2 to 3e-2 when its linears run in bfloat16.
constexpr double kBf16Bound = 5e-2;

/// @brief Runs every fixture folder under `dir` (laid out like shared/parity/wan2.1: one
/// folder per fixture with config.json and io.safetensors, weights beside them) with our
/// implementation and compares every `inter.*` and `output.*` tensor with its bound from
/// config.json (`tolerance`). Fixtures are recognised by config.json's `fixture` field;
/// an unknown one fails. `progress` is called after each fixture. Torch-free API.
std::vector<ParityResult> runParity(const std::string& dir,
                                    const std::function<void(const ParityResult&)>& progress = {},
                                    const ParityOptions& options = {});

/// @brief Runs one fixture folder.
ParityResult runParityFixture(const std::string& folder, const ParityOptions& options = {});

}  // namespace kinora::wan
