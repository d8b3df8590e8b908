#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kinora::server {

/// @brief Where a job stands, as the Videos API names it.
enum class JobStatus { Queued, InProgress, Completed, Failed };
const char* name(JobStatus status);  ///< "queued", "in_progress", "completed", "failed"

/// @brief What a job makes, resolved when it was accepted: everything the worker needs to
/// make it (again, after a restart), with unset fields taking the model's defaults.
struct JobSettings {
    std::string prompt;
    std::string mode;  ///< name(GenerationMode) ("text-to-video", ...); empty: automatic
    std::optional<std::string> negativePrompt;
    uint64_t seed = 0;
    std::optional<int> steps;
    std::optional<double> guidance;
    int width = 0;
    int height = 0;
    int frames = 0;  ///< the clip's length in frames (seconds x fps)
    int fps = 0;
    /// Pictures given with the job, as file names in its folder (PNG, decoded and checked
    /// when the job was accepted).
    std::string firstFrame;
    std::string lastFrame;
    std::string mask;
    std::vector<std::string> references;
    std::string contextVideoId;  ///< extension: the completed video continued
    std::string project;         ///< project renders: the project's file name
    bool force = false;          ///< project renders: re-render shots that have a take
};

struct JobError {
    std::string code;  ///< "invalid_request", "moderation_blocked", "server_restarted", ...
    std::string message;
};

/// @brief `value` with at most 3 decimals and no trailing zeros ("4", "2.125").
std::string decimalText(double value);

/// @brief One video job: the Videos API's video object plus what Kinora keeps to make it.
struct VideoJob {
    std::string id;              ///< "video_" + 32 hex digits; never a path
    std::string kind = "video";  ///< "video" or "project" (a storyboard render)
    JobStatus status = JobStatus::Queued;
    int progress = 0;       ///< 0..100
    int64_t createdAt = 0;  ///< Unix seconds
    int64_t sequence = 0;   ///< order of creation on this server (list order, queue order)
    std::optional<int64_t> completedAt;
    std::string apiModel;   ///< the model as the client named it ("sora-2")
    std::string modelName;  ///< the server's model that makes it ("kinora-tiny")
    std::optional<JobError> error;
    std::string remixedFrom;  ///< the source video of a remix
    std::string remixMode;    ///< "regenerate" or "extend" (remixes only)
    JobSettings settings;
    // What the worker reports while and after it runs.
    int step = 0;
    int totalSteps = 0;
    double secondsLeft = 0.0;
    double secondsPerStep = 0.0;
    double totalSeconds = 0.0;
    std::string resultMode;    ///< the mode the clip was made in
    uint32_t watermarkId = 0;  ///< the id in the clip's invisible watermark
    std::string videoFile;     ///< "video.mp4" (or ".y4m" in builds without FFmpeg)

    bool finished() const { return status == JobStatus::Completed || status == JobStatus::Failed; }
    /// "WxH", as the API reports sizes.
    std::string size() const;
    /// The clip's duration in seconds as the API reports it: a decimal string ("4", "2.125").
    std::string seconds() const;
    /// @brief The Videos API's video object (id, object, model, status, progress, created_at,
    /// completed_at, expires_at, size, seconds, prompt, remixed_from_video_id, error) and
    /// Kinora's own fields beside them (mode, seed, steps, watermark_id, ...).
    nlohmann::json toApi() const;
    /// @brief Everything, as stored in the job's folder (video.json).
    nlohmann::json toRecord() const;
    /// @brief A stored record; throws Error naming the field that is missing or wrong.
    static VideoJob fromRecord(const nlohmann::json& record);
};

}  // namespace kinora::server
