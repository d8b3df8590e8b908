// Every UI string is translated in every language we ship: lupdate scans the sources
// afresh and each committed .ts file must hold each string, finished and non-empty, with
// the same placeholders. The compiled .qm files are what the studio loads by locale.
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context, source;
    bool numerus = false;
    bool finished = true;
    QStringList translations;
};

QList<Message> readTs(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QXmlStreamReader xml(&f);
    QList<Message> out;
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message{};
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type")).toString();
            m.finished = type.isEmpty();
            if (m.numerus) {
                while (xml.readNextStartElement()) m.translations << xml.readElementText();
            } else {
                m.translations << xml.readElementText();
            }
            out << m;
        }
    }
    return out;
}

QSet<QString> placeholders(const QString& s) {
    QSet<QString> out;
    static const QRegularExpression re(QStringLiteral("%(\\d|n)"));
    for (auto it = re.globalMatch(s); it.hasNext();) out.insert(it.next().captured(0));
    return out;
}

}  // namespace

class TranslationsTest : public QObject {
    Q_OBJECT

private slots:
    void everyStringIsTranslatedInEveryLanguage() {
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("scan.ts"));
        QProcess lupdate;
        lupdate.setWorkingDirectory(QStringLiteral(KINORA_SOURCE_DIR));
        lupdate.start(
            QStringLiteral(KINORA_LUPDATE),
            {QStringLiteral("-silent"), QStringLiteral("-no-obsolete"), QStringLiteral("ui"),
             QStringLiteral("app/gui"), QStringLiteral("-ts"), fresh});
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);
        const QList<Message> sources = readTs(fresh);
        QVERIFY2(sources.size() > 150, qPrintable(QString::number(sources.size())));

        for (const QString& lang :
             {QStringLiteral("de"), QStringLiteral("fr"), QStringLiteral("es"),
              QStringLiteral("ja"), QStringLiteral("zh_CN")}) {
            const QString ts =
                QStringLiteral(KINORA_SOURCE_DIR "/translations/kinora_%1.ts").arg(lang);
            QHash<QString, Message> have;
            for (const Message& m : readTs(ts))
                have.insert(m.context + QLatin1Char('\x1f') + m.source, m);
            QStringList problems;
            for (const Message& s : sources) {
                const auto it = have.constFind(s.context + QLatin1Char('\x1f') + s.source);
                const QString where =
                    QStringLiteral("%1: %2 \"%3\"").arg(lang, s.context, s.source);
                if (it == have.constEnd()) {
                    problems << where + QStringLiteral(" is missing (run translations/update.sh)");
                    continue;
                }
                if (!it->finished) problems << where + QStringLiteral(" is unfinished");
                if (it->translations.isEmpty())
                    problems << where + QStringLiteral(" has no translation");
                for (const QString& t : it->translations) {
                    if (t.trimmed().isEmpty())
                        problems << where + QStringLiteral(" has an empty form");
                    else if (placeholders(t) != placeholders(s.source))
                        problems << where + QStringLiteral(" changes the placeholders: ") + t;
                }
            }
            QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        }
        // English: every plural message has its two forms ("1 shot", "2 shots").
        QHash<QString, Message> english;
        for (const Message& m :
             readTs(QStringLiteral(KINORA_SOURCE_DIR "/translations/kinora_en.ts")))
            english.insert(m.context + QLatin1Char('\x1f') + m.source, m);
        for (const Message& s : sources) {
            if (!s.numerus) continue;
            const auto it = english.constFind(s.context + QLatin1Char('\x1f') + s.source);
            QVERIFY2(it != english.constEnd() && it->finished && it->translations.size() == 2,
                     qPrintable(QStringLiteral("en: \"%1\" needs its plural forms").arg(s.source)));
        }
    }

    void theCompiledTranslationsAreChosenByLocale() {
        const QDir qm(QStringLiteral(KINORA_QM_DIR));
        const struct {
            const char* locale;
            const char* expected;
        } cases[] = {{"de_DE", "Einstellung hinzufügen"},
                     {"fr_FR", "Ajouter un plan"},
                     {"es_ES", "Añadir plano"},
                     {"ja_JP", "ショットを追加"},
                     {"zh_CN", "添加镜头"}};
        for (const auto& c : cases) {
            QTranslator t;
            QVERIFY2(t.load(QLocale(QString::fromLatin1(c.locale)), QStringLiteral("kinora"),
                            QStringLiteral("_"), qm.absolutePath()),
                     c.locale);
            QCOMPARE(t.translate("kinora::ui::MainWindow", "Add shot"),
                     QString::fromUtf8(c.expected));
        }
        // English carries the plural forms only: "1 character", "2 characters".
        QTranslator en;
        QVERIFY(en.load(QLocale(QStringLiteral("en_GB")), QStringLiteral("kinora"),
                        QStringLiteral("_"), qm.absolutePath()));
        QCOMPARE(en.translate("kinora::ui::MainWindow", "%n characters", nullptr, 1),
                 QStringLiteral("%n character"));
        QCOMPARE(en.translate("kinora::ui::MainWindow", "%n characters", nullptr, 2),
                 QStringLiteral("%n characters"));
    }
};

QTEST_MAIN(TranslationsTest)
#include "translations_test.moc"
