// MainWindow: the inference worker and the queue of shots to generate.
#include <QApplication>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>

#include "main_window.h"
#include "models/registry.h"
#include "plots_panel.h"
#include "preview_view.h"
#include "project/mentions.h"
#include "project/render.h"
#include "project_document.h"
#include "prompt_editor.h"
#include "shot_inspector.h"
#include "step_plot.h"
#include "storyboard_view.h"

namespace kinora::ui {

QString MainWindow::wantedModel() const {
    if (!m_modelOverride.isEmpty()) return m_modelOverride;
    const QString own = QString::fromStdString(m_document->project().settings.model);
    return own.isEmpty() ? m_settings.modelDir : own;
}

void MainWindow::followProjectModel() {
    if (wantedModel() == m_loadedModel) return;
    stopWorker();
    startWorker();
}

void MainWindow::startWorker() {
    EngineOptions options;
    options.applyThreads = true;  // the studio owns its process
    m_loadedModel = wantedModel();
    m_presetNames.clear();
    m_presetSizes.clear();
    options.modelDir = m_loadedModel.toStdString();
    options.device = m_settings.device.toStdString();
    options.threads.threads = m_settings.threads;
    options.promptList = m_settings.promptList.toStdString();
    m_worker = new InferenceWorker(options);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &InferenceWorker::modelReady, this,
            [this](const QString& name, qint64 params, const QString& dir) {
                statusBar()->showMessage(
                    tr("Model %1 (%2 M parameters)").arg(name).arg(params / 1e6, 0, 'f', 1));
                m_plots->setModelFolder(dir);
                // The prompt editor shows the words this model knows (none for a model that
                // reads any text).
                QStringList words;
                for (const auto& w : knownWords(dir.toStdString()))
                    words << QString::fromStdString(w);
                m_inspector->promptEditor()->setKnownWords(words);
            });
    connect(m_worker, &InferenceWorker::modelCanvases, this,
            [this](const QStringList& names, const QList<QSize>& sizes) {
                m_presetNames = names;
                m_presetSizes = sizes;
            });
    connect(m_worker, &InferenceWorker::progress, this,
            [this](quint64 id, int step, int total, double left, double change) {
                if (id != m_runningJob) return;
                m_progress->setRange(0, total);
                m_progress->setValue(step);
                m_stepLabel->setText(
                    tr("step %1 / %2, %3 s left").arg(step).arg(total).arg(left, 0, 'f', 1));
                stepPlot()->addStep(step, change);
            });
    connect(m_worker, &InferenceWorker::preview, this,
            [this](quint64 id, int step, const QVector<QImage>& frames) {
                if (id == m_runningJob)
                    m_preview->showStep(frames, tr("denoising, step %1").arg(step));
            });
    connect(m_worker, &InferenceWorker::finished, this, &MainWindow::onFinished);
    connect(m_worker, &InferenceWorker::cancelled, this, [this](quint64 id, int stepsDone) {
        if (id != m_runningJob) return;
        m_status->setText(tr("Cancelled after %1 steps; nothing was changed.").arg(stepsDone));
        m_queue.clear();
        onJobOver();
    });
    connect(m_worker, &InferenceWorker::failed, this,
            [this](quint64 id, ErrorKind kind, const QString& message) {
                if (id != 0 && id != m_runningJob) return;
                const QString text = kind == ErrorKind::ModelLoad
                                         ? tr("The model could not be loaded: %1").arg(message)
                                         : message;
                if (id == 0) return showError(text);  // loading the model, no job running
                m_queue.clear();
                showError(text);
                onJobOver();
            });
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &InferenceWorker::load, Qt::QueuedConnection);
}

void MainWindow::stopWorker() {
    if (m_worker == nullptr) return;
    m_queue.clear();
    m_worker->cancelAll();
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
    if (m_runningJob != 0) {
        m_runningJob = 0;
        setBusy(false);
        emit jobEnded();
    }
}

void MainWindow::generateSelected() {
    generateShots(m_storyboard->selectedShotIds());
}

void MainWindow::generateMissing() {
    const auto& shots = m_document->project().shots;
    QStringList ids;
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& s : shots)
            if (!s.selected() && ((s.mode == project::ShotMode::ExtendBackward) == (pass == 1)))
                ids << QString::fromStdString(s.id);
    if (ids.isEmpty()) {
        m_status->setText(tr("Every shot has a take."));
        return;
    }
    generateShots(ids);
}

void MainWindow::generateShots(const QStringList& shotIds) {
    // Unknown @Names are caught before anything runs: the user fixes them first.
    for (const QString& id : shotIds) {
        const int i = m_document->project().shotIndex(id.toStdString());
        if (i < 0) continue;
        const auto unknown = project::unknownMentions(
            m_document->project().shots[std::size_t(i)].prompt, m_document->project());
        if (!unknown.empty()) {
            showError(tr("Shot %1 mentions @%2, who is not a character of this project. Add "
                         "the character or fix the name, then generate again.")
                          .arg(i + 1)
                          .arg(QString::fromStdString(unknown.front())));
            return;
        }
    }
    for (const QString& id : shotIds)
        if (!m_queue.contains(id) && id != m_runningShot) m_queue << id;
    if (m_runningJob == 0) startNextJob();
}

void MainWindow::startNextJob() {
    if (m_worker == nullptr) return;
    while (!m_queue.isEmpty()) {
        const QString id = m_queue.takeFirst();
        const auto& p = m_document->project();
        const int index = p.shotIndex(id.toStdString());
        if (index < 0) continue;  // deleted while waiting
        Job job;
        try {
            project::ShotJob shotJob =
                project::prepareShot(p, index, m_document->folder().toStdString());
            job.request = shotJob.request;
            job.totalFrames = shotJob.frames;
            job.lookCandidates = m_settings.lookCandidates;
        } catch (const std::exception& e) {
            m_queue.clear();
            showError(QString::fromStdString(e.what()));
            emit queueFinished();
            return;
        }
        job.take = TakeTarget{p, m_document->folder(), id};
        m_runningJob = m_worker->reserveJobId();
        m_runningShot = id;
        setBusy(true);
        stepPlot()->reset(job.request.steps.value_or(12));
        m_progress->setValue(0);
        m_stepLabel->setText(tr("starting..."));
        m_status->setText(
            tr("Generating shot %1 (%2 frames)...").arg(index + 1).arg(job.totalFrames));
        const quint64 jobId = m_runningJob;
        InferenceWorker* worker = m_worker;
        QMetaObject::invokeMethod(
            worker, [worker, jobId, job] { worker->runJob(jobId, job); }, Qt::QueuedConnection);
        return;
    }
    emit queueFinished();
}

void MainWindow::onFinished(const JobResult& r) {
    if (r.jobId != m_runningJob) return;
    const int index = m_document->project().shotIndex(r.shotId.toStdString());
    if (!r.takeError.isEmpty()) {
        showError(tr("The clip was made but could not be stored: %1").arg(r.takeError));
    } else if (r.take && index >= 0) {
        project::EditShot op{index, m_document->project().shots[std::size_t(index)]};
        op.shot.takes.push_back(*r.take);
        op.shot.selectedTake = r.take->id;
        m_takes.insert(m_document->folder(), *r.take, r.frames);
        if (m_document->apply(op))
            m_status->setText(tr("Shot %1: %2, %3 frames, seed %4, %5 s")
                                  .arg(index + 1)
                                  .arg(QString::fromStdString(r.take->id))
                                  .arg(r.frames.size())
                                  .arg(r.seed)
                                  .arg(r.seconds, 0, 'f', 1) +
                              (r.note.isEmpty() ? QString() : QStringLiteral("; ") + r.note));
    } else if (index < 0) {
        m_status->setText(
            tr("The shot was deleted while it was generated; its clip is kept in "
               "the media folder."));
    }
    m_preview->showClip(r.frames, r.fps);
    onJobOver();
}

void MainWindow::onJobOver() {
    m_runningJob = 0;
    m_runningShot.clear();
    setBusy(false);
    emit jobEnded();
    startNextJob();
}

void MainWindow::cancel() {
    m_queue.clear();
    if (m_worker != nullptr) m_worker->cancelAll();
}

void MainWindow::setBusy(bool busy) {
    m_cancel->setEnabled(busy);
    m_cancelAction->setEnabled(busy);
    m_progress->setVisible(busy);
    if (!busy) m_stepLabel->clear();
}

void MainWindow::showError(const QString& message) {
    m_status->setText(message);
    statusBar()->showMessage(message, 8000);
    if (!QApplication::platformName().contains(QLatin1String("offscreen")))
        QMessageBox::warning(this, tr("Kinora Studio"), message);
}

}  // namespace kinora::ui
