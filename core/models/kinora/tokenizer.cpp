#include "models/kinora/tokenizer.h"

#include <cctype>
#include <unordered_map>

#include "util/error.h"

namespace kinora {

namespace {

// Order is part of the weights' contract: append only.
const std::vector<std::string>& vocabulary() {
    static const std::vector<std::string> words = {
        "<pad>",
        "<bos>",
        "<eos>",
        ",",
        ".",
        ";",
        // function words
        "a",
        "an",
        "the",
        "and",
        "is",
        "are",
        "on",
        "in",
        "at",
        "of",
        "to",
        "with",
        "its",
        "it",
        "while",
        "then",
        "as",
        "by",
        "from",
        "into",
        "over",
        "through",
        "front",
        "one",
        "two",
        "three",
        "each",
        "other",
        "another",
        "both",
        "same",
        "keeps",
        "look",
        "shot",
        "left",
        "right",
        "up",
        "down",
        "above",
        "below",
        "next",
        "beside",
        "side",
        "out",
        "around",
        "gets",
        "get",
        "they",
        "them",
        "their",
        "there",
        "this",
        "that",
        "back",
        "across",
        "towards",
        "toward",
        "away",
        "place",
        "again",
        "first",
        "second",
        "last",
        // colours
        "red",
        "orange",
        "yellow",
        "green",
        "blue",
        "purple",
        "pink",
        "white",
        // shapes
        "circle",
        "ball",
        "disc",
        "square",
        "box",
        "block",
        "triangle",
        "star",
        "five",
        "pointed",
        "ring",
        "donut",
        "hoop",
        "cross",
        "plus",
        // sizes
        "small",
        "little",
        "tiny",
        "big",
        "large",
        "huge",
        // motions
        "still",
        "stays",
        "stay",
        "rests",
        "rest",
        "sits",
        "sit",
        "waits",
        "wait",
        "moves",
        "move",
        "moving",
        "slides",
        "slide",
        "sliding",
        "rolls",
        "roll",
        "rolling",
        "goes",
        "go",
        "going",
        "travels",
        "travel",
        "rises",
        "rise",
        "rising",
        "floats",
        "float",
        "floating",
        "sinks",
        "sink",
        "sinking",
        "bounces",
        "bounce",
        "bouncing",
        "hops",
        "hop",
        "hopping",
        "falls",
        "fall",
        "falling",
        "drops",
        "drop",
        "dropping",
        "spins",
        "spin",
        "spinning",
        "rotates",
        "rotate",
        "rotating",
        "turns",
        "turn",
        "turning",
        "grows",
        "grow",
        "growing",
        "shrinks",
        "shrink",
        "shrinking",
        "bigger",
        "smaller",
        // backgrounds
        "night",
        "sky",
        "dark",
        "grass",
        "meadow",
        "field",
        "beach",
        "sand",
        "room",
        "indoors",
        "gray",
        "grey",
        "plain",
        "background",
        // camera
        "camera",
        "pans",
        "pan",
        "panning",
        "zooms",
        "zoom",
        "zooming",
        "static",
        // occluder
        "pillar",
        "post",
        "passes",
        "pass",
        "passing",
        "behind",
        // appended after v1's first list (order is the weights' contract: append only)
        "resting",
        "named",
        "called",
        "character",
        "scene",
        "clip",
        "video",
    };
    return words;
}

const std::unordered_map<std::string, int>& index() {
    static const std::unordered_map<std::string, int> map = [] {
        std::unordered_map<std::string, int> m;
        const auto& w = vocabulary();
        for (std::size_t i = 0; i < w.size(); ++i) m.emplace(w[i], static_cast<int>(i));
        return m;
    }();
    return map;
}

uint64_t fnv1a(const std::string& s) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace

Tokenizer::Tokenizer() {
    (void)index();
}

int Tokenizer::vocabSize() const {
    return static_cast<int>(vocabulary().size()) + kUnknownBuckets;
}

const std::vector<std::string>& Tokenizer::words() const {
    return vocabulary();
}

bool Tokenizer::isKnownWord(const std::string& word) const {
    return index().count(word) != 0;
}

int Tokenizer::idOf(const std::string& word) const {
    const auto it = index().find(word);
    if (it != index().end()) return it->second;
    const auto base = static_cast<int>(vocabulary().size());
    return base + static_cast<int>(fnv1a(word) % kUnknownBuckets);
}

std::vector<std::string> Tokenizer::split(const std::string& text) const {
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) out.push_back(std::move(word));
        word.clear();
    };
    for (unsigned char c : text) {
        if (std::isalnum(c) || c >= 0x80) {  // bytes of UTF-8 letters stay inside words
            word.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
        } else if (c == '\'') {
            // "it's" -> "its": apostrophes join
        } else {
            flush();
            if (c == ',' || c == '.' || c == ';') out.emplace_back(1, static_cast<char>(c));
        }
    }
    flush();
    return out;
}

std::vector<int64_t> Tokenizer::encode(const std::string& text, int maxTokens) const {
    if (text.size() > kMaxPromptBytes)
        throw Error("prompt is too long: " + std::to_string(text.size()) + " bytes (at most " +
                    std::to_string(kMaxPromptBytes) + ")");
    std::vector<int64_t> ids{kBos};
    for (const auto& w : split(text)) ids.push_back(idOf(w));
    ids.push_back(kEos);
    if (static_cast<int>(ids.size()) > maxTokens)
        throw Error("prompt is too long: " + std::to_string(ids.size() - 2) +
                    " words, the model reads at most " + std::to_string(maxTokens - 2));
    return ids;
}

}  // namespace kinora
