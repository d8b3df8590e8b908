#include "eval/suite_report.h"

#include <torch/torch.h>

#include "eval/long_shot.h"
#include "models/kinora/kinora_model.h"
#include "pipeline/engine.h"
#include "pipeline/tensor_image.h"
#include "util/error.h"
#include "world/renderer.h"

namespace kinora::eval {

namespace {

// Sums of one dimension's scores.
struct Totals {
    std::map<std::string, std::pair<double, int>> byName;
    void add(const ClipScores& scores, nlohmann::json* record = nullptr) {
        for (const auto& [name, value] : scoresByName(scores)) {
            if (!value) continue;
            if (record) (*record)[name] = *value;
            byName[name].first += *value;
            byName[name].second += 1;
        }
    }
    void addTo(nlohmann::json& summary, nlohmann::json& counts) const {
        for (const char* d : kScoreDimensions) {
            const auto it = byName.find(d);
            if (it == byName.end()) continue;
            summary[d] = it->second.first / it->second.second;
            counts[d] = it->second.second;
        }
    }
};

GenerationRequest itemRequest(const SuiteItem& item, const SuiteRunOptions& options,
                              const Image& given) {
    GenerationRequest r;
    r.prompt = item.prompt;
    r.seed = item.seed;
    r.width = item.scene.width;
    r.height = item.scene.height;
    r.frames = item.scene.frames;
    r.steps = options.steps;
    r.guidance = options.guidance;
    r.guidanceSmoothing = options.guidanceSmoothing;
    r.referenceGuidance = options.referenceGuidance;
    if (item.imageToVideo) r.firstFrame = given;
    if (options.withReference)
        for (std::size_t c = 0; c < item.scene.characters.size() && c < 2; ++c) {
            const world::SceneSpec& s = item.scene;
            r.references.push_back(world::renderFrame(
                world::referenceStill(s.characters[c], s.width, s.height, s.fps, s.seed), 0));
        }
    return r;
}

// What the analyser read of one clip, for the report's per-item list.
nlohmann::json itemRecord(const SuiteItem& item, const ClipScores& scores) {
    nlohmann::json rec = {{"id", item.id}, {"prompt", item.prompt}};
    nlohmann::json read = nlohmann::json::array();
    for (const auto& shape : scores.shapesRead)
        read.push_back(shape ? world::name(*shape) : "none");
    rec["shapes_read"] = read;
    nlohmann::json motions = nlohmann::json::array();
    for (const auto m : scores.motionsRead) motions.push_back(world::name(m));
    rec["motions_read"] = motions;
    rec["camera_read"] = world::name(scores.cameraRead);
    rec["stray_fraction"] = scores.strayFraction;
    return rec;
}

}  // namespace

std::map<std::string, std::optional<double>> scoresByName(const ClipScores& s) {
    return {{"colour", s.colour}, {"shape", s.shape},           {"size", s.size},
            {"motion", s.motion}, {"background", s.background}, {"count", s.count},
            {"camera", s.camera}, {"permanence", s.permanence}, {"consistency", s.consistency},
            {"clean", s.clean}};
}

nlohmann::json Confusion::toJson() const {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [intended, reads] : m_counts) {
        int n = 0;
        for (const auto& [read, count] : reads) n += count;
        const auto right = reads.count(intended) ? reads.at(intended) : 0;
        j[intended] = {{"n", n}, {"accuracy", static_cast<double>(right) / n}, {"read_as", reads}};
    }
    return j;
}

void Confusions::add(const world::SceneSpec& scene, const ClipScores& scores) {
    for (std::size_t i = 0; i < scene.characters.size(); ++i) {
        if (i < scores.shapesRead.size()) {
            const auto& read = scores.shapesRead[i];
            shape.add(world::name(scene.characters[i].shape), read ? world::name(*read) : "none");
        }
        if (i < scores.motionsRead.size())
            motion.add(world::name(scene.characters[i].motion), world::name(scores.motionsRead[i]));
    }
    if (scores.camera) camera.add(world::name(scene.camera), world::name(scores.cameraRead));
}

void Confusions::addTo(nlohmann::json& report) const {
    report["shape_confusion"] = shape.toJson();
    report["motion_confusion"] = motion.toJson();
    report["camera_confusion"] = camera.toJson();
}

nlohmann::json evaluateSuite(const std::vector<SuiteItem>& items, Engine* engine,
                             const SuiteRunOptions& options) {
    if (items.empty()) throw Error("the suite has no items");
    if (options.withReference && engine == nullptr)
        throw Error("references need a model, not the world's own clips");
    ClipAnalyser analyser;
    Totals totals;
    double psnrSum = 0.0, straySum = 0.0;
    int psnrCount = 0;
    nlohmann::json perItem = nlohmann::json::array();
    Confusions confusions;
    FrameChangeByPhase phases(engine ? engine->info().temporalFactor : 4);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const SuiteItem& item = items[i];
        const Image given = item.imageToVideo ? world::renderFrame(item.scene, 0) : Image{};
        const Clip clip = engine ? engine->generate(itemRequest(item, options, given)).clip
                                 : world::renderScene(item.scene);
        const ClipScores scores = analyser.score(clip, item.scene);
        confusions.add(item.scene, scores);
        phases.add(clip);
        nlohmann::json rec = itemRecord(item, scores);
        straySum += scores.strayFraction;
        totals.add(scores, &rec);
        if (item.imageToVideo) {
            const double p = psnr(clip.frames.at(0), given);
            rec["frame0_psnr_db"] = p;
            psnrSum += p;
            ++psnrCount;
        }
        perItem.push_back(std::move(rec));
        if (options.onItem) options.onItem(i + 1, items.size());
    }
    nlohmann::json summary = nlohmann::json::object(), counts = nlohmann::json::object();
    totals.addTo(summary, counts);
    if (psnrCount > 0) {
        summary["frame0_psnr_db"] = psnrSum / psnrCount;
        counts["frame0_psnr_db"] = psnrCount;
    }
    summary["stray_fraction"] = straySum / static_cast<double>(items.size());
    summary["judder"] = phases.judder();
    summary["frame_change_by_phase"] = phases.means();
    nlohmann::json report = {
        {"items", items.size()},
        {"model", engine ? engine->modelDir() : std::string("world renderer (calibration)")},
        {"with_reference", options.withReference},
        {"summary", summary},
        {"counts", counts},
        {"per_item", perItem}};
    confusions.addTo(report);
    return report;
}

nlohmann::json evaluateAutoencoder(const std::string& modelDir,
                                   const std::vector<SuiteItem>& items) {
    if (items.empty()) throw Error("the suite has no items");
    KinoraModel model = loadModel(modelDir);
    c10::InferenceMode guard;
    double all = 0.0, first = 0.0;
    int frames = 0;
    ClipAnalyser analyser;
    Totals totals;
    Confusions confusions;
    const int group = model->config().vae.temporalFactor;
    FrameChangeByPhase worldPhases(group), reconPhases(group);
    for (const auto& item : items) {
        const Clip clip = world::renderScene(item.scene);
        auto video = imagesToTensor(clip.frames).unsqueeze(0);
        // A decoder that reads captions reads the item's prompt, as a generation's does.
        auto recon = model->vae->decode(model->vae->encode(video).first,
                                        model->decoderText({item.prompt}))[0];
        Clip reconClip;
        reconClip.fps = clip.fps;
        reconClip.frames = tensorToImages(recon);
        for (std::size_t t = 0; t < reconClip.frames.size(); ++t) {
            const double p = psnr(reconClip.frames[t], clip.frames[t]);
            all += p;
            if (t == 0) first += p;
            ++frames;
        }
        worldPhases.add(clip);
        reconPhases.add(reconClip);
        const ClipScores scores = analyser.score(reconClip, item.scene);
        confusions.add(item.scene, scores);
        totals.add(scores);
    }
    nlohmann::json scores = nlohmann::json::object(), counts = nlohmann::json::object();
    totals.addTo(scores, counts);
    nlohmann::json j = {
        {"model_dir", modelDir},
        {"clips", items.size()},
        {"psnr_db", all / frames},
        {"frame0_psnr_db", first / static_cast<double>(items.size())},
        {"analyser_on_reconstructions", scores},
        {"frame_change_by_phase",
         {{"world", worldPhases.means()}, {"reconstructions", reconPhases.means()}}},
        {"judder", {{"world", worldPhases.judder()}, {"reconstructions", reconPhases.judder()}}}};
    confusions.addTo(j);
    return j;
}

}  // namespace kinora::eval
