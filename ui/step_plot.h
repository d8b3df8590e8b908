#pragma once

#include <QWidget>

class QCustomPlot;

namespace kinora::ui {

/// @brief How much the clean-clip prediction changes at each denoising step: large at
/// first, settling as the clip converges. GUI thread only.
class StepPlot : public QWidget {
    Q_OBJECT
public:
    explicit StepPlot(QWidget* parent = nullptr);
    void reset(int totalSteps);
    void addStep(int step, double change);
    int pointCount() const;

private:
    QCustomPlot* m_plot;
};

}  // namespace kinora::ui
