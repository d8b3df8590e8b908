#include "server/job_store.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/files.h"

namespace kinora::server {

namespace fs = std::filesystem;

namespace {
constexpr std::size_t kMaxRecordBytes = 4 << 20;
}

JobStore::JobStore(std::string dataDir)
    : m_dataDir(std::move(dataDir)), m_videosDir((fs::path(m_dataDir) / "videos").string()) {
    std::error_code ec;
    fs::create_directories(m_videosDir, ec);
    if (ec || !fs::is_directory(m_videosDir))
        throw Error("server data folder " + printablePath(m_videosDir) +
                        " cannot be made: " + (ec ? ec.message() : "not a folder"),
                    ErrorKind::Io);
}

bool JobStore::isValidId(const std::string& id) {
    if (id.size() != 6 + 32 || id.compare(0, 6, "video_") != 0) return false;
    return std::all_of(id.begin() + 6, id.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string JobStore::newId() const {
    static thread_local std::random_device device;
    static constexpr char kHex[] = "0123456789abcdef";
    for (;;) {
        std::string id = "video_";
        for (int i = 0; i < 8; ++i) {
            const uint32_t v = device();
            for (int k = 0; k < 4; ++k) id += kHex[(v >> (4 * k)) & 15];
        }
        std::error_code ec;
        if (!fs::exists(fs::path(m_videosDir) / id, ec)) return id;
    }
}

std::string JobStore::jobDir(const std::string& id) const {
    if (!isValidId(id)) throw Error("'" + printablePath(id) + "' is not a video id");
    const fs::path dir = fs::path(m_videosDir) / id;
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error("cannot make " + printablePath(dir.string()) + ": " + ec.message(),
                    ErrorKind::Io);
    return dir.string();
}

void JobStore::save(const VideoJob& job) const {
    const std::string path = (fs::path(jobDir(job.id)) / "video.json").string();
    const std::string text = job.toRecord().dump(2);
    writeFileAtomically(path, [&](std::ostream& out) { out << text << '\n'; });
}

std::vector<VideoJob> JobStore::loadAll(std::vector<std::string>& problems) const {
    std::vector<VideoJob> jobs;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(m_videosDir, ec)) {
        const std::string id = entry.path().filename().string();
        if (!isValidId(id)) continue;  // temporary files, anything not ours
        const std::string path = (entry.path() / "video.json").string();
        try {
            const std::string text = readRegularFile(path, kMaxRecordBytes, "job record");
            VideoJob job = VideoJob::fromRecord(nlohmann::json::parse(text));
            if (job.id != id) throw Error("its id is " + printablePath(job.id));
            jobs.push_back(std::move(job));
        } catch (const std::exception& e) {
            problems.push_back(printablePath(path) + ": " + e.what());
        }
    }
    if (ec) problems.push_back(printablePath(m_videosDir) + ": " + ec.message());
    std::sort(jobs.begin(), jobs.end(), [](const VideoJob& a, const VideoJob& b) {
        return a.sequence != b.sequence ? a.sequence < b.sequence : a.id < b.id;
    });
    return jobs;
}

void JobStore::remove(const std::string& id) const {
    if (!isValidId(id)) return;
    std::error_code ec;
    fs::remove_all(fs::path(m_videosDir) / id, ec);
}

}  // namespace kinora::server
