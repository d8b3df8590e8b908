#pragma once

#include <string>
#include <vector>

#include "project/project.h"

namespace kinora::project {

/// @brief One `@Name` in a prompt: byte offset and length of the whole mention.
struct Mention {
    std::size_t offset = 0;
    std::size_t length = 0;  ///< including '@'
    std::string name;
};

/// @brief Every `@Name` (an '@' not preceded by a letter or digit, then a valid name).
std::vector<Mention> findMentions(const std::string& prompt);

/// @brief Names mentioned in `prompt` that no character of `project` has, in order.
std::vector<std::string> unknownMentions(const std::string& prompt, const Project& project);

/// @brief Replaces each `@Name` by the character's appearance ("@Pip bounces" -> "a small
/// yellow star bounces"). Throws Error naming an unknown character.
std::string expandMentions(const std::string& prompt, const Project& project);

/// @brief Characters mentioned, in order of first mention, without repeats.
std::vector<const Character*> mentionedCharacters(const std::string& prompt,
                                                  const Project& project);

/// @brief The prompt with every `@from` mention renamed to `@to`.
std::string renameMentions(const std::string& prompt, const std::string& from,
                           const std::string& to);

}  // namespace kinora::project
