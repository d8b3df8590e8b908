#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

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

// The corpora: prompts in the studio's six languages, tab-separated, '#' comments.
std::vector<std::vector<std::string>> readCorpus(const std::string& name) {
    std::ifstream in(std::string(KINORA_SAFETY_CORPUS) + "/" + name);
    std::vector<std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> fields;
        std::size_t at = 0;
        for (std::size_t tab; (tab = line.find('\t', at)) != std::string::npos; at = tab + 1)
            fields.push_back(line.substr(at, tab - at));
        fields.push_back(line.substr(at));
        rows.push_back(fields);
    }
    return rows;
}

TEST(PromptFilter, RefusesInEveryLanguageWithoutFalsePositives) {
    const PromptFilter f = PromptFilter::builtIn();
    const auto refuse = readCorpus("refuse.tsv"), allow = readCorpus("allow.tsv");
    ASSERT_GE(allow.size(), 200u);
    ASSERT_GE(refuse.size(), 80u);
    std::map<std::string, std::pair<int, int>> byLanguage;  // refused, total
    int refused = 0, falsePositives = 0;
    for (const auto& row : refuse) {
        ASSERT_EQ(row.size(), 3u);
        const bool hit = f.check(row[2]).has_value();
        refused += hit;
        auto& l = byLanguage[row[0]];
        l.first += hit;
        ++l.second;
        EXPECT_TRUE(hit) << row[0] << " " << row[1] << ": " << row[2];
    }
    for (const auto& row : allow) {
        ASSERT_EQ(row.size(), 2u);
        const auto r = f.check(row[1]);
        falsePositives += r.has_value();
        EXPECT_FALSE(r) << row[0] << ": " << row[1] << " (" << (r ? r->matched : "") << ")";
    }
    std::printf("prompt filter: refused %d of %zu (%.1f%%), false positives %d of %zu\n", refused,
                refuse.size(), 100.0 * refused / static_cast<double>(refuse.size()), falsePositives,
                allow.size());
    for (const auto& [language, counts] : byLanguage)
        std::printf("  %s: refused %d of %d\n", language.c_str(), counts.first, counts.second);
}

TEST(PromptFilter, FoldingDefeatsWidthAccentsLookalikesAndJoiners) {
    const PromptFilter f = PromptFilter::builtIn();
    for (const char* p :
         {"ｎａｋｅｄ ｍａｎ", "NÜDE", "a nаked man" /* Cyrillic а */,
          "por\u200bn" /* zero-width space inside */, "p.o.r.n", "s-e-x", "ＳＥＸ", "Blüt"})
        EXPECT_TRUE(f.check(p)) << p;
    const auto r = f.check("une femme nue sur la plage");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->category, "sexual");
    EXPECT_EQ(r->matched, "femme nue");
    EXPECT_EQ(f.check("a naked child")->category, "minors");
    EXPECT_EQ(f.check("裸体女人")->matched, "裸体");
    // Allowed phrases set their words aside, but not the rest of the prompt.
    EXPECT_FALSE(f.check("a blood orange on a table"));
    EXPECT_TRUE(f.check("a blood orange in a pool of blood"));
    EXPECT_FALSE(f.check("裸足で歩く"));
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
