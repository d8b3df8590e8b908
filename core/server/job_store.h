#pragma once

#include <string>
#include <vector>

#include "server/video_job.h"

namespace kinora::server {

/// @brief The server's jobs on disk: `<data>/videos/<id>/video.json` (the record, written
/// atomically) beside the job's inputs and outputs. Survives a restart. Ids are checked
/// (isValidId) before they name anything, so a request can never reach another path.
/// Not thread-safe: the service serialises access.
class JobStore {
public:
    /// @brief Opens (creating) the data folder. Throws Error when it cannot be made.
    explicit JobStore(std::string dataDir);

    /// @brief A fresh random id no stored job has.
    std::string newId() const;
    /// @brief "video_" followed by 32 lowercase hex digits.
    static bool isValidId(const std::string& id);
    /// @brief The job's folder (made when missing). Throws Error for an invalid id.
    std::string jobDir(const std::string& id) const;
    /// @brief Writes the record atomically. Throws Error.
    void save(const VideoJob& job) const;
    /// @brief Every stored job, oldest first. A folder whose record is unreadable is
    /// skipped and described in `problems`.
    std::vector<VideoJob> loadAll(std::vector<std::string>& problems) const;
    /// @brief Removes the job's folder and everything in it.
    void remove(const std::string& id) const;
    const std::string& dataDir() const { return m_dataDir; }

private:
    std::string m_dataDir;
    std::string m_videosDir;
};

}  // namespace kinora::server
