// The storyboard: reorder by drag and drop (one undo entry), images dropped from the
// desktop become image-to-video shots, anything else a clear message.
#include <QDropEvent>
#include <QMimeData>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <fstream>

#include "main_window.h"
#include "project/project.h"
#include "project_document.h"
#include "storyboard_model.h"
#include "storyboard_view.h"
#include "test_model.h"

using namespace kinora::ui;
namespace project = kinora::project;

namespace {

std::vector<std::string> ids(const project::Project& p) {
    std::vector<std::string> out;
    for (const auto& s : p.shots) out.push_back(s.id);
    return out;
}

}  // namespace

class StoryboardTest : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    void fill(ProjectDocument& doc, int shots) {
        for (int i = 0; i < shots; ++i) {
            project::Shot s;
            s.id = "shot-" + std::to_string(i + 1);
            s.prompt = "a red ball bounces " + std::to_string(i + 1);
            QVERIFY(doc.apply(project::AddShot{i, s}));
        }
        doc.undoStack()->clear();
    }

    /// Sends a drag enter + drop of `mime` at `pos` in the view's viewport.
    static bool drop(StoryboardView& view, QMimeData* mime, QPoint pos) {
        QDragEnterEvent enter(pos, Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &enter);
        if (!enter.isAccepted()) return false;
        QDropEvent dropEvent(QPointF(pos), Qt::CopyAction | Qt::MoveAction, mime, Qt::LeftButton,
                             Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &dropEvent);
        return dropEvent.isAccepted();
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        ProjectDocument::setAutosaveFolder(m_dir.filePath(QStringLiteral("autosave")));
    }

    void modelShowsTheShots() {
        ProjectDocument doc;
        TakeCache takes;
        StoryboardModel model(&doc, &takes);
        fill(doc, 3);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(1).data(StoryboardModel::ShotIdRole).toString(),
                 QStringLiteral("shot-2"));
        QCOMPARE(model.index(1).data(StoryboardModel::DurationTextRole).toString(),
                 QStringLiteral("2.1 s"));
        QCOMPARE(model.index(1).data(StoryboardModel::ModeRole).toString(),
                 QStringLiteral("text-to-video"));
        QVERIFY(!model.index(1).data(StoryboardModel::HasTakeRole).toBool());
    }

    void moveSeveralShotsIsOneUndoEntry() {
        ProjectDocument doc;
        TakeCache takes;
        StoryboardModel model(&doc, &takes);
        fill(doc, 5);
        // shots 1 and 3 to the end
        QVERIFY(model.moveShots({QStringLiteral("shot-1"), QStringLiteral("shot-3")}, 5));
        QCOMPARE(ids(doc.project()),
                 (std::vector<std::string>{"shot-2", "shot-4", "shot-5", "shot-1", "shot-3"}));
        QCOMPARE(doc.undoStack()->count(), 1);
        doc.undoStack()->undo();
        QCOMPARE(ids(doc.project()),
                 (std::vector<std::string>{"shot-1", "shot-2", "shot-3", "shot-4", "shot-5"}));
        doc.undoStack()->redo();
        QCOMPARE(ids(doc.project()),
                 (std::vector<std::string>{"shot-2", "shot-4", "shot-5", "shot-1", "shot-3"}));
        // the last one before the first
        QVERIFY(model.moveShots({QStringLiteral("shot-3")}, 0));
        QCOMPARE(ids(doc.project()),
                 (std::vector<std::string>{"shot-3", "shot-2", "shot-4", "shot-5", "shot-1"}));
    }

    void dragToReorderInTheView() {
        ProjectDocument doc;
        TakeCache takes;
        StoryboardModel model(&doc, &takes);
        StoryboardView view;
        view.setStoryboardModel(&model);
        view.resize(900, 260);
        view.show();
        fill(doc, 3);
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.selectShotIds({QStringLiteral("shot-3")});
        // Drag shot 3's card onto the left half of shot 1's card.
        QMimeData* mime = model.mimeData({model.index(2)});
        const QRect first = view.visualRect(model.index(0));
        QVERIFY(drop(view, mime, first.center() - QPoint(first.width() / 4, 0)));
        delete mime;
        QCOMPARE(ids(doc.project()), (std::vector<std::string>{"shot-3", "shot-1", "shot-2"}));
        // The moved shot stays selected.
        QCOMPARE(view.selectedShotIds(), QStringList{QStringLiteral("shot-3")});
        QCOMPARE(doc.undoStack()->count(), 1);
    }

    void droppedImagesBecomeImageToVideoShots() {
        MainWindow w(QString::fromStdString(kinora::test::testModelDir()));
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->newProject();  // empty storyboard
        const QString image = m_dir.filePath(QStringLiteral("sunset photo.png"));
        QImage img(40, 30, QImage::Format_RGB888);
        img.fill(QColor(220, 120, 40));
        QVERIFY(img.save(image));
        auto* mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(image)});
        QVERIFY(drop(*w.storyboard(), mime, QPoint(20, 20)));
        delete mime;
        const auto& p = w.document()->project();
        QCOMPARE(p.shots.size(), std::size_t(1));
        QVERIFY(p.shots[0].mode == project::ShotMode::ImageToVideo);
        const QString rel = QString::fromStdString(p.shots[0].inputs.firstImage);
        QCOMPARE(rel, QStringLiteral("inputs/sunset_photo.png"));
        QVERIFY(QFile::exists(QDir(w.document()->folder()).filePath(rel)));
        QCOMPARE(w.storyboard()->selectedShotIds().size(), 1);
        // Undo removes the shot in one step.
        w.document()->undoStack()->undo();
        QCOMPARE(w.document()->project().shots.size(), std::size_t(0));
    }

    void droppedNonImageGivesAClearMessage() {
        MainWindow w(QString::fromStdString(kinora::test::testModelDir()));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.document()->newProject();  // empty storyboard
        const QString notes = m_dir.filePath(QStringLiteral("notes.txt"));
        std::ofstream(notes.toStdString()) << "not an image";
        auto* mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(notes)});
        drop(*w.storyboard(), mime, QPoint(20, 20));
        delete mime;
        QCOMPARE(w.document()->project().shots.size(), std::size_t(0));
        QCOMPARE(w.document()->undoStack()->count(), 0);
        QVERIFY2(w.statusText().contains(QStringLiteral("Cannot use notes.txt as an image")),
                 qPrintable(w.statusText()));
    }
};

QTEST_MAIN(StoryboardTest)
#include "storyboard_test.moc"
