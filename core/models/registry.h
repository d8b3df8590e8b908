#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/memory.h"

namespace kinora {

class VideoModel;

/// @brief What a model family recognised in a folder.
struct DetectedModel {
    std::string family;   ///< the family that recognised it ("kinora", ...)
    std::string variant;  ///< the family's name for what it found
    std::string folder;
    /// Files or parts the family needs that the folder lacks, each a short phrase naming
    /// the file ("model.safetensors (the weights model.json names)").
    std::vector<std::string> missing;
    int64_t diskBytes = 0;    ///< size of its files on disk
    int64_t memoryBytes = 0;  ///< memory a generation at its default canvas needs (estimate)
    bool complete() const { return missing.empty(); }
};

/// @brief One model family: recognises its folders and loads them as a VideoModel. A family
/// lives in its own folder under core/models/ and is listed once in registry.cpp.
class ModelFamily {
public:
    virtual ~ModelFamily() = default;
    virtual std::string name() const = 0;
    /// @brief What this family finds in `folder`: nothing when the folder is not one of
    /// its models; otherwise its variant and what is missing. Reads only small files
    /// (manifests, headers). Throws Error when a file it owns is there but malformed.
    virtual std::optional<DetectedModel> detect(const std::string& folder) const = 0;
    /// @brief Loads a complete model on the CPU. Throws Error.
    virtual std::unique_ptr<VideoModel> load(const std::string& folder) const = 0;
    /// @brief As detect, for a list of files (a family whose models come as loose files,
    /// such as single-file repackagings). `folder` of the result: the first file's folder.
    virtual std::optional<DetectedModel> detectFiles(const std::vector<std::string>& files) const {
        return std::nullopt;
    }
    /// @brief As load, for a list of files detectFiles accepted. Throws Error.
    virtual std::unique_ptr<VideoModel> loadFiles(const std::vector<std::string>& files) const;
    /// @brief The words the model in `folder` knows, for the prompt editor to show them;
    /// empty when it reads any text (a subword tokenizer). Reads no weights.
    virtual std::vector<std::string> knownWords(const std::string& folder) const { return {}; }
    /// @brief What the process should do with freed tensor memory while this family's model
    /// works (util/memory.h); loadVideoModel applies it.
    virtual FreedMemory freedMemory() const { return FreedMemory::KeepForReuse; }
};

/// @brief Every family this build knows, in the order detection tries them.
const std::vector<const ModelFamily*>& modelFamilies();

/// @brief The family and variant of the model at `path`, and what it lacks. `path` is a
/// folder, one file, or several files separated by commas (a model that comes as loose
/// files). Throws Error (ErrorKind::ModelLoad) when a path is missing or no family knows it
/// (the message lists the families tried).
DetectedModel detectModel(const std::string& path);

/// @brief Detects the model at `path` (as detectModel) and loads it on the CPU. Throws
/// Error (ErrorKind::ModelLoad) naming the family and every missing file of an incomplete
/// model, or why its files could not be read.
std::unique_ptr<VideoModel> loadVideoModel(const std::string& path);

/// @brief The files of a model path: `path` split at commas when it is not a folder.
std::vector<std::string> modelPathFiles(const std::string& path);

/// @brief The words the model in `folder` knows (ModelFamily::knownWords); empty when it
/// reads any text, or when no family knows the folder. Never throws.
std::vector<std::string> knownWords(const std::string& folder);

/// @brief The embedded model's folder: $KINORA_MODEL_DIR when set, else the copy beside the
/// program: <prefix>/share/kinora/models/<name> for an installed program (<prefix>/bin),
/// <build>/resources/models/<name> for one run from its build folder. No absolute path of
/// the machine that built it is compiled in. Throws Error (ErrorKind::ModelLoad) naming the
/// places it looked.
std::string embeddedModelDir();

/// @brief The models shipped with Kinora, by name: the default first (kinora-tiny), then its
/// few-step sibling (kinora-tiny-fast, distilled from it: 4 steps without guidance).
std::vector<std::string> embeddedModelNames();

/// @brief A shipped model's folder by name, found as embeddedModelDir() finds the default
/// (only the default follows $KINORA_MODEL_DIR). Throws Error (ErrorKind::ModelLoad) for a
/// name Kinora does not ship, naming those it does, or one not installed beside the program.
std::string embeddedModelDir(const std::string& name);

/// @brief A model path as a user gives it (`--model`, Settings): empty is the default
/// embedded model; the name of a shipped model ("kinora-tiny-fast") that is no folder here
/// is that model's folder; anything else stays as given. Throws as embeddedModelDir().
std::string resolveModelPath(const std::string& path);

}  // namespace kinora
