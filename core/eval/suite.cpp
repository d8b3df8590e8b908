#include "eval/suite.h"

#include <fstream>
#include <random>

#include "util/error.h"
#include "util/files.h"
#include "world/scene_sampler.h"

namespace kinora::eval {

using namespace kinora::world;

namespace {

// Phrasings the captioner never uses (it never writes "there is", "watch", "which"...).
std::string paraphrase(const SceneSpec& s, std::mt19937_64& rng) {
    auto pick = [&](const std::vector<std::string>& v) {
        return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
    };
    const CharacterSpec& c = s.characters[0];
    const std::string thing =
        pick(sizeWords(c.size)) + " " + name(c.colour) + " " + pick(nouns(c.shape));
    const std::string a = std::string("aeiou").find(thing[0]) != std::string::npos ? "an " : "a ";
    std::string verb = pick(motionPhrases(c.motion));
    if (s.pillar) verb += " and goes behind a pillar";
    const std::string place = pick(backgroundPhrases(s.background));
    std::string camera;
    if (s.camera != Camera::Static) camera = ", " + pick(cameraPhrases(s.camera));
    switch (std::uniform_int_distribution<int>(0, 4)(rng)) {
        case 0:
            return "there is " + a + thing + " that " + verb + " " + place + camera;
        case 1:
            return "watch " + a + thing + " as it " + verb.substr(0, verb.size()) + " " + place +
                   camera;
        case 2:
            return place + ": " + a + thing + " which " + verb + camera;
        case 3:
            return "one " + thing + " " + place + ", it " + verb + camera;
        default:
            return "shot of " + a + thing + " that " + verb + " " + place + camera;
    }
}

}  // namespace

std::vector<SuiteItem> makeHeldOutSuite(int count, uint64_t seed) {
    SampleOptions options;
    options.heldOut = SampleOptions::HeldOut::Only;
    options.maxCharacters = 1;
    options.canvasVariants = false;
    std::vector<SuiteItem> items;
    for (int i = 0; i < count; ++i) {
        SuiteItem item;
        item.seed = seed + static_cast<uint64_t>(i);
        item.scene = sampleScene(item.seed * 7 + 3, options);
        std::mt19937_64 rng(item.seed);
        item.prompt = paraphrase(item.scene, rng);
        item.imageToVideo = i % 5 == 4;  // every fifth item also measures image-to-video
        char id[32];
        std::snprintf(id, sizeof(id), "heldout-%04d", i);
        item.id = id;
        items.push_back(std::move(item));
    }
    return items;
}

nlohmann::json toJson(const SuiteItem& item) {
    return {{"id", item.id},
            {"prompt", item.prompt},
            {"mode", item.imageToVideo ? "image-to-video" : "text-to-video"},
            {"seed", item.seed},
            {"scene", world::toJson(item.scene)}};
}

std::vector<SuiteItem> loadSuite(const std::string& path) {
    // A regular file of bounded size (a device such as /dev/zero would never end).
    std::istringstream in(readRegularFile(path, 64u << 20, "suite"));
    std::vector<SuiteItem> items;
    int lineNo = 0;
    for (std::string line; std::getline(in, line);) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = path + ":" + std::to_string(lineNo) + ": ";
        try {
            const auto j = nlohmann::json::parse(line);
            SuiteItem item;
            item.id = j.at("id").get<std::string>();
            item.prompt = j.at("prompt").get<std::string>();
            item.seed = j.value("seed", uint64_t{0});
            item.imageToVideo = j.value("mode", std::string("text-to-video")) == "image-to-video";
            item.scene = world::sceneFromJson(j.at("scene"));
            items.push_back(std::move(item));
        } catch (const nlohmann::json::exception& e) {
            throw Error(where + e.what());
        } catch (const Error& e) {
            throw Error(where + e.what());
        }
    }
    if (items.empty()) throw Error(path + ": the suite is empty");
    return items;
}

}  // namespace kinora::eval
