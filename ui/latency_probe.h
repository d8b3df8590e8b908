#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QVector>

namespace kinora::ui {

/// @brief Measures how responsive the GUI thread's event loop is: a precise timer asks to
/// run every `intervalMs`, and each tick records how late it came (the time an input event
/// would have waited). GUI thread only.
class LatencyProbe : public QObject {
    Q_OBJECT
public:
    explicit LatencyProbe(int intervalMs = 10, QObject* parent = nullptr);
    void start();
    void stop();
    int samples() const { return int(m_lateMs.size()); }
    /// @brief {"samples", "interval_ms", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "max_ms"}:
    /// lateness of the ticks in milliseconds.
    QJsonObject report() const;

private:
    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    QVector<double> m_lateMs;
};

}  // namespace kinora::ui
