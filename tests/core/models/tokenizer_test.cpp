#include "models/kinora/tokenizer.h"

#include <gtest/gtest.h>

#include "models/kinora/text_encoder.h"
#include "util/error.h"

namespace kinora {
namespace {

TEST(Tokenizer, SplitsLowercasesAndKeepsClausePunctuation) {
    Tokenizer t;
    const auto words = t.split("A big RED ball; it's bouncing, on the five-pointed grass.");
    const std::vector<std::string> expected{"a",    "big",      "red",   "ball", ";",
                                            "its",  "bouncing", ",",     "on",   "the",
                                            "five", "pointed",  "grass", "."};
    EXPECT_EQ(words, expected);
}

TEST(Tokenizer, EveryWorldWordIsKnown) {
    Tokenizer t;
    for (const char* w :
         {"red",     "orange", "yellow",  "green",   "blue",    "purple", "pink",     "white",
          "circle",  "ball",   "disc",    "square",  "box",     "block",  "triangle", "star",
          "ring",    "donut",  "hoop",    "cross",   "plus",    "small",  "little",   "tiny",
          "big",     "large",  "huge",    "bounces", "hops",    "falls",  "drops",    "spins",
          "rotates", "grows",  "shrinks", "rises",   "sinks",   "night",  "grass",    "meadow",
          "field",   "beach",  "sand",    "room",    "indoors", "gray",   "camera",   "pans",
          "zooms",   "pillar", "post",    "behind"})
        EXPECT_TRUE(t.isKnownWord(w)) << w;
}

TEST(Tokenizer, UnknownWordsMapDeterministicallyIntoBuckets) {
    Tokenizer t;
    const int base = static_cast<int>(t.words().size());
    const int id = t.idOf("cinematic");
    EXPECT_GE(id, base);
    EXPECT_LT(id, t.vocabSize());
    EXPECT_EQ(id, Tokenizer().idOf("cinematic"));
    EXPECT_FALSE(t.isKnownWord("cinematic"));
}

TEST(Tokenizer, EncodesWithBosEosAndRefusesTooLong) {
    Tokenizer t;
    const auto ids = t.encode("red ball", 64);
    ASSERT_EQ(ids.size(), 4u);
    EXPECT_EQ(ids.front(), Tokenizer::kBos);
    EXPECT_EQ(ids.back(), Tokenizer::kEos);
    EXPECT_EQ(t.encode("", 64).size(), 2u);
    std::string longPrompt;
    for (int i = 0; i < 70; ++i) longPrompt += "red ";
    try {
        t.encode(longPrompt, 64);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("prompt is too long: 70 words"), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(t.encode(std::string(100 * 1024, 'a'), 64), Error);  // a 100 KB prompt
}

TEST(Tokenizer, BatchPadsWithMask) {
    TextConfig c;
    c.vocabSize = Tokenizer().vocabSize();
    auto batch = tokenizePrompts({"a red ball bounces", ""}, c);
    EXPECT_EQ(batch.ids.sizes(), (std::vector<int64_t>{2, 6}));
    EXPECT_EQ(batch.valid[0].sum().item<int64_t>(), 6);
    EXPECT_EQ(batch.valid[1].sum().item<int64_t>(), 2);
    EXPECT_EQ(batch.ids[1][2].item<int64_t>(), Tokenizer::kPad);
}

}  // namespace
}  // namespace kinora
