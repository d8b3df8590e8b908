#include "server/video_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "media/clip_writer.h"
#include "media/image_header.h"
#include "media/image_import.h"
#include "media/png_writer.h"
#include "models/registry.h"
#include "pipeline/long_clip.h"
#include "project/project.h"
#include "project/render.h"
#include "provenance/delivery.h"
#include "server/job_frames.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora::server {

namespace fs = std::filesystem;

namespace {

int64_t unixNow() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

uint64_t randomSeed() {
    std::random_device device;
    return (static_cast<uint64_t>(device()) << 21) ^ device();  // < 2^53: exact in JSON doubles
}

bool validUtf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int extra = c < 0x80             ? 0
                          : (c & 0xE0) == 0xC0 ? 1
                          : (c & 0xF0) == 0xE0 ? 2
                          : (c & 0xF8) == 0xF0 ? 3
                                               : -1;
        if (extra < 0 || s.size() - i <= static_cast<std::size_t>(extra)) return false;
        for (int k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return true;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// A number the whole text spells (finite); unset otherwise.
std::optional<double> parsedNumber(const std::string& text) {
    std::size_t used = 0;
    double v = 0.0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (used != text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// A number field of a request (a whole one when `whole`), refused with its name when it is
// not one in range.
std::optional<double> numberField(const RequestFields& f, const std::string& key, double lo,
                                  double hi, bool whole = false) {
    const auto it = f.text.find(key);
    if (it == f.text.end() || it->second.empty()) return std::nullopt;
    const auto v = parsedNumber(it->second);
    if (!v || *v < lo || *v > hi || (whole && std::floor(*v) != *v))
        throw ApiError(400, "invalid_value",
                       key + " must be a " + (whole ? "whole " : "") + "number from " +
                           decimalText(lo) + " to " + decimalText(hi) + ", not '" +
                           printablePath(it->second) + "'",
                       key);
    return v;
}

std::string textField(const RequestFields& f, const std::string& key) {
    const auto it = f.text.find(key);
    return it == f.text.end() ? std::string() : it->second;
}

// Modes whose clip ends where something given fixes it: one window of the model.
bool oneWindowMode(GenerationMode mode) {
    return mode == GenerationMode::Connect || mode == GenerationMode::Loop ||
           mode == GenerationMode::ExtendBackward || mode == GenerationMode::Inpaint;
}

const char* kVariants = "video, thumbnail, spritesheet";

}  // namespace

std::vector<std::string> ServedModel::sizes() const {
    std::vector<std::string> out;
    auto add = [&](int w, int h) {
        const std::string s = std::to_string(w) + "x" + std::to_string(h);
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    };
    add(info.defaults.width, info.defaults.height);
    for (const auto& p : info.canvasPresets) add(p.width, p.height);
    return out;
}

VideoService::VideoService(ServiceOptions options)
    : m_options(std::move(options)),
      m_filter(m_options.engine.promptList.empty()
                   ? safety::PromptFilter::builtIn()
                   : safety::PromptFilter::fromFile(m_options.engine.promptList)),
      m_store(m_options.dataDir) {
    if (m_options.queueLimit < 1) throw Error("the queue must hold at least one job");
    std::vector<std::string> paths = m_options.models;
    if (paths.empty()) {
        for (const std::string& name : embeddedModelNames()) {
            try {
                paths.push_back(embeddedModelDir(name));
            } catch (const Error&) {
                if (paths.empty()) throw;  // the default must be there; siblings may not
            }
        }
    }
    // Load each once to learn what it makes, the default last so it stays loaded.
    m_models.resize(paths.size());
    for (std::size_t k = paths.size(); k-- > 0;) {
        EngineOptions eo = m_options.engine;
        eo.modelDir = resolveModelPath(paths[k]);
        m_engine.reset();
        m_engine = std::make_unique<Engine>(eo);
        m_enginePath = eo.modelDir;
        m_models[k] = ServedModel{m_engine->info().name, eo.modelDir, m_engine->info()};
    }
    for (std::size_t a = 0; a < m_models.size(); ++a)
        for (std::size_t b = a + 1; b < m_models.size(); ++b)
            if (m_models[a].name == m_models[b].name)
                throw Error("two models are both named '" + m_models[a].name + "' (" +
                            printablePath(m_models[a].path) + ", " +
                            printablePath(m_models[b].path) + "); serve one of them");
    if (!m_options.proModel.empty()) {
        const std::string pro = m_options.proModel;
        bool found = false;
        for (std::size_t k = 0; k < m_models.size() && !found; ++k)
            if (m_models[k].name == pro || samePath(m_models[k].path, resolveModelPath(pro))) {
                m_proIndex = k;
                found = true;
            }
        if (!found)
            throw Error("--pro-model '" + printablePath(pro) + "' is not one of the served models");
    }

    // Jobs of an earlier run: running ones failed with the reason, queued ones run.
    std::vector<VideoJob> stored = m_store.loadAll(m_problems);
    std::lock_guard<std::mutex> lock(m_mutex);
    for (VideoJob& job : stored) {
        m_sequence = std::max(m_sequence, job.sequence);
        if (job.status == JobStatus::InProgress) {
            job.status = JobStatus::Failed;
            job.completedAt = unixNow();
            job.error = JobError{"server_restarted",
                                 "the server stopped while this video was being made; create it "
                                 "again"};
            m_store.save(job);
        }
        m_versions[job.id] = 1;
        if (job.status == JobStatus::Queued) m_queue.push_back(job.id);
        m_jobs[job.id] = std::move(job);
    }
    m_worker = std::thread([this] { workerLoop(); });
}

VideoService::~VideoService() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_cancel.store(true);
    }
    m_changed.notify_all();
    if (m_worker.joinable()) m_worker.join();
}

void VideoService::requireQueueRoomLocked() const {
    if (static_cast<int>(m_queue.size()) >= m_options.queueLimit)
        throw ApiError(429, "queue_full",
                       "the queue is full (" + std::to_string(m_options.queueLimit) +
                           " videos waiting); try again when one has started",
                       {}, "rate_limit_exceeded");
}

void VideoService::stampLocked(VideoJob& job) {
    job.id = m_store.newId();
    job.createdAt = unixNow();
    job.sequence = ++m_sequence;
}

int VideoService::queued() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return static_cast<int>(m_queue.size());
}

void VideoService::waitIdle() const {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_changed.wait(lock, [&] { return m_stopping || (m_queue.empty() && m_running.empty()); });
}

const ServedModel& VideoService::resolveModel(const std::string& asked) const {
    if (asked.empty() || asked == "sora-2" || asked.rfind("sora-2-20", 0) == 0)
        return defaultModel();
    if (asked.rfind("sora-2-pro", 0) == 0) return proModel();
    for (const auto& m : m_models)
        if (m.name == asked) return m;
    std::vector<std::string> names;
    for (const auto& m : m_models) names.push_back(m.name);
    throw ApiError(
        400, "invalid_model",
        "model '" + printablePath(asked) + "' is not served here; models: " + joined(names) +
            " (sora-2 = " + defaultModel().name + ", sora-2-pro = " + proModel().name + ")",
        "model");
}

VideoJob VideoService::create(const RequestFields& fields) {
    const ServedModel& model = resolveModel(textField(fields, "model"));
    VideoJob job;
    job.apiModel = textField(fields, "model").empty() ? "sora-2" : textField(fields, "model");
    return accept(std::move(job), fields, model);
}

// Checks a request against the model and queues it: the job's folder holds its pictures,
// decoded and re-encoded as PNG, before the job is visible.
VideoJob VideoService::accept(VideoJob job, const RequestFields& fields, const ServedModel& model,
                              const std::string& picturesFrom) {
    const ModelInfo& info = model.info;
    JobSettings& s = job.settings;
    job.modelName = model.name;

    // Prompt: present, bounded, text, allowed.
    if (!fields.has("prompt") && s.prompt.empty())
        throw ApiError(400, "missing_required_parameter", "prompt is required", "prompt");
    if (fields.has("prompt")) s.prompt = textField(fields, "prompt");
    if (s.prompt.size() > m_options.maxPromptBytes)
        throw ApiError(400, "prompt_too_long",
                       "prompt is " + std::to_string(s.prompt.size()) + " bytes; at most " +
                           std::to_string(m_options.maxPromptBytes),
                       "prompt");
    if (!validUtf8(s.prompt))
        throw ApiError(400, "invalid_value", "prompt is not UTF-8 text", "prompt");
    if (s.prompt.find_first_not_of(" \t\r\n") == std::string::npos)
        throw ApiError(400, "invalid_value", "prompt is empty", "prompt");
    if (const auto refusal = m_filter.check(s.prompt))
        throw ApiError(400, "moderation_blocked", refusal->message(), "prompt");
    if (fields.has("negative_prompt")) {
        const std::string negative = textField(fields, "negative_prompt");
        if (negative.size() > m_options.maxPromptBytes || !validUtf8(negative))
            throw ApiError(400, "invalid_value", "negative_prompt is too long or not UTF-8 text",
                           "negative_prompt");
        s.negativePrompt = negative;
    }

    // Mode.
    std::optional<GenerationMode> mode;
    if (fields.has("mode") && !textField(fields, "mode").empty()) {
        mode = parseGenerationMode(textField(fields, "mode"));
        if (!mode || *mode == GenerationMode::Auto)
            throw ApiError(400, "invalid_value",
                           "mode '" + printablePath(textField(fields, "mode")) +
                               "' is not one of text-to-video, image-to-video, extend-forward, "
                               "extend-backward, connect, loop, inpaint",
                           "mode");
        if (!info.supports(*mode))
            throw ApiError(400, "unsupported_mode",
                           model.name + " does not make " + name(*mode) + " clips", "mode");
        s.mode = name(*mode);
    } else if (!s.mode.empty()) {
        mode = parseGenerationMode(s.mode);
    }
    const std::string context =
        fields.has("context_video_id") ? textField(fields, "context_video_id") : s.contextVideoId;
    if (!context.empty()) {
        if (!canWriteMp4())
            throw ApiError(400, "unsupported", "continuing a video needs a build with FFmpeg",
                           "context_video_id");
        const VideoJob source = get(context);
        if (source.status != JobStatus::Completed || source.kind != "video")
            throw ApiError(400, "invalid_value",
                           "context_video_id " + context + " is not a completed video",
                           "context_video_id");
        s.contextVideoId = context;
        if (!mode) {
            mode = GenerationMode::ExtendForward;
            s.mode = name(*mode);
        }
    }

    // Size: one of the model's canvases.
    if (fields.has("size") || s.width == 0) {
        const std::string size = textField(fields, "size");
        const std::vector<std::string> sizes = model.sizes();
        const std::string chosen = size.empty() ? sizes.front() : size;
        if (std::find(sizes.begin(), sizes.end(), chosen) == sizes.end())
            throw ApiError(400, "invalid_size",
                           "size '" + printablePath(size) + "' is not one " + model.name +
                               " makes; sizes: " + joined(sizes),
                           "size");
        const auto x = chosen.find('x');
        s.width = std::stoi(chosen.substr(0, x));
        s.height = std::stoi(chosen.substr(x + 1));
    }

    // Duration: seconds x the model's frame rate.
    s.fps = info.defaults.fps;
    const bool oneWindow = mode && oneWindowMode(*mode);
    const double window = static_cast<double>(info.defaults.frames) / s.fps;
    const double longest = oneWindow ? window : m_options.maxSeconds;
    const double shortest = 1.0 / s.fps;
    if (fields.has("seconds") || s.frames == 0) {
        const std::string text = textField(fields, "seconds");
        double seconds = oneWindow ? window : 4.0;  // the Videos API's default: 4 seconds
        if (!text.empty()) {
            const auto parsed = parsedNumber(text);
            if (!parsed || *parsed < shortest - 1e-9 || *parsed > longest + 1e-9)
                throw ApiError(400, "invalid_seconds",
                               "seconds '" + printablePath(text) + "' is not a duration " +
                                   model.name + " makes" + (oneWindow ? " in " + s.mode : "") +
                                   ": from " + decimalText(shortest) + " to " +
                                   decimalText(longest) + " seconds (" + std::to_string(s.fps) +
                                   " frames a second)",
                               "seconds");
            seconds = *parsed;
        }
        s.frames = std::max(1, static_cast<int>(std::lround(seconds * s.fps)));
    }

    // The model's own settings, when asked.
    if (const auto seed = numberField(fields, "seed", 0, 9007199254740992.0, true))
        s.seed = static_cast<uint64_t>(*seed);
    else if (s.seed == 0)
        s.seed = randomSeed();
    if (const auto steps = numberField(fields, "steps", 1, 1000, true))
        s.steps = static_cast<int>(*steps);
    if (const auto g = numberField(fields, "guidance", 0.0, 50.0)) s.guidance = *g;

    // Pictures, checked from their headers before anything is decoded.
    int pictures = 0;
    for (const auto& f : fields.files) {
        static const char* known[] = {"input_reference", "first_frame", "last_frame", "mask",
                                      "reference"};
        if (std::none_of(std::begin(known), std::end(known),
                         [&](const char* k) { return f.first == k; }))
            throw ApiError(400, "unknown_parameter",
                           "file field '" + printablePath(f.first) +
                               "' is not one of input_reference, first_frame, last_frame, mask, "
                               "reference",
                           f.first);
        ++pictures;
    }
    if (fields.files.count("input_reference") && fields.files.count("first_frame"))
        throw ApiError(400, "invalid_value",
                       "give input_reference or first_frame (the same picture), not both",
                       "first_frame");
    if (static_cast<int>(fields.files.count("reference")) > info.maxReferences)
        throw ApiError(400, "too_many_references",
                       model.name + " takes at most " + std::to_string(info.maxReferences) +
                           " reference pictures",
                       "reference");
    for (const char* single : {"input_reference", "first_frame", "last_frame", "mask"})
        if (fields.files.count(single) > 1)
            throw ApiError(400, "invalid_value", std::string("give one ") + single, single);
    for (const auto& f : fields.files) {
        const Upload& u = f.second;
        if (u.bytes.size() > m_options.maxImageBytes)
            throw ApiError(413, "file_too_large",
                           f.first + " is " + std::to_string(u.bytes.size()) +
                               " bytes; pictures may be at most " +
                               std::to_string(m_options.maxImageBytes),
                           f.first);
        try {
            const ImageHeader h = readImageHeader(reinterpret_cast<const uint8_t*>(u.bytes.data()),
                                                  u.bytes.size(), f.first);
            if (h.width * h.height > m_options.maxImagePixels)
                throw ApiError(400, "image_too_large",
                               f.first + " is " + std::to_string(h.width) + "x" +
                                   std::to_string(h.height) + " pixels; at most " +
                                   std::to_string(m_options.maxImagePixels) + " pixels",
                               f.first);
        } catch (const Error& e) {
            throw ApiError(400, "invalid_image", e.what(), f.first);
        }
    }

    std::unique_lock<std::mutex> lock(m_mutex);
    requireQueueRoomLocked();
    stampLocked(job);
    lock.unlock();

    const std::string dir = m_store.jobDir(job.id);
    try {
        int index = 0;
        for (const auto& f : fields.files) {
            const std::string raw = (fs::path(dir) / ("upload-" + std::to_string(index))).string();
            {
                std::ofstream out(raw, std::ios::binary);
                out.write(f.second.bytes.data(),
                          static_cast<std::streamsize>(f.second.bytes.size()));
                if (!out) throw Error("cannot store the upload", ErrorKind::Io);
            }
            Image image;
            try {
                image = readImage(raw);
            } catch (const Error& e) {
                fs::remove(raw);
                throw ApiError(400, "invalid_image",
                               f.first + ": not a picture that can be read (" + e.what() + ")",
                               f.first);
            }
            fs::remove(raw);
            std::string file;
            if (f.first == "reference") {
                file = "reference-" + std::to_string(s.references.size()) + ".png";
                s.references.push_back(file);
            } else if (f.first == "last_frame") {
                file = s.lastFrame = "last_frame.png";
            } else if (f.first == "mask") {
                file = s.mask = "mask.png";
            } else {
                file = s.firstFrame = "first_frame.png";
            }
            writePng((fs::path(dir) / file).string(), image);
            ++index;
        }
        if (!picturesFrom.empty()) {
            // A remix keeps the source's pictures: copied before the job can start.
            std::vector<std::string> files = s.references;
            for (const std::string& p : {s.firstFrame, s.lastFrame, s.mask})
                if (!p.empty()) files.push_back(p);
            for (const std::string& p : files)
                fs::copy_file(fs::path(picturesFrom) / p, fs::path(dir) / p,
                              fs::copy_options::overwrite_existing);
        }
        lock.lock();
        requireQueueRoomLocked();
        enqueueLocked(job);
    } catch (...) {
        if (lock.owns_lock()) lock.unlock();
        m_store.remove(job.id);
        throw;
    }
    return job;
}

void VideoService::enqueueLocked(VideoJob job) {
    job.status = JobStatus::Queued;
    m_store.save(job);
    m_versions[job.id] = 1;
    m_queue.push_back(job.id);
    m_jobs[job.id] = std::move(job);
    m_changed.notify_all();
}

VideoJob VideoService::remix(const std::string& id, const RequestFields& fields) {
    const VideoJob source = get(id);
    if (source.kind != "video")
        throw ApiError(400, "invalid_value",
                       "a project render cannot be remixed; render the project again", "video_id");
    if (source.status != JobStatus::Completed)
        throw ApiError(400, "video_not_ready",
                       "video " + id + " is " + name(source.status) +
                           "; only a completed video can be remixed",
                       "video_id");
    const std::string how =
        fields.has("remix_mode") ? textField(fields, "remix_mode") : "regenerate";
    if (how != "regenerate" && how != "extend")
        throw ApiError(400, "invalid_value",
                       "remix_mode '" + printablePath(how) + "' is not regenerate or extend",
                       "remix_mode");
    if (!fields.files.empty())
        throw ApiError(400, "invalid_value", "a remix takes a prompt, no pictures", "prompt");
    const ServedModel& model = resolveModel(source.modelName);
    VideoJob job;
    job.apiModel = source.apiModel;
    job.remixedFrom = id;
    job.remixMode = how;
    RequestFields f;
    for (const char* key : {"prompt", "seconds", "negative_prompt", "seed", "steps", "guidance"})
        if (fields.has(key)) f.text[key] = textField(fields, key);
    if (!f.has("prompt"))
        throw ApiError(400, "missing_required_parameter", "prompt is required", "prompt");
    if (how == "regenerate") {
        // The same job with a new prompt: same seed, size, duration, mode and pictures.
        job.settings = source.settings;
        job.settings.prompt.clear();
        return accept(std::move(job), f, model, m_store.jobDir(id));
    }
    // Extend: the source continued by the new prompt; the video holds both.
    job.settings.width = source.settings.width;
    job.settings.height = source.settings.height;
    job.settings.seed = source.settings.seed;
    job.settings.steps = source.settings.steps;
    job.settings.guidance = source.settings.guidance;
    job.settings.negativePrompt = source.settings.negativePrompt;
    job.settings.contextVideoId = id;
    job.settings.mode = name(GenerationMode::ExtendForward);
    if (!f.has("seconds")) f.text["seconds"] = source.seconds();
    return accept(std::move(job), f, model);
}

VideoJob VideoService::extend(const RequestFields& fields) {
    if (fields.files.count("video"))
        throw ApiError(400, "invalid_value",
                       "send the id of a completed video on this server ({\"video\": {\"id\": "
                       "...}}); uploaded videos are not extended",
                       "video");
    std::string id = textField(fields, "video[id]");
    if (id.empty()) id = textField(fields, "video");
    if (id.empty())
        throw ApiError(400, "missing_required_parameter",
                       "video is required: {\"id\": ...} of a completed video", "video");
    RequestFields f = fields;
    f.text.erase("video[id]");
    f.text.erase("video");
    f.text["remix_mode"] = "extend";
    return remix(id, f);
}

VideoJob VideoService::renderProject(const std::string& projectName, const RequestFields& fields) {
    if (m_options.projectsDir.empty())
        throw ApiError(404, "not_found",
                       "this server renders no projects (start it with --projects DIR)");
    const bool nameOk = !projectName.empty() && projectName.size() <= 128 &&
                        projectName[0] != '.' &&
                        std::all_of(projectName.begin(), projectName.end(), [](char c) {
                            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                                   c == '_' || c == '.' || c == ' ';
                        });
    if (!nameOk)
        throw ApiError(400, "invalid_value",
                       "a project name is letters, digits, spaces, '-', '_' and '.', not "
                       "starting with '.'",
                       "name");
    std::string file = projectName;
    if (file.size() < 7 || file.compare(file.size() - 7, 7, ".kinora") != 0) file += ".kinora";
    const std::string path = (fs::path(m_options.projectsDir) / file).string();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec) || !staysInside(m_options.projectsDir, path))
        throw ApiError(404, "not_found", "no project '" + file + "' in the projects folder",
                       "name");
    project::Project doc;
    try {
        doc = project::loadProject(path);
    } catch (const Error& e) {
        throw ApiError(400, "invalid_project", e.what(), "name");
    }
    if (doc.shots.empty())
        throw ApiError(400, "invalid_project", "project '" + file + "' has no shots", "name");
    // The project's model must be one this server serves.
    const ServedModel* model = &defaultModel();
    if (!doc.settings.model.empty()) {
        model = nullptr;
        std::string wanted;
        try {
            wanted = resolveModelPath(doc.settings.model);
        } catch (const Error&) {
            wanted = doc.settings.model;
        }
        for (const auto& m : m_models)
            if (m.name == doc.settings.model || samePath(m.path, wanted)) model = &m;
        if (!model)
            throw ApiError(400, "invalid_model",
                           "project '" + file + "' is made with " +
                               printablePath(doc.settings.model) +
                               ", which this server does not serve",
                           "name");
    }
    VideoJob job;
    job.kind = "project";
    job.apiModel = model->name;
    job.settings.project = file;
    job.settings.prompt = doc.name.empty() ? file : doc.name;
    job.settings.force = textField(fields, "force") == "true" || textField(fields, "force") == "1";
    job.settings.width = doc.canvas.width;
    job.settings.height = doc.canvas.height;
    job.settings.fps = doc.canvas.fps;
    int frames = 0;
    for (const auto& shot : doc.shots) frames += shot.duration;
    job.settings.frames = std::max(1, frames);
    job.modelName = model->name;
    std::lock_guard<std::mutex> lock(m_mutex);
    requireQueueRoomLocked();
    stampLocked(job);
    enqueueLocked(job);
    return job;
}

VideoJob VideoService::get(const std::string& id) const {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = JobStore::isValidId(id) ? m_jobs.find(id) : m_jobs.end();
    if (it == m_jobs.end())
        throw ApiError(404, "not_found", "no video with id '" + printablePath(id) + "'",
                       "video_id");
    return it->second;
}

VideoPage VideoService::list(const std::string& after, int limit, bool ascending) const {
    if (limit < 1 || limit > 100)
        throw ApiError(400, "invalid_value", "limit must be from 1 to 100", "limit");
    std::lock_guard<std::mutex> lock(m_mutex);
    std::vector<const VideoJob*> all;
    for (const auto& [id, job] : m_jobs) all.push_back(&job);
    std::sort(all.begin(), all.end(), [&](const VideoJob* a, const VideoJob* b) {
        return ascending ? a->sequence < b->sequence : a->sequence > b->sequence;
    });
    std::size_t start = 0;
    if (!after.empty()) {
        const auto it =
            std::find_if(all.begin(), all.end(), [&](const VideoJob* j) { return j->id == after; });
        if (it == all.end())
            throw ApiError(400, "invalid_value",
                           "after: no video with id '" + printablePath(after) + "'", "after");
        start = static_cast<std::size_t>(it - all.begin()) + 1;
    }
    VideoPage page;
    for (std::size_t k = start;
         k < all.size() && page.data.size() < static_cast<std::size_t>(limit); ++k)
        page.data.push_back(*all[k]);
    page.hasMore = start + page.data.size() < all.size();
    return page;
}

void VideoService::remove(const std::string& id) {
    std::unique_lock<std::mutex> lock(m_mutex);
    const auto it = JobStore::isValidId(id) ? m_jobs.find(id) : m_jobs.end();
    if (it == m_jobs.end())
        throw ApiError(404, "not_found", "no video with id '" + printablePath(id) + "'",
                       "video_id");
    m_jobs.erase(it);
    m_versions.erase(id);
    m_previews.erase(id);
    m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), id), m_queue.end());
    if (m_running == id) {
        // The worker stops at its next step and removes the folder when it returns.
        m_runningDeleted = true;
        m_cancel.store(true);
    } else {
        m_store.remove(id);
    }
    m_changed.notify_all();
}

VideoService::Content VideoService::content(const std::string& id,
                                            const std::string& variant) const {
    const VideoJob job = get(id);
    if (variant != "video" && variant != "thumbnail" && variant != "spritesheet")
        throw ApiError(400, "invalid_value",
                       "variant '" + printablePath(variant) + "' is not one of " + kVariants,
                       "variant");
    if (job.status != JobStatus::Completed)
        throw ApiError(
            400, "video_not_ready",
            "video " + id + " is " + name(job.status) + "; its content comes when it is completed",
            "video_id");
    const fs::path dir = fs::path(m_store.dataDir()) / "videos" / id;
    if (variant == "thumbnail") return {(dir / "thumbnail.png").string(), "image/png"};
    if (variant == "spritesheet") return {(dir / "spritesheet.png").string(), "image/png"};
    const bool mp4 =
        job.videoFile.size() > 4 && job.videoFile.substr(job.videoFile.size() - 4) == ".mp4";
    return {(dir / job.videoFile).string(), mp4 ? "video/mp4" : "video/x-yuv4mpeg"};
}

JobSnapshot VideoService::waitForChange(const std::string& id, uint64_t seenVersion,
                                        std::chrono::milliseconds timeout) const {
    std::unique_lock<std::mutex> lock(m_mutex);
    auto version = [&]() -> uint64_t {
        const auto it = m_versions.find(id);
        return it == m_versions.end() ? 0 : it->second;
    };
    if (!JobStore::isValidId(id) || !m_jobs.count(id))
        throw ApiError(404, "not_found", "no video with id '" + printablePath(id) + "'",
                       "video_id");
    m_changed.wait_for(lock, timeout,
                       [&] { return m_stopping || !m_jobs.count(id) || version() > seenVersion; });
    const auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        throw ApiError(404, "not_found", "video '" + id + "' was deleted", "video_id");
    JobSnapshot snap;
    snap.job = it->second;
    snap.version = version();
    snap.stopping = m_stopping;
    const auto p = m_previews.find(id);
    if (p != m_previews.end()) {
        snap.previewStep = p->second.first;
        snap.previewPng = p->second.second;
    }
    return snap;
}

void VideoService::update(const VideoJob& job, bool save) {
    std::lock_guard<std::mutex> lock(m_mutex);
    const auto it = m_jobs.find(job.id);
    if (it == m_jobs.end()) return;  // deleted meanwhile
    it->second = job;
    ++m_versions[job.id];
    if (save) saveLocked(job);
    m_changed.notify_all();
}

void VideoService::saveLocked(const VideoJob& job) {
    // The worker keeps going when the record cannot be written (a full disk): the job's
    // state is still served from memory, and the failure is said once per job.
    try {
        m_store.save(job);
    } catch (const std::exception& e) {
        if (m_saveFailures.insert(job.id).second)
            std::fprintf(stderr, "kinora server: cannot save %s: %s\n", job.id.c_str(), e.what());
    }
}

Engine& VideoService::engineFor(const std::string& modelPath) {
    if (!m_engine || m_enginePath != modelPath) {
        m_engine.reset();  // one model in memory at a time
        EngineOptions eo = m_options.engine;
        eo.modelDir = modelPath;
        m_engine = std::make_unique<Engine>(eo);
        m_enginePath = modelPath;
    }
    return *m_engine;
}

void VideoService::workerLoop() {
    for (;;) {
        VideoJob job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_running.clear();
            m_runningDeleted = false;
            m_changed.notify_all();
            m_changed.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
            if (m_stopping) return;
            const std::string id = m_queue.front();
            m_queue.pop_front();
            m_running = id;
            m_cancel.store(false);
            job = m_jobs.at(id);
        }
        runJob(std::move(job));
    }
}

void VideoService::runJob(VideoJob job) {
    job.status = JobStatus::InProgress;
    job.progress = 0;
    update(job, true);
    std::string model;
    for (const auto& m : m_models)
        if (m.name == job.modelName) model = m.path;
    try {
        const std::string dir = m_store.jobDir(job.id);
        if (model.empty()) throw Error("model '" + job.modelName + "' is no longer served here");
        Engine& engine = engineFor(model);
        if (job.kind == "project")
            runProject(job, engine, dir);
        else
            runVideo(job, engine, dir);
    } catch (const ApiError& e) {
        job.status = JobStatus::Failed;
        job.error = JobError{e.code, e.what()};
    } catch (const Error& e) {
        job.status = JobStatus::Failed;
        const char* code = e.kind() == ErrorKind::PromptRefused    ? "moderation_blocked"
                           : e.kind() == ErrorKind::InvalidRequest ? "invalid_request"
                           : e.kind() == ErrorKind::ModelLoad      ? "model_load_failed"
                                                                   : "generation_failed";
        job.error = JobError{code, e.what()};
    } catch (const std::exception& e) {
        job.status = JobStatus::Failed;
        job.error = JobError{"generation_failed", e.what()};
    }
    if (job.status == JobStatus::InProgress) {  // cancelled: deleted, or the server stops
        job.status = JobStatus::Failed;
        job.error =
            JobError{"server_stopped", "the server stopped while this video was being made"};
    }
    job.completedAt = unixNow();
    // The final state and the end of the run in one step, so a delete lands either before
    // (the worker removes the folder) or after (remove() does).
    bool deleted = false;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        deleted = m_runningDeleted;
        if (!deleted) {
            m_jobs[job.id] = job;
            ++m_versions[job.id];
            saveLocked(job);
        }
        m_running.clear();
        m_runningDeleted = false;
    }
    m_changed.notify_all();
    if (deleted) m_store.remove(job.id);
}

void VideoService::runVideo(VideoJob& job, Engine& engine, const std::string& dir) {
    const JobSettings& s = job.settings;
    GenerationRequest r;
    r.prompt = s.prompt;
    if (!s.mode.empty()) r.mode = *parseGenerationMode(s.mode);
    r.negativePrompt = s.negativePrompt;
    r.seed = s.seed;
    r.steps = s.steps;
    r.guidance = s.guidance;
    r.width = s.width;
    r.height = s.height;
    r.fps = s.fps;
    auto picture = [&](const std::string& file) {
        return readImage((fs::path(dir) / file).string());
    };
    if (!s.firstFrame.empty()) r.firstFrame = picture(s.firstFrame);
    if (!s.lastFrame.empty()) r.lastFrame = picture(s.lastFrame);
    if (!s.mask.empty()) r.regionMask = picture(s.mask);
    for (const std::string& f : s.references) r.references.push_back(picture(f));
    Clip source;
    if (!s.contextVideoId.empty()) {
        VideoJob from;
        try {
            from = get(s.contextVideoId);
        } catch (const ApiError&) {
            throw Error("the video it continues (" + s.contextVideoId + ") was deleted");
        }
        source =
            readClip((fs::path(m_store.dataDir()) / "videos" / from.id / from.videoFile).string(),
                     from.settings.fps);
        source.watermarkIds = {from.watermarkId};
        r.context = source.frames;
    }

    GenerationCallbacks callbacks;
    callbacks.cancel = &m_cancel;
    const auto started = std::chrono::steady_clock::now();
    auto lastSaved = started;
    callbacks.onProgress = [&](const StepProgress& p) {
        job.step = p.step;
        job.totalSteps = p.totalSteps;
        job.progress = p.totalSteps > 0 ? std::min(99, 100 * p.step / p.totalSteps) : 0;
        job.secondsLeft = p.secondsLeft;
        const auto now = std::chrono::steady_clock::now();
        const bool save = now - lastSaved > std::chrono::seconds(5);  // progress survives a crash
        if (save) lastSaved = now;
        update(job, save);
    };
    callbacks.onPreview = [&](const StepPreview& p) {
        if (p.frames.empty()) return;
        const Image& frame = p.frames[p.frames.size() / 2];
        const std::vector<uint8_t> png = encodePng(frame);
        std::lock_guard<std::mutex> lock(m_mutex);
        if (!m_jobs.count(job.id)) return;
        m_previews[job.id] = {p.step, std::string(png.begin(), png.end())};
        ++m_versions[job.id];
        m_changed.notify_all();
    };
    LongClipResult made = generateLongClip(engine, r, s.frames, callbacks);
    if (made.result.cancelled) return;  // still in progress: runJob says why
    Clip clip = std::move(made.result.clip);
    if (job.remixMode == "extend" && !source.frames.empty()) {
        // A remix that extends delivers the whole video: the source, then what follows it.
        std::vector<Image> frames = std::move(source.frames);
        frames.insert(frames.end(), std::make_move_iterator(clip.frames.begin()),
                      std::make_move_iterator(clip.frames.end()));
        clip.frames = std::move(frames);
        clip.watermarkIds.insert(clip.watermarkIds.begin(), source.watermarkIds.begin(),
                                 source.watermarkIds.end());
        job.settings.frames = static_cast<int>(clip.frames.size());
    }
    job.videoFile = canWriteMp4() ? "video.mp4" : "video.y4m";
    // The content credentials' title: the name clients download it under.
    writeClipFile(
        clip, (fs::path(dir) / job.videoFile).string(),
        contentCredentialsFor(clip, job.id + job.videoFile.substr(job.videoFile.find('.'))));
    writeJobPictures(clip, dir);
    job.resultMode = made.result.mode;
    job.watermarkId = made.result.watermarkId;
    job.secondsPerStep = made.result.timings.stepSeconds.empty()
                             ? 0.0
                             : made.result.timings.denoiseSeconds /
                                   static_cast<double>(made.result.timings.stepSeconds.size());
    job.totalSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    job.status = JobStatus::Completed;
    job.progress = 100;
}

void VideoService::runProject(VideoJob& job, Engine& engine, const std::string& dir) {
    const std::string path = (fs::path(m_options.projectsDir) / job.settings.project).string();
    project::Project doc = project::loadProject(path);
    project::RenderOptions ro;
    ro.force = job.settings.force;
    ro.cancel = &m_cancel;
    const std::string film = (fs::path(dir) / (canWriteMp4() ? "video.mp4" : "video.y4m")).string();
    ro.filmPath = film;
    const auto started = std::chrono::steady_clock::now();
    ro.onProgress = [&](const project::RenderProgress& p) {
        job.step = p.step.step;
        job.totalSteps = p.step.totalSteps;
        const double perShot = 100.0 / std::max(1, p.shots);
        const double within = p.step.totalSteps > 0 ? double(p.step.step) / p.step.totalSteps : 0.0;
        job.progress = std::min(99, static_cast<int>(perShot * (p.shot + within)));
        job.secondsLeft = p.step.secondsLeft;
        update(job, false);
    };
    const project::RenderReport report = project::renderProject(doc, path, engine, ro);
    if (report.cancelled) return;
    if (report.film.empty()) throw Error("the project rendered no film");
    const Clip clip = project::assembleFilm(doc, fs::path(path).parent_path().string());
    writeJobPictures(clip, dir);
    job.videoFile = fs::path(film).filename().string();
    job.settings.frames = report.filmFrames;
    job.settings.width = clip.width();
    job.settings.height = clip.height();
    job.settings.fps = clip.fps;
    job.resultMode = "project";
    job.totalSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    job.status = JobStatus::Completed;
    job.progress = 100;
}

}  // namespace kinora::server
