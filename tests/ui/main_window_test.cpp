#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <fstream>

#include "main_window.h"
#include "preview_view.h"
#include "step_plot.h"
#include "test_model.h"

using kinora::ui::MainWindow;

class MainWindowTest : public QObject {
    Q_OBJECT

    static void drop(QWidget* target, const QString& path) {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                             Qt::NoModifier);
        QApplication::sendEvent(target, &dropEvent);
    }

private slots:
    void dropAnImageMakesItTheFirstFrame() {
        MainWindow w(QString::fromStdString(kinora::test::testModelDir()));
        QTemporaryDir dir;
        const QString path = dir.filePath("frame.png");
        QImage img(40, 30, QImage::Format_RGB888);
        img.fill(QColor(220, 40, 40));
        QVERIFY(img.save(path));
        drop(w.preview(), path);
        QVERIFY(w.hasFirstFrame());
        const auto request = w.currentRequest();
        QVERIFY(request.firstFrame.has_value());
        QCOMPARE(request.firstFrame->width, 40);
    }

    void dropANonImageGivesAClearMessage() {
        MainWindow w(QString::fromStdString(kinora::test::testModelDir()));
        QTemporaryDir dir;
        const QString path = dir.filePath("notes.txt");
        std::ofstream(path.toStdString()) << "not an image";
        drop(w.preview(), path);
        QVERIFY(!w.hasFirstFrame());
        QVERIFY2(w.statusText().contains("Cannot use this file"), qPrintable(w.statusText()));
    }

    void generatesShowsEveryStepAndPlays() {
        MainWindow w(QString::fromStdString(kinora::test::testModelDir()));
        w.show();
        QSignalSpy ended(&w, &MainWindow::jobEnded);
        w.generate();
        QVERIFY(ended.wait(120000));
        QCOMPARE(w.preview()->clipFrames().size(), 17);
        // The test model defaults to 4 steps; steps 2..4 have a previous prediction.
        QCOMPARE(w.stepPlot()->pointCount(), 3);
        QVERIFY2(w.statusText().startsWith("done"), qPrintable(w.statusText()));
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
