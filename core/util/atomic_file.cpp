#include "util/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/error.h"

namespace kinora {

namespace fs = std::filesystem;

std::string temporarySiblingPath(const std::string& path) {
    static std::atomic<int> counter{0};
    const fs::path p(path);
    const std::string name = "." + p.filename().string() + ".tmp-" + std::to_string(getpid()) +
                             "-" + std::to_string(counter++);
    return (p.parent_path() / name).string();
}

void commitTemporaryFile(const std::string& tempPath, const std::string& target) {
    const int fd = ::open(tempPath.c_str(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
    if (std::rename(tempPath.c_str(), target.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(tempPath.c_str());
        throw Error(target + ": cannot write: " + reason, ErrorKind::Io);
    }
}

void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write) {
    const std::string temp = temporarySiblingPath(path);
    try {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(path + ": cannot write: " + std::strerror(errno), ErrorKind::Io);
        write(out);
        out.flush();
        if (!out) throw Error(path + ": write failed (disk full?)", ErrorKind::Io);
        out.close();
        commitTemporaryFile(temp, path);
    } catch (...) {
        std::remove(temp.c_str());
        throw;
    }
}

}  // namespace kinora
