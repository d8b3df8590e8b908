// Screens a tab-separated prompt file (language, expected refuse|allow, prompt) with the
// built-in prompt filter and prints both rates.
// Build: g++ -std=c++17 -O1 -Icore experiments/safety/screen.cpp core/safety/prompt_filter.cpp
//        core/util/files.cpp core/util/error.cpp -o /tmp/screen
// Run:   /tmp/screen experiments/safety/fresh.tsv
#include <cstdio>
#include <fstream>
#include <string>

#include "safety/prompt_filter.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: screen FILE.tsv\n");
        return 2;
    }
    const auto filter = kinora::safety::PromptFilter::builtIn();
    std::ifstream in(argv[1]);
    int refuse = 0, refused = 0, allow = 0, falsePositives = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto a = line.find('\t'), b = line.find('\t', a + 1);
        const std::string expected = line.substr(a + 1, b - a - 1), prompt = line.substr(b + 1);
        const auto r = filter.check(prompt);
        if (expected == "refuse") {
            ++refuse;
            refused += r.has_value();
            if (!r) std::printf("missed: %s\n", line.c_str());
        } else {
            ++allow;
            falsePositives += r.has_value();
            if (r) std::printf("false positive (%s): %s\n", r->matched.c_str(), line.c_str());
        }
    }
    std::printf("refused %d of %d, false positives %d of %d\n", refused, refuse, falsePositives,
                allow);
    return 0;
}
