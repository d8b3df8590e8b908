#pragma once

#include <string>

namespace kinora {

/// @brief Appends code point `cp` to `out` as UTF-8 (1 to 4 bytes).
void appendUtf8(std::string& out, char32_t cp);

}  // namespace kinora
