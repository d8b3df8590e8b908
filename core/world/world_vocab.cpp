#include "world/world_vocab.h"

#include "util/error.h"

namespace kinora::world {

namespace {

template <typename E, std::size_t N>
E parseEnum(const std::string& s, const std::array<E, N>& all, const char* what) {
    for (E e : all)
        if (s == name(e)) return e;
    std::string options;
    for (E e : all) options += std::string(options.empty() ? "" : ", ") + name(e);
    throw Error("unknown " + std::string(what) + " '" + s + "' (" + options + ")");
}

}  // namespace

const char* name(Colour c) {
    static const char* n[] = {"red",  "orange", "yellow", "green",
                              "blue", "purple", "pink",   "white"};
    return n[static_cast<int>(c)];
}
const char* name(Shape s) {
    static const char* n[] = {"circle", "square", "triangle", "star", "ring", "cross"};
    return n[static_cast<int>(s)];
}
const char* name(Size s) {
    return s == Size::Small ? "small" : "large";
}
const char* name(Motion m) {
    static const char* n[] = {"still",  "left", "right", "up",   "down",
                              "bounce", "fall", "spin",  "grow", "shrink"};
    return n[static_cast<int>(m)];
}
const char* name(Background b) {
    static const char* n[] = {"night", "meadow", "beach", "room", "gray"};
    return n[static_cast<int>(b)];
}
const char* name(Camera c) {
    static const char* n[] = {"static", "pan_left", "pan_right", "zoom_in", "zoom_out"};
    return n[static_cast<int>(c)];
}

Colour parseColour(const std::string& s) {
    return parseEnum(s, kColours, "colour");
}
Shape parseShape(const std::string& s) {
    return parseEnum(s, kShapes, "shape");
}
Size parseSize(const std::string& s) {
    return parseEnum(s, std::array<Size, 2>{Size::Small, Size::Large}, "size");
}
Motion parseMotion(const std::string& s) {
    return parseEnum(s, kMotions, "motion");
}
Background parseBackground(const std::string& s) {
    return parseEnum(s, kBackgrounds, "background");
}
Camera parseCamera(const std::string& s) {
    return parseEnum(s, kCameras, "camera");
}

Rgb rgb(Colour c) {
    static const Rgb table[] = {{220, 40, 40}, {250, 140, 20}, {245, 220, 30},  {40, 200, 80},
                                {40, 80, 230}, {150, 60, 200}, {250, 120, 190}, {245, 245, 245}};
    return table[static_cast<int>(c)];
}

const std::vector<std::string>& nouns(Shape s) {
    static const std::vector<std::string> n[] = {
        {"circle", "ball", "disc"},    {"square", "box", "block"}, {"triangle"},
        {"star", "five-pointed star"}, {"ring", "donut", "hoop"},  {"cross", "plus"}};
    return n[static_cast<int>(s)];
}

const std::vector<std::string>& sizeWords(Size s) {
    static const std::vector<std::string> small{"small", "little", "tiny"},
        large{"big", "large", "huge"};
    return s == Size::Small ? small : large;
}

const std::vector<std::string>& motionPhrases(Motion m) {
    static const std::vector<std::string> p[] = {
        {"stays still", "rests", "sits", "waits"},
        {"moves left", "slides to the left", "rolls left", "goes left"},
        {"moves right", "slides to the right", "rolls right", "goes right"},
        {"rises", "floats up", "moves up"},
        {"moves down", "sinks", "floats down"},
        {"bounces", "is bouncing", "hops"},
        {"falls", "drops"},
        {"spins", "rotates", "turns around"},
        {"grows", "gets bigger"},
        {"shrinks", "gets smaller"}};
    return p[static_cast<int>(m)];
}

const std::vector<std::string>& motionTags(Motion m) {
    static const std::vector<std::string> p[] = {{"still", "resting"},
                                                 {"moving left", "sliding left"},
                                                 {"moving right", "sliding right"},
                                                 {"rising", "floating up"},
                                                 {"sinking", "moving down"},
                                                 {"bouncing", "hopping"},
                                                 {"falling", "dropping"},
                                                 {"spinning", "rotating"},
                                                 {"growing"},
                                                 {"shrinking"}};
    return p[static_cast<int>(m)];
}

const std::vector<std::string>& backgroundPhrases(Background b) {
    static const std::vector<std::string> p[] = {{"at night", "in the night sky", "in the dark"},
                                                 {"on the grass", "in a meadow", "in a field"},
                                                 {"on the beach", "on the sand"},
                                                 {"in a room", "indoors"},
                                                 {"on a gray background", "on a plain background"}};
    return p[static_cast<int>(b)];
}

const std::vector<std::string>& cameraPhrases(Camera c) {
    static const std::vector<std::string> p[] = {{},
                                                 {"the camera pans left"},
                                                 {"the camera pans right"},
                                                 {"the camera zooms in"},
                                                 {"the camera zooms out"}};
    return p[static_cast<int>(c)];
}

bool colourAllowedOn(Colour c, Background b) {
    if (c == Colour::Green && b == Background::Meadow) return false;
    if (c == Colour::White && (b == Background::Beach || b == Background::Room)) return false;
    return true;
}

bool motionAllowedFor(Motion m, Shape s) {
    return !(m == Motion::Spin && (s == Shape::Circle || s == Shape::Ring));
}

}  // namespace kinora::world
