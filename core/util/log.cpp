#include "util/log.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "util/files.h"

namespace kinora {

namespace {

int levelFromEnvironment() {
    const char* v = std::getenv("KINORA_LOG");
    if (v == nullptr) return static_cast<int>(LibraryLog::Quiet);
    if (std::strcmp(v, "debug") == 0) return static_cast<int>(LibraryLog::Debug);
    if (std::strcmp(v, "warning") == 0 || std::strcmp(v, "warnings") == 0)
        return static_cast<int>(LibraryLog::Warnings);
    return static_cast<int>(LibraryLog::Quiet);
}

std::atomic<int>& level() {
    static std::atomic<int> l{levelFromEnvironment()};
    return l;
}

}  // namespace

LibraryLog libraryLogLevel() {
    return static_cast<LibraryLog>(level().load());
}

void setLibraryLogLevel(LibraryLog l) {
    level() = static_cast<int>(l);
}

void logLibraryLine(const char* library, const std::string& line, bool debug) {
    const LibraryLog l = libraryLogLevel();
    if (l == LibraryLog::Quiet || (debug && l != LibraryLog::Debug)) return;
    std::string text = line;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    if (text.empty()) return;
    std::fprintf(stderr, "kinora: %s: %s\n", library, printablePath(text).c_str());
}

}  // namespace kinora
