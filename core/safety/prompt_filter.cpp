#include "safety/prompt_filter.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "util/error.h"
#include "util/files.h"

namespace kinora::safety {

namespace {

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
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
}

/// Repeated letters collapse ("bloooood" and "blood" both become "blod"), a trailing
/// plural or possessive 's' goes ("bombs", "bomb's" -> "bomb"). A word that collapses to
/// fewer than three letters stays as it is, so "x" and "xxx" remain different words.
std::string canonical(const std::string& word) {
    std::string out;
    for (char c : word)
        if (out.empty() || out.back() != c) out += c;
    if (out.size() < 3) out = word;
    if (out.size() > 3 && out.back() == 's') out.pop_back();
    return out;
}

std::vector<std::string> rawWords(const std::string& text) {
    std::vector<std::string> words;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) words.push_back(cur);
        cur.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool letter = std::isalpha(static_cast<unsigned char>(c)) != 0;
        // Digits and symbols count as letters only inside a word ("bl00d", "a$$"), so
        // "4 big stars" keeps its number.
        const bool swap =
            !letter && fold(c) != c && c != '\'' &&
            ((!cur.empty()) ||
             (i + 1 < text.size() && std::isalpha(static_cast<unsigned char>(text[i + 1]))));
        if (letter || swap)
            cur += fold(c);
        else if (c == '\'')
            continue;  // "bomb's" -> "bombs"
        else
            flush();
    }
    flush();
    return words;
}

const std::vector<Category>& builtInCategories() {
    static const std::vector<Category> categories = {
        {"sexual",
         "Kinora Studio does not make sexual or nude content",
         {"nude",         "nudes",       "naked",    "nudity",  "porn",     "porno",
          "pornographic", "pornography", "sex",      "sexual",  "sexy",     "nsfw",
          "erotic",       "erotica",     "genitals", "genital", "topless",  "orgasm",
          "fetish",       "explicit",    "hentai",   "xxx",     "stripper", "lingerie"}},
        {"minors",
         "Kinora Studio does not make content that sexualises or endangers children",
         {"underage", "loli", "lolicon", "shota", "child abuse", "child exploitation", "child porn",
          "jailbait"}},
        {"violence",
         "Kinora Studio does not make gore or graphic violence",
         {"gore",         "gory",      "blood",    "bloody",      "bloodbath",     "decapitated",
          "decapitation", "beheading", "beheaded", "dismembered", "dismemberment", "mutilated",
          "mutilation",   "torture",   "tortured", "massacre",    "disembowel",    "disemboweled",
          "corpse",       "corpses",   "murder",   "murdered",    "slaughter",     "slaughtered",
          "execution",    "entrails"}},
        {"self-harm",
         "Kinora Studio does not make content that shows or encourages self-harm",
         {"suicide", "suicidal", "self harm", "selfharm", "self injury", "kill himself",
          "kill herself", "kill myself", "kill themselves", "cutting herself", "cutting himself",
          "hang himself", "hang herself", "overdose"}},
        {"hate",
         "Kinora Studio does not make hateful or extremist content",
         {"nazi", "nazis", "swastika", "white power", "kkk", "ku klux klan", "ethnic cleansing",
          "genocide", "holocaust denial", "heil hitler", "racial slur"}},
        {"real people",
         "Kinora Studio does not make videos of real, identifiable people (deepfakes)",
         {"deepfake", "deep fake", "celebrity", "celebrities", "taylor swift", "joe biden",
          "donald trump", "barack obama", "elon musk", "vladimir putin", "emmanuel macron",
          "xi jinping", "narendra modi", "pope francis", "king charles", "kim jong un"}},
        {"weapons",
         "Kinora Studio does not make content that shows or teaches attacks",
         {"bomb making", "make a bomb", "pipe bomb", "school shooting", "mass shooting",
          "terrorist attack", "terror attack", "suicide bomber", "car bomb", "chemical weapon",
          "bioweapon"}},
    };
    return categories;
}

}  // namespace

std::vector<std::string> normalisedWords(const std::string& text) {
    std::vector<std::string> words;
    for (const auto& w : rawWords(text)) words.push_back(canonical(w));
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
            if (!t.is_string() || normalisedWords(t.get<std::string>()).empty())
                throw Error(at + ".terms[" + std::to_string(k) + "]: must be a word or phrase");
            cat.terms.push_back(t.get<std::string>());
        }
        f.add(std::move(cat));
    }
    return f;
}

std::optional<Refusal> PromptFilter::check(const std::string& prompt) const {
    const std::vector<std::string> raw = rawWords(prompt);
    std::vector<std::string> words;
    for (const auto& w : raw) words.push_back(canonical(w));
    // Spelled-out words ("b l o o d"): a run of 3+ single letters also counts as one word.
    std::vector<std::string> joined;
    for (std::size_t i = 0; i < raw.size();) {
        std::size_t j = i;
        std::string run;
        while (j < raw.size() && raw[j].size() == 1) run += raw[j++];
        if (j - i >= 3) joined.push_back(canonical(run));
        i = j == i ? i + 1 : j;
    }
    for (const auto& cat : m_categories) {
        for (const auto& term : cat.terms) {
            const std::vector<std::string> t = normalisedWords(term);
            if (t.empty()) continue;
            auto refuse = [&](const std::string& matched) {
                Refusal r;
                r.category = cat.name;
                r.term = term;
                r.matched = matched;
                r.categoryMessage = cat.message;
                return r;
            };
            for (std::size_t i = 0; i + t.size() <= words.size(); ++i) {
                bool all = true;
                for (std::size_t k = 0; k < t.size() && all; ++k) all = words[i + k] == t[k];
                if (!all) continue;
                std::string matched;
                for (std::size_t k = 0; k < t.size(); ++k) matched += (k ? " " : "") + raw[i + k];
                return refuse(matched);
            }
            if (t.size() == 1)
                for (const auto& j : joined)
                    if (j == t[0]) return refuse(term);
        }
    }
    return std::nullopt;
}

}  // namespace kinora::safety
