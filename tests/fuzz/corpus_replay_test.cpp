// Every committed fuzz seed (and every finding kept as one) through its target's entry
// point, in the normal build: the parsers' answers to them stay errors, never crashes.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

extern "C" int fuzz_image_header(const uint8_t* data, std::size_t size);
extern "C" int fuzz_project(const uint8_t* data, std::size_t size);
extern "C" int fuzz_model_manifest(const uint8_t* data, std::size_t size);
extern "C" int fuzz_safetensors(const uint8_t* data, std::size_t size);
#ifdef KINORA_FUZZ_C2PA
extern "C" int fuzz_c2pa(const uint8_t* data, std::size_t size);
#endif

namespace {

namespace fs = std::filesystem;

int replay(const std::string& target, int (*entry)(const uint8_t*, std::size_t)) {
    int files = 0;
    for (const auto& e : fs::directory_iterator(fs::path(KINORA_FUZZ_CORPUS) / target)) {
        std::ifstream in(e.path(), std::ios::binary);
        const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
        EXPECT_EQ(entry(bytes.data(), bytes.size()), 0) << e.path();
        ++files;
    }
    return files;
}

TEST(FuzzCorpus, EverySeedIsAnsweredWithoutACrash) {
    EXPECT_GT(replay("fuzz_image_header", fuzz_image_header), 0);
    EXPECT_GT(replay("fuzz_project", fuzz_project), 0);
    EXPECT_GT(replay("fuzz_model_manifest", fuzz_model_manifest), 0);
    EXPECT_GT(replay("fuzz_safetensors", fuzz_safetensors), 0);
#ifdef KINORA_FUZZ_C2PA
    EXPECT_GT(replay("fuzz_c2pa", fuzz_c2pa), 0);
#endif
}

}  // namespace
