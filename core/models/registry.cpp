#include "models/registry.h"

#include <cstdlib>
#include <filesystem>

#include "models/kinora/kinora_family.h"
#include "models/video_model.h"
#include "util/error.h"

namespace kinora {

namespace fs = std::filesystem;

const std::vector<const ModelFamily*>& modelFamilies() {
    // A new family adds one line here and its folder under core/models/.
    static const std::vector<const ModelFamily*> families{&kinoraFamily()};
    return families;
}

namespace {

// Rethrows an Error from a family as a model-load error, keeping its message.
template <typename F>
auto asModelLoad(F&& f) {
    try {
        return f();
    } catch (const Error& e) {
        if (e.kind() == ErrorKind::ModelLoad) throw;
        throw Error(e.what(), ErrorKind::ModelLoad);
    }
}

}  // namespace

DetectedModel detectModel(const std::string& folder) {
    std::error_code ec;
    if (folder.empty()) throw Error("no model folder given", ErrorKind::ModelLoad);
    if (!fs::exists(folder, ec))
        throw Error("model folder " + folder + " does not exist", ErrorKind::ModelLoad);
    if (!fs::is_directory(folder, ec))
        throw Error(folder + " is not a folder: pass the folder that holds the model's files",
                    ErrorKind::ModelLoad);
    std::string tried;
    for (const ModelFamily* family : modelFamilies()) {
        auto found = asModelLoad([&] { return family->detect(folder); });
        if (found) return *found;
        tried += (tried.empty() ? "" : ", ") + family->name();
    }
    throw Error("no model family recognises " + folder + " (tried " + tried + ")",
                ErrorKind::ModelLoad);
}

std::vector<std::string> knownWords(const std::string& folder) {
    try {
        const DetectedModel found = detectModel(folder);
        for (const ModelFamily* family : modelFamilies())
            if (family->name() == found.family) return family->knownWords(folder);
    } catch (const Error&) {
    }
    return {};
}

std::string embeddedModelDir() {
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("KINORA_MODEL_DIR"); env != nullptr && *env != '\0')
        candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path prefix = exe.parent_path().parent_path();
        candidates.push_back(prefix / "share/kinora/models" / KINORA_EMBEDDED_MODEL_NAME);
        candidates.push_back(prefix / "resources/models" / KINORA_EMBEDDED_MODEL_NAME);
    }
    std::string looked;
    for (const auto& dir : candidates) {
        std::string why = "not there";
        if (fs::is_directory(dir, ec)) {
            try {
                if (detectModel(dir.string()).complete()) return dir.string();
                why = "incomplete";
            } catch (const Error& e) {
                why = e.what();
            }
        }
        looked += (looked.empty() ? "" : ", ") + dir.string() + " (" + why + ")";
    }
    throw Error("no embedded model found (looked in " + looked + "); pass --model DIR",
                ErrorKind::ModelLoad);
}

std::unique_ptr<VideoModel> loadVideoModel(const std::string& folder) {
    const DetectedModel found = detectModel(folder);
    if (!found.complete()) {
        std::string list;
        for (const auto& m : found.missing) list += (list.empty() ? "" : "; ") + m;
        throw Error(folder + " holds a " + found.family + " model (" + found.variant +
                        ") that is missing: " + list,
                    ErrorKind::ModelLoad);
    }
    for (const ModelFamily* family : modelFamilies())
        if (family->name() == found.family)
            return asModelLoad([&] { return family->load(folder); });
    throw Error("model family " + found.family + " is not in this build", ErrorKind::ModelLoad);
}

}  // namespace kinora
