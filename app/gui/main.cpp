// kinora: the studio. Thin client of kinora_ui.
#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

#include "main_window.h"
#include "theme.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Kinora"));
    QApplication::setApplicationName(QStringLiteral("Kinora Studio"));
    QApplication::setApplicationVersion(QStringLiteral(KINORA_VERSION));

    // Qt's own strings, then ours, in the user's language.
    QTranslator qtTranslator, appTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (appTranslator.load(QLocale(), QStringLiteral("kinora"), QStringLiteral("_"),
                           QStringLiteral(":/i18n")))
        QApplication::installTranslator(&appTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Kinora Studio: AI video generation"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption modelOption(QStringLiteral("model"),
                                   QStringLiteral("Model folder (default: the embedded model)."),
                                   QStringLiteral("DIR"));
    QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window to a PNG file and exit."),
        QStringLiteral("OUT.png"));
    parser.addOption(modelOption);
    parser.addOption(screenshotOption);
    parser.process(app);

    kinora::ui::applyDarkTheme(app);
    kinora::ui::MainWindow window(parser.value(modelOption));
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString out = parser.value(screenshotOption);
        QTimer::singleShot(300, &window, [&window, out] {
            const bool ok = window.grab().save(out, "PNG");
            if (!ok) std::fprintf(stderr, "kinora: error: cannot write %s\n", qPrintable(out));
            QApplication::exit(ok ? 0 : 2);
        });
    }
    return QApplication::exec();
}
