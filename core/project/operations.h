#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "project/project.h"

namespace kinora::project {

// Pure data edits of a Project. apply() performs one and returns its exact inverse, so
// an undo stack needs nothing else: undo applies the inverse (and keeps the inverse's
// inverse for redo). An invalid edit throws Error and leaves the project untouched.

struct AddShot {
    int index = 0;  ///< where it goes; == size appends
    Shot shot;      ///< an empty id gets a fresh one
};
struct RemoveShot {
    int index = 0;
};
struct MoveShot {
    int from = 0;
    int to = 0;  ///< the index it has afterwards
};
/// Replaces a shot (prompt, duration, mode, takes, ...); its id stays.
struct EditShot {
    int index = 0;
    Shot shot;
};
struct AddCharacter {
    int index = 0;
    Character character;
};
/// Refused while a shot still mentions the character.
struct RemoveCharacter {
    int index = 0;
};
/// Renames and rewrites every `@Old` mention in the shots' prompts.
struct RenameCharacter {
    int index = 0;
    std::string name;
    /// Set only in an inverse: the exact prompts to restore (shot index, prompt).
    std::vector<std::pair<int, std::string>> restorePrompts;
};
/// Replaces appearance, reference image and seed; the name goes through RenameCharacter.
struct EditCharacter {
    int index = 0;
    Character character;
};
struct SetProjectInfo {
    std::string name;
    Canvas canvas;
    Settings settings;
};

using Operation = std::variant<AddShot, RemoveShot, MoveShot, EditShot, AddCharacter,
                               RemoveCharacter, RenameCharacter, EditCharacter, SetProjectInfo>;

/// @brief Applies `op` and returns its inverse. Throws Error (project unchanged) when the
/// edit is invalid: an index out of range, a duplicate or invalid name, ...
Operation apply(Project& project, const Operation& op);

}  // namespace kinora::project
