#pragma once

#include <nlohmann/json.hpp>

namespace kinora::project {

/// @brief Reads "version" and brings an older document to kProjectVersion through the
/// frozen per-version steps (v1 -> v2 -> ...). Each step is never edited once released:
/// a new format adds a step. Throws Error for a missing, invalid or newer version, naming
/// the place in the document's own version when its data cannot be migrated.
nlohmann::json migrateToCurrent(nlohmann::json document);

}  // namespace kinora::project
