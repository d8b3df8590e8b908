#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

namespace kinora {

/// @brief Element types of weight files (safetensors names). F8_E4M3 / F8_E5M2 have no
/// LibTorch 1.13 type: they are decoded to float32 when loaded.
enum class DType { F32, F16, BF16, F64, I64, I32, I16, I8, U8, BOOL, F8_E4M3, F8_E5M2 };

const char* dtypeName(DType dtype);
std::size_t dtypeSize(DType dtype);
/// @brief True for the floating-point types (F32, F16, BF16, F64 and the two F8 types).
bool isFloating(DType dtype);
/// @brief Parses a safetensors dtype name ("F32", "BF16", "F8_E4M3", ...; lower case too).
/// Throws Error naming the supported ones otherwise.
DType parseDType(const std::string& name);
/// @brief The LibTorch type a stored dtype loads as (F8 types: float32).
at::ScalarType loadedScalarType(DType dtype);

/// @brief One tensor of a weight file: its name, stored type and shape, and where its
/// bytes are (offsets into the file's data section; `strides` empty = contiguous).
struct TensorEntry {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    uint64_t begin = 0;  ///< byte offset into the data section
    uint64_t end = 0;
    std::vector<int64_t> strides;  ///< element strides when not contiguous (.pth views)
};

/// @brief Number of elements of a shape.
int64_t numelOf(const std::vector<int64_t>& shape);

/// @brief A file of named tensors, read without Python: safetensors or a PyTorch zip
/// archive (.pth / .pt / .bin written by torch.save). The bytes stay memory-mapped; a
/// tensor is copied out only when loaded.
class TensorFile {
public:
    virtual ~TensorFile() = default;
    virtual const std::string& path() const = 0;
    virtual const std::vector<TensorEntry>& entries() const = 0;
    virtual const TensorEntry* find(const std::string& name) const = 0;
    /// @brief Copies tensor `name` out in its stored type (F8 decoded to float32).
    virtual torch::Tensor load(const std::string& name) const = 0;
    /// @brief As load, converted to float32.
    torch::Tensor loadFloat(const std::string& name) const;
    /// @brief The tensor without copying when its bytes allow it (contiguous, aligned, a
    /// LibTorch type): a read-only view of the mapping that must not outlive this file and
    /// must never be written. Otherwise a copy, as load.
    virtual torch::Tensor view(const std::string& name) const { return load(name); }
    /// @brief Size of the file in bytes.
    virtual uint64_t fileBytes() const = 0;
    /// @brief Tells the system the mapped bytes of tensor `name` are not needed for now:
    /// they leave this process's resident memory (read again from the file if used).
    /// No effect on tensors already copied out; views of it stay valid.
    virtual void release(const std::string& name) const {}
};

/// @brief The name of the first floating-point tensor of `file` holding NaN or infinity,
/// or empty. Reads every tensor once (each released after), so it is for diagnosis.
std::string firstNonFiniteTensor(const TensorFile& file);

/// @brief Opens a safetensors file or a PyTorch zip archive, by its first bytes (not its
/// name). Throws kinora::Error naming the file.
std::unique_ptr<TensorFile> openTensorFile(const std::string& path);

/// @brief A tensor from its bytes in a mapping (`bytes` points at the entry's first
/// element; strided entries are gathered), in the type `loadedScalarType` names.
torch::Tensor decodeTensorBytes(const uint8_t* bytes, const TensorEntry& entry);

/// @brief A view of an entry's bytes without copying when possible (see TensorFile::view).
torch::Tensor viewTensorBytes(const uint8_t* bytes, const TensorEntry& entry);

/// @brief madvise(MADV_DONTNEED) over the whole pages inside [begin, end) of a mapping.
void releaseMappedBytes(const uint8_t* begin, const uint8_t* end);

/// @brief Decodes one byte of an 8-bit float (E4M3 "fn": no infinities, S.1111.111 is
/// NaN; E5M2: IEEE-like).
float decodeF8(uint8_t byte, DType dtype);

/// @brief A memory-mapped, validated safetensors file.
///
/// Every structural problem (truncation, bad header length, malformed JSON, unknown
/// dtype, offsets past the end, size not matching the shape) is refused on open with a
/// message naming the file and, where it applies, the tensor.
class SafetensorsFile : public TensorFile {
public:
    /// @brief Maps and validates `path`. Throws kinora::Error.
    explicit SafetensorsFile(const std::string& path);
    ~SafetensorsFile() override;
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const override { return m_path; }
    const std::vector<TensorEntry>& entries() const override { return m_entries; }
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    const TensorEntry* find(const std::string& name) const override;
    uint64_t fileBytes() const override { return m_mapSize; }

    torch::Tensor load(const std::string& name) const override;
    torch::Tensor view(const std::string& name) const override;
    void release(const std::string& name) const override;
    using TensorFile::loadFloat;

    /// @brief As loadFloat, but refuses a shape other than `expected` with a message
    /// naming the file, the tensor and both shapes.
    torch::Tensor loadFloat(const std::string& name, at::IntArrayRef expected) const;

private:
    std::string m_path;
    const uint8_t* m_map = nullptr;
    std::size_t m_mapSize = 0;
    const uint8_t* m_data = nullptr;
    std::vector<TensorEntry> m_entries;
    std::map<std::string, std::size_t> m_index;
    std::map<std::string, std::string> m_metadata;
};

/// @brief Writes tensors (converted to `dtype`; F8 types are not written) to `path` atomically: a
/// temporary file is written, flushed and renamed over the target, so a failure leaves no partial
/// file.
void writeSafetensors(const std::string& path,
                      const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                      DType dtype = DType::F32,
                      const std::map<std::string, std::string>& metadata = {});

/// @brief One tensor of a file written piece by piece.
struct TensorSpec {
    std::string name;
    std::vector<int64_t> shape;
};
/// @brief Writes a safetensors file of `dtype` tensors one at a time: `produce(i)` makes
/// tensor i (any float type, the spec's shape) when its turn comes, so a file larger than
/// memory can be written. Atomic like writeSafetensors.
void writeSafetensorsStreamed(const std::string& path, const std::vector<TensorSpec>& specs,
                              DType dtype, const std::function<torch::Tensor(std::size_t)>& produce,
                              const std::map<std::string, std::string>& metadata = {});

/// @brief Shape as "[2, 3, 4]" for messages.
std::string shapeString(at::IntArrayRef shape);

}  // namespace kinora
