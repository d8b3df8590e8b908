#include "models/registry.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "models/kinora/kinora_family.h"
#include "models/video_model.h"
#include "models/wan/wan_family.h"
#include "util/error.h"
#include "util/large_pages.h"

namespace kinora {

namespace fs = std::filesystem;

const std::vector<const ModelFamily*>& modelFamilies() {
    // A new family adds one line here and its folder under core/models/.
    static const std::vector<const ModelFamily*> families{&kinoraFamily(), &wan::wanFamily()};
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

std::unique_ptr<VideoModel> ModelFamily::loadFiles(const std::vector<std::string>& files) const {
    throw Error("the " + name() + " family loads folders, not loose files", ErrorKind::ModelLoad);
}

std::vector<std::string> modelPathFiles(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) return {};
    std::vector<std::string> files;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto comma = path.find(',', start);
        const std::string part =
            path.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty()) files.push_back(part);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return files;
}

DetectedModel detectModel(const std::string& path) {
    std::error_code ec;
    if (path.empty()) throw Error("no model folder given", ErrorKind::ModelLoad);
    const bool folder = fs::is_directory(path, ec);
    const auto files = modelPathFiles(path);
    if (!folder) {
        if (files.empty()) throw Error("no model folder given", ErrorKind::ModelLoad);
        for (const auto& f : files) {
            if (!fs::exists(f, ec))
                throw Error(files.size() == 1 ? "model folder " + f + " does not exist"
                                              : "model file " + f + " does not exist",
                            ErrorKind::ModelLoad);
            if (!fs::is_regular_file(f, ec))
                throw Error(f + " is not a file or a folder", ErrorKind::ModelLoad);
        }
    }
    std::string tried;
    for (const ModelFamily* family : modelFamilies()) {
        auto found =
            asModelLoad([&] { return folder ? family->detect(path) : family->detectFiles(files); });
        if (found) return *found;
        tried += (tried.empty() ? "" : ", ") + family->name();
    }
    throw Error("no model family recognises " + path + " (tried " + tried + ")",
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
    return embeddedModelDir(KINORA_EMBEDDED_MODEL_NAME);
}

std::vector<std::string> embeddedModelNames() {
    return {KINORA_EMBEDDED_MODEL_NAME, KINORA_FAST_MODEL_NAME};
}

std::string resolveModelPath(const std::string& path) {
    if (path.empty()) return embeddedModelDir();
    std::error_code ec;
    if (fs::exists(path, ec)) return path;
    for (const auto& name : embeddedModelNames())
        if (path == name) return embeddedModelDir(name);
    return path;
}

std::string embeddedModelDir(const std::string& name) {
    const auto names = embeddedModelNames();
    if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        throw Error("'" + name + "' is not a model Kinora ships (it ships " + list + ")",
                    ErrorKind::ModelLoad);
    }
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("KINORA_MODEL_DIR");
        env != nullptr && *env != '\0' && name == KINORA_EMBEDDED_MODEL_NAME)
        candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path prefix = exe.parent_path().parent_path();
        candidates.push_back(prefix / "share/kinora/models" / name);
        candidates.push_back(prefix / "resources/models" / name);
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
    throw Error(std::string(name == KINORA_EMBEDDED_MODEL_NAME
                                ? "no embedded model found"
                                : "the shipped model " + name + " was not found") +
                    " (looked in " + looked + "); pass --model DIR",
                ErrorKind::ModelLoad);
}

std::unique_ptr<VideoModel> loadVideoModel(const std::string& folder) {
    const DetectedModel found = detectModel(folder);
    std::error_code ec;
    const bool isFolder = fs::is_directory(folder, ec);
    if (!found.complete()) {
        std::string list;
        for (const auto& m : found.missing) list += (list.empty() ? "" : "; ") + m;
        throw Error(folder + " holds a " + found.family + " model (" + found.variant +
                        ") that is missing: " + list,
                    ErrorKind::ModelLoad);
    }
    for (const ModelFamily* family : modelFamilies())
        if (family->name() == found.family) {
            setFreedMemoryPolicy(family->freedMemory());
            // Blocks that go back to the system come back in huge pages (util/large_pages.h).
            setLargeTensorPages(family->freedMemory() == FreedMemory::ReturnLarge);
            return asModelLoad([&] {
                return isFolder ? family->load(folder) : family->loadFiles(modelPathFiles(folder));
            });
        }
    throw Error("model family " + found.family + " is not in this build", ErrorKind::ModelLoad);
}

}  // namespace kinora
