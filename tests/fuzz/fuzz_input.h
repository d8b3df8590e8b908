#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace kinora::fuzz {

/// @brief The fuzzer's bytes as a file that the parsers taking paths can open: an
/// anonymous memory file, named through /proc/self/fd. Removed with this object.
class MemoryFile {
public:
    MemoryFile(const uint8_t* data, std::size_t size) {
        m_fd = ::memfd_create("kinora-fuzz", MFD_CLOEXEC);
        if (m_fd < 0) return;
        for (std::size_t done = 0; done < size;) {
            const ssize_t n = ::write(m_fd, data + done, size - done);
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        m_path = "/proc/self/fd/" + std::to_string(m_fd);
    }
    ~MemoryFile() {
        if (m_fd >= 0) ::close(m_fd);
    }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;
    const std::string& path() const { return m_path; }
    bool ok() const { return m_fd >= 0; }

private:
    int m_fd = -1;
    std::string m_path;
};

}  // namespace kinora::fuzz
