// Test support: a SentencePiece model rewritten as the Hugging Face tokenizers library
// writes it (tokenizer.json), for the tests of the tokenizer.json path.
#include "spm_json.h"

#include <cstring>
#include <fstream>
#include <stdexcept>

namespace kinora::spmjson {

namespace {

// ---- a SentencePiece ModelProto, read just enough to rewrite it ----------------------------

uint64_t varint(const std::string& b, std::size_t& i) {
    uint64_t r = 0;
    for (int shift = 0;; shift += 7) {
        const auto c = static_cast<uint8_t>(b.at(i++));
        r |= static_cast<uint64_t>(c & 0x7f) << shift;
        if (c < 0x80) return r;
    }
}

// Calls f(field, wire, varint value, bytes) for each field of a message.
template <class F>
void fields(const std::string& b, F f) {
    for (std::size_t i = 0; i < b.size();) {
        const uint64_t key = varint(b, i);
        const int number = static_cast<int>(key >> 3), wire = static_cast<int>(key & 7);
        if (wire == 0) {
            f(number, wire, varint(b, i), std::string());
        } else if (wire == 2) {
            const auto n = static_cast<std::size_t>(varint(b, i));
            f(number, wire, 0, b.substr(i, n));
            i += n;
        } else if (wire == 5) {
            f(number, wire, 0, b.substr(i, 4));
            i += 4;
        } else {
            throw std::runtime_error("not a SentencePiece model: wire type " +
                                     std::to_string(wire));
        }
    }
}

}  // namespace

Spm readSpm(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Spm s;
    fields(b, [&](int n, int, uint64_t, const std::string& bytes) {
        if (n == 1) {
            Piece p;
            fields(bytes, [&](int m, int, uint64_t v, const std::string& x) {
                if (m == 1) p.text = x;
                if (m == 2) std::memcpy(&p.score, x.data(), 4);
                if (m == 3) p.type = static_cast<int>(v);
            });
            if (p.type == 2) s.unkId = static_cast<int>(s.pieces.size());
            s.pieces.push_back(p);
        } else if (n == 2) {
            fields(bytes, [&](int m, int, uint64_t v, const std::string&) {
                if (m == 35) s.byteFallback = v != 0;
            });
        } else if (n == 3) {
            fields(bytes, [&](int m, int, uint64_t, const std::string& x) {
                if (m == 2) s.charsmap = x;
            });
        }
    });
    return s;
}

namespace {

std::string base64(const std::string& in) {
    static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const uint32_t v = static_cast<uint8_t>(in[i]) << 16 |
                           static_cast<uint8_t>(in[i + 1]) << 8 | static_cast<uint8_t>(in[i + 2]);
        for (int k = 3; k >= 0; --k) out.push_back(t[(v >> (6 * k)) & 63]);
    }
    if (i < in.size()) {
        uint32_t v = static_cast<uint8_t>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<uint8_t>(in[i + 1]) << 8;
        out.push_back(t[(v >> 18) & 63]);
        out.push_back(t[(v >> 12) & 63]);
        out.push_back(i + 1 < in.size() ? t[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

}  // namespace

// The tokenizer.json the tokenizers library writes for a SentencePiece Unigram model: the
// newer style (Precompiled then Replace, Metaspace with prepend_scheme) or the older one
// (Precompiled alone, WhitespaceSplit then Metaspace with add_prefix_space).
nlohmann::json toTokenizerJson(const Spm& s, bool newer) {
    using nlohmann::json;
    json added = json::array();
    json vocab = json::array();
    for (std::size_t i = 0; i < s.pieces.size(); ++i) {
        const auto& p = s.pieces[i];
        vocab.push_back(json::array({p.text, static_cast<double>(p.score)}));
        if (p.type == 2 || p.type == 3)
            added.push_back({{"id", i},
                             {"content", p.text},
                             {"single_word", false},
                             {"lstrip", false},
                             {"rstrip", false},
                             {"normalized", false},
                             {"special", true}});
    }
    json precompiled = {{"type", "Precompiled"}, {"precompiled_charsmap", base64(s.charsmap)}};
    json j;
    j["version"] = "1.0";
    j["truncation"] = nullptr;
    j["padding"] = nullptr;
    j["added_tokens"] = added;
    if (newer) {
        j["normalizer"] = {
            {"type", "Sequence"},
            {"normalizers",
             json::array(
                 {precompiled,
                  {{"type", "Replace"}, {"pattern", {{"Regex", " {2,}"}}}, {"content", " "}}})}};
        j["pre_tokenizer"] = {{"type", "Metaspace"},
                              {"replacement", "\u2581"},
                              {"prepend_scheme", "always"},
                              {"split", true}};
    } else {
        j["normalizer"] = precompiled;
        j["pre_tokenizer"] = {{"type", "Sequence"},
                              {"pretokenizers", json::array({{{"type", "WhitespaceSplit"}},
                                                             {{"type", "Metaspace"},
                                                              {"replacement", "\u2581"},
                                                              {"add_prefix_space", true}}})}};
    }
    j["post_processor"] = {{"type", "TemplateProcessing"}};
    j["decoder"] = {{"type", "Metaspace"}, {"replacement", "\u2581"}};
    j["model"] = {{"type", "Unigram"},
                  {"unk_id", s.unkId},
                  {"vocab", vocab},
                  {"byte_fallback", s.byteFallback}};
    return j;
}

}  // namespace kinora::spmjson
