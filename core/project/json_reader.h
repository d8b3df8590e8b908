#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "util/error.h"

namespace kinora::project::detail {

/// @brief Reads fields of a JSON object and names the place in every error
/// ("shots[3].duration: must be positive").
class Reader {
public:
    Reader(const nlohmann::json& j, std::string path) : m_j(j), m_path(std::move(path)) {
        if (!m_j.is_object()) fail("", "expected an object");
    }

    const std::string& path() const { return m_path; }
    std::string at(const std::string& key) const {
        return m_path.empty() ? key : m_path + "." + key;
    }
    [[noreturn]] void fail(const std::string& key, const std::string& what) const {
        const std::string where = key.empty() ? m_path : at(key);
        throw Error((where.empty() ? std::string("document") : where) + ": " + what);
    }
    bool has(const std::string& key) const { return m_j.contains(key) && !m_j.at(key).is_null(); }
    const nlohmann::json& raw(const std::string& key) const {
        if (!has(key)) fail(key, "missing");
        return m_j.at(key);
    }

    std::string string(const std::string& key, const std::string& fallback, bool required = false,
                       std::size_t maxBytes = 4096) const {
        if (!has(key)) {
            if (required) fail(key, "missing");
            return fallback;
        }
        const auto& v = m_j.at(key);
        if (!v.is_string()) fail(key, "expected a string");
        auto s = v.get<std::string>();
        if (s.size() > maxBytes)
            fail(key, "longer than " + std::to_string(maxBytes) + " bytes (" +
                          std::to_string(s.size()) + ")");
        return s;
    }
    int64_t integer(const std::string& key, int64_t fallback, bool required = false) const {
        if (!has(key)) {
            if (required) fail(key, "missing");
            return fallback;
        }
        const auto& v = m_j.at(key);
        if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t{INT64_MAX})
            fail(key, v.dump() + " is far too large");
        if (v.is_number_integer()) return v.get<int64_t>();
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
                return static_cast<int64_t>(d);
        }
        fail(key, "expected an integer");
    }
    uint64_t seed(const std::string& key) const {
        if (!has(key)) return 0;
        const auto& v = m_j.at(key);
        if (v.is_number_unsigned()) return v.get<uint64_t>();
        if (v.is_number_integer() && v.get<int64_t>() >= 0)
            return static_cast<uint64_t>(v.get<int64_t>());
        fail(key, "expected a non-negative integer");
    }
    double number(const std::string& key, double fallback, bool required = false) const {
        if (!has(key)) {
            if (required) fail(key, "missing");
            return fallback;
        }
        const auto& v = m_j.at(key);
        if (!v.is_number()) fail(key, "expected a number");
        const double d = v.get<double>();
        if (!std::isfinite(d)) fail(key, "must be finite");
        return d;
    }
    bool boolean(const std::string& key, bool fallback) const {
        if (!has(key)) return fallback;
        const auto& v = m_j.at(key);
        if (!v.is_boolean()) fail(key, "expected true or false");
        return v.get<bool>();
    }
    const nlohmann::json& array(const std::string& key, std::size_t maxItems) const {
        static const nlohmann::json empty = nlohmann::json::array();
        if (!has(key)) return empty;
        const auto& v = m_j.at(key);
        if (!v.is_array()) fail(key, "expected an array");
        if (v.size() > maxItems)
            fail(key, "more than " + std::to_string(maxItems) + " entries (" +
                          std::to_string(v.size()) + ")");
        return v;
    }
    Reader object(const std::string& key) const {
        static const nlohmann::json empty = nlohmann::json::object();
        return Reader(has(key) ? m_j.at(key) : empty, at(key));
    }
    Reader item(const std::string& key, std::size_t i) const {
        return Reader(m_j.at(key).at(i), at(key) + "[" + std::to_string(i) + "]");
    }

private:
    const nlohmann::json& m_j;
    std::string m_path;
};

}  // namespace kinora::project::detail
