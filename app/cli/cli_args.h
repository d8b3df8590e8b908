#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kinora::cli {

/// @brief Which options a command accepts: those taking a value and plain flags.
struct CommandSpec {
    std::set<std::string> valueOptions;
    std::set<std::string> flags;
    int maxPositional = 0;
};

/// @brief Parsed command line of one command. Accessors throw kinora::Error with a
/// message naming the option when a value is missing or malformed.
class Args {
public:
    /// @brief Parses argv after the command name against `spec`. Throws Error.
    Args(const std::vector<std::string>& argv, const CommandSpec& spec);

    bool has(const std::string& option) const;
    /// @brief Every value of an option that may be given more than once, in order (text()
    /// gives the last).
    std::vector<std::string> all(const std::string& option) const;
    bool flag(const std::string& name) const { return m_flags.count(name) != 0; }
    std::string text(const std::string& option, const std::string& fallback = {}) const;
    std::string required(const std::string& option) const;
    int integer(const std::string& option, int fallback, int min, int max) const;
    /// @brief The option's value when given (checked against min..max), unset otherwise.
    std::optional<int> optionalInteger(const std::string& option, int min, int max) const;
    std::optional<double> optionalNumber(const std::string& option, double min, double max) const;
    std::optional<uint64_t> seed(const std::string& option) const;
    double number(const std::string& option, double fallback, double min, double max) const;
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    std::map<std::string, std::string> m_values;
    std::map<std::string, std::vector<std::string>> m_all;
    std::set<std::string> m_flags;
    std::vector<std::string> m_positional;
};

}  // namespace kinora::cli
