// kinora-cli render: a storyboard project to takes and a film.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "commands.h"
#include "media/clip_writer.h"
#include "pipeline/engine.h"
#include "progress_bar.h"
#include "project/project.h"
#include "project/render.h"
#include "util/error.h"

namespace kinora::cli {

namespace {
std::atomic<bool> g_renderInterrupted{false};
extern "C" void onRenderInterrupt(int) {
    g_renderInterrupted.store(true);
}
}  // namespace

int runRender(const std::vector<std::string>& argv) {
    const Args args(argv, {{"out", "model", "device", "threads"}, {"force", "quiet", "json"}, 1});
    if (args.positional().empty())
        throw Error("usage: kinora-cli render PROJECT.kinora [--out film.mp4] [--force]");
    const std::string path = args.positional()[0];
    project::Project doc = project::loadProject(path);
    const std::string film = args.text("out");
    if (!film.empty()) clipFormatForPath(film);

    EngineOptions options;
    options.modelDir = args.text("model", doc.settings.model);
    options.device = args.text("device", "cpu");
    options.threads.threads = args.integer("threads", 0, 0, 256);
    Engine engine(options);

    const bool quiet = args.flag("quiet");
    ProgressBar bar(!quiet);
    project::RenderOptions ro;
    ro.force = args.flag("force");
    ro.filmPath = film;
    ro.cancel = &g_renderInterrupted;
    ro.onMessage = [&](const std::string& line) {
        bar.finish();
        if (!quiet) std::fprintf(stderr, "%s\n", line.c_str());
    };
    ro.onProgress = [&](const project::RenderProgress& p) { bar.update(p.step); };
    std::signal(SIGINT, onRenderInterrupt);
    std::signal(SIGTERM, onRenderInterrupt);
    const project::RenderReport report = project::renderProject(doc, path, engine, ro);
    bar.finish();
    if (args.flag("json")) {
        nlohmann::json j = {{"project", path},           {"rendered", report.rendered},
                            {"skipped", report.skipped}, {"cancelled", report.cancelled},
                            {"film", report.film},       {"film_frames", report.filmFrames}};
        nlohmann::json takes = nlohmann::json::array();
        for (const auto& s : doc.shots) {
            const project::Take* t = s.selected();
            takes.push_back({{"shot", s.id},
                             {"take", t ? t->id : ""},
                             {"frames", t ? t->frames : ""},
                             {"file", t ? t->file : ""}});
        }
        j["takes"] = takes;
        std::cout << j.dump(2) << std::endl;
    }
    if (report.cancelled) {
        std::fprintf(stderr, "kinora-cli: interrupted; %d shot(s) rendered and kept in %s\n",
                     report.rendered, path.c_str());
        return 130;
    }
    if (!quiet && !args.flag("json"))
        std::fprintf(stderr, "rendered %d shot(s), %d already had a take\n", report.rendered,
                     report.skipped);
    return 0;
}

}  // namespace kinora::cli
