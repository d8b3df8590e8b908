#pragma once

#include <QImage>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>
#include <optional>

#include "pipeline/engine.h"
#include "pipeline/generation.h"
#include "project/project.h"
#include "util/error.h"

namespace kinora::ui {

/// @brief Where a finished clip goes when it is a shot's new take: the project as it was
/// when the job was made (for ids and folders) and the shot. The worker writes the take's
/// files on its own thread; the GUI adds the take to the document.
struct TakeTarget {
    project::Project project;
    QString folder;
    QString shotId;
};

/// @brief One job for the worker (value type, crosses threads).
struct Job {
    GenerationRequest request;
    /// Frames to make; more than one window's worth makes a long clip of overlapping
    /// windows (pipeline/long_clip.h). 0: one window of request.frames.
    int totalFrames = 0;
    /// With a character reference: tries a window, the one closest to the reference's
    /// look kept (eval::matchLook); 1: one try. A reference the matcher cannot read falls
    /// back to one try (JobResult::note says so).
    int lookCandidates = 1;
    std::optional<TakeTarget> take;
    /// The model `request` was prepared for (its name; empty: none known yet). A model
    /// that conditions on pixels is shown the shot's references as that model takes them;
    /// the worker prepares the shot again only when its loaded model is another.
    QString preparedFor;
};

/// @brief What the GUI gets back from a finished job (value type, crosses threads).
struct JobResult {
    quint64 jobId = 0;
    QVector<QImage> frames;
    int fps = 8;
    quint64 seed = 0;
    int steps = 0;
    double seconds = 0.0;
    QString mode;
    QString prompt;
    QString shotId;                     ///< set for a shot's job
    std::optional<project::Take> take;  ///< the stored take (files written)
    QString takeError;                  ///< why storing the take failed, if it did
    QString note;  ///< how the clip was chosen ("best of 2 tries a window"), if it was
};

/// @brief Owns the engine and runs generation jobs, one at a time, in the order they
/// were enqueued. Lives on its own QThread (ARCHITECTURE, Threads): the GUI thread
/// never runs torch. Results, progress and previews leave as queued signals carrying
/// values; the worker never touches a widget.
class InferenceWorker : public QObject {
    Q_OBJECT
public:
    explicit InferenceWorker(EngineOptions options, QObject* parent = nullptr);
    /// @brief Whether the worker's threads run at a lower priority than the GUI thread
    /// (default on; set before the first job).
    void setLowerPriority(bool on) { m_lowerPriority = on; }
    ~InferenceWorker() override;

    /// @brief Next job id; call from the GUI thread before enqueue().
    quint64 reserveJobId();
    /// @brief Cancels the running job and every job enqueued so far.
    /// Thread-safe: call directly from the GUI thread, not queued.
    void cancelAll();

public slots:
    /// @brief Runs a job (invoke queued from the GUI thread).
    void run(quint64 jobId, const kinora::GenerationRequest& request);
    void runJob(quint64 jobId, const kinora::ui::Job& job);
    /// @brief Loads the model now (so the studio can show its name before any job).
    void load();

signals:
    void modelReady(const QString& name, qint64 parameters, const QString& modelDir);
    /// @brief What the loaded model is (the studio prepares shots for it).
    void modelInfo(const kinora::ModelInfo& info);
    /// @brief The loaded model's canvases ("480p landscape" 832x480, ...), its own first.
    void modelCanvases(const QStringList& names, const QList<QSize>& sizes);
    void started(quint64 jobId);
    void progress(quint64 jobId, int step, int totalSteps, double secondsLeft,
                  double predictionChange);
    void preview(quint64 jobId, int step, const QVector<QImage>& frames);
    /// @brief A long shot's window `window` (0-based) of `windows` begins.
    void windowStarted(quint64 jobId, int window, int windows);
    void finished(const kinora::ui::JobResult& result);
    void cancelled(quint64 jobId, int stepsDone);
    /// @brief A job (or, with jobId 0, loading the model) failed; `kind` says how, so the
    /// window never reads the message to decide what to do.
    void failed(quint64 jobId, kinora::ErrorKind kind, const QString& message);

private:
    bool ensureEngine(quint64 jobId);

    EngineOptions m_options;
    bool m_lowerPriority = true;
    std::unique_ptr<Engine> m_engine;
    std::atomic<quint64> m_nextId{1};
    std::atomic<quint64> m_cancelUpTo{0};
    std::atomic<bool> m_cancelRunning{false};
};

}  // namespace kinora::ui

Q_DECLARE_METATYPE(kinora::GenerationRequest)
Q_DECLARE_METATYPE(kinora::ui::JobResult)
Q_DECLARE_METATYPE(kinora::ui::Job)
Q_DECLARE_METATYPE(kinora::ErrorKind)
Q_DECLARE_METATYPE(kinora::ModelInfo)
