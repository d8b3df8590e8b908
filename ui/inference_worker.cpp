#include "inference_worker.h"

#include "image_convert.h"
#include "util/error.h"

namespace kinora::ui {

InferenceWorker::InferenceWorker(EngineOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options)) {
    qRegisterMetaType<kinora::GenerationRequest>();
    qRegisterMetaType<kinora::ui::JobResult>();
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
    try {
        m_engine = std::make_unique<Engine>(m_options);
        emit modelReady(QString::fromStdString(m_engine->config().name),
                        m_engine->parameterCount());
        return true;
    } catch (const std::exception& e) {
        emit failed(jobId, QString::fromStdString(e.what()));
        return false;
    }
}

void InferenceWorker::run(quint64 jobId, const kinora::GenerationRequest& request) {
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
        const GenerationResult r = m_engine->generate(request, callbacks);
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
        emit finished(out);
    } catch (const std::exception& e) {
        emit failed(jobId, QString::fromStdString(e.what()));
    }
}

}  // namespace kinora::ui
