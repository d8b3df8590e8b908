#include "training_curve.h"

#include <fstream>
#include <map>

#include <qcustomplot.h>
#include <nlohmann/json.hpp>

#include "util/error.h"

namespace kinora::ui {

std::vector<TrainingSeries> readTrainingLog(const std::string& logPath) {
    std::ifstream in(logPath);
    if (!in) throw Error(logPath + ": cannot read the training log");
    std::vector<TrainingSeries> series;
    std::map<std::string, int> runsOfStage;
    int lineNo = 0;
    double offset = 0.0, lastStep = 0.0, lastOwnStep = 0.0;
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
        if (!j.is_object() || !j.contains("step") || !j.contains("loss")) continue;
        if (!j["step"].is_number() || !j["loss"].is_number())
            throw Error(logPath + ":" + std::to_string(lineNo) + ": step and loss must be numbers");
        const std::string stage = j.value("stage", "train");
        const double step = j["step"].get<double>();
        if (series.empty() || stage != lastStage || step <= lastOwnStep) {
            offset = lastStep;
            const int n = ++runsOfStage[stage];
            series.push_back({n == 1 ? stage : stage + " (" + std::to_string(n) + ")", {}, {}, {}});
        }
        lastStage = stage;
        lastOwnStep = step;
        lastStep = offset + step;
        TrainingSeries& s = series.back();
        s.step.push_back(lastStep);
        s.loss.push_back(j["loss"].get<double>());
        s.lr.push_back(j.contains("lr") && j["lr"].is_number() ? j["lr"].get<double>() : 0.0);
    }
    if (series.empty()) throw Error(logPath + ": no loss records");
    return series;
}

void drawTrainingCurve(QCustomPlot& plot, const std::vector<TrainingSeries>& stages) {
    plot.clearGraphs();
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(QObject::tr("step"));
    plot.yAxis->setLabel(QObject::tr("loss"));
    plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot.yAxis2->setVisible(true);
    plot.yAxis2->setLabel(QObject::tr("learning rate"));
    const QColor colours[] = {QColor(40, 110, 220), QColor(220, 80, 40), QColor(40, 160, 80),
                              QColor(150, 60, 200)};
    int k = 0;
    auto vec = [](const std::vector<double>& v) { return QVector<double>(v.begin(), v.end()); };
    for (const auto& s : stages) {
        const auto& name = s.name;
        QCPGraph* g = plot.addGraph();
        g->setName(QString::fromStdString(name) + QStringLiteral(" loss"));
        g->setPen(QPen(colours[k % 4], 2));
        g->setData(vec(s.step), vec(s.loss), true);
        QCPGraph* lr = plot.addGraph(plot.xAxis, plot.yAxis2);
        lr->setName(QString::fromStdString(name) + QStringLiteral(" lr"));
        lr->setPen(QPen(colours[k % 4], 1, Qt::DashLine));
        lr->setData(vec(s.step), vec(s.lr), true);
        ++k;
    }
    plot.rescaleAxes();
}

void renderTrainingCurve(const std::string& logPath, const std::string& pngPath, int width,
                         int height) {
    const std::vector<TrainingSeries> stages = readTrainingLog(logPath);
    QCustomPlot plot;
    plot.resize(width, height);
    drawTrainingCurve(plot, stages);
    if (!plot.savePng(QString::fromStdString(pngPath), width, height))
        throw Error(pngPath + ": cannot write the plot");
}

}  // namespace kinora::ui
