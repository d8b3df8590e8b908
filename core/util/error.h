#pragma once

#include <stdexcept>
#include <string>

namespace kinora {

/// @brief An error the user can act on: its message is one clear line, shown as is.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

/// @brief Thrown when a job was cancelled through its cancel flag.
class CancelledError : public Error {
public:
    CancelledError() : Error("cancelled") {}
};

}  // namespace kinora
