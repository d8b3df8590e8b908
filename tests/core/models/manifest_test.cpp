#include "models/kinora/manifest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "models/kinora/kinora_model.h"
#include "test_model.h"
#include "util/error.h"

namespace kinora {
namespace {

namespace fs = std::filesystem;

std::string loadError(const std::string& dir) {
    try {
        loadModel(dir);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

std::string copyOfTestModel() {
    const std::string dir = test::tempDir("copy");
    for (const auto& e : fs::directory_iterator(test::testModelDir()))
        fs::copy_file(e.path(), fs::path(dir) / e.path().filename());
    return dir;
}

TEST(Manifest, JsonRoundTrip) {
    ModelManifest m;
    m.config = modelConfigForSize("small");
    m.config.text.vocabSize = 123;
    m.latentMean.assign(12, 0.5);
    m.latentStd.assign(12, 2.0);
    m.training = {{"steps", 1000}};
    m.config.defaults.guidanceSmoothing = 0.25;
    m.config.defaults.referenceGuidance = 6.0;
    const ModelManifest back = ModelManifest::fromJson(m.toJson(), "m.json");
    EXPECT_EQ(back.toJson(), m.toJson());
    EXPECT_EQ(back.config.defaults.guidanceSmoothing, 0.25);
    EXPECT_EQ(back.config.defaults.referenceGuidance, 6.0);
    // A manifest from before the fields reads as no smoothing and no reference guidance.
    auto old = m.toJson();
    old["defaults"].erase("guidance_smoothing");
    old["defaults"].erase("reference_guidance");
    EXPECT_EQ(ModelManifest::fromJson(old, "m.json").config.defaults.guidanceSmoothing, 0.0);
    EXPECT_EQ(ModelManifest::fromJson(old, "m.json").config.defaults.referenceGuidance, 0.0);
}

TEST(Manifest, RefusesNewerVersionAndBadFields) {
    ModelManifest m;
    m.config = modelConfigForSize("tiny");
    m.config.text.vocabSize = 10;
    auto j = m.toJson();
    j["format_version"] = 99;
    EXPECT_THROW(ModelManifest::fromJson(j, "m.json"), Error);
    j = m.toJson();
    j["architecture"]["dit"]["heads"] = 7;  // 256 not divisible by 7
    try {
        ModelManifest::fromJson(j, "m.json");
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("dit.dim"), std::string::npos) << e.what();
    }
    j = m.toJson();
    j["architecture"]["dit"]["depth"] = "eight";
    EXPECT_THROW(ModelManifest::fromJson(j, "m.json"), Error);
    j = m.toJson();
    j["latent"]["std"] = std::vector<double>(8, 0.0);
    EXPECT_THROW(ModelManifest::fromJson(j, "m.json"), Error);
    j = m.toJson();
    j["defaults"]["guidance_smoothing"] = 0.7;
    try {
        ModelManifest::fromJson(j, "m.json");
        FAIL() << "guidance_smoothing 0.7 was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("guidance_smoothing"), std::string::npos) << e.what();
    }
    j = m.toJson();
    j["defaults"]["reference_guidance"] = 25.0;
    try {
        ModelManifest::fromJson(j, "m.json");
        FAIL() << "reference_guidance 25 was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("reference_guidance"), std::string::npos) << e.what();
    }
    j = m.toJson();
    j["weights"] = "../../etc/passwd";
    EXPECT_THROW(ModelManifest::fromJson(j, "m.json"), Error);
    // A field of the wrong type is named (the fuzzer found "format": {} escaping as a
    // library exception).
    for (const char* field : {"format", "format_version", "name", "weights"}) {
        j = m.toJson();
        j[field] = nlohmann::json::object();
        EXPECT_NE(test::errorOf([&] { ModelManifest::fromJson(j, "m.json"); }).find(field),
                  std::string::npos)
            << field;
    }
    // Lists of integers are read element by element (the fuzzer found 1e32 converted to an
    // int); a latent channel count that would size the statistics absurdly is refused (by the
    // config's bound, before the statistics are sized).
    j = m.toJson();
    j["architecture"]["vae"]["channels"] = {32, 1.2889e32};
    EXPECT_NE(test::errorOf([&] {
                  ModelManifest::fromJson(j, "m.json");
              }).find("vae.channels[1]: must be an integer"),
              std::string::npos);
    j = m.toJson();
    j["architecture"]["vae"]["latent_channels"] = -1;
    EXPECT_NE(test::errorOf([&] { ModelManifest::fromJson(j, "m.json"); }).find("latent_channels"),
              std::string::npos);
    // A number too large for its field is out of range, never wrapped to something else.
    j = m.toJson();
    j["architecture"]["text"]["vocab_size"] = int64_t{1} << 40;
    try {
        ModelManifest::fromJson(j, "m.json");
        FAIL() << "vocab_size 2^40 was accepted";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("vocab_size: 1099511627776 is out of range"),
                  std::string::npos)
            << e.what();
    }
}

TEST(ModelLoading, SavedModelLoadsBitExactly) {
    KinoraModel a = loadModel(test::testModelDir());
    KinoraModel b = loadModel(test::testModelDir());
    auto pa = a->named_parameters();
    auto pb = b->named_parameters();
    ASSERT_EQ(pa.size(), pb.size());
    for (const auto& item : pa)
        EXPECT_TRUE(torch::equal(item.value(), pb[item.key()])) << item.key();
}

TEST(ModelLoading, MissingFolderAndManifest) {
    EXPECT_NE(loadError("/nonexistent/kinora-model").find("does not exist"), std::string::npos);
    const std::string empty = test::tempDir("empty");
    EXPECT_NE(loadError(empty).find("model.json: missing"), std::string::npos);
}

TEST(ModelLoading, MissingTensorIsNamed) {
    const std::string dir = copyOfTestModel();
    KinoraModel model = loadModel(dir);
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const auto& item : model->named_parameters())
        if (item.key() != "dit.blocks.1.fc2.weight") tensors.emplace_back(item.key(), item.value());
    writeSafetensors(dir + "/model.safetensors", tensors);
    const auto msg = loadError(dir);
    EXPECT_NE(msg.find("model.safetensors: tensor 'dit.blocks.1.fc2.weight' is missing"),
              std::string::npos)
        << msg;
}

TEST(ModelLoading, WrongShapeIsNamed) {
    const std::string dir = copyOfTestModel();
    // Same weights, manifest claims a wider denoiser.
    auto j = nlohmann::json::parse(std::ifstream(dir + "/model.json"));
    j["architecture"]["dit"]["dim"] = 96;
    std::ofstream(dir + "/model.json") << j.dump();
    const auto msg = loadError(dir);
    EXPECT_NE(msg.find("model.safetensors: tensor 'dit."), std::string::npos) << msg;
    EXPECT_NE(msg.find("the model expects"), std::string::npos) << msg;
}

TEST(ModelLoading, TruncatedWeightsAreRefused) {
    const std::string dir = copyOfTestModel();
    fs::resize_file(dir + "/model.safetensors", fs::file_size(dir + "/model.safetensors") / 2);
    const auto msg = loadError(dir);
    EXPECT_NE(msg.find("model.safetensors"), std::string::npos) << msg;
    EXPECT_NE(msg.find("truncated"), std::string::npos) << msg;
}

TEST(ModelLoading, MalformedManifestIsRefused) {
    const std::string dir = copyOfTestModel();
    std::ofstream(dir + "/model.json") << "{ not json";
    EXPECT_NE(loadError(dir).find("not valid JSON"), std::string::npos);
}

}  // namespace
}  // namespace kinora
