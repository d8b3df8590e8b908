// The pieces under the Wan family: weight files without Python (PyTorch zip archives, F8
// safetensors), the weight set's checks, prompt cleaning, the text encoder's buckets, the
// solvers' guards.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <torch/torch.h>

#include "models/wan/wan_t5.h"
#include "models/wan/wan_tokenizer.h"
#include "models/wan/wan_vae.h"
#include "models/wan/wan_weights.h"
#include "sampler/flow_solvers.h"
#include "test_model.h"
#include "util/error.h"
#include "weights/pth_archive.h"
#include "weights/safetensors.h"

namespace kinora::wan {
namespace {

namespace fs = std::filesystem;
const std::string kFixtures = KINORA_WAN21_FIXTURES;

using test::errorOf;

void put(std::string& s, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

// A zip file of stored records (method as given), as torch.save writes them.
std::string zipOf(const std::vector<std::pair<std::string, std::string>>& records, int method = 0) {
    std::string out, central;
    for (const auto& [name, data] : records) {
        const uint64_t offset = out.size();
        put(out, 0x04034b50, 4);
        put(out, 20, 2);
        put(out, 0, 2);
        put(out, method, 2);
        put(out, 0, 4);
        put(out, 0, 4);  // crc (not checked)
        put(out, data.size(), 4);
        put(out, data.size(), 4);
        put(out, name.size(), 2);
        put(out, 0, 2);
        out += name + data;
        put(central, 0x02014b50, 4);
        put(central, 20, 2);
        put(central, 20, 2);
        put(central, 0, 2);
        put(central, method, 2);
        put(central, 0, 4);
        put(central, 0, 4);
        put(central, data.size(), 4);
        put(central, data.size(), 4);
        put(central, name.size(), 2);
        put(central, 0, 2);
        put(central, 0, 2);
        put(central, 0, 2);
        put(central, 0, 2);
        put(central, 0, 4);
        put(central, offset, 4);
        central += name;
    }
    const uint64_t cdOffset = out.size();
    out += central;
    put(out, 0x06054b50, 4);
    put(out, 0, 2);
    put(out, 0, 2);
    put(out, records.size(), 2);
    put(out, records.size(), 2);
    put(out, central.size(), 4);
    put(out, cdOffset, 4);
    put(out, 0, 2);
    return out;
}

std::string str(const std::string& s) {  // BINUNICODE
    std::string out = "X";
    put(out, s.size(), 4);
    return out + s;
}

// data.pkl of {name: FloatTensor(size, stride, offset) over a storage of `numel`}.
std::string statePickle(const std::string& name, int64_t numel, int64_t size, int64_t stride,
                        int64_t offset, const std::string& storageType = "FloatStorage") {
    std::string p = "\x80\x02}(";
    p += str(name);
    p += "ctorch._utils\n_rebuild_tensor_v2\n((";
    p += str("storage") + "ctorch\n" + storageType + "\n" + str("0") + str("cpu");
    p += "J";
    put(p, static_cast<uint64_t>(numel), 4);
    p += "tQJ";
    put(p, static_cast<uint64_t>(offset), 4);
    p += "J";
    put(p, static_cast<uint64_t>(size), 4);
    p += "\x85J";
    put(p, static_cast<uint64_t>(stride), 4);
    p += "\x85\x89"
         "ccollections\nOrderedDict\n)RtRu.";
    return p;
}

std::string writeFile(const std::string& name, const std::string& bytes) {
    const std::string path = test::tempDir("wan-parts") + "/" + name;
    std::ofstream(path, std::ios::binary)
        .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return path;
}

std::string floats(std::initializer_list<float> v) {
    std::string s(v.size() * 4, '\0');
    std::memcpy(s.data(), std::data(v), s.size());
    return s;
}

TEST(PthArchive, ReadsTheReleaseContainerBitIdenticalToSafetensors) {
    for (const std::string name : {"t5/weights_official", "vae/weights"}) {
        PthArchive pth(kFixtures + "/" + name + ".pth");
        SafetensorsFile st(kFixtures + "/" + name + ".safetensors");
        ASSERT_EQ(pth.entries().size(), st.entries().size()) << name;
        for (const auto& e : st.entries()) {
            const auto* p = pth.find(e.name);
            ASSERT_NE(p, nullptr) << e.name;
            EXPECT_EQ(p->dtype, e.dtype) << e.name;
            EXPECT_TRUE(torch::equal(pth.load(e.name), st.load(e.name))) << e.name;
        }
    }
}

TEST(PthArchive, ReadsAStridedViewAndOpensByContentNotName) {
    // A transposed-like view: size 3, stride 2 over a storage of 6 floats, offset 1.
    const auto bytes = zipOf(
        {{"a/data.pkl", statePickle("w", 6, 3, 2, 1)}, {"a/data/0", floats({0, 1, 2, 3, 4, 5})}});
    const auto path = writeFile("strided.safetensors", bytes);  // the name lies; the bytes do not
    const auto file = openTensorFile(path);
    const auto t = file->load("w");
    EXPECT_TRUE(torch::equal(t, torch::tensor({1.0f, 3.0f, 5.0f})));
}

TEST(PthArchive, RefusesMalformedArchivesWithClearMessages) {
    const std::string good =
        zipOf({{"a/data.pkl", statePickle("w", 4, 4, 1, 0)}, {"a/data/0", floats({1, 2, 3, 4})}});
    EXPECT_EQ(errorOf([&] { PthArchive(writeFile("good.pth", good)); }), "");

    // Truncated: the end-of-directory record is gone.
    const auto truncated = writeFile("cut.pth", good.substr(0, good.size() / 2));
    EXPECT_NE(errorOf([&] { PthArchive p(truncated); }).find("truncated"), std::string::npos);
    // The release's own container cut short.
    std::ifstream in(kFixtures + "/vae/weights.pth", std::ios::binary);
    std::string release((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(
        errorOf([&] {
            PthArchive p(writeFile("release-cut.pth", release.substr(0, release.size() - 4096)));
        }),
        "");

    // Compressed records are not what torch.save writes.
    const auto deflated = writeFile("deflated.pth", zipOf({{"a/data.pkl", "x"}}, 8));
    EXPECT_NE(errorOf([&] { PthArchive p(deflated); }).find("compressed"), std::string::npos);
    // A zip that is not a PyTorch archive.
    const auto other = writeFile("other.pth", zipOf({{"readme.txt", "hello"}}));
    EXPECT_NE(errorOf([&] { PthArchive p(other); }).find("data.pkl"), std::string::npos);
    // A view past its storage.
    const auto past = writeFile("past.pth", zipOf({{"a/data.pkl", statePickle("w", 4, 4, 1, 2)},
                                                   {"a/data/0", floats({1, 2, 3, 4})}}));
    EXPECT_NE(errorOf([&] { PthArchive p(past); }).find("past the end"), std::string::npos);
    // A storage record smaller than its element count.
    const auto small = writeFile("small.pth", zipOf({{"a/data.pkl", statePickle("w", 8, 4, 1, 0)},
                                                     {"a/data/0", floats({1, 2, 3, 4})}}));
    EXPECT_NE(errorOf([&] { PthArchive p(small); }).find("fewer"), std::string::npos);
    // An unknown storage type, an unsupported opcode, a pickle cut short.
    const auto odd = writeFile(
        "odd.pth", zipOf({{"a/data.pkl", statePickle("w", 4, 4, 1, 0, "ComplexFloatStorage")},
                          {"a/data/0", floats({1, 2, 3, 4})}}));
    EXPECT_NE(errorOf([&] { PthArchive p(odd); }).find("ComplexFloatStorage"), std::string::npos);
    const auto opcode = writeFile("opcode.pth", zipOf({{"a/data.pkl", "\x80\x02i"}}));
    EXPECT_NE(errorOf([&] { PthArchive p(opcode); }).find("opcode"), std::string::npos);
    const auto cut = writeFile("cutpickle.pth",
                               zipOf({{"a/data.pkl", statePickle("w", 4, 4, 1, 0).substr(0, 40)}}));
    EXPECT_NE(errorOf([&] { PthArchive p(cut); }).find("ends early"), std::string::npos);
}

TEST(PthArchive, NeverRunsWhatThePickleNames) {
    // {"w": os.system("touch FILE")}: the call is held as an opaque value, never made.
    const std::string marker = test::tempDir("wan-pickle") + "/ran";
    std::string p = "\x80\x02}(" + str("w") + "cos\nsystem\n(" + str("touch " + marker) + "tRu.";
    const auto path = writeFile("evil.pth", zipOf({{"a/data.pkl", p}}));
    PthArchive archive(path);
    EXPECT_TRUE(archive.entries().empty());
    EXPECT_FALSE(fs::exists(marker));
}

TEST(Safetensors, DecodesEightBitFloats) {
    EXPECT_EQ(decodeF8(0x38, DType::F8_E4M3), 1.0f);
    EXPECT_EQ(decodeF8(0x7e, DType::F8_E4M3), 448.0f);
    EXPECT_EQ(decodeF8(0xb8, DType::F8_E4M3), -1.0f);
    EXPECT_EQ(decodeF8(0x01, DType::F8_E4M3), std::ldexp(1.0f, -9));
    EXPECT_TRUE(std::isnan(decodeF8(0x7f, DType::F8_E4M3)));
    EXPECT_EQ(decodeF8(0x3c, DType::F8_E5M2), 1.0f);
    EXPECT_EQ(decodeF8(0x7b, DType::F8_E5M2), 57344.0f);
    EXPECT_TRUE(std::isinf(decodeF8(0x7c, DType::F8_E5M2)));
    EXPECT_EQ(parseDType("f8_e4m3"), DType::F8_E4M3);
    EXPECT_NE(errorOf([] { parseDType("F4"); }).find("F8_E4M3"), std::string::npos);
}

// A safetensors file written byte by byte (our writer does not write F8).
std::string rawSafetensors(const std::string& header, const std::string& data) {
    std::string s;
    put(s, header.size(), 8);
    return s + header + data;
}

TEST(WanWeights, AppliesTheScaleOfAnEightBitWeight) {
    const std::string header =
        R"({"model.diffusion_model.x.weight":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]},)"
        R"("model.diffusion_model.x.scale_weight":{"dtype":"F32","shape":[],"data_offsets":[2,6]}})";
    std::string data = "\x38\xb8";  // 1, -1
    data += floats({0.5f});
    const auto path = writeFile("fp8.safetensors", rawSafetensors(header, data));
    WanWeights w({std::shared_ptr<TensorFile>(openTensorFile(path))}, ditName, "denoiser");
    EXPECT_TRUE(w.has("x.weight"));
    EXPECT_TRUE(torch::equal(w.take("x.weight", {2}), torch::tensor({0.5f, -0.5f})));
    EXPECT_NO_THROW(w.finish());
}

TEST(WanWeights, NamesTheMissingTheMisshapenAndTheLeftover) {
    WanWeights w({std::shared_ptr<TensorFile>(
                     openTensorFile(kFixtures + "/t5/weights_hf_umt5.safetensors"))},
                 t5Name, "text encoder");
    EXPECT_TRUE(w.has("blocks.1.ffn.gate.0.weight"));
    EXPECT_NE(errorOf([&] { w.take("blocks.9.attn.q.weight"); }).find("blocks.9.attn.q.weight"),
              std::string::npos);
    const auto wrong = errorOf([&] { w.take("norm.weight", {65}); });
    EXPECT_NE(wrong.find("encoder.final_layer_norm.weight"), std::string::npos);
    EXPECT_NE(wrong.find("[64]"), std::string::npos);
    const auto left = errorOf([&] { w.finish(); });
    EXPECT_NE(left.find("does not use"), std::string::npos);
}

TEST(WanWeights, RefusesTheDenoiserFileAsATextEncoder) {
    auto weights = std::make_shared<WanWeights>(
        std::vector<std::shared_ptr<TensorFile>>{
            openTensorFile(kFixtures + "/dit_t2v/weights.safetensors")},
        t5Name, "text encoder");
    EXPECT_NE(errorOf([&] { UMT5Encoder e(weights); }).find("token_embedding.weight"),
              std::string::npos);
}

TEST(WanTokenizer, CleansAsThePythonReferenceDoes) {
    EXPECT_EQ(cleanPrompt("  a \t b\n\nc\u3000d  "), "a b c d");
    EXPECT_EQ(cleanPrompt("&amp;lt;b&amp;gt;"), "<b>");                  // unescaped twice
    EXPECT_EQ(htmlUnescape("&amp &ampx &copy2024"), "& &x \u00a92024");  // legacy names without ';'
    EXPECT_EQ(htmlUnescape("&hellip; &unknown; &#x41;&#66"), "\u2026 &unknown; AB");
    EXPECT_EQ(htmlUnescape("&#128;&#0;&#x110000;&#1;"), "\u20ac\ufffd\ufffd");
    EXPECT_EQ(htmlUnescape("q=1&x=2 &#; &#x;"), "q=1&x=2 &#; &#x;");
    EXPECT_EQ(cleanPrompt("zero\u200bwidth"), "zero\u200bwidth");  // not whitespace in Python
    EXPECT_NE(errorOf([] { cleanPrompt("bad \xff byte"); }).find("UTF-8"), std::string::npos);
    EXPECT_NE(errorOf([] { cleanPrompt("overlong \xc0\xaf"); }).find("UTF-8"), std::string::npos);
}

TEST(WanTokenizer, CutsLongPromptsAndClosesThem) {
    WanTokenizer tok(kFixtures + "/tokenizer/spm_unigram_v500.model");
    std::string longPrompt;
    for (int i = 0; i < 20000; ++i) longPrompt += "fox ";  // 80 KB
    const auto t = tok.tokenize(longPrompt, 512);
    EXPECT_TRUE(t.truncated);
    EXPECT_EQ(t.length, 512);
    EXPECT_EQ(t.ids.back(), 1);
    const auto empty = tok.tokenize("", 8);
    EXPECT_EQ(empty.ids, (std::vector<int64_t>{1, 0, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(empty.length, 1);
    EXPECT_NE(
        errorOf([] { WanTokenizer t2(kFixtures + "/tokenizer/cases.json"); }).find("SentencePiece"),
        std::string::npos);
}

TEST(UMT5, BucketsRelativePositionsBothWays) {
    // 32 buckets over 128 positions: 8 exact per direction, then logarithmic, capped at 15.
    EXPECT_EQ(UMT5Encoder::bucket(0, 32, 128), 0);
    EXPECT_EQ(UMT5Encoder::bucket(-7, 32, 128), 7);
    EXPECT_EQ(UMT5Encoder::bucket(7, 32, 128), 23);
    EXPECT_EQ(UMT5Encoder::bucket(-8, 32, 128), 8);
    EXPECT_EQ(UMT5Encoder::bucket(-16, 32, 128), 10);
    EXPECT_EQ(UMT5Encoder::bucket(-127, 32, 128), 15);
    EXPECT_EQ(UMT5Encoder::bucket(5000, 32, 128), 31);
}

// The VAE of the fixtures.
std::unique_ptr<WanVAE> fixtureVae() {
    WanWeights w(
        {std::shared_ptr<TensorFile>(openTensorFile(kFixtures + "/vae/weights.safetensors"))},
        vaeName, "VAE");
    return std::make_unique<WanVAE>(w);
}

TEST(WanVAE, DecodesInBlendedTilesWithinTheFrame) {
    const auto owned = fixtureVae();
    auto& vae = *owned;
    torch::manual_seed(3);
    const auto z = torch::randn({16, 2, 10, 14});
    const auto whole = vae.decode(z);
    // A tile no smaller than the frame is the plain decode, exactly.
    EXPECT_TRUE(torch::equal(vae.decodeTiled(z, 16), whole));
    // Smaller tiles: the same frame, finite, and close to the whole away from the seams'
    // lost context (the tiles see less of their neighbourhood; the blend hides the seams).
    const auto tiled = vae.decodeTiled(z, 8);
    ASSERT_EQ(tiled.sizes(), whole.sizes());
    EXPECT_TRUE(torch::isfinite(tiled).all().item<bool>());
    const double drift = (tiled - whole).abs().mean().item<double>();
    const double scale = whole.abs().mean().item<double>();
    EXPECT_LT(drift, 0.5 * scale) << drift << " vs " << scale;
    EXPECT_NE(errorOf([&] { vae.decodeTiled(z, 2); }), "");
}

TEST(WanVAE, ConvolvesInBandsOfRowsToTheSameResult) {
    const auto owned = fixtureVae();
    auto& vae = *owned;
    torch::manual_seed(5);
    const auto z = torch::randn({16, 3, 5, 7});
    const auto video = torch::rand({3, 9, 40, 56}) * 2 - 1;
    const int64_t budget = WanVAE::bandBytes();
    const auto whole = vae.decode(z);
    const auto latents = vae.encode(video);
    // Budgets from one row per band to a few rows: bands meet at the frame's edges, at odd
    // places and at the halo of every kernel; the pieces must join into the same result.
    for (int64_t bytes : {int64_t{1}, int64_t{20000}, int64_t{150000}}) {
        WanVAE::setBandBytes(bytes);
        const auto banded = vae.decode(z);
        const auto bandedLatents = vae.encode(video);
        WanVAE::setBandBytes(budget);
        ASSERT_EQ(banded.sizes(), whole.sizes());
        EXPECT_LT((banded - whole).abs().max().item<double>(), 1e-5) << bytes;
        EXPECT_LT((bandedLatents - latents).abs().max().item<double>(), 1e-5) << bytes;
    }
    EXPECT_EQ(WanVAE::bandBytes(), budget);
}

TEST(FlowSolvers, ScheduleMatchesTheReleaseDefaultsAndRefusesNonsense) {
    const auto s = flowSchedule(FlowSolverKind::UniPC, 50, 5.0);
    EXPECT_EQ(s.steps(), 50);
    EXPECT_EQ(s.timesteps.front(), 999);
    EXPECT_EQ(s.sigmas.back(), 0.0f);
    const auto d = flowSchedule(FlowSolverKind::DPMpp, 10, 5.0);
    EXPECT_EQ(d.timesteps.front(), 1000);
    EXPECT_NE(errorOf([] { flowSchedule(FlowSolverKind::UniPC, 0, 5.0); }), "");
    EXPECT_NE(errorOf([] { flowSchedule(FlowSolverKind::UniPC, 10, -1.0); }), "");
    EXPECT_NE(errorOf([] { parseSolver("ddim"); }).find("unipc"), std::string::npos);
    FlowSolver solver(FlowSolverKind::Euler, flowSchedule(FlowSolverKind::Euler, 1, 1.0));
    const auto x = torch::ones({2});
    const auto done = solver.step(torch::ones({2}), x);  // x - 1 * v = 0 at sigma 0
    EXPECT_TRUE(torch::allclose(done, torch::zeros({2})));
    EXPECT_NE(errorOf([&] { solver.step(torch::ones({2}), done); }), "");
}

}  // namespace
}  // namespace kinora::wan
