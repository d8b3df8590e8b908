#include "cli_args.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "util/error.h"

namespace kinora::cli {

Args::Args(const std::vector<std::string>& argv, const CommandSpec& spec) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) == 0 && a.size() > 2) {
            std::string name = a.substr(2), value;
            bool inlineValue = false;
            if (const auto eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
                inlineValue = true;
            }
            if (spec.flags.count(name) != 0) {
                if (inlineValue) throw Error("--" + name + " takes no value");
                m_flags.insert(name);
            } else if (spec.valueOptions.count(name) != 0) {
                if (!inlineValue) {
                    if (i + 1 >= argv.size()) throw Error("--" + name + " needs a value");
                    value = argv[++i];
                }
                m_values[name] = value;
                m_all[name].push_back(value);
            } else {
                throw Error("unknown option --" + name + " (see --help)");
            }
        } else {
            if (static_cast<int>(m_positional.size()) >= spec.maxPositional)
                throw Error("unexpected argument '" + a + "' (see --help)");
            m_positional.push_back(a);
        }
    }
}

std::vector<std::string> Args::all(const std::string& option) const {
    const auto it = m_all.find(option);
    return it == m_all.end() ? std::vector<std::string>{} : it->second;
}

bool Args::has(const std::string& option) const {
    return m_values.count(option) != 0;
}

std::string Args::text(const std::string& option, const std::string& fallback) const {
    const auto it = m_values.find(option);
    return it == m_values.end() ? fallback : it->second;
}

std::string Args::required(const std::string& option) const {
    const auto it = m_values.find(option);
    if (it == m_values.end() || it->second.empty()) throw Error("--" + option + " is required");
    return it->second;
}

int Args::integer(const std::string& option, int fallback, int min, int max) const {
    const auto it = m_values.find(option);
    if (it == m_values.end()) return fallback;
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0' || errno == ERANGE)
        throw Error("--" + option + " must be a whole number, got '" + it->second + "'");
    if (v < min || v > max)
        throw Error("--" + option + " must be between " + std::to_string(min) + " and " +
                    std::to_string(max) + ", got " + it->second);
    return static_cast<int>(v);
}

std::optional<uint64_t> Args::seed(const std::string& option) const {
    const auto it = m_values.find(option);
    if (it == m_values.end()) return std::nullopt;
    errno = 0;
    char* end = nullptr;
    const unsigned long long v = std::strtoull(it->second.c_str(), &end, 10);
    if (it->second.empty() || it->second[0] == '-' || *end != '\0' || errno == ERANGE ||
        v >= (1ull << 53))
        throw Error("--" + option + " must be a whole number from 0 to 2^53-1, got '" + it->second +
                    "'");
    return static_cast<uint64_t>(v);
}

double Args::number(const std::string& option, double fallback, double min, double max) const {
    const auto it = m_values.find(option);
    if (it == m_values.end()) return fallback;
    char* end = nullptr;
    const double v = std::strtod(it->second.c_str(), &end);
    if (it->second.empty() || *end != '\0' || !std::isfinite(v))
        throw Error("--" + option + " must be a number, got '" + it->second + "'");
    if (v < min || v > max)
        throw Error("--" + option + " must be between " + std::to_string(min) + " and " +
                    std::to_string(max));
    return v;
}

std::optional<int> Args::optionalInteger(const std::string& option, int min, int max) const {
    if (!has(option)) return std::nullopt;
    return integer(option, min, min, max);
}

std::optional<double> Args::optionalNumber(const std::string& option, double min,
                                           double max) const {
    if (!has(option)) return std::nullopt;
    return number(option, min, min, max);
}

}  // namespace kinora::cli
