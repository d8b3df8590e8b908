#include "models/wan/wan_tokenizer.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "util/base64.h"
#include "util/error.h"
#include "util/utf8.h"

namespace kinora::wan {

namespace {

// ---- UTF-8 ---------------------------------------------------------------------------

std::u32string decodeUtf8(const std::string& s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > s.size())
            throw Error("the prompt is not valid UTF-8 text (byte " + std::to_string(i) + ")");
        char32_t cp = len == 1 ? c : (c & (0x7f >> len));
        for (int k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            if ((cc >> 6) != 2)
                throw Error("the prompt is not valid UTF-8 text (byte " + std::to_string(i) + ")");
            cp = (cp << 6) | (cc & 0x3f);
        }
        const char32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < minimum[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            throw Error("the prompt is not valid UTF-8 text (byte " + std::to_string(i) + ")");
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

std::string encodeUtf8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) appendUtf8(out, c);
    return out;
}

// Python's str.isspace (what `\s` and strip() match in the reference's `re` patterns).
bool isPySpace(char32_t c) {
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
           c == 0x202f || c == 0x205f || c == 0x3000;
}

std::u32string strip(const std::u32string& s) {
    std::size_t b = 0, e = s.size();
    while (b < e && isPySpace(s[b])) ++b;
    while (e > b && isPySpace(s[e - 1])) --e;
    return s.substr(b, e - b);
}

// ---- HTML references ----------------------------------------------------------------

struct Named {
    const char* name;
    char32_t cp;
    bool legacy;  // also valid without the semicolon
};

// Latin-1 (the legacy names HTML accepts without ';'), then common symbols.
const Named kNamed[] = {
    {"AMP", '&', true},        {"amp", '&', true},         {"LT", '<', true},
    {"lt", '<', true},         {"GT", '>', true},          {"gt", '>', true},
    {"QUOT", '"', true},       {"quot", '"', true},        {"COPY", 0xa9, true},
    {"REG", 0xae, true},       {"apos", '\'', false},      {"nbsp", 0xa0, true},
    {"iexcl", 0xa1, true},     {"cent", 0xa2, true},       {"pound", 0xa3, true},
    {"curren", 0xa4, true},    {"yen", 0xa5, true},        {"brvbar", 0xa6, true},
    {"sect", 0xa7, true},      {"uml", 0xa8, true},        {"copy", 0xa9, true},
    {"ordf", 0xaa, true},      {"laquo", 0xab, true},      {"not", 0xac, true},
    {"shy", 0xad, true},       {"reg", 0xae, true},        {"macr", 0xaf, true},
    {"deg", 0xb0, true},       {"plusmn", 0xb1, true},     {"sup2", 0xb2, true},
    {"sup3", 0xb3, true},      {"acute", 0xb4, true},      {"micro", 0xb5, true},
    {"para", 0xb6, true},      {"middot", 0xb7, true},     {"cedil", 0xb8, true},
    {"sup1", 0xb9, true},      {"ordm", 0xba, true},       {"raquo", 0xbb, true},
    {"frac14", 0xbc, true},    {"frac12", 0xbd, true},     {"frac34", 0xbe, true},
    {"iquest", 0xbf, true},    {"Agrave", 0xc0, true},     {"Aacute", 0xc1, true},
    {"Acirc", 0xc2, true},     {"Atilde", 0xc3, true},     {"Auml", 0xc4, true},
    {"Aring", 0xc5, true},     {"AElig", 0xc6, true},      {"Ccedil", 0xc7, true},
    {"Egrave", 0xc8, true},    {"Eacute", 0xc9, true},     {"Ecirc", 0xca, true},
    {"Euml", 0xcb, true},      {"Igrave", 0xcc, true},     {"Iacute", 0xcd, true},
    {"Icirc", 0xce, true},     {"Iuml", 0xcf, true},       {"ETH", 0xd0, true},
    {"Ntilde", 0xd1, true},    {"Ograve", 0xd2, true},     {"Oacute", 0xd3, true},
    {"Ocirc", 0xd4, true},     {"Otilde", 0xd5, true},     {"Ouml", 0xd6, true},
    {"times", 0xd7, true},     {"Oslash", 0xd8, true},     {"Ugrave", 0xd9, true},
    {"Uacute", 0xda, true},    {"Ucirc", 0xdb, true},      {"Uuml", 0xdc, true},
    {"Yacute", 0xdd, true},    {"THORN", 0xde, true},      {"szlig", 0xdf, true},
    {"agrave", 0xe0, true},    {"aacute", 0xe1, true},     {"acirc", 0xe2, true},
    {"atilde", 0xe3, true},    {"auml", 0xe4, true},       {"aring", 0xe5, true},
    {"aelig", 0xe6, true},     {"ccedil", 0xe7, true},     {"egrave", 0xe8, true},
    {"eacute", 0xe9, true},    {"ecirc", 0xea, true},      {"euml", 0xeb, true},
    {"igrave", 0xec, true},    {"iacute", 0xed, true},     {"icirc", 0xee, true},
    {"iuml", 0xef, true},      {"eth", 0xf0, true},        {"ntilde", 0xf1, true},
    {"ograve", 0xf2, true},    {"oacute", 0xf3, true},     {"ocirc", 0xf4, true},
    {"otilde", 0xf5, true},    {"ouml", 0xf6, true},       {"divide", 0xf7, true},
    {"oslash", 0xf8, true},    {"ugrave", 0xf9, true},     {"uacute", 0xfa, true},
    {"ucirc", 0xfb, true},     {"uuml", 0xfc, true},       {"yacute", 0xfd, true},
    {"thorn", 0xfe, true},     {"yuml", 0xff, true},       {"Tab", 0x09, false},
    {"NewLine", 0x0a, false},  {"OElig", 0x152, false},    {"oelig", 0x153, false},
    {"Scaron", 0x160, false},  {"scaron", 0x161, false},   {"Yuml", 0x178, false},
    {"fnof", 0x192, false},    {"circ", 0x2c6, false},     {"tilde", 0x2dc, false},
    {"ensp", 0x2002, false},   {"emsp", 0x2003, false},    {"thinsp", 0x2009, false},
    {"zwnj", 0x200c, false},   {"zwj", 0x200d, false},     {"lrm", 0x200e, false},
    {"rlm", 0x200f, false},    {"ndash", 0x2013, false},   {"mdash", 0x2014, false},
    {"lsquo", 0x2018, false},  {"rsquo", 0x2019, false},   {"sbquo", 0x201a, false},
    {"ldquo", 0x201c, false},  {"rdquo", 0x201d, false},   {"bdquo", 0x201e, false},
    {"dagger", 0x2020, false}, {"Dagger", 0x2021, false},  {"bull", 0x2022, false},
    {"hellip", 0x2026, false}, {"permil", 0x2030, false},  {"prime", 0x2032, false},
    {"Prime", 0x2033, false},  {"lsaquo", 0x2039, false},  {"rsaquo", 0x203a, false},
    {"oline", 0x203e, false},  {"frasl", 0x2044, false},   {"euro", 0x20ac, false},
    {"image", 0x2111, false},  {"weierp", 0x2118, false},  {"real", 0x211c, false},
    {"trade", 0x2122, false},  {"alefsym", 0x2135, false}, {"larr", 0x2190, false},
    {"uarr", 0x2191, false},   {"rarr", 0x2192, false},    {"darr", 0x2193, false},
    {"harr", 0x2194, false},   {"crarr", 0x21b5, false},   {"lArr", 0x21d0, false},
    {"uArr", 0x21d1, false},   {"rArr", 0x21d2, false},    {"dArr", 0x21d3, false},
    {"hArr", 0x21d4, false},   {"forall", 0x2200, false},  {"part", 0x2202, false},
    {"exist", 0x2203, false},  {"empty", 0x2205, false},   {"nabla", 0x2207, false},
    {"isin", 0x2208, false},   {"notin", 0x2209, false},   {"ni", 0x220b, false},
    {"prod", 0x220f, false},   {"sum", 0x2211, false},     {"minus", 0x2212, false},
    {"lowast", 0x2217, false}, {"radic", 0x221a, false},   {"prop", 0x221d, false},
    {"infin", 0x221e, false},  {"ang", 0x2220, false},     {"and", 0x2227, false},
    {"or", 0x2228, false},     {"cap", 0x2229, false},     {"cup", 0x222a, false},
    {"int", 0x222b, false},    {"there4", 0x2234, false},  {"sim", 0x223c, false},
    {"cong", 0x2245, false},   {"asymp", 0x2248, false},   {"ne", 0x2260, false},
    {"equiv", 0x2261, false},  {"le", 0x2264, false},      {"ge", 0x2265, false},
    {"sub", 0x2282, false},    {"sup", 0x2283, false},     {"nsub", 0x2284, false},
    {"sube", 0x2286, false},   {"supe", 0x2287, false},    {"oplus", 0x2295, false},
    {"otimes", 0x2297, false}, {"perp", 0x22a5, false},    {"sdot", 0x22c5, false},
    {"lceil", 0x2308, false},  {"rceil", 0x2309, false},   {"lfloor", 0x230a, false},
    {"rfloor", 0x230b, false}, {"lang", 0x27e8, false},    {"rang", 0x27e9, false},
    {"loz", 0x25ca, false},    {"spades", 0x2660, false},  {"clubs", 0x2663, false},
    {"hearts", 0x2665, false}, {"diams", 0x2666, false},   {"star", 0x2606, false},
    {"check", 0x2713, false},  {"Alpha", 0x391, false},    {"Beta", 0x392, false},
    {"Gamma", 0x393, false},   {"Delta", 0x394, false},    {"Epsilon", 0x395, false},
    {"Zeta", 0x396, false},    {"Eta", 0x397, false},      {"Theta", 0x398, false},
    {"Iota", 0x399, false},    {"Kappa", 0x39a, false},    {"Lambda", 0x39b, false},
    {"Mu", 0x39c, false},      {"Nu", 0x39d, false},       {"Xi", 0x39e, false},
    {"Omicron", 0x39f, false}, {"Pi", 0x3a0, false},       {"Rho", 0x3a1, false},
    {"Sigma", 0x3a3, false},   {"Tau", 0x3a4, false},      {"Upsilon", 0x3a5, false},
    {"Phi", 0x3a6, false},     {"Chi", 0x3a7, false},      {"Psi", 0x3a8, false},
    {"Omega", 0x3a9, false},   {"alpha", 0x3b1, false},    {"beta", 0x3b2, false},
    {"gamma", 0x3b3, false},   {"delta", 0x3b4, false},    {"epsilon", 0x3b5, false},
    {"zeta", 0x3b6, false},    {"eta", 0x3b7, false},      {"theta", 0x3b8, false},
    {"iota", 0x3b9, false},    {"kappa", 0x3ba, false},    {"lambda", 0x3bb, false},
    {"mu", 0x3bc, false},      {"nu", 0x3bd, false},       {"xi", 0x3be, false},
    {"omicron", 0x3bf, false}, {"pi", 0x3c0, false},       {"rho", 0x3c1, false},
    {"sigmaf", 0x3c2, false},  {"sigma", 0x3c3, false},    {"tau", 0x3c4, false},
    {"upsilon", 0x3c5, false}, {"phi", 0x3c6, false},      {"chi", 0x3c7, false},
    {"psi", 0x3c8, false},     {"omega", 0x3c9, false},    {"thetasym", 0x3d1, false},
    {"upsih", 0x3d2, false},   {"piv", 0x3d6, false},
};

// Names (with ';' for all, without it for the legacy ones) -> code point.
const std::map<std::u32string, char32_t>& namedTable() {
    static const std::map<std::u32string, char32_t> table = [] {
        std::map<std::u32string, char32_t> t;
        for (const auto& n : kNamed) {
            std::u32string name;
            for (const char* p = n.name; *p; ++p) name.push_back(static_cast<char32_t>(*p));
            t[name + U";"] = n.cp;
            if (n.legacy) t[name] = n.cp;
        }
        return t;
    }();
    return table;
}

// Python's html._invalid_charrefs: 0x00, CR and the C1 range read as Windows-1252.
bool windows1252(uint64_t num, std::u32string& out) {
    static const char32_t c1[32] = {0x20ac, 0x81,   0x201a, 0x192,  0x201e, 0x2026, 0x2020, 0x2021,
                                    0x2c6,  0x2030, 0x160,  0x2039, 0x152,  0x8d,   0x17d,  0x8f,
                                    0x90,   0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
                                    0x2dc,  0x2122, 0x161,  0x203a, 0x153,  0x9d,   0x17e,  0x178};
    if (num == 0x00) {
        out.push_back(0xfffd);
        return true;
    }
    if (num == 0x0d) {
        out.push_back(0x0d);
        return true;
    }
    if (num >= 0x80 && num <= 0x9f) {
        out.push_back(c1[num - 0x80]);
        return true;
    }
    return false;
}

bool invalidCodepoint(uint64_t n) {
    return (n >= 0x1 && n <= 0x8) || n == 0xb || (n >= 0xe && n <= 0x1f) ||
           (n >= 0x7f && n <= 0x9f) || (n >= 0xfdd0 && n <= 0xfdef) || (n & 0xfffe) == 0xfffe;
}

bool isDigit(char32_t c) {
    return c >= '0' && c <= '9';
}
bool isHex(char32_t c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::u32string unescape(const std::u32string& s) {
    if (s.find(U'&') == std::u32string::npos) return s;
    std::u32string out;
    const auto& table = namedTable();
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] != U'&') {
            out.push_back(s[i++]);
            continue;
        }
        const std::size_t start = i + 1;
        // Numeric: #[0-9]+;? or #[xX][0-9a-fA-F]+;?
        if (start < s.size() && s[start] == U'#') {
            std::size_t p = start + 1;
            const bool hex = p < s.size() && (s[p] == U'x' || s[p] == U'X');
            if (hex) ++p;
            const std::size_t digits = p;
            while (p < s.size() && (hex ? isHex(s[p]) : isDigit(s[p]))) ++p;
            if (p > digits) {
                uint64_t num = 0;
                for (std::size_t k = digits; k < p; ++k) {
                    const char32_t c = s[k];
                    const uint64_t d = isDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
                    num = num > 0x10ffffull * 16 ? num : num * (hex ? 16 : 10) + d;
                }
                if (p < s.size() && s[p] == U';') ++p;
                if (!windows1252(num, out)) {
                    if ((num >= 0xd800 && num <= 0xdfff) || num > 0x10ffff)
                        out.push_back(0xfffd);
                    else if (!invalidCodepoint(num))
                        out.push_back(static_cast<char32_t>(num));
                }
                i = p;
                continue;
            }
            out.push_back(U'&');
            i = start;
            continue;
        }
        // Named: [^\t\n\f <&#;]{1,32};?
        std::size_t p = start;
        while (p < s.size() && p - start < 32 && s[p] != U'\t' && s[p] != U'\n' && s[p] != U'\f' &&
               s[p] != U' ' && s[p] != U'<' && s[p] != U'&' && s[p] != U'#' && s[p] != U';')
            ++p;
        if (p == start) {
            out.push_back(U'&');
            i = start;
            continue;
        }
        if (p < s.size() && s[p] == U';') ++p;
        const std::u32string ref = s.substr(start, p - start);
        const auto it = table.find(ref);
        if (it != table.end()) {
            out.push_back(it->second);
        } else {
            bool found = false;
            for (std::size_t x = ref.size() - 1; x > 1; --x) {
                const auto prefix = table.find(ref.substr(0, x));
                if (prefix != table.end()) {
                    out.push_back(prefix->second);
                    out += ref.substr(x);
                    found = true;
                    break;
                }
            }
            if (!found) {
                out.push_back(U'&');
                out += ref;
            }
        }
        i = p;
    }
    return out;
}

}  // namespace

std::string htmlUnescape(const std::string& text) {
    return encodeUtf8(unescape(decodeUtf8(text)));
}

std::string cleanPrompt(const std::string& text) {
    auto s = strip(unescape(unescape(decodeUtf8(text))));
    std::u32string out;
    bool inSpace = false;
    for (char32_t c : s) {
        if (isPySpace(c)) {
            if (!inSpace) out.push_back(U' ');
            inSpace = true;
        } else {
            out.push_back(c);
            inSpace = false;
        }
    }
    return encodeUtf8(strip(out));
}

// ---- the SentencePiece module ----------------------------------------------------------

namespace {

struct SpmApi {
    void* (*load)(const char*, char*, size_t) = nullptr;
    void* (*loadProto)(const char*, size_t, char*, size_t) = nullptr;
    void (*free)(void*) = nullptr;
    int (*pieceSize)(void*) = nullptr;
    int (*encode)(void*, const char*, size_t, int**, size_t*, char**, size_t*, char*,
                  size_t) = nullptr;
    int (*decode)(void*, const int*, size_t, char**, size_t*, char*, size_t) = nullptr;
    void (*release)(void*) = nullptr;
};

std::vector<std::string> moduleCandidates() {
    namespace fs = std::filesystem;
    const std::string name = "libkinora_sentencepiece.so";
    std::vector<std::string> out;
    if (const char* env = std::getenv("KINORA_SENTENCEPIECE_MODULE")) out.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        out.push_back((exe.parent_path() / name).string());
#ifdef KINORA_SENTENCEPIECE_RELATIVE
        out.push_back((exe.parent_path() / KINORA_SENTENCEPIECE_RELATIVE / name).string());
#endif
        // A program run from its build folder (app/, tests/, tests/ui/): the module is built
        // in <build>/core/.
        fs::path up = exe.parent_path();
        for (int level = 0; level < 3 && up.has_parent_path(); ++level) {
            up = up.parent_path();
            out.push_back((up / "core" / name).string());
        }
    }
    return out;
}

const SpmApi& spmApi(std::string* where = nullptr) {
    static std::mutex mutex;
    static SpmApi api;
    static std::string path;
    static std::string failure;
    std::lock_guard<std::mutex> lock(mutex);
    if (api.load == nullptr && failure.empty()) {
        std::string tried;
        for (const auto& candidate : moduleCandidates()) {
            if (!std::filesystem::exists(candidate)) {
                tried += (tried.empty() ? "" : ", ") + candidate;
                continue;
            }
            void* lib = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
            if (lib == nullptr) {
                tried += (tried.empty() ? "" : ", ") + candidate + " (" + ::dlerror() + ")";
                continue;
            }
            SpmApi a;
            a.load = reinterpret_cast<decltype(a.load)>(::dlsym(lib, "kinora_spm_load"));
            a.loadProto =
                reinterpret_cast<decltype(a.loadProto)>(::dlsym(lib, "kinora_spm_load_proto"));
            a.free = reinterpret_cast<decltype(a.free)>(::dlsym(lib, "kinora_spm_free"));
            a.pieceSize =
                reinterpret_cast<decltype(a.pieceSize)>(::dlsym(lib, "kinora_spm_piece_size"));
            a.encode = reinterpret_cast<decltype(a.encode)>(::dlsym(lib, "kinora_spm_encode"));
            a.decode = reinterpret_cast<decltype(a.decode)>(::dlsym(lib, "kinora_spm_decode"));
            a.release = reinterpret_cast<decltype(a.release)>(::dlsym(lib, "kinora_spm_release"));
            if (!a.load || !a.loadProto || !a.free || !a.pieceSize || !a.encode || !a.decode ||
                !a.release) {
                tried += (tried.empty() ? "" : ", ") + candidate + " (not our module)";
                ::dlclose(lib);
                continue;
            }
            api = a;
            path = candidate;
            break;
        }
        if (api.load == nullptr)
            failure =
                "the SentencePiece module libkinora_sentencepiece.so was not found (looked at " +
                tried + "); reinstall Kinora or set KINORA_SENTENCEPIECE_MODULE";
    }
    if (api.load == nullptr) throw Error(failure, ErrorKind::ModelLoad);
    if (where) *where = path;
    return api;
}

}  // namespace

namespace {

// Protocol-buffer wire format, just what a SentencePiece ModelProto needs.
void varint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}
void field(std::string& out, int number, int wire) {
    varint(out, static_cast<uint64_t>(number) << 3 | static_cast<uint64_t>(wire));
}
void bytesField(std::string& out, int number, const std::string& bytes) {
    field(out, number, 2);
    varint(out, bytes.size());
    out += bytes;
}
void intField(std::string& out, int number, int64_t v) {
    field(out, number, 0);
    varint(out, static_cast<uint64_t>(v));
}
void floatField(std::string& out, int number, float v) {
    field(out, number, 5);
    char b[4];
    std::memcpy(b, &v, 4);
    out.append(b, 4);
}

}  // namespace

void writeSentencePieceModel(const std::vector<std::string>& words, const std::string& modelPath) {
    // Pieces: the three specials, single characters (so any ASCII text splits), then words.
    enum { kNormal = 1, kUnknown = 2, kControl = 3 };
    std::vector<std::tuple<std::string, float, int>> pieces = {
        {"<pad>", 0.0f, kControl}, {"</s>", 0.0f, kControl}, {"<unk>", 0.0f, kUnknown}};
    std::set<std::string> seen = {"<pad>", "</s>", "<unk>"};
    auto add = [&](const std::string& p, float score) {
        if (!p.empty() && seen.insert(p).second) pieces.emplace_back(p, score, kNormal);
    };
    add("\u2581", -2.0f);
    for (char c = 33; c < 127; ++c) add(std::string(1, c), -10.0f);
    float score = -3.0f;
    for (const auto& w : words) {
        add("\u2581" + w, score);
        score -= 0.01f;
    }
    std::string model;
    for (const auto& [p, sc, type] : pieces) {
        std::string piece;
        bytesField(piece, 1, p);
        floatField(piece, 2, sc);
        intField(piece, 3, type);
        bytesField(model, 1, piece);
    }
    std::string trainer;
    intField(trainer, 3, 1);  // model_type UNIGRAM
    intField(trainer, 4, static_cast<int64_t>(pieces.size()));
    intField(trainer, 40, 2);   // unk_id
    intField(trainer, 41, -1);  // bos_id (none)
    intField(trainer, 42, 1);   // eos_id
    intField(trainer, 43, 0);   // pad_id
    bytesField(model, 2, trainer);
    std::string normalizer;
    bytesField(normalizer, 1, "identity");
    intField(normalizer, 3, 1);  // add_dummy_prefix
    intField(normalizer, 4, 1);  // remove_extra_whitespaces
    intField(normalizer, 5, 1);  // escape_whitespaces
    bytesField(model, 3, normalizer);
    std::ofstream out(modelPath, std::ios::binary | std::ios::trunc);
    out.write(model.data(), static_cast<std::streamsize>(model.size()));
    if (!out) throw Error(modelPath + ": cannot write the tokenizer");
}

namespace {

// Standard base64 (the precompiled normalisation map of a tokenizer.json), line breaks
// allowed.
std::string base64Decode(std::string in, const std::string& what) {
    in.erase(std::remove_if(in.begin(), in.end(), [](char c) { return c == '\n' || c == '\r'; }),
             in.end());
    const auto bytes = decodeBase64(in);
    if (!bytes) throw Error(what + " is not base64", ErrorKind::ModelLoad);
    return std::string(bytes->begin(), bytes->end());
}

// The first object of `type` in a component that may be a Sequence of them.
const nlohmann::json* findComponent(const nlohmann::json& j, const std::string& key,
                                    const std::string& type) {
    if (!j.is_object()) return nullptr;
    if (j.value("type", "") == type) return &j;
    if (j.contains(key) && j[key].is_array())
        for (const auto& part : j[key])
            if (const auto* found = findComponent(part, key, type)) return found;
    return nullptr;
}

// Component types of a normalizer or pre-tokenizer (a Sequence flattened).
void componentTypes(const nlohmann::json& j, const std::string& key,
                    std::vector<std::string>& out) {
    if (!j.is_object()) return;
    const std::string type = j.value("type", "");
    if (type == "Sequence" && j.contains(key) && j[key].is_array()) {
        for (const auto& part : j[key]) componentTypes(part, key, out);
        return;
    }
    out.push_back(type);
}

bool isBytePiece(const std::string& p) {
    return p.size() == 6 && p.compare(0, 3, "<0x") == 0 && p[5] == '>' &&
           std::isxdigit(static_cast<unsigned char>(p[3])) &&
           std::isxdigit(static_cast<unsigned char>(p[4]));
}

}  // namespace

std::string sentencePieceFromTokenizerJson(const std::string& path) {
    enum { kNormal = 1, kUnknown = 2, kControl = 3, kUserDefined = 4, kByte = 6 };
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    if (ec) throw Error(path + ": the tokenizer is missing", ErrorKind::ModelLoad);
    if (bytes > (uintmax_t{512} << 20))
        throw Error(path + ": " + std::to_string(bytes >> 20) +
                        " MB is far more than any tokenizer.json; not reading it",
                    ErrorKind::ModelLoad);
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) throw Error(path + ": cannot read the tokenizer", ErrorKind::ModelLoad);
    const auto j = nlohmann::json::parse(text, nullptr, false);
    const std::string who = path + ": ";
    if (j.is_discarded() || !j.is_object())
        throw Error(who + "not a tokenizer.json (not a JSON object)", ErrorKind::ModelLoad);
    const auto model = j.value("model", nlohmann::json::object());
    const std::string type = model.is_object() ? model.value("type", "") : "";
    if (type != "Unigram")
        throw Error(who + "a " + (type.empty() ? std::string("typeless") : type) +
                        " tokenizer; Wan's umT5 reads a SentencePiece Unigram one",
                    ErrorKind::ModelLoad);
    if (!model.contains("vocab") || !model["vocab"].is_array() || model["vocab"].empty())
        throw Error(who + "the Unigram model has no vocabulary", ErrorKind::ModelLoad);
    const bool byteFallback = model.value("byte_fallback", false);
    int64_t unkId = -1;
    if (model.contains("unk_id") && model["unk_id"].is_number_integer())
        unkId = model["unk_id"].get<int64_t>();

    // Pieces and scores, then the added tokens that extend them (ids in order).
    std::vector<std::tuple<std::string, float, int>> pieces;
    for (const auto& e : model["vocab"]) {
        if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_number())
            throw Error(who + "vocabulary entry " + std::to_string(pieces.size()) +
                            " is not [piece, score]",
                        ErrorKind::ModelLoad);
        const auto piece = e[0].get<std::string>();
        if (piece.empty())
            throw Error(who + "vocabulary entry " + std::to_string(pieces.size()) + " is empty",
                        ErrorKind::ModelLoad);
        pieces.emplace_back(piece, static_cast<float>(e[1].get<double>()),
                            byteFallback && isBytePiece(piece) ? kByte : kNormal);
    }
    std::map<int64_t, std::pair<std::string, bool>> added;  // id -> (content, special)
    if (j.contains("added_tokens") && j["added_tokens"].is_array())
        for (const auto& t : j["added_tokens"])
            if (t.is_object() && t.contains("id") && t["id"].is_number_integer() &&
                t.contains("content") && t["content"].is_string())
                added[t["id"].get<int64_t>()] = {t["content"].get<std::string>(),
                                                 t.value("special", false)};
    for (const auto& [id, token] : added) {
        const auto n = static_cast<int64_t>(pieces.size());
        if (id < n) {
            if (std::get<0>(pieces[static_cast<std::size_t>(id)]) != token.first)
                throw Error(who + "added token " + std::to_string(id) + " (" + token.first +
                                ") is not the vocabulary's piece of that id",
                            ErrorKind::ModelLoad);
            if (token.second) std::get<2>(pieces[static_cast<std::size_t>(id)]) = kControl;
        } else if (id == n) {
            // Tokens past the Unigram vocabulary (T5's <extra_id_N>): matched whole in text.
            pieces.emplace_back(token.first, 0.0f, kUserDefined);
        } else {
            throw Error(who + "added token " + std::to_string(id) +
                            " leaves a gap after the vocabulary's " + std::to_string(n) + " pieces",
                        ErrorKind::ModelLoad);
        }
    }
    if (unkId < 0 || unkId >= static_cast<int64_t>(pieces.size()))
        throw Error(who + "the Unigram model names no unknown token", ErrorKind::ModelLoad);
    std::get<2>(pieces[static_cast<std::size_t>(unkId)]) = kUnknown;
    auto idOf = [&](const std::string& piece) -> int64_t {
        for (std::size_t i = 0; i < pieces.size(); ++i)
            if (std::get<0>(pieces[i]) == piece && std::get<2>(pieces[i]) == kControl)
                return static_cast<int64_t>(i);
        return -1;
    };

    // Normalisation: SentencePiece's own map, and whether runs of spaces become one.
    const auto normalizer = j.value("normalizer", nlohmann::json());
    std::vector<std::string> normalizers;
    componentTypes(normalizer, "normalizers", normalizers);
    std::string charsmap;
    bool squeeze = false;
    for (const auto& t : normalizers) {
        if (t == "Precompiled") {
            const auto* p = findComponent(normalizer, "normalizers", "Precompiled");
            const auto map = p->value("precompiled_charsmap", nlohmann::json());
            if (map.is_string()) charsmap = base64Decode(map.get<std::string>(), who + "the map");
        } else if (t == "Replace") {
            // The converter's " {2,}" -> " ": SentencePiece's removal of extra whitespace.
            const auto* r = findComponent(normalizer, "normalizers", "Replace");
            const auto pattern = r->value("pattern", nlohmann::json::object());
            if (!pattern.is_object() || pattern.value("Regex", "") != " {2,}" ||
                r->value("content", "") != " ")
                throw Error(who + "its normalizer replaces text in a way SentencePiece does not",
                            ErrorKind::ModelLoad);
            squeeze = true;
        } else {
            throw Error(who + "its normalizer " + t + " has no SentencePiece equivalent",
                        ErrorKind::ModelLoad);
        }
    }
    const auto pre = j.value("pre_tokenizer", nlohmann::json());
    std::vector<std::string> splitters;
    componentTypes(pre, "pretokenizers", splitters);
    for (const auto& t : splitters) {
        if (t == "WhitespaceSplit")
            squeeze = true;  // words split at whitespace runs, which vanish
        else if (t != "Metaspace")
            throw Error(who + "its pre-tokenizer " + t + " has no SentencePiece equivalent",
                        ErrorKind::ModelLoad);
    }
    const auto* meta = findComponent(pre, "pretokenizers", "Metaspace");
    if (meta == nullptr)
        throw Error(who + "no Metaspace pre-tokenizer: not a SentencePiece tokenizer",
                    ErrorKind::ModelLoad);
    if (meta->value("replacement", "\u2581") != "\u2581")
        throw Error(who + "its Metaspace marks spaces with another character than U+2581",
                    ErrorKind::ModelLoad);
    bool prefix = meta->value("add_prefix_space", true);
    if (meta->contains("prepend_scheme") && (*meta)["prepend_scheme"].is_string())
        prefix = (*meta)["prepend_scheme"].get<std::string>() != "never";

    std::string proto;
    for (const auto& [p, sc, kind] : pieces) {
        std::string piece;
        bytesField(piece, 1, p);
        floatField(piece, 2, sc);
        if (kind != kNormal) intField(piece, 3, kind);
        bytesField(proto, 1, piece);
    }
    std::string trainer;
    intField(trainer, 3, 1);  // model_type UNIGRAM
    intField(trainer, 4, static_cast<int64_t>(pieces.size()));
    intField(trainer, 35, byteFallback ? 1 : 0);
    intField(trainer, 40, unkId);
    intField(trainer, 41, idOf("<s>"));
    intField(trainer, 42, idOf("</s>"));
    intField(trainer, 43, idOf("<pad>"));
    bytesField(trainer, 45, std::get<0>(pieces[static_cast<std::size_t>(unkId)]));
    bytesField(proto, 2, trainer);
    std::string norm;
    bytesField(norm, 1, charsmap.empty() ? "identity" : "nmt_nfkc");
    if (!charsmap.empty()) bytesField(norm, 2, charsmap);
    intField(norm, 3, prefix ? 1 : 0);
    intField(norm, 4, squeeze ? 1 : 0);
    intField(norm, 5, 1);  // escape_whitespaces
    bytesField(proto, 3, norm);
    return proto;
}

std::string sentencepieceModulePath() {
    std::string where;
    spmApi(&where);
    return where;
}

WanTokenizer::WanTokenizer(const std::string& modelPath) : m_path(modelPath) {
    const auto& api = spmApi();
    if (!std::filesystem::is_regular_file(modelPath))
        throw Error(modelPath + ": the tokenizer model is missing", ErrorKind::ModelLoad);
    char err[512] = {};
    if (std::filesystem::path(modelPath).extension() == ".json") {
        const auto proto = sentencePieceFromTokenizerJson(modelPath);
        m_handle = api.loadProto(proto.data(), proto.size(), err, sizeof err);
    } else {
        m_handle = api.load(modelPath.c_str(), err, sizeof err);
    }
    if (m_handle == nullptr)
        throw Error(modelPath + ": not a readable SentencePiece model (" + err + ")",
                    ErrorKind::ModelLoad);
}

WanTokenizer::~WanTokenizer() {
    if (m_handle) spmApi().free(m_handle);
}

int64_t WanTokenizer::vocabSize() const {
    return spmApi().pieceSize(m_handle);
}

namespace {

void encodeWith(void* handle, const std::string& text, std::vector<int64_t>* ids,
                std::vector<std::string>* pieces) {
    const auto& api = spmApi();
    int* rawIds = nullptr;
    size_t n = 0;
    char* rawPieces = nullptr;
    size_t piecesLen = 0;
    char err[512] = {};
    if (api.encode(handle, text.data(), text.size(), &rawIds, &n, &rawPieces, &piecesLen, err,
                   sizeof err) != 0)
        throw Error(std::string("the tokenizer cannot read the prompt: ") + err);
    if (ids) ids->assign(rawIds, rawIds + n);
    if (pieces) {
        pieces->clear();
        for (size_t start = 0; start < piecesLen;) {
            const size_t end =
                std::find(rawPieces + start, rawPieces + piecesLen, '\0') - rawPieces;
            pieces->emplace_back(rawPieces + start, end - start);
            start = end + 1;
        }
    }
    api.release(rawIds);
    api.release(rawPieces);
}

}  // namespace

std::vector<std::string> WanTokenizer::pieces(const std::string& text) const {
    std::vector<std::string> out;
    encodeWith(m_handle, text, nullptr, &out);
    return out;
}

std::vector<int64_t> WanTokenizer::ids(const std::string& text) const {
    std::vector<int64_t> out;
    encodeWith(m_handle, text, &out, nullptr);
    return out;
}

std::string WanTokenizer::decode(const std::vector<int64_t>& ids) const {
    std::vector<int> raw;
    for (int64_t id : ids) {
        if (id < 0 || id >= vocabSize())
            throw Error("token id " + std::to_string(id) + " is out of range");
        raw.push_back(static_cast<int>(id));
    }
    const auto& api = spmApi();
    char* out = nullptr;
    size_t len = 0;
    char err[512] = {};
    if (api.decode(m_handle, raw.data(), raw.size(), &out, &len, err, sizeof err) != 0)
        throw Error(std::string("the tokenizer cannot decode: ") + err);
    std::string text(out, len);
    api.release(out);
    return text;
}

TokenizedPrompt WanTokenizer::tokenize(const std::string& prompt, int64_t textLen) const {
    if (textLen < 1) throw Error("the text length must be at least 1");
    TokenizedPrompt t;
    auto ids = this->ids(cleanPrompt(prompt));
    if (static_cast<int64_t>(ids.size()) > textLen - 1) {
        ids.resize(static_cast<std::size_t>(textLen - 1));
        t.truncated = true;
    }
    ids.push_back(1);  // </s>
    t.length = static_cast<int64_t>(ids.size());
    t.mask.assign(static_cast<std::size_t>(textLen), 0);
    std::fill(t.mask.begin(), t.mask.begin() + t.length, 1);
    ids.resize(static_cast<std::size_t>(textLen), 0);
    t.ids = std::move(ids);
    return t;
}

}  // namespace kinora::wan
