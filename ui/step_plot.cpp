#include "step_plot.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

namespace kinora::ui {

StepPlot::StepPlot(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumHeight(140);
    m_plot->addGraph();
    m_plot->graph(0)->setPen(QPen(QColor(90, 170, 255), 2));
    m_plot->graph(0)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    m_plot->xAxis->setLabel(tr("step"));
    m_plot->yAxis->setLabel(tr("prediction change"));
    const QColor fg = palette().color(QPalette::Text), bg = palette().color(QPalette::Base);
    m_plot->setBackground(bg);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setBasePen(QPen(fg));
        axis->setTickPen(QPen(fg));
        axis->setSubTickPen(QPen(fg));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
    }
    // Steps are whole numbers: a tick per step (or per 2, 5, 10, ... when there are many).
    QSharedPointer<QCPAxisTickerFixed> steps(new QCPAxisTickerFixed);
    steps->setTickStep(1.0);
    steps->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(steps);
    m_plot->xAxis->setSubTicks(false);
    reset(10);
}

void StepPlot::reset(int totalSteps) {
    m_plot->graph(0)->data()->clear();
    m_plot->xAxis->setRange(0.5, totalSteps + 0.5);
    m_plot->yAxis->setRange(0, 1);
    m_plot->replot();
}

void StepPlot::addStep(int step, double change) {
    if (step <= 1) return;  // no previous prediction to compare with
    m_plot->graph(0)->addData(step, change);
    bool found = false;
    const QCPRange r = m_plot->graph(0)->getValueRange(found);
    if (found) m_plot->yAxis->setRange(0, qMax(1e-3, r.upper * 1.15));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int StepPlot::pointCount() const {
    return m_plot->graph(0)->dataCount();
}

}  // namespace kinora::ui
