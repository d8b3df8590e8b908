#include "plots_panel.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "step_plot.h"
#include "training_curve.h"

namespace kinora::ui {

PlotsPanel::PlotsPanel(QWidget* parent) : QTabWidget(parent) {
    m_steps = new StepPlot;
    addTab(m_steps, tr("Denoising"));
    auto* page = new QWidget;
    auto* column = new QVBoxLayout(page);
    column->setContentsMargins(0, 0, 0, 0);
    m_trainingNote = new QLabel;
    m_trainingNote->setWordWrap(true);
    m_training = new QCustomPlot;
    m_training->setMinimumHeight(140);
    column->addWidget(m_trainingNote);
    column->addWidget(m_training, 1);
    addTab(page, tr("Training"));
}

void PlotsPanel::setModelFolder(const QString& folder) {
    const QDir dir(folder);
    std::vector<TrainingSeries> all;
    QStringList sources, errors;
    QString manifestError;
    // A model carries its curves in its manifest; a training run's folder has its logs.
    const QString manifest = dir.filePath(QStringLiteral("model.json"));
    if (QFileInfo::exists(manifest)) {
        try {
            all = readModelTrainingCurve(manifest.toStdString());
            sources << QStringLiteral("model.json");
        } catch (const std::exception& e) {
            manifestError = QString::fromStdString(e.what());
        }
    }
    const QStringList logs = dir.entryList({QStringLiteral("*.jsonl")}, QDir::Files, QDir::Name);
    for (const QString& name : all.empty() ? logs : QStringList()) {
        try {
            auto series = readTrainingLog(dir.filePath(name).toStdString());
            // Logs of later stages continue the step axis of the earlier ones.
            double offset = all.empty() || all.back().step.empty() ? 0.0 : all.back().step.back();
            for (auto& s : series) {
                for (double& x : s.step) x += offset;
                all.push_back(std::move(s));
            }
            sources << name;
        } catch (const std::exception& e) {
            errors << QString::fromStdString(e.what());
        }
    }
    // A model without curves is worth a word only when nothing else could be drawn.
    if (all.empty() && !manifestError.isEmpty()) errors.prepend(manifestError);
    drawTrainingCurve(*m_training, all);
    m_training->replot();
    if (all.empty())
        m_trainingNote->setText(tr("The model folder %1 has no training log.").arg(folder));
    else
        m_trainingNote->setText(
            tr("Training log of %1: %2").arg(folder, sources.join(QStringLiteral(", "))) +
            (errors.isEmpty() ? QString() : QStringLiteral("\n") + errors.join('\n')));
}

int PlotsPanel::trainingPointCount() const {
    int n = 0;
    for (int i = 0; i < m_training->graphCount(); i += 2) n += m_training->graph(i)->dataCount();
    return n;
}

}  // namespace kinora::ui
