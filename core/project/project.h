#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kinora::project {

/// The version this build writes. Older versions load through frozen migrations
/// (project_migrations.cpp); newer ones are refused.
constexpr int kProjectVersion = 3;

/// @brief How a shot is made. Every mode is served by the one model (ARCHITECTURE).
enum class ShotMode {
    TextToVideo,     ///< prompt only
    ImageToVideo,    ///< inputs.firstImage is the first frame
    ExtendForward,   ///< continues the previous shot's selected take
    ExtendBackward,  ///< leads into the next shot's selected take
    Connect,         ///< inputs.firstImage and inputs.lastImage are both ends
    Loop,            ///< inputs.firstImage (or the text) opens and closes the shot
};
const char* name(ShotMode mode);
/// @brief "text-to-video", "image-to-video", ...; throws Error otherwise.
ShotMode parseShotMode(const std::string& s);

struct Canvas {
    int width = 64;
    int height = 64;
    int fps = 8;
};

/// @brief A persistent character: `@Name` in a prompt expands to its appearance, and its
/// reference pictures condition every shot that names it on models that take them.
struct Character {
    std::string id;          ///< stable within the project ("char-1")
    std::string name;        ///< "Pip": a letter, then letters, digits, '_' (max 32)
    std::string appearance;  ///< in world words: "a small yellow star"
    /// 0..3 pictures of it, relative to the project folder (the embedded model uses the
    /// first; Wan VACE models all of them, for every character a shot names).
    std::vector<std::string> referenceImages;
    uint64_t seed = 0;  ///< seed of its rendered reference when no image is given
};

/// @brief A LoRA file applied to a Wan model's denoiser, and how strongly.
struct LoraUse {
    LoraUse() = default;
    LoraUse(std::string f, double s = 1.0, std::string e = {})
        : file(std::move(f)), strength(s), expert(std::move(e)) {}
    std::string file;  ///< absolute, or relative to the project folder
    double strength = 1.0;
    std::string expert;  ///< "high" or "low": one expert of a Wan 2.2 A14B model; "": all
};

/// @brief One generated version of a shot, with everything needed to make it again.
struct Take {
    std::string id;      ///< "take-1"
    std::string file;    ///< playable clip (MP4 when FFmpeg is built in), relative
    std::string frames;  ///< lossless PNG sequence pattern ("…/%04d.png"), relative
    int frameCount = 0;
    int width = 0, height = 0, fps = 0;
    uint64_t seed = 0;
    int steps = 0;
    double guidance = 0.0;
    double referenceGuidance = 0.0;  ///< as used (0 without character references)
    std::string mode;                ///< ShotMode name
    std::string expandedPrompt;      ///< the prompt after @Name expansion
    std::string model;               ///< model name
    std::string createdAt;           ///< ISO 8601 UTC
    std::string generator;           ///< "Kinora Studio <version>"
    uint32_t watermarkId = 0;        ///< the id of the invisible watermark in its frames (0: none)
};

struct ShotInputs {
    std::string firstImage;  ///< relative to the project folder
    std::string lastImage;
};

struct Shot {
    std::string id;  ///< "shot-1"
    std::string prompt;
    std::string negativePrompt;
    int duration = 17;  ///< frames at the project's fps (exact; never seconds)
    uint64_t seed = 0;
    /// Generating again keeps `seed` (the same take again); unlocked, a shot that has takes
    /// draws a new seed for each new take (a variation).
    bool seedLocked = false;
    ShotMode mode = ShotMode::TextToVideo;
    ShotInputs inputs;
    bool continuous = false;     ///< continues the previous shot's last frames
    std::vector<LoraUse> loras;  ///< added to the project's for this shot
    std::vector<Take> takes;
    std::string selectedTake;  ///< id of a take, or empty

    const Take* selected() const;
};

struct Settings {
    int steps = 0;           ///< 0: the model's default
    double guidance = -1.0;  ///< < 0: the model's default
    /// How much harder shots follow their characters' references (GenerationRequest::
    /// referenceGuidance), 0..20; < 0: the model's default.
    double referenceGuidance = -1.0;
    std::string model;           ///< folder of a model; empty: the embedded one
    std::vector<LoraUse> loras;  ///< LoRA files on every shot (Wan models)
    /// How first and last images of another shape meet the canvas: "crop" (fill, cut the
    /// overflow) or "bars" (whole; a Wan VACE model paints the margins).
    std::string imageFit = "crop";
    std::string mediaFolder = "media";  ///< takes live here, relative to the project
};

struct Project {
    std::string name = "Untitled";
    Canvas canvas;
    std::vector<Character> characters;
    std::vector<Shot> shots;
    Settings settings;

    /// Top-level fields this version does not know (written by a newer one): kept as they
    /// were and written back on save, so a round trip loses nothing.
    nlohmann::json unknownFields = nlohmann::json::object();

    const Character* findCharacter(const std::string& name) const;
    int shotIndex(const std::string& shotId) const;  ///< -1 when absent
    /// @brief A fresh id with `prefix` ("shot", "char", "take") unused in the project.
    std::string newId(const std::string& prefix) const;
};

/// Equality of everything that is saved (compared through the JSON form).
bool operator==(const Character& a, const Character& b);
bool operator==(const Take& a, const Take& b);
bool operator==(const Shot& a, const Shot& b);
bool operator==(const Project& a, const Project& b);
inline bool operator!=(const Project& a, const Project& b) {
    return !(a == b);
}

/// @brief Limits a document must respect (absurd sizes are refused, not attempted).
struct Limits {
    static constexpr int kMaxCanvas = 1024;
    static constexpr int kMaxFps = 120;
    static constexpr int kMaxShots = 1000;
    static constexpr int kMaxCharacters = 100;
    static constexpr int kMaxShotFrames = 120 * 60 * 10;  ///< ten minutes at 120 fps
    static constexpr std::size_t kMaxPromptBytes = 2000;
    static constexpr std::size_t kMaxFileBytes = 64u << 20;
    static constexpr std::size_t kMaxCharacterReferences = 3;
    static constexpr std::size_t kMaxLoras = 8;
};

/// @brief True when `id` is a plain name, usable as a folder name: 1 to 64 letters, digits,
/// '-', '_' or '.', not starting with '.'. Ids of shots, takes and characters must be.
bool validId(const std::string& id);

/// @brief True when `name` is a valid character name.
bool validCharacterName(const std::string& name);

/// @brief Checks every field; throws Error naming the place ("shots[3].duration: must be
/// positive").
void validate(const Project& project);

nlohmann::json toJson(const Project& project);
nlohmann::json toJson(const Character& character);
nlohmann::json toJson(const Shot& shot);
nlohmann::json toJson(const Take& take);
/// @brief Parses a document of any supported version (migrating it), then validates it.
Project fromJson(nlohmann::json document);

/// @brief Reads a .kinora file. Throws Error naming the file and the place; never writes.
Project loadProject(const std::string& path);
/// @brief Validates, then writes atomically (temp file, fsync, rename).
void saveProject(const Project& project, const std::string& path);

}  // namespace kinora::project
