#include "util/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/error.h"

namespace fs = std::filesystem;

namespace kinora {

namespace {

std::string subject(const std::string& path, const std::string& what) {
    return (what.empty() ? std::string() : what + " ") + printablePath(path);
}

const char* typeName(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a plain file";
}

[[noreturn]] void failOpen(const std::string& path, const std::string& what, int err) {
    if (err == ENOENT) throw Error(subject(path, what) + ": cannot open (no such file)");
    if (err == EACCES) throw Error(subject(path, what) + ": permission denied");
    throw Error(subject(path, what) + ": cannot open (" + std::strerror(err) + ")");
}

[[noreturn]] void failType(const std::string& path, const std::string& what, mode_t mode) {
    throw Error(subject(path, what) + ": is " + typeName(mode) + ", not a regular file");
}

}  // namespace

std::string printablePath(const std::string& path) {
    std::string out;
    out.reserve(path.size());
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", c);
            out += buf;
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

void requireRegularFile(const std::string& path, const std::string& what) {
    struct stat st {};
    if (path.empty()) throw Error((what.empty() ? std::string("file") : what) + ": no path given");
    if (::stat(path.c_str(), &st) != 0) failOpen(path, what, errno);
    if (!S_ISREG(st.st_mode)) failType(path, what, st.st_mode);
}

int openRegularFile(const std::string& path, const std::string& what) {
    if (path.empty()) throw Error((what.empty() ? std::string("file") : what) + ": no path given");
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) failOpen(path, what, errno);
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        failOpen(path, what, err);
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        failType(path, what, st.st_mode);
    }
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

std::string readRegularFile(const std::string& path, std::size_t maxBytes,
                            const std::string& what) {
    const int fd = openRegularFile(path, what);
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    ::fstat(fd, &st);
    auto tooLarge = [&](std::size_t bytes) {
        throw Error(subject(path, what) + ": " + std::to_string(bytes) +
                    " bytes is too large (at most " + std::to_string(maxBytes) + ")");
    };
    if (static_cast<std::size_t>(st.st_size) > maxBytes)
        tooLarge(static_cast<std::size_t>(st.st_size));
    std::string out;
    out.reserve(static_cast<std::size_t>(st.st_size));
    char buf[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(subject(path, what) + ": cannot read (" + std::strerror(errno) + ")");
        }
        if (n == 0) break;
        if (out.size() + static_cast<std::size_t>(n) > maxBytes)
            tooLarge(out.size() + static_cast<std::size_t>(n));
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

bool sameFile(const std::string& a, const std::string& b) {
    struct stat sa {
    }, sb{};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool samePath(const std::string& a, const std::string& b) {
    if (sameFile(a, b)) return true;
    std::error_code ea, eb;
    const fs::path ca = fs::weakly_canonical(fs::absolute(a, ea), ea);
    const fs::path cb = fs::weakly_canonical(fs::absolute(b, eb), eb);
    return !ea && !eb && ca == cb;
}

bool staysInside(const std::string& root, const std::string& path) {
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(fs::absolute(root, ec), ec);
    if (ec) return false;
    const fs::path target = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec) return false;
    auto b = base.begin(), t = target.begin();
    for (; b != base.end(); ++b, ++t) {
        if (b->empty() && std::next(b) == base.end()) break;  // a trailing separator
        if (t == target.end() || *b != *t) return false;
    }
    return true;
}

}  // namespace kinora
