// PresenceReporter against a fake server: what it sends, when, and when it sends nothing.
#include "presence/presencereporter.h"
#include "support/faketransport.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace std::chrono_literals;
using presence::PresenceReporter;
using test::FakeTransport;

namespace {

const QString PostA = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString PostB = QStringLiteral("22222222-2222-4222-8222-222222222222");
const QString PostC = QStringLiteral("33333333-3333-4333-8333-333333333333");

sync::SyncAccount account(const QString &token = QStringLiteral("token-a"))
{
    return {QUrl(QStringLiteral("http://127.0.0.1:8080")), token, {1, 2}};
}

// The server: capabilities as given, 204 for presence.
FakeTransport::Handler server(const QByteArray &capabilities)
{
    return [capabilities](const net::Request &request) {
        if (request.url.path() == QLatin1String("/api/v1/capabilities")) {
            return capabilities.isEmpty() ? FakeTransport::jsonResponse(404, "{}")
                                          : FakeTransport::jsonResponse(200, capabilities);
        }
        net::Response response;
        response.status = 204;
        return response;
    };
}

const QByteArray WithPresence = R"({"features":["live","presence","history"]})";

// "PUT /api/v1/blogs/1/presence <guid>" / "DELETE /api/v1/blogs/1/presence" for each presence
// request, in order.
QStringList presenceRequests(const FakeTransport &transport)
{
    QStringList lines;
    for (const net::Request &request : transport.requests()) {
        if (!request.url.path().endsWith(QLatin1String("/presence")))
            continue;
        QString line =
                QString::fromLatin1(net::methodName(request.method)) + u' ' + request.url.path();
        if (request.method == net::Method::Put) {
            const auto update = protocol::decodePresenceUpdate(request.body);
            line += u' ' + (update ? update->guid : QStringLiteral("<malformed>"));
        }
        lines.append(line);
    }
    return lines;
}

QString put(qint64 blog, const QString &guid)
{
    return QStringLiteral("PUT /api/v1/blogs/%1/presence %2").arg(blog).arg(guid);
}

QString clear(qint64 blog)
{
    return QStringLiteral("DELETE /api/v1/blogs/%1/presence").arg(blog);
}

} // namespace

class TestPresenceReporter : public QObject
{
    Q_OBJECT

private:
    FakeTransport *m_transport = nullptr;
    PresenceReporter *m_reporter = nullptr;
    std::chrono::steady_clock::time_point m_now;

    // An online reporter whose server offers presence, the capabilities already known.
    bool startReporter(const QByteArray &capabilities = WithPresence)
    {
        m_transport->setHandler(server(capabilities));
        m_reporter->setAccount(account());
        m_reporter->setOnline(true);
        return QTest::qWaitFor(
                [this] { return m_reporter->support() != PresenceReporter::Support::Checking; },
                5000);
    }

private Q_SLOTS:
    void init()
    {
        m_transport = new FakeTransport;
        m_reporter = new PresenceReporter(m_transport);
        m_now = std::chrono::steady_clock::now();
        m_reporter->setClock([this] { return m_now; });
    }

    void cleanup()
    {
        delete m_reporter;
        delete m_transport;
    }

    void reportsTheFirstEditAtOnce()
    {
        QVERIFY(startReporter());
        QCOMPARE(m_reporter->support(), PresenceReporter::Support::Supported);
        m_reporter->edited(1, PostA);
        QCOMPARE(presenceRequests(*m_transport), QStringList{put(1, PostA)});
        const net::Request &request = m_transport->requests().last();
        QCOMPARE(request.bearerToken, QStringLiteral("token-a"));
        QCOMPARE(request.contentType, QByteArray("application/json"));
        QCOMPARE(m_reporter->reportedGuid(), PostA);
        // Further keystrokes are covered by the renewals.
        m_reporter->edited(1, PostA);
        m_reporter->edited(1, PostA);
        QCOMPARE(presenceRequests(*m_transport).size(), 1);
    }

    void renewsWhileTypingAndLetsTheEntryLapseAfterward()
    {
        QVERIFY(startReporter());
        m_reporter->edited(1, PostA);
        QCOMPARE(presenceRequests(*m_transport).size(), 1);
        m_now += 10s;
        m_reporter->renew();
        QTRY_COMPARE(presenceRequests(*m_transport).size(), 2);
        m_now += 10s;
        m_reporter->renew(); // 20 s after the last keystroke: still typing
        QTRY_COMPARE(presenceRequests(*m_transport).size(), 3);
        QTRY_VERIFY(m_reporter->isIdle());
        m_now += 10s;
        m_reporter->renew(); // 30 s: stopped typing; no renewal, no clear
        QCOMPARE(presenceRequests(*m_transport).size(), 3);
        m_now += 40s;
        // Typing again after the server's entry lapsed is reported at once.
        m_reporter->edited(1, PostA);
        QTRY_COMPARE(presenceRequests(*m_transport),
                     QStringList({put(1, PostA), put(1, PostA), put(1, PostA), put(1, PostA)}));
    }

    void renewsOnItsOwnTimer()
    {
        PresenceReporter::Options options;
        options.renewInterval = 20ms;
        m_reporter->setOptions(options);
        QVERIFY(startReporter());
        m_reporter->edited(1, PostA);
        QTRY_VERIFY_WITH_TIMEOUT(presenceRequests(*m_transport).size() >= 3, 5000);
        m_now += std::chrono::seconds(protocol::kPresenceTtlSeconds);
        const int sent = int(presenceRequests(*m_transport).size());
        QTest::qWait(100); // five renew intervals: none is due any more
        QVERIFY(presenceRequests(*m_transport).size() <= sent + 1);
    }

    void clearsWhenThePostIsClosed()
    {
        QVERIFY(startReporter());
        m_reporter->closed(); // nothing reported: nothing to clear
        QCOMPARE(presenceRequests(*m_transport).size(), 0);
        m_reporter->edited(1, PostA);
        QTRY_VERIFY(m_reporter->isIdle());
        QSignalSpy idle(m_reporter, &PresenceReporter::idle);
        m_reporter->closed();
        QCOMPARE(presenceRequests(*m_transport), QStringList({put(1, PostA), clear(1)}));
        QVERIFY(m_reporter->reportedGuid().isEmpty());
        QVERIFY(idle.wait(5000));
        // Closed: no renewals.
        m_now += 5s;
        m_reporter->renew();
        QCOMPARE(presenceRequests(*m_transport).size(), 2);
    }

    void switchingPostsReportsTheNewOneAndClearsTheOldBlog()
    {
        QVERIFY(startReporter());
        m_reporter->edited(1, PostA);
        QTRY_VERIFY(m_reporter->isIdle());
        m_reporter->edited(1, PostB); // same blog: the new post replaces the old one
        QTRY_VERIFY(m_reporter->isIdle());
        m_reporter->edited(2, PostC); // another blog: its old entry is cleared
        QTRY_VERIFY(m_reporter->isIdle());
        QCOMPARE(presenceRequests(*m_transport),
                 QStringList({put(1, PostA), put(1, PostB), clear(1), put(2, PostC)}));
        // A local-only post (no blog) is no report; the previous one is cleared.
        m_reporter->edited(0, PostA);
        QTRY_VERIFY(m_reporter->isIdle());
        QCOMPARE(presenceRequests(*m_transport).last(), clear(2));
    }

    void sendsOneAtATimeAndOnlyTheLastWordOfABlog()
    {
        QVERIFY(startReporter());
        m_reporter->edited(1, PostA);
        m_reporter->edited(1, PostB);
        m_reporter->closed();
        // PUT A in flight; PUT B was waiting and the clear replaced it.
        QCOMPARE(m_transport->pendingCount(), 1);
        QCOMPARE(presenceRequests(*m_transport), QStringList{put(1, PostA)});
        QTRY_VERIFY(m_reporter->isIdle());
        QCOMPARE(presenceRequests(*m_transport), QStringList({put(1, PostA), clear(1)}));
    }

    void sendsNothingToAServerWithoutPresence_data()
    {
        QTest::addColumn<QByteArray>("capabilities");
        QTest::newRow("live only") << QByteArray(R"({"features":["live"]})");
        QTest::newRow("no capabilities route") << QByteArray();
        QTest::newRow("malformed") << QByteArray(R"({"features":"presence"})");
    }

    void sendsNothingToAServerWithoutPresence()
    {
        QFETCH(QByteArray, capabilities);
        QVERIFY(startReporter(capabilities));
        QCOMPARE(m_reporter->support(), PresenceReporter::Support::Unsupported);
        m_reporter->edited(1, PostA);
        m_now += 10s;
        m_reporter->renew();
        m_reporter->closed();
        QTest::qWait(20);
        QCOMPARE(presenceRequests(*m_transport).size(), 0);
        QCOMPARE(m_transport->requestCount(QStringLiteral("/capabilities")), 1);
    }

    void sendsNothingWhileOffline()
    {
        m_transport->setHandler(server(WithPresence));
        m_reporter->setAccount(account());
        m_reporter->edited(1, PostA);
        m_reporter->closed();
        m_reporter->edited(1, PostB);
        QTest::qWait(20);
        QCOMPARE(m_transport->requests().size(), 0); // not even the capabilities
        // Online while still typing: reported as soon as the server says it offers presence.
        m_reporter->setOnline(true);
        QTRY_COMPARE(presenceRequests(*m_transport), QStringList{put(1, PostB)});
        QTRY_VERIFY(m_reporter->isIdle());
        m_reporter->setOnline(false);
        m_reporter->closed(); // offline: the entry lapses on the server by itself
        m_now += 10s;
        m_reporter->renew();
        QCOMPARE(presenceRequests(*m_transport).size(), 1);
    }

    void anotherAccountClearsWithTheOldToken()
    {
        QVERIFY(startReporter());
        m_reporter->edited(1, PostA);
        m_reporter->setAccount({}); // signed out
        QTRY_VERIFY(m_reporter->isIdle());
        QCOMPARE(presenceRequests(*m_transport), QStringList({put(1, PostA), clear(1)}));
        QCOMPARE(m_transport->requests().last().bearerToken, QStringLiteral("token-a"));
        m_reporter->edited(1, PostA);
        QCOMPARE(presenceRequests(*m_transport).size(), 2);
        // Signed in again as someone else: asks the server again, then reports with the new token.
        m_reporter->setAccount(account(QStringLiteral("token-b")));
        QTRY_COMPARE(presenceRequests(*m_transport).size(), 3);
        QCOMPARE(m_transport->requests().last().bearerToken, QStringLiteral("token-b"));
        QCOMPARE(m_transport->requestCount(QStringLiteral("/capabilities")), 2);
    }

    void aFailedReportIsNotRetriedUntilTheNextRenewal()
    {
        QVERIFY(startReporter());
        m_transport->injectFault(FakeTransport::Fault::ConnectionRefused, 1,
                                 QStringLiteral("/presence"));
        m_reporter->edited(1, PostA);
        QTRY_VERIFY(m_reporter->isIdle());
        QCOMPARE(presenceRequests(*m_transport).size(), 1);
        m_now += 10s;
        m_reporter->renew();
        QTRY_VERIFY(m_reporter->isIdle());
        QCOMPARE(presenceRequests(*m_transport).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPresenceReporter)
#include "tst_presencereporter.moc"
