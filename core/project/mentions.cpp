#include "project/mentions.h"

#include <algorithm>
#include <cctype>

#include "util/error.h"

namespace kinora::project {

namespace {
bool nameChar(char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
}
}  // namespace

std::vector<Mention> findMentions(const std::string& prompt) {
    std::vector<Mention> out;
    for (std::size_t i = 0; i < prompt.size(); ++i) {
        if (prompt[i] != '@') continue;
        if (i > 0 && nameChar(prompt[i - 1])) continue;  // e-mail addresses and the like
        std::size_t end = i + 1;
        if (end >= prompt.size() || !std::isalpha(static_cast<unsigned char>(prompt[end])))
            continue;
        while (end < prompt.size() && nameChar(prompt[end]) && end - i <= 32) ++end;
        out.push_back({i, end - i, prompt.substr(i + 1, end - i - 1)});
        i = end - 1;
    }
    return out;
}

std::vector<std::string> unknownMentions(const std::string& prompt, const Project& project) {
    std::vector<std::string> out;
    for (const auto& m : findMentions(prompt))
        if (!project.findCharacter(m.name) &&
            std::find(out.begin(), out.end(), m.name) == out.end())
            out.push_back(m.name);
    return out;
}

std::string expandMentions(const std::string& prompt, const Project& project) {
    const auto unknown = unknownMentions(prompt, project);
    if (!unknown.empty()) {
        std::string known;
        for (const auto& c : project.characters) known += (known.empty() ? "" : ", ") + c.name;
        throw Error("unknown character @" + unknown.front() +
                    (known.empty() ? std::string(" (the project has no characters)")
                                   : " (characters: " + known + ")"));
    }
    std::string out;
    std::size_t at = 0;
    for (const auto& m : findMentions(prompt)) {
        out += prompt.substr(at, m.offset - at);
        out += project.findCharacter(m.name)->appearance;
        at = m.offset + m.length;
    }
    out += prompt.substr(at);
    return out;
}

std::vector<const Character*> mentionedCharacters(const std::string& prompt,
                                                  const Project& project) {
    std::vector<const Character*> out;
    for (const auto& m : findMentions(prompt)) {
        const Character* c = project.findCharacter(m.name);
        if (c && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
}

std::string renameMentions(const std::string& prompt, const std::string& from,
                           const std::string& to) {
    std::string out;
    std::size_t at = 0;
    for (const auto& m : findMentions(prompt)) {
        if (m.name != from) continue;
        out += prompt.substr(at, m.offset - at) + "@" + to;
        at = m.offset + m.length;
    }
    return out + prompt.substr(at);
}

}  // namespace kinora::project
