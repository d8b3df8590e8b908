#include "project/operations.h"

#include <algorithm>

#include "project/mentions.h"
#include "util/error.h"

namespace kinora::project {

namespace {

void checkIndex(int index, std::size_t size, bool allowEnd, const char* what) {
    const int limit = static_cast<int>(size) + (allowEnd ? 1 : 0);
    if (index < 0 || index >= limit)
        throw Error(std::string(what) + " " + std::to_string(index + 1) + " does not exist (" +
                    std::to_string(size) + ")");
}

// Applies `edit` to a copy, validates it, and only then replaces the project: an edit
// that would leave an invalid document changes nothing.
template <typename F>
void transact(Project& project, F&& edit) {
    Project copy = project;
    edit(copy);
    validate(copy);
    project = std::move(copy);
}

struct Applier {
    Project& p;

    Operation operator()(const AddShot& op) {
        checkIndex(op.index, p.shots.size(), true, "shot position");
        AddShot done = op;
        if (done.shot.id.empty()) done.shot.id = p.newId("shot");
        transact(p, [&](Project& q) { q.shots.insert(q.shots.begin() + op.index, done.shot); });
        return RemoveShot{op.index};
    }
    Operation operator()(const RemoveShot& op) {
        checkIndex(op.index, p.shots.size(), false, "shot");
        Shot removed = p.shots[static_cast<std::size_t>(op.index)];
        transact(p, [&](Project& q) { q.shots.erase(q.shots.begin() + op.index); });
        return AddShot{op.index, removed};
    }
    Operation operator()(const MoveShot& op) {
        checkIndex(op.from, p.shots.size(), false, "shot");
        checkIndex(op.to, p.shots.size(), false, "shot position");
        transact(p, [&](Project& q) {
            Shot s = q.shots[static_cast<std::size_t>(op.from)];
            q.shots.erase(q.shots.begin() + op.from);
            q.shots.insert(q.shots.begin() + op.to, std::move(s));
        });
        return MoveShot{op.to, op.from};
    }
    Operation operator()(const EditShot& op) {
        checkIndex(op.index, p.shots.size(), false, "shot");
        Shot before = p.shots[static_cast<std::size_t>(op.index)];
        Shot after = op.shot;
        after.id = before.id;
        transact(p, [&](Project& q) { q.shots[static_cast<std::size_t>(op.index)] = after; });
        return EditShot{op.index, before};
    }
    Operation operator()(const AddCharacter& op) {
        checkIndex(op.index, p.characters.size(), true, "character position");
        Character c = op.character;
        if (c.id.empty()) c.id = p.newId("char");
        transact(p, [&](Project& q) { q.characters.insert(q.characters.begin() + op.index, c); });
        return RemoveCharacter{op.index};
    }
    Operation operator()(const RemoveCharacter& op) {
        checkIndex(op.index, p.characters.size(), false, "character");
        const Character removed = p.characters[static_cast<std::size_t>(op.index)];
        for (std::size_t i = 0; i < p.shots.size(); ++i)
            for (const auto& m : findMentions(p.shots[i].prompt))
                if (m.name == removed.name)
                    throw Error("@" + removed.name + " is still used by shot " +
                                std::to_string(i + 1) + "; change that prompt first");
        transact(p, [&](Project& q) { q.characters.erase(q.characters.begin() + op.index); });
        return AddCharacter{op.index, removed};
    }
    Operation operator()(const RenameCharacter& op) {
        checkIndex(op.index, p.characters.size(), false, "character");
        const std::string oldName = p.characters[static_cast<std::size_t>(op.index)].name;
        if (!validCharacterName(op.name))
            throw Error("'" + op.name +
                        "' is not a valid character name (a letter, then letters, digits or _)");
        if (op.name != oldName && p.findCharacter(op.name))
            throw Error("a character is already called " + op.name);
        RenameCharacter inverse{op.index, oldName, {}};
        transact(p, [&](Project& q) {
            q.characters[static_cast<std::size_t>(op.index)].name = op.name;
            for (std::size_t i = 0; i < q.shots.size(); ++i) {
                std::string& prompt = q.shots[i].prompt;
                const std::string renamed =
                    op.restorePrompts.empty() ? renameMentions(prompt, oldName, op.name) : prompt;
                if (renamed != prompt) {
                    inverse.restorePrompts.emplace_back(static_cast<int>(i), prompt);
                    prompt = renamed;
                }
            }
            for (const auto& [i, prompt] : op.restorePrompts) {
                checkIndex(i, q.shots.size(), false, "shot");
                std::string& current = q.shots[static_cast<std::size_t>(i)].prompt;
                inverse.restorePrompts.emplace_back(i, current);
                current = prompt;
            }
        });
        return inverse;
    }
    Operation operator()(const EditCharacter& op) {
        checkIndex(op.index, p.characters.size(), false, "character");
        const Character before = p.characters[static_cast<std::size_t>(op.index)];
        if (op.character.name != before.name)
            throw Error("renaming a character goes through RenameCharacter");
        Character after = op.character;
        after.id = before.id;
        transact(p, [&](Project& q) { q.characters[static_cast<std::size_t>(op.index)] = after; });
        return EditCharacter{op.index, before};
    }
    Operation operator()(const SetProjectInfo& op) {
        SetProjectInfo before{p.name, p.canvas, p.settings};
        transact(p, [&](Project& q) {
            q.name = op.name;
            q.canvas = op.canvas;
            q.settings = op.settings;
        });
        return before;
    }
};

}  // namespace

Operation apply(Project& project, const Operation& op) {
    return std::visit(Applier{project}, op);
}

}  // namespace kinora::project
