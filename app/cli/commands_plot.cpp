#include <QApplication>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli_args.h"
#include "commands.h"
#include "training_curve.h"
#include "util/error.h"

namespace kinora::cli {

int runPlotTraining(const std::vector<std::string>& argv) {
    const Args args(argv, {{"out", "width", "height"}, {}, 1});
    if (args.positional().empty())
        throw Error("usage: kinora-cli plot-training LOG.jsonl --out curve.png");
    const std::string out = args.required("out");
    const int width = args.integer("width", 900, 100, 8000);
    const int height = args.integer("height", 500, 100, 8000);
    // No window is shown: render offscreen unless a platform was chosen.
    if (std::getenv("QT_QPA_PLATFORM") == nullptr) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    // Qt warns on stderr without a runtime dir; give it a private one (errors stay one line).
    if (std::getenv("XDG_RUNTIME_DIR") == nullptr) {
        const std::string dir = "/tmp/kinora-runtime-" + std::to_string(getuid());
        mkdir(dir.c_str(), 0700);
        setenv("XDG_RUNTIME_DIR", dir.c_str(), 1);
    }
    int argc = 1;
    char name[] = "kinora-cli";
    char* qtArgv[] = {name, nullptr};
    QApplication app(argc, qtArgv);
    ui::renderTrainingCurve(args.positional()[0], out, width, height);
    std::fprintf(stderr, "wrote %s\n", out.c_str());
    return 0;
}

}  // namespace kinora::cli
