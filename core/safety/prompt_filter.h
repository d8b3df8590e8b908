#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kinora::safety {

/// @brief One category of refused prompts: its name, the message shown, and its terms
/// (single words, or phrases of several words matched as consecutive words).
struct Category {
    std::string name;     ///< "violence"
    std::string message;  ///< why, in words a filmmaker reads
    std::vector<std::string> terms;
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

/// @brief Screens prompts before anything is generated. Matching is on whole words (so
/// "bloodhound" is not "blood"), after lower-casing, folding common character swaps inside
/// words (0->o, 1->i, 3->e, 4->a, 5->s, 7->t, @->a, $->s), collapsing repeated letters
/// ("bloooood"), joining spelled-out letters ("b l o o d") and dropping a plural or
/// possessive 's', so a term is not dodged by spelling.
class PromptFilter {
public:
    /// @brief The built-in list (categories: sexual, minors, violence, self-harm, hate,
    /// real people, weapons).
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
};

/// @brief The words of `text` as the filter compares them (normalised, see PromptFilter).
std::vector<std::string> normalisedWords(const std::string& text);

}  // namespace kinora::safety
