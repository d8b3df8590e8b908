#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kinora::safety {

/// @brief One category of refused prompts: its name, the message shown, and its terms
/// (single words, or phrases of several words matched as consecutive words).
struct Category {
    std::string name;     ///< "violence"
    std::string message;  ///< why, in words a filmmaker reads
    std::vector<std::string> terms;
    /// Pairs of term lists: a prompt holding a term of each list of a pair is refused ("a
    /// bomb" with "a crowded subway", "execute" with "hostages") where neither alone is.
    std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> together = {};
};

/// @brief Why a prompt was refused.
struct Refusal {
    std::string category;
    std::string term;     ///< the listed term that matched
    std::string matched;  ///< the words of the prompt that matched it
    /// "This prompt was refused (violence: "blood"). Kinora Studio does not make ..."
    std::string message() const;
    std::string categoryMessage;
};

/// @brief Screens prompts before anything is generated, in every language the studio
/// speaks (en, de, fr, es, ja, zh).
///
/// The prompt is folded first: case, accents ("apuñala" is "apunala"), full-width forms,
/// look-alike Cyrillic and Greek letters, invisible joiners; inside a word common character
/// swaps (0->o, 1->i, 3->e, 4->a, 5->s, 7->t, @->a, $->s) are undone, repeated letters
/// collapse ("bloooood"), spelled-out letters join ("b l o o d", "p.o.r.n") and a plural or
/// possessive 's' goes. Latin terms then match whole words ("bloodhound" is not "blood"):
/// a term of several words matches them in a row; in a term "*" alone stands for up to two
/// words ("take * own life") and a word ending in "*" for any word starting so ("behead*").
/// A term in Chinese or Japanese characters matches anywhere in the prompt's CJK text.
/// Words of a few ordinary phrases ("the naked eye", "a blood orange", "裸足" barefoot) take
/// no part in a match. A sexual prompt that names a child is refused as "minors".
struct CompiledTerms;

class PromptFilter {
public:
    /// @brief The built-in list (categories: sexual, minors, violence, self-harm, hate,
    /// real people, weapons), with terms in English, German, French, Spanish, Japanese and
    /// Chinese.
    static PromptFilter builtIn();
    /// @brief A list from a JSON file: {"categories": [{"name", "message", "terms": [...]}],
    /// "extends_built_in": true|false}. Throws Error naming the file and the place.
    static PromptFilter fromFile(const std::string& path);
    /// @brief An empty filter: allows everything (tests, research builds).
    static PromptFilter none() { return {}; }

    /// @brief The first match in `prompt`, or nothing when it is allowed. (The engine
    /// screens the prompt after @Name expansion; a negative prompt says what to avoid and
    /// is not screened.)
    std::optional<Refusal> check(const std::string& prompt) const;
    const std::vector<Category>& categories() const { return m_categories; }
    void add(Category category);

private:
    std::vector<Category> m_categories;
    /// Each category's terms compiled once (parallel to m_categories; shared by copies).
    std::vector<std::shared_ptr<const CompiledTerms>> m_compiled;
};

/// @brief The words of `text` as the filter compares them (normalised, see PromptFilter).
std::vector<std::string> normalisedWords(const std::string& text);

}  // namespace kinora::safety
