#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <torch/torch.h>

namespace kinora {

/// @brief Element types we read and write in safetensors files.
enum class DType { F32, F16, BF16 };

const char* dtypeName(DType dtype);
std::size_t dtypeSize(DType dtype);
/// @brief Parses "F32", "F16", "BF16" (also lower case). Throws Error otherwise.
DType parseDType(const std::string& name);

/// @brief One tensor entry of a safetensors header.
struct TensorEntry {
    std::string name;
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    uint64_t begin = 0;  ///< byte offset into the data section
    uint64_t end = 0;
};

/// @brief A memory-mapped, validated safetensors file.
///
/// Every structural problem (truncation, bad header length, malformed JSON, unknown
/// dtype, offsets past the end, size not matching the shape) is refused on open with a
/// message naming the file and, where it applies, the tensor.
class SafetensorsFile {
public:
    /// @brief Maps and validates `path`. Throws kinora::Error.
    explicit SafetensorsFile(const std::string& path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;

    const std::string& path() const { return m_path; }
    const std::vector<TensorEntry>& entries() const { return m_entries; }
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }
    const TensorEntry* find(const std::string& name) const;

    /// @brief Copies tensor `name` out of the mapping as float32. Throws if missing.
    torch::Tensor loadFloat(const std::string& name) const;

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

/// @brief Writes tensors (converted to `dtype`) to `path` atomically: a temporary file
/// is written, flushed and renamed over the target, so a failure leaves no partial file.
void writeSafetensors(const std::string& path,
                      const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                      DType dtype = DType::F32,
                      const std::map<std::string, std::string>& metadata = {});

/// @brief Shape as "[2, 3, 4]" for messages.
std::string shapeString(at::IntArrayRef shape);

}  // namespace kinora
