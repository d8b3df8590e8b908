#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace kinora {

/// @brief Writes a file atomically: `write` fills a temporary file beside `path`, which
/// is flushed, fsync'ed and renamed over `path` only when everything succeeded. On any
/// failure the temporary file is removed and `path` is left as it was. A symbolic link is
/// written through (its target replaced, the link kept); a file replaced keeps its mode and
/// owner; a read-only file is refused, never replaced. Throws Error.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

/// @brief A temporary sibling name for `path` ("dir/.name.tmp-<pid>-<n>").
std::string temporarySiblingPath(const std::string& path);

/// @brief fsync()s the file at `path` and renames it to `target`. Throws Error.
void commitTemporaryFile(const std::string& tempPath, const std::string& target);

}  // namespace kinora
