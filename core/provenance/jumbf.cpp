#include "provenance/jumbf.h"

#include <algorithm>
#include <cstring>

#include "util/error.h"

namespace kinora::c2pa::jumbf {

namespace {

void putBe32(cbor::Bytes& out, std::uint32_t v) {
    out.push_back(std::uint8_t(v >> 24));
    out.push_back(std::uint8_t(v >> 16));
    out.push_back(std::uint8_t(v >> 8));
    out.push_back(std::uint8_t(v));
}

std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           p[3];
}

struct RawBox {
    std::string type;
    const std::uint8_t* payload;
    std::size_t payloadSize;
    std::size_t headerSize;
};

std::vector<RawBox> splitBoxes(const std::uint8_t* data, std::size_t size) {
    std::vector<RawBox> boxes;
    std::size_t at = 0;
    while (at < size) {
        if (size - at < 8) throw Error("JUMBF: truncated box header");
        std::uint64_t boxSize = be32(data + at);
        std::size_t header = 8;
        std::string type(reinterpret_cast<const char*>(data + at + 4), 4);
        if (boxSize == 1) {
            if (size - at < 16) throw Error("JUMBF: truncated box header");
            boxSize = (std::uint64_t(be32(data + at + 8)) << 32) | be32(data + at + 12);
            header = 16;
        } else if (boxSize == 0) {
            boxSize = size - at;
        }
        if (boxSize < header || boxSize > size - at)
            throw Error("JUMBF: the '" + type + "' box runs past its parent");
        boxes.push_back(
            {type, data + at + header, static_cast<std::size_t>(boxSize) - header, header});
        at += static_cast<std::size_t>(boxSize);
    }
    return boxes;
}

Superbox parseContents(const std::uint8_t* payload, std::size_t size, int depth) {
    if (depth > 16) throw Error("JUMBF: superboxes nested too deeply");
    Superbox sb;
    sb.payload.assign(payload, payload + size);
    const std::vector<RawBox> boxes = splitBoxes(payload, size);
    if (boxes.empty() || boxes.front().type != "jumd")
        throw Error("JUMBF: a superbox without its description box");
    const RawBox& d = boxes.front();
    if (d.payloadSize < 17) throw Error("JUMBF: truncated description box");
    std::copy(d.payload, d.payload + 16, sb.type.begin());
    sb.toggles = d.payload[16];
    if (sb.toggles & 0x02) {
        const std::uint8_t* begin = d.payload + 17;
        const std::uint8_t* end = d.payload + d.payloadSize;
        const std::uint8_t* nul = std::find(begin, end, 0);
        if (nul == end) throw Error("JUMBF: a label without its terminating NUL");
        sb.label.assign(begin, nul);
    }
    for (std::size_t i = 1; i < boxes.size(); ++i) {
        if (boxes[i].type == "jumb")
            sb.children.push_back(parseContents(boxes[i].payload, boxes[i].payloadSize, depth + 1));
        else
            sb.contents.push_back(
                {boxes[i].type,
                 cbor::Bytes(boxes[i].payload, boxes[i].payload + boxes[i].payloadSize)});
    }
    return sb;
}

}  // namespace

Uuid typeUuid(const char fourcc[5]) {
    Uuid u = {0, 0, 0, 0, 0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};
    std::memcpy(u.data(), fourcc, 4);
    return u;
}

cbor::Bytes box(const char type[5], const cbor::Bytes& payload) {
    if (payload.size() > 0xfffffff0u) throw Error("JUMBF: box over 4 GB");
    cbor::Bytes out;
    out.reserve(payload.size() + 8);
    putBe32(out, static_cast<std::uint32_t>(payload.size() + 8));
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

cbor::Bytes superbox(const Uuid& type, const std::string& label,
                     const std::vector<cbor::Bytes>& contents) {
    cbor::Bytes description(type.begin(), type.end());
    description.push_back(0x03);  // requestable, label present
    description.insert(description.end(), label.begin(), label.end());
    description.push_back(0);
    cbor::Bytes payload = box("jumd", description);
    for (const cbor::Bytes& c : contents) payload.insert(payload.end(), c.begin(), c.end());
    return box("jumb", payload);
}

const Superbox* Superbox::child(const std::string& childLabel) const {
    for (const Superbox& c : children)
        if (c.label == childLabel) return &c;
    return nullptr;
}

const cbor::Bytes* Superbox::content(const std::string& contentType) const {
    for (const Content& c : contents)
        if (c.type == contentType) return &c.data;
    return nullptr;
}

Superbox parse(const std::uint8_t* data, std::size_t size) {
    const std::vector<RawBox> boxes = splitBoxes(data, size);
    if (boxes.size() != 1 || boxes.front().type != "jumb")
        throw Error("JUMBF: not a single superbox");
    return parseContents(boxes.front().payload, boxes.front().payloadSize, 0);
}

}  // namespace kinora::c2pa::jumbf
