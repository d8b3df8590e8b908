// libFuzzer target: the project document (JSON, migrations of older versions, validation,
// and the round trip a save makes).
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "project/project.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const auto document = nlohmann::json::parse(data, data + size, nullptr, false);
    if (document.is_discarded()) return 0;
    try {
        const kinora::project::Project p = kinora::project::fromJson(document);
        // What loads must save and load back to the same document.
        const kinora::project::Project again =
            kinora::project::fromJson(kinora::project::toJson(p));
        if (again != p) __builtin_trap();
    } catch (const kinora::Error&) {
    }
    return 0;
}
