// Commands of the Wan model family: parity with the reference implementation.
#include <cmath>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "commands.h"
#include "models/wan/parity.h"
#include "util/error.h"

namespace kinora::cli {

using json = nlohmann::json;

int runParity(const std::vector<std::string>& argv) {
    const Args args(argv, {{"device", "dtype"}, {"json", "verbose"}, 1});
    if (args.positional().empty())
        throw Error(
            "usage: kinora-cli parity DIR [--device cpu|cuda] [--dtype float32|bf16] [--json] "
            "[--verbose]");
    const std::string dir = args.positional()[0];
    wan::ParityOptions options;
    options.device = args.text("device", "cpu");
    const std::string dtype = args.text("dtype", "float32");
    if (dtype != "float32" && dtype != "bf16")
        throw Error("--dtype is float32 or bf16, not '" + dtype + "'");
    options.bf16 = dtype == "bf16";
    const bool asJson = args.flag("json");
    const bool verbose = args.flag("verbose");
    auto fmt = [](double v) {
        char buf[32];
        if (std::isinf(v)) return std::string("inf");
        std::snprintf(buf, sizeof buf, "%.2e", v);
        return std::string(buf);
    };
    if (!asJson)
        std::printf("%-16s %-10s %-10s %-6s %s\n", "fixture", "max error", "tolerance", "result",
                    "worst tensor (error / its bound)");
    const auto results = wan::runParity(
        dir,
        [&](const wan::ParityResult& r) {
            if (asJson) return;
            if (!r.error.empty()) {
                std::printf("%-16s %-10s %-10s %-6s %s\n", r.fixture.c_str(), "-", "-", "FAIL",
                            r.error.c_str());
            } else {
                std::printf("%-16s %-10s %-10s %-6s %s (%.2f)\n", r.fixture.c_str(),
                            fmt(r.outputError).c_str(), fmt(r.outputBound).c_str(),
                            r.passed ? "pass" : "FAIL", r.worstTensor.c_str(), r.worstRatio);
            }
            for (const auto& c : r.checks)
                if (verbose || !c.passed)
                    std::printf("    %-52s %-10s <= %-10s %s %s\n", c.name.c_str(),
                                fmt(c.maxError).c_str(), fmt(c.bound).c_str(),
                                c.passed ? "ok" : "FAIL", c.note.c_str());
            std::fflush(stdout);
        },
        options);
    bool all = true;
    json out = json::array();
    for (const auto& r : results) {
        all = all && r.passed;
        if (!asJson) continue;
        json checks = json::array();
        for (const auto& c : r.checks)
            checks.push_back(
                {{"name", c.name},
                 {"max_error", std::isinf(c.maxError) ? json(nullptr) : json(c.maxError)},
                 {"bound", c.bound},
                 {"passed", c.passed},
                 {"note", c.note}});
        out.push_back(
            {{"fixture", r.fixture},
             {"device", options.device},
             {"dtype", r.dtype},
             {"passed", r.passed},
             {"output_error", std::isinf(r.outputError) ? json(nullptr) : json(r.outputError)},
             {"output_bound", r.outputBound},
             {"worst_tensor", r.worstTensor},
             {"error", r.error},
             {"seconds", r.seconds},
             {"checks", checks}});
    }
    if (asJson)
        std::cout << out.dump(2) << std::endl;
    else
        std::printf("%zu fixtures, %s\n", results.size(), all ? "all pass" : "SOME FAIL");
    return all ? 0 : 1;
}

}  // namespace kinora::cli
