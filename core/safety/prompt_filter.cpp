#include "safety/prompt_filter.h"

#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/files.h"
#include "util/utf8.h"

namespace kinora::safety {

namespace {

// ---- Text as the filter compares it ------------------------------------------------------
//
// A prompt is decoded from UTF-8 and folded code point by code point: case, accents
// ("apuñala" -> "apunala", "ß" -> "ss"), full-width forms ("ｓｅｘ"), look-alike Cyrillic and
// Greek letters, invisible joiners (removed, so they cannot split a word). Latin text
// becomes words; Chinese and Japanese text, which has no spaces, becomes one string of its
// characters in which terms are found as substrings.

std::u32string decodeUtf8(const std::string& text) {
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
        if (extra < 0 || i + static_cast<std::size_t>(extra) >= text.size()) {
            out.push_back(U' ');  // a stray byte separates, it never joins
            ++i;
            continue;
        }
        char32_t cp = extra == 0 ? c : c & (0x3f >> extra);
        bool ok = true;
        for (int k = 1; k <= extra; ++k) {
            const auto b = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((b & 0xc0) != 0x80) ok = false;
            cp = (cp << 6) | (b & 0x3f);
        }
        out.push_back(ok ? cp : U' ');
        i += ok ? static_cast<std::size_t>(extra) + 1 : 1;
    }
    return out;
}

bool isCjk(char32_t c) {
    return (c >= 0x3040 && c <= 0x30ff) ||                                  // hiragana, katakana
           (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) ||  // ideographs
           (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff66 && c <= 0xff9f) ||  // half-width kana
           (c >= 0xac00 && c <= 0xd7af) || c == 0x3005;                     // hangul, 々
}

/// The ASCII a Latin letter (U+00C0..U+017F) folds to: lower case, no accent.
const char* latinFold(char32_t c) {
    static const char* const latin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  " ", "o", "u", "u", "u", "u", "y", "th", "y"};
    // U+0100..U+017F, two by two mostly (upper, lower); '.' marks the two ligatures.
    static const char extA[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii..jjkkklllllllllllnnnnnnnnnoooooo.."
        "rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    static const char* const single[26] = {"a", "b", "c", "d", "e", "f", "g", "h", "i",
                                           "j", "k", "l", "m", "n", "o", "p", "q", "r",
                                           "s", "t", "u", "v", "w", "x", "y", "z"};
    if (c >= 0xc0 && c <= 0xff) return latin1[c - 0xc0];
    if (c >= 0x100 && c <= 0x17f) {
        if (c == 0x132 || c == 0x133) return "ij";
        if (c == 0x152 || c == 0x153) return "oe";
        const char f = extA[c - 0x100];
        return single[f - 'a'];
    }
    return nullptr;
}

/// Cyrillic and Greek letters that look like Latin ones, as those.
char homoglyph(char32_t c) {
    switch (c) {
        case 0x430:
        case 0x410:
        case 0x3b1:
        case 0x391:
            return 'a';
        case 0x412:
        case 0x432:
        case 0x392:
        case 0x3b2:
            return 'b';
        case 0x441:
        case 0x421:
        case 0x3f2:
            return 'c';
        case 0x435:
        case 0x415:
        case 0x3b5:
        case 0x395:
            return 'e';
        case 0x43d:
        case 0x41d:
        case 0x397:
            return 'h';
        case 0x456:
        case 0x406:
        case 0x3b9:
        case 0x399:
            return 'i';
        case 0x458:
        case 0x408:
            return 'j';
        case 0x43a:
        case 0x41a:
        case 0x3ba:
        case 0x39a:
            return 'k';
        case 0x43c:
        case 0x41c:
        case 0x39c:
            return 'm';
        case 0x43e:
        case 0x41e:
        case 0x3bf:
        case 0x39f:
            return 'o';
        case 0x440:
        case 0x420:
        case 0x3c1:
        case 0x3a1:
            return 'p';
        case 0x455:
        case 0x405:
            return 's';
        case 0x442:
        case 0x422:
        case 0x3c4:
        case 0x3a4:
            return 't';
        case 0x3c5:
        case 0x3a5:
            return 'u';
        case 0x3bd:
            return 'v';
        case 0x445:
        case 0x425:
        case 0x3c7:
        case 0x3a7:
            return 'x';
        case 0x443:
        case 0x423:
            return 'y';
        case 0x396:
            return 'z';
        default:
            return 0;
    }
}

/// Letters of other scripts: kept inside words as a placeholder, so they neither join
/// Latin words nor split them.
bool isOtherLetter(char32_t c) {
    return (c >= 0x180 && c <= 0x24f) || (c >= 0x370 && c <= 0x52f) || (c >= 0x590 && c <= 0x6ff) ||
           (c >= 0x900 && c <= 0xe7f);
}

constexpr char kOtherLetter = '\x01';

struct Folded {
    std::string latin;  ///< ASCII: lower-case letters, digits, symbols, spaces (and kOtherLetter)
    std::string cjk;    ///< the CJK characters in order, '|' where other text came between
};

Folded foldText(const std::string& text) {
    Folded f;
    f.latin.reserve(text.size());
    bool latinSinceCjk = false;
    for (char32_t c : decodeUtf8(text)) {
        if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;  // full-width ASCII
        if (c == 0x3000 || c == 0xa0) c = U' ';
        if (c == 0x200b || c == 0x200c || c == 0x200d || c == 0x2060 || c == 0xfeff || c == 0xad ||
            (c >= 0x300 && c <= 0x36f))
            continue;  // invisible joiners, soft hyphen, combining accents: nothing
        if (isCjk(c)) {
            if (latinSinceCjk && !f.cjk.empty()) f.cjk.push_back('|');
            latinSinceCjk = false;
            appendUtf8(f.cjk, c);
            f.latin.push_back(' ');
            continue;
        }
        if (c < 0x80) {
            const char a = static_cast<char>(std::tolower(static_cast<int>(c)));
            f.latin.push_back(a);
            if (std::isalnum(static_cast<unsigned char>(a))) latinSinceCjk = true;
        } else if (const char* l = latinFold(c)) {
            f.latin += l;
            latinSinceCjk = true;
        } else if (const char h = homoglyph(c)) {
            f.latin.push_back(h);
            latinSinceCjk = true;
        } else if (isOtherLetter(c)) {
            f.latin.push_back(kOtherLetter);
            latinSinceCjk = true;
        } else {
            f.latin.push_back(' ');
        }
    }
    return f;
}

char fold(char c) {
    switch (c) {
        case '0':
            return 'o';
        case '1':
            return 'i';
        case '3':
            return 'e';
        case '4':
            return 'a';
        case '5':
            return 's';
        case '7':
            return 't';
        case '@':
            return 'a';
        case '$':
            return 's';
        default:
            return c;
    }
}

bool isWordLetter(char c) {
    return (c >= 'a' && c <= 'z') || c == kOtherLetter;
}

/// Repeated letters collapse ("bloooood" and "blood" both become "blod").
std::string collapse(const std::string& word) {
    std::string out;
    for (char c : word)
        if (out.empty() || out.back() != c) out += c;
    return out;
}

/// Repeated letters collapse, a trailing plural or possessive 's' goes ("bombs", "bomb's"
/// -> "bomb"). A word that collapses to fewer than three letters stays as it is, so "x" and
/// "xxx" remain different words.
std::string canonical(const std::string& word) {
    std::string out = collapse(word);
    if (out.size() < 3) out = word;
    if (out.size() > 3 && out.back() == 's') out.pop_back();
    return out;
}

/// Words of folded Latin text. Digits and symbols count as letters only inside a word
/// ("bl00d", "a$$", "pr0n"), so "4 big stars" keeps its number.
std::vector<std::string> rawWords(const std::string& latin) {
    std::vector<std::string> words;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) words.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < latin.size(); ++i) {
        const char c = latin[i];
        const bool letter = isWordLetter(c);
        const bool swap = !letter && fold(c) != c &&
                          (!cur.empty() || (i + 1 < latin.size() && isWordLetter(latin[i + 1])));
        if (letter || swap)
            cur += fold(c);
        else if (c == '\'')
            continue;  // "bomb's" -> "bombs", "l'amour" -> "lamour"
        else
            flush();
    }
    flush();
    return words;
}

// ---- Terms -----------------------------------------------------------------------------
//
// A term is matched as consecutive words: "kill himself". In a term, "*" alone stands for
// up to two words of any kind ("take * own life": "takes her own life"), and a word ending
// in "*" for any word starting so ("behead*": "beheads", "beheaded"). A term holding
// Chinese or Japanese characters is found as a substring of the prompt's CJK text.

struct Token {
    enum Kind { Word, Stem, Gap } kind = Word;
    std::string text;  ///< canonical word, or collapsed stem
};

struct Pattern {
    std::vector<Token> tokens;
    std::string cjk;  ///< non-empty: a CJK substring term
};

Pattern compile(const std::string& term) {
    Pattern p;
    const Folded f = foldText(term);
    if (!f.cjk.empty()) {
        p.cjk = f.cjk;
        return p;
    }
    std::istringstream in(f.latin);
    for (std::string part; in >> part;) {
        if (part == "*") {
            p.tokens.push_back({Token::Gap, ""});
            continue;
        }
        const bool stem = part.size() > 1 && part.back() == '*';
        if (stem) part.pop_back();
        const auto words = rawWords(part);
        for (std::size_t k = 0; k < words.size(); ++k) {
            if (stem && k + 1 == words.size())
                p.tokens.push_back({Token::Stem, collapse(words[k])});
            else
                p.tokens.push_back({Token::Word, canonical(words[k])});
        }
    }
    return p;
}

/// Matches tokens[t..] against words from index w; returns the end of the match or -1.
long matchFrom(const std::vector<Token>& tokens, std::size_t t,
               const std::vector<std::string>& words, const std::vector<std::string>& collapsed,
               const std::vector<bool>& masked, std::size_t w) {
    if (t == tokens.size()) return static_cast<long>(w);
    const Token& tok = tokens[t];
    if (tok.kind == Token::Gap) {
        for (std::size_t skip = 0; skip <= 2 && w + skip <= words.size(); ++skip) {
            const long end = matchFrom(tokens, t + 1, words, collapsed, masked, w + skip);
            if (end >= 0) return end;
        }
        return -1;
    }
    if (w >= words.size() || masked[w]) return -1;
    const bool hit = tok.kind == Token::Word
                         ? words[w] == tok.text
                         : collapsed[w].compare(0, tok.text.size(), tok.text) == 0;
    return hit ? matchFrom(tokens, t + 1, words, collapsed, masked, w + 1) : -1;
}

/// A term with its pattern.
struct CompiledTerm {
    std::string text;
    Pattern pattern;
};

std::vector<CompiledTerm> compileAll(const std::vector<std::string>& terms) {
    std::vector<CompiledTerm> out;
    out.reserve(terms.size());
    for (const auto& t : terms) out.push_back({t, compile(t)});
    return out;
}

/// Phrases that hold a listed word in an ordinary sense ("the naked eye", "a blood
/// orange", "裸足" barefoot): their words are set aside before terms are matched.
const std::vector<std::string>& allowedPhrases() {
    static const std::vector<std::string> phrases = {
        // en
        "naked eye",
        "naked flame",
        "naked truth",
        "blood orange*",
        "blood moon",
        "blood type",
        "blood test*",
        "blood pressure",
        "blood donor*",
        "blood donation",
        "blood bank",
        "blood vessel*",
        "blood cell*",
        "blood sample*",
        "blood brother*",
        "blood red",
        "photo bomb*",
        "photobomb*",
        "bath bomb*",
        "shooting star*",
        "killing time",
        "stabbing pain",
        "stabbing pains",
        "sex education",
        "sex of the",
        "cut throat razor*",
        "cutthroat razor*",
        // de: compounds that start like a listed stem
        "nacktschnecke*",
        "nacktmull*",
        "nacktkatze*",
        // fr, es
        "tete nue",
        "mains nues",
        "epaules nues",
        "bras nus",
        "ojo desnudo",
        "a ojo desnudo",
        "bomba de agua",
        "bomba de gasolina",
        "bomba de combustible",
        // ja, zh
        "裸足",
        "裸眼",
        "裸の王様",
        "赤裸裸",
        "刺身",
        "ヌードル",
        "テロップ",
    };
    return phrases;
}

/// Words that make a sexual prompt one about children.
const std::vector<std::string>& minorsContext() {
    static const std::vector<std::string> words = {
        "child",    "children", "kid",      "kids",     "schoolgirl",    "schoolboy",
        "preteen",  "toddler",  "minor",    "minors",   "under 18",      "under 16",
        "under 15", "under 14", "under 13", "under 12", "year old girl", "year old boy",
        "kinder",   "madchen",  "enfant*",  "fillette", "nino",          "nina",
        "ninos",    "ninas",    "子供",     "子ども",   "児童",          "少女",
        "少年",     "儿童",     "小孩",     "女童",     "男童"};
    return words;
}

/// Attacks on people and places: every verb pattern with every target.
std::vector<std::string> attackTerms() {
    const std::vector<std::string> places = {
        "school", "classroom", "church",   "mosque",     "synagogue", "temple",  "market",
        "mall",   "concert",   "festival", "stadium",    "station",   "subway",  "train",
        "bus",    "airport",   "plane",    "parliament", "embassy",   "hospital"};
    const std::vector<std::string> people = {
        "crowd",     "crowds",   "people",      "pedestrians", "students",  "children",
        "civilians", "shoppers", "worshippers", "passengers",  "protesters"};
    const std::vector<std::string> onAnything = {
        "blow* up *",      "bomb* *",         "shoot* up *",     "open* fire on *",
        "open* fire at *", "open* fire in *", "spray* bullets *"};
    const std::vector<std::string> onPeople = {"drive* into *", "drove into *", "ram* into *",
                                               "plow* into *",  "mow* down *",  "gun* down *",
                                               "kill* *",       "slaughter* *", "attack* on *"};
    std::vector<std::string> out;
    for (const auto& v : onAnything) {
        for (const auto& t : places) out.push_back(v + " " + t);
        for (const auto& t : people) out.push_back(v + " " + t);
    }
    for (const auto& v : onPeople)
        for (const auto& t : people) out.push_back(v + " " + t);
    return out;
}

const std::vector<Category>& builtInCategories() {
    static const std::vector<Category> categories = [] {
        std::vector<Category> c = {
            {"sexual",
             "Kinora Studio does not make sexual or nude content",
             {// en
              "nude", "nudity", "nudist", "naked", "porn*", "pron", "sex", "sexual", "sexually",
              "sexy", "nsfw", "erotic*", "genitals", "genital", "penis", "vagina", "topless",
              "orgasm", "orgy", "fetish", "explicit", "hentai", "xxx", "stripper", "striptease",
              "strip tease", "lingerie", "blowjob", "handjob", "masturbat*", "intercourse",
              "make love", "makes love", "making love", "made love", "bare breasts",
              "takes off all * clothes", "take off all * clothes", "without any clothes",
              "no clothes on", "strips naked", "strip* off", "undress* completely",
              "undress* entirely", "take* off * clothes", "took off * clothes",
              // de
              "nackt*", "sexuell*", "erotisch*", "geschlechtsverkehr", "oben ohne",
              // fr
              "femme nue", "femmes nues", "fille nue", "filles nues", "homme nu", "hommes nus",
              "garcon nu", "tout nu", "toute nue", "tous nus", "toutes nues", "entierement nu*",
              "completement nu*", "nudite", "se deshabille*", "sexe", "sexuel*", "erotique*",
              "faire lamour", "fait lamour", "font lamour", "seins nus",
              // es
              "desnud*", "sexo", "hacer el amor", "hace el amor", "hacen el amor",
              "haciendo el amor",
              // ja
              "全裸", "裸の", "裸体", "セックス", "ポルノ", "性行為", "エロ動画", "エロ画像",
              "アダルトビデオ", "ヌード写真", "服を全部脱", "裸になる",
              // zh
              "裸女", "裸男", "裸照", "色情", "做爱", "性交", "性爱", "黄片", "脱光"}},
            {"minors",
             "Kinora Studio does not make content that sexualises or endangers children",
             {"underage",
              "loli",
              "lolicon",
              "shota",
              "child abuse",
              "child exploitation",
              "child porn",
              "jailbait",
              "pedophil*",
              "paedophil*",
              "minderjahrig*",
              "kinderporno*",
              "pedopornographi*",
              "menor de edad",
              "menores de edad",
              "pedofil*",
              "児童ポルノ",
              "ロリコン",
              "児童虐待",
              "儿童色情",
              "恋童"}},
            {"violence",
             "Kinora Studio does not make gore or graphic violence",
             {// en
              "gore", "gory", "blood", "bloody", "bloodbath", "bloodied", "blood soaked",
              "decapit*", "behead*", "dismember*", "mutilat*", "torture", "tortured", "tortures",
              "torturing", "massacre*", "disembowel*", "eviscerat*", "corpse", "murder", "murdered",
              "murders", "slaughter", "slaughtered", "execution", "entrails", "guts spilling",
              "spilling guts", "body torn apart", "bodies torn apart", "torn limb from limb",
              "brains blown out", "gunned down", "shot dead", "stabs", "stabbed", "stabbing",
              "stab wound*", "slits * throat", "slit * throat", "cut* * throat",
              // de
              "blut", "blutig", "blutige", "blutiger", "blutigen", "blutiges", "blutbad",
              "blutuberstromt*", "gemetzel", "enthauptet", "enthauptung", "folter", "foltert",
              "gefoltert", "leiche", "leichen", "ermordet", "mord", "massaker", "verstummelt*",
              "ersticht", "erstochen", "erstechen", "abgeschlachtet", "eingeweide", "zerstuckelt*",
              "hinrichtung",
              // fr
              "sanglant*", "ensanglante*", "bain de sang", "beaucoup de sang", "couvert de sang",
              "plein de sang", "mare de sang", "flaque de sang", "du sang", "poignarde",
              "poignardee", "poignardes", "poignarder", "egorge*", "tortur*", "cadavre*",
              "meurtre*", "assassine", "assassinee", "assassinat", "demembre*",
              // es
              "sangre", "sangrient*", "ensangrentad*", "bano de sangre", "apunal*", "degoll*",
              "masacre", "cadaver*", "asesinato", "asesinad*", "descuartiz*", "destripad*",
              "visceras",
              // ja
              "血まみれ", "流血", "刺し殺", "刺殺", "惨殺", "虐殺", "斬首", "首を切", "拷問",
              "死体", "殺害", "惨劇", "内臓",
              // zh
              "血腥", "鲜血", "血淋淋", "血泊", "刺死", "捅死", "砍死", "杀害", "谋杀", "屠杀",
              "砍头", "斩首", "酷刑", "尸体", "分尸", "肢解", "内脏"}},
            {"self-harm",
             "Kinora Studio does not make content that shows or encourages self-harm",
             {// en
              "suicid*", "self harm", "selfharm", "self injury", "self mutilation", "kill* himself",
              "kill* herself", "kill* myself", "kill* themselves", "kill* yourself",
              "hang* himself", "hang* herself", "hang* myself", "hang* themselves", "cut* * wrist*",
              "slit* * wrist*", "end* my life", "end* his life", "end* her life", "end* their life",
              "end* their lives", "end* your life", "end* it all", "take* * own life",
              "took * own life", "taking * own life", "pills to die", "overdose",
              "noose around * neck", "shoot* himself", "shoot* herself", "shoot* myself",
              "shoot* themselves", "shot himself", "shot herself", "cut* himself", "cut* herself",
              "cut* myself", "cut* themselves", "slice* * own arm*", "cut* * own arm*",
              "blow* * brains out", "explosive belt",
              // de
              "selbstmord*", "suizid*", "ritzt sich", "ritzen sich", "sich ritzen",
              "sich umbringen", "bringt sich um", "bringen sich um", "sich das leben nehmen",
              "nimmt sich das leben", "nahm sich das leben", "selbstverletzung", "pulsader*",
              "erhangt sich", "sich erhangen", "uberdosis",
              // fr
              "se tuer", "se taillade*", "taillade* les veines", "souvrir les veines",
              "mettre fin a ses jours", "met fin a ses jours", "automutil*", "se pendre", "se pend",
              // es
              "quitarse la vida", "se quita la vida", "quito la vida", "cort* * venas", "ahorc*",
              "autolesi*", "se pega un tiro", "se dispara en la cabeza", "se tire une balle",
              "erschiesst sich", "sich erschiessen",
              // ja
              "自殺", "自傷", "リストカット", "リスカ", "首吊", "首を吊", "オーバードーズ",
              "手首を切",
              // zh
              "自杀", "自残", "割腕", "上吊", "轻生", "寻死", "跳楼"}},
            {"hate",
             "Kinora Studio does not make hateful or extremist content",
             {"nazi",
              "nazis",
              "neonazi*",
              "neo nazi*",
              "swastika*",
              "white power",
              "white supremac*",
              "kkk",
              "ku klux klan",
              "ethnic cleansing",
              "genocide",
              "holocaust denial",
              "heil hitler",
              "sieg heil",
              "racial slur",
              "lynching",
              "lynch mob",
              "hakenkreuz*",
              "rassenhass",
              "volkermord",
              "ethnische sauberung",
              "croix gammee*",
              "nettoyage ethnique",
              "supremaciste*",
              "esvastica*",
              "genocidio",
              "limpieza etnica",
              "ナチス",
              "ナチ党",
              "ハーケンクロイツ",
              "民族浄化",
              "ジェノサイド",
              "ヘイトスピーチ",
              "纳粹",
              "种族灭绝",
              "种族清洗",
              "种族屠杀"}},
            {"real people",
             "Kinora Studio does not make videos of real, identifiable people (deepfakes)",
             {"deepfake",      "deep fake",      "celebrity",       "celebrities",
              "taylor swift",  "joe biden",      "donald trump",    "barack obama",
              "elon musk",     "vladimir putin", "emmanuel macron", "xi jinping",
              "narendra modi", "pope francis",   "king charles",    "kim jong un",
              "olaf scholz",   "angela merkel",  "pedro sanchez",   "fumio kishida",
              "习近平",        "普京",           "特朗普",          "トランプ大統領",
              "プーチン"}},
            {"weapons",
             "Kinora Studio does not make content that shows or teaches attacks",
             {// en
              "bomb making", "make a bomb", "build a bomb", "how to make * bomb", "pipe bomb",
              "nail bomb", "car bomb", "school shooting", "mass shooting", "shooting spree",
              "terrorist*", "terrorism", "terror attack*", "suicide bomb*", "suicide vest",
              "explosive vest", "chemical weapon*", "bioweapon*", "hijack* * plane",
              // de
              "terroranschlag*", "terrorattacke*", "terrorismus", "attentat*", "sprengt sich",
              "sprengte sich", "amoklauf*", "bombe bauen", "bombenbau", "autobombe", "rohrbombe",
              "schulmassaker",
              // fr
              "kamikaze*", "se fait exploser", "fusillade*", "tuerie*",
              // es
              "atentado*", "se inmola", "inmolarse", "coche bomba", "tiroteo*",
              // ja
              "自爆テロ", "テロ攻撃", "テロ事件", "テロリスト", "爆弾テロ", "乱射", "爆弾の作り方",
              "爆弾を作",
              // zh
              "恐怖袭击", "恐袭", "恐怖分子", "人体炸弹", "制造炸弹", "枪击案", "扫射"}},
        };
        for (auto& t : attackTerms()) c.back().terms.push_back(t);
        // Acts that are violent when done to people (victims, not whoever acts).
        const std::vector<std::string> victims = {
            "civilians",   "hostage*",    "prisoner*",    "villagers", "children",    "worshippers",
            "pedestrians", "passengers",  "refugees",     "innocent*", "victims",     "zivilisten",
            "geiseln",     "gefangene*",  "dorfbewohner", "kinder",    "passanten",   "civils",
            "otage*",      "prisonnier*", "villageois",   "enfants",   "passants",    "civiles",
            "rehen*",      "prisioner*",  "aldeanos",     "ninos",     "transeuntes", "民間人",
            "人質",        "捕虜",        "村人",         "子供たち",  "平民",        "人质",
            "囚犯",        "村民",        "儿童",         "无辜"};
        const std::vector<std::string> killing = {
            "kill*",       "shot dead", "shoot* dead", "gun* down",    "gunned down", "execute",
            "executes",    "executed",  "executing",   "execution*",   "murder*",     "slaughter*",
            "burn* alive", "erschie*",  "erschoss*",   "totet",        "toteten",     "getotet",
            "zu toten",    "ermord*",   "hinricht*",   "hingerichtet", "massakr*",    "tuer",
            "tue",         "tuent",     "tuant",       "abatt*",       "fusill*",     "massacr*",
            "matar",       "mata",      "matan",       "mataron",      "asesin*",     "ejecut*",
            "fusil*",      "射殺",      "殺す",        "殺し",         "殺され",      "処刑",
            "枪杀",        "杀死",      "处决",        "射杀"};
        c[2].together.push_back({killing, victims});
        // Means of an attack in a crowded place.
        const std::vector<std::string> means = {
            "bomb",  "bombs",  "explosives",   "grenade*", "gunman", "gunmen",
            "bombe", "bomben", "sprengstoff*", "bomba",    "bombas", "explosivos",
            "爆弾",  "爆発物", "炸弹",         "爆炸物",   "枪手"};
        const std::vector<std::string> crowded = {
            "crowd*",  "subway",      "metro",          "market",    "bus",           "station",
            "school",  "mosque",      "church",         "synagogue", "concert",       "stadium",
            "mall",    "worshippers", "passengers",     "civilians", "menschenmenge", "u bahn",
            "markt",   "bahnhof",     "schule",         "kirche",    "moschee",       "synagoge",
            "foule",   "bonde*",      "marche",         "gare",      "ecole",         "eglise",
            "mosquee", "multitud",    "lleno de gente", "mercado",   "estacion",      "escuela",
            "iglesia", "mezquita",    "群衆",           "地下鉄",    "市場",          "駅",
            "学校",    "教会",        "人群",           "地铁",      "市场",          "车站",
            "学校",    "教堂",        "清真寺"};
        c.back().together.push_back({means, crowded});
        // Arson on a place of worship.
        for (const char* place : {"mosque", "church", "synagogue", "temple"})
            for (const char* act : {"burn* down *", "burn* a", "burn* the", "set* fire to *",
                                    "torch* a", "torch* the"})
                c.back().terms.push_back(std::string(act) + " " + place);
        return c;
    }();
    return categories;
}

}  // namespace

/// A category's terms and pairs, compiled once when the category is added.
struct CompiledTerms {
    std::vector<CompiledTerm> terms;
    std::vector<std::pair<std::vector<CompiledTerm>, std::vector<CompiledTerm>>> together;
};

std::vector<std::string> normalisedWords(const std::string& text) {
    std::vector<std::string> words;
    for (const auto& w : rawWords(foldText(text).latin)) words.push_back(canonical(w));
    return words;
}

std::string Refusal::message() const {
    return "This prompt was refused: " + categoryMessage + " (" + category + ": \"" + matched +
           "\"). Change the prompt, or set another word list.";
}

PromptFilter PromptFilter::builtIn() {
    PromptFilter f;
    for (const auto& c : builtInCategories()) f.add(c);
    return f;
}

void PromptFilter::add(Category category) {
    auto compiled = std::make_shared<CompiledTerms>();
    compiled->terms = compileAll(category.terms);
    for (const auto& [first, second] : category.together)
        compiled->together.emplace_back(compileAll(first), compileAll(second));
    m_compiled.push_back(std::move(compiled));
    m_categories.push_back(std::move(category));
}

PromptFilter PromptFilter::fromFile(const std::string& path) {
    const std::string text = readRegularFile(path, 16u << 20, "prompt word list");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(path + ": not valid JSON (" + std::string(e.what()) + ")");
    }
    if (!j.is_object() || !j.contains("categories") || !j["categories"].is_array())
        throw Error(path + ": needs {\"categories\": [...]}");
    PromptFilter f;
    if (j.value("extends_built_in", true)) f = builtIn();
    for (std::size_t i = 0; i < j["categories"].size(); ++i) {
        const auto& c = j["categories"][i];
        const std::string at = path + ": categories[" + std::to_string(i) + "]";
        if (!c.is_object() || !c.contains("name") || !c["name"].is_string() ||
            c["name"].get<std::string>().empty())
            throw Error(at + ".name: must be a non-empty string");
        if (!c.contains("terms") || !c["terms"].is_array())
            throw Error(at + ".terms: must be a list of words or phrases");
        Category cat;
        cat.name = c["name"].get<std::string>();
        cat.message = c.value("message", "Kinora Studio does not make this (" + cat.name + ")");
        for (std::size_t k = 0; k < c["terms"].size(); ++k) {
            const auto& t = c["terms"][k];
            if (!t.is_string())
                throw Error(at + ".terms[" + std::to_string(k) + "]: must be a word or phrase");
            const Pattern compiled = compile(t.get<std::string>());
            bool words = false;
            for (const auto& tok : compiled.tokens) words = words || tok.kind != Token::Gap;
            if (compiled.cjk.empty() && !words)
                throw Error(at + ".terms[" + std::to_string(k) + "]: must be a word or phrase");
            cat.terms.push_back(t.get<std::string>());
        }
        f.add(std::move(cat));
    }
    return f;
}

std::optional<Refusal> PromptFilter::check(const std::string& prompt) const {
    Folded folded = foldText(prompt);
    const std::vector<std::string> raw = rawWords(folded.latin);
    std::vector<std::string> words, collapsed;
    for (const auto& w : raw) {
        words.push_back(canonical(w));
        collapsed.push_back(collapse(w));
    }
    // Words of allowed phrases take no part in a match; allowed CJK text is cut out.
    std::vector<bool> masked(words.size(), false);
    const std::vector<bool> none(words.size(), false);
    static const std::vector<CompiledTerm> allowed = compileAll(allowedPhrases());
    static const std::vector<CompiledTerm> children = compileAll(minorsContext());
    for (const auto& phrase : allowed) {
        const Pattern& a = phrase.pattern;
        if (!a.cjk.empty()) {
            for (auto at = folded.cjk.find(a.cjk); at != std::string::npos;
                 at = folded.cjk.find(a.cjk, at + 1))
                folded.cjk.replace(at, a.cjk.size(), "|");
            continue;
        }
        for (std::size_t i = 0; i < words.size(); ++i) {
            const long end = matchFrom(a.tokens, 0, words, collapsed, none, i);
            for (long k = static_cast<long>(i); k < end; ++k)
                masked[static_cast<std::size_t>(k)] = true;
        }
    }
    // Spelled-out words ("b l o o d", "p.o.r.n"): a run of 3+ single letters is one word too.
    std::vector<std::string> joined;
    for (std::size_t i = 0; i < raw.size();) {
        std::size_t j = i;
        std::string run;
        while (j < raw.size() && raw[j].size() == 1) run += raw[j++];
        if (j - i >= 3) joined.push_back(run);
        i = j == i ? i + 1 : j;
    }
    auto found = [&](const Pattern& p, std::string& matched) {
        if (!p.cjk.empty()) {
            if (folded.cjk.find(p.cjk) == std::string::npos) return false;
            matched = p.cjk;
            return true;
        }
        if (p.tokens.empty()) return false;
        for (std::size_t i = 0; i < words.size(); ++i) {
            const long end = matchFrom(p.tokens, 0, words, collapsed, masked, i);
            if (end < 0 || end == static_cast<long>(i)) continue;
            matched.clear();
            for (long k = static_cast<long>(i); k < end; ++k)
                matched += (k > static_cast<long>(i) ? " " : "") + raw[static_cast<std::size_t>(k)];
            return true;
        }
        if (p.tokens.size() == 1)
            for (const auto& j : joined) {
                const Token& t = p.tokens[0];
                const bool hit = t.kind == Token::Word ? canonical(j) == t.text
                                                       : collapse(j).rfind(t.text, 0) == 0;
                if (hit) {
                    matched = j;
                    return true;
                }
            }
        return false;
    };
    // The first term of a category found, or of both lists of one of its pairs.
    auto firstMatch = [&](const CompiledTerms& cat, std::string& term, std::string& matched) {
        for (const auto& t : cat.terms)
            if (found(t.pattern, matched)) {
                term = t.text;
                return true;
            }
        for (const auto& [first, second] : cat.together)
            for (const auto& a : first) {
                std::string ma;
                if (!found(a.pattern, ma)) continue;
                for (const auto& b : second) {
                    std::string mb;
                    if (!found(b.pattern, mb)) continue;
                    term = a.text + " + " + b.text;
                    matched = ma + " ... " + mb;
                    return true;
                }
            }
        return false;
    };
    for (std::size_t c = 0; c < m_categories.size(); ++c) {
        std::string term, matched;
        if (!firstMatch(*m_compiled[c], term, matched)) continue;
        const Category& cat = m_categories[c];
        Refusal r;
        r.category = cat.name;
        r.term = term;
        r.matched = matched;
        r.categoryMessage = cat.message;
        // A sexual prompt about children is refused as such.
        if (cat.name == "sexual")
            for (const auto& m : m_categories)
                if (m.name == "minors")
                    for (const auto& w : children) {
                        std::string ignored;
                        if (found(w.pattern, ignored)) {
                            r.category = m.name;
                            r.categoryMessage = m.message;
                        }
                    }
        return r;
    }
    return std::nullopt;
}

}  // namespace kinora::safety
