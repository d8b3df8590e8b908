#include "project/files.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <system_error>

#include "util/error.h"

namespace fs = std::filesystem;

namespace kinora::project {

namespace {

/// Whether `name` is what the printf pattern `pattern` (one %d / %0Nd) produces.
bool matchesFramePattern(const std::string& pattern, const std::string& name) {
    const auto pct = pattern.find('%');
    if (pct == std::string::npos) return pattern == name;
    auto d = pattern.find('d', pct);
    if (d == std::string::npos) return false;
    const std::string prefix = pattern.substr(0, pct);
    const std::string suffix = pattern.substr(d + 1);
    if (name.size() <= prefix.size() + suffix.size()) return false;
    if (name.compare(0, prefix.size(), prefix) != 0) return false;
    if (name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
    const std::string digits =
        name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::vector<std::string> referencedFiles(const Project& project, const std::string& projectDir) {
    std::set<std::string> out;
    const fs::path root(projectDir);
    std::error_code ec;
    auto addFile = [&](const std::string& rel) {
        if (rel.empty()) return;
        if (fs::is_regular_file(root / rel, ec))
            out.insert(fs::path(rel).lexically_normal().string());
    };
    auto addPattern = [&](const std::string& rel) {
        if (rel.empty()) return;
        if (rel.find('%') == std::string::npos) return addFile(rel);
        const fs::path relPath(rel);
        const fs::path dir = root / relPath.parent_path();
        if (!fs::is_directory(dir, ec)) return;
        const std::string pattern = relPath.filename().string();
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (!entry.is_regular_file(ec)) continue;
            const std::string name = entry.path().filename().string();
            if (matchesFramePattern(pattern, name))
                out.insert((relPath.parent_path() / name).lexically_normal().string());
        }
    };
    for (const auto& c : project.characters)
        for (const auto& r : c.referenceImages) addFile(r);
    for (const auto& s : project.shots) {
        addFile(s.inputs.firstImage);
        addFile(s.inputs.lastImage);
        for (const auto& t : s.takes) {
            addFile(t.file);
            addPattern(t.frames);
        }
    }
    return {out.begin(), out.end()};
}

int copyProjectFiles(const Project& project, const std::string& fromDir, const std::string& toDir) {
    return copyProjectFiles(project, fromDir, project, toDir);
}

std::string mediaFolderFor(const std::string& projectFile) {
    std::string stem = fs::path(projectFile).filename().string();
    const std::string ext = ".kinora";
    if (stem.size() > ext.size() && stem.compare(stem.size() - ext.size(), ext.size(), ext) == 0)
        stem.resize(stem.size() - ext.size());
    if (stem.empty() || stem == "." || stem == "..") stem = "project";
    return stem + ".media";
}

std::string rehomedPath(const std::string& rel, const std::string& from, const std::string& to) {
    if (from == to || rel.size() <= from.size() + 1) return rel;
    if (rel.compare(0, from.size(), from) != 0 || rel[from.size()] != '/') return rel;
    return to + rel.substr(from.size());
}

namespace {

void rehomeShot(Shot& shot, const std::string& from, const std::string& to) {
    for (auto& take : shot.takes) {
        take.file = rehomedPath(take.file, from, to);
        take.frames = rehomedPath(take.frames, from, to);
    }
}

}  // namespace

void rehomeMedia(Project& project, const std::string& to) {
    const std::string from = project.settings.mediaFolder;
    for (auto& shot : project.shots) rehomeShot(shot, from, to);
    project.settings.mediaFolder = to;
}

void rehomeMedia(Operation& op, const std::string& from, const std::string& to) {
    if (auto* add = std::get_if<AddShot>(&op)) rehomeShot(add->shot, from, to);
    if (auto* edit = std::get_if<EditShot>(&op)) rehomeShot(edit->shot, from, to);
    if (auto* info = std::get_if<SetProjectInfo>(&op))
        if (info->settings.mediaFolder == from) info->settings.mediaFolder = to;
}

int copyProjectFiles(const Project& from, const std::string& fromDir, const Project& to,
                     const std::string& toDir) {
    std::error_code ec;
    const std::string oldMedia = from.settings.mediaFolder, newMedia = to.settings.mediaFolder;
    // (source, target) pairs; a file that is its own target needs nothing.
    std::vector<std::pair<fs::path, fs::path>> toCopy;
    for (const auto& rel : referencedFiles(from, fromDir)) {
        const fs::path source = fs::path(fromDir) / rel;
        const fs::path target = fs::path(toDir) / rehomedPath(rel, oldMedia, newMedia);
        if (fs::weakly_canonical(source, ec) == fs::weakly_canonical(target, ec)) continue;
        if (!fs::exists(target, ec)) {
            toCopy.emplace_back(source, target);
            continue;
        }
        const auto a = fs::file_size(source, ec);
        const auto b = fs::file_size(target, ec);
        if (ec || a != b)
            throw Error("cannot save the project's media into " + toDir + ": " + target.string() +
                        " already exists and is a different file");
    }
    int copied = 0;
    for (const auto& [source, target] : toCopy) {
        fs::create_directories(target.parent_path(), ec);
        if (ec) throw Error("cannot create " + target.parent_path().string() + ": " + ec.message());
        fs::copy_file(source, target, fs::copy_options::none, ec);
        if (ec)
            throw Error("cannot copy " + source.string() + " to " + target.string() + ": " +
                        ec.message());
        ++copied;
    }
    return copied;
}

}  // namespace kinora::project
