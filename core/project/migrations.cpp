#include "project/migrations.h"

#include <cmath>
#include <string>

#include "project/json_reader.h"
#include "project/project.h"
#include "util/error.h"

namespace kinora::project {

using detail::Reader;
using nlohmann::json;

namespace {

// ---- v1 -> v2 (frozen) -------------------------------------------------------------------
// v1 (Kinora Studio 0.1): canvas fields at the top level ("width", "height", "fps");
// characters {"name", "look", "image", "seed"} without ids; shots {"prompt", "negative",
// "duration_seconds", "seed", "mode" (t2v, i2v, extend, extend-back, connect, loop),
// "image", "last_image", "continue", "take" (one file)}; "steps" and "guidance" at the top.
json migrateV1(const json& in) {
    const Reader root(in, "");
    json out = json::object();
    out["format"] = "kinora-project";
    out["version"] = 2;
    out["name"] = root.string("name", "Untitled", false, 256);
    const int64_t fps = root.integer("fps", 8);
    if (fps <= 0) root.fail("fps", "must be positive");
    out["canvas"] = {
        {"width", root.integer("width", 64)}, {"height", root.integer("height", 64)}, {"fps", fps}};
    json characters = json::array();
    const auto& chars = root.array("characters", Limits::kMaxCharacters);
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const Reader r = root.item("characters", i);
        json c = {{"id", "char-" + std::to_string(i + 1)},
                  {"name", r.string("name", "", true, 64)},
                  {"appearance", r.string("look", "", true, Limits::kMaxPromptBytes)},
                  {"seed", r.seed("seed")}};
        const std::string image = r.string("image", "", false, 1024);
        if (!image.empty()) c["reference_image"] = image;
        characters.push_back(c);
    }
    out["characters"] = characters;
    json shots = json::array();
    const auto& list = root.array("shots", Limits::kMaxShots);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Reader r = root.item("shots", i);
        const double seconds = r.number("duration_seconds", 0.0, true);
        if (seconds <= 0.0) r.fail("duration_seconds", "must be positive");
        if (seconds * static_cast<double>(fps) > Limits::kMaxShotFrames)
            r.fail("duration_seconds", "too long");
        const auto frames = std::max<int64_t>(1, std::llround(seconds * static_cast<double>(fps)));
        const std::string oldMode = r.string("mode", "t2v", false, 32);
        std::string mode;
        if (oldMode == "t2v")
            mode = "text-to-video";
        else if (oldMode == "i2v")
            mode = "image-to-video";
        else if (oldMode == "extend")
            mode = "extend-forward";
        else if (oldMode == "extend-back")
            mode = "extend-backward";
        else if (oldMode == "connect" || oldMode == "loop")
            mode = oldMode;
        else
            r.fail("mode", "unknown v1 mode '" + oldMode + "'");
        json inputs = json::object();
        const std::string image = r.string("image", "", false, 1024);
        const std::string lastImage = r.string("last_image", "", false, 1024);
        if (!image.empty()) inputs["first_image"] = image;
        if (!lastImage.empty()) inputs["last_image"] = lastImage;
        const std::string id = "shot-" + std::to_string(i + 1);
        json takes = json::array();
        std::string selected;
        const std::string take = r.string("take", "", false, 1024);
        if (!take.empty()) {
            takes.push_back({{"id", "take-1"}, {"file", take}, {"frames", ""}, {"mode", mode}});
            selected = "take-1";
        }
        shots.push_back(
            {{"id", id},
             {"prompt", r.string("prompt", "", false, Limits::kMaxPromptBytes)},
             {"negative_prompt", r.string("negative", "", false, Limits::kMaxPromptBytes)},
             {"duration", frames},
             {"seed", r.seed("seed")},
             {"mode", mode},
             {"inputs", inputs},
             {"continuous", r.boolean("continue", false)},
             {"takes", takes},
             {"selected_take", selected}});
    }
    out["shots"] = shots;
    out["settings"] = {{"steps", root.integer("steps", 0)},
                       {"guidance", root.number("guidance", -1.0)},
                       {"model", ""},
                       {"media_folder", "media"}};
    return out;
}

// ---- v2 -> v3 (frozen) -------------------------------------------------------------------
// v2 (Kinora Studio 0.2 to 0.4): a character had one "reference_image"; v3 has a list of up
// to three ("reference_images") and adds optional "loras" to the settings and to shots.
json migrateV2(json document) {
    if (document.contains("characters") && document["characters"].is_array())
        for (auto& c : document["characters"]) {
            if (!c.is_object() || !c.contains("reference_image")) continue;
            const auto image = c["reference_image"];
            c.erase("reference_image");
            if (!image.is_string()) throw Error("characters: reference_image is not a string");
            if (!image.get<std::string>().empty()) c["reference_images"] = json::array({image});
        }
    document["version"] = 3;
    return document;
}

}  // namespace

json migrateToCurrent(json document) {
    if (!document.is_object())
        throw Error("document: expected a JSON object (not a Kinora project)");
    if (document.contains("format") &&
        (!document["format"].is_string() || document["format"] != "kinora-project"))
        throw Error("format: not a Kinora project");
    if (!document.contains("version")) throw Error("version: missing (not a Kinora project?)");
    const auto& v = document["version"];
    if (!v.is_number_integer()) throw Error("version: expected an integer");
    const int64_t version = v.get<int64_t>();
    if (version < 1) throw Error("version: " + std::to_string(version) + " is not a valid version");
    if (version > kProjectVersion)
        throw Error("version: " + std::to_string(version) +
                    " is newer than this Kinora Studio reads (" + std::to_string(kProjectVersion) +
                    "); open it with a newer release");
    int64_t at = version;
    if (at == 1) {
        document = migrateV1(document);
        at = 2;
    }
    if (at == 2) {
        document = migrateV2(std::move(document));
        at = 3;
    }
    return document;
}

}  // namespace kinora::project
