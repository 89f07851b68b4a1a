// The HTTP front together with the real API: a request is admitted (route, token, membership,
// size, budgets) from its header alone, before any byte of its body is read.
#include "rawhttp.h"
#include "server/api/apifixture.h"
#include "server/http/httpserver.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

using namespace inkwell;
using namespace inkwell::server;
using namespace inkwell::test;

namespace {

HttpLimits frontLimits()
{
    HttpLimits limits;
    limits.readTimeout = std::chrono::seconds(10);
    limits.workerThreads = 2;
    limits.loginThreads = 1;
    limits.maxQueuedLogins = 0; // the lane holds one login
    return limits;
}

QByteArray requestHeader(const QByteArray &method, const QByteArray &target, qint64 length,
                         const QByteArray &token = {})
{
    QByteArray header = method + ' ' + target + " HTTP/1.1\r\nHost: x\r\n";
    if (!token.isEmpty())
        header += "Authorization: Bearer " + token + "\r\n";
    return header + "Content-Length: " + QByteArray::number(length) + "\r\n\r\n";
}

} // namespace

class TestApiAdmission : public QObject, private ApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void cleanupTestCase() { dropSharedDatabase(); }
    void init();
    void cleanup();
    void refusedBeforeTheBody_data();
    void refusedBeforeTheBody();
    void admittedUploadIsStoredAndItsBytesFreed();
    void fullLoginLaneAnswers503AtOnceWhileSyncIsServed();

private:
    std::unique_ptr<QTcpSocket> connect() const;

    std::unique_ptr<HttpServer> m_server;
};

void TestApiAdmission::init()
{
    setUpServer();
    m_server = std::make_unique<HttpServer>(
            frontLimits(), [this](const HttpRequest &request) { return m_api->handle(request); });
    m_server->setAdmitter([this](const HttpRequest &header) { return m_api->admit(header); });
    QVERIFY(m_server->listen(QStringLiteral("127.0.0.1"), 0));
}

void TestApiAdmission::cleanup()
{
    m_server.reset();
    tearDownServer();
}

std::unique_ptr<QTcpSocket> TestApiAdmission::connect() const
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QStringLiteral("127.0.0.1"), m_server->port());
    return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
}

void TestApiAdmission::refusedBeforeTheBody_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path"); // under the blog named by `blog`
    QTest::addColumn<QByteArray>("blog");
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<qint64>("length");
    QTest::addColumn<int>("status");
    const QByteArray blob = "/blobs/" + QByteArray(64, 'a');
    // Within the fixture's blob limit (128 KiB): only the admission can refuse these early.
    const qint64 big = 128 * 1024;
    QTest::newRow("anonymous blob")
            << QByteArray("PUT") << blob << QByteArray("travel") << QByteArray() << big << 401;
    QTest::newRow("anonymous blob of 32 MiB") << QByteArray("PUT") << blob << QByteArray("travel")
                                              << QByteArray() << qint64(32 * 1024 * 1024) << 401;
    QTest::newRow("unknown token") << QByteArray("PUT") << blob << QByteArray("travel")
                                   << QByteArray(43, 'x') << big << 401;
    QTest::newRow("not a member") << QByteArray("PUT") << blob << QByteArray("food")
                                  << QByteArray("ada") << big << 404;
    QTest::newRow("not a member's sync") << QByteArray("POST") << QByteArray("/sync")
                                         << QByteArray("food") << QByteArray("ada") << big << 404;
    QTest::newRow("no such blog") << QByteArray("PUT") << blob << QByteArray("none")
                                  << QByteArray("ada") << big << 404;
    QTest::newRow("unknown route") << QByteArray("POST") << QByteArray("/nothing")
                                   << QByteArray("travel") << QByteArray() << big << 404;
    QTest::newRow("wrong method") << QByteArray("PUT") << QByteArray("/sync")
                                  << QByteArray("travel") << QByteArray() << big << 405;
    QTest::newRow("member, too large") << QByteArray("PUT") << blob << QByteArray("travel")
                                       << QByteArray("ada") << qint64(32 * 1024 * 1024) << 413;
}

void TestApiAdmission::refusedBeforeTheBody()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, blog);
    QFETCH(QByteArray, token);
    QFETCH(qint64, length);
    QFETCH(int, status);
    const qint64 blogId = blog == "travel" ? m_travel : (blog == "food" ? m_food : 999);
    auto socket = connect();
    QVERIFY(socket);
    // Only the header goes out; the answer must come without a byte of the body.
    socket->write(
            requestHeader(method, blogPath(blogId, path), length, token == "ada" ? m_ada : token));
    const RawResponse response = readResponse(*socket);
    QCOMPARE(response.status, status);
    if (status == 401)
        QCOMPARE(response.header("www-authenticate"), QByteArray("Bearer"));
    if (QByteArray(QTest::currentDataTag()) == "not a member") {
        // The same answer a member gets for a blog that does not exist.
        const HttpResponse missing = call("PUT", blogPath(999, path), "x", m_ada);
        QCOMPARE(response.body, missing.body);
    }
    QVERIFY(waitForClose(*socket));
    QCOMPARE(m_server->bodyBytesInFlight(), 0);
}

void TestApiAdmission::admittedUploadIsStoredAndItsBytesFreed()
{
    const QByteArray data(100 * 1024, 'z');
    const QByteArray path = blogPath(m_travel, "/blobs/" + sha256(data).toLatin1());
    auto socket = connect();
    QVERIFY(socket);
    socket->write(requestHeader("PUT", path, data.size(), m_ada) + data);
    QCOMPARE(readResponse(*socket).status, 201);
    QTRY_COMPARE(m_server->bodyBytesInFlight(), 0);
    socket->write("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + m_ada
                  + "\r\n\r\n");
    const RawResponse stored = readResponse(*socket);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.body, data);
}

void TestApiAdmission::fullLoginLaneAnswers503AtOnceWhileSyncIsServed()
{
    const QByteArray body = protocol::encode(
            protocol::LoginRequest{QStringLiteral("bob"), QStringLiteral("password1")});
    auto holding = connect();
    auto refused = connect();
    auto syncing = connect();
    QVERIFY(holding && refused && syncing);
    // An admitted login holds the lane's only place while its body is still on the way.
    holding->write(requestHeader("POST", "/api/v1/session", body.size()) + body.left(5));
    QVERIFY(holding->waitForBytesWritten(5000));
    QTRY_VERIFY(m_server->bodyBytesInFlight() > 0);
    refused->write(requestHeader("POST", "/api/v1/session", body.size()) + body);
    const RawResponse busy = readResponse(*refused);
    QCOMPARE(busy.status, 503);
    QCOMPARE(busy.header("retry-after"), QByteArray("1"));
    // Sync goes on meanwhile.
    const QByteArray sync = syncBody(QString());
    syncing->write(requestHeader("POST", blogPath(m_travel, "/sync"), sync.size(), m_ada) + sync);
    QCOMPARE(readResponse(*syncing).status, 200);
    holding->write(body.mid(5));
    const RawResponse loggedIn = readResponse(*holding);
    QCOMPARE(loggedIn.status, 200);
    QVERIFY(protocol::decodeLoginResponse(loggedIn.body));
}

QTEST_GUILESS_MAIN(TestApiAdmission)
#include "tst_apiadmission.moc"
