#include "weights/safetensors.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "test_model.h"
#include "util/error.h"

namespace kinora {
namespace {

std::string writeRaw(const std::string& name, const std::string& bytes) {
    const std::string path = test::tempDir("st") + "/" + name;
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

// A safetensors file whose header is `header` and whose data section has `dataBytes`.
std::string fileWithHeader(const std::string& header, std::size_t dataBytes) {
    std::string s(8, '\0');
    uint64_t n = header.size();
    for (int i = 0; i < 8; ++i) s[i] = static_cast<char>((n >> (8 * i)) & 0xff);
    return s + header + std::string(dataBytes, '\0');
}

std::string errorOf(const std::string& path) {
    try {
        SafetensorsFile f(path);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(Safetensors, RoundTripEveryDtype) {
    auto a = torch::randn({3, 4});
    auto b = torch::arange(10, torch::kFloat).view({2, 5});
    auto scalar = torch::scalar_tensor(3.5);
    for (DType dtype : {DType::F32, DType::F16, DType::BF16}) {
        const std::string path = test::tempDir("rt") + "/w.safetensors";
        writeSafetensors(path, {{"a", a}, {"b", b}, {"s", scalar}}, dtype, {{"k", "v"}});
        SafetensorsFile f(path);
        ASSERT_EQ(f.entries().size(), 3u);
        EXPECT_EQ(f.find("a")->dtype, dtype);
        EXPECT_EQ(f.metadata().at("k"), "v");
        const double tol = dtype == DType::F32 ? 0.0 : (dtype == DType::F16 ? 2e-3 : 2e-2);
        EXPECT_TRUE(torch::allclose(f.loadFloat("a"), a, tol, tol)) << dtypeName(dtype);
        EXPECT_TRUE(
            torch::equal(f.loadFloat("b", {2, 5}), b));  // small integers are exact in all three
        EXPECT_EQ(f.loadFloat("s").item<float>(), 3.5f);
    }
}

TEST(Safetensors, F32RoundTripIsBitExact) {
    auto a = torch::randn({7, 3});
    const std::string path = test::tempDir("rt") + "/w.safetensors";
    writeSafetensors(path, {{"x", a}});
    EXPECT_TRUE(torch::equal(SafetensorsFile(path).loadFloat("x"), a));
}

TEST(Safetensors, RefusesTooShortFile) {
    EXPECT_NE(errorOf(writeRaw("short.safetensors", "abc")).find("truncated"), std::string::npos);
}

TEST(Safetensors, RefusesHeaderLengthPastEnd) {
    std::string bytes = fileWithHeader("{}", 0);
    bytes[0] = 100;  // claims a 100-byte header in a 10-byte file
    const std::string msg = errorOf(writeRaw("h.safetensors", bytes));
    EXPECT_NE(msg.find("runs past the end"), std::string::npos) << msg;
    EXPECT_NE(msg.find("h.safetensors"), std::string::npos) << msg;
}

TEST(Safetensors, RefusesAbsurdHeaderLength) {
    std::string bytes = fileWithHeader("{}", 0);
    std::memset(&bytes[0], 0xff, 8);
    EXPECT_NE(errorOf(writeRaw("x.safetensors", bytes)).find("bad header length"),
              std::string::npos);
}

TEST(Safetensors, RefusesMalformedJson) {
    EXPECT_NE(
        errorOf(writeRaw("j.safetensors", fileWithHeader("{\"a\": [1,", 0))).find("not valid JSON"),
        std::string::npos);
    EXPECT_NE(
        errorOf(writeRaw("k.safetensors", fileWithHeader("[1, 2]  ", 0))).find("not a JSON object"),
        std::string::npos);
}

TEST(Safetensors, RefusesUnknownDtype) {
    const auto msg = errorOf(
        writeRaw("d.safetensors",
                 fileWithHeader(R"({"w":{"dtype":"C64","shape":[1],"data_offsets":[0,8]}})", 8)));
    EXPECT_NE(msg.find("'w'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("unsupported dtype"), std::string::npos) << msg;
}

TEST(Safetensors, RefusesOffsetsPastEnd) {
    const auto msg = errorOf(
        writeRaw("o.safetensors",
                 fileWithHeader(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8)));
    EXPECT_NE(msg.find("tensor 'w'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("past the end"), std::string::npos) << msg;
}

TEST(Safetensors, RefusesSizeNotMatchingShape) {
    const auto msg = errorOf(
        writeRaw("s.safetensors",
                 fileWithHeader(R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})", 8)));
    EXPECT_NE(msg.find("needs 12"), std::string::npos) << msg;
}

TEST(Safetensors, RefusesBadEntries) {
    EXPECT_NE(errorOf(writeRaw("e.safetensors", fileWithHeader(R"({"w":{"dtype":"F32"}})", 0)))
                  .find("needs dtype, shape and data_offsets"),
              std::string::npos);
    EXPECT_NE(
        errorOf(writeRaw("n.safetensors",
                         fileWithHeader(
                             R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}})", 0)))
            .find("negative"),
        std::string::npos);
    EXPECT_NE(errorOf(writeRaw("r.safetensors",
                               fileWithHeader(
                                   R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}})", 8)))
                  .find("begin after they end"),
              std::string::npos);
}

TEST(Safetensors, TruncatedRealFileIsRefused) {
    const std::string dir = test::tempDir("trunc");
    const std::string path = dir + "/w.safetensors";
    writeSafetensors(path, {{"a", torch::randn({64, 64})}});
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 100);
    const auto msg = errorOf(path);
    EXPECT_NE(msg.find("tensor 'a'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
}

TEST(Safetensors, MissingTensorAndWrongShapeNameTheTensor) {
    const std::string path = test::tempDir("miss") + "/w.safetensors";
    writeSafetensors(path, {{"a", torch::zeros({2, 3})}});
    SafetensorsFile f(path);
    try {
        f.loadFloat("b");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("tensor 'b' is missing"), std::string::npos);
    }
    try {
        f.loadFloat("a", {3, 2});
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("[2, 3]"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("[3, 2]"), std::string::npos) << e.what();
    }
}

TEST(Safetensors, FailedWriteLeavesExistingFileUntouched) {
    const std::string path = test::tempDir("keep") + "/w.safetensors";
    writeSafetensors(path, {{"a", torch::ones({2})}});
    EXPECT_THROW(writeSafetensors(path, {{"a", torch::ones({2})}, {"a", torch::ones({2})}}), Error);
    EXPECT_TRUE(torch::equal(SafetensorsFile(path).loadFloat("a"), torch::ones({2})));
}

}  // namespace
}  // namespace kinora
