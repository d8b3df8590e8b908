// Every undo command of the studio: state -> do -> check -> undo -> check -> redo -> check,
// plus saving, Save As with media, and autosave recovery.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include "autosave_helper.h"
#include "project/project.h"
#include "project_document.h"
#include "project_settings_dialog.h"

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

using kinora::ui::ProjectDocument;
namespace project = kinora::project;

namespace {

project::Project sample() {
    project::Project p;
    p.name = "Doc test";
    p.characters.push_back({"char-1", "Pip", "a small yellow star", {}, 11});
    p.characters.push_back({"char-2", "Bo", "a big blue square", {}, 12});
    for (int i = 1; i <= 3; ++i) {
        project::Shot s;
        s.id = "shot-" + std::to_string(i);
        s.prompt =
            i == 1 ? "@Pip bounces on the beach" : "@Bo slides to the right " + std::to_string(i);
        s.seed = 100 + i;
        p.shots.push_back(s);
    }
    return p;
}

std::vector<std::string> shotIds(const project::Project& p) {
    std::vector<std::string> ids;
    for (const auto& s : p.shots) ids.push_back(s.id);
    return ids;
}

}  // namespace

class ProjectDocumentTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    /// A document holding sample(), saved at a temporary path.
    void load(ProjectDocument& doc) {
        const QString path = m_dir.filePath(QStringLiteral("doc-%1.kinora").arg(m_count++));
        project::saveProject(sample(), path.toStdString());
        QVERIFY(doc.open(path));
    }
    int m_count = 0;

    /// The undo contract for one user action.
    void roundTrip(const project::Operation& op,
                   const std::function<void(const project::Project&)>& checkDone) {
        ProjectDocument doc;
        load(doc);
        const project::Project before = doc.project();
        QVERIFY(!doc.isModified());
        QVERIFY(doc.apply(op));
        QVERIFY(doc.isModified());
        QCOMPARE(doc.undoStack()->count(), 1);
        checkDone(doc.project());
        const project::Project done = doc.project();
        doc.undoStack()->undo();
        QVERIFY(doc.project() == before);
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QVERIFY(doc.project() == done);  // generated ids included
        checkDone(doc.project());
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        ProjectDocument::setAutosaveFolder(m_dir.filePath(QStringLiteral("autosave")));
    }

    void addShot() {
        project::Shot s;
        s.prompt = "a red ball falls in a room";
        roundTrip(project::AddShot{1, s}, [](const project::Project& p) {
            QCOMPARE(p.shots.size(), std::size_t(4));
            QCOMPARE(QString::fromStdString(p.shots[1].prompt),
                     QStringLiteral("a red ball falls in a room"));
            QVERIFY(!p.shots[1].id.empty());
        });
    }

    void removeShot() {
        roundTrip(project::RemoveShot{0}, [](const project::Project& p) {
            QCOMPARE(shotIds(p), (std::vector<std::string>{"shot-2", "shot-3"}));
        });
    }

    void moveShot() {
        roundTrip(project::MoveShot{0, 2}, [](const project::Project& p) {
            QCOMPARE(shotIds(p), (std::vector<std::string>{"shot-2", "shot-3", "shot-1"}));
        });
    }

    void editShot() {
        project::Shot s = sample().shots[2];
        s.duration = 33;
        s.mode = project::ShotMode::Loop;
        roundTrip(project::EditShot{2, s}, [](const project::Project& p) {
            QCOMPARE(p.shots[2].duration, 33);
            QVERIFY(p.shots[2].mode == project::ShotMode::Loop);
        });
    }

    void addCharacter() {
        roundTrip(project::AddCharacter{2, {"", "Kit", "a big pink ring", {}, 3}},
                  [](const project::Project& p) {
                      QCOMPARE(p.characters.size(), std::size_t(3));
                      QVERIFY(p.findCharacter("Kit"));
                  });
    }

    void removeCharacterNotMentioned() {
        ProjectDocument doc;
        load(doc);
        QVERIFY(doc.apply(project::AddCharacter{2, {"", "Kit", "a big pink ring", {}, 3}}));
        const project::Project before = doc.project();
        QVERIFY(doc.apply(project::RemoveCharacter{2}));
        QVERIFY(!doc.project().findCharacter("Kit"));
        doc.undoStack()->undo();
        QVERIFY(doc.project() == before);
        doc.undoStack()->redo();
        QVERIFY(!doc.project().findCharacter("Kit"));
    }

    void renameCharacterRewritesMentions() {
        roundTrip(project::RenameCharacter{0, "Pippa", {}}, [](const project::Project& p) {
            QCOMPARE(QString::fromStdString(p.characters[0].name), QStringLiteral("Pippa"));
            QCOMPARE(QString::fromStdString(p.shots[0].prompt),
                     QStringLiteral("@Pippa bounces on the beach"));
        });
    }

    void editCharacter() {
        project::Character c = sample().characters[1];
        c.appearance = "a small white cross";
        roundTrip(project::EditCharacter{1, c}, [](const project::Project& p) {
            QCOMPARE(QString::fromStdString(p.characters[1].appearance),
                     QStringLiteral("a small white cross"));
        });
    }

    void setProjectInfo() {
        project::Canvas canvas{96, 64, 8};
        project::Settings settings;
        settings.steps = 20;
        roundTrip(project::SetProjectInfo{"Renamed", canvas, settings},
                  [](const project::Project& p) {
                      QCOMPARE(QString::fromStdString(p.name), QStringLiteral("Renamed"));
                      QCOMPARE(p.canvas.width, 96);
                      QCOMPARE(p.settings.steps, 20);
                  });
    }

    // The studio's Project settings dialog: shows the project, turns its fields into one
    // SetProjectInfo (undoable in one step), keeps what it does not show, and its lowest
    // values stand for the model's defaults.
    void projectSettingsDialog() {
        project::Project p = sample();
        p.canvas = {64, 64, 8};
        p.settings.model = "models/big";
        p.settings.guidance = 3.5;
        kinora::ui::ProjectSettingsDialog shown(p);
        QCOMPARE(shown.nameEdit()->text(), QStringLiteral("Doc test"));
        QCOMPARE(shown.widthBox()->value(), 64);
        QCOMPARE(shown.guidanceBox()->value(), 3.5);
        QCOMPARE(shown.referenceBox()->specialValueText(), shown.referenceBox()->text());
        const auto unchanged = shown.info();
        QCOMPARE(unchanged.settings.referenceGuidance, -1.0);
        QCOMPARE(unchanged.settings.guidance, 3.5);
        QCOMPARE(QString::fromStdString(unchanged.settings.model), QStringLiteral("models/big"));
        QCOMPARE(unchanged.settings.steps, 0);

        shown.nameEdit()->setText(QStringLiteral("  Harbour at dusk "));
        shown.widthBox()->setValue(96);
        shown.fpsBox()->setValue(24);
        shown.stepsBox()->setValue(20);
        shown.guidanceBox()->setValue(shown.guidanceBox()->minimum());  // the model's default
        shown.referenceBox()->setValue(6.0);
        const auto edit = shown.info();
        roundTrip(edit, [](const project::Project& q) {
            QCOMPARE(QString::fromStdString(q.name), QStringLiteral("Harbour at dusk"));
            QCOMPARE(q.canvas.width, 96);
            QCOMPARE(q.canvas.height, 64);
            QCOMPARE(q.canvas.fps, 24);
            QCOMPARE(q.settings.steps, 20);
            QCOMPARE(q.settings.guidance, -1.0);
            QCOMPARE(q.settings.referenceGuidance, 6.0);
            QCOMPARE(QString::fromStdString(q.settings.model), QStringLiteral("models/big"));
        });
        // An empty name is refused by the document, which stays as it was.
        shown.nameEdit()->setText(QStringLiteral("   "));
        ProjectDocument doc;
        load(doc);
        const project::Project before = doc.project();
        QString error;
        QVERIFY(!doc.apply(shown.info(), {}, &error));
        QVERIFY2(error.contains(QStringLiteral("name")), qPrintable(error));
        QVERIFY(doc.project() == before);
    }

    void invalidEditLeavesNothing() {
        ProjectDocument doc;
        load(doc);
        QSignalSpy errors(&doc, &ProjectDocument::errorOccurred);
        const project::Project before = doc.project();
        QString error;
        // Bo is mentioned by shots 2 and 3: refused, with the reason.
        QVERIFY(!doc.apply(project::RemoveCharacter{1}, {}, &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(errors.count(), 1);
        QVERIFY(!doc.apply(project::RenameCharacter{0, "Bo", {}}));  // taken
        QVERIFY(!doc.apply(project::MoveShot{0, 7}));
        QVERIFY(doc.project() == before);
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(!doc.isModified());
    }

    void typingMergesIntoOneUndoEntry() {
        ProjectDocument doc;
        load(doc);
        const project::Project before = doc.project();
        project::Shot s = doc.project().shots[0];
        for (const char* text : {"a", "a r", "a red", "a red ball"}) {
            s.prompt = text;
            QVERIFY(doc.apply(project::EditShot{0, s}, QStringLiteral("prompt:shot-1")));
        }
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(QString::fromStdString(doc.project().shots[0].prompt),
                 QStringLiteral("a red ball"));
        // Another field is another entry.
        s.duration = 9;
        QVERIFY(doc.apply(project::EditShot{0, s}, QStringLiteral("duration:shot-1")));
        QCOMPARE(doc.undoStack()->count(), 2);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QVERIFY(doc.project() == before);
        doc.undoStack()->redo();
        QCOMPARE(QString::fromStdString(doc.project().shots[0].prompt),
                 QStringLiteral("a red ball"));
        QCOMPARE(doc.project().shots[0].duration, 17);
    }

    void saveKeepsTheFileAndClearsModified() {
        ProjectDocument doc;
        load(doc);
        QVERIFY(doc.apply(project::MoveShot{2, 0}));
        QVERIFY(doc.isModified());
        QVERIFY(doc.save());
        QVERIFY(!doc.isModified());
        const project::Project reread = project::loadProject(doc.path().toStdString());
        QVERIFY(reread == doc.project());
    }

    void openingABadFileChangesNothing() {
        ProjectDocument doc;
        load(doc);
        const project::Project before = doc.project();
        const QString path = doc.path();
        const QString bad = m_dir.filePath(QStringLiteral("bad.kinora"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"kinora-project\", \"version\": 2, \"shots\": [");
        f.close();
        QString error;
        QVERIFY(!doc.open(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("bad.kinora")), qPrintable(error));
        QVERIFY(doc.project() == before);
        QCOMPARE(doc.path(), path);
    }

    void saveAsCopiesTheMedia() {
        ProjectDocument doc;  // untitled: lives in a scratch folder
        QVERIFY(doc.isUntitled());
        const QDir scratch(doc.folder());
        QVERIFY(scratch.mkpath(QStringLiteral("inputs")));
        QImage img(8, 8, QImage::Format_RGB888);
        img.fill(Qt::red);
        QVERIFY(img.save(scratch.filePath(QStringLiteral("inputs/first.png"))));
        project::Shot s;
        s.mode = project::ShotMode::ImageToVideo;
        s.inputs.firstImage = "inputs/first.png";
        QVERIFY(doc.apply(project::AddShot{0, s}));
        const QString target = m_dir.filePath(QStringLiteral("saved/film.kinora"));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("saved"))));
        QVERIFY(doc.saveAs(target));
        QVERIFY(!doc.isUntitled());
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("saved/inputs/first.png"))));
        QVERIFY(!scratch.exists());  // the scratch folder went once its media were copied
        QVERIFY(project::loadProject(target.toStdString()) == doc.project());
    }

    void autosaveIsRestoredAfterACrash() {
        ProjectDocument doc;
        load(doc);
        const QString path = doc.path();
        project::Shot s = doc.project().shots[1];
        s.prompt = "@Bo falls at night";
        QVERIFY(doc.apply(project::EditShot{1, s}));
        QVERIFY(doc.writeAutosave());
        QVERIFY(QFile::exists(doc.autosavePath()));
        // The project file itself is untouched until the user saves.
        QCOMPARE(QString::fromStdString(project::loadProject(path.toStdString()).shots[1].prompt),
                 QString::fromStdString(sample().shots[1].prompt));
        // Our own autosave is not "left over" while we run...
        QVERIFY(!ProjectDocument::leftoverAutosaves().contains(doc.autosavePath()));
        // ...but one whose studio is gone is: rewrite its description as another process's.
        QVERIFY(kinora::test::orphanAutosave(doc.autosavePath()));
        const QStringList leftovers = ProjectDocument::leftoverAutosaves();
        QCOMPARE(leftovers.size(), 1);

        ProjectDocument fresh;
        QVERIFY(fresh.restoreAutosave(leftovers.first()));
        QCOMPARE(fresh.path(), path);
        QVERIFY(fresh.isModified());
        QCOMPARE(QString::fromStdString(fresh.project().shots[1].prompt),
                 QStringLiteral("@Bo falls at night"));
        QVERIFY(ProjectDocument::leftoverAutosaves().isEmpty());
        QVERIFY(fresh.save());
        QVERIFY(!fresh.isModified());
    }
};

QTEST_MAIN(ProjectDocumentTest)
#include "project_document_test.moc"
