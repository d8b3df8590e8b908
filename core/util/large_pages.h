#pragma once

#include <cstddef>
#include <cstdint>

namespace kinora {

/// @brief Where CPU tensors of `minBytes` or more get their memory: on, each from a mapping
/// of its own whose pages the kernel may back with 2 MB transparent huge pages (madvise),
/// returned to the system when the tensor is freed; off, LibTorch's own allocator.
///
/// A model whose working tensors are hundreds of MB (Wan at 720p) allocates them anew for
/// every block (FreedMemory::ReturnLarge keeps its peak down), and each allocation is then
/// faulted in page by page: 40 million faults and a quarter of the CPU time of one TI2V-5B
/// step at 1280x704 (experiments/wan/notes.md). 2 MB pages fault 512 times less often.
/// Where the kernel offers no huge pages the mappings are ordinary ones. The allocator is
/// installed on the first call (LibTorch's CPU allocator is kept for every other tensor
/// and for the ones made before); safe to call while other threads run.
void setLargeTensorPages(bool on, std::size_t minBytes = std::size_t(32) << 20);

/// @brief Tensors that took the mapped path since the process began, and the bytes of
/// those alive now (for tests and the benchmark's report).
struct LargePageStats {
    int64_t allocations = 0;
    int64_t liveBytes = 0;
};
LargePageStats largePageStats();

}  // namespace kinora
