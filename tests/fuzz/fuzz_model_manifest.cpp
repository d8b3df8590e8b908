// libFuzzer target: a kinora model folder's model.json.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "models/kinora/manifest.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const auto document = nlohmann::json::parse(data, data + size, nullptr, false);
    if (document.is_discarded()) return 0;
    try {
        kinora::ModelManifest::fromJson(document, "model.json");
    } catch (const kinora::Error&) {
    }
    return 0;
}
