// The studio window end to end on the small test model: open a project, generate a shot
// as a take with a live preview, cancel, refuse unknown names, ask before losing work,
// recover an autosave, and the --screenshot option of the real binary.
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <cmath>
#include <fstream>

#include "autosave_helper.h"
#include "characters_panel.h"
#include "export_dialog.h"
#include "main_window.h"
#include "media/ffmpeg_video.h"
#include "models/wan/wan_family.h"
#include "plots_panel.h"
#include "preview_view.h"
#include "project/project.h"
#include "project_document.h"
#include "project_settings_dialog.h"
#include "prompt_editor.h"
#include "sample_copy.h"
#include "settings_dialog.h"
#include "shot_inspector.h"
#include "step_plot.h"
#include "storyboard_model.h"
#include "storyboard_view.h"
#include "test_model.h"
#include "timeline_view.h"

using namespace kinora::ui;
namespace project = kinora::project;

class MainWindowTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QString modelDir() const { return QString::fromStdString(kinora::test::testModelDir()); }

    /// A copy of the three-shot sample in its own folder (takes are written next to it).
    kinora::test::SampleCopies m_samples;
    QString sampleCopy() { return m_samples.next(); }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        ProjectDocument::setAutosaveFolder(m_dir.filePath(QStringLiteral("autosave")));
    }

    /// A Wan 2.1 model with random weights in the single-file layout, written once.
    QString wanModel() {
        const QString dir = m_dir.filePath(QStringLiteral("wan-tiny"));
        if (!QDir(dir).exists())
            kinora::wan::writeRandomWan(dir.toStdString(), "tiny", 3, "bf16", true);
        return dir;
    }

    void generatesAShotWithAWanModel() {
        MainWindow w(wanModel());
        w.show();
        QSignalSpy done(&w, &MainWindow::queueFinished);
        w.generateShots({QStringLiteral("shot-1")});
        QVERIFY(done.wait(120000));
        const auto& shot = w.document()->project().shots[0];
        QVERIFY2(shot.takes.size() == 1, qPrintable(w.statusText()));
        QVERIFY2(QString::fromStdString(shot.takes[0].model).startsWith(QStringLiteral("Wan2.1")),
                 shot.takes[0].model.c_str());
        QCOMPARE(w.canvasPresetNames(), QStringList{QStringLiteral("test")});
        QVERIFY(w.stepPlot()->pointCount() > 0);  // live progress every step
        QVERIFY(!w.preview()->clipFrames().isEmpty());
    }

    /// A three-shot storyboard on a Wan VACE model: one character with two pictures named
    /// in every shot (the second shot continues the first), rendered by the studio's queue.
    void rendersAThreeShotVaceStoryboardWithASharedCharacter() {
        const QString model = m_dir.filePath(QStringLiteral("wan-vace"));
        if (!QDir(model).exists())
            kinora::wan::writeRandomWan(model.toStdString(), "tiny", 4, "bf16", true, "vace");
        const QString folder = m_dir.filePath(QStringLiteral("vace-story"));
        QDir().mkpath(folder + QStringLiteral("/refs"));
        kinora::project::Project p;
        p.name = "Vace story";
        p.canvas = {32, 32, 16};
        p.settings.steps = 2;
        p.settings.model = model.toStdString();
        for (int k = 0; k < 2; ++k) {
            QImage ref(24, 40, QImage::Format_RGB888);
            ref.fill(QColor(200, 60 * k, 40));
            const QString rel = QStringLiteral("refs/pip-%1.png").arg(k);
            QVERIFY(ref.save(folder + QLatin1Char('/') + rel));
            if (k == 0) p.characters.push_back({"char-1", "Pip", "a small yellow star", {}, 3});
            p.characters[0].referenceImages.push_back(rel.toStdString());
        }
        for (int i = 0; i < 3; ++i) {
            kinora::project::Shot s;
            s.id = "shot-" + std::to_string(i + 1);
            s.prompt = i == 0   ? "@Pip walks along the beach"
                       : i == 1 ? "@Pip jumps over a wave"
                                : "@Pip rests in the sun";
            s.duration = 17;
            s.seed = static_cast<uint64_t>(i + 1);
            s.continuous = i == 1;
            p.shots.push_back(s);
        }
        const QString path = folder + QStringLiteral("/story.kinora");
        kinora::project::saveProject(p, path.toStdString());
        MainWindow w;
        QVERIFY(w.openProject(path));
        QCOMPARE(w.loadedModel(), model);
        QSignalSpy done(&w, &MainWindow::queueFinished);
        w.generateShots(
            {QStringLiteral("shot-1"), QStringLiteral("shot-2"), QStringLiteral("shot-3")});
        QVERIFY(done.wait(240000));
        const auto& shots = w.document()->project().shots;
        for (const auto& s : shots) {
            QVERIFY2(s.takes.size() == 1, qPrintable(w.statusText()));
            QCOMPARE(s.takes[0].frameCount, 17);
            QCOMPARE(QString::fromStdString(s.takes[0].model),
                     QStringLiteral("Wan2.1-VACE-dim128x2"));
        }
    }

    /// Wan 2.2 TI2V (text, or a first frame held as its latent) and Wan 2.1 I2V (a first
    /// frame, with CLIP) in the studio: the mode list follows the loaded model, a shot
    /// naming a character is made from its description, and an image-to-video shot from
    /// its picture.
    void followsTheModesOfTi2vAndImageToVideoModels() {
        const QString ti2v = m_dir.filePath(QStringLiteral("wan-ti2v"));
        const QString i2v = m_dir.filePath(QStringLiteral("wan-i2v"));
        kinora::wan::writeRandomWan(ti2v.toStdString(), "tiny", 5, "bf16", true, "ti2v");
        kinora::wan::writeRandomWan(i2v.toStdString(), "tiny", 6, "bf16", true, "i2v");
        const QString folder = m_dir.filePath(QStringLiteral("ti2v-story"));
        QDir().mkpath(folder);
        QImage first(48, 40, QImage::Format_RGB888);
        for (int y = 0; y < first.height(); ++y)
            for (int x = 0; x < first.width(); ++x) first.setPixel(x, y, qRgb(5 * x, 6 * y, 90));
        QVERIFY(first.save(folder + QStringLiteral("/first.png")));
        project::Project p;
        p.name = "Fox story";
        p.canvas = {64, 32, 24};
        p.settings.steps = 2;
        p.settings.model = ti2v.toStdString();
        p.characters.push_back({"char-1", "Pip", "a small yellow star", {}, 3});
        const char* prompts[] = {"@Pip walks along the beach", "@Pip jumps over a wave",
                                 "the sea at night"};
        const project::ShotMode modes[] = {project::ShotMode::TextToVideo,
                                           project::ShotMode::ImageToVideo,
                                           project::ShotMode::ExtendForward};
        for (int i = 0; i < 3; ++i) {
            project::Shot s;
            s.id = "shot-" + std::to_string(i + 1);
            s.prompt = prompts[i];
            s.duration = 9;
            s.seed = static_cast<uint64_t>(i + 1);
            s.mode = modes[i];
            if (i == 1) s.inputs.firstImage = "first.png";
            p.shots.push_back(s);
        }
        const QString ti2vPath = folder + QStringLiteral("/ti2v.kinora");
        project::saveProject(p, ti2vPath.toStdString());
        p.settings.model = i2v.toStdString();
        const QString i2vPath = folder + QStringLiteral("/i2v.kinora");
        project::saveProject(p, i2vPath.toStdString());

        auto offered = [](MainWindow& w, project::ShotMode mode) {
            const int i =
                w.inspector()->modeBox()->findData(QString::fromLatin1(project::name(mode)));
            return i >= 0 && (w.inspector()->modeBox()->itemData(i, Qt::UserRole - 1).toInt() &
                              Qt::ItemIsEnabled) != 0;
        };
        MainWindow w;
        QVERIFY(w.openProject(ti2vPath));
        QCOMPARE(w.loadedModel(), ti2v);
        // Once the model reports: text and first frame offered, extension greyed.
        QTRY_VERIFY_WITH_TIMEOUT(!offered(w, project::ShotMode::ExtendForward), 60000);
        QVERIFY(offered(w, project::ShotMode::TextToVideo));
        QVERIFY(offered(w, project::ShotMode::ImageToVideo));
        QVERIFY(!offered(w, project::ShotMode::Connect));
        w.inspector()->setShot(QStringLiteral("shot-3"));
        QVERIFY2(w.inspector()->warningText().contains(QStringLiteral("does not make")),
                 qPrintable(w.inspector()->warningText()));
        w.inspector()->setShot(QStringLiteral("shot-2"));
        QVERIFY(!w.inspector()->continuousBox()->isEnabled());  // it does not continue shots
        QSignalSpy done(&w, &MainWindow::queueFinished);
        w.generateShots({QStringLiteral("shot-1"), QStringLiteral("shot-2")});
        QVERIFY(done.wait(240000));
        for (int i = 0; i < 2; ++i) {
            const auto& s = w.document()->project().shots[std::size_t(i)];
            QVERIFY2(s.takes.size() == 1, qPrintable(w.statusText()));
            QCOMPARE(s.takes[0].frameCount, 9);
            QCOMPARE(s.takes[0].fps, 24);
            QCOMPARE(s.takes[0].model, std::string("Wan2.2-TI2V-dim128x2"));
            QCOMPARE(QString::fromStdString(s.takes[0].mode),
                     QString::fromLatin1(project::name(modes[i])));
        }
        // The character is read from its description (the model takes no pictures).
        QVERIFY(QString::fromStdString(w.document()->project().shots[0].takes[0].expandedPrompt)
                    .contains(QStringLiteral("a small yellow star")));

        // Wan 2.1 I2V: a first frame only.
        w.setUnsavedPrompt([](const QString&) { return QMessageBox::Discard; });
        QVERIFY(w.openProject(i2vPath));
        QCOMPARE(w.loadedModel(), i2v);
        QTRY_VERIFY_WITH_TIMEOUT(!offered(w, project::ShotMode::TextToVideo), 60000);
        QVERIFY(offered(w, project::ShotMode::ImageToVideo));
        w.inspector()->setShot(QStringLiteral("shot-1"));
        QVERIFY2(w.inspector()->warningText().contains(
                     QStringLiteral("does not make \"Text to video\" shots; it makes: Image to "
                                    "video.")),
                 qPrintable(w.inspector()->warningText()));
        QSignalSpy done2(&w, &MainWindow::queueFinished);
        w.generateShots({QStringLiteral("shot-2")});
        QVERIFY2(done2.count() > 0 || done2.wait(240000), qPrintable(w.statusText()));
        const auto& made = w.document()->project().shots[1];
        QVERIFY2(made.takes.size() == 1, qPrintable(w.statusText()));
        QCOMPARE(made.takes[0].model, std::string("Wan2.1-I2V-dim128x2"));
        QCOMPARE(made.takes[0].frameCount, 9);
    }

    void aProjectNamesItsModelAndTheStudioFollows() {
        MainWindow w;
        QCOMPARE(w.loadedModel(), QString());  // the embedded model
        auto info = ProjectSettingsDialog(w.document()->project()).info();
        info.settings.model = wanModel().toStdString();
        QVERIFY(w.applyProjectSettings(info));
        QCOMPARE(w.loadedModel(), wanModel());
        w.document()->undoStack()->undo();  // undone: back to the studio's default
        QCOMPARE(w.loadedModel(), QString());
    }

    void settingsListModelsWithWhatTheyNeed() {
        SettingsDialog dialog(StudioSettings{});
        QCOMPARE(dialog.modelTable()->rowCount(), 1);  // the embedded model
        dialog.addModel(wanModel());
        QCOMPARE(dialog.modelTable()->rowCount(), 2);
        QCOMPARE(dialog.modelTable()->item(1, 1)->text(), QStringLiteral("wan2.1"));
        QVERIFY(dialog.modelTable()->item(1, 2)->text().contains(QStringLiteral("single files")));
        QCOMPARE(dialog.modelTable()->item(1, 5)->text(), QStringLiteral("ready"));
        const auto s = dialog.settings();
        QCOMPARE(s.models, QStringList{wanModel()});
        QCOMPARE(s.modelDir, wanModel());  // the added model is selected
        // A folder with only part of a model says what it lacks.
        const QString partial = m_dir.filePath(QStringLiteral("wan-partial"));
        QDir().mkpath(partial);
        QFile::copy(wanModel() + QStringLiteral("/wan_2.1_vae.safetensors"),
                    partial + QStringLiteral("/vae.safetensors"));
        dialog.addModel(partial);
        QVERIFY(dialog.modelTable()->item(2, 5)->text().startsWith(QStringLiteral("missing:")));
    }

    /// LoRA files per project (settings dialog) and per shot (inspector): one undo step each,
    /// unreadable lines refused where they are typed.
    void lorasAreEditedPerProjectAndPerShot() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        ProjectSettingsDialog dialog(w.document()->project());
        dialog.lorasEdit()->setText(
            QStringLiteral("loras/style.safetensors:0.5; /models/detail.safetensors"));
        QVERIFY(dialog.lorasError().isEmpty());
        const auto info = dialog.info();
        QCOMPARE(info.settings.loras.size(), std::size_t{2});
        QCOMPARE(info.settings.loras[0].strength, 0.5);
        QCOMPARE(info.settings.loras[1].file, std::string("/models/detail.safetensors"));
        QCOMPARE(info.settings.imageFit, std::string("crop"));
        dialog.fitBox()->setCurrentIndex(1);
        QCOMPARE(dialog.info().settings.imageFit, std::string("bars"));
        QVERIFY(w.applyProjectSettings(info));
        QCOMPARE(w.document()->project().settings.loras.size(), std::size_t{2});
        dialog.lorasEdit()->setText(QStringLiteral("style.safetensors:9"));
        QVERIFY(dialog.lorasError().contains(QStringLiteral("out of range")));
        // The shot's own line, read when editing ends.
        QLineEdit* line = w.inspector()->lorasEdit();
        line->setText(QStringLiteral("close-up.safetensors:0.8"));
        emit line->editingFinished();
        const auto& shot = w.document()->project().shots[0];
        QCOMPARE(shot.loras.size(), std::size_t{1});
        QCOMPARE(shot.loras[0].strength, 0.8);
        line->setText(QStringLiteral("bad.safetensors:99"));
        emit line->editingFinished();
        QCOMPARE(w.document()->project().shots[0].loras[0].file,
                 std::string("close-up.safetensors"));
        w.document()->undoStack()->undo();
        QVERIFY(w.document()->project().shots[0].loras.empty());
    }

    void opensAProjectIntoEveryPanel() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        QCOMPARE(w.storyboardModel()->rowCount(), 3);
        QCOMPARE(w.storyboard()->selectedShotIds(), QStringList{QStringLiteral("shot-1")});
        QCOMPARE(w.inspector()->promptEditor()->toPlainText(),
                 QStringLiteral("@Pip bounces on the beach"));
        QCOMPARE(w.inspector()->promptEditor()->characterNames(),
                 (QStringList{QStringLiteral("Pip"), QStringLiteral("Bo")}));
        QCOMPARE(w.timeline()->view()->totalFrames(), 51);
        QVERIFY(!w.characters()->swatch().isNull());
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("three-friends.kinora")));
    }

    void generatesAShotAsAnUndoableTake() {
        MainWindow w(modelDir());
        w.show();
        QVERIFY(w.openProject(sampleCopy()));
        QSignalSpy done(&w, &MainWindow::queueFinished);
        w.generateShots({QStringLiteral("shot-2")});
        QVERIFY(w.isGenerating());
        QVERIFY(done.wait(120000));
        const auto& shot = w.document()->project().shots[1];
        QCOMPARE(shot.takes.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(shot.selectedTake), QStringLiteral("take-1"));
        const auto& take = shot.takes[0];
        QCOMPARE(take.frameCount, 17);
        QVERIFY(QFile::exists(
            QDir(w.document()->folder())
                .filePath(QString::fromStdString(take.frames)
                              .replace(QStringLiteral("%04d"), QStringLiteral("0001")))));
        QVERIFY(w.document()->isModified());
        // Live preview: every step reported (the test model takes 4; steps 2..4 have a
        // previous prediction to compare with), then the clip plays.
        QCOMPARE(w.stepPlot()->pointCount(), 3);
        QCOMPARE(w.preview()->clipFrames().size(), 17);
        QVERIFY2(w.statusText().startsWith(QStringLiteral("Shot 2: take-1")),
                 qPrintable(w.statusText()));
        // The storyboard card and the timeline show the take.
        QVERIFY(w.storyboardModel()->index(1).data(StoryboardModel::HasTakeRole).toBool());
        QVERIFY(!w.storyboardModel()
                     ->index(1)
                     .data(StoryboardModel::ThumbnailRole)
                     .value<QImage>()
                     .isNull());
        w.timeline()->view()->setPlayheadFrame(17 + 5);
        QVERIFY(!w.timeline()->view()->frameAtPlayhead().isNull());
        // One undo entry takes the take out of the document again.
        w.document()->undoStack()->undo();
        QVERIFY(w.document()->project().shots[1].takes.empty());
        w.document()->undoStack()->redo();
        QCOMPARE(w.document()->project().shots[1].takes.size(), std::size_t(1));
    }

    void duplicatesAndDeletesSelectedShotsAsOneUndoEntryEach() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        auto ids = [&] {
            QStringList out;
            for (const auto& s : w.document()->project().shots) out << QString::fromStdString(s.id);
            return out;
        };
        w.storyboard()->selectShotIds({QStringLiteral("shot-1"), QStringLiteral("shot-3")});
        QCOMPARE(w.storyboard()->selectedShotIds().size(), 2);
        w.duplicateShots();
        QCOMPARE(ids().size(), 5);
        QCOMPARE(w.document()->undoStack()->count(), 1);
        // The copies follow the last selected shot, in order, and are selected.
        const QStringList copies = w.storyboard()->selectedShotIds();
        QCOMPARE(copies.size(), 2);
        QCOMPARE(ids().mid(3), copies);
        QCOMPARE(w.document()->project().shots[3].prompt, w.document()->project().shots[0].prompt);
        w.deleteShots();
        QCOMPARE(ids(), (QStringList{QStringLiteral("shot-1"), QStringLiteral("shot-2"),
                                     QStringLiteral("shot-3")}));
        QCOMPARE(w.document()->undoStack()->count(), 2);
        w.document()->undoStack()->undo();
        QCOMPARE(ids().size(), 5);
        w.document()->undoStack()->undo();
        QCOMPARE(ids().size(), 3);
    }

    void timelineIsProportionalScrubsAndZooms() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        project::Shot longer = w.document()->project().shots[1];
        longer.duration = 34;
        QVERIFY(w.document()->apply(project::EditShot{1, longer}));
        TimelineView* t = w.timeline()->view();
        QCOMPARE(t->totalFrames(), 17 + 34 + 17);
        const int w1 = t->shotRect(0).width(), w2 = t->shotRect(1).width();
        QVERIFY2(std::abs(w2 - 2 * w1) <= 2, qPrintable(QStringLiteral("%1 %2").arg(w1).arg(w2)));
        const double zoom = t->zoom();
        t->setZoom(zoom * 2);
        QVERIFY(std::abs(t->shotRect(1).width() - 2 * w2) <= 2);
        // Scrub: a click in the middle of shot 3 puts the playhead there.
        t->setZoom(zoom);
        const QRect third = t->shotRect(2);
        QTest::mouseClick(t, Qt::LeftButton, {}, third.center());
        int shot = -1, local = -1;
        QVERIFY(t->locate(t->playheadFrame(), &shot, &local));
        QCOMPARE(shot, 2);
        QVERIFY(local > 3 && local < 14);
        // Play advances the playhead; pause stops it.
        t->setPlayheadFrame(0);
        t->play();
        QVERIFY(t->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(t->playheadFrame() >= 2, 5000);
        t->pause();
        const int stopped = t->playheadFrame();
        QTest::qWait(300);
        QCOMPARE(t->playheadFrame(), stopped);
    }

    void plotsShowTheModelsTrainingCurve() {
        PlotsPanel panel;
        panel.setModelFolder(modelDir());  // the test model has no training log
        QCOMPARE(panel.trainingPointCount(), 0);
        // A model folder: the curves its model.json carries.
        QTemporaryDir model;
        std::ofstream(model.filePath(QStringLiteral("model.json")).toStdString())
            << R"({"training": {"history": [{"stage": "dit", "steps": 30,
                 "curve": [[10, 1.0, 0.001], [20, 0.8, 0.001], [30, 0.7, 0.0005]]}]}})";
        panel.setModelFolder(model.path());
        QCOMPARE(panel.trainingPointCount(), 3);
        // A training run's folder: its logs.
        QTemporaryDir run;
        std::ofstream(run.filePath(QStringLiteral("train.jsonl")).toStdString())
            << "{\"stage\":\"vae\",\"step\":10,\"loss\":0.5,\"lr\":0.001}\n"
            << "{\"stage\":\"vae\",\"step\":20,\"loss\":0.4,\"lr\":0.001}\n";
        panel.setModelFolder(run.path());
        QCOMPARE(panel.trainingPointCount(), 2);
    }

    void exportsTheCutAsTimelines() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        const QString out =
            QFileInfo(w.document()->path()).absolutePath() + QStringLiteral("/edit");
        ExportChoice choice;
        choice.scope = ExportChoice::Scope::Timeline;
        choice.path = out;
        choice.rate = QStringLiteral("25");
        choice.codec = QStringLiteral("dnxhr");
        choice.lines = 256;  // an upscale: 256 lines, the width in the canvas proportions
        choice.scale = QStringLiteral("bicubic");
        choice.timelineFormats = {QStringLiteral("fcpxml"), QStringLiteral("xmeml"),
                                  QStringLiteral("edl"), QStringLiteral("otio"),
                                  QStringLiteral("mlt")};
        // No takes yet: refused at once, naming the shot by its number.
        w.exportTimeline(choice);
        QVERIFY2(w.statusText().contains(QStringLiteral("shot 1 has no take")),
                 qPrintable(w.statusText()));
        QVERIFY(!w.statusText().contains(QStringLiteral("shot-1")));
        QSignalSpy done(&w, &MainWindow::queueFinished);
        w.generateMissing();
        QVERIFY(done.wait(180000));
        w.exportTimeline(choice);
        QTRY_VERIFY_WITH_TIMEOUT(w.statusText().startsWith(QStringLiteral("Exported the timeline")),
                                 60000);
        const QDir dir(out);
        for (const char* ext : {".fcpxml", ".xml", ".edl", ".otio", ".mlt"})
            QVERIFY2(dir.exists(QStringLiteral("Three_friends") + QLatin1String(ext)), ext);
        const QStringList media =
            QDir(dir.filePath(QStringLiteral("media"))).entryList({QStringLiteral("*.mov")});
        QCOMPARE(media.size(), 3);
        const QString first = dir.filePath(QStringLiteral("media/") + media.front());
        const kinora::VideoInfo info = kinora::readVideo(first.toStdString());
        QCOMPARE(QString::fromStdString(info.codec), QStringLiteral("dnxhd"));
        QCOMPARE(info.height, 256);
        QCOMPARE(info.width,
                 2 * int(std::lround(0.5 * 256.0 * w.document()->project().canvas.width /
                                     w.document()->project().canvas.height)));
#ifdef KINORA_HAVE_C2PA
        // Every medium carries content credentials: made by trained algorithmic media,
        // watermarked; one changed byte makes them invalid.
        const QString report = MainWindow::provenanceReport(first);
        QVERIFY2(report.startsWith(QStringLiteral("Valid")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("c2pa.created (trainedAlgorithmicMedia)")),
                 qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("c2pa.watermarked")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("Invisible watermark id")), qPrintable(report));
        QFile f(first);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(f.size() / 2);
        const QByteArray b = f.read(1);
        f.seek(f.size() / 2);
        f.write(QByteArray(1, char(b[0] ^ 0x10)));
        f.close();
        QVERIFY2(MainWindow::provenanceReport(first).startsWith(QStringLiteral("Invalid")),
                 qPrintable(MainWindow::provenanceReport(first)));
#endif
        // The whole cut as one ProRes MOV, upscaled; and as a PNG sequence.
        ExportChoice film;
        film.scope = ExportChoice::Scope::Film;
        film.format = ExportChoice::Format::MovProRes;
        film.lines = 128;
        film.scale = QStringLiteral("nearest");
        film.path = QFileInfo(w.document()->path()).absolutePath() + QStringLiteral("/film.mov");
        w.exportClip(film);
        QTRY_VERIFY_WITH_TIMEOUT(w.statusText().startsWith(QStringLiteral("Exported")), 60000);
        const kinora::VideoInfo filmInfo = kinora::readVideo(film.path.toStdString());
        QCOMPARE(QString::fromStdString(filmInfo.codec), QStringLiteral("prores"));
        QCOMPARE(filmInfo.height, 128);
        QCOMPARE(filmInfo.frameCount, w.timeline()->view()->totalFrames());
#ifdef KINORA_HAVE_C2PA
        QVERIFY2(MainWindow::provenanceReport(film.path).startsWith(QStringLiteral("Valid")),
                 qPrintable(MainWindow::provenanceReport(film.path)));
#endif
        film.format = ExportChoice::Format::PngSequence;
        film.path =
            QFileInfo(w.document()->path()).absolutePath() + QStringLiteral("/frames/%04d.png");
        w.exportClip(film);
        QTRY_VERIFY_WITH_TIMEOUT(w.statusText().startsWith(QStringLiteral("Exported")), 60000);
        QCOMPARE(QDir(QFileInfo(w.document()->path()).absolutePath() + QStringLiteral("/frames"))
                     .entryList({QStringLiteral("*.png")})
                     .size(),
                 filmInfo.frameCount);
    }

    void cancelStopsWithoutChangingTheProject() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        auto info =
            project::SetProjectInfo{w.document()->project().name, w.document()->project().canvas,
                                    w.document()->project().settings};
        info.settings.steps = 400;
        QVERIFY(w.document()->apply(info));
        const project::Project before = w.document()->project();
        QSignalSpy ended(&w, &MainWindow::jobEnded);
        w.generateShots({QStringLiteral("shot-1"), QStringLiteral("shot-2")});
        QTRY_VERIFY_WITH_TIMEOUT(w.stepPlot()->pointCount() >= 1, 60000);
        w.cancel();
        QVERIFY(ended.wait(60000));
        QVERIFY(!w.isGenerating());
        QVERIFY2(w.statusText().startsWith(QStringLiteral("Cancelled")),
                 qPrintable(w.statusText()));
        QVERIFY(w.document()->project() == before);  // and shot 2 never started
    }

    // Edit > Project settings: an edit is one undo step, an unchanged dialog adds none, a
    // refused one (an empty name) leaves the project and says why.
    void projectSettingsAreOneUndoStep() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        QUndoStack* undo = w.document()->undoStack();
        const project::Project before = w.document()->project();
        project::SetProjectInfo same{before.name, before.canvas, before.settings};
        QVERIFY(w.applyProjectSettings(same));
        QCOMPARE(undo->count(), 0);
        auto info = same;
        info.settings.referenceGuidance = 4.0;
        info.canvas.fps = 12;
        QVERIFY(w.applyProjectSettings(info));
        QCOMPARE(undo->count(), 1);
        QCOMPARE(w.document()->project().settings.referenceGuidance, 4.0);
        QCOMPARE(w.document()->project().canvas.fps, 12);
        undo->undo();
        QVERIFY(w.document()->project() == before);
        info.name.clear();
        QVERIFY(!w.applyProjectSettings(info));
        QVERIFY(w.document()->project() == before);
        QVERIFY2(w.statusText().contains(QStringLiteral("name")), qPrintable(w.statusText()));
    }

    void unknownNamesAreRefusedBeforeGenerating() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        project::Shot s = w.document()->project().shots[0];
        s.prompt = "@Zed bounces on the grass";
        QVERIFY(w.document()->apply(project::EditShot{0, s}));
        QCOMPARE(w.inspector()->promptEditor()->unknownNames(), QStringList{QStringLiteral("Zed")});
        w.generateShots({QStringLiteral("shot-1")});
        QVERIFY(!w.isGenerating());
        QVERIFY2(w.statusText().contains(QStringLiteral("@Zed")), qPrintable(w.statusText()));
    }

    void refusedPromptsGiveTheFiltersMessage() {
        MainWindow w(modelDir());
        QVERIFY(w.openProject(sampleCopy()));
        project::Shot s = w.document()->project().shots[0];
        s.prompt = "@Pip bounces in a pool of blood";
        QVERIFY(w.document()->apply(project::EditShot{0, s}));
        // Caught before anything runs (and marked under the prompt as it is typed).
        w.generateShots({QStringLiteral("shot-1")});
        QVERIFY(!w.isGenerating());
        QVERIFY2(w.statusText().contains(QStringLiteral("This prompt was refused")),
                 qPrintable(w.statusText()));
        QVERIFY(w.document()->project().shots[0].takes.empty());
    }

    void closingWithUnsavedChangesAsks() {
        MainWindow w(modelDir());
        w.show();
        QVERIFY(w.openProject(sampleCopy()));
        int asked = 0;
        w.setUnsavedPrompt([&](const QString&) {
            ++asked;
            return QMessageBox::Cancel;
        });
        QVERIFY(w.close());  // nothing changed: no question
        QCOMPARE(asked, 0);
        w.show();
        w.addShot();
        QVERIFY(w.document()->isModified());
        QVERIFY(!w.close());  // cancelled: the window and the changes stay
        QCOMPARE(asked, 1);
        QVERIFY(w.isVisible());
        w.setUnsavedPrompt([&](const QString&) {
            ++asked;
            return QMessageBox::Save;
        });
        QVERIFY(w.close());
        QCOMPARE(asked, 2);
        QCOMPARE(project::loadProject(w.document()->path().toStdString()).shots.size(),
                 std::size_t(4));
    }

    void offersTheAutosaveOfACrashedSession() {
        const QString path = sampleCopy();
        QString autosave;
        {
            ProjectDocument crashed;
            QVERIFY(crashed.open(path));
            QVERIFY(crashed.apply(project::RemoveShot{0}));
            QVERIFY(crashed.writeAutosave());
            autosave = crashed.autosavePath();
        }
        // Make it look like another (dead) studio's.
        QVERIFY(kinora::test::orphanAutosave(autosave));

        MainWindow w(modelDir());
        QStringList offered;
        QCOMPARE(w.offerRecovery([&](const QString& file) {
            offered << file;
            return true;
        }),
                 1);
        QCOMPARE(offered, QStringList{autosave});
        QCOMPARE(w.document()->project().shots.size(), std::size_t(2));
        QCOMPARE(w.document()->path(), QFileInfo(path).absoluteFilePath());
        QVERIFY(w.document()->isModified());
    }

    void screenshotShowsTheProjectsStoryboard() {
        const QString project = sampleCopy();
        const QString png = m_dir.filePath(QStringLiteral("shot.png"));
        QProcess kinora;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        kinora.setProcessEnvironment(env);
        kinora.start(
            QStringLiteral(KINORA_GUI_BINARY),
            {QStringLiteral("--model"), modelDir(), QStringLiteral("--screenshot"), png, project});
        QVERIFY(kinora.waitForFinished(120000));
        QVERIFY2(kinora.exitCode() == 0, kinora.readAllStandardError().constData());
        const QImage shot(png);
        QVERIFY(!shot.isNull());
        // Not blank: a real window has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < shot.height(); y += 3)
            for (int x = 0; x < shot.width(); x += 3) colours.insert(shot.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));

        // The storyboard shows the project's shots: one card thumbnail box (the "not
        // generated" placeholder colour, 12,12,14, about 150x90 px) per shot, and no other.
        const QRgb placeholder = qRgb(12, 12, 14);
        QVector<bool> seen(shot.width() * shot.height(), false);
        int boxes = 0;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x) {
                if (seen[y * shot.width() + x] || shot.pixel(x, y) != placeholder) continue;
                int area = 0;
                QVector<QPoint> stack{{x, y}};
                seen[y * shot.width() + x] = true;
                while (!stack.isEmpty()) {
                    const QPoint p = stack.takeLast();
                    ++area;
                    for (const QPoint d :
                         {QPoint(1, 0), QPoint(-1, 0), QPoint(0, 1), QPoint(0, -1)}) {
                        const QPoint q = p + d;
                        if (q.x() < 0 || q.y() < 0 || q.x() >= shot.width() ||
                            q.y() >= shot.height())
                            continue;
                        const int k = q.y() * shot.width() + q.x();
                        if (!seen[k] && shot.pixel(q) == placeholder) {
                            seen[k] = true;
                            stack.push_back(q);
                        }
                    }
                }
                if (area > 5000) ++boxes;
            }
        QCOMPARE(boxes, 3);
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
