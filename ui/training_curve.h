#pragma once

#include <string>
#include <vector>

class QCustomPlot;

namespace kinora::ui {

/// @brief One run of one training stage, on the log's continuous step axis.
struct TrainingSeries {
    std::string name;  ///< the stage ("vae", "dit"); a stage that comes back: "dit (2)"
    std::vector<double> step, loss, lr;
};

/// @brief Reads a training log (JSON lines from `kinora-cli train`, several runs may be
/// appended) into one series per run of a stage, in the order of the log. A run goes on
/// while its stage stays and its step counter rises; each series continues the x axis
/// where the previous one ended. Throws kinora::Error naming the file and line of a bad
/// record, or when there is no loss record at all.
std::vector<TrainingSeries> readTrainingLog(const std::string& logPath);

/// @brief The loss curves a model carries in its manifest (`model.json`:
/// training.history[i].curve, [[step, loss, lr], ...], written by `kinora-cli train`), one
/// series per run, named like readTrainingLog()'s, on one step axis that counts every run
/// of the history (a run without a curve leaves a gap). Throws kinora::Error naming the
/// file when it cannot be read, is malformed, or holds no curve.
std::vector<TrainingSeries> readModelTrainingCurve(const std::string& manifestPath);

/// @brief Draws the series on `plot` (cleared first): loss on a log axis, one curve per
/// series, the learning rate dashed on the right axis.
void drawTrainingCurve(QCustomPlot& plot, const std::vector<TrainingSeries>& series);

/// @brief Draws a training log with QCustomPlot: loss against step on a log axis, one
/// curve per series of readTrainingLog(), the learning rate on the right axis; saved as a
/// PNG. Needs a QApplication (any platform, offscreen included). Throws kinora::Error on an
/// unreadable log or an unwritable image.
void renderTrainingCurve(const std::string& logPath, const std::string& pngPath, int width = 900,
                         int height = 500);

}  // namespace kinora::ui
