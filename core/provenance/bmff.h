#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "provenance/cbor.h"

namespace kinora::c2pa {

/// @brief The UUID of the top-level `uuid` box that carries a C2PA manifest store in
/// ISO BMFF files (MP4, MOV): D8FEC3D6-1B0E-483C-9297-5828877EC481.
extern const std::array<std::uint8_t, 16> kC2paBoxUuid;

/// @brief One top-level box of an ISO BMFF / QuickTime file.
struct BmffBox {
    std::string type;  ///< four characters
    std::uint64_t offset = 0;
    std::uint64_t size = 0;  ///< the whole box, header included
    std::uint32_t headerSize = 8;
    bool hasUserType = false;  ///< a `uuid` box: its 16-byte extended type follows the header
    std::array<std::uint8_t, 16> userType{};
    bool isC2pa() const { return type == "uuid" && hasUserType && userType == kC2paBoxUuid; }
};

/// @brief Reads the top-level boxes of `path`. Throws Error naming the file when it is not
/// a box-structured file (a box runs past the end, a size is impossible).
std::vector<BmffBox> readTopLevelBoxes(const std::string& path);

/// @brief One exclusion of a `c2pa.hash.bmff.v2` assertion (C2PA 2.x, 18.6): top-level
/// boxes named by `xpath` ("/uuid") whose bytes match `data` (and `length`, `version`,
/// `flags` when given) are left out of the hash, whole or only the `subset` ranges.
struct BmffExclusion {
    struct DataMatch {
        std::uint64_t offset = 0;
        cbor::Bytes value;
    };
    struct Subset {
        std::uint64_t offset = 0, length = 0;  ///< length 0: to the end of the box
    };
    std::string xpath;
    std::optional<std::uint64_t> length;
    std::vector<DataMatch> data;
    std::vector<Subset> subset;
    std::optional<std::uint8_t> version;
    std::optional<cbor::Bytes> flags;

    cbor::Value toCbor() const;
    static BmffExclusion fromCbor(const cbor::Value& v);  ///< throws Error when malformed
};

/// @brief The exclusions Kinora signs with: the C2PA manifest's own uuid box.
std::vector<BmffExclusion> defaultBmffExclusions();

/// @brief The `c2pa.hash.bmff.v2` hash of `path`: SHA-256 over every top-level box not
/// excluded whole, in file order, each preceded by its file offset as 8 big-endian bytes
/// and less its excluded ranges (as the C2PA SDK, c2pa-rs 0.91, computes it). Throws Error when a
/// path is not supported (only top-level xpaths are) or the file cannot be read.
cbor::Bytes bmffV2Hash(const std::string& path, const std::vector<BmffExclusion>& exclusions);

/// @brief Writes `out`: `in` with a C2PA uuid box of `manifestSize` zero bytes of payload
/// right after `ftyp` (any C2PA box `in` had is dropped) and every chunk offset (stco,
/// co64) moved with the media. Returns the file offset of the manifest store's first
/// byte in `out`. Throws Error for fragmented files (moof), files without ftyp/moov,
/// or an offset table pointing outside the file.
std::uint64_t writeWithManifestSpace(const std::string& in, const std::string& out,
                                     std::uint64_t manifestSize);

/// @brief The manifest store (JUMBF) a file's C2PA uuid box carries; nullopt when it has
/// none. Throws Error when the box is malformed or there are several.
std::optional<cbor::Bytes> readManifestStore(const std::string& path);

}  // namespace kinora::c2pa
