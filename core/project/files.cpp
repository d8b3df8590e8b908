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
    std::error_code ec;
    if (fs::weakly_canonical(fromDir, ec) == fs::weakly_canonical(toDir, ec)) return 0;
    const auto files = referencedFiles(project, fromDir);
    std::vector<std::string> toCopy;
    for (const auto& rel : files) {
        const fs::path target = fs::path(toDir) / rel;
        if (!fs::exists(target, ec)) {
            toCopy.push_back(rel);
            continue;
        }
        const auto a = fs::file_size(fs::path(fromDir) / rel, ec);
        const auto b = fs::file_size(target, ec);
        if (ec || a != b)
            throw Error("cannot save the project's media into " + toDir + ": " + target.string() +
                        " already exists and is a different file");
    }
    int copied = 0;
    for (const auto& rel : toCopy) {
        const fs::path target = fs::path(toDir) / rel;
        fs::create_directories(target.parent_path(), ec);
        if (ec) throw Error("cannot create " + target.parent_path().string() + ": " + ec.message());
        fs::copy_file(fs::path(fromDir) / rel, target, fs::copy_options::none, ec);
        if (ec) throw Error("cannot copy " + rel + " to " + toDir + ": " + ec.message());
        ++copied;
    }
    return copied;
}

}  // namespace kinora::project
