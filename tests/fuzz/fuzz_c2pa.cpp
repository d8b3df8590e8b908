// libFuzzer target: content credentials as verify reads them from an MP4: the BMFF boxes,
// the JUMBF manifest store, its CBOR, the COSE signature and certificates. The same bytes
// also go to the JUMBF and CBOR parsers directly.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.h"
#include "provenance/c2pa.h"
#include "provenance/cbor.h"
#include "provenance/jumbf.h"
#include "util/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    try {
        kinora::c2pa::jumbf::parse(data, size);
    } catch (const kinora::Error&) {
    }
    try {
        kinora::cbor::decode(data, size, "fuzz");
    } catch (const kinora::Error&) {
    }
    kinora::fuzz::MemoryFile file(data, size);
    if (file.ok()) kinora::c2pa::verifyFile(file.path());  // never throws for a bad file
    return 0;
}
