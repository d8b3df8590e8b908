#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kinora::spmjson {

/// One piece of a SentencePiece model (type: 1 normal, 2 unknown, 3 control, 6 byte).
struct Piece {
    std::string text;
    float score = 0;
    int type = 1;
};

/// What a tokenizer.json carries of a SentencePiece model.
struct Spm {
    std::vector<Piece> pieces;
    std::string charsmap;  ///< the normaliser's precompiled map
    bool byteFallback = false;
    int unkId = -1;
};

/// Reads a SentencePiece .model file (its protobuf, field by field). Throws on a bad one.
Spm readSpm(const std::string& path);

/// The tokenizer.json the tokenizers library writes for a SentencePiece Unigram model: the
/// newer style (Precompiled then Replace, Metaspace with prepend_scheme) or the older one
/// (Precompiled alone, WhitespaceSplit then Metaspace with add_prefix_space).
nlohmann::json toTokenizerJson(const Spm& s, bool newer);

}  // namespace kinora::spmjson
