#include "inference_worker.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "image_convert.h"
#ifdef KINORA_HAVE_OPENCV
#include "eval/look_match.h"
#endif
#include "pipeline/long_clip.h"
#include "project/render.h"
#include "util/error.h"

namespace kinora::ui {

namespace {

// The judge of a shot's tries by its character's look (look matching needs OpenCV).
project::LookJudgeMaker lookJudge() {
#ifdef KINORA_HAVE_OPENCV
    return eval::lookJudge;
#else
    return {};
#endif
}

}  // namespace

InferenceWorker::InferenceWorker(EngineOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options)) {
    qRegisterMetaType<kinora::GenerationRequest>();
    qRegisterMetaType<kinora::ui::JobResult>();
    qRegisterMetaType<kinora::ui::Job>();
    qRegisterMetaType<kinora::ErrorKind>();
    qRegisterMetaType<kinora::ModelInfo>();
}

InferenceWorker::~InferenceWorker() = default;

quint64 InferenceWorker::reserveJobId() {
    return m_nextId++;
}

void InferenceWorker::cancelAll() {
    m_cancelUpTo = m_nextId.load() - 1;
    m_cancelRunning = true;
}

bool InferenceWorker::ensureEngine(quint64 jobId) {
    if (m_engine) return true;
#ifdef __linux__
    // The GUI thread must stay responsive while every core denoises: this thread, and the
    // torch/OpenMP worker threads it creates (they inherit it), yield to it. Measured
    // with `kinora --measure-latency`.
    if (m_lowerPriority) setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 5);
#endif
    try {
        m_engine = std::make_unique<Engine>(m_options);
        emit modelInfo(m_engine->info());
        emit modelReady(QString::fromStdString(m_engine->info().name), m_engine->info().parameters,
                        QString::fromStdString(m_engine->modelDir()));
        QStringList names;
        QList<QSize> sizes;
        for (const auto& preset : m_engine->info().canvasPresets) {
            names << QString::fromStdString(preset.name);
            sizes << QSize(preset.width, preset.height);
        }
        emit modelCanvases(names, sizes);
        return true;
    } catch (const Error& e) {
        emit failed(jobId, e.kind(), QString::fromStdString(e.what()));
        return false;
    } catch (const std::exception& e) {
        emit failed(jobId, ErrorKind::ModelLoad, QString::fromStdString(e.what()));
        return false;
    }
}

void InferenceWorker::load() {
    ensureEngine(0);
}

void InferenceWorker::run(quint64 jobId, const kinora::GenerationRequest& request) {
    Job job;
    job.request = request;
    runJob(jobId, job);
}

void InferenceWorker::runJob(quint64 jobId, const kinora::ui::Job& job) {
    if (jobId <= m_cancelUpTo) {
        emit cancelled(jobId, 0);
        return;
    }
    m_cancelRunning = false;
    if (jobId <= m_cancelUpTo) {  // cancelAll() raced with the reset above
        emit cancelled(jobId, 0);
        return;
    }
    if (!ensureEngine(jobId)) return;
    emit started(jobId);
    GenerationCallbacks callbacks;
    callbacks.cancel = &m_cancelRunning;
    callbacks.onProgress = [&](const StepProgress& p) {
        emit progress(jobId, p.step, p.totalSteps, p.secondsLeft, p.predictionChange);
    };
    callbacks.onPreview = [&](const StepPreview& p) {
        QVector<QImage> frames;
        for (const auto& f : p.frames) frames.push_back(toQImage(f));
        emit preview(jobId, p.step, frames);
    };
    try {
        GenerationResult r;
        GenerationRequest request = job.request;
        if (job.take) {
            // What only the loaded model decides: a model that conditions on pixels is shown
            // every reference picture of the shot's characters, and the project's and the
            // shot's LoRA files go on its denoiser.
            const auto& p = job.take->project;
            const int index = p.shotIndex(job.take->shotId.toStdString());
            const std::string folder = job.take->folder.toStdString();
            project::ShotJob shot;
            if (m_engine->info().pixelConditioning &&
                job.preparedFor != QString::fromStdString(m_engine->info().name)) {
                shot = project::prepareShot(p, index, folder, &m_engine->info());
                request.references = shot.request.references;
            } else {
                shot.loras = project::shotLoras(p, index, folder);
            }
            project::applyShotLoras(
                *m_engine, shot,
                "shot " + std::to_string(index + 1) + " (" + job.take->shotId.toStdString() + ")");
        }
        LongClipOptions options;
        const std::string fallback =
            project::matchShotLook(options, request, job.lookCandidates, lookJudge());
        QString note;
        if (!fallback.empty())
            note = tr("one try a window: %1").arg(QString::fromStdString(fallback));
        else if (options.candidates > 1)
            note = tr("best of %1 tries a window").arg(options.candidates);
        const bool judged = options.candidates > 1;
        options.onWindow = [&](int window, int windows) {
            emit windowStarted(jobId, window, windows);
        };
        if (job.totalFrames > 0 || judged) {
            const int total = job.totalFrames > 0
                                  ? job.totalFrames
                                  : request.frames.value_or(m_engine->info().defaults.frames);
            r = generateLongClip(*m_engine, request, total, callbacks, options).result;
        } else {
            r = m_engine->generate(request, callbacks);
        }
        if (r.cancelled) {
            emit cancelled(jobId, r.stepsDone);
            return;
        }
        JobResult out;
        out.jobId = jobId;
        for (const auto& f : r.clip.frames) out.frames.push_back(toQImage(f));
        out.fps = r.clip.fps;
        out.seed = r.seed;
        out.steps = r.steps;
        out.seconds = r.timings.totalSeconds;
        out.mode = QString::fromStdString(r.mode);
        out.prompt = QString::fromStdString(r.prompt);
        out.note = note;
        if (job.take) {
            out.shotId = job.take->shotId;
            try {
                const int index = job.take->project.shotIndex(job.take->shotId.toStdString());
                out.take = project::storeTake(job.take->project, index,
                                              job.take->folder.toStdString(), r, r.prompt);
            } catch (const std::exception& e) {
                out.takeError = QString::fromStdString(e.what());
            }
        }
        emit finished(out);
    } catch (const Error& e) {
        emit failed(jobId, e.kind(), QString::fromStdString(e.what()));
    } catch (const std::exception& e) {
        emit failed(jobId, ErrorKind::Internal, QString::fromStdString(e.what()));
    }
}

}  // namespace kinora::ui
