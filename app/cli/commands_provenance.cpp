// kinora-cli detect / watermark-eval: the invisible watermark.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "commands.h"
#include "media/clip_writer.h"
#include "pipeline/engine.h"
#include "provenance/watermark.h"
#include "provenance/watermark_eval.h"
#include "util/error.h"
#include "world/captioner.h"
#include "world/renderer.h"
#include "world/scene_sampler.h"

namespace kinora::cli {

namespace {

std::string hexId(uint32_t id) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08x", id);
    return buf;
}

}  // namespace

int runDetect(const std::vector<std::string>& argv) {
    const Args args(argv, {{"fps"}, {"json"}, 1});
    if (args.positional().empty()) throw Error("usage: kinora-cli detect FILE [--json]");
    const std::string path = args.positional()[0];
    const Clip clip = readClip(path, args.integer("fps", 8, 1, 240));  // throws: exit 2
    const provenance::Detection d = provenance::detectWatermark(clip);
    if (args.flag("json")) {
        nlohmann::json j = {{"file", path},
                            {"found", d.found},
                            {"confidence", d.confidence},
                            {"sync_z", d.syncScore},
                            {"id_intact", d.found && d.crcOk},
                            {"frames", clip.frames.size()}};
        if (d.found && d.crcOk) j["id"] = hexId(d.id);
        std::cout << j.dump(2) << std::endl;
    } else if (!d.found) {
        std::printf("no Kinora watermark in %s (best sync z %.1f, needs 5)\n", path.c_str(),
                    d.syncScore);
    } else if (d.crcOk) {
        std::printf("made by Kinora: watermark id %s, confidence %.6f (sync z %.1f)\n",
                    hexId(d.id).c_str(), d.confidence, d.syncScore);
    } else {
        std::printf("made by Kinora (sync z %.1f, confidence %.6f), but the id is damaged\n",
                    d.syncScore, d.confidence);
    }
    return d.found ? 0 : 1;
}

int runWatermarkEval(const std::vector<std::string>& argv) {
    const Args args(argv, {{"count", "seed", "model", "out", "scratch"}, {"json", "quiet"}});
    const int count = args.integer("count", 50, 1, 10000);
    const uint64_t seed = static_cast<uint64_t>(args.integer("seed", 1, 0, 1 << 30));
    provenance::WatermarkOptions o;
    std::unique_ptr<Engine> engine;
    std::string source = "world renders (64x64, 96x64, 64x96; 17 frames)";
    // --model DIR generates the clips (an empty DIR: the embedded model).
    if (args.text("model", "\x01") != "\x01") {
        EngineOptions eo;
        eo.modelDir = args.text("model");
        eo.watermark = false;  // the evaluation marks (and leaves unmarked) clips itself
        engine = std::make_unique<Engine>(eo);
        source = "generations of " + engine->config().name + " (default clip)";
    }
    const auto make = [&](int i) -> Clip {
        const world::SceneSpec scene = world::sampleScene(seed * 100003 + uint64_t(i));
        if (!engine) return world::renderScene(scene);
        GenerationRequest r;
        r.prompt = "a scene";  // replaced below by the world's own caption of the scene
        r.seed = seed * 1000 + uint64_t(i);
        const auto captions = world::captionScene(scene, uint64_t(i), 1);
        if (!captions.empty()) r.prompt = captions.front();
        return engine->generate(r).clip;
    };
    const bool quiet = args.flag("quiet");
    const std::string scratch = args.text("scratch", "kinora-watermark-eval.tmp");
    provenance::WatermarkEvalReport report =
        provenance::evaluateWatermark(count, seed, make, scratch, o, [&](const std::string& line) {
            if (!quiet) std::fprintf(stderr, "\r%s   ", line.c_str());
        });
    if (!quiet) std::fprintf(stderr, "\n");
    report.source = source;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : report.rows)
        rows.push_back({{"attack", r.attack},
                        {"clips", r.clips},
                        {"detection_rate", r.detectionRate},
                        {"bit_accuracy", r.bitAccuracy},
                        {"id_exact", r.idExact}});
    const nlohmann::json j = {{"source", report.source},
                              {"amplitude", o.amplitude},
                              {"rows", rows},
                              {"unmarked_clips", report.unmarkedClips},
                              {"false_positive_rate", report.falsePositiveRate},
                              {"max_unmarked_sync_z", report.maxUnmarkedScore},
                              {"psnr_min_db", report.psnrMin},
                              {"psnr_mean_db", report.psnrMean}};
    if (!args.text("out").empty()) {
        std::ofstream out(args.text("out"));
        out << j.dump(2) << "\n";
        if (!out) throw Error(args.text("out") + ": cannot write");
    }
    if (args.flag("json")) {
        std::cout << j.dump(2) << std::endl;
    } else {
        std::printf("watermark on %d clips of %s\n", count, source.c_str());
        std::printf("%-18s %10s %13s %9s\n", "attack", "detected", "bit accuracy", "id exact");
        for (const auto& r : report.rows)
            std::printf("%-18s %10.3f %13.4f %9.3f\n", r.attack.c_str(), r.detectionRate,
                        r.bitAccuracy, r.idExact);
        std::printf("false positives: %.3f of %d unmarked clips (max sync z %.2f)\n",
                    report.falsePositiveRate, report.unmarkedClips, report.maxUnmarkedScore);
        std::printf("PSNR marked vs unmarked: min %.2f dB, mean %.2f dB\n", report.psnrMin,
                    report.psnrMean);
    }
    return 0;
}

}  // namespace kinora::cli
