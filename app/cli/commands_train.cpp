#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "cli_args.h"
#include "commands.h"
#include "train/trainer.h"
#include "util/error.h"
#include "util/threads.h"

namespace kinora::cli {

namespace {
std::atomic<bool> g_stopTraining{false};
extern "C" void onTrainInterrupt(int) {
    g_stopTraining.store(true);
}
}  // namespace

int runTrain(const std::vector<std::string>& argv) {
    const Args args(argv, {{"config", "minutes", "device", "resume", "out", "max-steps", "threads",
                            "ranks", "rank", "world-size", "store"},
                           {"quiet"}});
    train::TrainConfig config;
    if (args.has("config")) config = train::TrainConfig::load(args.text("config"));
    train::TrainOptions options;
    options.outDir = args.required("out");
    options.minutes = args.number("minutes", 10.0, 0.0, 60.0 * 24 * 30);
    options.device = args.text("device", "cpu");
    options.resume = args.text("resume");
    options.maxSteps = args.integer("max-steps", 0, 0, 100000000);
    options.stop = &g_stopTraining;
    // Data parallelism: --rank/--world-size/--store for ranks started by hand (or on
    // several machines sharing a folder), or --ranks N to fork N local ranks.
    options.worldSize = args.integer("world-size", 1, 1, 1024);
    options.rank = args.integer("rank", 0, 0, 1023);
    options.storePath = args.text("store");
    const int localRanks = args.integer("ranks", 1, 1, 64);
    std::vector<pid_t> children;
    if (localRanks > 1) {
        if (options.worldSize > 1) throw Error("--ranks and --world-size exclude each other");
        options.worldSize = localRanks;
        options.storePath = options.outDir + "/.rendezvous-" + std::to_string(getpid());
        std::filesystem::create_directories(options.outDir);
        std::filesystem::remove(options.storePath);
        // Fork before any tensor work starts threads.
        for (int r = 1; r < localRanks; ++r) {
            const pid_t pid = fork();
            if (pid < 0) throw Error("cannot start rank " + std::to_string(r));
            if (pid == 0) {
                options.rank = r;
                children.clear();
                break;
            }
            children.push_back(pid);
        }
    }
    if (options.worldSize > 1 && options.storePath.empty())
        throw Error("--world-size needs --store FILE (the same for every rank)");
    const bool quiet = args.flag("quiet") || options.rank != 0;
    options.onLog = [quiet](const nlohmann::json& r) {
        if (quiet) return;
        std::fprintf(stderr, "step %6lld  %s loss %.4f  lr %.2e  grad %.3f  %.2f s/step\n",
                     static_cast<long long>(r["step"].get<int64_t>()),
                     r["stage"].get<std::string>().c_str(), r["loss"].get<double>(),
                     r["lr"].get<double>(), r["grad_norm"].get<double>(),
                     r["seconds_per_step"].get<double>());
    };
    ThreadLayout layout;
    layout.threads = args.integer("threads", 0, 0, 256);
    // Local ranks share this machine's cores.
    if (layout.threads == 0 && localRanks > 1)
        layout.threads = std::max(1, hardwareThreads() / localRanks);
    applyThreadLayout(layout);
    std::signal(SIGINT, onTrainInterrupt);
    std::signal(SIGTERM, onTrainInterrupt);
    const train::TrainSummary s = train::runTraining(config, options);
    int childFailures = 0;
    for (pid_t pid : children) {
        int status = 0;
        waitpid(pid, &status, 0);
        childFailures += (WIFEXITED(status) && WEXITSTATUS(status) == 0) ? 0 : 1;
    }
    if (localRanks > 1) std::filesystem::remove(options.storePath);
    if (childFailures > 0) throw Error(std::to_string(childFailures) + " training rank(s) failed");
    if (options.rank != 0) return 0;
    // Why it stopped: a run that ends at its time limit before --max-steps can go on.
    const bool reachedSteps = options.maxSteps > 0 && s.steps >= options.maxSteps;
    std::string how;
    if (g_stopTraining) {
        how = "interrupted, checkpointed";
    } else if (reachedSteps) {
        how = "done (--max-steps " + std::to_string(options.maxSteps) + ")";
    } else {
        char limit[160];
        std::snprintf(limit, sizeof limit, "stopped at the time limit (--minutes %g%s)",
                      options.minutes, args.has("minutes") ? "" : ", the default");
        how = limit;
    }
    std::fprintf(stderr,
                 "%s: step %lld (%lld this run, %.1f min), last loss %.4f\n  checkpoint %s\n  "
                 "model      %s\n",
                 how.c_str(), static_cast<long long>(s.steps),
                 static_cast<long long>(s.stepsThisRun), s.seconds / 60.0, s.lastLoss,
                 s.checkpointDir.c_str(), s.modelDir.c_str());
    if (!g_stopTraining && !reachedSteps)
        std::fprintf(stderr, "  to go on: the same command with --resume %s\n",
                     s.checkpointDir.c_str());
    return 0;
}

}  // namespace kinora::cli
