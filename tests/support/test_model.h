#pragma once

#include <functional>
#include <string>

namespace kinora {
class Engine;
}

namespace kinora::test {

/// @brief A fresh, empty temporary folder (removed at process exit).
std::string tempDir(const std::string& tag);

/// @brief Folder of a small "test"-size model with deterministic random weights whose
/// output head is not zero (so the denoiser's velocity is not trivially zero). Written
/// once per process.
const std::string& testModelDir();

/// @brief One engine on testModelDir() for the whole test binary (loaded once; tests only
/// generate with it and read its info).
Engine& testEngine();

/// @brief The bytes of the file at `path` (empty when it cannot be read).
std::string readFile(const std::string& path);

/// @brief The message of the kinora::Error that `f` throws; empty when it throws none.
std::string errorOf(const std::function<void()>& f);

}  // namespace kinora::test
