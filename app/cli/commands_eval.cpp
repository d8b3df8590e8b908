#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "commands.h"
#include "util/atomic_file.h"
#include "util/error.h"

#ifdef KINORA_HAVE_OPENCV
#include "eval/analyser.h"
#include "eval/long_shot.h"
#include "eval/look_match.h"
#include "eval/suite.h"
#include "eval/suite_report.h"
#include "eval/word_sensitivity.h"
#include "media/clip_writer.h"
#include "models/kinora/kinora_model.h"
#include "models/registry.h"
#include "pipeline/engine.h"
#include "pipeline/long_clip.h"
#include "project/render.h"
#include "provenance/delivery.h"
#include "util/threads.h"
#include "world/appearance.h"
#include "world/renderer.h"
#endif

namespace kinora::cli {

#ifdef KINORA_HAVE_OPENCV
namespace {

// Prints a confusion table of a report ({intended: {n, accuracy, read_as}}).
void printConfusion(const char* title, const nlohmann::json& table) {
    std::printf("%s read as:\n", title);
    for (const auto& [intended, v] : table.items()) {
        std::printf("  %-10s %.2f of %3d:", intended.c_str(), v["accuracy"].get<double>(),
                    v["n"].get<int>());
        for (const auto& [read, count] : v["read_as"].items())
            std::printf(" %s %d", read.c_str(), count.get<int>());
        std::printf("\n");
    }
}

void printConfusions(const nlohmann::json& report) {
    printConfusion("shape (every character)", report["shape_confusion"]);
    printConfusion("motion (every character)", report["motion_confusion"]);
    printConfusion("camera (every clip)", report["camera_confusion"]);
}

void writeReport(const std::string& path, const nlohmann::json& report) {
    if (!path.empty())
        writeFileAtomically(path, [&](std::ostream& o) { o << report.dump(2) << '\n'; });
}

// Reconstruction quality of the model's autoencoder on the suite's world clips: the
// ceiling for every generated frame, and what image-to-video frame 0 can reach.
int evalAutoencoder(const Args& args, const std::vector<eval::SuiteItem>& items) {
    applyThreadLayout();
    const std::string dir = resolveModelPath(args.text("model"));
    const nlohmann::json j = eval::evaluateAutoencoder(dir, items);
    writeReport(args.text("out"), j);
    std::cout << j.dump(2) << std::endl;
    return 0;
}

// How much the denoiser's loss rises when one word of the caption is wrong: whether it
// has learned to listen to colour, shape, size and motion words at all.
int evalWords(const Args& args) {
    applyThreadLayout();
    const int clips = args.integer("limit", 64, 1, 100000);
    std::vector<double> levels = eval::kDefaultWordNoiseLevels;
    if (args.has("noise-levels")) {
        // A comma list, e.g. 0.9,0.95,0.99: where a direction word matters (near t = 1).
        levels.clear();
        std::stringstream list(args.text("noise-levels"));
        for (std::string item; std::getline(list, item, ',');) {
            char* end = nullptr;
            const double t = std::strtod(item.c_str(), &end);
            if (item.empty() || *end != '\0' || !(t > 0.0 && t <= 1.0))
                throw Error("--noise-levels: '" + item +
                            "' is not a noise level in (0, 1] (e.g. 0.5,0.7,0.9)");
            levels.push_back(t);
        }
        if (levels.empty() || levels.size() > 16)
            throw Error("--noise-levels takes 1 to 16 comma-separated levels");
    }
    const std::string dir = resolveModelPath(args.text("model"));
    KinoraModel model = loadModel(dir);
    model->eval();
    const auto result = eval::measureWordSensitivity(model, clips, 1, levels);
    nlohmann::json j = {{"model_dir", dir}, {"clips", clips}};
    std::printf("loss increase with one wrong word (%d clips)\n%-11s", clips, "word");
    for (double t : result.front().noiseLevels) std::printf("  t=%-5g", t);
    std::printf("   clips\n");
    for (const auto& s : result) {
        std::printf("%-11s", s.attribute.c_str());
        for (double v : s.relativeIncrease) std::printf(" %+7.1f%%", 100.0 * v);
        std::printf("   %5d\n", s.clips);
        j["relative_loss_increase"][s.attribute] = s.relativeIncrease;
        j["clips_measured"][s.attribute] = s.clips;
    }
    j["noise_levels"] = result.front().noiseLevels;
    writeReport(args.text("out"), j);
    if (args.flag("json")) std::cout << j.dump(2) << std::endl;
    return 0;
}

}  // namespace

int runEval(const std::vector<std::string>& argv) {
    const Args args(
        argv, {{"model", "suite", "out", "limit", "steps", "guidance", "threads", "noise-levels",
                "guidance-smoothing", "reference-guidance", "precision"},
               {"world", "json", "autoencoder", "words", "with-reference"}});
    if (args.flag("words")) return evalWords(args);
    const std::string suitePath = args.required("suite");
    const std::string out = args.text("out");
    const bool worldOnly = args.flag("world");
    auto items = eval::loadSuite(suitePath);
    const int limit = args.integer("limit", static_cast<int>(items.size()), 1, 1000000);
    if (static_cast<int>(items.size()) > limit) items.resize(static_cast<std::size_t>(limit));

    if (args.flag("autoencoder")) return evalAutoencoder(args, items);
    std::unique_ptr<Engine> engine;
    if (!worldOnly) {
        EngineOptions o;
        o.applyThreads = true;
        o.modelDir = args.text("model");
        o.threads.threads = args.integer("threads", 0, 0, 256);
        o.precision = args.text("precision", "auto");
        engine = std::make_unique<Engine>(o);
    }
    eval::SuiteRunOptions options;
    options.steps = args.optionalInteger("steps", 1, 1000);
    options.guidance = args.optionalNumber("guidance", 0.0, 100.0);
    options.guidanceSmoothing = args.optionalNumber("guidance-smoothing", 0.0, 0.5);
    options.withReference = args.flag("with-reference");
    if (options.withReference && worldOnly)
        throw Error("--with-reference needs a model, not --world");
    options.referenceGuidance = args.optionalNumber("reference-guidance", 0.0, 20.0);
    if (args.has("reference-guidance") && !options.withReference)
        throw Error("--reference-guidance needs --with-reference");
    const bool tty = isatty(STDERR_FILENO);
    if (tty)
        options.onItem = [](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\r%zu/%zu", done, total);
        };
    nlohmann::json report = eval::evaluateSuite(items, engine.get(), options);
    if (tty) std::fprintf(stderr, "\n");
    report["suite"] = suitePath;
    writeReport(out, report);
    const nlohmann::json& summary = report["summary"];
    if (args.flag("json")) {
        std::cout << summary.dump(2) << std::endl;
        return 0;
    }
    const nlohmann::json& counts = report["counts"];
    std::printf("%-14s %s\n", "dimension", "accuracy");
    for (const char* k : eval::kScoreDimensions)
        if (summary.contains(k))
            std::printf("%-14s %.3f  (n=%d)\n", k, summary[k].get<double>(), counts[k].get<int>());
    if (summary.contains("frame0_psnr_db"))
        std::printf("%-14s %.2f dB  (n=%d)\n", "frame0 PSNR",
                    summary["frame0_psnr_db"].get<double>(), counts["frame0_psnr_db"].get<int>());
    std::printf("%-14s %.4f of each frame (mean; clean: at most %.4f)\n", "stray pixels",
                summary["stray_fraction"].get<double>(), eval::kMaxStrayFraction);
    std::printf("%-14s %.2f (frame change across latent groups / the mean; 1 is even; by phase:",
                "judder", summary["judder"].get<double>());
    for (const auto& m : summary["frame_change_by_phase"]) std::printf(" %.2f", m.get<double>());
    std::printf(")\n");
    printConfusions(report);
    return 0;
}

int runSuite(const std::vector<std::string>& argv) {
    const Args args(argv, {{"count", "seed", "out"}, {}});
    const int count = args.integer("count", 220, 1, 100000);
    const auto seed = args.seed("seed").value_or(1000);
    const std::string out = args.required("out");
    const auto items = eval::makeHeldOutSuite(count, seed);
    writeFileAtomically(out, [&](std::ostream& o) {
        for (const auto& item : items) o << eval::toJson(item).dump() << '\n';
    });
    std::fprintf(stderr, "wrote %d held-out items to %s\n", count, out.c_str());
    return 0;
}
int runEvalLong(const std::vector<std::string>& argv) {
    const Args args(
        argv, {{"prompt", "seconds", "seed", "model", "steps", "out", "video", "overlap", "blend",
                "join", "extension-start", "candidates", "reference-guidance"},
               {"no-reference", "json", "clean-context"}});
    GenerationRequest request;
    request.prompt = args.text("prompt", "a big red ball bounces on the grass");
    request.seed = args.seed("seed").value_or(1);
    request.steps = args.optionalInteger("steps", 1, 1000);
    request.referenceGuidance = args.optionalNumber("reference-guidance", 0.0, 20.0);
    const double seconds = args.number("seconds", 60.0, 1.0, 600.0);
    const world::Appearance look = world::parseAppearance(request.prompt);
    if (!look.colour) throw Error("--prompt must name the character's colour");
    EngineOptions options;
    options.applyThreads = true;
    options.modelDir = args.text("model");
    Engine engine(options);
    const ModelInfo& cfg = engine.info();
    if (!args.flag("no-reference")) {
        project::Character c{"c", "C", request.prompt, {}, 0};
        request.references.push_back(project::characterReference(
            c, {cfg.defaults.width, cfg.defaults.height, cfg.defaults.fps}, "."));
    }
    const int frames = static_cast<int>(std::lround(seconds * cfg.defaults.fps));
    LongClipOptions longOptions;
    longOptions.overlapLatents = args.integer("overlap", longOptions.overlapLatents, 1, 64);
    longOptions.blendFrames = args.integer("blend", longOptions.blendFrames, 0, 64);
    const std::string join = args.text("join", "frames");
    if (join != "latent" && join != "frames")
        throw Error("--join must be latent or frames, not '" + join + "'");
    longOptions.latentJoin = join == "latent";
    longOptions.replaceContext = !args.flag("clean-context");
    longOptions.extensionStart =
        args.number("extension-start", longOptions.extensionStart, 0.01, 1.0);
    const int candidates = args.integer("candidates", 1, 1, 16);
    if (candidates > 1) {
        if (request.references.empty())
            throw Error("--candidates matches the character's reference; drop --no-reference");
        eval::matchLook(longOptions, request.references.front(), candidates);
    }
    const auto made = generateLongClip(engine, request, frames, {}, longOptions);
    const auto r =
        eval::measureLongShot(made.result.clip, made.windowStarts, look, made.blendFrames);
    nlohmann::json readings = nlohmann::json::array();
    for (const auto& w : r.readings)
        readings.push_back({{"start", w.start},
                            {"frame", w.frame},
                            {"colour_found", w.colourFound},
                            {"shape", w.shape},
                            {"holds", w.holds},
                            {"frames_holding", w.framesHolding}});
    if (args.has("video")) writeClip(made.result.clip, args.text("video"));
    const nlohmann::json j = {{"prompt", request.prompt},
                              {"model", engine.modelDir()},
                              {"frames", made.result.clip.frames.size()},
                              {"windows", r.windows},
                              {"seconds_generating", made.result.timings.totalSeconds},
                              {"cross_window_consistency", r.crossWindowConsistency},
                              {"frame_consistency", r.frameConsistency},
                              {"seam_difference", r.seamDifference},
                              {"within_difference", r.withinDifference},
                              {"worst_seam_difference", r.worstSeamDifference},
                              {"within_p95_difference", r.withinP95Difference},
                              {"reference", !args.flag("no-reference")},
                              {"overlap_latents", longOptions.overlapLatents},
                              {"join", join},
                              {"extension_start", longOptions.extensionStart},
                              {"replace_context", longOptions.replaceContext},
                              {"blend_frames", made.blendFrames},
                              {"candidates", longOptions.candidates},
                              {"reference_guidance", made.result.referenceGuidance},
                              {"window_readings", readings}};
    if (args.has("out"))
        writeFileAtomically(args.text("out"), [&](std::ostream& o) { o << j.dump(2) << '\n'; });
    if (args.flag("json")) {
        std::cout << j.dump(2) << std::endl;
    } else {
        std::printf("long shot      %zu frames in %d windows, %.1f s\n",
                    made.result.clip.frames.size(), r.windows, made.result.timings.totalSeconds);
        std::printf("cross-window   %.3f (windows showing the character's colour and shape)\n",
                    r.crossWindowConsistency);
        std::printf("frames         %.3f (frames showing them)\n", r.frameConsistency);
        std::printf(
            "frame change   at joins %.2f, within windows %.2f (p95 %.2f), worst join %.2f\n",
            r.seamDifference, r.withinDifference, r.withinP95Difference, r.worstSeamDifference);
    }
    return 0;
}
#else
int runEvalLong(const std::vector<std::string>&) {
    throw Error("eval-long needs a build with OpenCV");
}
int runEval(const std::vector<std::string>&) {
    throw Error("eval needs a build with OpenCV");
}
int runSuite(const std::vector<std::string>&) {
    throw Error("suite needs a build with OpenCV");
}
#endif

}  // namespace kinora::cli
