#include "provenance/bmff.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

#include "util/error.h"
#include "util/files.h"

namespace kinora::c2pa {

const std::array<std::uint8_t, 16> kC2paBoxUuid = {0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C,
                                                   0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81};

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f) std::fclose(f);
    }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr openFile(const std::string& path, const char* mode) {
    if (mode[0] == 'r') {
        // Without blocking, and only a regular file: a FIFO or a device is refused.
        const int fd = openRegularFile(path);
        FilePtr f(::fdopen(fd, mode));
        if (!f) {
            ::close(fd);
            throw Error(printablePath(path) + ": cannot open (" + std::strerror(errno) + ")");
        }
        return f;
    }
    FilePtr f(std::fopen(path.c_str(), mode));
    if (!f) throw Error(printablePath(path) + ": cannot open (" + std::strerror(errno) + ")");
    return f;
}

std::uint64_t fileSize(std::FILE* f, const std::string& path) {
    if (fseeko(f, 0, SEEK_END) != 0) throw Error(path + ": cannot seek");
    const off_t end = ftello(f);
    if (end < 0) throw Error(path + ": cannot seek");
    return static_cast<std::uint64_t>(end);
}

void readAt(std::FILE* f, std::uint64_t offset, void* dst, std::size_t n, const std::string& path) {
    if (fseeko(f, static_cast<off_t>(offset), SEEK_SET) != 0 || std::fread(dst, 1, n, f) != n)
        throw Error(path + ": truncated (cannot read " + std::to_string(n) + " bytes at offset " +
                    std::to_string(offset) + ")");
}

std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           p[3];
}
std::uint64_t be64(const std::uint8_t* p) {
    return (std::uint64_t(be32(p)) << 32) | be32(p + 4);
}
void putBe32(std::uint8_t* p, std::uint32_t v) {
    p[0] = std::uint8_t(v >> 24);
    p[1] = std::uint8_t(v >> 16);
    p[2] = std::uint8_t(v >> 8);
    p[3] = std::uint8_t(v);
}
void putBe64(std::uint8_t* p, std::uint64_t v) {
    putBe32(p, std::uint32_t(v >> 32));
    putBe32(p + 4, std::uint32_t(v));
}

bool printable4(const std::uint8_t* p) {
    for (int i = 0; i < 4; ++i)
        if (p[i] < 0x20 || p[i] > 0x7e) return false;
    return true;
}

void writeAll(std::FILE* f, const void* p, std::size_t n, const std::string& path) {
    if (n && std::fwrite(p, 1, n, f) != n) throw Error(path + ": write failed (disk full?)");
}

void copyRange(std::FILE* in, std::uint64_t offset, std::uint64_t length, std::FILE* out,
               const std::string& inPath, const std::string& outPath) {
    std::vector<std::uint8_t> buffer(1 << 20);
    if (fseeko(in, static_cast<off_t>(offset), SEEK_SET) != 0)
        throw Error(inPath + ": cannot seek");
    while (length > 0) {
        const std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(length, buffer.size()));
        if (std::fread(buffer.data(), 1, n, in) != n) throw Error(inPath + ": truncated");
        writeAll(out, buffer.data(), n, outPath);
        length -= n;
    }
}

struct Sha256 {
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
    Sha256() {
        if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
            throw Error("SHA-256 unavailable");
    }
    void update(const void* p, std::size_t n) { EVP_DigestUpdate(ctx.get(), p, n); }
    cbor::Bytes final() {
        cbor::Bytes out(32);
        unsigned int n = 0;
        EVP_DigestFinal_ex(ctx.get(), out.data(), &n);
        out.resize(n);
        return out;
    }
};

// Children of the containers on the way to the chunk offset tables.
bool isContainer(const std::string& type) {
    return type == "moov" || type == "trak" || type == "mdia" || type == "minf" || type == "stbl" ||
           type == "edts" || type == "dinf";
}

// Walks `data` (a box payload holding child boxes) and calls `visit(type, payload)` for
// every stco / co64 found below it.
template <class F>
void walkChunkTables(std::uint8_t* data, std::size_t size, int depth, const std::string& path,
                     F&& visit) {
    if (depth > 16) throw Error(path + ": boxes nested too deeply");
    std::size_t at = 0;
    while (at + 8 <= size) {
        std::uint64_t boxSize = be32(data + at);
        std::size_t header = 8;
        const std::string type(reinterpret_cast<const char*>(data + at + 4), 4);
        if (boxSize == 1) {
            if (at + 16 > size) throw Error(path + ": truncated box in moov");
            boxSize = be64(data + at + 8);
            header = 16;
        } else if (boxSize == 0) {
            boxSize = size - at;
        }
        if (boxSize < header || boxSize > size - at)
            throw Error(path + ": malformed '" + type + "' box in moov");
        std::uint8_t* payload = data + at + header;
        const std::size_t payloadSize = static_cast<std::size_t>(boxSize - header);
        if (type == "stco" || type == "co64")
            visit(type, payload, payloadSize);
        else if (isContainer(type))
            walkChunkTables(payload, payloadSize, depth + 1, path, visit);
        at += static_cast<std::size_t>(boxSize);
    }
}

}  // namespace

std::vector<BmffBox> readTopLevelBoxes(const std::string& path) {
    FilePtr f = openFile(path, "rb");
    const std::uint64_t size = fileSize(f.get(), path);
    std::vector<BmffBox> boxes;
    std::uint64_t at = 0;
    while (at < size) {
        if (size - at < 8)
            throw Error(path + ": not an MP4/MOV file (" + std::to_string(size - at) +
                        " stray bytes at offset " + std::to_string(at) + ")");
        std::uint8_t h[32];
        readAt(f.get(), at, h, 8, path);
        BmffBox box;
        box.offset = at;
        if (!printable4(h + 4))
            throw Error(path + ": not an MP4/MOV file (no box type at offset " +
                        std::to_string(at) + ")");
        box.type.assign(reinterpret_cast<const char*>(h + 4), 4);
        box.size = be32(h);
        if (box.size == 1) {
            if (size - at < 16)
                throw Error(path + ": truncated box header at offset " + std::to_string(at));
            readAt(f.get(), at + 8, h + 8, 8, path);
            box.size = be64(h + 8);
            box.headerSize = 16;
        } else if (box.size == 0) {
            box.size = size - at;
        }
        if (box.size < box.headerSize || box.size > size - at)
            throw Error(path + ": the '" + box.type + "' box at offset " + std::to_string(at) +
                        " runs past the end of the file (truncated?)");
        if (box.type == "uuid") {
            if (box.size < box.headerSize + 16) throw Error(path + ": a uuid box without its uuid");
            readAt(f.get(), at + box.headerSize, box.userType.data(), 16, path);
            box.hasUserType = true;
        }
        boxes.push_back(box);
        at += box.size;
    }
    if (boxes.empty()) throw Error(path + ": empty file");
    return boxes;
}

cbor::Value BmffExclusion::toCbor() const {
    cbor::Value m = cbor::Value::map();
    m.set("xpath", cbor::Value::text(xpath));
    if (length) m.set("length", cbor::Value::unsignedInt(*length));
    if (!data.empty()) {
        cbor::Value arr = cbor::Value::array();
        for (const DataMatch& d : data) {
            cbor::Value e = cbor::Value::map();
            e.set("offset", cbor::Value::unsignedInt(d.offset));
            e.set("value", cbor::Value::bytes(d.value));
            arr.push(std::move(e));
        }
        m.set("data", std::move(arr));
    }
    if (!subset.empty()) {
        cbor::Value arr = cbor::Value::array();
        for (const Subset& s : subset) {
            cbor::Value e = cbor::Value::map();
            e.set("offset", cbor::Value::unsignedInt(s.offset));
            e.set("length", cbor::Value::unsignedInt(s.length));
            arr.push(std::move(e));
        }
        m.set("subset", std::move(arr));
    }
    if (version) m.set("version", cbor::Value::unsignedInt(*version));
    if (flags) m.set("flags", cbor::Value::bytes(*flags));
    return m;
}

BmffExclusion BmffExclusion::fromCbor(const cbor::Value& v) {
    if (v.type() != cbor::Value::Type::Map) throw Error("an exclusion is not a map");
    BmffExclusion e;
    const cbor::Value* xpath = v.find("xpath");
    if (!xpath) throw Error("an exclusion has no xpath");
    e.xpath = xpath->asText();
    auto uintOf = [](const cbor::Value& x) {
        const std::int64_t n = x.asInteger();
        if (n < 0) throw Error("a negative offset or length in an exclusion");
        return static_cast<std::uint64_t>(n);
    };
    if (const cbor::Value* l = v.find("length"); l && l->type() != cbor::Value::Type::Null)
        e.length = uintOf(*l);
    if (const cbor::Value* d = v.find("data"); d && d->type() == cbor::Value::Type::Array)
        for (const cbor::Value& item : d->items()) {
            const cbor::Value* off = item.find("offset");
            const cbor::Value* val = item.find("value");
            if (!off || !val) throw Error("an exclusion's data entry needs offset and value");
            e.data.push_back({uintOf(*off), val->asBytes()});
        }
    if (const cbor::Value* s = v.find("subset"); s && s->type() == cbor::Value::Type::Array)
        for (const cbor::Value& item : s->items()) {
            const cbor::Value* off = item.find("offset");
            const cbor::Value* len = item.find("length");
            if (!off || !len) throw Error("an exclusion's subset entry needs offset and length");
            e.subset.push_back({uintOf(*off), uintOf(*len)});
        }
    if (const cbor::Value* ver = v.find("version"); ver && ver->type() != cbor::Value::Type::Null) {
        const std::uint64_t n = uintOf(*ver);
        if (n > 255) throw Error("an exclusion's version is above 255");
        e.version = static_cast<std::uint8_t>(n);
    }
    if (const cbor::Value* fl = v.find("flags"); fl && fl->type() != cbor::Value::Type::Null)
        e.flags = fl->asBytes();
    return e;
}

std::vector<BmffExclusion> defaultBmffExclusions() {
    BmffExclusion uuid;
    uuid.xpath = "/uuid";
    uuid.data.push_back({8, cbor::Bytes(kC2paBoxUuid.begin(), kC2paBoxUuid.end())});
    return {uuid};
}

cbor::Bytes bmffV2Hash(const std::string& path, const std::vector<BmffExclusion>& exclusions) {
    const std::vector<BmffBox> boxes = readTopLevelBoxes(path);
    FilePtr f = openFile(path, "rb");

    // Excluded byte ranges [start, end).
    std::vector<std::pair<std::uint64_t, std::uint64_t>> excluded;
    for (const BmffExclusion& e : exclusions) {
        if (e.xpath.size() != 5 || e.xpath[0] != '/')
            throw Error("exclusion xpath '" + e.xpath +
                        "' is not supported (only top-level boxes)");
        const std::string type = e.xpath.substr(1);
        for (const BmffBox& b : boxes) {
            if (b.type != type) continue;
            if (e.length && b.size != *e.length) continue;
            bool match = true;
            for (const BmffExclusion::DataMatch& d : e.data) {
                if (d.offset > b.size || d.value.size() > b.size - d.offset) {
                    match = false;
                    break;
                }
                cbor::Bytes got(d.value.size());
                readAt(f.get(), b.offset + d.offset, got.data(), got.size(), path);
                if (got != d.value) {
                    match = false;
                    break;
                }
            }
            if (match && (e.version || e.flags)) {
                const std::uint64_t at = b.offset + b.headerSize + (b.hasUserType ? 16 : 0);
                std::uint8_t vf[4] = {};
                if (at + 4 > b.offset + b.size)
                    match = false;
                else
                    readAt(f.get(), at, vf, 4, path);
                if (match && e.version && vf[0] != *e.version) match = false;
                if (match && e.flags &&
                    (e.flags->size() != 3 || std::memcmp(e.flags->data(), vf + 1, 3) != 0))
                    match = false;
            }
            if (!match) continue;
            if (e.subset.empty()) {
                excluded.emplace_back(b.offset, b.offset + b.size);
            } else {
                for (const BmffExclusion::Subset& s : e.subset) {
                    if (s.offset >= b.size) continue;
                    const std::uint64_t len =
                        s.length == 0 ? b.size - s.offset : std::min(s.length, b.size - s.offset);
                    excluded.emplace_back(b.offset + s.offset, b.offset + s.offset + len);
                }
            }
        }
    }
    // Per box in file order: its offset (8 big-endian bytes), then its bytes less the
    // excluded ranges; a box excluded whole contributes nothing.
    std::sort(excluded.begin(), excluded.end());
    struct Segment {
        std::uint64_t start, end;  // [start, end); a marker has end == start
        bool marker;
    };
    std::vector<Segment> segments;
    for (const BmffBox& b : boxes) {
        std::uint64_t cursor = b.offset;
        const std::uint64_t end = b.offset + b.size;
        std::vector<Segment> parts;
        for (const auto& [s, e] : excluded) {
            if (e <= cursor || s >= end) continue;
            if (s > cursor) parts.push_back({cursor, s, false});
            cursor = std::max(cursor, std::min(e, end));
        }
        if (cursor < end) parts.push_back({cursor, end, false});
        if (parts.empty()) continue;  // excluded whole
        segments.push_back({b.offset, b.offset, true});
        segments.insert(segments.end(), parts.begin(), parts.end());
    }
    if (segments.empty()) throw Error(path + ": every byte is excluded from the hash");

    Sha256 sha;
    std::vector<std::uint8_t> buffer(1 << 20);
    for (const Segment& s : segments) {
        if (s.marker) {
            std::uint8_t be[8];
            putBe64(be, s.start);
            sha.update(be, 8);
            continue;
        }
        if (fseeko(f.get(), static_cast<off_t>(s.start), SEEK_SET) != 0)
            throw Error(path + ": cannot seek");
        std::uint64_t left = s.end - s.start;
        while (left > 0) {
            const std::size_t n =
                static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
            if (std::fread(buffer.data(), 1, n, f.get()) != n) throw Error(path + ": truncated");
            sha.update(buffer.data(), n);
            left -= n;
        }
    }
    return sha.final();
}

std::uint64_t writeWithManifestSpace(const std::string& in, const std::string& out,
                                     std::uint64_t manifestSize) {
    const std::vector<BmffBox> boxes = readTopLevelBoxes(in);
    if (boxes.front().type != "ftyp")
        throw Error(in + ": not an MP4/MOV file (it does not start with ftyp)");
    const BmffBox* moov = nullptr;
    for (const BmffBox& b : boxes) {
        if (b.type == "moof" || b.type == "mfra")
            throw Error(in + ": fragmented MP4 is not supported for content credentials");
        if (b.type == "moov") {
            if (moov) throw Error(in + ": two moov boxes");
            moov = &b;
        }
    }
    if (!moov) throw Error(in + ": no moov box (not a finished MP4/MOV)");
    if (moov->size > (std::uint64_t(1) << 28))
        throw Error(in + ": the moov box is implausibly large");

    // The C2PA box: header, uuid, version+flags, purpose, merkle offset, the store.
    const std::uint64_t boxPayload = 16 + 4 + 9 + 8 + manifestSize;
    const bool large = boxPayload + 8 > 0xffffffffull;
    const std::uint64_t boxSize = boxPayload + (large ? 16 : 8);

    // New offsets of the kept boxes.
    std::vector<std::uint64_t> newOffset(boxes.size(), 0);
    std::vector<bool> kept(boxes.size(), false);
    std::uint64_t at = 0;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i].isC2pa()) continue;
        kept[i] = true;
        newOffset[i] = at;
        at += boxes[i].size;
        if (i == 0) at += boxSize;  // the manifest goes right after ftyp
    }
    auto moved = [&](std::uint64_t oldOffset) -> std::uint64_t {
        for (std::size_t i = 0; i < boxes.size(); ++i)
            if (oldOffset >= boxes[i].offset && oldOffset < boxes[i].offset + boxes[i].size) {
                if (!kept[i]) throw Error(in + ": a chunk offset points into a C2PA box");
                return oldOffset - boxes[i].offset + newOffset[i];
            }
        throw Error(in + ": a chunk offset points outside the file");
    };

    FilePtr src = openFile(in, "rb");
    std::vector<std::uint8_t> moovBytes(static_cast<std::size_t>(moov->size));
    readAt(src.get(), moov->offset, moovBytes.data(), moovBytes.size(), in);
    walkChunkTables(moovBytes.data() + moov->headerSize, moovBytes.size() - moov->headerSize, 0, in,
                    [&](const std::string& type, std::uint8_t* p, std::size_t n) {
                        if (n < 8) throw Error(in + ": truncated " + type);
                        const std::uint32_t count = be32(p + 4);
                        const std::size_t width = type == "stco" ? 4 : 8;
                        if ((n - 8) / width < count) throw Error(in + ": truncated " + type);
                        for (std::uint32_t k = 0; k < count; ++k) {
                            std::uint8_t* e = p + 8 + k * width;
                            const std::uint64_t old = width == 4 ? be32(e) : be64(e);
                            const std::uint64_t now = moved(old);
                            if (width == 4) {
                                if (now > 0xffffffffull)
                                    throw Error(in + ": chunk offsets past 4 GB need co64");
                                putBe32(e, static_cast<std::uint32_t>(now));
                            } else {
                                putBe64(e, now);
                            }
                        }
                    });

    FilePtr dst = openFile(out, "wb");
    std::uint64_t storeOffset = 0;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        if (!kept[i]) continue;
        if (&boxes[i] == moov)
            writeAll(dst.get(), moovBytes.data(), moovBytes.size(), out);
        else
            copyRange(src.get(), boxes[i].offset, boxes[i].size, dst.get(), in, out);
        if (i == 0) {
            std::vector<std::uint8_t> head;
            std::uint8_t tmp[8];
            putBe32(tmp, large ? 1u : static_cast<std::uint32_t>(boxSize));
            head.insert(head.end(), tmp, tmp + 4);
            head.insert(head.end(), {'u', 'u', 'i', 'd'});
            if (large) {
                putBe64(tmp, boxSize);
                head.insert(head.end(), tmp, tmp + 8);
            }
            head.insert(head.end(), kC2paBoxUuid.begin(), kC2paBoxUuid.end());
            head.insert(head.end(), {0, 0, 0, 0});  // version 0, flags 0
            const char purpose[] = "manifest";
            head.insert(head.end(), purpose, purpose + sizeof purpose);  // with its NUL
            head.insert(head.end(), 8, 0);                               // no merkle data
            storeOffset = newOffset[0] + boxes[0].size + head.size();
            writeAll(dst.get(), head.data(), head.size(), out);
            const std::vector<std::uint8_t> zeros(
                static_cast<std::size_t>(std::min<std::uint64_t>(manifestSize, 1 << 20)));
            for (std::uint64_t left = manifestSize; left > 0;) {
                const std::size_t n =
                    static_cast<std::size_t>(std::min<std::uint64_t>(left, zeros.size()));
                writeAll(dst.get(), zeros.data(), n, out);
                left -= n;
            }
        }
    }
    if (std::fflush(dst.get()) != 0) throw Error(out + ": write failed (disk full?)");
    return storeOffset;
}

std::optional<cbor::Bytes> readManifestStore(const std::string& path) {
    const std::vector<BmffBox> boxes = readTopLevelBoxes(path);
    std::optional<cbor::Bytes> store;
    FilePtr f = openFile(path, "rb");
    for (const BmffBox& b : boxes) {
        if (!b.isC2pa()) continue;
        const std::uint64_t at = b.offset + b.headerSize + 16;
        const std::uint64_t end = b.offset + b.size;
        if (end - at < 4 + 2) throw Error(path + ": truncated C2PA box");
        const std::size_t restSize =
            static_cast<std::size_t>(std::min<std::uint64_t>(end - at, 4 + 64));
        std::vector<std::uint8_t> head(restSize);
        readAt(f.get(), at, head.data(), head.size(), path);
        const auto nul = std::find(head.begin() + 4, head.end(), 0);
        if (nul == head.end()) throw Error(path + ": C2PA box without its purpose");
        const std::string purpose(head.begin() + 4, nul);
        if (purpose != "manifest") continue;  // "merkle" boxes carry no store
        const std::uint64_t storeAt = at + static_cast<std::uint64_t>(nul - head.begin()) + 1 + 8;
        if (storeAt > end) throw Error(path + ": truncated C2PA box");
        if (store) throw Error(path + ": more than one C2PA manifest store");
        if (end - storeAt > (std::uint64_t(64) << 20))
            throw Error(path + ": C2PA manifest store over 64 MB");
        cbor::Bytes bytes(static_cast<std::size_t>(end - storeAt));
        if (!bytes.empty()) readAt(f.get(), storeAt, bytes.data(), bytes.size(), path);
        store = std::move(bytes);
    }
    return store;
}

}  // namespace kinora::c2pa
