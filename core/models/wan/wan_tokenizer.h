#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kinora::wan {

/// @brief The prompt cleaning of the Wan releases (`clean='whitespace'`): HTML entities
/// unescaped twice, every run of whitespace (Python's definition of it) made one space,
/// trimmed. The releases also run ftfy first; that step is not reproduced (the tokenizer's
/// NFKC normalisation covers its width and ligature fixes; curly quotes stay curly).
/// Throws Error on text that is not UTF-8.
std::string cleanPrompt(const std::string& text);

/// @brief Python's html.unescape over UTF-8 text: numeric references with its rules
/// (Windows-1252 for 0x80-0x9F, U+FFFD for surrogates and out-of-range values, nothing for
/// invalid code points) and the named references a prompt meets (all of Latin-1, the
/// common punctuation, symbols and Greek letters), with and without the semicolon where
/// HTML allows it.
std::string htmlUnescape(const std::string& text);

/// @brief Writes a small SentencePiece unigram model (pad 0, </s> 1, unk 2, no BOS, identity
/// normalisation) whose pieces are `words` and the printable ASCII characters, for random
/// test models. Throws Error.
void writeSentencePieceModel(const std::vector<std::string>& words, const std::string& modelPath);

/// @brief The SentencePiece model (a serialized ModelProto) equivalent to a Hugging Face
/// `tokenizer.json` of a Unigram model, as google/umt5-xxl's tokenizer is also shipped: the
/// same pieces, scores and special tokens (added tokens past the vocabulary, such as T5's
/// `<extra_id_N>`, become pieces matched whole), the Precompiled normaliser's map, the
/// whitespace squeezing of its Replace or WhitespaceSplit, the Metaspace dummy prefix.
/// Throws Error naming the file for any other kind of tokenizer or a malformed one.
std::string sentencePieceFromTokenizerJson(const std::string& path);

/// @brief Where the SentencePiece module was found (throws Error saying where it looked).
std::string sentencepieceModulePath();

/// @brief Token ids and mask of one prompt as the model takes it.
struct TokenizedPrompt {
    std::vector<int64_t> ids;   ///< textLen ids: the prompt's, </s>, then padding (0)
    std::vector<int64_t> mask;  ///< 1 on the prompt's ids and </s>
    int64_t length = 0;         ///< tokens that count (mask sum)
    bool truncated = false;     ///< the prompt had more than textLen - 1 tokens
};

/// @brief The umT5 tokenizer of Wan: SentencePiece over the release's `spiece.model`
/// (through Debian's libsentencepiece), pad 0, </s> 1, no BOS; prompts cleaned, cut to
/// textLen - 1 tokens, closed with </s> and padded to textLen (512 in the releases).
///
/// libsentencepiece is reached through a small module of ours (libkinora_sentencepiece.so)
/// opened with dlopen in its own symbol scope: it bundles a protobuf that clashes with
/// LibTorch's. The module is looked up at $KINORA_SENTENCEPIECE_MODULE, beside the
/// program, in the installed library folder (<prefix>/lib/kinora) and in the build tree
/// (<build>/core); no absolute path of the build machine is compiled in.
class WanTokenizer {
public:
    /// @brief Loads a SentencePiece model file, or a Hugging Face `tokenizer.json` of one
    /// (see sentencePieceFromTokenizerJson). Throws Error naming the file.
    explicit WanTokenizer(const std::string& modelPath);
    ~WanTokenizer();
    WanTokenizer(const WanTokenizer&) = delete;
    WanTokenizer& operator=(const WanTokenizer&) = delete;

    const std::string& path() const { return m_path; }
    int64_t vocabSize() const;
    /// @brief Pieces and ids of text as given (no cleaning, no special tokens).
    std::vector<std::string> pieces(const std::string& text) const;
    std::vector<int64_t> ids(const std::string& text) const;
    std::string decode(const std::vector<int64_t>& ids) const;
    /// @brief Cleans, encodes, closes and pads a prompt to `textLen`.
    TokenizedPrompt tokenize(const std::string& prompt, int64_t textLen) const;

private:
    std::string m_path;
    void* m_handle = nullptr;
};

}  // namespace kinora::wan
