#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace kinora::server {

class VideoService;

struct HttpOptions {
    std::string host = "127.0.0.1";
    int port = 8765;  ///< 0: any free port (bind() says which)
    /// Bearer token every request must carry (Authorization: Bearer TOKEN); empty: none,
    /// which only a loopback host allows.
    std::string token;
    /// Origin allowed to call from a browser (Access-Control-Allow-Origin; "*" for any);
    /// empty: no CORS headers, so browsers refuse pages of other origins.
    std::string corsOrigin;
    std::size_t maxBodyBytes = 64u << 20;  ///< a request body at most (uploads included)
    int readTimeoutSeconds = 10;           ///< a client silent this long mid-request is dropped
    int writeTimeoutSeconds = 30;          ///< a client that takes nothing this long is dropped
    int keepAliveSeconds = 5;              ///< an idle connection is closed after this long
    int maxEventStreams = 8;               ///< open GET .../events streams at most
    int threads = 16;                      ///< connections served at once
};

/// @brief True for a host name or address that only this machine reaches: localhost,
/// 127.0.0.0/8, ::1.
bool isLoopbackHost(const std::string& host);

/// @brief Compares a token a client sent with the server's in time that depends only on
/// the length of the client's, never on where they first differ.
bool sameToken(const std::string& given, const std::string& expected);

/// @brief The Videos API over HTTP (cpp-httplib): the same paths, fields and JSON shapes as
/// OpenAI's Videos API, so its clients only change their base URL, plus Kinora's own
/// (events as Server-Sent Events, storyboard modes, project renders, GET /v1/models).
/// Requests are answered from the HTTP threads; generation runs on the service's worker,
/// so no request waits for it.
class VideoApiServer {
public:
    /// @brief Throws Error when the options are unsafe (a host other machines reach and
    /// no token) or out of range.
    VideoApiServer(VideoService& service, HttpOptions options);
    ~VideoApiServer();
    VideoApiServer(const VideoApiServer&) = delete;
    VideoApiServer& operator=(const VideoApiServer&) = delete;

    /// @brief Binds the listening socket; returns the port. Throws Error.
    int bind();
    /// @brief Serves until stop(). Call after bind().
    void serve();
    /// @brief Stops serving (any thread); open event streams end.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kinora::server
