// libFuzzer target: a safetensors weights file (header, offsets, dtypes), and the
// tensors it describes when they are small.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.h"
#include "util/error.h"
#include "weights/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    kinora::fuzz::MemoryFile file(data, size);
    if (!file.ok()) return 0;
    try {
        const kinora::SafetensorsFile weights(file.path());
        for (const auto& e : weights.entries())
            if (kinora::numelOf(e.shape) <= 4096) weights.load(e.name);
    } catch (const kinora::Error&) {
    }
    return 0;
}
