#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace kinora::world {

// The vocabulary of Kinora World v1 (docs/world.md). Names are the ids used in
// scene JSON; words and colours are a contract with the evaluation suites.

enum class Colour { Red, Orange, Yellow, Green, Blue, Purple, Pink, White };
enum class Shape { Circle, Square, Triangle, Star, Ring, Cross };
enum class Size { Small, Large };
enum class Motion { Still, Left, Right, Up, Down, Bounce, Fall, Spin, Grow, Shrink };
enum class Background { Night, Meadow, Beach, Room, Gray };
enum class Camera { Static, PanLeft, PanRight, ZoomIn, ZoomOut };

struct Rgb {
    uint8_t r = 0, g = 0, b = 0;
    bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};

constexpr std::array<Colour, 8> kColours{Colour::Red,   Colour::Orange, Colour::Yellow,
                                         Colour::Green, Colour::Blue,   Colour::Purple,
                                         Colour::Pink,  Colour::White};
constexpr std::array<Shape, 6> kShapes{Shape::Circle, Shape::Square, Shape::Triangle,
                                       Shape::Star,   Shape::Ring,   Shape::Cross};
constexpr std::array<Motion, 10> kMotions{
    Motion::Still,  Motion::Left, Motion::Right, Motion::Up,   Motion::Down,
    Motion::Bounce, Motion::Fall, Motion::Spin,  Motion::Grow, Motion::Shrink};
constexpr std::array<Background, 5> kBackgrounds{
    Background::Night, Background::Meadow, Background::Beach, Background::Room, Background::Gray};
constexpr std::array<Camera, 5> kCameras{Camera::Static, Camera::PanLeft, Camera::PanRight,
                                         Camera::ZoomIn, Camera::ZoomOut};

const char* name(Colour c);
const char* name(Shape s);
const char* name(Size s);
const char* name(Motion m);
const char* name(Background b);
const char* name(Camera c);

/// Parse a name ("red", "pan_left", ...); throw kinora::Error naming `what` otherwise.
Colour parseColour(const std::string& s);
Shape parseShape(const std::string& s);
Size parseSize(const std::string& s);
Motion parseMotion(const std::string& s);
Background parseBackground(const std::string& s);
Camera parseCamera(const std::string& s);

Rgb rgb(Colour c);

/// @brief Words a caption may use for each (the tables of docs/world.md).
const std::vector<std::string>& nouns(Shape s);
const std::vector<std::string>& sizeWords(Size s);
/// Verb phrases in the third person ("bounces", "slides to the right").
const std::vector<std::string>& motionPhrases(Motion m);
/// Participle phrases for tag-style captions ("bouncing", "sliding right").
const std::vector<std::string>& motionTags(Motion m);
/// Place phrases ("on the grass", "at night").
const std::vector<std::string>& backgroundPhrases(Background b);
const std::vector<std::string>& cameraPhrases(Camera c);

/// @brief SPEC: green on meadow, white on beach and white in a room are never rendered.
bool colourAllowedOn(Colour c, Background b);
/// @brief SPEC: spin is never given to a circle or a ring (it would not show).
bool motionAllowedFor(Motion m, Shape s);

}  // namespace kinora::world
