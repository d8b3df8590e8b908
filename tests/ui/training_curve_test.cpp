// The training-curve reader: runs of stages in log order on one continuous step axis,
// a stage that comes back (training continued after another stage) as its own series.
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include "training_curve.h"
#include "util/error.h"

using kinora::ui::readModelTrainingCurve;
using kinora::ui::readTrainingLog;

class TrainingCurveTest : public QObject {
    Q_OBJECT

    static std::string write(const QTemporaryDir& dir, const char* name, const std::string& text) {
        const std::string path = dir.filePath(name).toStdString();
        std::ofstream(path) << text;
        return path;
    }

private slots:
    void stagesFollowOneAnotherAndAReturningStageIsItsOwnSeries() {
        QTemporaryDir dir;
        std::string log;
        auto rec = [&](const char* stage, int step, double loss) {
            log += std::string("{\"stage\":\"") + stage + "\",\"step\":" + std::to_string(step) +
                   ",\"loss\":" + std::to_string(loss) + ",\"lr\":0.001}\n";
        };
        rec("vae", 10, 0.5);
        rec("vae", 20, 0.4);
        rec("dit", 10, 1.0);
        rec("dit", 20, 0.9);
        log += "\n{\"note\":\"no loss here\"}\n";
        rec("vae_decoder", 10, 0.05);
        rec("dit", 10, 0.2);  // continued later from the shipped model: a new run
        rec("dit", 20, 0.1);
        rec("dit", 10, 0.3);  // the same stage started again (its step counter fell)
        const auto series = readTrainingLog(write(dir, "train.jsonl", log));
        QCOMPARE(series.size(), std::size_t{5});
        QCOMPARE(series[0].name, std::string("vae"));
        QCOMPARE(series[1].name, std::string("dit"));
        QCOMPARE(series[2].name, std::string("vae_decoder"));
        QCOMPARE(series[3].name, std::string("dit (2)"));
        QCOMPARE(series[4].name, std::string("dit (3)"));
        QCOMPARE(series[1].step, (std::vector<double>{30, 40}));
        QCOMPARE(series[2].step, (std::vector<double>{50}));
        QCOMPARE(series[3].step, (std::vector<double>{60, 70}));
        QCOMPARE(series[3].loss, (std::vector<double>{0.2, 0.1}));
        QCOMPARE(series[4].step, (std::vector<double>{80}));
        QCOMPARE(series[0].lr.front(), 0.001);
    }

    void badLogsNameTheFileAndLine() {
        QTemporaryDir dir;
        auto message = [&](const char* name, const std::string& text) {
            try {
                readTrainingLog(write(dir, name, text));
            } catch (const kinora::Error& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        QVERIFY(message("a.jsonl", "{\"step\":1,\"loss\":1}\nnot json\n").find("a.jsonl:2") !=
                std::string::npos);
        QVERIFY(message("b.jsonl", "{\"step\":\"x\",\"loss\":1}\n").find("b.jsonl:1") !=
                std::string::npos);
        QVERIFY(message("c.jsonl", "{\"note\":1}\n").find("no loss records") != std::string::npos);
        QVERIFY(message("missing/d.jsonl", "").find("cannot read") != std::string::npos);
    }

    // A model carries its runs' curves in model.json: one series per run with a curve, on
    // one step axis counting every run (a run without a curve leaves its steps as a gap).
    void aModelsManifestCarriesItsCurves() {
        QTemporaryDir dir;
        const std::string path = write(dir, "model.json", R"({
          "format": "kinora-model",
          "training": {"history": [
            {"stage": "vae", "steps": 100, "curve": [[10, 0.5, 0.001], [100, 0.2, 0.0005]]},
            {"stage": "dit", "steps": 50},
            {"stage": "dit", "steps": 20, "curve": [[10, 1.5, 0.002], [20, 1.25, 0.001]]}
          ]}})");
        const auto series = readModelTrainingCurve(path);
        QCOMPARE(series.size(), std::size_t{2});
        QCOMPARE(series[0].name, std::string("vae"));
        QCOMPARE(series[1].name, std::string("dit (2)"));
        QCOMPARE(series[0].step, (std::vector<double>{10, 100}));
        QCOMPARE(series[1].step, (std::vector<double>{160, 170}));
        QCOMPARE(series[1].loss, (std::vector<double>{1.5, 1.25}));
        QCOMPARE(series[1].lr, (std::vector<double>{0.002, 0.001}));
    }

    void aManifestWithoutCurvesSaysSo() {
        QTemporaryDir dir;
        auto message = [&](const char* text) {
            try {
                readModelTrainingCurve(write(dir, "model.json", text));
            } catch (const kinora::Error& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        QVERIFY(message(R"({"training": {"history": [{"stage": "dit", "steps": 3}]}})")
                    .find("no training curve") != std::string::npos);
        QVERIFY(message(R"({"training": {}})").find("no training history") != std::string::npos);
        QVERIFY(message("not json").find("not a JSON object") != std::string::npos);
        QVERIFY(message(R"({"training": {"history": [{"curve": [[1, 2]]}]}})")
                    .find("history[0].curve") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TrainingCurveTest)
#include "training_curve_test.moc"
