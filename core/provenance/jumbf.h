#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "provenance/cbor.h"

namespace kinora::c2pa::jumbf {

using Uuid = std::array<std::uint8_t, 16>;

/// @brief JUMBF (ISO/IEC 19566-5) content types C2PA uses: four characters followed by
/// 0011-0010-8000-00AA00389B71.
Uuid typeUuid(const char fourcc[5]);

/// @brief A box: 32-bit size, four-character type, payload.
cbor::Bytes box(const char type[5], const cbor::Bytes& payload);

/// @brief A superbox ('jumb') with its description box ('jumd': type, requestable,
/// label) and then `contents` (already-built boxes) in order.
cbor::Bytes superbox(const Uuid& type, const std::string& label,
                     const std::vector<cbor::Bytes>& contents);

/// @brief A parsed superbox.
struct Superbox {
    Uuid type{};
    std::string label;
    std::uint8_t toggles = 0;
    cbor::Bytes payload;  ///< everything after the superbox header: what hashed URIs hash
    std::vector<Superbox> children;
    struct Content {
        std::string type;
        cbor::Bytes data;
    };
    std::vector<Content> contents;  ///< content boxes (not superboxes), in order

    const Superbox* child(const std::string& childLabel) const;
    /// @brief The data of the first content box of `contentType`, or nullptr.
    const cbor::Bytes* content(const std::string& contentType) const;
};

/// @brief Parses one superbox that spans all of `data`. Throws Error when malformed.
Superbox parse(const std::uint8_t* data, std::size_t size);

}  // namespace kinora::c2pa::jumbf
