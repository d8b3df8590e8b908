#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/engine.h"
#include "safety/prompt_filter.h"
#include "server/job_store.h"
#include "server/video_job.h"

namespace kinora::server {

/// @brief A refusal as the Videos API reports it: the HTTP status and the error object's
/// type, code and param ({"error": {"message", "type", "param", "code"}}).
class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string code, const std::string& message, std::string param = {},
             std::string type = "invalid_request_error")
        : std::runtime_error(message),
          status(status),
          code(std::move(code)),
          param(std::move(param)),
          type(std::move(type)) {}
    int status;
    std::string code;
    std::string param;
    std::string type;
};

/// @brief A file sent with a request (a multipart part, or a data URL in JSON).
struct Upload {
    std::string bytes;
    std::string filename;
};

/// @brief A request's fields as the client sent them, multipart or JSON alike: text
/// fields by name, files by name (a name may repeat: `reference`).
struct RequestFields {
    std::map<std::string, std::string> text;
    std::multimap<std::string, Upload> files;
    bool has(const std::string& key) const { return text.count(key) > 0; }
};

/// @brief A model the server makes videos with, and what it can make.
struct ServedModel {
    std::string name;  ///< ModelInfo::name: what clients ask for
    std::string path;  ///< its folder (or files)
    ModelInfo info;
    /// "WxH" of every canvas it is made for, its default first.
    std::vector<std::string> sizes() const;
};

struct ServiceOptions {
    std::string dataDir;              ///< jobs and their files; made when missing
    std::vector<std::string> models;  ///< paths or shipped names; empty: the shipped models
    /// The model `sora-2-pro` stands for (a served model's name or path); empty: the first.
    /// `sora-2` always stands for the first (the default).
    std::string proModel;
    int queueLimit = 16;       ///< jobs waiting at most (the running one not counted)
    double maxSeconds = 20.0;  ///< longest clip a request may ask for
    std::string projectsDir;   ///< where POST /v1/projects/{name}/render looks; empty: off
    /// How every model is loaded (device, precision, threads, prompt list); modelDir unused.
    EngineOptions engine;
    std::size_t maxImageBytes = 32u << 20;  ///< an uploaded picture's file size at most
    int64_t maxImagePixels = 40'000'000;    ///< its width x height at most (read from its header)
    std::size_t maxPromptBytes = 20'000;
};

/// @brief One page of GET /v1/videos.
struct VideoPage {
    std::vector<VideoJob> data;
    bool hasMore = false;
};

/// @brief A job as the events stream sees it: the job, a counter that grows with every
/// change, and the latest live preview frame (PNG).
struct JobSnapshot {
    VideoJob job;
    uint64_t version = 0;
    std::string previewPng;
    int previewStep = 0;
    bool stopping = false;  ///< the service is shutting down
};

/// @brief The Videos API's logic without HTTP: accepts jobs into a bounded queue, runs them
/// one at a time on its own inference worker thread (which owns the Engine), keeps them on
/// disk (JobStore) so they survive a restart (a job that was running comes back failed with
/// the reason; queued ones run), and answers queries. Every public method is thread-safe
/// and returns at once: no request ever waits for the worker. Throws ApiError for requests
/// it refuses.
class VideoService {
public:
    /// @brief Opens the data folder, learns what every model can make (loading each once)
    /// and starts the worker. Throws Error when a model cannot load or the folder cannot be
    /// made.
    explicit VideoService(ServiceOptions options);
    /// Cancels the running job (saved as failed: the server stopped) and joins the worker.
    ~VideoService();
    VideoService(const VideoService&) = delete;
    VideoService& operator=(const VideoService&) = delete;

    /// @brief POST /v1/videos: checks everything (model, size, seconds, mode, pictures,
    /// prompt) and queues the job.
    VideoJob create(const RequestFields& fields);
    /// @brief POST /v1/videos/{id}/remix: a completed video made again with a new prompt,
    /// the same seed and settings ("regenerate", the default) or continued by it
    /// (`remix_mode` "extend": the returned video is the source with the new part after it).
    VideoJob remix(const std::string& id, const RequestFields& fields);
    /// @brief POST /v1/videos/extensions: a completed video (`video[id]`, or `video` as
    /// an id) continued by a new prompt for `seconds` more: remix() with remix_mode extend.
    VideoJob extend(const RequestFields& fields);
    /// @brief POST /v1/projects/{name}/render: renders a .kinora project in the projects
    /// folder (its shots without a take, all with `force`); the video is the film.
    VideoJob renderProject(const std::string& name, const RequestFields& fields);
    VideoJob get(const std::string& id) const;
    /// @brief Jobs in creation order (`ascending`) or newest first, after the one `after`
    /// names (empty: from the start), at most `limit` (1..100).
    VideoPage list(const std::string& after, int limit, bool ascending) const;
    /// @brief Deletes a job and its files; a queued one leaves the queue, a running one is
    /// cancelled first.
    void remove(const std::string& id);

    struct Content {
        std::string path;
        std::string contentType;
    };
    /// @brief The file of a completed job: variant "video" (the MP4, signed and watermarked),
    /// "thumbnail" (PNG), "spritesheet" (PNG grid of frames).
    Content content(const std::string& id, const std::string& variant) const;

    /// @brief Waits until the job changes past `seenVersion`, the timeout passes, or the
    /// service stops; returns the job as it is then. Throws ApiError (404) for an unknown id.
    JobSnapshot waitForChange(const std::string& id, uint64_t seenVersion,
                              std::chrono::milliseconds timeout) const;

    const std::vector<ServedModel>& models() const { return m_models; }
    const ServedModel& defaultModel() const { return m_models.front(); }
    const ServedModel& proModel() const { return m_models[m_proIndex]; }
    /// @brief Messages about stored jobs found unreadable or failed at start.
    const std::vector<std::string>& startupProblems() const { return m_problems; }
    /// @brief Jobs waiting (not counting the running one).
    int queued() const;
    /// @brief Blocks until nothing is queued or running (tests, benchmarks).
    void waitIdle() const;

private:
    const ServedModel& resolveModel(const std::string& asked) const;
    VideoJob accept(VideoJob job, const RequestFields& fields, const ServedModel& model,
                    const std::string& picturesFrom = {});
    void enqueueLocked(VideoJob job);
    void workerLoop();
    void runJob(VideoJob job);
    void runVideo(VideoJob& job, Engine& engine, const std::string& dir);
    void runProject(VideoJob& job, Engine& engine, const std::string& dir);
    Engine& engineFor(const std::string& modelPath);
    void update(const VideoJob& job, bool save);
    void saveLocked(const VideoJob& job);
    /// Throws ApiError (429) when the queue is full.
    void requireQueueRoomLocked() const;
    /// A new job's id, creation time and place in the order.
    void stampLocked(VideoJob& job);

    ServiceOptions m_options;
    std::vector<ServedModel> m_models;
    std::size_t m_proIndex = 0;
    safety::PromptFilter m_filter;
    JobStore m_store;
    std::vector<std::string> m_problems;

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;  ///< any job changed, or the queue did
    std::map<std::string, VideoJob> m_jobs;
    std::map<std::string, uint64_t> m_versions;
    std::map<std::string, std::pair<int, std::string>> m_previews;  ///< step, PNG
    std::deque<std::string> m_queue;
    std::set<std::string> m_saveFailures;
    std::string m_running;  ///< id of the job the worker runs ("" when idle)
    bool m_runningDeleted = false;
    int64_t m_sequence = 0;
    bool m_stopping = false;
    std::atomic<bool> m_cancel{false};

    std::unique_ptr<Engine> m_engine;  ///< worker thread only
    std::string m_enginePath;
    std::thread m_worker;
};

}  // namespace kinora::server
