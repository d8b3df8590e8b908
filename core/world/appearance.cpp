#include "world/appearance.h"

#include <cctype>
#include <sstream>
#include <vector>

namespace kinora::world {

namespace {

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalpha(c) || ch == '-') {
            cur.push_back(static_cast<char>(std::tolower(c)));
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

bool matches(const std::vector<std::string>& ws, std::size_t i, const std::string& phrase) {
    const auto parts = words(phrase);
    if (parts.empty() || i + parts.size() > ws.size()) return false;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        // plural nouns ("stars", "boxes") count as the noun
        const std::string& w = ws[i + k];
        const std::string& p = parts[k];
        if (w == p) continue;
        if (k + 1 == parts.size() && (w == p + "s" || w == p + "es")) continue;
        return false;
    }
    return true;
}

}  // namespace

Appearance parseAppearance(const std::string& text) {
    Appearance a;
    const auto ws = words(text);
    for (std::size_t i = 0; i < ws.size(); ++i) {
        if (!a.colour)
            for (Colour c : kColours)
                if (ws[i] == name(c)) a.colour = c;
        if (!a.size)
            for (Size s : {Size::Small, Size::Large})
                for (const auto& w : sizeWords(s))
                    if (matches(ws, i, w)) a.size = s;
        if (!a.shape)
            for (Shape s : kShapes)
                for (const auto& n : nouns(s))
                    if (matches(ws, i, n)) a.shape = s;
    }
    return a;
}

std::string describe(const Appearance& a) {
    std::ostringstream out;
    out << "a";
    if (a.size) out << ' ' << (*a.size == Size::Small ? "small" : "big");
    if (a.colour) out << ' ' << name(*a.colour);
    out << ' ' << (a.shape ? nouns(*a.shape).front() : std::string("shape"));
    return out.str();
}

}  // namespace kinora::world
