#pragma once

#include <optional>
#include <string>

#include "world/world_vocab.h"

namespace kinora::world {

/// @brief What a character description in world words fixes ("a small yellow star").
/// Words the world does not know are ignored; unset fields were not said.
struct Appearance {
    std::optional<Colour> colour;
    std::optional<Shape> shape;
    std::optional<Size> size;
    bool complete() const { return colour && shape && size; }
};

/// @brief Reads colour, shape and size words (docs/world.md) from a description.
/// The first word of each kind wins.
Appearance parseAppearance(const std::string& text);

/// @brief "a small yellow star", with "any" for unset fields left out.
std::string describe(const Appearance& a);

}  // namespace kinora::world
