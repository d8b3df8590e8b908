#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "commands.h"
#include "media/png_writer.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "world/captioner.h"
#include "world/renderer.h"
#include "world/scene_sampler.h"

namespace kinora::cli {

namespace {

// All frames of a clip side by side: a quick look at a whole clip in one picture.
Image filmStrip(const Clip& clip) {
    Image strip(clip.width() * static_cast<int>(clip.frames.size()), clip.height());
    for (std::size_t f = 0; f < clip.frames.size(); ++f)
        for (int y = 0; y < clip.height(); ++y)
            std::copy(clip.frames[f].pixel(0, y), clip.frames[f].pixel(0, y) + 3 * clip.width(),
                      strip.pixel(static_cast<int>(f) * clip.width(), y));
    return strip;
}

void writeSample(const std::string& dir, const world::SceneSpec& scene, uint64_t captionSeed) {
    std::filesystem::create_directories(dir);
    const Clip clip = world::renderScene(scene);
    for (std::size_t f = 0; f < clip.frames.size(); ++f) {
        char name[32];
        std::snprintf(name, sizeof(name), "/%04zu.png", f);
        writePng(dir + name, clip.frames[f]);
    }
    writePng(dir + "/strip.png", filmStrip(clip));
    nlohmann::json j = world::describeScene(scene);
    j["captions"] = world::captionScene(scene, captionSeed, 4);
    writeFileAtomically(dir + "/scene.json", [&](std::ostream& out) { out << j.dump(2) << '\n'; });
}

}  // namespace

int runWorld(const std::vector<std::string>& argv) {
    if (argv.empty() || argv[0] != "sample")
        throw Error(
            "usage: kinora-cli world sample --count N --seed S --out DIR [--held-out] [--shots N]");
    const Args args({argv.begin() + 1, argv.end()},
                    {{"count", "seed", "out", "shots"}, {"held-out", "single-canvas"}});
    const int count = args.integer("count", 8, 1, 100000);
    const auto seed = args.seed("seed").value_or(0);
    const std::string out = args.required("out");
    const int shots = args.integer("shots", 0, 0, 64);
    world::SampleOptions options;
    if (args.flag("held-out")) options.heldOut = world::SampleOptions::HeldOut::Only;
    options.canvasVariants = !args.flag("single-canvas");
    for (int i = 0; i < count; ++i) {
        char name[32];
        std::snprintf(name, sizeof(name), "/clip_%05d", i);
        const uint64_t s = seed + static_cast<uint64_t>(i);
        if (shots > 0) {
            const auto sequence = world::sampleSequence(s, shots, options);
            for (std::size_t k = 0; k < sequence.size(); ++k)
                writeSample(out + name + "/shot_" + std::to_string(k), sequence[k], s * 31 + k);
        } else {
            writeSample(out + name, world::sampleScene(s, options), s);
        }
    }
    std::fprintf(stderr, "wrote %d %s to %s\n", count, shots > 0 ? "sequences" : "clips",
                 out.c_str());
    return 0;
}

}  // namespace kinora::cli
