// The umT5 tokenizer read from a Hugging Face tokenizer.json: the fixtures' SentencePiece
// models rewritten in that format (as the tokenizers library's converter writes them) must
// give the official ids of every fixture case; other kinds of tokenizer are refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "models/wan/wan_tokenizer.h"
#include "spm_json.h"
#include "test_model.h"
#include "util/error.h"

namespace kinora::wan {
namespace {

using spmjson::readSpm;
using spmjson::toTokenizerJson;

namespace fs = std::filesystem;
const std::string kFixtures = KINORA_WAN21_FIXTURES;

using test::errorOf;

std::string write(const fs::path& path, const nlohmann::json& j) {
    std::ofstream(path) << j.dump();
    return path.string();
}

fs::path scratch(const std::string& name) {
    const auto dir = fs::temp_directory_path() / ("kinora_tokjson_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::vector<int64_t> idsOf(const nlohmann::json& list) {
    std::vector<int64_t> out;
    for (const auto& v : list) out.push_back(v.get<int64_t>());
    return out;
}

TEST(WanTokenizerJson, GivesTheOfficialIdsOfEveryFixtureCase) {
    const auto dir = scratch("cases");
    std::ifstream in(kFixtures + "/tokenizer/cases.json");
    const auto cases = nlohmann::json::parse(in);
    int checked = 0;
    for (const auto& model : cases.at("models")) {
        const auto spmPath = kFixtures + "/tokenizer/" + model.at("model_file").get<std::string>();
        const auto spm = readSpm(spmPath);
        ASSERT_EQ(static_cast<int64_t>(spm.pieces.size()), model.at("piece_size").get<int64_t>());
        for (bool newer : {true, false}) {
            const auto json = write(dir / (std::string(newer ? "new" : "old") + ".json"),
                                    toTokenizerJson(spm, newer));
            WanTokenizer tok(json);
            WanTokenizer reference(spmPath);
            EXPECT_EQ(tok.vocabSize(), reference.vocabSize());
            for (const auto& c : model.at("cases")) {
                const auto cleaned = c.at("cleaned").get<std::string>();
                const auto raw = c.at("raw").get<std::string>();
                EXPECT_EQ(tok.ids(cleaned), idsOf(c.at("ids"))) << cleaned;
                EXPECT_EQ(tok.tokenize(raw, 16).ids, idsOf(c.at("model_input_ids_len16"))) << raw;
                EXPECT_EQ(tok.decode(tok.ids(cleaned)), c.at("decoded").get<std::string>());
                ++checked;
            }
        }
    }
    EXPECT_GE(checked, 60);
}

TEST(WanTokenizerJson, MatchesAddedTokensPastTheVocabularyWhole) {
    const auto dir = scratch("added");
    const auto spm = readSpm(kFixtures + "/tokenizer/spm_unigram_v500.model");
    auto j = toTokenizerJson(spm, true);
    const auto n = static_cast<int64_t>(spm.pieces.size());
    for (int k = 0; k < 3; ++k)
        j["added_tokens"].push_back({{"id", n + k},
                                     {"content", "<extra_id_" + std::to_string(k) + ">"},
                                     {"special", true}});
    WanTokenizer tok(write(dir / "tokenizer.json", j));
    EXPECT_EQ(tok.vocabSize(), n + 3);
    const auto ids = tok.ids("a <extra_id_1> fox");
    EXPECT_NE(std::find(ids.begin(), ids.end(), n + 1), ids.end());
}

TEST(WanTokenizerJson, RefusesOtherTokenizersNamingTheFile) {
    const auto dir = scratch("bad");
    const auto spm = readSpm(kFixtures + "/tokenizer/spm_unigram_v500.model");
    auto bpe = toTokenizerJson(spm, true);
    bpe["model"] = {{"type", "BPE"}, {"vocab", nlohmann::json::object()}};
    const auto bpePath = write(dir / "bpe.json", bpe);
    EXPECT_NE(errorOf([&] { WanTokenizer t(bpePath); }).find("BPE"), std::string::npos);
    EXPECT_NE(errorOf([&] { WanTokenizer t(bpePath); }).find(bpePath), std::string::npos);

    auto gap = toTokenizerJson(spm, true);
    gap["added_tokens"].push_back(
        {{"id", static_cast<int64_t>(spm.pieces.size()) + 5}, {"content", "<x>"}});
    EXPECT_NE(errorOf([&] { WanTokenizer t(write(dir / "gap.json", gap)); }).find("gap"),
              std::string::npos);

    auto bert = toTokenizerJson(spm, true);
    bert["pre_tokenizer"] = {{"type", "BertPreTokenizer"}};
    EXPECT_NE(
        errorOf([&] { WanTokenizer t(write(dir / "bert.json", bert)); }).find("BertPreTokenizer"),
        std::string::npos);

    auto entry = toTokenizerJson(spm, true);
    entry["model"]["vocab"][7] = "oops";
    EXPECT_NE(errorOf([&] {
                  WanTokenizer t(write(dir / "entry.json", entry));
              }).find("vocabulary entry 7"),
              std::string::npos);

    const auto truncated = (dir / "truncated.json").string();
    const auto text = toTokenizerJson(spm, true).dump();
    std::ofstream(truncated) << text.substr(0, text.size() / 2);
    EXPECT_NE(errorOf([&] { WanTokenizer t(truncated); }).find("not a tokenizer.json"),
              std::string::npos);
}

}  // namespace
}  // namespace kinora::wan
