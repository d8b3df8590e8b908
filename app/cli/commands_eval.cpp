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
#include "eval/word_sensitivity.h"
#include "media/clip_writer.h"
#include "model/kinora_model.h"
#include "pipeline/engine.h"
#include "pipeline/long_clip.h"
#include "project/render.h"
#include "train/batch_source.h"
#include "util/threads.h"
#include "world/appearance.h"
#include "world/renderer.h"
#endif

namespace kinora::cli {

#ifdef KINORA_HAVE_OPENCV
namespace {

const char* const kDimensions[] = {"colour", "shape",  "size",       "motion",      "background",
                                   "count",  "camera", "permanence", "consistency", "clean"};

std::map<std::string, std::optional<double>> asMap(const eval::ClipScores& s) {
    return {{"colour", s.colour}, {"shape", s.shape},           {"size", s.size},
            {"motion", s.motion}, {"background", s.background}, {"count", s.count},
            {"camera", s.camera}, {"permanence", s.permanence}, {"consistency", s.consistency},
            {"clean", s.clean}};
}

// What the analyser read for each intended value (every character of every clip; the
// camera once per clip): where a score is lost, e.g. stars drawn as blobs that read as
// circles, or falls that never come to rest and read as moving down.
class Confusion {
public:
    void add(const std::string& intended, const std::string& read) { ++m_counts[intended][read]; }
    nlohmann::json toJson() const {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& [intended, reads] : m_counts) {
            int n = 0;
            for (const auto& [read, count] : reads) n += count;
            const auto right = reads.count(intended) ? reads.at(intended) : 0;
            j[intended] = {
                {"n", n}, {"accuracy", static_cast<double>(right) / n}, {"read_as", reads}};
        }
        return j;
    }
    void print(const char* title) const {
        std::printf("%s read as:\n", title);
        const nlohmann::json table = toJson();
        for (const auto& [intended, v] : table.items()) {
            std::printf("  %-10s %.2f of %3d:", intended.c_str(), v["accuracy"].get<double>(),
                        v["n"].get<int>());
            for (const auto& [read, count] : v["read_as"].items())
                std::printf(" %s %d", read.c_str(), count.get<int>());
            std::printf("\n");
        }
    }

private:
    std::map<std::string, std::map<std::string, int>> m_counts;
};

// The shape, motion and camera confusions of one evaluation.
struct Confusions {
    Confusion shape, motion, camera;
    void add(const world::SceneSpec& scene, const eval::ClipScores& scores) {
        for (std::size_t i = 0; i < scene.characters.size(); ++i) {
            if (i < scores.shapesRead.size()) {
                const auto& read = scores.shapesRead[i];
                shape.add(world::name(scene.characters[i].shape),
                          read ? world::name(*read) : "none");
            }
            if (i < scores.motionsRead.size())
                motion.add(world::name(scene.characters[i].motion),
                           world::name(scores.motionsRead[i]));
        }
        if (scores.camera) camera.add(world::name(scene.camera), world::name(scores.cameraRead));
    }
    void addTo(nlohmann::json& j) const {
        j["shape_confusion"] = shape.toJson();
        j["motion_confusion"] = motion.toJson();
        j["camera_confusion"] = camera.toJson();
    }
    void print() const {
        shape.print("shape (every character)");
        motion.print("motion (every character)");
        camera.print("camera (every clip)");
    }
};

// Reconstruction quality of the model's autoencoder on the suite's world clips: the
// ceiling for every generated frame, and what image-to-video frame 0 can reach.
int evalAutoencoder(const Args& args, const std::vector<eval::SuiteItem>& items) {
    applyThreadLayout();
    const std::string dir = args.text("model").empty() ? defaultModelDir() : args.text("model");
    KinoraModel model = loadModel(dir);
    c10::InferenceMode guard;
    double all = 0.0, first = 0.0;
    int frames = 0;
    // The analyser on the reconstructions: the most any generation can score per dimension.
    eval::ClipAnalyser analyser;
    std::map<std::string, std::pair<double, int>> totals;
    Confusions confusions;
    const int group = static_cast<int>(model->manifest().config.vae.temporalFactor);
    eval::FrameChangeByPhase worldPhases(group), reconPhases(group);
    for (const auto& item : items) {
        const Clip clip = world::renderScene(item.scene);
        Clip reconClip;
        reconClip.fps = clip.fps;
        auto video = train::clipToTensor(clip).unsqueeze(0);
        // A decoder that reads captions reads the item's prompt, as a generation's does.
        auto recon = model->vae->decode(model->vae->encode(video).first,
                                        model->decoderText({item.prompt}))[0];
        auto u8 = ((recon.clamp(-1, 1) + 1) * 127.5)
                      .round()
                      .to(torch::kUInt8)
                      .permute({0, 2, 3, 1})
                      .contiguous();
        for (int64_t t = 0; t < u8.size(0); ++t) {
            Image img(clip.width(), clip.height());
            std::memcpy(img.rgb.data(), u8[t].data_ptr(), img.rgb.size());
            const double p = eval::psnr(img, clip.frames[static_cast<std::size_t>(t)]);
            all += p;
            if (t == 0) first += p;
            ++frames;
            reconClip.frames.push_back(std::move(img));
        }
        worldPhases.add(clip);
        reconPhases.add(reconClip);
        const auto itemScores = analyser.score(reconClip, item.scene);
        confusions.add(item.scene, itemScores);
        for (const auto& [name, value] : asMap(itemScores))
            if (value) {
                totals[name].first += *value;
                totals[name].second += 1;
            }
    }
    nlohmann::json scores = nlohmann::json::object();
    for (const char* d : kDimensions)
        if (totals.count(d)) scores[d] = totals[d].first / totals[d].second;
    nlohmann::json j = {
        {"model_dir", dir},
        {"clips", items.size()},
        {"psnr_db", all / frames},
        {"frame0_psnr_db", first / static_cast<double>(items.size())},
        {"analyser_on_reconstructions", scores},
        {"frame_change_by_phase",
         {{"world", worldPhases.means()}, {"reconstructions", reconPhases.means()}}},
        {"judder", {{"world", worldPhases.judder()}, {"reconstructions", reconPhases.judder()}}}};
    confusions.addTo(j);
    if (!args.text("out").empty())
        writeFileAtomically(args.text("out"), [&](std::ostream& o) { o << j.dump(2) << '\n'; });
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
    const std::string dir = args.text("model").empty() ? defaultModelDir() : args.text("model");
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
    if (!args.text("out").empty())
        writeFileAtomically(args.text("out"), [&](std::ostream& o) { o << j.dump(2) << '\n'; });
    if (args.flag("json")) std::cout << j.dump(2) << std::endl;
    return 0;
}

}  // namespace

int runEval(const std::vector<std::string>& argv) {
    const Args args(argv, {{"model", "suite", "out", "limit", "steps", "guidance", "threads",
                            "noise-levels", "guidance-smoothing", "reference-guidance"},
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
        o.modelDir = args.text("model");
        o.threads.threads = args.integer("threads", 0, 0, 256);
        engine = std::make_unique<Engine>(o);
    }
    const int steps = args.integer("steps", 0, 1, 1000);
    const double guidance = args.number("guidance", -1.0, 0.0, 100.0);
    const double guidanceSmoothing = args.number("guidance-smoothing", -1.0, 0.0, 0.5);
    // Each character's look given as a reference image (the world's still of it on gray,
    // as a project renders a character without a picture): how well the model keeps a
    // character it is shown, which is what persistent characters across shots rest on.
    const bool withReference = args.flag("with-reference");
    if (withReference && worldOnly) throw Error("--with-reference needs a model, not --world");
    const double referenceGuidance = args.number("reference-guidance", -1.0, 0.0, 20.0);
    if (args.has("reference-guidance") && !withReference)
        throw Error("--reference-guidance needs --with-reference");
    eval::ClipAnalyser analyser;
    std::map<std::string, std::pair<double, int>> totals;
    double psnrSum = 0.0, straySum = 0.0;
    int psnrCount = 0;
    nlohmann::json perItem = nlohmann::json::array();
    Confusions confusions;
    eval::FrameChangeByPhase phases(
        worldOnly ? 4 : static_cast<int>(engine->config().vae.temporalFactor));
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        Clip clip;
        Image given;
        if (item.imageToVideo) given = world::renderFrame(item.scene, 0);
        if (worldOnly) {
            clip = world::renderScene(item.scene);
        } else {
            GenerationRequest r;
            r.prompt = item.prompt;
            r.seed = item.seed;
            r.width = item.scene.width;
            r.height = item.scene.height;
            r.frames = item.scene.frames;
            r.steps = steps;
            r.guidance = guidance;
            r.guidanceSmoothing = guidanceSmoothing;
            r.referenceGuidance = referenceGuidance;
            if (item.imageToVideo) r.firstFrame = given;
            if (withReference)
                for (std::size_t c = 0; c < item.scene.characters.size() && c < 2; ++c)
                    r.references.push_back(
                        world::renderScene(train::referenceScene(item.scene, c)).frames.at(0));
            clip = engine->generate(r).clip;
        }
        const auto clipScores = analyser.score(clip, item.scene);
        confusions.add(item.scene, clipScores);
        phases.add(clip);
        const auto scores = asMap(clipScores);
        nlohmann::json rec = {{"id", item.id}, {"prompt", item.prompt}};
        nlohmann::json read = nlohmann::json::array();
        for (const auto& shape : clipScores.shapesRead)
            read.push_back(shape ? world::name(*shape) : "none");
        rec["shapes_read"] = read;
        nlohmann::json motions = nlohmann::json::array();
        for (const auto m : clipScores.motionsRead) motions.push_back(world::name(m));
        rec["motions_read"] = motions;
        rec["camera_read"] = world::name(clipScores.cameraRead);
        rec["stray_fraction"] = clipScores.strayFraction;
        straySum += clipScores.strayFraction;
        for (const auto& [k, v] : scores) {
            if (!v) continue;
            rec[k] = *v;
            totals[k].first += *v;
            totals[k].second += 1;
        }
        if (item.imageToVideo) {
            const double p = eval::psnr(clip.frames.at(0), given);
            rec["frame0_psnr_db"] = p;
            psnrSum += p;
            ++psnrCount;
        }
        perItem.push_back(rec);
        if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\r%zu/%zu", i + 1, items.size());
    }
    if (isatty(STDERR_FILENO)) std::fprintf(stderr, "\n");
    nlohmann::json summary = nlohmann::json::object();
    for (const char* k : kDimensions)
        if (totals.count(k)) summary[k] = totals[k].first / totals[k].second;
    if (psnrCount > 0) summary["frame0_psnr_db"] = psnrSum / psnrCount;
    summary["stray_fraction"] = straySum / static_cast<double>(items.size());
    summary["judder"] = phases.judder();
    summary["frame_change_by_phase"] = phases.means();
    nlohmann::json report = {
        {"suite", suitePath},
        {"items", items.size()},
        {"model", worldOnly ? "world renderer (calibration)" : engine->modelDir()},
        {"with_reference", withReference},
        {"summary", summary},
        {"per_item", perItem}};
    confusions.addTo(report);
    if (!out.empty())
        writeFileAtomically(out, [&](std::ostream& o) { o << report.dump(2) << '\n'; });
    if (args.flag("json")) {
        std::cout << summary.dump(2) << std::endl;
    } else {
        std::printf("%-14s %s\n", "dimension", "accuracy");
        for (const char* k : kDimensions)
            if (summary.contains(k))
                std::printf("%-14s %.3f  (n=%d)\n", k, summary[k].get<double>(), totals[k].second);
        if (psnrCount > 0)
            std::printf("%-14s %.2f dB  (n=%d)\n", "frame0 PSNR", psnrSum / psnrCount, psnrCount);
        std::printf("%-14s %.4f of each frame (mean; clean: at most %.4f)\n", "stray pixels",
                    summary["stray_fraction"].get<double>(), eval::kMaxStrayFraction);
        const auto byPhase = phases.means();
        std::printf(
            "%-14s %.2f (frame change across latent groups / the mean; 1 is even; by phase:",
            "judder", phases.judder());
        for (double m : byPhase) std::printf(" %.2f", m);
        std::printf(")\n");
        confusions.print();
    }
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
    request.steps = args.integer("steps", 0, 1, 1000);
    request.referenceGuidance = args.number("reference-guidance", -1.0, 0.0, 20.0);
    const double seconds = args.number("seconds", 60.0, 1.0, 600.0);
    const world::Appearance look = world::parseAppearance(request.prompt);
    if (!look.colour) throw Error("--prompt must name the character's colour");
    EngineOptions options;
    options.modelDir = args.text("model");
    Engine engine(options);
    const ModelConfig& cfg = engine.config();
    if (!args.flag("no-reference")) {
        project::Character c{"c", "C", request.prompt, "", 0};
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
