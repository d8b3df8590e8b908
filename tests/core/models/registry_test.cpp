// The model-family seam: the registry recognises a family's folder and says what is
// missing, and a family answers VideoModel's questions the way the engine relies on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "models/kinora/manifest.h"
#include "models/registry.h"
#include "models/video_model.h"
#include "pipeline/engine.h"
#include "test_model.h"
#include "util/error.h"

namespace kinora {
namespace {

namespace fs = std::filesystem;

// Runs `f` and returns the Error it throws (fails the test when it throws none).
template <typename F>
Error errorOf(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    ADD_FAILURE() << "no error thrown";
    return Error("none");
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(Registry, RecognisesTheKinoraFamily) {
    const DetectedModel found = detectModel(test::testModelDir());
    EXPECT_EQ(found.family, "kinora");
    EXPECT_EQ(found.variant, "kinora-test");
    EXPECT_TRUE(found.complete());
    EXPECT_EQ(modelFamilies().front()->name(), "kinora");
}

// The prompt editor's bold words come from the loaded model's family, read without weights.
TEST(Registry, KnowsTheWordsOfAModel) {
    const auto words = knownWords(test::testModelDir());
    auto has = [&](const char* w) {
        return std::find(words.begin(), words.end(), w) != words.end();
    };
    EXPECT_TRUE(has("beach"));
    EXPECT_TRUE(has("star"));
    EXPECT_FALSE(has("chases"));
    EXPECT_TRUE(knownWords("/nonexistent/model").empty());
}

TEST(Registry, SaysWhatAFolderLacks) {
    const std::string dir = test::tempDir("registry-partial");
    fs::copy_file(fs::path(test::testModelDir()) / "model.json", fs::path(dir) / "model.json");
    const DetectedModel found = detectModel(dir);
    EXPECT_EQ(found.family, "kinora");
    ASSERT_EQ(found.missing.size(), 1u);
    EXPECT_TRUE(contains(found.missing[0], "model.safetensors"));
    const Error e = errorOf([&] { loadVideoModel(dir); });
    EXPECT_EQ(e.kind(), ErrorKind::ModelLoad);
    EXPECT_TRUE(contains(e.what(), "kinora model")) << e.what();
    EXPECT_TRUE(contains(e.what(), "missing: model.safetensors")) << e.what();
}

TEST(Registry, RefusesWhatNoFamilyKnows) {
    const std::string empty = test::tempDir("registry-empty");
    Error e = errorOf([&] { detectModel(empty); });
    EXPECT_EQ(e.kind(), ErrorKind::ModelLoad);
    EXPECT_TRUE(contains(e.what(), "no model family recognises")) << e.what();
    EXPECT_TRUE(contains(e.what(), "tried kinora")) << e.what();

    // Someone else's model.json is not ours.
    const std::string other = test::tempDir("registry-other");
    std::ofstream(fs::path(other) / "model.json") << R"({"format": "something-else"})";
    EXPECT_EQ(errorOf([&] { detectModel(other); }).kind(), ErrorKind::ModelLoad);
    // Neither is a file that is not JSON at all.
    std::ofstream(fs::path(other) / "model.json", std::ios::trunc) << "\x01\x02 not json";
    EXPECT_TRUE(contains(errorOf([&] { detectModel(other); }).what(), "no model family"));

    e = errorOf([&] { detectModel(empty + "/does-not-exist"); });
    EXPECT_EQ(e.kind(), ErrorKind::ModelLoad);
    EXPECT_TRUE(contains(e.what(), "does not exist")) << e.what();
    const std::string file = (fs::path(empty) / "weights.safetensors").string();
    std::ofstream(file) << "x";
    // A file is a model only when a family reads it; one that cannot be read says why.
    const auto notWeights = errorOf([&] { detectModel(file); });
    EXPECT_EQ(notWeights.kind(), ErrorKind::ModelLoad);
    EXPECT_TRUE(contains(notWeights.what(), "weights.safetensors")) << notWeights.what();
    const std::string text = (fs::path(empty) / "notes.txt").string();
    std::ofstream(text) << "not a model";
    EXPECT_TRUE(contains(errorOf([&] { detectModel(text); }).what(), "no model family"))
        << errorOf([&] { detectModel(text); }).what();
    EXPECT_EQ(errorOf([&] { detectModel(""); }).kind(), ErrorKind::ModelLoad);
}

TEST(Registry, AMalformedManifestOfTheFamilyIsAModelLoadError) {
    const std::string dir = test::tempDir("registry-bad");
    std::ofstream(fs::path(dir) / "model.json")
        << R"({"format": "kinora-model", "format_version": 99})";
    const Error e = errorOf([&] { detectModel(dir); });
    EXPECT_EQ(e.kind(), ErrorKind::ModelLoad);
    EXPECT_TRUE(contains(e.what(), "format_version 99")) << e.what();
    // The engine refuses it the same way, before anything else.
    EngineOptions o;
    o.modelDir = dir;
    EXPECT_EQ(errorOf([&] { Engine engine(o); }).kind(), ErrorKind::ModelLoad);
}

TEST(Registry, TruncatedWeightsAreAModelLoadError) {
    const std::string dir = test::tempDir("registry-truncated");
    const fs::path from(test::testModelDir());
    fs::copy_file(from / "model.json", fs::path(dir) / "model.json");
    const auto size = fs::file_size(from / "model.safetensors");
    std::ifstream in(from / "model.safetensors", std::ios::binary);
    std::string bytes(static_cast<std::size_t>(size / 2), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::ofstream(fs::path(dir) / "model.safetensors", std::ios::binary) << bytes;
    const Error e = errorOf([&] { loadVideoModel(dir); });
    EXPECT_EQ(e.kind(), ErrorKind::ModelLoad);
    EXPECT_TRUE(contains(e.what(), "model.safetensors")) << e.what();
}

// The embedded model: $KINORA_MODEL_DIR when set, else the copy beside the program (here
// the build tree's, build/resources/models/<name>, next to build/tests/).
TEST(Registry, TheEmbeddedModelIsFoundWithoutACompiledInPath) {
    const char* before = std::getenv("KINORA_MODEL_DIR");
    const std::string saved = before ? before : "";
    ::unsetenv("KINORA_MODEL_DIR");
    const std::string beside = embeddedModelDir();
    EXPECT_TRUE(detectModel(beside).complete());
    EXPECT_EQ(fs::path(beside).filename(), "kinora-tiny");
    EXPECT_EQ(fs::path(beside).parent_path().filename(), "models");
    ::setenv("KINORA_MODEL_DIR", test::testModelDir().c_str(), 1);
    EXPECT_EQ(embeddedModelDir(), test::testModelDir());
    // A variable that points nowhere falls back to the copy beside the program.
    ::setenv("KINORA_MODEL_DIR", "/nonexistent/kinora-model", 1);
    EXPECT_EQ(embeddedModelDir(), beside);
    if (before)
        ::setenv("KINORA_MODEL_DIR", saved.c_str(), 1);
    else
        ::unsetenv("KINORA_MODEL_DIR");
}

// The shipped models by name: "" is the default, a shipped name that is no folder here is
// its folder beside the program, anything else stays as given; an unknown name is no
// shipped model (said with the names there are).
TEST(Registry, ShippedModelsAreFoundByName) {
    const auto names = embeddedModelNames();
    ASSERT_EQ(names.size(), 2u);
    EXPECT_EQ(names[0], "kinora-tiny");
    EXPECT_EQ(names[1], "kinora-tiny-fast");
    EXPECT_EQ(resolveModelPath(""), embeddedModelDir());
    EXPECT_EQ(resolveModelPath(test::testModelDir()), test::testModelDir());
    EXPECT_EQ(resolveModelPath("/nowhere/model"), "/nowhere/model");
    try {
        embeddedModelDir("kinora-huge");
        ADD_FAILURE() << "an unknown name was found";
    } catch (const Error& e) {
        EXPECT_TRUE(contains(e.what(), "kinora-tiny-fast")) << e.what();
        EXPECT_EQ(e.kind(), ErrorKind::ModelLoad);
    }
    // $KINORA_MODEL_DIR (the tests' small model) stands for the default model only.
    if (!fs::exists(fs::path(KINORA_SOURCE_FAST_MODEL_DIR) / "model.safetensors"))
        GTEST_SKIP() << "kinora-tiny-fast is not committed";
    const std::string fast = resolveModelPath("kinora-tiny-fast");
    EXPECT_EQ(fs::path(fast).filename(), "kinora-tiny-fast");
    EXPECT_NE(fast, test::testModelDir());
    EXPECT_TRUE(detectModel(fast).complete());
    const ModelManifest manifest = ModelManifest::load(fast);
    EXPECT_EQ(manifest.config.defaults.steps, 4);
    EXPECT_EQ(manifest.config.defaults.guidance, 1.0);
}

// What the engine relies on of any family, checked on the Kinora family.
TEST(VideoModelSeam, AFamilyAnswersTheEnginesQuestions) {
    auto model = loadVideoModel(test::testModelDir());
    const ModelInfo& info = model->info();
    EXPECT_EQ(info.family, "kinora");
    EXPECT_GT(info.parameters, 0);
    for (GenerationMode m :
         {GenerationMode::TextToVideo, GenerationMode::ImageToVideo, GenerationMode::ExtendForward,
          GenerationMode::ExtendBackward, GenerationMode::Connect, GenerationMode::Loop})
        EXPECT_TRUE(info.supports(m)) << name(m);
    ASSERT_FALSE(info.canvasPresets.empty());
    EXPECT_EQ(info.canvasPresets.front().width, info.defaults.width);

    c10::InferenceMode guard;
    const int frames = 9, height = 32, width = 32;
    torch::manual_seed(3);
    auto video = torch::rand({1, frames, 3, height, width}) * 2 - 1;
    auto z = model->encode(video);
    const int64_t lt = info.latentFrames(frames);
    ASSERT_EQ(z.sizes(),
              (std::vector<int64_t>{1, lt, info.latentChannels, info.latentHeight(height),
                                    info.latentWidth(width)}));
    // Decoding a range gives exactly the frames decoding the whole stream gives.
    auto all = model->decode(z, 0, lt, "");
    ASSERT_EQ(all.sizes(), (std::vector<int64_t>{1, frames, 3, height, width}));
    auto tail = model->decode(z, 1, lt, "");
    EXPECT_TRUE(torch::allclose(tail, all.narrow(1, 1, frames - 1), 1e-4, 1e-5));
    EXPECT_EQ(model->preview(z).sizes(),
              (std::vector<int64_t>{1, lt, 3, info.latentHeight(height), info.latentWidth(width)}));

    // Prompts are encoded once; the context is prepared for the rows asked for, and the
    // velocity has the latents' shape.
    auto prompts = model->encodePrompts({"a red ball", ""});
    EXPECT_EQ(prompts->rows(), 2);
    EXPECT_GT(prompts->tokens(), 0);
    const LatentLayout layout{lt, lt, info.latentHeight(height), info.latentWidth(width)};
    auto both = model->prepare(*prompts, 0, 2, layout);
    auto one = model->prepare(*prompts, 0, 1, layout);
    auto t = torch::full({2, lt}, 0.5);
    auto v2 = model->velocity(torch::cat({z, z}), t, *both);
    auto v1 = model->velocity(z, t.narrow(0, 0, 1), *one);
    EXPECT_EQ(v2.sizes(), torch::cat({z, z}).sizes());
    // Row 0 of the pair is the same prompt as the single row.
    EXPECT_TRUE(torch::allclose(v2.narrow(0, 0, 1), v1, 1e-4, 1e-5));
    EXPECT_FALSE(torch::allclose(v2.narrow(0, 1, 1), v1, 1e-4, 1e-5));
    EXPECT_GT(model->denoiserFlops(info.tokenCount(frames, height, width), prompts->tokens(), 2),
              0.0);
    // A prompt past the tokenizer's limit is refused before any heavy work.
    EXPECT_THROW(model->encodePrompts({std::string(100000, 'a')}), Error);
}

TEST(ModelInfo, ValidatesCanvasesByItsGeometry) {
    ModelInfo info;
    info.temporalFactor = 4;
    info.spatialFactor = 8;
    info.patchHeight = info.patchWidth = 2;
    EXPECT_NO_THROW(info.validateCanvas(832, 480, 81));
    EXPECT_EQ(info.tokenCount(81, 480, 832), 21 * 30 * 52);
    EXPECT_THROW(info.validateCanvas(840, 480, 81), Error);  // not a multiple of 16
    EXPECT_THROW(info.validateCanvas(832, 480, 80), Error);  // not 1 + 4k
    EXPECT_THROW(info.validateCanvas(8192, 480, 81), Error);
    info.maxTokens = 1000;
    EXPECT_THROW(info.validateCanvas(832, 480, 81), Error);
    EXPECT_FALSE(info.supports(GenerationMode::Connect));
    EXPECT_TRUE(info.supports(GenerationMode::Auto));
}

}  // namespace
}  // namespace kinora
