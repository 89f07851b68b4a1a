#include "cannedhttpserver.h"
#include "support/faketransport.h"

#include "net/connectivitymonitor.h"
#include "net/networktransport.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::net;
using namespace inkwell::test;
using namespace std::chrono_literals;
using State = ConnectivityMonitor::State;

namespace {

ConnectivityMonitor::Options fastOptions()
{
    ConnectivityMonitor::Options options;
    options.initialBackoff = 5ms;
    options.maximumBackoff = 80ms;
    options.onlineInterval = 20ms;
    options.probeTimeout = 2000ms;
    options.systemHints = ConnectivityMonitor::SystemHints::Ignore;
    return options;
}

CannedHttpServer::Reply healthy(const CannedHttpServer::Received &)
{
    return {CannedHttpServer::response(200, "ok")};
}

} // namespace

class TestConnectivityMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void probesHealthzUnderTheServerPath_data();
    void probesHealthzUnderTheServerPath();
    void serverDownGoesOfflineOnce();
    void serverComingUpGivesOnlineEdge();
    void serverGoingAwayGivesOfflineEdge();
    void unhealthyServerIsOffline();
    void retryAfterLengthensTheWaitUpToTheMaximum();
    void backoffGrowsAndCaps();
    void probeNowResetsTheBackoff();
    void stopEndsProbing();
    void systemHintsAreOptional();
};

void TestConnectivityMonitor::probesHealthzUnderTheServerPath_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("probe");
    QTest::newRow("host only") << "http://127.0.0.1:8080"
                               << "http://127.0.0.1:8080/healthz";
    QTest::newRow("trailing slash") << "http://127.0.0.1:8080/"
                                    << "http://127.0.0.1:8080/healthz";
    QTest::newRow("behind a prefix") << "https://example.org/inkwell"
                                     << "https://example.org/inkwell/healthz";
}

void TestConnectivityMonitor::probesHealthzUnderTheServerPath()
{
    QFETCH(QString, server);
    QFETCH(QString, probe);
    FakeTransport transport;
    ConnectivityMonitor monitor(&transport, QUrl(server), fastOptions());
    QCOMPARE(monitor.probeUrl(), QUrl(probe));
}

void TestConnectivityMonitor::serverDownGoesOfflineOnce()
{
    CannedHttpServer server;
    QVERIFY(server.listen());
    const QUrl url = server.url();
    server.close();
    NetworkTransport transport;
    ConnectivityMonitor monitor(&transport, url, fastOptions());
    QSignalSpy offline(&monitor, &ConnectivityMonitor::offline);
    QSignalSpy scheduled(&monitor, &ConnectivityMonitor::probeScheduled);
    QCOMPARE(monitor.state(), State::Unknown);
    monitor.start();
    QVERIFY(offline.wait(5000));
    QCOMPARE(monitor.state(), State::Offline);
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 4, 5000); // several failed probes ...
    QCOMPARE(offline.size(), 1); // ... but one edge
}

void TestConnectivityMonitor::serverComingUpGivesOnlineEdge()
{
    CannedHttpServer server;
    server.setHandler(healthy);
    QVERIFY(server.listen());
    const quint16 port = server.port();
    const QUrl url = server.url();
    server.close();

    NetworkTransport transport;
    ConnectivityMonitor monitor(&transport, url, fastOptions());
    QSignalSpy online(&monitor, &ConnectivityMonitor::online);
    QSignalSpy offline(&monitor, &ConnectivityMonitor::offline);
    QSignalSpy changed(&monitor, &ConnectivityMonitor::stateChanged);
    monitor.start();
    QVERIFY(offline.wait(5000));
    QVERIFY(server.listen(port)); // the server starts later, on the configured port
    QVERIFY(online.wait(5000));
    QCOMPARE(monitor.state(), State::Online);
    QVERIFY(monitor.isOnline());
    QTRY_VERIFY_WITH_TIMEOUT(server.received().size() >= 3, 5000); // keeps probing while online
    QCOMPARE(online.size(), 1);
    QCOMPARE(offline.size(), 1);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(0).value<State>(), State::Online);
    QCOMPARE(server.received().first().path, QByteArray("/healthz"));
}

void TestConnectivityMonitor::serverGoingAwayGivesOfflineEdge()
{
    CannedHttpServer server;
    server.setHandler(healthy);
    QVERIFY(server.listen());
    NetworkTransport transport;
    ConnectivityMonitor monitor(&transport, server.url(), fastOptions());
    QSignalSpy online(&monitor, &ConnectivityMonitor::online);
    QSignalSpy offline(&monitor, &ConnectivityMonitor::offline);
    monitor.start();
    QVERIFY(online.wait(5000));
    server.close();
    QVERIFY(offline.wait(5000));
    QCOMPARE(monitor.state(), State::Offline);
    QCOMPARE(online.size(), 1);
}

void TestConnectivityMonitor::unhealthyServerIsOffline()
{
    FakeTransport transport;
    transport.setHandler([](const Request &) { return FakeTransport::jsonResponse(503, "{}"); });
    ConnectivityMonitor monitor(&transport, QUrl(QStringLiteral("http://127.0.0.1:1")),
                                fastOptions());
    QSignalSpy offline(&monitor, &ConnectivityMonitor::offline);
    monitor.start();
    QVERIFY(offline.wait(5000));
    QCOMPARE(monitor.state(), State::Offline);
}

void TestConnectivityMonitor::retryAfterLengthensTheWaitUpToTheMaximum()
{
    FakeTransport transport; // answers 503 with Retry-After: 1 (second)
    transport.injectFault(FakeTransport::Fault::ServiceUnavailable, 1);
    ConnectivityMonitor::Options options = fastOptions();
    options.initialBackoff = 5ms;
    options.maximumBackoff = 300ms;
    ConnectivityMonitor monitor(&transport, QUrl(QStringLiteral("http://127.0.0.1:1")), options);
    QSignalSpy scheduled(&monitor, &ConnectivityMonitor::probeScheduled);
    monitor.start();
    QVERIFY(scheduled.wait(5000));
    QCOMPARE(monitor.state(), State::Offline);
    QCOMPARE(scheduled.first().at(0).value<std::chrono::milliseconds>(), 300ms);
}

// The intervals double from the initial backoff and stop at the maximum; a success resets them.
void TestConnectivityMonitor::backoffGrowsAndCaps()
{
    FakeTransport transport;
    transport.injectFault(FakeTransport::Fault::ConnectionRefused, 8);
    transport.setHandler([](const Request &) { return FakeTransport::jsonResponse(200, "{}"); });
    ConnectivityMonitor::Options options = fastOptions();
    options.initialBackoff = 1ms;
    options.maximumBackoff = 16ms;
    options.onlineInterval = 1000ms;
    ConnectivityMonitor monitor(&transport, QUrl(QStringLiteral("http://127.0.0.1:1")), options);
    QSignalSpy scheduled(&monitor, &ConnectivityMonitor::probeScheduled);
    QSignalSpy online(&monitor, &ConnectivityMonitor::online);
    monitor.start();
    QVERIFY(online.wait(5000));
    QList<qint64> intervals;
    for (const QList<QVariant> &arguments : std::as_const(scheduled))
        intervals.append(arguments.at(0).value<std::chrono::milliseconds>().count());
    QCOMPARE(intervals, (QList<qint64>{1, 2, 4, 8, 16, 16, 16, 16, 1000}));
    QCOMPARE(transport.requestCount(QStringLiteral("/healthz")), 9);
}

void TestConnectivityMonitor::probeNowResetsTheBackoff()
{
    FakeTransport transport;
    transport.injectFault(FakeTransport::Fault::ConnectionRefused, 100);
    ConnectivityMonitor::Options options = fastOptions();
    options.initialBackoff = 1ms;
    options.maximumBackoff = 30000ms;
    ConnectivityMonitor monitor(&transport, QUrl(QStringLiteral("http://127.0.0.1:1")), options);
    QSignalSpy scheduled(&monitor, &ConnectivityMonitor::probeScheduled);
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(scheduled.size() >= 5, 5000);
    QTRY_COMPARE(transport.pendingCount(), 0); // waiting on the timer now, not on a probe
    const int before = transport.requestCount();
    monitor.probeNow();
    QCOMPARE(transport.requestCount(), before + 1);
    QTRY_VERIFY(scheduled.size() >= 6);
    QCOMPARE(scheduled.last().at(0).value<std::chrono::milliseconds>(), 1ms);
}

void TestConnectivityMonitor::stopEndsProbing()
{
    FakeTransport transport;
    transport.injectFault(FakeTransport::Fault::Hang, 1);
    ConnectivityMonitor monitor(&transport, QUrl(QStringLiteral("http://127.0.0.1:1")),
                                fastOptions());
    QSignalSpy changed(&monitor, &ConnectivityMonitor::stateChanged);
    monitor.start();
    QCOMPARE(transport.requestCount(), 1);
    monitor.stop();
    QTRY_COMPARE(transport.pendingCount(), 0); // the hanging probe was cancelled
    QTest::qWait(50);
    QCOMPARE(transport.requestCount(), 1);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(monitor.state(), State::Unknown);
}

// Whether or not a QNetworkInformation backend loads here, the probe decides.
void TestConnectivityMonitor::systemHintsAreOptional()
{
    FakeTransport transport;
    transport.setHandler([](const Request &) { return FakeTransport::jsonResponse(200, "{}"); });
    ConnectivityMonitor::Options options = fastOptions();
    options.systemHints = ConnectivityMonitor::SystemHints::Use;
    ConnectivityMonitor monitor(&transport, QUrl(QStringLiteral("http://127.0.0.1:1")), options);
    QSignalSpy online(&monitor, &ConnectivityMonitor::online);
    monitor.start();
    QVERIFY(online.wait(5000));
    qInfo() << "system hints available:" << monitor.hasSystemHints();
}

QTEST_GUILESS_MAIN(TestConnectivityMonitor)
#include "tst_connectivitymonitor.moc"
