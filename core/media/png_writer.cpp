#include "media/png_writer.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "util/atomic_file.h"
#include "util/error.h"

namespace kinora {

namespace {

const std::array<uint32_t, 256>& crcTable() {
    static const std::array<uint32_t, 256> table = [] {
        std::array<uint32_t, 256> t{};
        for (uint32_t n = 0; n < 256; ++n) {
            uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    return table;
}

void put32(std::vector<uint8_t>& out, uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}

void chunk(std::vector<uint8_t>& out, const char* type, const std::vector<uint8_t>& data) {
    put32(out, static_cast<uint32_t>(data.size()));
    const std::size_t start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    put32(out, crc32(out.data() + start, out.size() - start));
}

}  // namespace

uint32_t crc32(const uint8_t* data, std::size_t size, uint32_t crc) {
    crc = ~crc;
    for (std::size_t i = 0; i < size; ++i) crc = crcTable()[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

std::vector<uint8_t> encodePng(const Image& image) {
    if (image.empty() ||
        image.rgb.size() != static_cast<std::size_t>(image.width) * image.height * 3)
        throw Error("cannot encode an empty or malformed image as PNG");
    // Raw scanlines, each prefixed by filter type 0.
    const std::size_t stride = static_cast<std::size_t>(image.width) * 3;
    std::vector<uint8_t> raw;
    raw.reserve((stride + 1) * image.height);
    for (int y = 0; y < image.height; ++y) {
        raw.push_back(0);
        raw.insert(raw.end(), image.pixel(0, y), image.pixel(0, y) + stride);
    }
    // zlib stream of stored deflate blocks.
    std::vector<uint8_t> z{0x78, 0x01};
    std::size_t pos = 0;
    do {
        const std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
        const bool last = pos + n == raw.size();
        z.push_back(last ? 1 : 0);
        z.push_back(static_cast<uint8_t>(n & 0xff));
        z.push_back(static_cast<uint8_t>(n >> 8));
        z.push_back(static_cast<uint8_t>(~n & 0xff));
        z.push_back(static_cast<uint8_t>((~n >> 8) & 0xff));
        z.insert(z.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos),
                 raw.begin() + static_cast<std::ptrdiff_t>(pos + n));
        pos += n;
    } while (pos < raw.size());
    uint32_t a = 1, b = 0;
    for (uint8_t v : raw) {
        a = (a + v) % 65521;
        b = (b + a) % 65521;
    }
    put32(z, (b << 16) | a);

    std::vector<uint8_t> png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    std::vector<uint8_t> ihdr;
    put32(ihdr, static_cast<uint32_t>(image.width));
    put32(ihdr, static_cast<uint32_t>(image.height));
    ihdr.insert(ihdr.end(),
                {8, 2, 0, 0, 0});  // 8-bit, truecolour, deflate, no filter, no interlace
    chunk(png, "IHDR", ihdr);
    chunk(png, "IDAT", z);
    chunk(png, "IEND", {});
    return png;
}

namespace {
uint32_t get32(const uint8_t* p) {
    return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
           (static_cast<uint32_t>(p[2]) << 8) | p[3];
}
}  // namespace

Image decodeStoredPng(const std::vector<uint8_t>& png, const std::string& name) {
    static const uint8_t sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (png.size() < 8 || !std::equal(sig, sig + 8, png.begin()))
        throw Error(name + ": not a PNG file");
    std::size_t pos = 8;
    uint32_t width = 0, height = 0;
    std::vector<uint8_t> z;
    bool ended = false;
    while (!ended) {
        if (pos + 12 > png.size()) throw Error(name + ": truncated PNG");
        const uint32_t len = get32(&png[pos]);
        const std::string type(reinterpret_cast<const char*>(&png[pos + 4]), 4);
        if (len > png.size() - pos - 12) throw Error(name + ": truncated PNG chunk " + type);
        const uint8_t* data = &png[pos + 8];
        if (crc32(&png[pos + 4], len + 4) != get32(data + len))
            throw Error(name + ": PNG chunk " + type + " fails its CRC (corrupt file)");
        if (type == "IHDR") {
            if (len != 13) throw Error(name + ": bad PNG header");
            width = get32(data);
            height = get32(data + 4);
            if (data[8] != 8 || data[9] != 2 || data[12] != 0)
                throw Error(name +
                            ": only 8-bit RGB PNGs written by Kinora can be read in a "
                            "build without OpenCV");
            if (width == 0 || height == 0 || static_cast<uint64_t>(width) * height > (1u << 26))
                throw Error(name + ": bad PNG size");
        } else if (type == "IDAT") {
            z.insert(z.end(), data, data + len);
        } else if (type == "IEND") {
            ended = true;
        }
        pos += 12 + len;
    }
    if (width == 0 || z.size() < 6) throw Error(name + ": PNG without image data");
    const std::size_t stride = static_cast<std::size_t>(width) * 3;
    std::vector<uint8_t> raw;
    raw.reserve((stride + 1) * height);
    std::size_t zp = 2;
    bool last = false;
    while (!last) {
        if (zp + 5 > z.size()) throw Error(name + ": truncated PNG data");
        if ((z[zp] & 0x06) != 0)
            throw Error(name + ": compressed PNGs can be read only in a build with OpenCV");
        last = (z[zp] & 1) != 0;
        const std::size_t n = z[zp + 1] | (static_cast<std::size_t>(z[zp + 2]) << 8);
        zp += 5;
        if (zp + n > z.size()) throw Error(name + ": truncated PNG data");
        raw.insert(raw.end(), z.begin() + static_cast<std::ptrdiff_t>(zp),
                   z.begin() + static_cast<std::ptrdiff_t>(zp + n));
        zp += n;
    }
    if (raw.size() != (stride + 1) * height) throw Error(name + ": PNG data has the wrong size");
    Image img(static_cast<int>(width), static_cast<int>(height));
    for (uint32_t y = 0; y < height; ++y) {
        if (raw[y * (stride + 1)] != 0)
            throw Error(name + ": filtered PNG rows can be read only in a build with OpenCV");
        std::memcpy(img.pixel(0, static_cast<int>(y)), &raw[y * (stride + 1) + 1], stride);
    }
    return img;
}

void writePng(const std::string& path, const Image& image) {
    const auto bytes = encodePng(image);
    writeFileAtomically(path, [&](std::ostream& out) {
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
    });
}

}  // namespace kinora
