#include <atomic>
#include <csignal>
#include <cstdio>

#include "cli_args.h"
#include "commands.h"
#include "train/trainer.h"
#include "util/error.h"
#include "util/threads.h"

namespace kinora::cli {

namespace {
std::atomic<bool> g_stopTraining{false};
extern "C" void onTrainInterrupt(int) { g_stopTraining.store(true); }
}  // namespace

int runTrain(const std::vector<std::string>& argv) {
    const Args args(argv, {{"config", "minutes", "device", "resume", "out", "max-steps", "threads"}, {"quiet"}});
    train::TrainConfig config;
    if (args.has("config")) config = train::TrainConfig::load(args.text("config"));
    train::TrainOptions options;
    options.outDir = args.required("out");
    options.minutes = args.number("minutes", 10.0, 0.0, 60.0 * 24 * 30);
    options.device = args.text("device", "cpu");
    options.resume = args.text("resume");
    options.maxSteps = args.integer("max-steps", 0, 0, 100000000);
    options.stop = &g_stopTraining;
    const bool quiet = args.flag("quiet");
    options.onLog = [quiet](const nlohmann::json& r) {
        if (quiet) return;
        std::fprintf(stderr, "step %6lld  %s loss %.4f  lr %.2e  grad %.3f  %.2f s/step\n",
                     static_cast<long long>(r["step"].get<int64_t>()), r["stage"].get<std::string>().c_str(),
                     r["loss"].get<double>(), r["lr"].get<double>(), r["grad_norm"].get<double>(),
                     r["seconds_per_step"].get<double>());
    };
    ThreadLayout layout;
    layout.blasThreads = args.integer("threads", 0, 0, 256);
    applyThreadLayout(layout);
    std::signal(SIGINT, onTrainInterrupt);
    std::signal(SIGTERM, onTrainInterrupt);
    const train::TrainSummary s = train::runTraining(config, options);
    std::fprintf(stderr, "%s: step %lld (%lld this run, %.1f min), last loss %.4f\n  checkpoint %s\n  model      %s\n",
                 g_stopTraining ? "interrupted, checkpointed" : "done", static_cast<long long>(s.steps),
                 static_cast<long long>(s.stepsThisRun), s.seconds / 60.0, s.lastLoss, s.checkpointDir.c_str(),
                 s.modelDir.c_str());
    return 0;
}

}  // namespace kinora::cli
