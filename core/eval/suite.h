#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "world/scene.h"

namespace kinora::eval {

/// @brief One evaluation item: a prompt, the scene it asks for, and the mode.
struct SuiteItem {
    std::string id;
    std::string prompt;
    world::SceneSpec scene;
    bool imageToVideo = false;  ///< the scene's rendered frame 0 is given as first frame
    uint64_t seed = 0;          ///< generation seed
};

/// @brief Held-out suite: colour/shape/motion/background combinations training never
/// shows (world::isHeldOut), phrased with templates the captioner never writes.
std::vector<SuiteItem> makeHeldOutSuite(int count, uint64_t seed);

/// @brief Reads a suite (JSON lines, one item per line). Errors name the line.
std::vector<SuiteItem> loadSuite(const std::string& path);
nlohmann::json toJson(const SuiteItem& item);

}  // namespace kinora::eval
