#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kinora {

/// @brief Word tokenizer over the Kinora world vocabulary (docs/world.md).
///
/// Lower-cases ASCII, splits on anything that is not a letter or digit, keeps ",", "."
/// and ";" as tokens (they separate clauses about different characters), and maps every
/// word outside the vocabulary deterministically (FNV-1a) to one of kUnknownBuckets ids,
/// so an unknown word is always the same token and never crashes anything.
/// The id layout is a contract with trained weights: append words, never reorder.
class Tokenizer {
public:
    static constexpr int kPad = 0;
    static constexpr int kBos = 1;
    static constexpr int kEos = 2;
    static constexpr int kUnknownBuckets = 64;
    static constexpr std::size_t kMaxPromptBytes = 2000;
    static constexpr const char* kName = "kinora-world-v1";

    Tokenizer();

    /// @brief Ids of `text` with BOS/EOS. Throws Error when the prompt is longer than
    /// kMaxPromptBytes or gives more than `maxTokens` tokens.
    std::vector<int64_t> encode(const std::string& text, int maxTokens) const;
    /// @brief The words of `text` as the tokenizer splits them (no BOS/EOS, no limit).
    std::vector<std::string> split(const std::string& text) const;

    int vocabSize() const;
    /// @brief Whether `word` (already lower case) is in the world vocabulary.
    bool isKnownWord(const std::string& word) const;
    int idOf(const std::string& word) const;
    const std::vector<std::string>& words() const;
};

}  // namespace kinora
