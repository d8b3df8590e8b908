// The studio as filmmakers use it (issue 38): transport keys that never start work,
// a window that fits a small screen, projects saved side by side, variations, a visible
// queue, and messages that stay true.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUndoStack>

#include "autosave_helper.h"
#include "characters_panel.h"
#include "export_dialog.h"
#include "job_queue.h"
#include "main_window.h"
#include "pipeline/engine.h"
#include "preview_view.h"
#include "project/files.h"
#include "project/project.h"
#include "project_document.h"
#include "prompt_editor.h"
#include "sample_copy.h"
#include "settings_dialog.h"
#include "shot_inspector.h"
#include "storyboard_model.h"
#include "storyboard_view.h"
#include "test_model.h"
#include "timeline_view.h"

using namespace kinora::ui;
namespace project = kinora::project;

class StudioHabitsTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString modelDir() const { return QString::fromStdString(kinora::test::testModelDir()); }

    kinora::test::SampleCopies m_samples;
    QString sampleCopy() { return m_samples.next(); }

    static void activate(MainWindow& w) {
        w.show();
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
    }

    static void setPrompt(MainWindow& w, int index, const std::string& prompt) {
        project::Shot s = w.document()->project().shots[std::size_t(index)];
        s.prompt = prompt;
        QVERIFY(w.document()->apply(project::EditShot{index, s}));
    }

    static void setSteps(MainWindow& w, int steps) {
        const auto& p = w.document()->project();
        project::SetProjectInfo info{p.name, p.canvas, p.settings};
        info.settings.steps = steps;
        QVERIFY(w.document()->apply(info));
    }

    static void generateAndWait(MainWindow& w, const QStringList& ids) {
        QSignalSpy done(&w, &MainWindow::queueFinished);
        w.generateShots(ids);
        QVERIFY2(w.isGenerating(), qPrintable(w.statusText()));
        QVERIFY(done.wait(120000));
    }

    static QByteArray takeBytes(MainWindow& w, const project::Take& take) {
        QFile f(QDir(w.document()->folder())
                    .filePath(QString::fromStdString(take.frames)
                                  .replace(QStringLiteral("%04d"), QStringLiteral("0005"))));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private slots:
    void initTestCase() {
        // As the studio starts in English: with the English plural forms.
        static QTranslator english;
        QVERIFY(english.load(QStringLiteral("kinora_en"), QStringLiteral(KINORA_QM_DIR)));
        QApplication::installTranslator(&english);
        QStandardPaths::setTestModeEnabled(true);
        ProjectDocument::setAutosaveFolder(m_dir.filePath(QStringLiteral("autosave")));
    }

    // 1. Space after clicking Generate plays the cut; it never starts another generation.
    void spaceAfterGenerateIsATransportKey() {
        MainWindow w(modelDir());
        activate(w);
        QVERIFY(w.openProject(sampleCopy()));
        setSteps(w, 400);  // long enough to press keys while it runs
        w.storyboard()->selectShotIds({QStringLiteral("shot-1")});
        // The cut was playing: a generation stops it (the preview shows the job).
        w.timeline()->view()->play();
        QTest::mouseClick(w.inspector()->generateButton(), Qt::LeftButton);
        QVERIFY(w.isGenerating());
        QVERIFY(!w.timeline()->view()->isPlaying());
        QVERIFY(QApplication::focusWidget() != w.inspector()->generateButton());
        TimelineView* t = w.timeline()->view();
        QWidget* focus = QApplication::focusWidget() ? QApplication::focusWidget() : &w;
        QTest::keyClick(focus, Qt::Key_Space);
        QVERIFY(t->isPlaying());
        QCOMPARE(w.jobs().size(), 1);
        // J / K / L: backward, pause, forward (again: faster).
        QTest::keyClick(focus, Qt::Key_L);  // playing forward already: faster
        QCOMPARE(t->rate(), 2);
        QTest::keyClick(focus, Qt::Key_L);
        QCOMPARE(t->rate(), 4);
        QTest::keyClick(focus, Qt::Key_J);
        QCOMPARE(t->rate(), -1);
        QTest::keyClick(focus, Qt::Key_K);
        QVERIFY(!t->isPlaying());
        QCOMPARE(w.jobs().size(), 1);
        // In a text field Space is a space.
        w.inspector()->promptEditor()->setFocus();
        const QString before = w.inspector()->promptEditor()->toPlainText();
        QTest::keyClick(w.inspector()->promptEditor(), Qt::Key_End, Qt::ControlModifier);
        QTest::keyClick(w.inspector()->promptEditor(), Qt::Key_Space);
        QCOMPARE(w.inspector()->promptEditor()->toPlainText(), before + QLatin1Char(' '));
        QVERIFY(!t->isPlaying());
        QSignalSpy ended(&w, &MainWindow::jobEnded);
        w.cancel();
        QVERIFY(ended.wait(60000));
        QCOMPARE(w.jobs().size(), 1);
    }

    // 2. The window fits 1280x720 and 1366x768 screens, before and while generating.
    void fitsSmallScreens() {
        for (const QSize screen : {QSize(1280, 720), QSize(1366, 768)}) {
            MainWindow w(modelDir());
            w.show();
            QVERIFY(w.openProject(sampleCopy()));
            // A window manager's title bar and a panel take about 60 lines.
            const QSize available(screen.width(), screen.height() - 60);
            QVERIFY2(w.minimumSizeHint().height() <= available.height() &&
                         w.minimumSizeHint().width() <= available.width(),
                     qPrintable(QStringLiteral("%1x%2")
                                    .arg(w.minimumSizeHint().width())
                                    .arg(w.minimumSizeHint().height())));
            w.resize(available);
            QTest::qWait(50);
            QCOMPARE(w.size(), available);
            setSteps(w, 400);
            w.generateShots({QStringLiteral("shot-1")});
            QTRY_VERIFY_WITH_TIMEOUT(
                !w.stepText().isEmpty() && w.stepText() != QueuePanel::tr("starting"), 60000);
            QTest::qWait(50);
            QCOMPARE(w.size(), available);  // starting a generation does not grow it
            // The transport row sits below the preview, not on it.
            auto* cancel = w.findChild<QProgressBar*>();
            QVERIFY(cancel != nullptr);
            const QRect preview(w.preview()->mapTo(&w, QPoint(0, 0)), w.preview()->size());
            const QRect bar(cancel->mapTo(&w, QPoint(0, 0)), cancel->size());
            QVERIFY(!preview.intersects(bar));
            QVERIFY(preview.height() >= 100);
            QSignalSpy ended(&w, &MainWindow::jobEnded);
            w.cancel();
            QVERIFY(ended.wait(60000));
        }
    }

    // 3. Two new projects saved into one folder each keep their own media folder, and undo
    // after the save still finds the takes.
    void newProjectsSaveSideBySide() {
        const QString folder = m_dir.filePath(QStringLiteral("side"));
        QDir().mkpath(folder);
        MainWindow w(modelDir());
        // While a job writes its take, the project does not move.
        setSteps(w, 400);
        w.generateShots({QStringLiteral("shot-1")});
        QVERIFY(w.isGenerating());
        QVERIFY(!w.saveAs());
        QVERIFY(w.statusText().contains(QStringLiteral("Save As waits")));
        QSignalSpy ended(&w, &MainWindow::jobEnded);
        w.cancel();
        QVERIFY(ended.wait(60000));
        w.setUnsavedPrompt([](const QString&) { return QMessageBox::Discard; });
        for (const QString& name : {QStringLiteral("first"), QStringLiteral("second")}) {
            w.newProject();
            generateAndWait(w, {QStringLiteral("shot-1")});
            const QString path = folder + QLatin1Char('/') + name + QStringLiteral(".kinora");
            QString error;
            QVERIFY2(w.document()->saveAs(path, &error), qPrintable(error));
            const auto& p = w.document()->project();
            QCOMPARE(QString::fromStdString(p.settings.mediaFolder),
                     name + QStringLiteral(".media"));
            const auto& take = p.shots[0].takes[0];
            QVERIFY(QString::fromStdString(take.file).startsWith(name + QStringLiteral(".media/")));
            QVERIFY(QFile::exists(QDir(folder).filePath(QString::fromStdString(take.file))));
            // Undo and redo of the take speak of the files where they are now.
            w.document()->undoStack()->undo();
            QVERIFY(w.document()->project().shots[0].takes.empty());
            w.document()->undoStack()->redo();
            QCOMPARE(w.document()->project().shots[0].takes[0].file, take.file);
            const project::Project loaded = project::loadProject(path.toStdString());
            QCOMPARE(loaded.settings.mediaFolder, name.toStdString() + ".media");
            QVERIFY(w.save());
        }
    }

    // 4. Generating again makes a variation; a locked seed makes the same take; the takes
    // are side by side in the inspector and a click chooses one.
    void generatingAgainMakesAVariation() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        w.storyboard()->selectShotIds({QStringLiteral("shot-1")});
        generateAndWait(w, {QStringLiteral("shot-1")});
        generateAndWait(w, {QStringLiteral("shot-1")});
        auto shot = w.document()->project().shots[0];
        QCOMPARE(shot.takes.size(), std::size_t(2));
        QVERIFY(shot.takes[0].seed != shot.takes[1].seed);
        QVERIFY(takeBytes(w, shot.takes[0]) != takeBytes(w, shot.takes[1]));
        QCOMPARE(shot.seed, shot.takes[1].seed);  // the seed shown is the take's
        // Locked: the same seed, the same frames.
        w.inspector()->seedLockBox()->click();
        QVERIFY(w.document()->project().shots[0].seedLocked);
        generateAndWait(w, {QStringLiteral("shot-1")});
        shot = w.document()->project().shots[0];
        QCOMPARE(shot.takes.size(), std::size_t(3));
        QCOMPARE(shot.takes[2].seed, shot.takes[1].seed);
        QCOMPARE(takeBytes(w, shot.takes[2]), takeBytes(w, shot.takes[1]));
        // The strip: newest first, each with a thumbnail; a click chooses.
        QListWidget* strip = w.inspector()->takeStrip();
        QCOMPARE(strip->count(), 3);
        QVERIFY(!strip->item(2)->icon().isNull());
        QCOMPARE(strip->item(0)->data(Qt::UserRole).toString(), QStringLiteral("take-3"));
        const QRect r = strip->visualItemRect(strip->item(2));
        QTest::mouseClick(strip->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(QString::fromStdString(w.document()->project().shots[0].selectedTake),
                 QStringLiteral("take-1"));
        QCOMPARE(w.document()->project().shots[0].seed, shot.takes[0].seed);
        // The lock is saved with the project.
        QVERIFY(w.save());
        QVERIFY(project::loadProject(w.document()->path().toStdString()).shots[0].seedLocked);
    }

    // 5. Messages go when what they say stops being true; one state drives every view.
    void messagesStayTrue() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        // An unknown name: the error goes once the character exists.
        setPrompt(w, 0, "@Zed bounces on the grass");
        w.generateShots({QStringLiteral("shot-1")});
        QVERIFY(w.statusText().contains(QStringLiteral("@Zed")));
        project::Character zed;
        zed.name = "Zed";
        zed.appearance = "a green ball";
        QString error;
        QVERIFY2(w.document()->apply(project::AddCharacter{2, zed}, {}, &error), qPrintable(error));
        QVERIFY2(!w.statusText().contains(QStringLiteral("@Zed")), qPrintable(w.statusText()));
        // While generating: the caption never says "press Generate" nor another step count
        // than the step line; a cancel leaves no half-denoised frame in the preview.
        setSteps(w, 400);
        w.generateShots({QStringLiteral("shot-2")});
        QVERIFY(!w.preview()->caption().contains(QStringLiteral("Generate")));
        QTRY_VERIFY_WITH_TIMEOUT(w.stepText().contains(QStringLiteral("step 3")), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.preview()->stepFrames().isEmpty(), 60000);
        QVERIFY2(!w.preview()->caption().contains(QStringLiteral("step")),
                 qPrintable(w.preview()->caption()));
        QVERIFY(w.statusText().contains(QStringLiteral("shot 2")));
        QSignalSpy ended(&w, &MainWindow::jobEnded);
        w.cancel();
        QVERIFY(ended.wait(60000));
        QVERIFY(w.statusText().startsWith(QStringLiteral("Cancelled")));
        QVERIFY(w.preview()->stepFrames().isEmpty());
        QVERIFY(!w.preview()->caption().contains(QStringLiteral("denoising")));
        // A new project starts with nothing said about the old one.
        w.setUnsavedPrompt([](const QString&) { return QMessageBox::Discard; });
        w.newProject();
        QVERIFY2(w.statusText().isEmpty(), qPrintable(w.statusText()));
        // The status names a shot by its number now.
        QVERIFY(w.openProject(sampleCopy()));
        generateAndWait(w, {QStringLiteral("shot-2")});
        QVERIFY(w.statusText().startsWith(QStringLiteral("Shot 2: take-1")));
        QVERIFY(w.storyboardModel()->moveShots({QStringLiteral("shot-2")}, 0));
        QVERIFY2(w.statusText().startsWith(QStringLiteral("Shot 1: take-1")),
                 qPrintable(w.statusText()));
    }

    void aModelErrorGoesWhenAModelLoads() {
        MainWindow w;  // no --model: the project's model wins
        const QString path = sampleCopy();
        project::Project p = project::loadProject(path.toStdString());
        p.settings.model = m_dir.filePath(QStringLiteral("no-such-model")).toStdString();
        project::saveProject(p, path.toStdString());
        QVERIFY(w.openProject(path));
        QTRY_VERIFY_WITH_TIMEOUT(w.statusText().contains(QStringLiteral("could not be loaded")),
                                 60000);
        // The project is pointed at a model that loads: the error goes.
        const auto& now = w.document()->project();
        project::SetProjectInfo info{now.name, now.canvas, now.settings};
        info.settings.model = modelDir().toStdString();
        QVERIFY(w.applyProjectSettings(info));
        QTRY_VERIFY_WITH_TIMEOUT(!w.statusText().contains(QStringLiteral("could not be loaded")),
                                 60000);
        generateAndWait(w, {QStringLiteral("shot-1")});
        QVERIFY2(w.statusText().startsWith(QStringLiteral("Shot 1: take-1")),
                 qPrintable(w.statusText()));
    }

    // 6 and 7. Problems are named in the studio's words, before anything runs.
    void problemsAreMarkedBeforeGenerating() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        w.storyboard()->selectShotIds({QStringLiteral("shot-1")});
        // An empty prompt: marked, and not generated.
        setPrompt(w, 0, "  ");
        QVERIFY(w.inspector()->warningText().contains(QStringLiteral("prompt")));
        w.generateShots({QStringLiteral("shot-1")});
        QVERIFY(!w.isGenerating());
        QVERIFY2(w.statusText().contains(QStringLiteral("no prompt")), qPrintable(w.statusText()));
        setPrompt(w, 0, "@Pip bounces on the beach");
        QVERIFY(w.statusText().isEmpty());
        QVERIFY(w.inspector()->warningText().isEmpty());
        // In a batch the others go ahead; the problem is still said.
        setPrompt(w, 0, "");
        w.generateShots({QStringLiteral("shot-1"), QStringLiteral("shot-2")});
        QVERIFY(w.isGenerating());
        QCOMPARE(w.jobs().size(), 1);
        QCOMPARE(w.jobs()[0].shotId, QStringLiteral("shot-2"));
        QVERIFY(w.statusText().contains(QStringLiteral("Shot 1 has no prompt")));
        QSignalSpy batch(&w, &MainWindow::queueFinished);
        QVERIFY(batch.wait(60000));
        setPrompt(w, 0, "@Pip bounces on the beach");
        // A refused word is marked as it is typed.
        setPrompt(w, 0, "@Pip bounces in a pool of blood");
        QVERIFY2(w.inspector()->warningText().contains(QStringLiteral("refused")),
                 qPrintable(w.inspector()->warningText()));
        w.generateShots({QStringLiteral("shot-1")});
        QVERIFY(!w.isGenerating());
        setPrompt(w, 0, "@Pip bounces on the beach");
        // The first shot cannot continue anything: not offered; moved first, it says so.
        QVERIFY(!w.inspector()->continuousBox()->isEnabled());
        project::Shot s2 = w.document()->project().shots[1];
        s2.continuous = true;
        QVERIFY(w.document()->apply(project::EditShot{1, s2}));
        QVERIFY(w.storyboardModel()->moveShots({QStringLiteral("shot-2")}, 0));
        QVERIFY2(w.statusText().contains(QStringLiteral("first shot")), qPrintable(w.statusText()));
        w.storyboard()->selectShotIds({QStringLiteral("shot-2")});
        w.inspector()->setShot(QStringLiteral("shot-2"));
        QVERIFY(w.inspector()->continuousBox()->isEnabled());  // to untick it
        QVERIFY(w.inspector()->warningText().contains(QStringLiteral("first shot")));
        w.generateShots({QStringLiteral("shot-2")});
        QVERIFY(!w.isGenerating());
        QVERIFY(!w.statusText().contains(QStringLiteral("shot-2")));  // never the internal id
        // The engine's words for the command line become the studio's.
        QCOMPARE(MainWindow::inStudioWords(
                     QStringLiteral("shot 2 (shot-2) has no take; render it first")),
                 QStringLiteral("Shot 2 has no take; generate it first"));
        // Settings offers only the devices this build has.
        SettingsDialog dialog(StudioSettings::load());
        bool offersCuda = false;
        for (QComboBox* box : dialog.findChildren<QComboBox*>())
            offersCuda = offersCuda || box->findData(QStringLiteral("cuda")) >= 0;
        QCOMPARE(offersCuda, kinora::cudaDeviceAvailable());
    }

    // 6. Export with shots that have no take: offered to generate them, then it exports
    // what was chosen.
    void exportOffersToGenerateMissingShots() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        ExportChoice choice;
        choice.scope = ExportChoice::Scope::Film;
        choice.format = ExportChoice::Format::PngSequence;
        choice.path = m_dir.filePath(QStringLiteral("film-out/%04d.png"));
        QString asked;
        w.setQuestion([&](const QString& text) {
            asked = text;
            return false;
        });
        w.runExport(choice);
        QVERIFY2(asked.contains(QStringLiteral("(1, 2, 3)")), qPrintable(asked));
        QVERIFY(!asked.contains(QStringLiteral("shot-")));
        QVERIFY(!w.isGenerating());
        QVERIFY(w.statusText().startsWith(QStringLiteral("Nothing was exported")));
        w.setQuestion([](const QString&) { return true; });
        QSignalSpy done(&w, &MainWindow::queueFinished);
        w.runExport(choice);
        QVERIFY(w.isGenerating());
        QVERIFY(done.wait(180000));
        QTRY_VERIFY2_WITH_TIMEOUT(w.statusText().startsWith(QStringLiteral("Exported")),
                                  qPrintable(w.statusText()), 60000);
        // The whole cut: three shots of 17 frames.
        QCOMPARE(QDir(m_dir.filePath(QStringLiteral("film-out")))
                     .entryList({QStringLiteral("*.png")}, QDir::Files)
                     .size(),
                 51);
    }

    // The export dialog offers what applies, and keeps a typed destination.
    void exportDialogOffersWhatApplies() {
        ExportDialog none(QStringLiteral("/tmp/film"), false);
        QVERIFY(!none.offers(ExportChoice::Scope::SelectedShot));
        QVERIFY(!none.timelineOptionsEnabled());  // the whole cut as a video
        ExportDialog d(QStringLiteral("/tmp/film"), true);
        QVERIFY(d.offers(ExportChoice::Scope::SelectedShot));
        d.setPath(QStringLiteral("/work/cuts/rough.mp4"));
        d.setScope(ExportChoice::Scope::Timeline);
        QVERIFY(d.timelineOptionsEnabled());
        QCOMPARE(d.choice().path, QStringLiteral("/work/cuts/rough-edit"));
        d.setScope(ExportChoice::Scope::Film);
        QVERIFY(!d.timelineOptionsEnabled());
        QCOMPARE(d.choice().path, QStringLiteral("/work/cuts/rough.mp4"));
    }

    // 8. Long work: h:mm:ss, the window of a long shot, "shot 1 of 2", a queue with a
    // state per job and per-job cancel, the card of the shot being generated.
    void theQueueShowsEveryJob() {
        QCOMPARE(formatDuration(2107.4), QStringLiteral("35:08"));
        QCOMPARE(formatDuration(3725), QStringLiteral("1:02:05"));
        QCOMPARE(formatDuration(7), QStringLiteral("0:07"));
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        project::Shot s1 = w.document()->project().shots[0];
        s1.duration = 60;  // several windows
        QVERIFY(w.document()->apply(project::EditShot{0, s1}));
        w.generateShots({QStringLiteral("shot-1"), QStringLiteral("shot-3")});
        QCOMPARE(w.jobs().size(), 2);
        QCOMPARE(w.queuePanel()->lineCount(), 2);
        QVERIFY(w.queuePanel()->lineText(1).contains(QStringLiteral("queued")));
        QVERIFY(w.statusText().contains(QStringLiteral("1 of 2")));
        QTRY_VERIFY_WITH_TIMEOUT(w.stepText().contains(QStringLiteral("window 2 of")), 120000);
        QVERIFY(w.queuePanel()->lineText(0).contains(QStringLiteral("window 2 of")));
        QVERIFY(!w.storyboardModel()
                     ->index(0)
                     .data(StoryboardModel::JobStateRole)
                     .toString()
                     .isEmpty());
        QCOMPARE(w.storyboardModel()->index(1).data(StoryboardModel::JobStateRole).toString(),
                 QString());
        // Cancel the queued one: it never runs; the running one finishes.
        w.cancelJob(w.jobs()[1].key);
        QVERIFY(w.queuePanel()->lineText(1).contains(QStringLiteral("cancelled")));
        QSignalSpy done(&w, &MainWindow::queueFinished);
        QVERIFY(done.wait(180000));
        QVERIFY(w.queuePanel()->lineText(0).contains(QStringLiteral("done")));
        QCOMPARE(w.document()->project().shots[0].takes.size(), std::size_t(1));
        QVERIFY(w.document()->project().shots[2].takes.empty());
        QVERIFY(
            w.storyboardModel()->index(0).data(StoryboardModel::JobStateRole).toString().isEmpty());
    }

    // Smaller habits: the prompt after Add shot, Ctrl+Y, "1 character".
    void smallerHabits() {
        MainWindow w(modelDir());
        activate(w);
        w.addShot();
        QCOMPARE(QApplication::focusWidget(), w.inspector()->promptEditor());
        const int shots = int(w.document()->project().shots.size());
        w.document()->undoStack()->undo();
        QCOMPARE(int(w.document()->project().shots.size()), shots - 1);
        w.storyboard()->setFocus();
        QTest::keyClick(&w, Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(int(w.document()->project().shots.size()), shots);
        // Plurals: one character is "1 character".
        const QString path = sampleCopy();
        project::Project p = project::loadProject(path.toStdString());
        p.characters.pop_back();
        for (auto& s : p.shots) s.prompt = "@Pip bounces";
        project::saveProject(p, path.toStdString());
        w.setUnsavedPrompt([](const QString&) { return QMessageBox::Discard; });
        QVERIFY(w.openProject(path));
        QVERIFY2(w.statusText().endsWith(QStringLiteral("3 shots, 1 character")),
                 qPrintable(w.statusText()));
    }
};

QTEST_MAIN(StudioHabitsTest)
#include "studio_habits_test.moc"
