#include "project/project.h"

#include <sys/stat.h>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "project/json_reader.h"
#include "project/mentions.h"
#include "project/migrations.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora::project {

using detail::Reader;
using nlohmann::json;

namespace {

const char* const kModeNames[] = {"text-to-video",   "image-to-video", "extend-forward",
                                  "extend-backward", "connect",        "loop"};

/// A URL scheme or FFmpeg protocol prefix ("file:", "concat:", "http:", "pipe:"): letters,
/// then letters, digits, '+', '-' or '.', then ':' before any '/'.
bool looksLikeUrl(const std::string& p) {
    const auto colon = p.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    if (!std::isalpha(static_cast<unsigned char>(p[0]))) return false;
    for (std::size_t i = 0; i < colon; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (!std::isalnum(c) && c != '+' && c != '-' && c != '.') return false;
    }
    return true;
}

void checkPath(const std::string& where, const std::string& p) {
    if (p.empty()) return;
    if (p.size() > 1024) throw Error(where + ": longer than 1024 bytes");
    const std::string shown = "('" + printablePath(p) + "')";
    for (const char ch : p)
        if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
            throw Error(where + ": a path with control characters " + shown);
    if (looksLikeUrl(p))
        throw Error(where + ": media are files inside the project folder, never a URL or a " +
                    "protocol " + shown);
    if (p.front() == '/')
        throw Error(where + ": must be a path inside the project folder " + shown);
    // no parent escapes: a project refers only to files in its own folder tree
    std::istringstream in(p);
    std::string part;
    while (std::getline(in, part, '/'))
        if (part == "..")
            throw Error(where + ": must be a path inside the project folder " + shown);
}

// LoRA files are read, never written, and usually live beside the models, outside the
// project: any local file path, but never a URL, a protocol or control characters.
void checkLoras(const std::string& where, const std::vector<LoraUse>& loras) {
    if (loras.size() > Limits::kMaxLoras) throw Error(where + ": at most 8 LoRA files");
    for (std::size_t i = 0; i < loras.size(); ++i) {
        const std::string at = where + "[" + std::to_string(i) + "]";
        const std::string& f = loras[i].file;
        if (f.empty()) throw Error(at + ".file: must name a file");
        for (const char ch : f)
            if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f)
                throw Error(at + ".file: a path with control characters ('" + printablePath(f) +
                            "')");
        if (looksLikeUrl(f))
            throw Error(at + ".file: a LoRA is a local file, never a URL or a protocol ('" +
                        printablePath(f) + "')");
        if (!(loras[i].strength >= -4.0 && loras[i].strength <= 4.0))
            throw Error(at + ".strength: must be -4..4");
        if (!loras[i].expert.empty() && loras[i].expert != "high" && loras[i].expert != "low")
            throw Error(at + ".expert: '" + printablePath(loras[i].expert) +
                        "' is not high or low");
    }
}

/// Ids name folders (media/<shot id>/<take id>): plain names only.
void checkId(const std::string& where, const std::string& id) {
    if (id.empty()) throw Error(where + ": must not be empty");
    if (!validId(id))
        throw Error(where + ": '" + printablePath(id) +
                    "' is not a plain name (letters, digits, '-', '_' or '.', not starting with "
                    "'.', at most 64)");
}

}  // namespace

const char* name(ShotMode mode) {
    return kModeNames[static_cast<int>(mode)];
}

ShotMode parseShotMode(const std::string& s) {
    for (int i = 0; i < 6; ++i)
        if (s == kModeNames[i]) return static_cast<ShotMode>(i);
    throw Error("unknown mode '" + s +
                "' (text-to-video, image-to-video, extend-forward, extend-backward, connect, "
                "loop)");
}

const Take* Shot::selected() const {
    for (const auto& t : takes)
        if (t.id == selectedTake) return &t;
    return nullptr;
}

const Character* Project::findCharacter(const std::string& characterName) const {
    for (const auto& c : characters)
        if (c.name == characterName) return &c;
    return nullptr;
}

int Project::shotIndex(const std::string& shotId) const {
    for (std::size_t i = 0; i < shots.size(); ++i)
        if (shots[i].id == shotId) return static_cast<int>(i);
    return -1;
}

std::string Project::newId(const std::string& prefix) const {
    std::set<std::string> used;
    for (const auto& c : characters) used.insert(c.id);
    for (const auto& s : shots) {
        used.insert(s.id);
        for (const auto& t : s.takes) used.insert(s.id + "/" + t.id);
    }
    for (int n = 1;; ++n) {
        const std::string id = prefix + "-" + std::to_string(n);
        if (!used.count(id)) return id;
    }
}

bool validId(const std::string& id) {
    if (id.empty() || id.size() > 64 || id.front() == '.') return false;
    for (const char ch : id)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_' && ch != '.')
            return false;
    return true;
}

bool validCharacterName(const std::string& n) {
    if (n.empty() || n.size() > 32 || !std::isalpha(static_cast<unsigned char>(n[0]))) return false;
    for (char ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return false;
    return true;
}

// ---- JSON -------------------------------------------------------------------------------

namespace {

// "loras": [{"file": ..., "strength": ...}] of a shot or the settings.
std::vector<LoraUse> lorasFromJson(const Reader& r) {
    std::vector<LoraUse> out;
    const auto& list = r.array("loras", Limits::kMaxLoras);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Reader l = r.item("loras", i);
        LoraUse u;
        u.file = l.string("file", "", true, 4096);
        u.strength = l.number("strength", 1.0);
        u.expert = l.string("expert", "", false, 8);
        if (u.strength < -4.0 || u.strength > 4.0) l.fail("strength", "must be -4..4");
        out.push_back(std::move(u));
    }
    return out;
}

}  // namespace

json toJson(const Character& c) {
    json j = {{"id", c.id}, {"name", c.name}, {"appearance", c.appearance}, {"seed", c.seed}};
    if (!c.referenceImages.empty()) j["reference_images"] = c.referenceImages;
    return j;
}

json toJson(const std::vector<LoraUse>& loras) {
    json j = json::array();
    for (const auto& l : loras) {
        json e = {{"file", l.file}, {"strength", l.strength}};
        if (!l.expert.empty()) e["expert"] = l.expert;
        j.push_back(e);
    }
    return j;
}

json toJson(const Take& t) {
    return {{"id", t.id},
            {"file", t.file},
            {"frames", t.frames},
            {"frame_count", t.frameCount},
            {"width", t.width},
            {"height", t.height},
            {"fps", t.fps},
            {"seed", t.seed},
            {"steps", t.steps},
            {"guidance", t.guidance},
            {"reference_guidance", t.referenceGuidance},
            {"mode", t.mode},
            {"expanded_prompt", t.expandedPrompt},
            {"model", t.model},
            {"created_at", t.createdAt},
            {"generator", t.generator},
            {"watermark_id", t.watermarkId}};
}

json toJson(const Shot& s) {
    json takes = json::array();
    for (const auto& t : s.takes) takes.push_back(toJson(t));
    json inputs = json::object();
    if (!s.inputs.firstImage.empty()) inputs["first_image"] = s.inputs.firstImage;
    if (!s.inputs.lastImage.empty()) inputs["last_image"] = s.inputs.lastImage;
    json j = {{"id", s.id},
              {"prompt", s.prompt},
              {"negative_prompt", s.negativePrompt},
              {"duration", s.duration},
              {"seed", s.seed},
              {"mode", name(s.mode)},
              {"inputs", inputs},
              {"continuous", s.continuous},
              {"takes", takes},
              {"selected_take", s.selectedTake}};
    if (!s.loras.empty()) j["loras"] = toJson(s.loras);
    if (s.seedLocked) j["seed_locked"] = true;
    return j;
}

json toJson(const Project& p) {
    json characters = json::array(), shots = json::array();
    for (const auto& c : p.characters) characters.push_back(toJson(c));
    for (const auto& s : p.shots) shots.push_back(toJson(s));
    json settings = {{"steps", p.settings.steps},
                     {"guidance", p.settings.guidance},
                     {"reference_guidance", p.settings.referenceGuidance},
                     {"model", p.settings.model},
                     {"media_folder", p.settings.mediaFolder}};
    if (!p.settings.loras.empty()) settings["loras"] = toJson(p.settings.loras);
    if (p.settings.imageFit != "crop") settings["image_fit"] = p.settings.imageFit;
    json doc = {
        {"format", "kinora-project"},
        {"version", kProjectVersion},
        {"name", p.name},
        {"canvas", {{"width", p.canvas.width}, {"height", p.canvas.height}, {"fps", p.canvas.fps}}},
        {"characters", characters},
        {"shots", shots},
        {"settings", settings}};
    if (p.unknownFields.is_object())
        for (const auto& [key, value] : p.unknownFields.items())
            if (!doc.contains(key)) doc[key] = value;
    return doc;
}

bool operator==(const Character& a, const Character& b) {
    return toJson(a) == toJson(b);
}
bool operator==(const Take& a, const Take& b) {
    return toJson(a) == toJson(b);
}
bool operator==(const Shot& a, const Shot& b) {
    return toJson(a) == toJson(b);
}
bool operator==(const Project& a, const Project& b) {
    return toJson(a) == toJson(b);
}

namespace {

Take takeFromJson(const Reader& r) {
    Take t;
    t.id = r.string("id", "", true, 64);
    t.file = r.string("file", "", false, 1024);
    t.frames = r.string("frames", "", false, 1024);
    t.frameCount = static_cast<int>(r.integer("frame_count", 0));
    t.width = static_cast<int>(r.integer("width", 0));
    t.height = static_cast<int>(r.integer("height", 0));
    t.fps = static_cast<int>(r.integer("fps", 0));
    t.seed = r.seed("seed");
    t.steps = static_cast<int>(r.integer("steps", 0));
    t.guidance = r.number("guidance", 0.0);
    t.referenceGuidance = r.number("reference_guidance", 0.0);
    t.mode = r.string("mode", "", false, 64);
    t.expandedPrompt = r.string("expanded_prompt", "", false, 8192);
    t.model = r.string("model", "", false, 256);
    t.createdAt = r.string("created_at", "", false, 64);
    t.generator = r.string("generator", "", false, 256);
    const int64_t mark = r.integer("watermark_id", 0);
    if (mark < 0 || mark > 0xffffffffll) r.fail("watermark_id", "must be a 32-bit id");
    t.watermarkId = static_cast<uint32_t>(mark);
    return t;
}

}  // namespace

Project fromJson(json document) {
    document = migrateToCurrent(std::move(document));
    const Reader root(document, "");
    Project p;
    p.name = root.string("name", "Untitled", false, 256);
    const Reader canvas = root.object("canvas");
    p.canvas.width = static_cast<int>(
        std::clamp<int64_t>(canvas.integer("width", 64), -1, Limits::kMaxCanvas + 1));
    p.canvas.height = static_cast<int>(
        std::clamp<int64_t>(canvas.integer("height", 64), -1, Limits::kMaxCanvas + 1));
    p.canvas.fps =
        static_cast<int>(std::clamp<int64_t>(canvas.integer("fps", 8), -1, Limits::kMaxFps + 1));

    const auto& characters = root.array("characters", Limits::kMaxCharacters);
    for (std::size_t i = 0; i < characters.size(); ++i) {
        const Reader r = root.item("characters", i);
        Character c;
        c.id = r.string("id", "", true, 64);
        c.name = r.string("name", "", true, 64);
        c.appearance = r.string("appearance", "", false, Limits::kMaxPromptBytes);
        const auto& refs = r.array("reference_images", Limits::kMaxCharacterReferences);
        for (std::size_t k = 0; k < refs.size(); ++k) {
            const std::string key = "reference_images[" + std::to_string(k) + "]";
            if (!refs[k].is_string()) r.fail(key, "expected a string");
            if (refs[k].get<std::string>().size() > 1024) r.fail(key, "longer than 1024 bytes");
            c.referenceImages.push_back(refs[k].get<std::string>());
        }
        c.seed = r.seed("seed");
        p.characters.push_back(std::move(c));
    }
    const auto& shots = root.array("shots", Limits::kMaxShots);
    for (std::size_t i = 0; i < shots.size(); ++i) {
        const Reader r = root.item("shots", i);
        Shot s;
        s.id = r.string("id", "", true, 64);
        s.prompt = r.string("prompt", "", false, Limits::kMaxPromptBytes);
        s.negativePrompt = r.string("negative_prompt", "", false, Limits::kMaxPromptBytes);
        const int64_t duration = r.integer("duration", 0, true);
        if (duration <= 0) r.fail("duration", "must be positive");
        if (duration > Limits::kMaxShotFrames)
            r.fail("duration", "longer than " + std::to_string(Limits::kMaxShotFrames) + " frames");
        s.duration = static_cast<int>(duration);
        s.seed = r.seed("seed");
        s.seedLocked = r.boolean("seed_locked", false);
        try {
            s.mode = parseShotMode(r.string("mode", "text-to-video", false, 64));
        } catch (const Error& e) {
            r.fail("mode", e.what());
        }
        const Reader inputs = r.object("inputs");
        s.inputs.firstImage = inputs.string("first_image", "", false, 1024);
        s.inputs.lastImage = inputs.string("last_image", "", false, 1024);
        s.continuous = r.boolean("continuous", false);
        const auto& takes = r.array("takes", 10000);
        for (std::size_t k = 0; k < takes.size(); ++k)
            s.takes.push_back(takeFromJson(r.item("takes", k)));
        s.selectedTake = r.string("selected_take", "", false, 64);
        s.loras = lorasFromJson(r);
        p.shots.push_back(std::move(s));
    }
    const Reader settings = root.object("settings");
    p.settings.steps = static_cast<int>(settings.integer("steps", 0));
    p.settings.guidance = settings.number("guidance", -1.0);
    p.settings.referenceGuidance = settings.number("reference_guidance", -1.0);
    p.settings.model = settings.string("model", "", false, 4096);
    p.settings.mediaFolder = settings.string("media_folder", "media", false, 1024);
    p.settings.loras = lorasFromJson(settings);
    p.settings.imageFit = settings.string("image_fit", "crop", false, 16);
    static const std::set<std::string> known = {"format",     "version", "name",    "canvas",
                                                "characters", "shots",   "settings"};
    for (const auto& [key, value] : document.items())
        if (!known.count(key)) p.unknownFields[key] = value;
    validate(p);
    return p;
}

void validate(const Project& p) {
    auto fail = [](const std::string& where, const std::string& what) {
        throw Error(where + ": " + what);
    };
    if (p.name.empty()) fail("name", "must not be empty");
    if (p.canvas.width < 8 || p.canvas.width > Limits::kMaxCanvas)
        fail("canvas.width", "must be 8.." + std::to_string(Limits::kMaxCanvas));
    if (p.canvas.height < 8 || p.canvas.height > Limits::kMaxCanvas)
        fail("canvas.height", "must be 8.." + std::to_string(Limits::kMaxCanvas));
    if (p.canvas.fps < 1 || p.canvas.fps > Limits::kMaxFps)
        fail("canvas.fps", "must be 1.." + std::to_string(Limits::kMaxFps));
    std::set<std::string> ids, names;
    for (std::size_t i = 0; i < p.characters.size(); ++i) {
        const auto& c = p.characters[i];
        const std::string at = "characters[" + std::to_string(i) + "]";
        checkId(at + ".id", c.id);
        if (!ids.insert(c.id).second) fail(at + ".id", "'" + c.id + "' is used twice");
        if (!validCharacterName(c.name))
            fail(at + ".name", "'" + c.name +
                                   "' is not a valid name (a letter, then letters, digits or _; "
                                   "at most 32)");
        if (!names.insert(c.name).second) fail(at + ".name", "'" + c.name + "' is used twice");
        if (c.appearance.empty()) fail(at + ".appearance", "must describe the character");
        if (c.appearance.size() > Limits::kMaxPromptBytes) fail(at + ".appearance", "too long");
        if (c.referenceImages.size() > Limits::kMaxCharacterReferences)
            fail(at + ".reference_images", "at most 3 pictures");
        for (std::size_t k = 0; k < c.referenceImages.size(); ++k)
            checkPath(at + ".reference_images[" + std::to_string(k) + "]", c.referenceImages[k]);
    }
    for (std::size_t i = 0; i < p.shots.size(); ++i) {
        const auto& s = p.shots[i];
        const std::string at = "shots[" + std::to_string(i) + "]";
        checkId(at + ".id", s.id);
        if (!ids.insert(s.id).second) fail(at + ".id", "'" + s.id + "' is used twice");
        if (s.duration <= 0) fail(at + ".duration", "must be positive");
        if (s.duration > Limits::kMaxShotFrames) fail(at + ".duration", "too long");
        if (s.prompt.size() > Limits::kMaxPromptBytes)
            fail(at + ".prompt",
                 "longer than " + std::to_string(Limits::kMaxPromptBytes) + " bytes");
        checkPath(at + ".inputs.first_image", s.inputs.firstImage);
        checkPath(at + ".inputs.last_image", s.inputs.lastImage);
        if (s.mode == ShotMode::ImageToVideo && s.inputs.firstImage.empty())
            fail(at + ".inputs.first_image", "image-to-video needs a first image");
        if (s.mode == ShotMode::Connect &&
            (s.inputs.firstImage.empty() || s.inputs.lastImage.empty()))
            fail(at + ".inputs", "connect needs a first and a last image");
        // Neighbour-dependent modes (extend, continuous) are checked when rendering: a
        // reorder or a delete may leave them at an end for a while, which is no error.
        std::set<std::string> takeIds;
        for (std::size_t k = 0; k < s.takes.size(); ++k) {
            const auto& t = s.takes[k];
            const std::string tat = at + ".takes[" + std::to_string(k) + "]";
            checkId(tat + ".id", t.id);
            if (!takeIds.insert(t.id).second) fail(tat + ".id", "'" + t.id + "' is used twice");
            checkPath(tat + ".file", t.file);
            checkPath(tat + ".frames", t.frames);
            if (t.file.empty() && t.frames.empty()) fail(tat, "has neither file nor frames");
        }
        if (!s.selectedTake.empty() && !takeIds.count(s.selectedTake))
            fail(at + ".selected_take", "'" + s.selectedTake + "' is not one of its takes");
        checkLoras(at + ".loras", s.loras);
    }
    checkLoras("settings.loras", p.settings.loras);
    if (p.settings.imageFit != "crop" && p.settings.imageFit != "bars")
        fail("settings.image_fit",
             "'" + printablePath(p.settings.imageFit) + "' is not crop or bars");
    if (p.settings.steps < 0 || p.settings.steps > 1000) fail("settings.steps", "must be 0..1000");
    if (p.settings.guidance > 50.0) fail("settings.guidance", "must be at most 50");
    if (p.settings.referenceGuidance > 20.0)
        fail("settings.reference_guidance", "must be at most 20");
    checkPath("settings.media_folder", p.settings.mediaFolder);
    if (p.settings.mediaFolder.empty()) fail("settings.media_folder", "must not be empty");
}

Project loadProject(const std::string& path) {
    // Regular files only (a FIFO or a device would block or never end), of a bounded size.
    const std::string text = readRegularFile(path, Limits::kMaxFileBytes, "project");
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        throw Error(path + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
    } catch (const json::exception&) {
        // e.g. 1e400: a number no double holds
        throw Error(path + ": not valid JSON (a number out of range)");
    }
    try {
        return fromJson(std::move(j));
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    } catch (const json::exception& e) {
        throw Error(path + ": malformed project (" + e.what() + ")");
    }
}

void saveProject(const Project& project, const std::string& path) {
    validate(project);
    const std::string text = toJson(project).dump(2) + "\n";
    writeFileAtomically(path, [&](std::ostream& out) { out << text; });
}

}  // namespace kinora::project
