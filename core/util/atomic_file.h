#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace kinora {

/// @brief Writes a file atomically: `write` fills a temporary file beside `path`, which
/// is flushed, fsync'ed and renamed over `path` only when everything succeeded. On any
/// failure the temporary file is removed and `path` is left as it was. Throws Error.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write);

/// @brief A temporary sibling name for `path` ("dir/.name.tmp-<pid>-<n>").
std::string temporarySiblingPath(const std::string& path);

/// @brief fsync()s the file at `path` and renames it to `target`. Throws Error.
void commitTemporaryFile(const std::string& tempPath, const std::string& target);

}  // namespace kinora
