// kinora: the studio. Thin client of kinora_ui.
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

#include "latency_probe.h"
#include "main_window.h"
#include "project/project.h"
#include "project_document.h"
#include "theme.h"
#include "util/memory.h"

namespace {

// --measure-latency: generate the first shot (or a default one) while a probe measures
// how late the GUI thread's timers run; write the report as JSON and quit.
void measureLatency(kinora::ui::MainWindow& window, const QString& out) {
    auto* probe = new kinora::ui::LatencyProbe(10, &window);
    auto* doc = window.document();
    if (doc->project().shots.empty()) {
        kinora::project::Shot shot;
        shot.prompt = "a big red ball bounces on the grass";
        shot.seed = 7;
        doc->apply(kinora::project::AddShot{0, shot});
    }
    QObject::connect(&window, &kinora::ui::MainWindow::queueFinished, &window, [probe, out] {
        probe->stop();
        QJsonObject report = probe->report();
        report[QStringLiteral("what")] =
            QStringLiteral("GUI event loop lateness while the studio generated one shot");
        QFile f(out);
        const bool ok = f.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                        f.write(QJsonDocument(report).toJson()) > 0;
        std::printf("%s", QJsonDocument(report).toJson().constData());
        if (!ok) std::fprintf(stderr, "kinora: error: cannot write %s\n", qPrintable(out));
        QApplication::exit(ok ? 0 : 2);
    });
    probe->start();
    window.generateShots({QString::fromStdString(doc->project().shots.front().id)});
}

}  // namespace

int main(int argc, char** argv) {
    kinora::keepFreedMemoryForReuse();  // before Qt's and torch's threads start
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Kinora"));
    QApplication::setApplicationName(QStringLiteral("Kinora Studio"));
    QApplication::setApplicationVersion(QStringLiteral(KINORA_VERSION));

    // Qt's own strings, then ours, in the user's language.
    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    // A language we do not ship gets the English plural forms ("1 shot", not "1 shots").
    if (appTranslator.load(QLocale(), QStringLiteral("kinora"), QStringLiteral("_"),
                           QStringLiteral(":/i18n")) ||
        appTranslator.load(QStringLiteral("kinora_en"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kinora Studio: AI video generation"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"),
                                 QStringLiteral("A .kinora project to open."),
                                 QStringLiteral("[PROJECT.kinora]"));
    QCommandLineOption modelOption(QStringLiteral("model"),
                                   QStringLiteral("Model folder (default: the embedded model)."),
                                   QStringLiteral("DIR"));
    QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window (with PROJECT) to a PNG file and exit."),
        QStringLiteral("OUT.png"));
    QCommandLineOption latencyOption(
        QStringLiteral("measure-latency"),
        QStringLiteral("Generate the first shot while measuring the event loop's latency; "
                       "write the report (JSON) and exit."),
        QStringLiteral("OUT.json"));
    parser.addOption(modelOption);
    parser.addOption(screenshotOption);
    QCommandLineOption generatingOption(
        QStringLiteral("screenshot-generating"),
        QStringLiteral("With --screenshot: generate the first shot and take the picture at its "
                       "second step (then cancel)."));
    parser.addOption(generatingOption);
    parser.addOption(latencyOption);
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "kinora: error: one project at a time\n");
        return 2;
    }

    kinora::ui::applyDarkTheme(app);
    kinora::ui::MainWindow window(parser.value(modelOption));
    const bool scripted = parser.isSet(screenshotOption) || parser.isSet(latencyOption);
    if (!positional.isEmpty() && !window.openProject(positional.first())) {
        if (scripted) {
            std::fprintf(stderr, "kinora: error: %s\n", qPrintable(window.statusText()));
            return 2;
        }
    }
    window.show();
    if (!scripted && positional.isEmpty())
        QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });

    if (parser.isSet(screenshotOption)) {
        const QString out = parser.value(screenshotOption);
        auto shoot = [&window, out] {
            const bool ok = window.saveScreenshot(out);
            if (!ok) std::fprintf(stderr, "kinora: error: cannot write %s\n", qPrintable(out));
            window.cancel();
            QApplication::exit(ok ? 0 : 2);
        };
        if (parser.isSet(generatingOption)) {
            // Generate the first shot; the picture is taken once its second step is shown.
            QTimer::singleShot(500, &window, [&window] {
                const auto& shots = window.document()->project().shots;
                if (!shots.empty())
                    window.generateShots({QString::fromStdString(shots.front().id)});
            });
            auto* poll = new QTimer(&window);
            QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, shoot] {
                for (const auto& job : window.jobs())
                    if (job.state == kinora::ui::QueueEntry::State::Running && job.step >= 2) {
                        poll->stop();
                        QTimer::singleShot(200, &window, shoot);  // the preview paints
                    }
                if (!window.isGenerating() && !window.jobs().isEmpty() && poll->isActive()) {
                    poll->stop();
                    shoot();  // it ended (an error shows in the window)
                }
            });
            poll->start(50);
        } else {
            QTimer::singleShot(500, &window, shoot);
        }
    }
    if (parser.isSet(latencyOption)) {
        const QString out = parser.value(latencyOption);
        QTimer::singleShot(0, &window, [&window, out] { measureLatency(window, out); });
    }
    const int rc = QApplication::exec();
    return rc;
}
