// kinora-cli serve: the Videos API on this machine; serve-bench: how status polling
// weighs on a generation.
#include <httplib.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_args.h"
#include "commands.h"
#include "server/video_api_server.h"
#include "server/video_service.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora::cli {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::atomic<bool> g_stopServing{false};
extern "C" void onServeSignal(int) {
    g_stopServing.store(true);
}

std::string defaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return (fs::path(xdg) / "kinora" / "server").string();
    if (const char* home = std::getenv("HOME"); home && *home)
        return (fs::path(home) / ".local" / "share" / "kinora" / "server").string();
    throw Error("no --data folder given and neither XDG_DATA_HOME nor HOME is set");
}

std::string readToken(const std::string& path) {
    std::string token = readRegularFile(path, 4096, "token file");
    const auto end = token.find_last_not_of(" \t\r\n");
    token = end == std::string::npos ? std::string() : token.substr(0, end + 1);
    const auto begin = token.find_first_not_of(" \t\r\n");
    token = begin == std::string::npos ? std::string() : token.substr(begin);
    if (token.size() < 16)
        throw Error("--token-file " + printablePath(path) +
                    ": the token must be at least 16 characters (e.g. openssl rand -hex 32)");
    if (token.find_first_of(" \t\r\n") != std::string::npos)
        throw Error("--token-file " + printablePath(path) +
                    ": the token is one line without spaces");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
        std::fprintf(stderr, "kinora-cli: warning: %s can be read by other users (chmod 600 it)\n",
                     printablePath(path).c_str());
    return token;
}

server::ServiceOptions serviceOptions(const Args& args) {
    server::ServiceOptions o;
    o.dataDir = args.has("data") ? args.text("data") : defaultDataDir();
    o.models = args.all("model");
    o.proModel = args.text("pro-model");
    o.queueLimit = args.integer("queue", 16, 1, 10000);
    o.maxSeconds = args.number("max-seconds", 20.0, 1.0, 3600.0);
    o.projectsDir = args.text("projects");
    if (!o.projectsDir.empty() && !fs::is_directory(o.projectsDir))
        throw Error("--projects " + printablePath(o.projectsDir) + " is not a folder");
    o.engine.applyThreads = true;  // the server owns its process
    o.engine.device = args.text("device", "cpu");
    o.engine.precision = args.text("precision", "auto");
    o.engine.threads.threads = args.integer("threads", 0, 0, 256);
    o.engine.promptList = args.text("prompt-list");
    return o;
}

}  // namespace

int runServe(const std::vector<std::string>& argv) {
    const Args args(argv, {{"host", "port", "model", "pro-model", "queue", "token-file", "data",
                            "projects", "cors", "max-seconds", "device", "threads", "precision",
                            "prompt-list", "max-body-mb"},
                           {"quiet"}});
    server::HttpOptions http;
    http.host = args.text("host", "127.0.0.1");
    http.port = args.integer("port", 8765, 0, 65535);
    http.corsOrigin = args.text("cors");
    http.maxBodyBytes = static_cast<std::size_t>(args.integer("max-body-mb", 64, 1, 4096)) << 20;
    if (args.has("token-file")) http.token = readToken(args.text("token-file"));
    // Refuse an unsafe address before any model loads.
    if (http.token.empty() && !server::isLoopbackHost(http.host))
        throw Error("refusing to listen on " + printablePath(http.host) +
                    " without a token: other machines could reach it. Give --token-file FILE "
                    "(clients send the token as their API key), or listen on 127.0.0.1");

    server::VideoService service(serviceOptions(args));
    for (const std::string& problem : service.startupProblems())
        std::fprintf(stderr, "kinora-cli: warning: skipped a stored job: %s\n", problem.c_str());
    server::VideoApiServer api(service, http);
    const int port = api.bind();
    std::signal(SIGINT, onServeSignal);
    std::signal(SIGTERM, onServeSignal);
    std::thread watcher([&] {
        while (!g_stopServing.load()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        api.stop();
    });
    std::string models;
    for (const auto& m : service.models()) models += (models.empty() ? "" : ", ") + m.name;
    // One line on stdout, flushed: scripts read the port from it.
    std::printf(
        "kinora-cli serve: listening on http://%s:%d/v1 (models: %s; sora-2 = %s, "
        "sora-2-pro = %s; %d queued)\n",
        http.host.c_str(), port, models.c_str(), service.defaultModel().name.c_str(),
        service.proModel().name.c_str(), service.queued());
    std::fflush(stdout);
    api.serve();
    g_stopServing.store(true);
    watcher.join();
    if (!args.flag("quiet")) std::fprintf(stderr, "kinora-cli serve: stopped\n");
    return 0;
}

namespace {

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
}

struct PollStats {
    int requests = 0;
    int failures = 0;
    double seconds = 0.0;
    std::vector<double> latencyMs;
};

}  // namespace

int runServeBench(const std::vector<std::string>& argv) {
    const Args args(
        argv, {{"model", "polls", "seconds", "runs", "device", "threads", "precision"}, {"json"}});
    const int polls = args.integer("polls", 50, 1, 10000);
    const int runs = args.integer("runs", 3, 1, 100);
    const std::string seconds = args.text("seconds", "4");
    char pattern[] = "/tmp/kinora-serve-bench-XXXXXX";
    if (!::mkdtemp(pattern)) throw Error("cannot make a temporary folder", ErrorKind::Io);
    const std::string dataDir = pattern;
    struct Cleanup {
        std::string dir;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{dataDir};

    server::ServiceOptions so;
    so.dataDir = dataDir;
    if (args.has("model")) so.models = {args.text("model")};
    so.engine.applyThreads = true;
    so.engine.device = args.text("device", "cpu");
    so.engine.precision = args.text("precision", "auto");
    so.engine.threads.threads = args.integer("threads", 0, 0, 256);
    server::VideoService service(so);
    server::HttpOptions ho;
    ho.port = 0;
    server::VideoApiServer api(service, ho);
    const int port = api.bind();
    std::thread serving([&] { api.serve(); });

    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_tcp_nodelay(true);
    auto create = [&]() {
        const json body = {
            {"prompt", "a big red ball bounces on the grass"}, {"seconds", seconds}, {"seed", 7}};
        const auto res = client.Post("/v1/videos", body.dump(), "application/json");
        if (!res || res->status != 200)
            throw Error("the server refused the benchmark's job: " +
                        (res ? res->body : httplib::to_string(res.error())));
        return json::parse(res->body).at("id").get<std::string>();
    };
    // One job while a poller asks for its status `rate` times a second (0: never; < 0: as
    // fast as one connection answers).
    auto runOne = [&](int rate, PollStats& stats) {
        const std::string id = create();
        std::atomic<bool> done{false};
        std::thread poller;
        if (rate != 0) {
            poller = std::thread([&, id] {
                httplib::Client c("127.0.0.1", port);
                c.set_keep_alive(true);
                c.set_tcp_nodelay(true);
                const auto start = std::chrono::steady_clock::now();
                auto next = start;
                const auto interval = rate > 0 ? std::chrono::microseconds(1000000 / rate)
                                               : std::chrono::microseconds(0);
                while (!done.load()) {
                    const auto t0 = std::chrono::steady_clock::now();
                    const auto res = c.Get(("/v1/videos/" + id).c_str());
                    const auto t1 = std::chrono::steady_clock::now();
                    ++stats.requests;
                    if (!res || res->status != 200) ++stats.failures;
                    stats.latencyMs.push_back(
                        std::chrono::duration<double, std::milli>(t1 - t0).count());
                    if (rate > 0) {
                        next += interval;
                        std::this_thread::sleep_until(next);
                    }
                }
                stats.seconds +=
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            });
        }
        service.waitIdle();
        done.store(true);
        if (poller.joinable()) poller.join();
        const server::VideoJob job = service.get(id);
        if (job.status != server::JobStatus::Completed)
            throw Error("the benchmark's job failed: " + (job.error ? job.error->message : "?"));
        return job.secondsPerStep;
    };

    PollStats warm;
    runOne(0, warm);  // warm-up: the first job pays for first-touch allocations
    std::vector<double> quiet, polled, flooded;
    PollStats atRate, asFast;
    for (int r = 0; r < runs; ++r) {
        PollStats none;
        quiet.push_back(runOne(0, none));
        polled.push_back(runOne(polls, atRate));
        flooded.push_back(runOne(-1, asFast));
    }
    api.stop();
    serving.join();

    const double rateAchieved = atRate.seconds > 0 ? atRate.requests / atRate.seconds : 0.0;
    const double maxRate = asFast.seconds > 0 ? asFast.requests / asFast.seconds : 0.0;
    const json j = {
        {"model", service.defaultModel().name},
        {"seconds", seconds},
        {"runs", runs},
        {"seconds_per_step_no_polling", median(quiet)},
        {"seconds_per_step_polled", median(polled)},
        {"seconds_per_step_polled_as_fast_as_possible", median(flooded)},
        {"polls_per_second_asked", polls},
        {"polls_per_second_achieved", rateAchieved},
        {"poll_latency_ms_p50", percentile(atRate.latencyMs, 0.5)},
        {"poll_latency_ms_p99", percentile(atRate.latencyMs, 0.99)},
        {"poll_failures", atRate.failures + asFast.failures},
        {"max_polls_per_second_while_generating", maxRate},
        {"max_rate_latency_ms_p50", percentile(asFast.latencyMs, 0.5)},
        {"per_run", {{"no_polling", quiet}, {"polled", polled}, {"as_fast_as_possible", flooded}}}};
    if (args.flag("json")) {
        std::cout << j.dump(2) << std::endl;
    } else {
        std::printf("model %s, %s s clips, %d runs (median seconds per denoising step)\n",
                    j["model"].get<std::string>().c_str(), seconds.c_str(), runs);
        std::printf("  no polling:                 %.4f s/step\n", median(quiet));
        std::printf(
            "  %d polls/s (got %.1f/s):    %.4f s/step  (%+.1f%%), poll latency p50 %.2f ms, p99 "
            "%.2f ms\n",
            polls, rateAchieved, median(polled), 100.0 * (median(polled) / median(quiet) - 1.0),
            j["poll_latency_ms_p50"].get<double>(), j["poll_latency_ms_p99"].get<double>());
        std::printf("  as fast as possible (%.0f/s): %.4f s/step  (%+.1f%%)\n", maxRate,
                    median(flooded), 100.0 * (median(flooded) / median(quiet) - 1.0));
        std::printf("  failed polls: %d\n", atRate.failures + asFast.failures);
    }
    return 0;
}

}  // namespace kinora::cli
