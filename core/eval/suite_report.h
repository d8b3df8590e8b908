#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/analyser.h"
#include "eval/suite.h"

namespace kinora {
class Engine;
}

namespace kinora::eval {

/// The analyser's dimensions, in the order reports list them.
inline constexpr const char* kScoreDimensions[] = {"colour",      "shape", "size",   "motion",
                                                   "background",  "count", "camera", "permanence",
                                                   "consistency", "clean"};

/// @brief A clip's scores by dimension name (unset where the analyser did not score it).
std::map<std::string, std::optional<double>> scoresByName(const ClipScores& scores);

/// @brief What the analyser read for each intended value: where a score is lost, e.g. stars
/// drawn as blobs that read as circles, or falls that never come to rest and read as moving
/// down. toJson(): {intended: {"n", "accuracy", "read_as": {read: count}}}.
class Confusion {
public:
    void add(const std::string& intended, const std::string& read) { ++m_counts[intended][read]; }
    nlohmann::json toJson() const;

private:
    std::map<std::string, std::map<std::string, int>> m_counts;
};

/// @brief The shape and motion confusions of every character, and the camera's of every clip.
struct Confusions {
    Confusion shape, motion, camera;
    void add(const world::SceneSpec& scene, const ClipScores& scores);
    /// Adds "shape_confusion", "motion_confusion" and "camera_confusion" to `report`.
    void addTo(nlohmann::json& report) const;
};

/// @brief How a suite is generated: unset settings take the model's defaults.
struct SuiteRunOptions {
    std::optional<int> steps;
    std::optional<double> guidance;
    std::optional<double> guidanceSmoothing;
    std::optional<double> referenceGuidance;
    /// Each character's look given as a reference image (the world's still of it, as a
    /// project renders a character without a picture): how well the model keeps a
    /// character it is shown.
    bool withReference = false;
    std::function<void(std::size_t done, std::size_t total)> onItem;
};

/// @brief Generates every item of a held-out suite with `engine` (null: renders the world's
/// own clips, which calibrates the analyser) and scores it. Returns the report: "items",
/// "model", "with_reference", "summary" (mean score per dimension, frame-0 PSNR of
/// image-to-video items, stray pixels, judder and frame change by phase), "counts" (items
/// scored per dimension), "per_item" and the confusions. Throws Error.
nlohmann::json evaluateSuite(const std::vector<SuiteItem>& items, Engine* engine,
                             const SuiteRunOptions& options = {});

/// @brief The ceiling a model's autoencoder sets: every item's world clip encoded and
/// decoded (a decoder that reads captions reads the item's prompt), its PSNR (all frames and
/// frame 0), the analyser's scores on the reconstructions, judder and confusions. The
/// Kinora family only. Throws Error.
nlohmann::json evaluateAutoencoder(const std::string& modelDir,
                                   const std::vector<SuiteItem>& items);

}  // namespace kinora::eval
