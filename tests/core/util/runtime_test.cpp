// The C++ runtime a build links: every std:: symbol from libstdc++ itself, whichever
// LibTorch it was built against.
#include <dlfcn.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include <torch/torch.h>

namespace {

namespace fs = std::filesystem;

std::string libraryOf(const void* symbol) {
    Dl_info info{};
    if (dladdr(symbol, &info) == 0 || info.dli_fname == nullptr) return "(unknown)";
    return info.dli_fname;
}

// PyTorch's wheels export a statically linked copy of std::filesystem whose remove_all
// crashes on a folder with files (pytorch/pytorch#133437); core/CMakeLists.txt makes
// every binary need libstdc++ before LibTorch so the dynamic linker never picks it.
TEST(Runtime, StdFilesystemComesFromLibstdcxxAndRemovesTrees) {
    using RemoveAll = std::uintmax_t (*)(const fs::path&, std::error_code&);
    const RemoveAll removeAll = &fs::remove_all;
    const std::string lib = libraryOf(reinterpret_cast<const void*>(removeAll));
    EXPECT_NE(lib.find("libstdc++"), std::string::npos)
        << "std::filesystem::remove_all from " << lib;

    const fs::path dir = fs::temp_directory_path() / ("kinora-runtime-" + std::to_string(getpid()));
    fs::create_directories(dir / "a" / "b");
    std::ofstream(dir / "a" / "b" / "f.bin") << "x";
    std::ofstream(dir / "g.bin") << "y";
    std::error_code ec;
    EXPECT_EQ(removeAll(dir, ec), 5u) << ec.message();
    EXPECT_FALSE(fs::exists(dir));
    EXPECT_TRUE(torch::ones({2}).sum().item<float>() == 2.0f);  // LibTorch is loaded too
}

}  // namespace
