#include <QJsonObject>
#include <QTest>
#include <QThread>
#include <QTimer>

#include "latency_probe.h"

using kinora::ui::LatencyProbe;

class LatencyProbeTest : public QObject {
    Q_OBJECT
private slots:
    // A GUI thread blocked for 150 ms must show up as a tick at least that late; the
    // probe is what `kinora --measure-latency` reports, so it must not miss a stall.
    void seesABlockedEventLoop() {
        LatencyProbe probe(10);
        probe.start();
        QTimer::singleShot(50, [] { QThread::msleep(150); });
        QTest::qWait(400);
        probe.stop();
        const QJsonObject r = probe.report();
        QVERIFY(r.value("samples").toInt() >= 5);
        QVERIFY2(r.value("max_ms").toDouble() >= 130.0,
                 qPrintable(QString::number(r.value("max_ms").toDouble())));
        QVERIFY(r.value("p50_ms").toDouble() <= r.value("p99_ms").toDouble());
        QVERIFY(r.value("p99_ms").toDouble() <= r.value("max_ms").toDouble());
    }
};

QTEST_MAIN(LatencyProbeTest)
#include "latency_probe_test.moc"
