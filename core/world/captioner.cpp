#include "world/captioner.h"

#include <algorithm>
#include <cctype>
#include <random>
#include <set>

namespace kinora::world {

namespace {

class Picker {
public:
    explicit Picker(uint64_t seed) : m_gen(seed ^ 0xC0FFEEull) {}
    const std::string& pick(const std::vector<std::string>& v) {
        return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(m_gen)];
    }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_gen) < p; }
    int integer(int a, int b) { return std::uniform_int_distribution<int>(a, b)(m_gen); }

private:
    std::mt19937_64 m_gen;
};

std::string article(const std::string& next) {
    return std::string("aeiou").find(next.empty() ? 'x' : next[0]) != std::string::npos ? "an"
                                                                                        : "a";
}

std::string capitalise(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

const char* placeTag(Background b) {
    static const char* t[] = {"night", "meadow", "beach", "room", "gray background"};
    return t[static_cast<int>(b)];
}

// "big red ball" (size word most of the time).
std::string describe(const CharacterSpec& c, Picker& p, bool withSize) {
    std::string d = withSize ? p.pick(sizeWords(c.size)) + " " : "";
    return d + name(c.colour) + " " + p.pick(nouns(c.shape));
}

std::string withArticle(const std::string& d) {
    return article(d) + " " + d;
}

std::string verbPhrase(const SceneSpec& s, const CharacterSpec& c, Picker& p) {
    std::string v = p.pick(motionPhrases(c.motion));
    if (s.pillar && (c.motion == Motion::Left || c.motion == Motion::Right))
        v += p.chance(0.5) ? " and passes behind a pillar" : " and goes behind a post";
    return v;
}

std::string cameraSuffix(const SceneSpec& s, Picker& p) {
    if (s.camera == Camera::Static) return "";
    const std::string& c = p.pick(cameraPhrases(s.camera));
    switch (p.integer(0, 2)) {
        case 0:
            return "; " + c;
        case 1:
            return " while " + c;
        default:
            return ", and " + c;
    }
}

std::string single(const SceneSpec& s, int style, Picker& p) {
    const CharacterSpec& c = s.characters[0];
    const std::string desc = describe(c, p, p.chance(0.75));
    const std::string place = p.pick(backgroundPhrases(s.background));
    switch (style) {
        case 0:
            return withArticle(desc) + " " + verbPhrase(s, c, p) + " " + place + cameraSuffix(s, p);
        case 1:
            return capitalise(withArticle(desc) + " " + verbPhrase(s, c, p) + " " + place +
                              cameraSuffix(s, p)) +
                   ".";
        case 2: {
            std::string t = std::string(name(c.colour)) + " " + p.pick(nouns(c.shape)) + ", " +
                            p.pick(motionTags(c.motion));
            if (s.pillar && (c.motion == Motion::Left || c.motion == Motion::Right))
                t += ", behind a pillar";
            t += std::string(", ") + placeTag(s.background);
            if (s.camera != Camera::Static) t += ", " + p.pick(cameraPhrases(s.camera));
            return t;
        }
        default:
            return capitalise(place) + ", " + withArticle(desc) + " " + verbPhrase(s, c, p) +
                   cameraSuffix(s, p) + ".";
    }
}

std::string relationPhrase(Relation r) {
    switch (r) {
        case Relation::LeftOf:
            return "to the left of";
        case Relation::RightOf:
            return "to the right of";
        case Relation::Above:
            return "above";
        case Relation::Below:
            return "below";
    }
    return "";
}

std::string multiple(const SceneSpec& s, int style, Picker& p) {
    std::vector<std::string> descs, refs;
    for (const auto& c : s.characters) {
        const std::string noun = p.pick(nouns(c.shape));
        const bool size = p.chance(0.6);
        descs.push_back((size ? p.pick(sizeWords(c.size)) + " " : "") + name(c.colour) + " " +
                        noun);
        refs.push_back(std::string(name(c.colour)) + " " + noun);
    }
    std::string who;
    if (s.characters.size() == 2) {
        const bool sayRelation = s.relation != Relation::LeftOf || p.chance(0.5);
        who = withArticle(descs[0]) +
              (sayRelation ? " " + relationPhrase(s.relation) + " " : " and ") +
              withArticle(descs[1]);
    } else {
        who =
            withArticle(descs[0]) + ", " + withArticle(descs[1]) + " and " + withArticle(descs[2]);
    }
    std::string actions;
    for (std::size_t i = 0; i < s.characters.size(); ++i) {
        if (i > 0) actions += (i + 1 == s.characters.size()) ? " and " : ", ";
        actions += "the " + refs[i] + " " + verbPhrase(s, s.characters[i], p);
    }
    const std::string place = p.pick(backgroundPhrases(s.background));
    std::string camera;
    if (s.camera != Camera::Static)
        camera = " " + capitalise(p.pick(cameraPhrases(s.camera))) + ".";
    switch (style % 3) {
        case 0:
            return capitalise(who) + "; " + actions + ". " + capitalise(place) + "." + camera;
        case 1:
            return capitalise(who) + " " + place + "; " + actions + "." + camera;
        default:
            return capitalise(place) + ", " + who + "; " + actions + "." + camera;
    }
}

}  // namespace

std::vector<std::string> captionScene(const SceneSpec& scene, uint64_t seed, int count) {
    std::vector<std::string> out;
    if (scene.characters.empty()) return out;
    Picker p(seed);
    std::set<std::string> seen;
    for (int attempt = 0; static_cast<int>(out.size()) < count && attempt < count * 8; ++attempt) {
        const int style = attempt % 4;
        std::string c =
            scene.characters.size() == 1 ? single(scene, style, p) : multiple(scene, style, p);
        if (seen.insert(c).second) out.push_back(std::move(c));
    }
    return out;
}

std::vector<std::string> captionVocabulary() {
    std::set<std::string> words;
    auto add = [&](const std::string& phrase) {
        std::string w;
        for (char ch : phrase + " ") {
            if (std::isalnum(static_cast<unsigned char>(ch))) {
                w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
            } else if (!w.empty()) {
                words.insert(w);
                w.clear();
            }
        }
    };
    for (auto c : kColours) add(name(c));
    for (auto s : kShapes)
        for (const auto& n : nouns(s)) add(n);
    for (auto z : {Size::Small, Size::Large})
        for (const auto& n : sizeWords(z)) add(n);
    for (auto m : kMotions) {
        for (const auto& n : motionPhrases(m)) add(n);
        for (const auto& n : motionTags(m)) add(n);
    }
    for (auto b : kBackgrounds) {
        for (const auto& n : backgroundPhrases(b)) add(n);
        add(placeTag(b));
    }
    for (auto c : kCameras)
        for (const auto& n : cameraPhrases(c)) add(n);
    for (const char* glue :
         {"a an the and while to of left right above below passes behind pillar goes post"})
        add(glue);
    return {words.begin(), words.end()};
}

}  // namespace kinora::world
