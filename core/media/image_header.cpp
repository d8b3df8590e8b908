#include "media/image_header.h"

#include <cctype>
#include <cstring>

#include "util/error.h"
#include "util/files.h"

namespace kinora {

namespace {

class Bytes {
public:
    Bytes(const uint8_t* data, std::size_t size, std::string name)
        : m_data(data), m_size(size), m_name(std::move(name)) {}
    std::size_t size() const { return m_size; }
    bool has(std::size_t offset, std::size_t n) const {
        return offset <= m_size && n <= m_size - offset;
    }
    void need(std::size_t offset, std::size_t n, const char* what) const {
        if (!has(offset, n))
            throw Error(m_name + ": the " + what + " header is cut short (a truncated file?)");
    }
    uint8_t u8(std::size_t o) const { return m_data[o]; }
    uint32_t be16(std::size_t o) const { return (uint32_t(m_data[o]) << 8) | m_data[o + 1]; }
    uint32_t le16(std::size_t o) const { return (uint32_t(m_data[o + 1]) << 8) | m_data[o]; }
    uint32_t be32(std::size_t o) const { return (be16(o) << 16) | be16(o + 2); }
    uint32_t le32(std::size_t o) const { return (le16(o + 2) << 16) | le16(o); }
    uint32_t le24(std::size_t o) const {
        return uint32_t(m_data[o]) | (uint32_t(m_data[o + 1]) << 8) |
               (uint32_t(m_data[o + 2]) << 16);
    }
    bool startsWith(std::size_t o, const char* magic) const {
        const std::size_t n = std::strlen(magic);
        return has(o, n) && std::memcmp(m_data + o, magic, n) == 0;
    }
    [[noreturn]] void fail(const std::string& what) const { throw Error(m_name + ": " + what); }

private:
    const uint8_t* m_data;
    std::size_t m_size;
    std::string m_name;
};

ImageHeader png(const Bytes& b) {
    // Signature, then the IHDR chunk: length 13, "IHDR", width, height (big-endian).
    b.need(0, 24, "PNG");
    if (!b.startsWith(12, "IHDR")) b.fail("a PNG whose first chunk is not IHDR");
    return {"PNG", b.be32(16), b.be32(20)};
}

ImageHeader jpeg(const Bytes& b) {
    // Segments after SOI until a start-of-frame marker, which holds the size.
    std::size_t o = 2;
    while (true) {
        b.need(o, 2, "JPEG");
        if (b.u8(o) != 0xFF) b.fail("a JPEG whose segments are out of order (corrupt)");
        while (b.has(o + 1, 1) && b.u8(o + 1) == 0xFF) ++o;  // fill bytes
        b.need(o, 2, "JPEG");
        const uint8_t marker = b.u8(o + 1);
        o += 2;
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
        if (marker == 0xD9 || marker == 0xDA) b.fail("a JPEG without a frame header (corrupt)");
        b.need(o, 2, "JPEG");
        const std::size_t length = b.be16(o);
        if (length < 2) b.fail("a JPEG segment with a bad length (corrupt)");
        const bool frame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame) {
            b.need(o, 7, "JPEG frame");
            return {"JPEG", b.be16(o + 5), b.be16(o + 3)};
        }
        o += length;
    }
}

ImageHeader bmp(const Bytes& b) {
    b.need(0, 26, "BMP");
    const uint32_t infoSize = b.le32(14);
    if (infoSize == 12) return {"BMP", b.le16(18), b.le16(20)};  // OS/2 core header
    if (infoSize < 40) b.fail("a BMP with an unknown info header (corrupt)");
    const auto width = static_cast<int32_t>(b.le32(18));
    const auto height = static_cast<int32_t>(b.le32(22));  // negative: top-down
    return {"BMP", width, height < 0 ? -static_cast<long long>(height) : height};
}

ImageHeader webp(const Bytes& b) {
    b.need(0, 30, "WebP");
    if (b.startsWith(12, "VP8 ")) {
        // Key frame: 3-byte tag, start code 9d 01 2a, then 14-bit width and height.
        if (b.u8(23) != 0x9d || b.u8(24) != 0x01 || b.u8(25) != 0x2a)
            b.fail("a WebP (VP8) without its start code (corrupt)");
        return {"WebP", b.le16(26) & 0x3fff, b.le16(28) & 0x3fff};
    }
    if (b.startsWith(12, "VP8L")) {
        if (b.u8(20) != 0x2f) b.fail("a WebP (lossless) without its signature (corrupt)");
        const uint32_t bits = b.le32(21);
        return {"WebP", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1};
    }
    if (b.startsWith(12, "VP8X")) return {"WebP", b.le24(24) + 1, b.le24(27) + 1};
    b.fail("a WebP of an unknown kind");
}

ImageHeader tiff(const Bytes& b) {
    b.need(0, 8, "TIFF");
    const bool little = b.u8(0) == 'I';
    auto u16 = [&](std::size_t o) { return little ? b.le16(o) : b.be16(o); };
    auto u32 = [&](std::size_t o) { return little ? b.le32(o) : b.be32(o); };
    const std::size_t ifd = u32(4);
    b.need(ifd, 2, "TIFF directory");
    const std::size_t entries = u16(ifd);
    b.need(ifd + 2, entries * 12, "TIFF directory");
    long long width = -1, height = -1;
    for (std::size_t i = 0; i < entries; ++i) {
        const std::size_t e = ifd + 2 + i * 12;
        const uint32_t tag = u16(e), type = u16(e + 2);
        if (tag != 256 && tag != 257) continue;
        long long value = 0;
        if (type == 3)
            value = u16(e + 8);
        else if (type == 4)
            value = u32(e + 8);
        else
            b.fail("a TIFF with an image size of an unexpected type (corrupt)");
        (tag == 256 ? width : height) = value;
    }
    if (width < 0 || height < 0) b.fail("a TIFF whose first directory has no image size");
    return {"TIFF", width, height};
}

ImageHeader pnm(const Bytes& b) {
    // "P6", whitespace and comments, width, height.
    std::size_t o = 2;
    long long values[2] = {0, 0};
    for (long long& v : values) {
        while (true) {
            b.need(o, 1, "PNM");
            if (b.u8(o) == '#') {
                while (b.has(o, 1) && b.u8(o) != '\n') ++o;
            } else if (std::isspace(b.u8(o))) {
                ++o;
            } else {
                break;
            }
        }
        int digits = 0;
        while (b.has(o, 1) && std::isdigit(b.u8(o))) {
            if (++digits > 9) b.fail("a PNM with an absurd size");
            v = v * 10 + (b.u8(o) - '0');
            ++o;
        }
        if (digits == 0) b.fail("a PNM header without a size (corrupt)");
    }
    return {"PNM", values[0], values[1]};
}

}  // namespace

ImageHeader readImageHeader(const uint8_t* data, std::size_t size, const std::string& name) {
    const std::string shown = printablePath(name);
    const Bytes b(data, size, shown);
    ImageHeader h;
    if (b.startsWith(0, "\x89PNG\r\n\x1a\n"))
        h = png(b);
    else if (b.startsWith(0, "\xff\xd8\xff"))
        h = jpeg(b);
    else if (b.startsWith(0, "BM"))
        h = bmp(b);
    else if (b.startsWith(0, "RIFF") && b.startsWith(8, "WEBP"))
        h = webp(b);
    else if (b.startsWith(0, "II*") ||
             (size >= 4 && data[0] == 'M' && data[1] == 'M' && data[2] == 0 && data[3] == '*'))
        h = tiff(b);
    else if (size >= 2 && data[0] == 'P' && data[1] >= '1' && data[1] <= '6')
        h = pnm(b);
    else if (b.startsWith(0, "GIF8"))
        throw Error(shown + ": GIF images are not supported (use PNG, JPEG, WebP, TIFF or BMP)");
    else
        throw Error(shown + ": not an image Kinora reads (PNG, JPEG, WebP, TIFF, BMP or PNM)");
    if (h.width <= 0 || h.height <= 0)
        throw Error(shown + ": the " + h.format + " header declares an empty image (" +
                    std::to_string(h.width) + "x" + std::to_string(h.height) + ")");
    return h;
}

}  // namespace kinora
