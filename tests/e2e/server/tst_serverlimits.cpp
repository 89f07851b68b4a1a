// End-to-end: every limit of the real binary, set small through its flags, over raw sockets
// (malformed HTTP, header-only requests) and QNetworkAccessManager.
#include "server/http/rawhttp.h"
#include "serverfixture.h"

#include "protocol/codec.h"

#include <QTcpSocket>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

const QStringList smallLimits = {
        QStringLiteral("--max-body-bytes"),
        QStringLiteral("20000"),
        QStringLiteral("--max-blob-bytes"),
        QStringLiteral("40000"),
        QStringLiteral("--max-header-bytes"),
        QStringLiteral("4096"),
        QStringLiteral("--max-changes-per-push"),
        QStringLiteral("5"),
        QStringLiteral("--page-size"),
        QStringLiteral("3"),
        QStringLiteral("--idle-timeout"),
        QStringLiteral("1"),
        QStringLiteral("--max-connections"),
        QStringLiteral("4"),
};

} // namespace

class TestServerLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void oversizedBodyGets413BeforeItIsSent_data();
    void oversizedBodyGets413BeforeItIsSent();
    void oversizedHeaderGets431();
    void malformedHttpGets400AndIsClosed();
    void tooManyChangesInOnePushAreRefusedWhole();
    void pageSizeCapsTheLimitAClientAsksFor();
    void idleConnectionIsClosed();
    void connectionsBeyondTheLimitGet503();
    void serverStillServesAfterAllOfThis();

private:
    std::unique_ptr<QTcpSocket> connectRaw() const;
    std::unique_ptr<ServerFixture> m_fixture;
};

void TestServerLimits::init()
{
    INKWELL_START_FIXTURE(m_fixture, smallLimits);
}

void TestServerLimits::cleanup()
{
    m_fixture.reset();
}

std::unique_ptr<QTcpSocket> TestServerLimits::connectRaw() const
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QStringLiteral("127.0.0.1"), m_fixture->server->port());
    return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
}

void TestServerLimits::oversizedBodyGets413BeforeItIsSent_data()
{
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<qint64>("contentLength");
    QTest::newRow("sync, 1 TiB announced")
            << QByteArray("POST /api/v1/blogs/1/sync HTTP/1.1") << (qint64(1) << 40);
    QTest::newRow("sync, just over")
            << QByteArray("POST /api/v1/blogs/1/sync HTTP/1.1") << qint64(20001);
    QTest::newRow("blob, just over")
            << "PUT /api/v1/blogs/1/blobs/" + QByteArray(64, 'a') + " HTTP/1.1" << qint64(40001);
}

void TestServerLimits::oversizedBodyGets413BeforeItIsSent()
{
    QFETCH(QByteArray, requestLine);
    QFETCH(qint64, contentLength);
    auto socket = connectRaw();
    QVERIFY(socket);
    // Only the header is sent: the answer must not wait for a body.
    socket->write(requestLine + "\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + m_fixture->client->token() + "\r\nContent-Type: application/json\r\n"
                  + "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n");
    const RawResponse response = readResponse(*socket);
    QCOMPARE(response.status, 413);
    QVERIFY(response.body.contains("too-large"));
    QVERIFY(waitForClose(*socket));
}

void TestServerLimits::oversizedHeaderGets431()
{
    auto socket = connectRaw();
    QVERIFY(socket);
    socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\nCookie: " + QByteArray(8000, 'c')
                  + "\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 431);
    QVERIFY(waitForClose(*socket));
}

void TestServerLimits::malformedHttpGets400AndIsClosed()
{
    auto socket = connectRaw();
    QVERIFY(socket);
    socket->write("BLAH\x01 / HTTP/1.1\r\n\r\n");
    const RawResponse response = readResponse(*socket);
    QCOMPARE(response.status, 400);
    QVERIFY(response.body.contains("malformed"));
    QVERIFY(waitForClose(*socket));
}

void TestServerLimits::tooManyChangesInOnePushAreRefusedWhole()
{
    protocol::SyncRequest request;
    for (int i = 0; i < 6; ++i)
        request.changes.append(makeChange(newGuid(), 0, QStringLiteral("p%1").arg(i)));
    const auto response = m_fixture->client->sync(m_fixture->blogId, request);
    QVERIFY(!response);
    const int status = m_fixture->client->lastReply().status;
    QVERIFY2(status == 413 || status == 400, qPrintable(QString::number(status)));
    const auto all = m_fixture->client->pullAll(m_fixture->blogId);
    QVERIFY(all);
    QVERIFY(all->isEmpty()); // nothing of the refused push was written
}

void TestServerLimits::pageSizeCapsTheLimitAClientAsksFor()
{
    protocol::SyncRequest push;
    for (int i = 0; i < 5; ++i)
        push.changes.append(makeChange(newGuid(), 0, QStringLiteral("p%1").arg(i)));
    QVERIFY(m_fixture->client->sync(m_fixture->blogId, push));
    protocol::SyncRequest pull;
    pull.limit = 1000;
    const auto page = m_fixture->client->sync(m_fixture->blogId, pull);
    QVERIFY(page);
    QCOMPARE(page->changes.size(), 3);
    QVERIFY(page->more);
}

void TestServerLimits::idleConnectionIsClosed()
{
    auto socket = connectRaw();
    QVERIFY(socket);
    socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 200);
    // --idle-timeout 1: the server closes the kept-alive connection after about a second.
    QVERIFY(waitForClose(*socket, std::chrono::seconds(10)));
}

void TestServerLimits::connectionsBeyondTheLimitGet503()
{
    // The fixture's own client may hold a connection too, so count admissions up to the 503.
    std::vector<std::unique_ptr<QTcpSocket>> admitted;
    int refusedStatus = 0;
    for (int i = 0; i < 10 && refusedStatus == 0; ++i) {
        auto socket = connectRaw();
        QVERIFY(socket);
        socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        const int status = readResponse(*socket).status;
        if (status == 200)
            admitted.push_back(std::move(socket));
        else
            refusedStatus = status;
    }
    QCOMPARE(refusedStatus, 503);
    QVERIFY(!admitted.empty());
    QVERIFY(admitted.size() <= 4);
    // Closing an admitted connection frees its slot.
    admitted.back()->disconnectFromHost();
    admitted.pop_back();
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
        auto socket = connectRaw();
        QVERIFY(socket);
        socket->write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        status = readResponse(*socket).status;
        if (status != 200)
            QTest::qWait(20); // the server notices the close asynchronously
    }
    QCOMPARE(status, 200);
}

void TestServerLimits::serverStillServesAfterAllOfThis()
{
    for (int i = 0; i < 3; ++i) {
        auto socket = connectRaw();
        QVERIFY(socket);
        // Anonymous and oversized: refused from the header alone, the token checked first.
        socket->write("POST /api/v1/blogs/1/sync HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      "99999999\r\n\r\n");
        QCOMPARE(readResponse(*socket).status, 401);
    }
    ApiClient fresh(m_fixture->server->baseUrl());
    QCOMPARE(fresh.send("GET", QStringLiteral("/healthz")).status, 200);
    QVERIFY(m_fixture->server->stop());
}

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_serverlimits.moc"
