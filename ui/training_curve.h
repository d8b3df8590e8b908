#pragma once

#include <string>

namespace kinora::ui {

/// @brief Draws a training log (JSON lines from `kinora-cli train`) with QCustomPlot:
/// loss against step on a log axis, one curve per stage, the learning rate on the right
/// axis; saved as a PNG. Needs a QApplication (any platform, offscreen included).
/// Throws kinora::Error on an unreadable log or an unwritable image.
void renderTrainingCurve(const std::string& logPath, const std::string& pngPath, int width = 900,
                         int height = 500);

}  // namespace kinora::ui
