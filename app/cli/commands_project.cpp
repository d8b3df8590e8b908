// kinora-cli render: a storyboard project to takes and a film.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "cli_args.h"
#include "commands.h"
#ifdef KINORA_HAVE_OPENCV
#include "eval/look_match.h"
#endif
#include "export/storyboard_export.h"
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
    const Args args(argv, {{"out", "model", "device", "threads", "prompt-list", "candidates"},
                           {"force", "quiet", "json"},
                           1});
    if (args.positional().empty())
        throw Error("usage: kinora-cli render PROJECT.kinora [--out film.mp4] [--force]");
    const std::string path = args.positional()[0];
    project::Project doc = project::loadProject(path);
    const std::string film = args.text("out");
    if (!film.empty()) clipFormatForPath(film);

    EngineOptions options;
    options.applyThreads = true;
    options.modelDir = args.text("model", doc.settings.model);
    options.device = args.text("device", "cpu");
    options.threads.threads = args.integer("threads", 0, 0, 256);
    options.promptList = args.text("prompt-list");
    Engine engine(options);

    const bool quiet = args.flag("quiet");
    ProgressBar bar(!quiet);
    project::RenderOptions ro;
    ro.force = args.flag("force");
    ro.lookCandidates = args.integer("candidates", 1, 1, 16);
#ifdef KINORA_HAVE_OPENCV
    ro.lookJudge = eval::lookJudge;
#endif
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

namespace kinora::cli {

int runExportTimeline(const std::vector<std::string>& argv) {
    const Args args(
        argv,
        {{"out", "format", "rate", "codec", "size", "scale", "media-root"}, {"quiet", "json"}, 1});
    if (args.positional().empty() || args.text("out").empty())
        throw Error(
            "usage: kinora-cli export-timeline PROJECT.kinora --out DIR [--format "
            "fcpxml,xmeml,edl,otio,mlt,kdenlive,shotcut|all] [--rate 24] [--media-root DIR]");
    const std::string path = args.positional()[0];
    const project::Project doc = project::loadProject(path);
    std::string formatsText = args.text("format", "all");
    if (formatsText == "all") formatsText = "fcpxml,xmeml,edl,otio,mlt,kdenlive,shotcut";
    std::vector<timeline::Format> formats;
    for (std::size_t start = 0; start <= formatsText.size();) {
        const std::size_t comma = std::min(formatsText.find(',', start), formatsText.size());
        formats.push_back(timeline::parseFormat(formatsText.substr(start, comma - start)));
        start = comma + 1;
    }
    const timeline::FrameRate rate = timeline::parseFrameRate(args.text("rate", "24"));
    timeline::MediaOptions media;
    media.codec = args.text("codec", "h264");
    media.scale = args.text("scale", "lanczos");
    media.mediaRoot = args.text("media-root");
    if (const std::string size = args.text("size"); !size.empty()) {
        char x = 0, extra = 0;
        if (std::sscanf(size.c_str(), "%d%c%d%c", &media.width, &x, &media.height, &extra) != 3 ||
            x != 'x')
            throw Error("--size '" + size + "': give WIDTHxHEIGHT, e.g. 1920x1080");
    }
    const bool quiet = args.flag("quiet");
    const std::string projectDir = std::filesystem::path(path).parent_path().empty()
                                       ? std::string(".")
                                       : std::filesystem::path(path).parent_path().string();
    const timeline::StoryboardExport out = timeline::exportStoryboard(
        doc, projectDir, args.text("out"), rate, formats, media, [&](const std::string& line) {
            if (!quiet) std::fprintf(stderr, "%s\n", line.c_str());
        });
    if (args.flag("json")) {
        nlohmann::json cuts = nlohmann::json::array();
        for (std::size_t i = 0; i < out.timeline.clips.size(); ++i)
            cuts.push_back(
                {{"name", out.timeline.clips[i].name},
                 {"reel", out.timeline.clips[i].reel},
                 {"start", out.timeline.startOf(i)},
                 {"frames", out.timeline.clips[i].frames},
                 {"source_timecode", timeline::timecode(out.timeline.clips[i].sourceStart, rate)},
                 {"media", out.timeline.clips[i].mediaPath},
                 {"relative_media", out.timeline.clips[i].relativePath}});
        std::cout << nlohmann::json{{"rate",
                                     std::to_string(rate.num) + "/" + std::to_string(rate.den)},
                                    {"frames", out.timeline.totalFrames()},
                                    {"cuts", cuts},
                                    {"timelines", out.timelineFiles}}
                         .dump(2)
                  << std::endl;
    }
    return 0;
}

}  // namespace kinora::cli
