#pragma once

#include <stdexcept>
#include <string>

namespace kinora {

/// @brief What sort of failure an Error reports, so callers (the studio, the CLI) can act
/// on it without reading its text. A cancelled job is not an error: results say so
/// (GenerationResult::cancelled, RenderReport::cancelled).
enum class ErrorKind {
    InvalidRequest,  ///< the request, a setting or an input file is not usable as given
    PromptRefused,   ///< the prompt filter refused the prompt
    ModelLoad,       ///< a model folder or its weights could not be loaded
    Io,              ///< writing a file failed (no space, no permission, ...)
    Internal,        ///< anything else (a failure inside a library); the message says what
};

/// @brief A short lowercase name of the kind ("invalid request", "model load", ...).
const char* name(ErrorKind kind);

/// @brief An error the user can act on: its message is one clear line, shown as is.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, ErrorKind kind = ErrorKind::InvalidRequest)
        : std::runtime_error(message), m_kind(kind) {}
    ErrorKind kind() const { return m_kind; }

private:
    ErrorKind m_kind;
};

}  // namespace kinora
