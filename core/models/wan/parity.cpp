#include "models/wan/parity.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "models/wan/wan_dit.h"
#include "models/wan/wan_weights.h"
#include "util/error.h"
#include "weights/safetensors.h"

namespace kinora::wan {

namespace fs = std::filesystem;
using Tensors = std::map<std::string, torch::Tensor>;

namespace {

nlohmann::json readJson(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw Error(path.string() + ": cannot read");
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path.string() + ": not valid JSON: " + e.what());
    }
}

Tensors readTensors(const fs::path& path) {
    SafetensorsFile file(path.string());
    Tensors out;
    for (const auto& e : file.entries()) out[e.name] = file.load(e.name);
    return out;
}

const torch::Tensor& need(const Tensors& t, const std::string& name) {
    const auto it = t.find(name);
    if (it == t.end()) throw Error("io.safetensors lacks '" + name + "'");
    return it->second;
}

std::vector<torch::Tensor> list(const Tensors& t, const std::string& prefix) {
    std::vector<torch::Tensor> out;
    for (int i = 0;; ++i) {
        const auto it = t.find(prefix + std::to_string(i));
        if (it == t.end()) break;
        out.push_back(it->second);
    }
    return out;
}

std::shared_ptr<TensorFile> openShared(const fs::path& path) {
    return std::shared_ptr<TensorFile>(openTensorFile(path.string()));
}

// Compares what we produced with every inter./output. tensor of the fixture.
void compare(ParityResult& r, const Tensors& reference, const Tensors& ours,
             const nlohmann::json& tolerance) {
    const double outBound = tolerance.value("outputs_max_abs_error", 0.0);
    const auto perTensor = tolerance.value("per_tensor_max_abs_error", nlohmann::json::object());
    r.outputBound = outBound;
    r.passed = true;
    for (const auto& [name, ref] : reference) {
        const bool isOutput = name.rfind("output.", 0) == 0;
        if (!isOutput && name.rfind("inter.", 0) != 0) continue;
        ParityCheck c;
        c.name = name;
        c.bound = perTensor.contains(name) ? perTensor[name].get<double>() : outBound;
        const auto it = ours.find(name);
        if (it == ours.end()) {
            c.note = "not produced";
            c.maxError = INFINITY;
        } else {
            auto mine = it->second.detach().to(torch::kCPU);
            if (mine.sizes() != ref.sizes()) {
                c.note = "shape " + shapeString(mine.sizes()) + ", reference " + shapeString(ref.sizes());
                c.maxError = INFINITY;
            } else if (!ref.is_floating_point()) {
                c.bound = 0;
                c.maxError = torch::equal(mine.to(ref.scalar_type()), ref) ? 0.0 : 1.0;
                if (c.maxError > 0) c.note = "integers differ";
            } else if (ref.numel() == 0) {
                c.maxError = 0;
            } else {
                const auto diff = (mine.to(torch::kDouble) - ref.to(torch::kDouble)).abs();
                c.maxError = diff.max().item<double>();
                if (std::isnan(c.maxError) || diff.isnan().any().item<bool>()) {
                    c.maxError = INFINITY;
                    c.note = "NaN";
                }
            }
        }
        c.passed = c.maxError <= c.bound;
        if (!c.passed) r.passed = false;
        if (isOutput) r.outputError = std::max(r.outputError, c.maxError);
        const double ratio = c.bound > 0 ? c.maxError / c.bound : (c.maxError > 0 ? INFINITY : 0.0);
        if (ratio > r.worstRatio || r.worstTensor.empty()) {
            r.worstRatio = ratio;
            r.worstTensor = name;
        }
        r.checks.push_back(c);
    }
}

// ---- fixtures -------------------------------------------------------------------------

Tensors runDiT(const fs::path& dir, const nlohmann::json& config, const Tensors& io) {
    const auto& hp = config.at("hyperparameters");
    WanWeights weights({openShared(dir / "weights.safetensors")}, ditName, "denoiser");
    std::vector<int64_t> vaceLayers;
    if (hp.contains("vace_layers")) vaceLayers = hp["vace_layers"].get<std::vector<int64_t>>();
    const auto cfg = DiTConfig::fromWeights(weights, hp.value("num_heads", 0),
                                            hp.value("text_len", 0), vaceLayers);
    WanDiT dit(weights, cfg);
    weights.finish();
    DiTInputs in;
    in.x = list(io, "input.x.");
    in.t = need(io, "input.t");
    in.context = list(io, "input.context.");
    in.seqLen = need(io, "input.seq_len").item<int64_t>();
    if (io.count("input.clip_fea")) in.clipFea = io.at("input.clip_fea");
    in.y = list(io, "input.y.");
    in.vaceContext = list(io, "input.vace_context.");
    if (io.count("input.vace_context_scale"))
        in.vaceScale = io.at("input.vace_context_scale").item<double>();
    else if (hp.contains("vace_context_scale"))
        in.vaceScale = hp["vace_context_scale"].get<double>();
    Trace trace;
    const auto out = dit.forward(in, &trace);
    Tensors ours(trace.begin(), trace.end());
    for (std::size_t i = 0; i < out.size(); ++i) ours["output." + std::to_string(i)] = out[i];
    return ours;
}

using Runner = std::function<Tensors(const fs::path&, const nlohmann::json&, const Tensors&)>;

const std::map<std::string, Runner>& runners() {
    static const std::map<std::string, Runner> r = {
        {"dit_t2v", runDiT},
        {"dit_i2v", runDiT},
        {"dit_vace", runDiT},
    };
    return r;
}

}  // namespace

ParityResult runParityFixture(const std::string& folder) {
    ParityResult r;
    const fs::path dir(folder);
    r.fixture = dir.filename().string();
    const auto start = std::chrono::steady_clock::now();
    try {
        torch::NoGradGuard noGrad;
        const auto config = readJson(dir / "config.json");
        const std::string kind = config.value("fixture", r.fixture);
        const auto it = runners().find(kind);
        if (it == runners().end()) throw Error("no implementation checks fixture kind '" + kind + "'");
        const Tensors io = fs::exists(dir / "io.safetensors") ? readTensors(dir / "io.safetensors") : Tensors{};
        const Tensors ours = it->second(dir, config, io);
        compare(r, io, ours, config.value("tolerance", nlohmann::json::object()));
    } catch (const std::exception& e) {
        r.passed = false;
        r.error = e.what();
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

std::vector<ParityResult> runParity(const std::string& dir,
                                    const std::function<void(const ParityResult&)>& progress) {
    if (!fs::is_directory(dir)) throw Error(dir + ": not a folder");
    std::vector<fs::path> folders;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_directory() && fs::exists(e.path() / "config.json")) folders.push_back(e.path());
    std::sort(folders.begin(), folders.end());
    if (folders.empty()) throw Error(dir + ": holds no fixture folders (with a config.json)");
    std::vector<ParityResult> results;
    for (const auto& f : folders) {
        results.push_back(runParityFixture(f.string()));
        if (progress) progress(results.back());
    }
    return results;
}

}  // namespace kinora::wan
