#include "server/video_job.h"

#include <cstdio>

#include "util/error.h"

namespace kinora::server {

using nlohmann::json;

const char* name(JobStatus status) {
    switch (status) {
        case JobStatus::Queued:
            return "queued";
        case JobStatus::InProgress:
            return "in_progress";
        case JobStatus::Completed:
            return "completed";
        case JobStatus::Failed:
            return "failed";
    }
    return "failed";
}

namespace {

JobStatus parseStatus(const std::string& text) {
    for (JobStatus s :
         {JobStatus::Queued, JobStatus::InProgress, JobStatus::Completed, JobStatus::Failed})
        if (text == name(s)) return s;
    throw Error("status '" + text + "' is not one of queued, in_progress, completed, failed");
}

std::string hex8(uint32_t id) {
    char text[16];
    std::snprintf(text, sizeof text, "%08x", id);
    return text;
}

json optionalInt(const std::optional<int>& v) {
    return v ? json(*v) : json(nullptr);
}

}  // namespace

std::string VideoJob::size() const {
    return std::to_string(settings.width) + "x" + std::to_string(settings.height);
}

std::string decimalText(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    std::string s = text;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string VideoJob::seconds() const {
    return settings.fps > 0 ? decimalText(static_cast<double>(settings.frames) / settings.fps)
                            : "0";
}

json VideoJob::toApi() const {
    json j = {
        {"id", id},
        {"object", "video"},
        {"model", apiModel},
        {"status", name(status)},
        {"progress", progress},
        {"created_at", createdAt},
        {"completed_at", completedAt ? json(*completedAt) : json(nullptr)},
        {"expires_at", nullptr},  // kept until deleted
        {"size", size()},
        {"seconds", seconds()},
        {"prompt", settings.prompt},
        {"remixed_from_video_id", remixedFrom.empty() ? json(nullptr) : json(remixedFrom)},
        {"error", error ? json{{"code", error->code}, {"message", error->message}} : json(nullptr)},
        // Kinora's own fields; clients of the Videos API ignore them.
        {"kinora_model", modelName},
        {"kind", kind},
        {"mode", resultMode.empty() ? settings.mode : resultMode},
        {"seed", settings.seed},
        {"fps", settings.fps},
        {"frames", settings.frames},
        {"step", step},
        {"total_steps", totalSteps}};
    if (!remixMode.empty()) j["remix_mode"] = remixMode;
    if (!settings.contextVideoId.empty()) j["context_video_id"] = settings.contextVideoId;
    if (!settings.project.empty()) j["project"] = settings.project;
    if (status == JobStatus::InProgress) j["seconds_left"] = secondsLeft;
    if (status == JobStatus::Completed) {
        j["watermark_id"] = watermarkId ? json(hex8(watermarkId)) : json(nullptr);
        j["seconds_per_step"] = secondsPerStep;
        j["generation_seconds"] = totalSeconds;
    }
    return j;
}

json VideoJob::toRecord() const {
    json s = {{"prompt", settings.prompt},
              {"mode", settings.mode},
              {"negative_prompt",
               settings.negativePrompt ? json(*settings.negativePrompt) : json(nullptr)},
              {"seed", settings.seed},
              {"steps", optionalInt(settings.steps)},
              {"guidance", settings.guidance ? json(*settings.guidance) : json(nullptr)},
              {"width", settings.width},
              {"height", settings.height},
              {"frames", settings.frames},
              {"fps", settings.fps},
              {"first_frame", settings.firstFrame},
              {"last_frame", settings.lastFrame},
              {"mask", settings.mask},
              {"references", settings.references},
              {"context_video_id", settings.contextVideoId},
              {"project", settings.project},
              {"force", settings.force}};
    return {
        {"version", 1},
        {"id", id},
        {"kind", kind},
        {"status", name(status)},
        {"progress", progress},
        {"created_at", createdAt},
        {"sequence", sequence},
        {"completed_at", completedAt ? json(*completedAt) : json(nullptr)},
        {"model", apiModel},
        {"model_name", modelName},
        {"error", error ? json{{"code", error->code}, {"message", error->message}} : json(nullptr)},
        {"remixed_from_video_id", remixedFrom},
        {"remix_mode", remixMode},
        {"settings", s},
        {"step", step},
        {"total_steps", totalSteps},
        {"seconds_per_step", secondsPerStep},
        {"generation_seconds", totalSeconds},
        {"result_mode", resultMode},
        {"watermark_id", watermarkId},
        {"video_file", videoFile}};
}

VideoJob VideoJob::fromRecord(const json& r) {
    try {
        if (!r.is_object()) throw Error("not a JSON object");
        if (r.at("version").get<int>() != 1)
            throw Error("version " + r.at("version").dump() + " is not 1");
        VideoJob job;
        job.id = r.at("id").get<std::string>();
        job.kind = r.at("kind").get<std::string>();
        if (job.kind != "video" && job.kind != "project")
            throw Error("kind '" + job.kind + "' is not video or project");
        job.status = parseStatus(r.at("status").get<std::string>());
        job.progress = r.at("progress").get<int>();
        job.createdAt = r.at("created_at").get<int64_t>();
        job.sequence = r.at("sequence").get<int64_t>();
        if (!r.at("completed_at").is_null()) job.completedAt = r.at("completed_at").get<int64_t>();
        job.apiModel = r.at("model").get<std::string>();
        job.modelName = r.at("model_name").get<std::string>();
        if (!r.at("error").is_null())
            job.error = JobError{r.at("error").at("code").get<std::string>(),
                                 r.at("error").at("message").get<std::string>()};
        job.remixedFrom = r.at("remixed_from_video_id").get<std::string>();
        job.remixMode = r.at("remix_mode").get<std::string>();
        const json& s = r.at("settings");
        JobSettings& t = job.settings;
        t.prompt = s.at("prompt").get<std::string>();
        t.mode = s.at("mode").get<std::string>();
        if (!s.at("negative_prompt").is_null())
            t.negativePrompt = s.at("negative_prompt").get<std::string>();
        t.seed = s.at("seed").get<uint64_t>();
        if (!s.at("steps").is_null()) t.steps = s.at("steps").get<int>();
        if (!s.at("guidance").is_null()) t.guidance = s.at("guidance").get<double>();
        t.width = s.at("width").get<int>();
        t.height = s.at("height").get<int>();
        t.frames = s.at("frames").get<int>();
        t.fps = s.at("fps").get<int>();
        t.firstFrame = s.at("first_frame").get<std::string>();
        t.lastFrame = s.at("last_frame").get<std::string>();
        t.mask = s.at("mask").get<std::string>();
        t.references = s.at("references").get<std::vector<std::string>>();
        t.contextVideoId = s.at("context_video_id").get<std::string>();
        t.project = s.at("project").get<std::string>();
        t.force = s.at("force").get<bool>();
        job.step = r.at("step").get<int>();
        job.totalSteps = r.at("total_steps").get<int>();
        job.secondsPerStep = r.at("seconds_per_step").get<double>();
        job.totalSeconds = r.at("generation_seconds").get<double>();
        job.resultMode = r.at("result_mode").get<std::string>();
        job.watermarkId = r.at("watermark_id").get<uint32_t>();
        job.videoFile = r.at("video_file").get<std::string>();
        return job;
    } catch (const json::exception& e) {
        throw Error(std::string("job record: ") + e.what());
    } catch (const Error& e) {
        throw Error(std::string("job record: ") + e.what());
    }
}

}  // namespace kinora::server
