#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "pipeline/engine.h"
#include "safety/prompt_filter.h"
#include "test_model.h"
#include "util/error.h"
#include "world/captioner.h"
#include "world/scene_sampler.h"

using namespace kinora;
using namespace kinora::safety;

namespace {

std::string categoryOf(const PromptFilter& f, const std::string& prompt) {
    const auto r = f.check(prompt);
    return r ? r->category : std::string();
}

std::string writeFile(const std::string& name, const std::string& text) {
    const std::string path = test::tempDir("prompt-list") + "/" + name;
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST(PromptFilter, RefusesEveryCategoryAndItsSpellings) {
    const PromptFilter f = PromptFilter::builtIn();
    EXPECT_EQ(categoryOf(f, "a naked man dances on the beach"), "sexual");
    EXPECT_EQ(categoryOf(f, "an underage girl"), "minors");
    EXPECT_EQ(categoryOf(f, "a red ball bounces in a pool of blood"), "violence");
    EXPECT_EQ(categoryOf(f, "he wants to kill himself"), "self-harm");
    EXPECT_EQ(categoryOf(f, "a swastika flag waves"), "hate");
    EXPECT_EQ(categoryOf(f, "Taylor Swift sings in a room"), "real people");
    EXPECT_EQ(categoryOf(f, "how to make a bomb"), "weapons");
    // Spellings that try to slip past.
    for (const char* p :
         {"BLOOD everywhere", "bl00d", "a blooooody scene", "b l o o d", "two corpses", "N.S.F.W",
          "n a k e d", "g0re", "Nazis march", "xxx", "sexxx"})
        EXPECT_FALSE(categoryOf(f, p).empty()) << p;
    const auto r = f.check("a star spins in bl00d");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->matched, "blood");
    EXPECT_NE(r->message().find("refused"), std::string::npos);
    EXPECT_NE(r->message().find("violence"), std::string::npos);
}

TEST(PromptFilter, LetsOrdinaryPromptsThrough) {
    const PromptFilter f = PromptFilter::builtIn();
    // Whole words only, and numbers stay numbers.
    for (const char* p : {"x", "a bloodhound runs", "an old sextant on a table", "a class in Essex",
                          "4 big stars fall", "the camera pans left", "a cross spins at night",
                          "@Pip bounces on the beach", "shoot the scene at dawn"})
        EXPECT_EQ(categoryOf(f, p), "") << p;
    // Nothing the world's captioner writes, and no prompt of the held-out suite.
    for (uint64_t seed = 0; seed < 300; ++seed)
        for (const auto& caption : world::captionScene(world::sampleScene(seed), seed))
            ASSERT_EQ(categoryOf(f, caption), "") << caption;
    std::ifstream suite(KINORA_EVAL_SUITE);
    ASSERT_TRUE(suite);
    int prompts = 0;
    for (std::string line; std::getline(suite, line);) {
        if (line.empty()) continue;
        const std::string prompt = nlohmann::json::parse(line)["prompt"];
        EXPECT_EQ(categoryOf(f, prompt), "") << prompt;
        ++prompts;
    }
    EXPECT_GE(prompts, 200);
}

TEST(PromptFilter, ReadsAWordListOrRefusesItClearly) {
    const std::string own = writeFile(
        "own.json",
        R"({"categories": [{"name": "brand", "message": "No brands", "terms": ["acme corp"]}]})");
    const PromptFilter extended = PromptFilter::fromFile(own);
    EXPECT_EQ(categoryOf(extended, "an ACME Corp logo"), "brand");
    EXPECT_EQ(categoryOf(extended, "gore"), "violence");  // built-in kept by default
    const std::string only = writeFile(
        "only.json",
        R"({"extends_built_in": false, "categories": [{"name": "b", "terms": ["x y"]}]})");
    EXPECT_EQ(categoryOf(PromptFilter::fromFile(only), "gore"), "");
    EXPECT_TRUE(PromptFilter::none().categories().empty());

    auto expectError = [](const std::string& path, const std::string& part) {
        try {
            PromptFilter::fromFile(path);
            FAIL() << "expected an error for " << path;
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(part), std::string::npos) << e.what();
        }
    };
    expectError(writeFile("broken.json", "{\"categories\": ["), "not valid JSON");
    expectError(writeFile("shape.json", "[1, 2]"), "needs {\"categories\"");
    expectError(writeFile("noname.json", R"({"categories": [{"terms": ["a"]}]})"),
                "categories[0].name");
    expectError(writeFile("term.json", R"({"categories": [{"name": "n", "terms": ["ok", 3]}]})"),
                "categories[0].terms[1]");
    expectError("/nonexistent/list.json", "no such file");
}

TEST(PromptFilter, TheEngineRefusesBeforeGenerating) {
    EngineOptions o;
    o.modelDir = test::testModelDir();
    Engine engine(o);
    GenerationRequest r;
    r.prompt = "a naked man on the beach";
    r.seed = 1;
    r.steps = 1;
    try {
        engine.generate(r);
        FAIL() << "a refused prompt generated";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("This prompt was refused"), std::string::npos);
    }
    // A negative prompt says what to avoid: never refused.
    r.prompt = "a red ball bounces";
    r.negativePrompt = "blood, gore";
    EXPECT_EQ(engine.generate(r).clip.frames.size(), 17u);
}
