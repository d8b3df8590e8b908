#include "models/wan/parity.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include "models/wan/wan_clip.h"
#include "models/wan/wan_dit.h"
#include "models/wan/wan_t5.h"
#include "models/wan/wan_ti2v.h"
#include "models/wan/wan_tokenizer.h"
#include "models/wan/wan_vace.h"
#include "models/wan/wan_vae.h"
#include "models/wan/wan_weights.h"
#include "sampler/flow_solvers.h"
#include "util/autocast.h"
#include "util/device.h"
#include "util/error.h"
#include "util/files.h"
#include "weights/safetensors.h"

namespace kinora::wan {

namespace fs = std::filesystem;
using Tensors = std::map<std::string, torch::Tensor>;

namespace {

nlohmann::json readJson(const fs::path& path) {
    const std::string text = readRegularFile(path.string(), 64u << 20);
    try {
        return nlohmann::json::parse(text);
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
// `label` non-empty: a second way to the same numbers (other weight names, another file
// format); only its outputs are compared, reported as "label: name".
void compare(ParityResult& r, const Tensors& reference, const Tensors& ours,
             const nlohmann::json& tolerance, const std::string& label) {
    const double outBound = tolerance.value("outputs_max_abs_error", 0.0);
    const auto perTensor = tolerance.value("per_tensor_max_abs_error", nlohmann::json::object());
    r.outputBound = outBound;
    for (const auto& [name, ref] : reference) {
        const bool isOutput = name.rfind("output.", 0) == 0;
        if (!isOutput && (!label.empty() || name.rfind("inter.", 0) != 0 ||
                          tolerance.value("outputs_only", false)))
            continue;
        ParityCheck c;
        c.name = label.empty() ? name : label + ": " + name;
        c.bound = perTensor.contains(name) ? perTensor[name].get<double>() : outBound;
        const auto it = ours.find(name);
        if (it == ours.end() && !label.empty()) continue;
        if (it == ours.end()) {
            c.note = "not produced";
            c.maxError = INFINITY;
        } else {
            auto mine = it->second.detach().to(torch::kCPU);
            if (mine.sizes() != ref.sizes()) {
                c.note = "shape " + shapeString(mine.sizes()) + ", reference " +
                         shapeString(ref.sizes());
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
            r.worstTensor = c.name;
        }
        r.checks.push_back(c);
    }
}

// ---- fixtures -------------------------------------------------------------------------

// A runner gives our numbers for the fixture, once or several times (labelled ways).
using Runs = std::vector<std::pair<std::string, Tensors>>;

// Where a runner computes: the device, and whether the denoiser runs under bf16 autocast.
struct Where {
    torch::Device device = torch::kCPU;
    bool bf16 = false;

    torch::Tensor on(const torch::Tensor& t) const { return t.defined() ? t.to(device) : t; }
    std::vector<torch::Tensor> on(std::vector<torch::Tensor> v) const {
        for (auto& t : v) t = on(t);
        return v;
    }
};

// The TI2V-5B pipeline (WanTI2V.i2v / .t2v) on the fixture's tiny denoiser and VAE: the
// first frame's latent held in latent frame 0 (per-token timestep 0 there), re-imposed
// after every step of a solver that steps the whole latent.
void runTi2vPipelines(const fs::path& dir, const nlohmann::json& pipelines, const Tensors& io,
                      const Where& where, const WanDiT& dit, Tensors& ours) {
    for (const auto& [name, p] : pipelines.items()) {
        const std::string P = "inter." + name + ".";
        WanWeights vaeWeights({openShared(dir / p.at("weights").at("vae").get<std::string>())},
                              vaeName, "VAE");
        WanVAE vae(vaeWeights);
        vaeWeights.finish();
        vae.to(where.device);
        const bool i2v = p.at("mode").get<std::string>() == "i2v";
        // The noise comes from the official code's generator: an input here.
        const auto noise = where.on(need(io, P + "noise"));
        ours[P + "noise"] = noise;
        torch::Tensor z, keep;  // the image latent, and 1 where the latent is generated
        keep = torch::ones_like(noise);
        if (i2v) {
            // The size is ours to find; the resized image is the fixture's (PIL's Lanczos).
            const auto wh = p.at("image_wh").get<std::vector<int64_t>>();
            const auto size =
                ti2vOutputSize(wh.at(0), wh.at(1), 32, 32, p.at("max_area").get<int64_t>());
            const auto expected = p.at("best_output_size_wh").get<std::vector<int64_t>>();
            if (size.first != expected.at(0) || size.second != expected.at(1))
                throw Error(name + ": output size " + std::to_string(size.first) + "x" +
                            std::to_string(size.second) + ", the official code's " +
                            std::to_string(expected.at(0)) + "x" + std::to_string(expected.at(1)));
            const auto image = where.on(need(io, P + "image"));
            ours[P + "image"] = image;
            z = vae.encode(image);
            ours[P + "z"] = z;
            keep.select(1, 0).zero_();
        }
        const int64_t f = noise.size(1), h = noise.size(2), w = noise.size(3);
        const int64_t seqLen = f * (h / dit.config().patchH) * (w / dit.config().patchW);
        ours[P + "seq_len"] = torch::tensor({seqLen}, torch::kLong);
        auto latent = i2v ? (1 - keep) * z + keep * noise : noise.clone();
        const int steps = p.at("sampling_steps").get<int>();
        const auto kind = parseSolver(p.at("solver").get<std::string>());
        FlowSolver solver(kind, flowSchedule(kind, steps, p.at("shift").get<double>()));
        ours[P + "timesteps"] = torch::tensor(solver.schedule().timesteps, torch::kLong);
        const auto context = where.on(need(io, "input." + name + ".context"));
        const auto contextNull = where.on(need(io, "input." + name + ".context_null"));
        for (int s = 0; s < steps; ++s) {
            const std::string S = P + "step" + std::to_string(s) + ".";
            const double t = static_cast<double>(solver.schedule().timesteps[std::size_t(s)]);
            DiTInputs in;
            in.x = {latent};
            in.seqLen = seqLen;
            in.t = ti2vTokenTimesteps(keep, t, seqLen, dit.config().patchH, dit.config().patchW);
            in.context = {context};
            const auto c = dit.forward(in)[0];
            in.context = {contextNull};
            const auto u = dit.forward(in)[0];
            const auto v = classifierFreeGuidance(c, u, p.at("guide_scale").get<double>());
            ours[S + "latent_in"] = latent;
            ours[S + "t_tokens"] = in.t;
            ours[S + "cond"] = c;
            ours[S + "uncond"] = u;
            ours[S + "noise_pred"] = v;
            const auto stepped = solver.step(v.unsqueeze(0), latent.unsqueeze(0)).squeeze(0);
            ours[S + "scheduler_out"] = stepped;
            latent = i2v ? (1 - keep) * z + keep * stepped : stepped;
        }
        ours["output." + name + ".x0"] = latent;
        ours["output." + name + ".video"] = vae.decode(latent).clamp(-1, 1);
    }
}

Runs runDiT(const fs::path& dir, const nlohmann::json& config, const Tensors& io,
            const Where& where) {
    const auto& hp = config.at("hyperparameters");
    WanWeights weights({openShared(dir / "weights.safetensors")}, ditName, "denoiser");
    std::vector<int64_t> vaceLayers;
    if (hp.contains("vace_layers")) vaceLayers = hp["vace_layers"].get<std::vector<int64_t>>();
    const auto cfg = DiTConfig::fromWeights(weights, hp.value("num_heads", 0),
                                            hp.value("text_len", 0), vaceLayers);
    WanDiT dit(weights, cfg);
    weights.finish();
    dit.to(where.device);
    DiTInputs in;
    in.x = where.on(list(io, "input.x."));
    in.t = where.on(need(io, "input.t"));
    in.context = where.on(list(io, "input.context."));
    in.seqLen = need(io, "input.seq_len").item<int64_t>();
    if (io.count("input.clip_fea")) in.clipFea = where.on(io.at("input.clip_fea"));
    in.y = where.on(list(io, "input.y."));
    in.vaceContext = where.on(list(io, "input.vace_context."));
    if (io.count("input.vace_context_scale"))
        in.vaceScale = io.at("input.vace_context_scale").item<double>();
    else if (hp.contains("vace_context_scale"))
        in.vaceScale = hp["vace_context_scale"].get<double>();
    Trace trace;
    std::vector<torch::Tensor> out;
    {
        Bf16Autocast autocast(where.device.type(), where.bf16);
        out = dit.forward(in, &trace);
    }
    Tensors ours(trace.begin(), trace.end());
    for (std::size_t i = 0; i < out.size(); ++i) ours["output." + std::to_string(i)] = out[i];
    if (io.count("input.scalar_t.x")) {
        // Wan 2.2 given one integer timestep: it stands for every token.
        DiTInputs one;
        one.x = {where.on(io.at("input.scalar_t.x"))};
        one.context = {where.on(io.at("input.scalar_t.context"))};
        one.seqLen = io.at("input.scalar_t.seq_len").item<int64_t>();
        one.t = where.on(io.at("input.scalar_t.t")).reshape({1, 1}).expand({1, one.seqLen});
        Trace scalarTrace;
        {
            Bf16Autocast autocast(where.device.type(), where.bf16);
            ours["output.scalar_t"] = dit.forward(one, &scalarTrace).at(0);
        }
        for (const auto& [name, t] : scalarTrace)
            ours["inter.scalar_t." + name.substr(std::string("inter.").size())] = t;
    }
    const auto derived = config.value("derived", nlohmann::json::object());
    if (derived.contains("pipelines") && !where.bf16)
        runTi2vPipelines(dir, derived["pipelines"], io, where, dit, ours);
    return {{"", ours}};
}

// The CLIP image tower: each case C is one call with the images input.C.image.*.
Runs runClipVision(const fs::path& dir, const nlohmann::json& config, const Tensors& io,
                   const Where& where) {
    const auto& hp = config.at("hyperparameters");
    WanWeights weights({openShared(dir / "weights.safetensors")}, clipName, "image encoder");
    ClipVision clip(weights, ClipVisionConfig::fromWeights(weights, hp.value("vision_heads", 0)));
    weights.finish();
    clip.to(where.device);
    Tensors ours;
    for (int c = 0;; ++c) {
        const std::string C = std::to_string(c);
        const auto images = where.on(list(io, "input." + C + ".image."));
        if (images.empty()) break;
        Trace trace;
        ours["output." + C + ".features"] = clip.forward(images, &trace, true);
        for (const auto& [name, t] : trace) ours["inter." + C + "." + name] = t;
    }
    return {{"", ours}};
}

Runs runT5(const fs::path& dir, const nlohmann::json&, const Tensors& io, const Where& where) {
    const auto& ids = need(io, "input.ids");
    const auto& mask = need(io, "input.mask");
    auto run = [&](const fs::path& file, bool withTrace) {
        auto weights = std::make_shared<WanWeights>(
            std::vector<std::shared_ptr<TensorFile>>{openShared(file)}, t5Name, "text encoder");
        UMT5Encoder encoder(weights);
        weights->finish();
        encoder.to(where.device);
        Trace trace;
        Tensors ours;
        const auto hidden = encoder.forward(ids, mask, withTrace ? &trace : nullptr);
        ours.insert(trace.begin(), trace.end());
        ours["output.hidden"] = hidden;
        const auto contexts = encoder.encode(ids, mask);
        for (std::size_t b = 0; b < contexts.size(); ++b)
            ours["output.context." + std::to_string(b)] = contexts[b];
        return ours;
    };
    Runs runs;
    runs.emplace_back("", run(dir / "weights_official.safetensors", true));
    if (fs::exists(dir / "weights_hf_umt5.safetensors"))
        runs.emplace_back("Hugging Face names", run(dir / "weights_hf_umt5.safetensors", false));
    if (fs::exists(dir / "weights_official.pth"))
        runs.emplace_back("PyTorch archive", run(dir / "weights_official.pth", false));
    return runs;
}

Runs runSchedulers(const fs::path&, const nlohmann::json& config, const Tensors& io, const Where&) {
    Tensors ours;
    const auto& noise = need(io, "input.noise");
    const auto runs = config.at("hyperparameters").at("runs");
    // The toy velocity fields of the fixture (t: the integer timestep of the step).
    auto toy = [](const std::string& name, const torch::Tensor& x, int64_t t) {
        const double u = static_cast<double>(t) / 1000.0;
        if (name == "toyA") return 0.3 * x - (0.1 * torch::sin(x)) * static_cast<float>(u);
        return torch::sin(2.5 * x) * static_cast<float>(2.0 * u * u) - 0.5 * x;
    };
    for (const auto& run : runs) {
        const double shift = run.at(0).get<double>();
        const int steps = run.at(1).get<int>();
        // The fixture's own spelling of the run ("shift5_steps50"), found by value.
        char buf[64];
        std::snprintf(buf, sizeof buf, "shift%g_steps%d", shift, steps);
        std::string tag = buf;
        static const std::regex key(R"(output\.\w+\.shift([0-9.eE+-]+)_steps(\d+)\.sigmas)");
        for (const auto& [name, t] : io) {
            std::smatch m;
            if (std::regex_match(name, m, key) && std::stoi(m[2].str()) == steps &&
                std::abs(std::stod(m[1].str()) - shift) < 1e-9)
                tag = "shift" + m[1].str() + "_steps" + m[2].str();
        }
        for (const auto kind :
             {FlowSolverKind::UniPC, FlowSolverKind::DPMpp, FlowSolverKind::Euler}) {
            const std::string solver = kind == FlowSolverKind::DPMpp ? "dpmpp" : solverName(kind);
            const std::string base = solver + "." + tag;
            const auto schedule = flowSchedule(kind, steps, shift);
            ours["output." + base + ".sigmas"] = torch::tensor(schedule.sigmas);
            ours["output." + base + ".timesteps"] = torch::tensor(schedule.timesteps, torch::kLong);
            for (const std::string field : {"toyA", "toyB"}) {
                FlowSolver solverRun(kind, schedule);
                auto x = noise.clone();
                std::vector<torch::Tensor> latents, velocities, x0s;
                std::vector<int64_t> orders;
                for (int i = 0; i < steps; ++i) {
                    const auto v = toy(field, x, schedule.timesteps[static_cast<std::size_t>(i)]);
                    x = solverRun.step(v, x);
                    velocities.push_back(v);
                    latents.push_back(x);
                    x0s.push_back(solverRun.lastX0());
                    orders.push_back(solverRun.lastOrder());
                }
                const std::string key = base + "." + field;
                ours["output." + key + ".latents"] = torch::stack(latents);
                ours["inter." + key + ".velocities"] = torch::stack(velocities);
                ours["inter." + key + ".x0_pred"] = torch::stack(x0s);
                ours["inter." + key + ".predictor_order"] = torch::tensor(orders, torch::kLong);
            }
        }
    }
    // Guidance: output.cfg.guide<scale> for every scale the fixture holds.
    if (io.count("input.cfg.cond") && io.count("input.cfg.uncond")) {
        static const std::regex guide(R"(output\.cfg\.guide([0-9.]+))");
        for (const auto& [name, t] : io) {
            std::smatch m;
            if (std::regex_match(name, m, guide))
                ours[name] = classifierFreeGuidance(
                    io.at("input.cfg.cond"), io.at("input.cfg.uncond"), std::stod(m[1].str()));
        }
    }
    return {{"", ours}};
}

Runs runVAE(const fs::path& dir, const nlohmann::json&, const Tensors& io, const Where& where) {
    auto run = [&](const fs::path& file, bool withTrace) {
        WanWeights weights({openShared(file)}, vaeName, "VAE");
        WanVAE vae(weights);
        weights.finish();
        vae.to(where.device);
        Tensors ours;
        const auto videos = list(io, "input.video.");
        for (std::size_t i = 0; i < videos.size(); ++i) {
            const std::string n = std::to_string(i);
            Trace enc, dec;
            const auto latent = vae.encode(videos[i], withTrace ? &enc : nullptr);
            const auto decoded = vae.decode(latent, withTrace ? &dec : nullptr);
            for (auto* t : {&enc, &dec})
                for (const auto& [name, value] : *t) ours["inter." + n + name.substr(5)] = value;
            ours["output." + n + ".latent"] = latent;
            ours["inter." + n + ".decoded_unclamped"] = decoded;
            ours["output." + n + ".decoded"] = decoded.clamp(-1, 1);
        }
        return ours;
    };
    Runs runs;
    runs.emplace_back("", run(dir / "weights.safetensors", true));
    if (fs::exists(dir / "weights.pth"))
        runs.emplace_back("PyTorch archive", run(dir / "weights.pth", false));
    return runs;
}

Runs runVacePrep(const fs::path& dir, const nlohmann::json& config, const Tensors& io,
                 const Where& where) {
    std::string weightsFile = "../vae/weights.safetensors";
    const auto derived = config.value("derived", nlohmann::json::object());
    if (derived.contains("vae_weights")) weightsFile = derived["vae_weights"].get<std::string>();
    WanWeights weights({openShared(dir / weightsFile)}, vaeName, "VAE");
    WanVAE vae(weights);
    weights.finish();
    vae.to(where.device);
    Tensors ours;
    for (int i = 0;; ++i) {
        const std::string n = std::to_string(i);
        if (!io.count("input." + n + ".frames")) break;
        std::vector<torch::Tensor> refs;
        if (io.count("input." + n + ".ref")) refs.push_back(where.on(io.at("input." + n + ".ref")));
        for (int k = 0; io.count("input." + n + ".ref." + std::to_string(k)); ++k)
            refs.push_back(where.on(io.at("input." + n + ".ref." + std::to_string(k))));
        const auto c = buildVaceContext(vae, where.on(io.at("input." + n + ".frames")),
                                        where.on(need(io, "input." + n + ".mask")), refs);
        ours["output." + n + ".z0"] = c.latents;
        ours["output." + n + ".m0"] = c.mask;
        ours["output." + n + ".vace_context"] = c.context;
    }
    return {{"", ours}};
}

// tokenizer -> umT5 -> DiT with classifier-free guidance -> UniPC -> VAE, as WanT2V.generate.
Runs runPipeline(const fs::path& dir, const nlohmann::json& config, const Tensors& io,
                 const Where& where) {
    const auto& hp = config.at("hyperparameters");
    const auto& derived = config.at("derived");
    const auto files = derived.at("weights");
    const fs::path ditFile = dir / files.at("dit").get<std::string>();
    const int64_t textLen = hp.at("text_len").get<int64_t>();
    Tensors ours;

    WanTokenizer tokenizer((dir / files.at("tokenizer").get<std::string>()).string());
    const auto cond = tokenizer.tokenize(hp.at("prompt").get<std::string>(), textLen);
    const auto null = tokenizer.tokenize(hp.at("n_prompt").get<std::string>(), textLen);
    ours["inter.ids_cond"] = torch::tensor(cond.ids, torch::kLong);
    ours["inter.mask_cond"] = torch::tensor(cond.mask, torch::kLong);
    ours["inter.ids_null"] = torch::tensor(null.ids, torch::kLong);
    ours["inter.mask_null"] = torch::tensor(null.mask, torch::kLong);

    auto t5Weights = std::make_shared<WanWeights>(
        std::vector<std::shared_ptr<TensorFile>>{
            openShared(dir / files.at("t5").get<std::string>())},
        t5Name, "text encoder");
    UMT5Encoder t5(t5Weights);
    t5Weights->finish();
    t5.to(where.device);
    const auto ids = torch::stack({ours["inter.ids_cond"], ours["inter.ids_null"]});
    const auto mask = torch::stack({ours["inter.mask_cond"], ours["inter.mask_null"]});
    const auto contexts = t5.encode(ids, mask);
    ours["inter.context_cond"] = contexts[0];
    ours["inter.context_null"] = contexts[1];

    // The denoiser's head count lives in its own fixture's config.
    int64_t numHeads = 0;
    if (fs::exists(ditFile.parent_path() / "config.json"))
        numHeads = readJson(ditFile.parent_path() / "config.json")
                       .at("hyperparameters")
                       .value("num_heads", 0);
    WanWeights ditWeights({openShared(ditFile)}, ditName, "denoiser");
    const auto ditConfig = DiTConfig::fromWeights(ditWeights, numHeads, textLen);
    WanDiT dit(ditWeights, ditConfig);
    ditWeights.finish();
    dit.to(where.device);

    auto latent = where.on(need(io, "input.noise")).clone();
    const int steps = hp.at("sampling_steps").get<int>();
    const double guide = hp.at("guide_scale").get<double>();
    const auto kind = parseSolver(derived.value("solver", std::string("unipc")));
    FlowSolver solver(kind, flowSchedule(kind, steps, hp.at("shift").get<double>()));
    ours["inter.timesteps"] = torch::tensor(solver.schedule().timesteps, torch::kLong);
    ours["inter.sigmas"] = torch::tensor(solver.schedule().sigmas);
    const int64_t seqLen =
        latent.size(1) * (latent.size(2) / ditConfig.patchH) * (latent.size(3) / ditConfig.patchW);
    ours["inter.seq_len"] = torch::tensor({seqLen}, torch::kLong);
    std::vector<torch::Tensor> predCond, predUncond, pred, after;
    for (int i = 0; i < steps; ++i) {
        DiTInputs in;
        in.x = {latent};
        in.t =
            torch::tensor({solver.schedule().timesteps[static_cast<std::size_t>(i)]}, torch::kLong);
        in.seqLen = seqLen;
        in.context = {contexts[0]};
        const auto c = dit.forward(in)[0];
        in.context = {contexts[1]};
        const auto u = dit.forward(in)[0];
        const auto v = classifierFreeGuidance(c, u, guide);
        latent = solver.step(v.unsqueeze(0), latent.unsqueeze(0)).squeeze(0);
        predCond.push_back(c);
        predUncond.push_back(u);
        pred.push_back(v);
        after.push_back(latent);
    }
    ours["inter.noise_pred_cond"] = torch::stack(predCond);
    ours["inter.noise_pred_uncond"] = torch::stack(predUncond);
    ours["inter.noise_pred"] = torch::stack(pred);
    ours["inter.latents_after_step"] = torch::stack(after);
    ours["output.latent"] = latent;

    WanWeights vaeWeights({openShared(dir / files.at("vae").get<std::string>())}, vaeName, "VAE");
    WanVAE vae(vaeWeights);
    vaeWeights.finish();
    vae.to(where.device);
    const auto video = vae.decode(latent);
    ours["inter.decoded_unclamped"] = video;
    ours["output.video"] = video.clamp(-1, 1);
    return {{"", ours}};
}

// The tokenizer fixture compares strings and id lists, not tensors.
void runTokenizer(const fs::path& dir, const nlohmann::json& config, ParityResult& r) {
    const auto cases = readJson(dir / "cases.json");
    const int64_t defaultLen =
        config.value("hyperparameters", nlohmann::json::object()).value("seq_len", 16);
    r.passed = true;
    int n = 0;
    auto check = [&](const std::string& name, bool equal, const std::string& note) {
        ParityCheck c;
        c.name = name;
        c.maxError = equal ? 0 : 1;
        c.passed = equal;
        if (!equal) {
            c.note = note;
            r.passed = false;
            r.worstRatio = INFINITY;
            r.worstTensor = name;
        }
        r.checks.push_back(c);
    };
    auto show = [](const std::vector<int64_t>& v) {
        std::string s = "[";
        for (std::size_t i = 0; i < v.size() && i < 24; ++i)
            s += (i ? "," : "") + std::to_string(v[i]);
        return s + (v.size() > 24 ? ",...]" : "]");
    };
    for (const auto& model : cases.at("models")) {
        const std::string file = model.at("model_file").get<std::string>();
        WanTokenizer tok((dir / file).string());
        const auto stem = fs::path(file).stem().string();
        for (const auto& c : model.at("cases")) {
            const std::string id = stem + "#" + std::to_string(n++ % 1000);
            const std::string raw = c.at("raw").get<std::string>();
            const std::string cleaned = cleanPrompt(raw);
            if (c.contains("cleaned"))
                check(id + ".cleaned", cleaned == c["cleaned"].get<std::string>(),
                      "got '" + cleaned + "'");
            if (c.contains("pieces"))
                check(id + ".pieces",
                      tok.pieces(cleaned) == c["pieces"].get<std::vector<std::string>>(),
                      "pieces differ");
            const auto ids = tok.ids(cleaned);
            if (c.contains("ids"))
                check(id + ".ids", ids == c["ids"].get<std::vector<int64_t>>(), "got " + show(ids));
            if (c.contains("ids_of_raw_uncleaned")) {
                const auto rawIds = tok.ids(raw);
                check(id + ".ids_of_raw_uncleaned",
                      rawIds == c["ids_of_raw_uncleaned"].get<std::vector<int64_t>>(),
                      "got " + show(rawIds));
            }
            if (c.contains("decoded")) {
                const auto decoded = tok.decode(ids);
                check(id + ".decoded", decoded == c["decoded"].get<std::string>(),
                      "got '" + decoded + "'");
            }
            for (auto it = c.begin(); it != c.end(); ++it) {
                const std::string key = it.key();
                const std::string idsKey = "model_input_ids_len";
                if (key.rfind(idsKey, 0) != 0) continue;
                const int64_t len = std::stoll(key.substr(idsKey.size()));
                const auto t = tok.tokenize(raw, len > 0 ? len : defaultLen);
                check(id + "." + key, t.ids == it->get<std::vector<int64_t>>(),
                      "got " + show(t.ids));
                const std::string maskKey = "model_input_mask_len" + key.substr(idsKey.size());
                if (c.contains(maskKey))
                    check(id + "." + maskKey, t.mask == c[maskKey].get<std::vector<int64_t>>(),
                          "got " + show(t.mask));
            }
        }
    }
}

using Runner =
    std::function<Runs(const fs::path&, const nlohmann::json&, const Tensors&, const Where&)>;

const std::map<std::string, Runner>& runners() {
    static const std::map<std::string, Runner> r = {
        {"dit_t2v", runDiT},
        {"dit_i2v", runDiT},
        {"dit_vace", runDiT},
        {"t5", runT5},
        {"schedulers", runSchedulers},
        {"vae", runVAE},
        {"vace_prep", runVacePrep},
        {"pipeline_t2v", runPipeline},
        {"clip_vision", runClipVision},
        {"dit_ti2v", runDiT},
        {"vae22", runVAE},
    };
    return r;
}

}  // namespace

ParityResult runParityFixture(const std::string& folder, const ParityOptions& options) {
    ParityResult r;
    const fs::path dir(folder);
    r.fixture = dir.filename().string();
    const auto start = std::chrono::steady_clock::now();
    try {
        torch::NoGradGuard noGrad;
        const auto config = readJson(dir / "config.json");
        const std::string kind = config.value("fixture", r.fixture);
        if (kind == "tokenizer") {
            runTokenizer(dir, config, r);
            r.seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            return r;
        }
        const auto it = runners().find(kind);
        if (it == runners().end())
            throw Error("no implementation checks fixture kind '" + kind + "'");
        const Tensors io =
            fs::exists(dir / "io.safetensors") ? readTensors(dir / "io.safetensors") : Tensors{};
        Where where;
        where.device = parseDevice(options.device);
        // bf16 is the denoiser's GPU precision; the fixtures of the other parts stay float32.
        where.bf16 = options.bf16 && kind.rfind("dit_", 0) == 0;
        auto tolerance = config.value("tolerance", nlohmann::json::object());
        if (where.bf16) {
            r.dtype = "bf16";
            tolerance["outputs_max_abs_error"] = kBf16Bound;
            tolerance["per_tensor_max_abs_error"] = nlohmann::json::object();
            tolerance["outputs_only"] = true;  // the bound the README gives is for outputs
        }
        r.passed = true;
        for (const auto& [label, ours] : it->second(dir, config, io, where))
            compare(r, io, ours, tolerance, label);
    } catch (const std::exception& e) {
        r.passed = false;
        r.error = e.what();
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

std::vector<ParityResult> runParity(const std::string& dir,
                                    const std::function<void(const ParityResult&)>& progress,
                                    const ParityOptions& options) {
    if (!fs::is_directory(dir)) throw Error(dir + ": not a folder");
    parseDevice(options.device);  // an unusable device fails once, before any fixture
    std::vector<fs::path> folders;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_directory() && fs::exists(e.path() / "config.json")) folders.push_back(e.path());
    std::sort(folders.begin(), folders.end());
    if (folders.empty()) throw Error(dir + ": holds no fixture folders (with a config.json)");
    std::vector<ParityResult> results;
    for (const auto& f : folders) {
        results.push_back(runParityFixture(f.string(), options));
        if (progress) progress(results.back());
    }
    return results;
}

}  // namespace kinora::wan
