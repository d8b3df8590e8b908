#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "weights/safetensors.h"

namespace kinora {

/// @brief A PyTorch zip archive (what `torch.save` writes since PyTorch 1.6: `.pth`, `.pt`,
/// `.bin`) holding a state dict, read without Python and without LibTorch's TorchScript
/// unpickler (which refuses plain `torch.save` files).
///
/// The zip container is parsed directly (stored entries, ZIP64 for files over 4 GB) and
/// memory-mapped; `<archive>/data.pkl` is run through a small pickle machine that knows
/// only what a state dict needs: dicts (OrderedDict), tuples, lists, numbers, strings,
/// `torch._utils._rebuild_tensor_v2` / `_rebuild_parameter` and typed storages as
/// persistent ids. Any other callable makes an opaque value that is fine to hold but not
/// to use as a tensor. Nested dicts (`{"state_dict": {...}}`) are flattened with dots.
/// Nothing in the file is executed. Every structural problem (not a zip, compressed or
/// truncated records, a storage too small for its views, an unknown storage type,
/// malformed pickle) is refused on open with a message naming the file.
class PthArchive : public TensorFile {
public:
    explicit PthArchive(const std::string& path);
    ~PthArchive() override;
    PthArchive(const PthArchive&) = delete;
    PthArchive& operator=(const PthArchive&) = delete;

    const std::string& path() const override { return m_path; }
    const std::vector<TensorEntry>& entries() const override { return m_entries; }
    const TensorEntry* find(const std::string& name) const override;
    torch::Tensor load(const std::string& name) const override;
    torch::Tensor view(const std::string& name) const override;
    void release(const std::string& name) const override;
    uint64_t fileBytes() const override { return m_mapSize; }

private:
    std::string m_path;
    const uint8_t* m_map = nullptr;
    std::size_t m_mapSize = 0;
    std::vector<TensorEntry> m_entries;  ///< begin/end: absolute offsets in the file
    std::map<std::string, std::size_t> m_index;
};

/// @brief True when the file starts like a zip archive ("PK\3\4").
bool looksLikeZip(const std::string& path);

}  // namespace kinora
