#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
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

namespace {

/// Where a save must land and how it must look: a symbolic link is written through (its
/// target is replaced, the link stays), an existing file keeps its mode and owner, and a
/// read-only file is refused rather than replaced.
struct Destination {
    std::string path;
    bool existed = false;
    struct stat st {};
};

Destination destinationOf(const std::string& requested) {
    Destination d;
    d.path = requested;
    std::error_code ec;
    if (fs::is_symlink(requested, ec)) {
        const fs::path target = fs::weakly_canonical(requested, ec);
        if (ec) throw Error(requested + ": cannot follow the link (" + ec.message() + ")");
        d.path = target.string();
    }
    if (::stat(d.path.c_str(), &d.st) == 0) {
        d.existed = true;
        if (S_ISDIR(d.st.st_mode)) throw Error(requested + ": is a folder", ErrorKind::Io);
        // No write permission, or none for anybody (which root's access() would not say).
        if (::access(d.path.c_str(), W_OK) != 0 || (d.st.st_mode & 0222) == 0)
            throw Error(requested + ": is read-only; not replacing it (save under another name)",
                        ErrorKind::Io);
    }
    return d;
}

}  // namespace

void writeFileAtomically(const std::string& requested,
                         const std::function<void(std::ostream&)>& write) {
    const Destination dest = destinationOf(requested);
    const std::string& path = dest.path;
    const std::string temp = temporarySiblingPath(path);
    try {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(path + ": cannot write: " + std::strerror(errno), ErrorKind::Io);
        write(out);
        out.flush();
        if (!out) throw Error(path + ": write failed (disk full?)", ErrorKind::Io);
        out.close();
        if (dest.existed) {
            // Same permissions and, where allowed, the same owner as the file replaced.
            ::chmod(temp.c_str(), dest.st.st_mode & 07777);
            if (::chown(temp.c_str(), dest.st.st_uid, dest.st.st_gid) != 0) {
                // Not the owner's process: the file becomes ours, with the same mode.
            }
        }
        commitTemporaryFile(temp, path);
    } catch (...) {
        std::remove(temp.c_str());
        throw;
    }
}

}  // namespace kinora
