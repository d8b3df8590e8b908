#include "train/training_curve.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

namespace kinora::train {

namespace {

double sixDigits(double v) {
    if (!std::isfinite(v) || v == 0.0) return v;
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", v);
    return std::strtod(text, nullptr);
}

}  // namespace

nlohmann::json trainingCurve(const std::string& logPath, const std::string& stage, int maxPoints) {
    std::ifstream in(logPath);
    std::vector<std::array<double, 3>> points;
    std::string line;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (!j.is_object() || j.value("stage", std::string()) != stage) continue;
        const auto step = j.find("step"), loss = j.find("loss"), lr = j.find("lr");
        if (step == j.end() || loss == j.end() || !step->is_number() || !loss->is_number())
            continue;
        points.push_back({step->get<double>(), loss->get<double>(),
                          lr != j.end() && lr->is_number() ? lr->get<double>() : 0.0});
    }
    nlohmann::json curve = nlohmann::json::array();
    const std::size_t n = points.size();
    const std::size_t keep =
        std::min<std::size_t>(n, static_cast<std::size_t>(std::max(2, maxPoints)));
    for (std::size_t i = 0; i < keep; ++i) {
        const std::size_t at =
            keep < 2 ? i
                     : static_cast<std::size_t>(std::llround(static_cast<double>(i) * (n - 1) /
                                                             static_cast<double>(keep - 1)));
        const auto& p = points[at];
        curve.push_back({static_cast<int64_t>(p[0]), sixDigits(p[1]), sixDigits(p[2])});
    }
    return curve;
}

}  // namespace kinora::train
