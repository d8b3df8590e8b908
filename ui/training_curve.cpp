#include "training_curve.h"

#include <algorithm>
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

std::vector<TrainingSeries> readModelTrainingCurve(const std::string& manifestPath) {
    std::ifstream in(manifestPath);
    if (!in) throw Error(manifestPath + ": cannot read the model's manifest");
    const auto j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) throw Error(manifestPath + ": not a JSON object");
    const auto training = j.find("training");
    if (training == j.end() || !training->is_object() || !training->contains("history") ||
        !(*training)["history"].is_array())
        throw Error(manifestPath + ": no training history");
    std::vector<TrainingSeries> series;
    std::map<std::string, int> runsOfStage;
    double offset = 0.0;
    int index = 0;
    for (const auto& run : (*training)["history"]) {
        ++index;
        const std::string where =
            manifestPath + ": training.history[" + std::to_string(index - 1) + "]";
        if (!run.is_object()) throw Error(where + ": not an object");
        const std::string stage = run.value("stage", "train");
        const int n = ++runsOfStage[stage];
        double end = offset;
        if (run.contains("curve")) {
            const auto& curve = run["curve"];
            if (!curve.is_array()) throw Error(where + ".curve: not a list");
            TrainingSeries s{n == 1 ? stage : stage + " (" + std::to_string(n) + ")", {}, {}, {}};
            for (const auto& p : curve) {
                if (!p.is_array() || p.size() != 3 || !p[0].is_number() || !p[1].is_number() ||
                    !p[2].is_number())
                    throw Error(where + ".curve: points are [step, loss, lr]");
                s.step.push_back(offset + p[0].get<double>());
                s.loss.push_back(p[1].get<double>());
                s.lr.push_back(p[2].get<double>());
            }
            if (!s.step.empty()) {
                end = s.step.back();
                series.push_back(std::move(s));
            }
        }
        const auto steps = run.find("steps");
        offset = std::max(
            end, offset + (steps != run.end() && steps->is_number() ? steps->get<double>() : 0.0));
    }
    if (series.empty()) throw Error(manifestPath + ": no training curve");
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
