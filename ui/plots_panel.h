#pragma once

#include <QTabWidget>

class QCustomPlot;
class QLabel;

namespace kinora::ui {

class StepPlot;

/// @brief The QCustomPlot panel: how much the prediction changes per denoising step of
/// the running generation, and the loaded model's training curve (the JSON-lines logs
/// its model folder ships next to its model card). GUI thread only.
class PlotsPanel : public QTabWidget {
    Q_OBJECT
public:
    explicit PlotsPanel(QWidget* parent = nullptr);
    StepPlot* stepPlot() const { return m_steps; }
    /// @brief Shows the training logs (`*.jsonl`) of a model folder; a message when none.
    void setModelFolder(const QString& folder);
    /// @brief Loss points drawn on the training tab (tests).
    int trainingPointCount() const;

private:
    StepPlot* m_steps;
    QCustomPlot* m_training;
    QLabel* m_trainingNote;
};

}  // namespace kinora::ui
