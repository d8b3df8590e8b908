#include "weights/safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora {

namespace {

constexpr uint64_t kMaxHeaderBytes = 100ull << 20;  // the format's own limit

// The LibTorch type whose bytes match the stored ones (F8: raw bytes).
at::ScalarType storedScalarType(DType dtype) {
    switch (dtype) {
        case DType::F32:
            return at::kFloat;
        case DType::F16:
            return at::kHalf;
        case DType::BF16:
            return at::kBFloat16;
        case DType::F64:
            return at::kDouble;
        case DType::I64:
            return at::kLong;
        case DType::I32:
            return at::kInt;
        case DType::I16:
            return at::kShort;
        case DType::I8:
            return at::kChar;
        case DType::U8:
        case DType::F8_E4M3:
        case DType::F8_E5M2:
            return at::kByte;
        case DType::BOOL:
            return at::kBool;
    }
    return at::kFloat;
}

struct DTypeName {
    DType dtype;
    const char* name;
    std::size_t size;
};
constexpr DTypeName kDTypes[] = {
    {DType::F32, "F32", 4},   {DType::F16, "F16", 2},         {DType::BF16, "BF16", 2},
    {DType::F64, "F64", 8},   {DType::I64, "I64", 8},         {DType::I32, "I32", 4},
    {DType::I16, "I16", 2},   {DType::I8, "I8", 1},           {DType::U8, "U8", 1},
    {DType::BOOL, "BOOL", 1}, {DType::F8_E4M3, "F8_E4M3", 1}, {DType::F8_E5M2, "F8_E5M2", 1},
};

uint64_t readLe64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

}  // namespace

const char* dtypeName(DType dtype) {
    for (const auto& d : kDTypes)
        if (d.dtype == dtype) return d.name;
    return "?";
}

std::size_t dtypeSize(DType dtype) {
    for (const auto& d : kDTypes)
        if (d.dtype == dtype) return d.size;
    return 1;
}

bool isFloating(DType dtype) {
    return dtype == DType::F32 || dtype == DType::F16 || dtype == DType::BF16 ||
           dtype == DType::F64 || dtype == DType::F8_E4M3 || dtype == DType::F8_E5M2;
}

at::ScalarType loadedScalarType(DType dtype) {
    if (dtype == DType::F8_E4M3 || dtype == DType::F8_E5M2) return at::kFloat;
    return storedScalarType(dtype);
}

DType parseDType(const std::string& name) {
    std::string upper = name;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const auto& d : kDTypes)
        if (upper == d.name) return d.dtype;
    std::string all;
    for (const auto& d : kDTypes) all += std::string(all.empty() ? "" : ", ") + d.name;
    throw Error("unsupported dtype '" + name + "' (supported: " + all + ")");
}

int64_t numelOf(const std::vector<int64_t>& shape) {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

float decodeF8(uint8_t byte, DType dtype) {
    const bool negative = (byte & 0x80) != 0;
    float value = 0.0f;
    if (dtype == DType::F8_E4M3) {
        const int exponent = (byte >> 3) & 0xf;
        const int mantissa = byte & 0x7;
        if (exponent == 0xf && mantissa == 0x7) return std::numeric_limits<float>::quiet_NaN();
        value = exponent == 0
                    ? std::ldexp(static_cast<float>(mantissa) / 8.0f, -6)
                    : std::ldexp(1.0f + static_cast<float>(mantissa) / 8.0f, exponent - 7);
    } else {
        const int exponent = (byte >> 2) & 0x1f;
        const int mantissa = byte & 0x3;
        if (exponent == 0x1f)
            return mantissa == 0 ? (negative ? -std::numeric_limits<float>::infinity()
                                             : std::numeric_limits<float>::infinity())
                                 : std::numeric_limits<float>::quiet_NaN();
        value = exponent == 0
                    ? std::ldexp(static_cast<float>(mantissa) / 4.0f, -14)
                    : std::ldexp(1.0f + static_cast<float>(mantissa) / 4.0f, exponent - 15);
    }
    return negative ? -value : value;
}

torch::Tensor TensorFile::loadFloat(const std::string& name) const {
    auto t = load(name);
    return t.scalar_type() == at::kFloat ? t : t.to(torch::kFloat);
}

torch::Tensor decodeTensorBytes(const uint8_t* bytes, const TensorEntry& entry) {
    if (entry.dtype == DType::F8_E4M3 || entry.dtype == DType::F8_E5M2) {
        float table[256];
        for (int i = 0; i < 256; ++i) table[i] = decodeF8(static_cast<uint8_t>(i), entry.dtype);
        auto out = torch::empty(entry.shape, torch::kFloat);
        float* dst = out.data_ptr<float>();
        const int64_t n = out.numel();
        if (entry.strides.empty()) {
            for (int64_t i = 0; i < n; ++i) dst[i] = table[bytes[i]];
        } else {
            auto idx = torch::from_blob(const_cast<uint8_t*>(bytes), entry.shape, entry.strides,
                                        torch::kByte)
                           .contiguous();
            const uint8_t* src = idx.data_ptr<uint8_t>();
            for (int64_t i = 0; i < n; ++i) dst[i] = table[src[i]];
        }
        return out;
    }
    const auto type = storedScalarType(entry.dtype);
    if (!entry.strides.empty()) {
        // A strided view of a storage (.pth): copy element by element into a new tensor.
        return torch::from_blob(const_cast<uint8_t*>(bytes), entry.shape, entry.strides,
                                torch::TensorOptions().dtype(type))
            .clone(at::MemoryFormat::Contiguous);
    }
    // Copy first: the data need not be aligned for the element type.
    auto raw = torch::empty(entry.shape, torch::TensorOptions().dtype(type));
    std::memcpy(raw.data_ptr(), bytes, entry.end - entry.begin);
    return raw;
}

std::string shapeString(at::IntArrayRef shape) {
    std::ostringstream s;
    s << '[';
    for (std::size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
    s << ']';
    return s.str();
}

SafetensorsFile::SafetensorsFile(const std::string& path) : m_path(path) {
    // Opened without blocking: a FIFO or a device is refused, never waited on.
    const int fd = openRegularFile(path, "weights");
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        throw Error(printablePath(path) + ": cannot read its size");
    }
    const auto fileSize = static_cast<uint64_t>(st.st_size);
    if (fileSize < 8) {
        ::close(fd);
        throw Error(path + ": truncated: " + std::to_string(fileSize) +
                    " bytes, too short for the 8-byte header length");
    }
    void* map = ::mmap(nullptr, fileSize, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) throw Error(path + ": cannot map: " + std::strerror(errno));
    m_map = static_cast<const uint8_t*>(map);
    m_mapSize = fileSize;

    try {
        const uint64_t headerLen = readLe64(m_map);
        if (headerLen == 0 || headerLen > kMaxHeaderBytes)
            throw Error(path + ": bad header length " + std::to_string(headerLen) +
                        " (not a safetensors file?)");
        if (headerLen > fileSize - 8)
            throw Error(path + ": truncated: header of " + std::to_string(headerLen) +
                        " bytes runs past the end of the " + std::to_string(fileSize) +
                        "-byte file");
        const char* headerText = reinterpret_cast<const char*>(m_map + 8);
        nlohmann::json header;
        try {
            header = nlohmann::json::parse(headerText, headerText + headerLen);
        } catch (const nlohmann::json::exception& e) {
            throw Error(path + ": header is not valid JSON: " + e.what());
        }
        if (!header.is_object()) throw Error(path + ": header is not a JSON object");
        m_data = m_map + 8 + headerLen;
        const uint64_t dataSize = fileSize - 8 - headerLen;

        for (auto it = header.begin(); it != header.end(); ++it) {
            const std::string& name = it.key();
            const std::string where = path + ": tensor '" + name + "'";
            if (name == "__metadata__") {
                if (!it->is_object()) throw Error(path + ": __metadata__ is not an object");
                for (auto m = it->begin(); m != it->end(); ++m) {
                    if (!m->is_string())
                        throw Error(path + ": __metadata__." + m.key() + " is not a string");
                    m_metadata[m.key()] = m->get<std::string>();
                }
                continue;
            }
            const auto& v = *it;
            if (!v.is_object() || !v.contains("dtype") || !v.contains("shape") ||
                !v.contains("data_offsets"))
                throw Error(where + ": entry needs dtype, shape and data_offsets");
            if (!v["dtype"].is_string()) throw Error(where + ": dtype is not a string");
            TensorEntry entry;
            entry.name = name;
            try {
                entry.dtype = parseDType(v["dtype"].get<std::string>());
            } catch (const Error& e) {
                throw Error(where + ": " + e.what());
            }
            if (!v["shape"].is_array()) throw Error(where + ": shape is not an array");
            uint64_t numel = 1;
            for (const auto& d : v["shape"]) {
                if (!d.is_number_integer() || d.get<int64_t>() < 0)
                    throw Error(where + ": shape has a non-integer or negative dimension");
                const auto dim = d.get<uint64_t>();
                if (dim != 0 && numel > std::numeric_limits<uint64_t>::max() / 16 / dim)
                    throw Error(where + ": shape is absurdly large");
                numel *= dim;
                entry.shape.push_back(static_cast<int64_t>(dim));
            }
            const auto& off = v["data_offsets"];
            if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() ||
                !off[1].is_number_unsigned())
                throw Error(where + ": data_offsets must be two non-negative integers");
            entry.begin = off[0].get<uint64_t>();
            entry.end = off[1].get<uint64_t>();
            if (entry.begin > entry.end) throw Error(where + ": data_offsets begin after they end");
            if (entry.end > dataSize)
                throw Error(where + ": data_offsets end at byte " + std::to_string(entry.end) +
                            ", past the end of the data (" + std::to_string(dataSize) +
                            " bytes; file truncated?)");
            const uint64_t expected = numel * dtypeSize(entry.dtype);
            if (entry.end - entry.begin != expected)
                throw Error(where + ": holds " + std::to_string(entry.end - entry.begin) +
                            " bytes but shape " + shapeString(entry.shape) + " of " +
                            dtypeName(entry.dtype) + " needs " + std::to_string(expected));
            m_index[name] = m_entries.size();
            m_entries.push_back(std::move(entry));
        }
    } catch (...) {
        ::munmap(const_cast<uint8_t*>(m_map), m_mapSize);
        throw;
    }
}

SafetensorsFile::~SafetensorsFile() {
    if (m_map != nullptr) ::munmap(const_cast<uint8_t*>(m_map), m_mapSize);
}

const TensorEntry* SafetensorsFile::find(const std::string& name) const {
    const auto it = m_index.find(name);
    return it == m_index.end() ? nullptr : &m_entries[it->second];
}

torch::Tensor viewTensorBytes(const uint8_t* bytes, const TensorEntry& entry) {
    const bool aligned = reinterpret_cast<uintptr_t>(bytes) % dtypeSize(entry.dtype) == 0;
    if (!entry.strides.empty() || !aligned || entry.dtype == DType::F8_E4M3 ||
        entry.dtype == DType::F8_E5M2)
        return decodeTensorBytes(bytes, entry);
    return torch::from_blob(const_cast<uint8_t*>(bytes), entry.shape,
                            torch::TensorOptions().dtype(storedScalarType(entry.dtype)));
}

void releaseMappedBytes(const uint8_t* begin, const uint8_t* end) {
    const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    const uintptr_t first = (reinterpret_cast<uintptr_t>(begin) + page - 1) / page * page;
    const uintptr_t last = reinterpret_cast<uintptr_t>(end) / page * page;
    if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

void SafetensorsFile::release(const std::string& name) const {
    const TensorEntry* entry = find(name);
    if (entry != nullptr) releaseMappedBytes(m_data + entry->begin, m_data + entry->end);
}

torch::Tensor SafetensorsFile::view(const std::string& name) const {
    const TensorEntry* entry = find(name);
    if (entry == nullptr) throw Error(m_path + ": tensor '" + name + "' is missing");
    return viewTensorBytes(m_data + entry->begin, *entry);
}

torch::Tensor SafetensorsFile::load(const std::string& name) const {
    const TensorEntry* entry = find(name);
    if (entry == nullptr) throw Error(m_path + ": tensor '" + name + "' is missing");
    return decodeTensorBytes(m_data + entry->begin, *entry);
}

torch::Tensor SafetensorsFile::loadFloat(const std::string& name, at::IntArrayRef expected) const {
    const TensorEntry* entry = find(name);
    if (entry == nullptr) throw Error(m_path + ": tensor '" + name + "' is missing");
    if (at::IntArrayRef(entry->shape) != expected)
        throw Error(m_path + ": tensor '" + name + "' has shape " + shapeString(entry->shape) +
                    ", the model expects " + shapeString(expected));
    return loadFloat(name);
}

void writeSafetensors(const std::string& path,
                      const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                      DType dtype, const std::map<std::string, std::string>& metadata) {
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    std::vector<torch::Tensor> converted;
    converted.reserve(tensors.size());
    uint64_t offset = 0;
    for (const auto& [name, tensor] : tensors) {
        if (name == "__metadata__" || header.contains(name))
            throw Error(path + ": duplicate or reserved tensor name '" + name + "'");
        if (dtype == DType::F8_E4M3 || dtype == DType::F8_E5M2)
            throw Error(path + ": writing " + std::string(dtypeName(dtype)) + " is not supported");
        auto t = tensor.detach().to(torch::kCPU).to(storedScalarType(dtype)).contiguous();
        const uint64_t bytes = static_cast<uint64_t>(t.numel()) * dtypeSize(dtype);
        header[name] = {{"dtype", dtypeName(dtype)},
                        {"shape", t.sizes().vec()},
                        {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        converted.push_back(std::move(t));
    }
    std::string text = header.dump();
    while (text.size() % 8 != 0) text.push_back(' ');
    writeFileAtomically(path, [&](std::ostream& out) {
        uint8_t len[8];
        uint64_t n = text.size();
        for (int i = 0; i < 8; ++i) len[i] = static_cast<uint8_t>((n >> (8 * i)) & 0xff);
        out.write(reinterpret_cast<const char*>(len), 8);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        for (const auto& t : converted)
            out.write(static_cast<const char*>(t.data_ptr()),
                      static_cast<std::streamsize>(t.numel() * dtypeSize(dtype)));
    });
}

void writeSafetensorsStreamed(const std::string& path, const std::vector<TensorSpec>& specs,
                              DType dtype, const std::function<torch::Tensor(std::size_t)>& produce,
                              const std::map<std::string, std::string>& metadata) {
    if (dtype == DType::F8_E4M3 || dtype == DType::F8_E5M2)
        throw Error(path + ": writing " + std::string(dtypeName(dtype)) + " is not supported");
    nlohmann::json header = nlohmann::json::object();
    if (!metadata.empty()) header["__metadata__"] = metadata;
    uint64_t offset = 0;
    for (const auto& spec : specs) {
        if (spec.name == "__metadata__" || header.contains(spec.name))
            throw Error(path + ": duplicate or reserved tensor name '" + spec.name + "'");
        const uint64_t bytes = static_cast<uint64_t>(numelOf(spec.shape)) * dtypeSize(dtype);
        header[spec.name] = {{"dtype", dtypeName(dtype)},
                             {"shape", spec.shape},
                             {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    while (text.size() % 8 != 0) text.push_back(' ');
    writeFileAtomically(path, [&](std::ostream& out) {
        uint8_t len[8];
        const uint64_t n = text.size();
        for (int i = 0; i < 8; ++i) len[i] = static_cast<uint8_t>((n >> (8 * i)) & 0xff);
        out.write(reinterpret_cast<const char*>(len), 8);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        for (std::size_t i = 0; i < specs.size(); ++i) {
            auto t = produce(i).detach().to(torch::kCPU).to(storedScalarType(dtype)).contiguous();
            if (t.sizes() != at::IntArrayRef(specs[i].shape))
                throw Error(path + ": tensor '" + specs[i].name + "' was made with shape " +
                            shapeString(t.sizes()) + ", not " + shapeString(specs[i].shape));
            out.write(static_cast<const char*>(t.data_ptr()),
                      static_cast<std::streamsize>(t.numel() * dtypeSize(dtype)));
        }
    });
}

}  // namespace kinora
