#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include "inference_worker.h"
#include "project/render.h"
#include "test_model.h"

using kinora::ui::InferenceWorker;
using kinora::ui::JobResult;

class InferenceWorkerTest : public QObject {
    Q_OBJECT

    struct Fixture {
        QThread thread;
        InferenceWorker* worker;
        explicit Fixture(const std::string& modelDir) {
            kinora::EngineOptions o;
            o.modelDir = modelDir;
            worker = new InferenceWorker(o);
            worker->moveToThread(&thread);
            QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
            thread.start();
        }
        ~Fixture() {
            worker->cancelAll();
            thread.quit();
            thread.wait();
        }
        quint64 submit(const kinora::GenerationRequest& r) {
            const quint64 id = worker->reserveJobId();
            InferenceWorker* w = worker;
            QMetaObject::invokeMethod(
                w, [w, id, r] { w->run(id, r); }, Qt::QueuedConnection);
            return id;
        }
    };

    static kinora::GenerationRequest request(int steps) {
        kinora::GenerationRequest r;
        r.prompt = "a small green star spins in a room";
        r.seed = 1;
        r.frames = 9;
        r.width = 32;
        r.height = 32;
        r.steps = steps;
        return r;
    }

private slots:
    void runsAJobOffTheGuiThread() {
        Fixture f(kinora::test::testModelDir());
        QSignalSpy finished(f.worker, &InferenceWorker::finished);
        QSignalSpy progress(f.worker, &InferenceWorker::progress);
        QSignalSpy preview(f.worker, &InferenceWorker::preview);
        const quint64 id = f.submit(request(3));
        QVERIFY(finished.wait(120000));
        const auto result = finished.at(0).at(0).value<JobResult>();
        QCOMPARE(result.jobId, id);
        QCOMPARE(result.frames.size(), 9);
        QCOMPARE(result.frames[0].size(), QSize(32, 32));
        QCOMPARE(progress.size(), 3);
        QCOMPARE(preview.size(), 3);
    }

    void cancelsTheRunningJobAndQueuedOnes() {
        Fixture f(kinora::test::testModelDir());
        QSignalSpy cancelled(f.worker, &InferenceWorker::cancelled);
        QSignalSpy finished(f.worker, &InferenceWorker::finished);
        QSignalSpy progress(f.worker, &InferenceWorker::progress);
        f.submit(request(500));
        f.submit(request(500));  // queued behind it
        QVERIFY(progress.wait(120000));
        f.worker->cancelAll();
        QTRY_COMPARE_WITH_TIMEOUT(cancelled.size(), 2, 60000);
        QVERIFY(cancelled.at(0).at(1).toInt() < 500);
        QCOMPARE(cancelled.at(1).at(1).toInt(), 0);
        QCOMPARE(finished.size(), 0);
    }

    // With a character reference and 2 tries a window, the job runs both tries (progress
    // for each) and says how its clip was chosen.
    void keepsTheBestOfItsTriesByTheReferenceLook() {
        Fixture f(kinora::test::testModelDir());
        QSignalSpy finished(f.worker, &InferenceWorker::finished);
        QSignalSpy progress(f.worker, &InferenceWorker::progress);
        kinora::ui::Job job;
        job.request = request(3);
        kinora::project::Character bo{"char-1", "Bo", "a big blue box", {}, 4};
        job.request.references.push_back(kinora::project::characterReference(bo, {32, 32, 8}, "."));
        job.lookCandidates = 2;
        const quint64 id = f.worker->reserveJobId();
        InferenceWorker* w = f.worker;
        QMetaObject::invokeMethod(
            w, [w, id, job] { w->runJob(id, job); }, Qt::QueuedConnection);
        QVERIFY(finished.wait(120000));
        const auto result = finished.at(0).at(0).value<JobResult>();
        QCOMPARE(result.frames.size(), 9);
#ifdef KINORA_HAVE_OPENCV
        QCOMPARE(result.note, QStringLiteral("best of 2 tries a window"));
        QCOMPARE(progress.size(), 6);
#else
        QVERIFY(result.note.startsWith(QStringLiteral("one try a window")));
        QCOMPARE(progress.size(), 3);
#endif
    }

    void reportsABadModelFolder() {
        Fixture f("/nonexistent/kinora-model");
        QSignalSpy failed(f.worker, &InferenceWorker::failed);
        f.submit(request(2));
        QVERIFY(failed.wait(60000));
        QCOMPARE(failed.at(0).at(1).value<kinora::ErrorKind>(), kinora::ErrorKind::ModelLoad);
        QVERIFY(failed.at(0).at(2).toString().contains("/nonexistent/kinora-model"));
    }
};

QTEST_GUILESS_MAIN(InferenceWorkerTest)
#include "inference_worker_test.moc"
