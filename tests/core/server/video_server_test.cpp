// The Videos API server over HTTP, on 127.0.0.1 only, with the shipped few-step model.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/png_writer.h"
#include "project/project.h"
#include "server/job_store.h"
#include "server/video_api_server.h"
#include "server/video_service.h"
#include "test_model.h"
#include "util/base64.h"
#include "util/error.h"

namespace kinora {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;
using server::HttpOptions;
using server::ServiceOptions;

const char* kPrompt = "a big red ball bounces on the grass";

#ifdef KINORA_HAVE_FFMPEG
constexpr bool kHaveFfmpeg = true;  // videos are MP4, and can be continued
#else
constexpr bool kHaveFfmpeg = false;  // videos are Y4M
#endif

// The video variant's bytes: an MP4 (Y4M in builds without FFmpeg).
void expectVideo(const httplib::Result& res) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    if (kHaveFfmpeg) {
        EXPECT_EQ(res->get_header_value("Content-Type"), "video/mp4");
        EXPECT_EQ(res->body.substr(4, 4), "ftyp");
    } else {
        EXPECT_EQ(res->get_header_value("Content-Type"), "video/x-yuv4mpeg");
        EXPECT_EQ(res->body.substr(0, 9), "YUV4MPEG2");
    }
}

// A service and its HTTP server on a free port of 127.0.0.1, serving on a thread.
struct Server {
    explicit Server(const std::string& tag, ServiceOptions so = {}, HttpOptions ho = {})
        : dir(test::tempDir(tag)) {
        if (so.dataDir.empty()) so.dataDir = dir + "/data";
        if (so.models.empty()) so.models = {"kinora-tiny-fast"};
        service = std::make_unique<server::VideoService>(so);
        ho.host = "127.0.0.1";
        ho.port = 0;
        api = std::make_unique<server::VideoApiServer>(*service, ho);
        port = api->bind();
        thread = std::thread([this] { api->serve(); });
    }
    ~Server() { shutdown(); }
    void shutdown() {
        if (!api) return;
        api->stop();
        thread.join();
        api.reset();
        service.reset();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(60, 0);
        return c;
    }
    json post(const std::string& path, const json& body, int* status = nullptr) const {
        auto res = client().Post(path.c_str(), body.dump(), "application/json");
        if (!res) throw std::runtime_error("no response");
        lastStatus = res->status;
        if (status) *status = res->status;
        return json::parse(res->body);
    }
    json get(const std::string& path, int* status = nullptr) const {
        auto res = client().Get(path.c_str());
        if (!res) throw std::runtime_error("no response");
        lastStatus = res->status;
        if (status) *status = res->status;
        return json::parse(res->body);
    }
    // Polls the video until it is completed or failed.
    json waitFinished(const std::string& id) const {
        for (int i = 0; i < 1200; ++i) {
            const json v = get("/v1/videos/" + id);
            if (v["status"] == "completed" || v["status"] == "failed") return v;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("video " + id + " never finished");
    }
    std::string dir;
    std::unique_ptr<server::VideoService> service;
    std::unique_ptr<server::VideoApiServer> api;
    std::thread thread;
    int port = 0;
    mutable int lastStatus = 0;  ///< of the last post() or get()
};

// `status` by reference: read after the request that sets it has run.
void expectApiError(const json& body, const int& status, int expectedStatus,
                    const std::string& code, const std::string& words) {
    EXPECT_EQ(status, expectedStatus) << body.dump();
    ASSERT_TRUE(body.contains("error")) << body.dump();
    EXPECT_EQ(body["error"]["code"], code) << body.dump();
    EXPECT_TRUE(body["error"]["type"].is_string());
    EXPECT_NE(body["error"]["message"].get<std::string>().find(words), std::string::npos)
        << body["error"]["message"];
}

std::string pngBytes(int w, int h) {
    Image image(w, h);
    for (std::size_t i = 0; i < image.rgb.size(); ++i) image.rgb[i] = static_cast<uint8_t>(i * 7);
    const auto png = encodePng(image);
    return std::string(png.begin(), png.end());
}

TEST(VideoServer, MakesAVideoThroughTheApiShapes) {
    Server s("server-make");
    int status = 0;
    const json v =
        s.post("/v1/videos", {{"prompt", kPrompt}, {"model", "sora-2"}, {"seconds", "1"}}, &status);
    ASSERT_EQ(status, 200) << v.dump();
    EXPECT_EQ(v["object"], "video");
    EXPECT_EQ(v["model"], "sora-2");
    EXPECT_EQ(v["kinora_model"], "kinora-tiny-fast");
    EXPECT_EQ(v["status"], "queued");
    EXPECT_EQ(v["progress"], 0);
    EXPECT_EQ(v["size"], "64x64");
    EXPECT_EQ(v["seconds"], "1");
    EXPECT_TRUE(v["completed_at"].is_null());
    EXPECT_TRUE(v["error"].is_null());
    EXPECT_TRUE(server::JobStore::isValidId(v["id"]));
    const json done = s.waitFinished(v["id"]);
    ASSERT_EQ(done["status"], "completed") << done.dump();
    EXPECT_EQ(done["progress"], 100);
    EXPECT_EQ(done["frames"], 8);
    EXPECT_TRUE(done["completed_at"].is_number());
    EXPECT_EQ(done["total_steps"], 4);

    auto res = s.client().Get(("/v1/videos/" + done["id"].get<std::string>() + "/content").c_str());
    expectVideo(res);
    res = s.client().Get(
        ("/v1/videos/" + done["id"].get<std::string>() + "/content?variant=thumbnail").c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Content-Type"), "image/png");
    const Image thumb = decodeStoredPng({res->body.begin(), res->body.end()}, "thumbnail");
    EXPECT_EQ(thumb.width, 64);
    res = s.client().Get(
        ("/v1/videos/" + done["id"].get<std::string>() + "/content?variant=spritesheet").c_str());
    ASSERT_TRUE(res);
    const Image sheet = decodeStoredPng({res->body.begin(), res->body.end()}, "spritesheet");
    EXPECT_EQ(sheet.width, 4 * 64);  // 8 frames: two rows of 4
    EXPECT_EQ(sheet.height, 2 * 64);
    const json bad =
        s.get("/v1/videos/" + done["id"].get<std::string>() + "/content?variant=gif", &status);
    expectApiError(bad, status, 400, "invalid_value", "video, thumbnail, spritesheet");
}

TEST(VideoServer, ListsWithCursorsAndDeletes) {
    Server s("server-list");
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i)
        ids.push_back(s.post("/v1/videos", {{"prompt", kPrompt}, {"seconds", "1"}})["id"]);
    json page = s.get("/v1/videos?limit=2&order=asc");
    EXPECT_EQ(page["object"], "list");
    ASSERT_EQ(page["data"].size(), 2u);
    EXPECT_EQ(page["data"][0]["id"], ids[0]);
    EXPECT_EQ(page["data"][1]["id"], ids[1]);
    EXPECT_EQ(page["first_id"], ids[0]);
    EXPECT_EQ(page["last_id"], ids[1]);
    EXPECT_TRUE(page["has_more"].get<bool>());
    page = s.get("/v1/videos?limit=2&order=asc&after=" + page["last_id"].get<std::string>());
    ASSERT_EQ(page["data"].size(), 1u);
    EXPECT_EQ(page["data"][0]["id"], ids[2]);
    EXPECT_FALSE(page["has_more"].get<bool>());
    page = s.get("/v1/videos");  // newest first by default
    ASSERT_EQ(page["data"].size(), 3u);
    EXPECT_EQ(page["data"][0]["id"], ids[2]);

    s.service->waitIdle();
    int status = 0;
    auto res = s.client().Delete(("/v1/videos/" + ids[1]).c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    const json deleted = json::parse(res->body);
    EXPECT_EQ(deleted["object"], "video.deleted");
    EXPECT_TRUE(deleted["deleted"].get<bool>());
    expectApiError(s.get("/v1/videos/" + ids[1]), s.lastStatus, 404, "not_found", ids[1]);
    EXPECT_FALSE(fs::exists(s.dir + "/data/videos/" + ids[1]));
    EXPECT_EQ(s.get("/v1/videos")["data"].size(), 2u);
    const json bad = s.get("/v1/videos?limit=500", &status);
    expectApiError(bad, status, 400, "invalid_value", "limit");
}

TEST(VideoServer, RefusesBadRequestsInTheApiErrorShape) {
    ServiceOptions so;
    so.maxImageBytes = 64 << 10;
    HttpOptions ho;
    ho.maxBodyBytes = 256 << 10;
    Server s("server-errors", so, ho);
    int status = 0;
    expectApiError(s.get("/v1/videos/video_0123"), s.lastStatus, 404, "not_found", "video_0123");
    expectApiError(s.get("/v1/videos/..%2F..%2Fetc%2Fpasswd"), s.lastStatus, 404, "unknown_url",
                   "");
    expectApiError(s.post("/v1/videos", {{"prompt", kPrompt}, {"size", "720x1280"}}), s.lastStatus,
                   400, "invalid_size", "sizes: 64x64");
    expectApiError(s.post("/v1/videos", {{"prompt", kPrompt}, {"seconds", "60"}}), s.lastStatus,
                   400, "invalid_seconds", "from 0.125 to 20 seconds");
    expectApiError(s.post("/v1/videos", {{"prompt", kPrompt}, {"seconds", "four"}}), s.lastStatus,
                   400, "invalid_seconds", "seconds 'four'");
    expectApiError(s.post("/v1/videos", {{"prompt", kPrompt}, {"model", "veo-3"}}), s.lastStatus,
                   400, "invalid_model", "kinora-tiny-fast");
    expectApiError(s.post("/v1/videos", {{"prompt", "a man covered in bl00d"}}), s.lastStatus, 400,
                   "moderation_blocked", "refused");
    expectApiError(s.post("/v1/videos", {{"seconds", "1"}}), s.lastStatus, 400,
                   "missing_required_parameter", "prompt");
    expectApiError(s.post("/v1/videos", {{"prompt", std::string(100 << 10, 'a')}}), s.lastStatus,
                   400, "prompt_too_long", "at most");
    expectApiError(s.post("/v1/videos", {{"prompt", kPrompt}, {"mode", "inpaint"}}), s.lastStatus,
                   400, "unsupported_mode", "inpaint");
    expectApiError(s.post("/v1/videos", {{"prompt", kPrompt}, {"steps", 0}}), s.lastStatus, 400,
                   "invalid_value", "steps");
    expectApiError(
        s.post("/v1/videos", {{"prompt", kPrompt}, {"input_reference", "https://x/y.png"}}),
        s.lastStatus, 400, "invalid_value", "fetches nothing");
    auto res = s.client().Post("/v1/videos", "{not json", "application/json");
    expectApiError(json::parse(res->body), res->status, 400, "invalid_json", "JSON");
    res = s.client().Post("/v1/videos", "prompt=x", "text/plain");
    expectApiError(json::parse(res->body), res->status, 415, "unsupported_media_type", "multipart");
    expectApiError(s.get("/v2/anything"), s.lastStatus, 404, "unknown_url", "/v2/anything");

    // Pictures: a body over the limit, a file over the picture limit, a header that claims
    // a huge picture (refused before decoding), bytes that are no picture.
    auto upload = [&](const std::string& bytes) {
        httplib::MultipartFormDataItems items = {{"prompt", kPrompt, "", ""},
                                                 {"input_reference", bytes, "in.png", "image/png"}};
        auto r = s.client().Post("/v1/videos", items);
        if (!r) throw std::runtime_error("no response");
        status = r->status;
        return json::parse(r->body);
    };
    expectApiError(upload(std::string(300 << 10, 'x')), status, 413, "request_too_large", "larger");
    expectApiError(upload(std::string(100 << 10, 'x')), status, 413, "file_too_large", "at most");
    std::string bomb = pngBytes(8, 8);
    // IHDR width and height (bytes 16..23) claim 100000 x 100000.
    for (int k : {16, 20}) {
        bomb[k] = 0;
        bomb[k + 1] = 0x01;
        bomb[k + 2] = static_cast<char>(0x86);
        bomb[k + 3] = static_cast<char>(0xA0);
    }
    expectApiError(upload(bomb), status, 400, "image_too_large", "100000x100000");
    std::string corrupt = pngBytes(8, 8);
    corrupt.resize(40);
    expectApiError(upload(corrupt), status, 400, "invalid_image", "input_reference");
    // Nothing was queued by any of them, and no folder was left behind.
    EXPECT_EQ(s.get("/v1/videos")["data"].size(), 0u);
    EXPECT_TRUE(fs::is_empty(s.dir + "/data/videos"));
}

TEST(VideoServer, AFullQueueRefusesAndDeletingARunningJobCancelsIt) {
    ServiceOptions so;
    so.queueLimit = 1;
    Server s("server-queue", so);
    int status = 0;
    const json running =
        s.post("/v1/videos", {{"prompt", kPrompt}, {"seconds", "1"}, {"steps", 1000}});
    for (int i = 0; i < 400 && s.get("/v1/videos/" + running["id"].get<std::string>())["status"] !=
                                   "in_progress";
         ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
    const json waiting = s.post("/v1/videos", {{"prompt", kPrompt}, {"seconds", "1"}}, &status);
    EXPECT_EQ(status, 200);
    expectApiError(s.post("/v1/videos", {{"prompt", kPrompt}, {"seconds", "1"}}), s.lastStatus, 429,
                   "queue_full", "queue is full");
    expectApiError(s.get("/v1/videos/" + running["id"].get<std::string>() + "/content"),
                   s.lastStatus, 400, "video_not_ready", "in_progress");
    // Deleting the running job stops it at its next step; the waiting one then runs.
    auto res = s.client().Delete(("/v1/videos/" + running["id"].get<std::string>()).c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    const json done = s.waitFinished(waiting["id"]);
    EXPECT_EQ(done["status"], "completed");
    s.service->waitIdle();
    EXPECT_FALSE(fs::exists(s.dir + "/data/videos/" + running["id"].get<std::string>()));
}

TEST(VideoServer, RemixRegeneratesWithTheSameSeedOrExtends) {
    Server s("server-remix");
    // An image-to-video source, its picture sent as a data URL: a remix keeps the picture.
    const std::string png = pngBytes(64, 64);
    const std::string dataUrl =
        "data:image/png;base64," +
        encodeBase64(reinterpret_cast<const uint8_t*>(png.data()), png.size());
    const json source = s.post("/v1/videos", {{"prompt", kPrompt},
                                              {"seconds", "1"},
                                              {"seed", 11},
                                              {"input_reference", {{"image_url", dataUrl}}}});
    const std::string id = source["id"];
    int status = 0;
    ASSERT_EQ(s.waitFinished(id)["status"], "completed");
    const json again = s.post("/v1/videos/" + id + "/remix",
                              {{"prompt", "a big blue ball bounces on the grass"}}, &status);
    ASSERT_EQ(status, 200) << again.dump();
    EXPECT_EQ(again["remixed_from_video_id"], id);
    EXPECT_EQ(again["remix_mode"], "regenerate");
    EXPECT_EQ(again["seed"], 11);
    EXPECT_EQ(again["seconds"], "1");
    EXPECT_EQ(again["prompt"], "a big blue ball bounces on the grass");
    const json extended =
        s.post("/v1/videos/" + id + "/remix",
               {{"prompt", "the ball rolls away"}, {"remix_mode", "extend"}}, &status);
    if (!kHaveFfmpeg) {  // continuing a video reads it back, which needs FFmpeg
        expectApiError(extended, s.lastStatus, 400, "unsupported", "FFmpeg");
        return;
    }
    ASSERT_EQ(status, 200) << extended.dump();
    EXPECT_EQ(extended["remix_mode"], "extend");
    EXPECT_EQ(extended["context_video_id"], id);
    const json regenerated = s.waitFinished(again["id"]);
    EXPECT_EQ(regenerated["status"], "completed") << regenerated.dump();
    EXPECT_EQ(regenerated["mode"], "image-to-video");
    const json long_ = s.waitFinished(extended["id"]);
    ASSERT_EQ(long_["status"], "completed") << long_.dump();
    EXPECT_EQ(long_["mode"], "extend-forward");
    EXPECT_EQ(long_["frames"], 16);  // the source's 8 frames, then 8 new ones
    EXPECT_EQ(long_["seconds"], "2");
    expectApiError(
        s.post("/v1/videos/" + id + "/remix", {{"prompt", "x"}, {"remix_mode", "blend"}}),
        s.lastStatus, 400, "invalid_value", "regenerate or extend");
    expectApiError(
        s.post("/v1/videos/video_00000000000000000000000000000000/remix", {{"prompt", "x"}}),
        s.lastStatus, 404, "not_found", "no video");
}

TEST(VideoServer, EventsStreamProgressPreviewsAndTheEnd) {
    Server s("server-events");
    const json v = s.post("/v1/videos", {{"prompt", kPrompt}, {"seconds", "1"}});
    std::string stream;
    auto res = s.client().Get(("/v1/videos/" + v["id"].get<std::string>() + "/events").c_str(),
                              [&](const char* data, size_t n) {
                                  stream.append(data, n);
                                  return true;
                              });
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/event-stream");
    EXPECT_NE(stream.find("event: progress"), std::string::npos);
    EXPECT_NE(stream.find("\"step\":4"), std::string::npos);
    const auto end = stream.find("event: completed\ndata: ");
    ASSERT_NE(end, std::string::npos) << stream.substr(0, 400);
    const json finished =
        json::parse(stream.substr(end + 23, stream.find('\n', end + 23) - end - 23));
    EXPECT_EQ(finished["status"], "completed");
    const auto p = stream.find("event: preview\ndata: ");
    ASSERT_NE(p, std::string::npos);
    const json preview = json::parse(stream.substr(p + 21, stream.find('\n', p + 21) - p - 21));
    const auto png = decodeBase64(preview["png_base64"]);
    ASSERT_TRUE(png);
    const Image frame = decodeStoredPng(*png, "preview");
    EXPECT_EQ(frame.width, 16);  // at latent resolution
    // A finished video's stream says so at once and ends.
    stream.clear();
    res = s.client().Get(("/v1/videos/" + v["id"].get<std::string>() + "/events").c_str(),
                         [&](const char* data, size_t n) {
                             stream.append(data, n);
                             return true;
                         });
    EXPECT_NE(stream.find("event: completed"), std::string::npos);
    expectApiError(s.get("/v1/videos/video_00000000000000000000000000000000/events"), s.lastStatus,
                   404, "not_found", "no video");
}

TEST(VideoServer, StoryboardModesComeAsExtraFields) {
    Server s("server-modes");
    // Connect: both ends given as multipart files; one window of the model by default.
    const std::string first = pngBytes(64, 64), last = pngBytes(48, 32);
    httplib::MultipartFormDataItems items = {{"prompt", kPrompt, "", ""},
                                             {"mode", "connect", "", ""},
                                             {"first_frame", first, "a.png", "image/png"},
                                             {"last_frame", last, "b.png", "image/png"},
                                             {"reference", first, "c.png", "image/png"}};
    auto res = s.client().Post("/v1/videos", items);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const json connect = json::parse(res->body);
    EXPECT_EQ(connect["seconds"], "2.125");  // the model's 17 frames at 8 fps
    const json connected = s.waitFinished(connect["id"]);
    ASSERT_EQ(connected["status"], "completed") << connected.dump();
    EXPECT_EQ(connected["mode"], "connect");
    EXPECT_EQ(connected["frames"], 17);
    expectApiError(s.post("/v1/videos", {{"prompt", kPrompt}, {"mode", "loop"}, {"seconds", "4"}}),
                   s.lastStatus, 400, "invalid_seconds", "in loop");
    // Continuing a video of this server by its id: only the new frames.
    const json next = s.post(
        "/v1/videos",
        {{"prompt", "the ball rolls away"}, {"context_video_id", connect["id"]}, {"seconds", "1"}});
    if (!kHaveFfmpeg) {
        expectApiError(next, s.lastStatus, 400, "unsupported", "FFmpeg");
        return;
    }
    ASSERT_EQ(s.lastStatus, 200) << next.dump();
    const json continued = s.waitFinished(next["id"]);
    ASSERT_EQ(continued["status"], "completed") << continued.dump();
    EXPECT_EQ(continued["mode"], "extend-forward");
    EXPECT_EQ(continued["frames"], 8);
    expectApiError(
        s.post("/v1/videos", {{"prompt", kPrompt},
                              {"context_video_id", "video_00000000000000000000000000000000"}}),
        s.lastStatus, 404, "not_found", "no video");
    items = {{"prompt", kPrompt, "", ""}, {"trailer", first, "t.png", "image/png"}};
    res = s.client().Post("/v1/videos", items);
    ASSERT_TRUE(res);
    expectApiError(json::parse(res->body), res->status, 400, "unknown_parameter", "trailer");
}

TEST(VideoServer, JobsSurviveARestart) {
    const std::string dir = test::tempDir("server-restart");
    {
        server::JobStore store(dir + "/data");
        server::VideoJob running;
        running.id = store.newId();
        running.status = server::JobStatus::InProgress;
        running.sequence = 1;
        running.apiModel = running.modelName = "kinora-tiny-fast";
        running.settings.prompt = kPrompt;
        running.settings.width = running.settings.height = 64;
        running.settings.frames = running.settings.fps = 8;
        running.settings.seed = 3;
        store.save(running);
        server::VideoJob queued = running;
        queued.id = store.newId();
        queued.status = server::JobStatus::Queued;
        queued.sequence = 2;
        store.save(queued);
        fs::create_directories(dir + "/data/videos/video_ffffffffffffffffffffffffffffffff");
        std::ofstream(dir + "/data/videos/video_ffffffffffffffffffffffffffffffff/video.json")
            << "{";
    }
    ServiceOptions so;
    so.dataDir = dir + "/data";
    Server s("server-restart-run", so);
    EXPECT_EQ(s.service->startupProblems().size(), 1u);
    const json page = s.get("/v1/videos?order=asc");
    ASSERT_EQ(page["data"].size(), 2u);
    EXPECT_EQ(page["data"][0]["status"], "failed");
    EXPECT_EQ(page["data"][0]["error"]["code"], "server_restarted");
    EXPECT_EQ(s.waitFinished(page["data"][1]["id"])["status"], "completed");
}

TEST(VideoServer, ATokenGuardsEveryRequestAndOtherHostsNeedOne) {
    HttpOptions ho;
    ho.token = "s3cret-token-0123456789";
    Server s("server-token", {}, ho);
    expectApiError(s.get("/v1/videos"), s.lastStatus, 401, "invalid_api_key", "Bearer");
    httplib::Client c = s.client();
    c.set_bearer_token_auth("wrong-token-0123456789");
    auto res = c.Get("/v1/videos");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    c.set_bearer_token_auth(ho.token.c_str());
    res = c.Get("/v1/videos");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_TRUE(server::sameToken("abcdefgh", "abcdefgh"));
    EXPECT_FALSE(server::sameToken("abcdefgx", "abcdefgh"));
    EXPECT_FALSE(server::sameToken("abcdefgh1", "abcdefgh"));
    EXPECT_FALSE(server::sameToken("", "abcdefgh"));

    HttpOptions open;
    open.host = "0.0.0.0";
    try {
        server::VideoApiServer refused(*s.service, open);
        FAIL() << "a server on every address without a token was made";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("without a token"), std::string::npos);
    }
    EXPECT_TRUE(server::isLoopbackHost("127.0.0.1"));
    EXPECT_TRUE(server::isLoopbackHost("127.1.2.3"));
    EXPECT_TRUE(server::isLoopbackHost("localhost"));
    EXPECT_TRUE(server::isLoopbackHost("::1"));
    EXPECT_FALSE(server::isLoopbackHost("0.0.0.0"));
    EXPECT_FALSE(server::isLoopbackHost("192.168.1.10"));
    EXPECT_FALSE(server::isLoopbackHost("127.0.0.1.example.com"));
}

TEST(VideoServer, CorsIsOffUnlessAsked) {
    Server plain("server-cors-off");
    auto res = plain.client().Get("/v1/videos");
    ASSERT_TRUE(res);
    EXPECT_FALSE(res->has_header("Access-Control-Allow-Origin"));
    HttpOptions ho;
    ho.corsOrigin = "http://localhost:3000";
    Server cors("server-cors-on", {}, ho);
    res = cors.client().Get("/v1/videos");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "http://localhost:3000");
    res = cors.client().Options("/v1/videos");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 204);
}

TEST(VideoServer, ASlowClientTimesOutWithoutBlockingOthersOrTheWorker) {
    HttpOptions ho;
    ho.readTimeoutSeconds = 1;
    ho.keepAliveSeconds = 1;
    Server s("server-slow", {}, ho);
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(s.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    const std::string head =
        "POST /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 500\r\n\r\n{\"prompt\":";
    ASSERT_EQ(::send(sock, head.data(), head.size(), 0), static_cast<ssize_t>(head.size()));
    // Meanwhile others are answered and a video is made.
    const json v = s.post("/v1/videos", {{"prompt", kPrompt}, {"seconds", "1"}});
    EXPECT_EQ(s.waitFinished(v["id"])["status"], "completed");
    // The stalled request is dropped: the socket is closed by the server.
    timeval tv{5, 0};
    ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buffer[512];
    ssize_t n = 0;
    std::string reply;
    while ((n = ::recv(sock, buffer, sizeof buffer, 0)) > 0)
        reply.append(buffer, static_cast<std::size_t>(n));
    EXPECT_EQ(n, 0) << "the server kept the stalled connection open";
    EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << reply;
    EXPECT_NE(reply.find("sent too slowly"), std::string::npos) << reply;
    ::close(sock);
    EXPECT_EQ(s.get("/v1/videos")["data"].size(), 1u);  // the half-sent job was never queued
}

TEST(VideoServer, RendersAProjectItCanSee) {
    const std::string dir = test::tempDir("server-project");
    fs::create_directories(dir + "/projects");
    project::Project doc;
    doc.name = "Ball";
    project::Shot shot;
    shot.id = "shot-1";
    shot.prompt = kPrompt;
    shot.duration = 9;
    shot.seed = 5;
    doc.shots.push_back(shot);
    doc.settings.model = "kinora-tiny-fast";
    project::saveProject(doc, dir + "/projects/ball film.kinora");
    ServiceOptions so;
    so.dataDir = dir + "/data";
    so.projectsDir = dir + "/projects";
    Server s("server-project-run", so);
    int status = 0;
    const json job = s.post("/v1/projects/ball%20film/render", json::object(), &status);
    ASSERT_EQ(status, 200) << job.dump();
    EXPECT_EQ(job["kind"], "project");
    const json done = s.waitFinished(job["id"]);
    ASSERT_EQ(done["status"], "completed") << done.dump();
    EXPECT_EQ(done["frames"], 9);
    expectVideo(
        s.client().Get(("/v1/videos/" + job["id"].get<std::string>() + "/content").c_str()));
    EXPECT_EQ(project::loadProject(dir + "/projects/ball film.kinora").shots[0].takes.size(), 1u);
    expectApiError(s.post("/v1/projects/..hidden/render", json::object()), s.lastStatus, 400,
                   "invalid_value", "project name");
    expectApiError(s.post("/v1/projects/none/render", json::object()), s.lastStatus, 404,
                   "not_found", "none.kinora");
    expectApiError(
        s.post("/v1/videos/" + job["id"].get<std::string>() + "/remix", {{"prompt", "x"}}),
        s.lastStatus, 400, "invalid_value", "project");
}

}  // namespace
}  // namespace kinora
