#pragma once

#include <cstddef>
#include <string>

namespace kinora {

/// @brief `path` as it may be printed in a one-line message: control characters (a newline,
/// an escape sequence) are written as \n, \t or \xNN so a hostile name cannot forge or hide
/// lines in a terminal or a log. Everything else, UTF-8 and backslashes included, is kept, so
/// escaping an escaped text again changes nothing.
std::string printablePath(const std::string& path);

/// @brief Throws Error unless `path` names a regular file (symbolic links followed):
/// "model file x.safetensors: is a FIFO (named pipe), not a regular file". Never opens the
/// file, so it never blocks on a FIFO or a device. `what` ("model file") starts the message
/// when given.
void requireRegularFile(const std::string& path, const std::string& what = "");

/// @brief Opens `path` for reading without blocking (O_NONBLOCK, then fstat), refuses
/// anything that is not a regular file, and returns the descriptor in blocking mode with
/// close-on-exec set; the caller closes it. Throws Error naming the file.
int openRegularFile(const std::string& path, const std::string& what = "");

/// @brief The whole of a regular file, refused when larger than `maxBytes` (checked
/// before reading, and again while reading in case it grows). Throws Error naming the file.
std::string readRegularFile(const std::string& path, std::size_t maxBytes,
                            const std::string& what = "");

/// @brief True when `a` and `b` are the same existing file (same device and inode, so
/// links and different spellings of one path count as the same).
bool sameFile(const std::string& a, const std::string& b);

/// @brief True when `a` and `b` name the same file: the same existing file (sameFile), or
/// the same path once both are made absolute with their links resolved (so two spellings
/// of a file not written yet, or of a frame pattern, match too).
bool samePath(const std::string& a, const std::string& b);

/// @brief True when `path`, with every symbolic link of its existing part resolved, lies
/// inside `root` (itself resolved). A path that does not exist yet is judged by its
/// existing ancestors, so a symlinked folder that leads elsewhere is caught before
/// anything is written through it.
bool staysInside(const std::string& root, const std::string& path);

}  // namespace kinora
