#include "training_curve.h"

#include <fstream>
#include <map>

#include <qcustomplot.h>
#include <nlohmann/json.hpp>

#include "util/error.h"

namespace kinora::ui {

void renderTrainingCurve(const std::string& logPath, const std::string& pngPath, int width,
                         int height) {
    std::ifstream in(logPath);
    if (!in) throw Error(logPath + ": cannot read the training log");
    struct Series {
        QVector<double> step, loss, lr;
    };
    std::map<std::string, Series> stages;
    int lineNo = 0;
    double offset = 0.0, lastStep = 0.0;
    std::string lastStage;
    for (std::string line; std::getline(in, line);) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::exception&) {
            throw Error(logPath + ":" + std::to_string(lineNo) + ": not a JSON record");
        }
        if (!j.contains("step") || !j.contains("loss")) continue;
        const std::string stage = j.value("stage", "train");
        // Stages after the first continue the x axis where the previous one ended.
        if (!lastStage.empty() && stage != lastStage && stages.count(stage) == 0) offset = lastStep;
        lastStage = stage;
        Series& s = stages[stage];
        lastStep = offset + j["step"].get<double>();
        s.step.push_back(lastStep);
        s.loss.push_back(j["loss"].get<double>());
        s.lr.push_back(j.value("lr", 0.0));
    }
    if (stages.empty()) throw Error(logPath + ": no loss records");

    QCustomPlot plot;
    plot.resize(width, height);
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(QStringLiteral("step"));
    plot.yAxis->setLabel(QStringLiteral("loss"));
    plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot.yAxis2->setVisible(true);
    plot.yAxis2->setLabel(QStringLiteral("learning rate"));
    const QColor colours[] = {QColor(40, 110, 220), QColor(220, 80, 40), QColor(40, 160, 80)};
    int k = 0;
    for (const auto& [name, s] : stages) {
        QCPGraph* g = plot.addGraph();
        g->setName(QString::fromStdString(name) + QStringLiteral(" loss"));
        g->setPen(QPen(colours[k % 3], 2));
        g->setData(s.step, s.loss, true);
        QCPGraph* lr = plot.addGraph(plot.xAxis, plot.yAxis2);
        lr->setName(QString::fromStdString(name) + QStringLiteral(" lr"));
        lr->setPen(QPen(colours[k % 3], 1, Qt::DashLine));
        lr->setData(s.step, s.lr, true);
        ++k;
    }
    plot.rescaleAxes();
    if (!plot.savePng(QString::fromStdString(pngPath), width, height))
        throw Error(pngPath + ": cannot write the plot");
}

}  // namespace kinora::ui
