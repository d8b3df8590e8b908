#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kinora {

/// @brief Standard base64 (RFC 4648, with padding) of `data`.
std::string encodeBase64(const uint8_t* data, std::size_t size);
inline std::string encodeBase64(const std::vector<uint8_t>& data) {
    return encodeBase64(data.data(), data.size());
}

/// @brief The bytes of standard base64 text (padding optional; no whitespace, the caller
/// strips any); unset when the text is not base64.
std::optional<std::vector<uint8_t>> decodeBase64(const std::string& text);

}  // namespace kinora
