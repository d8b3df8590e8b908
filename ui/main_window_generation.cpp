// MainWindow: the inference worker, the queue of shots to generate, and the one job
// state every view of it is drawn from.
#include <QApplication>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStatusBar>

#include "job_queue.h"
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
#include "storyboard_model.h"
#include "storyboard_view.h"
#include "timeline_view.h"

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
    m_modelInfo.reset();
    m_inspector->setModelModes({}, {});  // not known until the new worker reports
    options.modelDir = m_loadedModel.toStdString();
    options.device = m_settings.device.toStdString();
    options.threads.threads = m_settings.threads;
    options.promptList = m_settings.promptList.toStdString();
    // A failed load of the model before says nothing about this one.
    if (m_message.kind == Message::Kind::ModelError) setMessage(QString());
    m_worker = new InferenceWorker(options);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(
        m_worker, &InferenceWorker::modelReady, this,
        [this](const QString& name, qint64 params, const QString& dir) {
            statusBar()->showMessage(tr("Model %1 (%2 M parameters)")
                                         .arg(name)
                                         .arg(QLocale().toString(double(params) / 1e6, 'f', 1)));
            if (m_message.kind == Message::Kind::ModelError) setMessage(QString());
            m_plots->setModelFolder(dir);
            // The prompt editor shows the words this model knows (none for a model that
            // reads any text).
            QStringList words;
            for (const auto& w : knownWords(dir.toStdString())) words << QString::fromStdString(w);
            m_inspector->promptEditor()->setKnownWords(words);
        });
    connect(m_worker, &InferenceWorker::modelInfo, this, [this](const ModelInfo& info) {
        m_modelInfo = info;
        m_inspector->setModelModes(QString::fromStdString(info.name), info.modes);
    });
    connect(m_worker, &InferenceWorker::modelCanvases, this,
            [this](const QStringList& names, const QList<QSize>& sizes) {
                m_presetNames = names;
                m_presetSizes = sizes;
            });
    connect(m_worker, &InferenceWorker::progress, this,
            [this](quint64 id, int step, int total, double left, double change) {
                QueueEntry* e = runningEntry();
                if (id != m_runningJob || e == nullptr) return;
                e->step = step;
                e->totalSteps = total;
                e->secondsLeft = left;
                stepPlot()->addStep(step, change);
                refreshJobViews();
            });
    connect(m_worker, &InferenceWorker::windowStarted, this,
            [this](quint64 id, int window, int windows) {
                QueueEntry* e = runningEntry();
                if (id != m_runningJob || e == nullptr) return;
                e->window = window + 1;
                e->windows = windows;
                refreshJobViews();
            });
    connect(m_worker, &InferenceWorker::preview, this,
            [this](quint64 id, int, const QVector<QImage>& frames) {
                // The step count lives in the step line only: the caption never disagrees.
                if (id != m_runningJob) return;
                m_preview->showStep(frames, previewCaption());
            });
    connect(m_worker, &InferenceWorker::finished, this, &MainWindow::onFinished);
    connect(m_worker, &InferenceWorker::cancelled, this, [this](quint64 id, int stepsDone) {
        QueueEntry* e = runningEntry();
        if (id != m_runningJob || e == nullptr) return;
        e->state = QueueEntry::State::Cancelled;
        const bool all = std::none_of(m_jobs.begin(), m_jobs.end(), [](const QueueEntry& q) {
            return q.state == QueueEntry::State::Queued;
        });
        if (all && m_jobDocumentGeneration == quint64(m_documentGeneration))
            setMessage(tr("Cancelled after %n steps; nothing was changed.", nullptr, stepsDone));
        onJobOver();
    });
    connect(m_worker, &InferenceWorker::failed, this,
            [this](quint64 id, ErrorKind kind, const QString& message) {
                if (id != 0 && id != m_runningJob) return;
                const bool model = kind == ErrorKind::ModelLoad;
                const QString text =
                    model ? tr("The model could not be loaded: %1").arg(message) : message;
                if (id == 0) {  // loading the model, no job running
                    setMessage(text, Message::Kind::ModelError);
                    if (!QApplication::platformName().contains(QLatin1String("offscreen")))
                        QMessageBox::warning(this, tr("Kinora Studio"), text);
                    return;
                }
                if (QueueEntry* e = runningEntry()) {
                    e->state = QueueEntry::State::Failed;
                    e->detail = text;
                }
                // Without a model nothing else can run; another job's problem is its own.
                if (model)
                    for (QueueEntry& q : m_jobs)
                        if (q.state == QueueEntry::State::Queued) {
                            q.state = QueueEntry::State::Cancelled;
                            q.detail = tr("the model could not be loaded");
                        }
                if (m_jobDocumentGeneration == quint64(m_documentGeneration)) {
                    if (model) {
                        setMessage(text, Message::Kind::ModelError);
                        if (!QApplication::platformName().contains(QLatin1String("offscreen")))
                            QMessageBox::warning(this, tr("Kinora Studio"), text);
                    } else {
                        showError(text);
                    }
                }
                onJobOver();
            });
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &InferenceWorker::load, Qt::QueuedConnection);
}

void MainWindow::stopWorker() {
    if (m_worker == nullptr) return;
    for (QueueEntry& q : m_jobs)
        if (!q.ended()) q.state = QueueEntry::State::Cancelled;
    m_worker->cancelAll();
    m_thread.quit();
    m_thread.wait();
    m_worker = nullptr;
    if (m_runningJob != 0) {
        m_runningJob = 0;
        m_runningKey = 0;
        setBusy(false);
        emit jobEnded();
    }
    refreshJobViews();
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
        setMessage(tr("Every shot has a take."));
        return;
    }
    generateShots(ids);
}

int MainWindow::shotNumber(const QString& shotId) const {
    return m_document->project().shotIndex(shotId.toStdString()) + 1;
}

QString MainWindow::shotProblem(int index) const {
    const auto& p = m_document->project();
    if (index < 0 || index >= int(p.shots.size())) return {};
    const project::Shot& s = p.shots[std::size_t(index)];
    if (QString::fromStdString(s.prompt).trimmed().isEmpty())
        return tr("Shot %1 has no prompt: write what happens in it, then generate.").arg(index + 1);
    const auto unknown = project::unknownMentions(s.prompt, p);
    if (!unknown.empty())
        return tr("Shot %1 mentions @%2, who is not a character of this project. Add the "
                  "character or fix the name, then generate again.")
            .arg(index + 1)
            .arg(QString::fromStdString(unknown.front()));
    if (s.continuous && index == 0)
        return tr(
            "Shot 1 is set to continue the shot before it, but it is the first shot: "
            "untick \"Continues the previous shot\" or move it after another shot.");
    const QString refused = m_inspector->refusal(QString::fromStdString(s.prompt));
    if (!refused.isEmpty()) return tr("Shot %1: %2").arg(index + 1).arg(refused);
    return {};
}

void MainWindow::generateShots(const QStringList& shotIds) {
    // What the user must fix is caught before anything runs (the other shots go ahead),
    // and the message goes as soon as it is fixed.
    QStringList ready;
    QString firstId, firstProblem;
    for (const QString& id : shotIds) {
        const QString problem = shotProblem(m_document->project().shotIndex(id.toStdString()));
        if (problem.isEmpty()) {
            ready << id;
        } else if (firstProblem.isEmpty()) {
            firstId = id;
            firstProblem = problem;
        }
    }
    if (!firstProblem.isEmpty())
        showError(firstProblem, [this, firstId, firstProblem] {
            return shotProblem(shotNumber(firstId) - 1) == firstProblem;
        });
    bool added = false;
    for (const QString& id : ready) {
        const bool waiting = std::any_of(m_jobs.begin(), m_jobs.end(), [&](const QueueEntry& e) {
            return e.shotId == id && !e.ended();
        });
        if (waiting) continue;
        QueueEntry e;
        e.key = m_nextKey++;
        e.shotId = id;
        m_jobs.push_back(e);
        m_batch.push_back(e.key);
        added = true;
    }
    if (added && m_runningJob == 0) startNextJob();
    refreshJobViews();
}

void MainWindow::cancelJob(quint64 key) {
    QueueEntry* e = entry(key);
    if (e == nullptr || e->ended()) return;
    if (e->state == QueueEntry::State::Queued) {
        e->state = QueueEntry::State::Cancelled;
        refreshJobViews();
        return;
    }
    // The worker runs one job at a time: cancelling all it has is cancelling this one.
    if (m_worker != nullptr) m_worker->cancelAll();
}

void MainWindow::startNextJob() {
    if (m_worker == nullptr) return;
    for (QueueEntry& e : m_jobs) {
        if (e.state != QueueEntry::State::Queued) continue;
        const auto& p = m_document->project();
        const int index = p.shotIndex(e.shotId.toStdString());
        if (index < 0) {  // deleted while waiting
            e.state = QueueEntry::State::Cancelled;
            e.detail = tr("the shot was deleted");
            continue;
        }
        Job job;
        try {
            // Prepared once, here, for the loaded model when it is known (the worker
            // prepares again only for another model).
            project::ShotJob shotJob =
                project::prepareShot(p, index, m_document->folder().toStdString(),
                                     m_modelInfo ? &*m_modelInfo : nullptr);
            if (m_modelInfo) job.preparedFor = QString::fromStdString(m_modelInfo->name);
            job.request = shotJob.request;
            job.totalFrames = shotJob.frames;
            job.lookCandidates = m_settings.lookCandidates;
        } catch (const std::exception& ex) {
            e.state = QueueEntry::State::Failed;
            e.detail = QString::fromStdString(ex.what());
            showError(tr("Shot %1 cannot be generated: %2").arg(index + 1).arg(e.detail));
            continue;
        }
        // Generating a shot again makes a variation: a new seed unless the seed is locked.
        const project::Shot& shot = p.shots[std::size_t(index)];
        if (!shot.takes.empty() && !shot.seedLocked)
            job.request.seed = QRandomGenerator::global()->bounded(2147483647u);
        job.take = TakeTarget{p, m_document->folder(), e.shotId};
        e.state = QueueEntry::State::Running;
        e.frames = job.totalFrames > 0 ? job.totalFrames : shot.duration;
        m_runningKey = e.key;
        m_runningJob = m_worker->reserveJobId();
        m_jobDocumentGeneration = quint64(m_documentGeneration);
        m_timeline->view()->pause();  // the preview shows the job now
        setBusy(true);
        stepPlot()->reset(job.request.steps.value_or(12));
        m_preview->showStep({}, previewCaption());
        const quint64 jobId = m_runningJob;
        InferenceWorker* worker = m_worker;
        QMetaObject::invokeMethod(
            worker, [worker, jobId, job] { worker->runJob(jobId, job); }, Qt::QueuedConnection);
        refreshJobViews();
        return;
    }
    m_batch.clear();
    refreshJobViews();
    emit queueFinished();
    if (m_pendingExport) {
        const ExportChoice choice = *m_pendingExport;
        m_pendingExport.reset();
        const QList<int> missing = shotsWithoutTake(choice);
        if (missing.isEmpty())
            runExport(choice);
        else
            showError(tr("Nothing was exported: %n shots still have no take.", nullptr,
                         int(missing.size())));
    }
}

void MainWindow::onFinished(const JobResult& r) {
    QueueEntry* e = runningEntry();
    if (r.jobId != m_runningJob || e == nullptr) return;
    e->state = QueueEntry::State::Done;
    e->seconds = r.seconds;
    if (m_jobDocumentGeneration != quint64(m_documentGeneration)) {
        // Made for a project that is no longer open: its files stay in that project's
        // folder, nothing goes into this one.
        e->detail = tr("for a project that was closed");
        showPlayheadFrame();
        return onJobOver();
    }
    const int index = m_document->project().shotIndex(r.shotId.toStdString());
    if (!r.takeError.isEmpty()) {
        e->state = QueueEntry::State::Failed;
        e->detail = r.takeError;
        showError(tr("The clip was made but could not be stored: %1").arg(r.takeError));
    } else if (r.take && index >= 0) {
        project::EditShot op{index, m_document->project().shots[std::size_t(index)]};
        op.shot.takes.push_back(*r.take);
        op.shot.selectedTake = r.take->id;
        op.shot.seed = r.take->seed;  // the seed shown is the one of the take shown
        m_takes.insert(m_document->folder(), *r.take, r.frames);
        e->detail = QString::fromStdString(r.take->id);
        if (m_document->apply(op)) {
            const QString shotId = r.shotId;
            const QString rest = tr("%1, %n frames, seed %2, %3", nullptr, int(r.frames.size()))
                                     .arg(QString::fromStdString(r.take->id))
                                     .arg(r.seed)
                                     .arg(formatDuration(r.seconds)) +
                                 (r.note.isEmpty() ? QString() : QStringLiteral("; ") + r.note);
            setMessage(Message{[this, shotId, rest] {
                                   return tr("Shot %1: %2").arg(shotNumber(shotId)).arg(rest);
                               },
                               [this, shotId] { return shotNumber(shotId) > 0; },
                               Message::Kind::Info});
        }
    } else if (index < 0) {
        e->detail = tr("the shot was deleted; its clip is in the media folder");
        setMessage(
            tr("The shot was deleted while it was generated; its clip is kept in "
               "the media folder."));
    }
    m_preview->showClip(r.frames, r.fps);
    onJobOver();
}

void MainWindow::onJobOver() {
    const bool cancelledOrFailed =
        runningEntry() != nullptr && runningEntry()->state != QueueEntry::State::Done;
    m_runningJob = 0;
    m_runningKey = 0;
    setBusy(false);
    // A stopped job leaves no half-denoised frame: the preview shows the cut again.
    if (cancelledOrFailed) showPlayheadFrame();
    emit jobEnded();
    startNextJob();
}

void MainWindow::cancel() {
    for (QueueEntry& q : m_jobs)
        if (q.state == QueueEntry::State::Queued) q.state = QueueEntry::State::Cancelled;
    m_pendingExport.reset();
    if (m_worker != nullptr && m_runningJob != 0) m_worker->cancelAll();
    refreshJobViews();
}

void MainWindow::setBusy(bool busy) {
    m_cancel->setEnabled(busy);
    m_cancelAction->setEnabled(busy);
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
}

QueueEntry* MainWindow::entry(quint64 key) {
    for (QueueEntry& e : m_jobs)
        if (e.key == key) return &e;
    return nullptr;
}

QueueEntry* MainWindow::runningEntry() {
    return m_runningKey == 0 ? nullptr : entry(m_runningKey);
}

QString MainWindow::stepText() const {
    for (const QueueEntry& e : m_jobs)
        if (e.key == m_runningKey && e.state == QueueEntry::State::Running)
            return QueuePanel::stateText(e);
    return {};
}

QString MainWindow::previewCaption() const {
    for (const QueueEntry& e : m_jobs) {
        if (e.key != m_runningKey || e.state != QueueEntry::State::Running) continue;
        return e.totalSteps > 0 ? tr("Shot %1: denoising").arg(shotNumber(e.shotId))
                                : tr("Shot %1: starting...").arg(shotNumber(e.shotId));
    }
    return m_caption;
}

void MainWindow::setMessage(const QString& text, Message::Kind kind, std::function<bool()> valid) {
    setMessage(Message{[text] { return text; }, std::move(valid), kind});
}

void MainWindow::setMessage(Message message) {
    m_message = std::move(message);
    refreshJobViews();
}

QString MainWindow::inStudioWords(QString message) {
    // The engine names shots for the command line, "shot 2 (shot-2)": the studio shows
    // numbers only, and says Generate where the CLI says render.
    static const QRegularExpression id(
        QStringLiteral("\\b([Ss]hot \\d+) \\(shot-[A-Za-z0-9_-]*\\)"));
    message.replace(id, QStringLiteral("\\1"));
    message.replace(QStringLiteral("render it first"), QStringLiteral("generate it first"));
    if (!message.isEmpty()) message[0] = message[0].toUpper();
    return message;
}

void MainWindow::showError(const QString& text, std::function<bool()> valid) {
    const QString message = inStudioWords(text);
    setMessage(message, Message::Kind::Error, std::move(valid));
    statusBar()->showMessage(message, 8000);
    if (!QApplication::platformName().contains(QLatin1String("offscreen")))
        QMessageBox::warning(this, tr("Kinora Studio"), message);
}

void MainWindow::refreshJobViews() {
    if (m_status == nullptr) return;  // still building the window
    // The status line: the running job (and the run it belongs to), else the latest
    // message while it is still true.
    const QueueEntry* running = nullptr;
    for (const QueueEntry& e : m_jobs)
        if (e.key == m_runningKey && e.state == QueueEntry::State::Running) running = &e;
    QString status;
    if (running != nullptr) {
        status = tr("Generating shot %1 (%n frames)...", nullptr, running->frames)
                     .arg(shotNumber(running->shotId));
        int position = 0, count = 0;
        double waitingFrames = 0;
        for (quint64 key : m_batch) {
            const QueueEntry* e = nullptr;
            for (const QueueEntry& q : m_jobs)
                if (q.key == key) e = &q;
            if (e == nullptr || e->state == QueueEntry::State::Cancelled) continue;
            ++count;
            if (key == m_runningKey) position = count;
            if (e->state != QueueEntry::State::Queued) continue;
            const int index = shotNumber(e->shotId) - 1;
            if (index >= 0)
                waitingFrames += m_document->project().shots[std::size_t(index)].duration;
        }
        if (count > 1) {
            status +=
                QStringLiteral(" ") + tr("Shot %1 of %2 in the queue").arg(position).arg(count);
            // The others take about as long a frame as this one does.
            if (running->secondsLeft >= 0 && running->totalSteps > 0 && running->step > 0) {
                const double perStep =
                    running->secondsLeft / std::max(1, running->totalSteps - running->step);
                const double thisJob = perStep * running->totalSteps;
                const double all =
                    running->secondsLeft + thisJob * waitingFrames / std::max(1, running->frames);
                status += tr(", about %1 left in all").arg(formatDuration(all));
            }
        }
    }
    // The latest message while it is true; beside a running job only a problem (the job's
    // own line says the rest).
    if (m_message.text && (!m_message.valid || m_message.valid())) {
        if (running == nullptr)
            status = m_message.text();
        else if (m_message.kind != Message::Kind::Info)
            status += QLatin1Char('\n') + m_message.text();
    } else {
        m_message = {};
    }
    m_status->setText(status);
    const QString step = stepText();
    m_stepLabel->setText(step);
    if (running != nullptr && running->totalSteps > 0) {
        m_progress->setRange(0, running->totalSteps);
        m_progress->setValue(running->step);
    } else {
        m_progress->setRange(0, 0);  // busy until the first step
    }
    m_queuePanel->setEntries(m_jobs);
    QHash<QString, QString> states;
    for (const QueueEntry& e : m_jobs)
        if (!e.ended())
            states[e.shotId] =
                e.state == QueueEntry::State::Running
                    ? (e.totalSteps > 0 ? tr("Generating %1%").arg(100 * e.step / e.totalSteps)
                                        : tr("Starting"))
                    : tr("Queued");
    m_storyboardModel->setJobStates(states);
    m_timeline->view()->setJobStates(states);
}

}  // namespace kinora::ui
