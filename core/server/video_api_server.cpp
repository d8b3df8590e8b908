#include "server/video_api_server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>

#include <nlohmann/json.hpp>

#include "server/video_service.h"
#include "util/base64.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora::server {

using nlohmann::json;

bool isLoopbackHost(const std::string& host) {
    if (host == "localhost" || host == "::1" || host == "[::1]") return true;
    // 127.0.0.0/8 in dotted form.
    int parts = 0, value = -1;
    bool first127 = false;
    for (std::size_t i = 0; i <= host.size(); ++i) {
        if (i == host.size() || host[i] == '.') {
            if (value < 0 || value > 255) return false;
            if (parts == 0) first127 = value == 127;
            ++parts;
            value = -1;
        } else if (std::isdigit(static_cast<unsigned char>(host[i]))) {
            value = (value < 0 ? 0 : value * 10) + (host[i] - '0');
            if (value > 255) return false;
        } else {
            return false;
        }
    }
    return parts == 4 && first127;
}

bool sameToken(const std::string& given, const std::string& expected) {
    // Every byte of the client's token is compared (against the expected one, cycled), so
    // the time taken tells nothing about where a guess first goes wrong.
    unsigned difference = given.size() == expected.size() ? 0u : 1u;
    if (expected.empty()) return false;
    for (std::size_t i = 0; i < given.size(); ++i)
        difference |= static_cast<unsigned char>(given[i]) ^
                      static_cast<unsigned char>(expected[i % expected.size()]);
    return difference == 0;
}

namespace {

const char* kImageFields[] = {"input_reference", "first_frame", "last_frame", "mask"};

bool isImageField(const std::string& name) {
    return std::any_of(std::begin(kImageFields), std::end(kImageFields),
                       [&](const char* f) { return name == f; });
}

json errorBody(const std::string& message, const std::string& type, const std::string& code,
               const std::string& param) {
    return {{"error",
             {{"message", message},
              {"type", type},
              {"param", param.empty() ? json(nullptr) : json(param)},
              {"code", code.empty() ? json(nullptr) : json(code)}}}};
}

void sendError(httplib::Response& res, int status, const std::string& code,
               const std::string& message, const std::string& param = {},
               const std::string& type = "invalid_request_error") {
    res.status = status;
    res.set_content(errorBody(message, type, code, param).dump(), "application/json");
}

void sendJson(httplib::Response& res, const json& body, int status = 200) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

// A picture given in JSON: a base64 data URL, as a string or as {"image_url": ...}.
Upload uploadFromJson(const std::string& field, const json& value) {
    std::string url;
    if (value.is_string()) {
        url = value.get<std::string>();
    } else if (value.is_object() && value.contains("image_url") && value["image_url"].is_string()) {
        url = value["image_url"].get<std::string>();
    } else if (value.is_object() && value.contains("file_id")) {
        throw ApiError(400, "invalid_value",
                       field +
                           ": this server has no Files API; send the picture itself "
                           "(multipart, or a base64 data URL)",
                       field);
    } else {
        throw ApiError(400, "invalid_value",
                       field + " must be a base64 data URL or {\"image_url\": data URL}", field);
    }
    if (url.rfind("data:", 0) != 0)
        throw ApiError(400, "invalid_value",
                       field +
                           ": the server fetches nothing from the network; send the picture "
                           "(multipart) or a base64 data URL (data:image/png;base64,...)",
                       field);
    const auto comma = url.find(',');
    if (comma == std::string::npos || url.substr(0, comma).find(";base64") == std::string::npos)
        throw ApiError(400, "invalid_value",
                       field + ": a data URL must be base64 (data:...;base64,...)", field);
    auto bytes = decodeBase64(url.substr(comma + 1));
    if (!bytes)
        throw ApiError(400, "invalid_value", field + ": the data URL is not valid base64", field);
    return Upload{std::string(bytes->begin(), bytes->end()), field};
}

// The fields of a request body: JSON or multipart/form-data, alike.
RequestFields requestFields(const httplib::Request& req) {
    RequestFields fields;
    if (req.is_multipart_form_data()) {
        for (const auto& [name, part] : req.files) {
            std::string key = name;
            if (key == "reference[]" || key == "references" || key == "references[]")
                key = "reference";
            if (!part.filename.empty() || isImageField(key) || key == "reference")
                fields.files.emplace(key, Upload{part.content, part.filename});
            else
                fields.text[key] = part.content;
        }
        return fields;
    }
    if (req.body.empty()) return fields;
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0)
        throw ApiError(415, "unsupported_media_type",
                       "send the request as application/json or multipart/form-data");
    json body;
    try {
        body = json::parse(req.body);
    } catch (const json::exception&) {
        throw ApiError(400, "invalid_json", "the request body is not valid JSON");
    }
    if (!body.is_object())
        throw ApiError(400, "invalid_json", "the request body must be a JSON object");
    for (auto it = body.begin(); it != body.end(); ++it) {
        const std::string& key = it.key();
        const json& v = it.value();
        if (v.is_null()) continue;
        if (isImageField(key)) {
            fields.files.emplace(key, uploadFromJson(key, v));
        } else if (key == "video" && v.is_object() && v.contains("id") && v["id"].is_string()) {
            fields.text["video[id]"] = v["id"].get<std::string>();  // extensions
        } else if (key == "reference" || key == "references") {
            if (!v.is_array())
                throw ApiError(400, "invalid_value", key + " must be an array of pictures", key);
            for (const json& r : v)
                fields.files.emplace("reference", uploadFromJson("reference", r));
        } else if (v.is_string()) {
            fields.text[key] = v.get<std::string>();
        } else if (v.is_number() || v.is_boolean()) {
            fields.text[key] = v.dump();
        } else {
            throw ApiError(400, "invalid_value", key + " must be text or a number", key);
        }
    }
    return fields;
}

std::string sseEvent(const std::string& event, const json& data) {
    return "event: " + event + "\ndata: " + data.dump() + "\n\n";
}

json progressJson(const VideoJob& job) {
    return {{"id", job.id},     {"status", name(job.status)},    {"progress", job.progress},
            {"step", job.step}, {"total_steps", job.totalSteps}, {"seconds_left", job.secondsLeft}};
}

json modelJson(const ServedModel& m, const VideoService& service) {
    json modes = json::array();
    for (GenerationMode mode : m.info.modes) modes.push_back(name(mode));
    json aliases = json::array();
    if (&m == &service.defaultModel()) aliases.push_back("sora-2");
    if (&m == &service.proModel()) aliases.push_back("sora-2-pro");
    return {{"id", m.name},
            {"object", "model"},
            {"created", 0},
            {"owned_by", "kinora"},
            {"family", m.info.family},
            {"variant", m.info.variant},
            {"aliases", aliases},
            {"sizes", m.sizes()},
            {"fps", m.info.defaults.fps},
            {"default_frames", m.info.defaults.frames},
            {"modes", modes}};
}

}  // namespace

struct VideoApiServer::Impl {
    VideoService& service;
    HttpOptions options;
    httplib::Server http;
    std::atomic<int> streams{0};
    std::atomic<bool> stopping{false};

    Impl(VideoService& s, HttpOptions o) : service(s), options(std::move(o)) {}

    // Runs a handler body, turning refusals into the API's error shape.
    template <class F>
    void guarded(httplib::Response& res, F&& body) {
        try {
            body();
        } catch (const ApiError& e) {
            sendError(res, e.status, e.code, e.what(), e.param, e.type);
        } catch (const Error& e) {
            const bool client =
                e.kind() == ErrorKind::InvalidRequest || e.kind() == ErrorKind::PromptRefused;
            sendError(res, client ? 400 : 500, client ? "invalid_request" : "server_error",
                      e.what(), {}, client ? "invalid_request_error" : "server_error");
        }
    }

    void routes();
    void events(const httplib::Request& req, httplib::Response& res, const std::string& id);
};

void VideoApiServer::Impl::routes() {
    http.new_task_queue = [n = options.threads] {
        return new httplib::ThreadPool(static_cast<size_t>(n));
    };
    http.set_payload_max_length(options.maxBodyBytes);
    http.set_read_timeout(options.readTimeoutSeconds, 0);
    http.set_write_timeout(options.writeTimeoutSeconds, 0);
    http.set_keep_alive_timeout(options.keepAliveSeconds);
    // Small JSON answers go out at once: without it a reply can wait for the client's
    // delayed acknowledgement (Nagle), 40 ms a poll.
    http.set_tcp_nodelay(true);
    if (!options.corsOrigin.empty()) {
        http.set_default_headers({{"Access-Control-Allow-Origin", options.corsOrigin},
                                  {"Access-Control-Allow-Headers",
                                   "Authorization, Content-Type, OpenAI-Organization, "
                                   "OpenAI-Project, X-Stainless-Lang"},
                                  {"Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS"},
                                  {"Vary", "Origin"}});
        http.Options(R"(/.*)",
                     [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    }
    http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (options.token.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (req.method == "OPTIONS" && !options.corsOrigin.empty())
            return httplib::Server::HandlerResponse::Unhandled;  // preflights carry no token
        const std::string header = req.get_header_value("Authorization");
        const std::string prefix = "Bearer ";
        const bool ok = header.size() > prefix.size() &&
                        header.compare(0, prefix.size(), prefix) == 0 &&
                        sameToken(header.substr(prefix.size()), options.token);
        if (ok) return httplib::Server::HandlerResponse::Unhandled;
        sendError(res, 401, "invalid_api_key",
                  header.empty() ? "this server needs a token: send Authorization: Bearer TOKEN "
                                   "(the client's API key)"
                                 : "the token is not this server's");
        return httplib::Server::HandlerResponse::Handled;
    });
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
            switch (res.status) {
                case 404:
                    sendError(res, 404, "unknown_url",
                              "no endpoint " + req.method + " " + printablePath(req.path) +
                                  " (the Videos API is under /v1/videos)");
                    break;
                case 413:
                    sendError(res, 413, "request_too_large",
                              "the request body is larger than this server takes");
                    break;
                case 414:
                    sendError(res, 414, "uri_too_long", "the request's URL is too long");
                    break;
                default:
                    sendError(res, res.status, "bad_request",
                              "the request could not be read (not HTTP, or sent too slowly)");
            }
            return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            sendError(res, 500, "server_error", "internal error: " + what, {}, "server_error");
        });

    http.Post("/v1/videos", [this](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] { sendJson(res, service.create(requestFields(req)).toApi()); });
    });
    http.Post("/v1/videos/extensions", [this](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] { sendJson(res, service.extend(requestFields(req)).toApi()); });
    });
    http.Get("/v1/videos", [this](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] {
            const std::string order =
                req.has_param("order") ? req.get_param_value("order") : "desc";
            if (order != "asc" && order != "desc")
                throw ApiError(400, "invalid_value", "order must be asc or desc", "order");
            int limit = 20;
            if (req.has_param("limit")) {
                const std::string text = req.get_param_value("limit");
                const bool digits = !text.empty() && text.size() <= 3 &&
                                    std::all_of(text.begin(), text.end(), ::isdigit);
                limit = digits ? std::stoi(text) : -1;
            }
            const VideoPage page =
                service.list(req.get_param_value("after"), limit, order == "asc");
            json data = json::array();
            for (const auto& job : page.data) data.push_back(job.toApi());
            sendJson(res,
                     {{"object", "list"},
                      {"data", data},
                      {"first_id", page.data.empty() ? json(nullptr) : json(page.data.front().id)},
                      {"last_id", page.data.empty() ? json(nullptr) : json(page.data.back().id)},
                      {"has_more", page.hasMore}});
        });
    });
    http.Get(R"(/v1/videos/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        guarded(res, [&] { sendJson(res, service.get(req.matches[1]).toApi()); });
    });
    http.Delete(R"(/v1/videos/([^/]+))",
                [this](const httplib::Request& req, httplib::Response& res) {
                    guarded(res, [&] {
                        const std::string id = req.matches[1];
                        service.remove(id);
                        sendJson(res, {{"id", id}, {"object", "video.deleted"}, {"deleted", true}});
                    });
                });
    http.Get(R"(/v1/videos/([^/]+)/content)", [this](const httplib::Request& req,
                                                     httplib::Response& res) {
        guarded(res, [&] {
            const std::string variant =
                req.has_param("variant") ? req.get_param_value("variant") : "video";
            const VideoService::Content c = service.content(req.matches[1], variant);
            std::string bytes;
            try {
                bytes = readRegularFile(c.path, std::size_t(1) << 34, "video content");
            } catch (const Error&) {
                throw ApiError(404, "not_found",
                               "the video's " + variant + " is missing on the server", "variant");
            }
            res.set_content(std::move(bytes), c.contentType.c_str());
        });
    });
    http.Get(R"(/v1/videos/([^/]+)/events)",
             [this](const httplib::Request& req, httplib::Response& res) {
                 guarded(res, [&] { events(req, res, req.matches[1]); });
             });
    http.Post(R"(/v1/videos/([^/]+)/remix)",
              [this](const httplib::Request& req, httplib::Response& res) {
                  guarded(res, [&] {
                      sendJson(res, service.remix(req.matches[1], requestFields(req)).toApi());
                  });
              });
    http.Post(R"(/v1/projects/([^/]+)/render)", [this](const httplib::Request& req,
                                                       httplib::Response& res) {
        guarded(res, [&] {
            sendJson(res, service.renderProject(req.matches[1], requestFields(req)).toApi());
        });
    });
    http.Get("/v1/models", [this](const httplib::Request&, httplib::Response& res) {
        guarded(res, [&] {
            json data = json::array();
            for (const auto& m : service.models()) data.push_back(modelJson(m, service));
            sendJson(res, {{"object", "list"}, {"data", data}});
        });
    });
}

// Server-Sent Events: `progress` after every step, `preview` with each new live preview
// frame (PNG, base64), then `completed` or `failed` with the video object, and the stream
// ends. A slow reader skips to the latest state; the worker never waits for it.
void VideoApiServer::Impl::events(const httplib::Request&, httplib::Response& res,
                                  const std::string& id) {
    service.get(id);  // 404 before the stream starts
    if (streams.fetch_add(1) >= options.maxEventStreams) {
        --streams;
        throw ApiError(429, "too_many_streams",
                       "at most " + std::to_string(options.maxEventStreams) +
                           " event streams are open at once; poll GET /v1/videos/{id} instead",
                       {}, "rate_limit_exceeded");
    }
    struct State {
        uint64_t version = 0;
        std::string progress;  ///< the last progress event's data
        int previewStep = -1;
        bool done = false;
    };
    auto state = std::make_shared<State>();
    res.set_header("Cache-Control", "no-cache");
    res.set_header("X-Accel-Buffering", "no");
    res.set_chunked_content_provider(
        "text/event-stream",
        [this, id, state](size_t, httplib::DataSink& sink) {
            if (state->done || stopping.load()) {
                sink.done();
                return true;
            }
            std::string out;
            try {
                const JobSnapshot snap =
                    service.waitForChange(id, state->version, std::chrono::milliseconds(2000));
                if (snap.version == state->version && !snap.stopping) {
                    out = ": waiting\n\n";  // keeps proxies and clients from timing out
                } else {
                    state->version = snap.version;
                    const std::string progress = progressJson(snap.job).dump();
                    if (progress != state->progress) {
                        state->progress = progress;
                        out += "event: progress\ndata: " + progress + "\n\n";
                    }
                    if (!snap.previewPng.empty() && snap.previewStep != state->previewStep) {
                        state->previewStep = snap.previewStep;
                        const auto* p = reinterpret_cast<const uint8_t*>(snap.previewPng.data());
                        out += sseEvent("preview",
                                        {{"id", id},
                                         {"step", snap.previewStep},
                                         {"png_base64", encodeBase64(p, snap.previewPng.size())}});
                    }
                    if (snap.job.finished()) {
                        out += sseEvent(
                            snap.job.status == JobStatus::Completed ? "completed" : "failed",
                            snap.job.toApi());
                        state->done = true;
                    } else if (snap.stopping) {
                        out += sseEvent("error", errorBody("the server is stopping", "server_error",
                                                           "server_stopping", {}));
                        state->done = true;
                    }
                }
            } catch (const ApiError& e) {
                out = sseEvent("error", errorBody(e.what(), e.type, e.code, e.param));
                state->done = true;
            }
            // A change that says nothing new (the preview of a step already reported): an
            // empty write would read as the end of the stream.
            if (out.empty()) out = ": waiting\n\n";
            if (!sink.write(out.data(), out.size())) return false;
            if (state->done) sink.done();
            return true;
        },
        [this](bool) { --streams; });
}

VideoApiServer::VideoApiServer(VideoService& service, HttpOptions options)
    : m_impl(std::make_unique<Impl>(service, std::move(options))) {
    const HttpOptions& o = m_impl->options;
    if (o.token.empty() && !isLoopbackHost(o.host))
        throw Error("refusing to listen on " + printablePath(o.host) +
                    " without a token: other machines could reach it. Give --token-file FILE "
                    "(clients send the token as their API key), or listen on 127.0.0.1");
    if (o.port < 0 || o.port > 65535) throw Error("--port must be from 0 to 65535");
    if (o.threads < 2 || o.threads > 256) throw Error("the server needs 2 to 256 threads");
    if (o.maxEventStreams < 1 || o.maxEventStreams >= o.threads)
        throw Error("event streams must leave threads for other requests");
    m_impl->routes();
}

VideoApiServer::~VideoApiServer() {
    stop();
}

int VideoApiServer::bind() {
    const HttpOptions& o = m_impl->options;
    const int port = o.port == 0 ? m_impl->http.bind_to_any_port(o.host)
                                 : (m_impl->http.bind_to_port(o.host, o.port) ? o.port : -1);
    if (port <= 0)
        throw Error("cannot listen on " + printablePath(o.host) + ":" + std::to_string(o.port) +
                        " (in use, or not an address of this machine)",
                    ErrorKind::Io);
    return port;
}

void VideoApiServer::serve() {
    m_impl->http.listen_after_bind();
}

void VideoApiServer::stop() {
    m_impl->stopping.store(true);
    m_impl->http.stop();
}

}  // namespace kinora::server
