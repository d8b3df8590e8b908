#include "latency_probe.h"

#include <algorithm>
#include <numeric>

namespace kinora::ui {

LatencyProbe::LatencyProbe(int intervalMs, QObject* parent)
    : QObject(parent), m_intervalMs(std::max(1, intervalMs)) {
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(m_intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        const double gapMs = double(now - m_lastNs) / 1e6;
        m_lateMs.push_back(std::max(0.0, gapMs - m_intervalMs));
        m_lastNs = now;
    });
}

void LatencyProbe::start() {
    m_lateMs.clear();
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void LatencyProbe::stop() {
    m_timer.stop();
}

QJsonObject LatencyProbe::report() const {
    QVector<double> v = m_lateMs;
    std::sort(v.begin(), v.end());
    auto pct = [&](double q) {
        if (v.isEmpty()) return 0.0;
        return v[std::min<int>(v.size() - 1, int(q * (v.size() - 1) + 0.5))];
    };
    QJsonObject o;
    o[QStringLiteral("samples")] = int(v.size());
    o[QStringLiteral("interval_ms")] = m_intervalMs;
    o[QStringLiteral("mean_ms")] =
        v.isEmpty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / v.size();
    o[QStringLiteral("p50_ms")] = pct(0.5);
    o[QStringLiteral("p95_ms")] = pct(0.95);
    o[QStringLiteral("p99_ms")] = pct(0.99);
    o[QStringLiteral("max_ms")] = v.isEmpty() ? 0.0 : v.back();
    return o;
}

}  // namespace kinora::ui
