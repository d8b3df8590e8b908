#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kinora::train {

/// @brief The loss curve of one training run, small enough to travel in the exported
/// model's manifest (training.history[i].curve): [[step, loss, lr], ...] of the log's
/// records of `stage`, in log order, at most `maxPoints` of them evenly picked (the first
/// and last always kept), numbers to 6 significant digits. An unreadable or empty log gives
/// an empty array; a malformed line is skipped (the log is the trainer's own).
nlohmann::json trainingCurve(const std::string& logPath, const std::string& stage,
                             int maxPoints = 200);

}  // namespace kinora::train
