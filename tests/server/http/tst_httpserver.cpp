#include "rawhttp.h"
#include "server/http/httpserver.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

using namespace inkwell;
using namespace inkwell::server;
using inkwell::test::readResponse;
using inkwell::test::waitForClose;

namespace {

// Small limits so that every limit is cheap to reach.
HttpLimits smallLimits()
{
    HttpLimits limits;
    limits.maxHeaderBytes = 2048;
    limits.maxBodyBytes = 1000;
    limits.maxBlobBytes = 5000;
    limits.readTimeout = std::chrono::seconds(5);
    limits.idleTimeout = std::chrono::seconds(5);
    limits.maxConnections = 8;
    limits.workerThreads = 2;
    return limits;
}

// Answers with what it received, so tests can check what the front handed over.
HttpResponse echo(const HttpRequest &request)
{
    HttpResponse response;
    response.contentType = "text/plain";
    response.headers.append({"x-method", request.method});
    response.headers.append({"x-target", request.target});
    response.headers.append({"x-test-header", request.header("x-test-header")});
    response.headers.append({"x-body-size", QByteArray::number(request.body.size())});
    response.body = request.body;
    return response;
}

// A connected raw socket to the server under test, from `source` (Linux routes all of
// 127.0.0.0/8 to the loopback device, so 127.0.0.2 is a second client address).
std::unique_ptr<QTcpSocket> connectTo(const HttpServer &server,
                                      const QString &source = QStringLiteral("127.0.0.1"))
{
    auto socket = std::make_unique<QTcpSocket>();
    if (!socket->bind(QHostAddress(source), 0))
        return nullptr;
    socket->connectToHost(QStringLiteral("127.0.0.1"), server.port());
    if (!socket->waitForConnected(5000))
        return nullptr;
    return socket;
}

// Sends "GET /" on `socket` and returns the answer's status (0 if none came).
int statusOfGet(QTcpSocket &socket)
{
    socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    return readResponse(socket).status;
}

} // namespace

class TestHttpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheRequestToTheHandlerAndItsAnswerBack();
    void keepsTheConnectionAliveForSeveralRequests();
    void bodyLimitIsCheckedBeforeTheBodyArrives_data();
    void bodyLimitIsCheckedBeforeTheBodyArrives();
    void chunkedBodyOverTheLimitGets413();
    void largeBodyIsReadInLargePieces_data();
    void largeBodyIsReadInLargePieces();
    void headerOverTheLimitGets431();
    void malformedHttpGets400AndIsClosed_data();
    void malformedHttpGets400AndIsClosed();
    void idleConnectionIsClosed();
    void stalledRequestIsClosed_data();
    void stalledRequestIsClosed();
    void connectionsBeyondTheLimitGet503();
    void stopAnswersTheRequestInFlight();
    void slowHandlerDoesNotBlockOtherConnections();
    void everyHandlerThreadIsPreparedBeforeTheFirstRequest();
    void handlerExceptionGets500NotACrash();
    void headAnswersHaveNoBody();
    void expectContinueGetsAnInterimAnswer();
    void listenRejectsAnInvalidAddress();
    void refusedRequestIsAnsweredBeforeItsBody();
    void refusalWithoutBodyKeepsTheConnection();
    void admissionRunsOnceAndItsGrantReachesTheHandler();
    void bodiesInFlightAreCappedServerWide();
    void connectionsPerAddressAreCapped();
    void firstHeaderHasItsOwnShortDeadline();
    void loginLaneDoesNotHoldTheWorkers();
    void oneAddressCannotFillTheLoginLane();
};

void TestHttpServer::passesTheRequestToTheHandlerAndItsAnswerBack()
{
    HttpServer server(smallLimits(), echo);
    const auto bound = server.listen(QStringLiteral("127.0.0.1"), 0);
    QVERIFY2(bound, bound ? "" : qPrintable(bound.error().message));
    QCOMPARE(*bound, QStringLiteral("127.0.0.1:%1").arg(server.port()));

    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://%1/api/v1/x?y=1").arg(*bound)));
    request.setRawHeader("X-Test-Header", "value");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("text/plain"));
    QNetworkReply *reply = network.post(request, QByteArray("hello"));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), QByteArray("hello"));
    QCOMPARE(reply->rawHeader("x-method"), QByteArray("POST"));
    QCOMPARE(reply->rawHeader("x-target"), QByteArray("/api/v1/x?y=1"));
    QCOMPARE(reply->rawHeader("x-test-header"), QByteArray("value"));
    QCOMPARE(reply->rawHeader("content-type"), QByteArray("text/plain"));
    reply->deleteLater();
}

void TestHttpServer::keepsTheConnectionAliveForSeveralRequests()
{
    HttpServer server(smallLimits(), echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    for (int i = 0; i < 3; ++i) {
        const QByteArray body = QByteArray::number(i);
        socket->write("POST /n HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const auto response = readResponse(*socket);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, body);
    }
    QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(server.openConnections(), 1);
}

void TestHttpServer::bodyLimitIsCheckedBeforeTheBodyArrives_data()
{
    QTest::addColumn<QByteArray>("requestLine");
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<int>("status");
    const QByteArray blob = "PUT /api/v1/blogs/1/blobs/" + QByteArray(64, 'a') + " HTTP/1.1";
    QTest::newRow("huge body") << QByteArray("POST /sync HTTP/1.1") << qint64(1) << 413;
    QTest::newRow("body just over") << QByteArray("POST /sync HTTP/1.1") << qint64(1001) << 413;
    QTest::newRow("blob within blob limit") << blob << qint64(4000) << 200;
    QTest::newRow("blob over blob limit") << blob << qint64(5001) << 413;
    QTest::newRow("other PUT keeps body limit")
            << QByteArray("PUT /api/v1/blogs/1/other HTTP/1.1") << qint64(4000) << 413;
}

void TestHttpServer::bodyLimitIsCheckedBeforeTheBodyArrives()
{
    QFETCH(QByteArray, requestLine);
    QFETCH(qint64, contentLength);
    QFETCH(int, status);
    int handled = 0;
    HttpServer server(smallLimits(), [&handled](const HttpRequest &r) {
        ++handled;
        return echo(r);
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    // "huge body" announces a terabyte: the answer must come without any body sent.
    const qint64 announced =
            QTest::currentDataTag() == QByteArray("huge body") ? qint64(1) << 40 : contentLength;
    socket->write(requestLine + "\r\nHost: x\r\nContent-Length: " + QByteArray::number(announced)
                  + "\r\n\r\n");
    if (status == 200)
        socket->write(QByteArray(contentLength, 'b'));
    const auto response = readResponse(*socket);
    QCOMPARE(response.status, status);
    if (status == 413) {
        QVERIFY(response.body.contains("\"too-large\""));
        QVERIFY(waitForClose(*socket));
        QCOMPARE(handled, 0);
    } else {
        QCOMPARE(response.header("x-body-size"), QByteArray::number(contentLength));
    }
}

void TestHttpServer::chunkedBodyOverTheLimitGets413()
{
    HttpServer server(smallLimits(), echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("POST /sync HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 3; ++i)
        socket->write("1f4\r\n" + QByteArray(500, 'c') + "\r\n");
    QCOMPARE(readResponse(*socket).status, 413);
    QVERIFY(waitForClose(*socket));
}

void TestHttpServer::largeBodyIsReadInLargePieces_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::newRow("Content-Length") << false;
    QTest::newRow("chunked") << true;
}

// A push of a thousand posts is a megabyte: read in pieces of the header's few hundred bytes it
// took thousands of reads (and as many waits, quick ACKs and timer updates); in pieces of up to
// 64 KiB, a few dozen. The body arrives whole, and the next request on the connection too.
void TestHttpServer::largeBodyIsReadInLargePieces()
{
    QFETCH(bool, chunked);
    constexpr qsizetype size = 1024 * 1024;
    HttpLimits limits = smallLimits();
    limits.maxBodyBytes = 2 * size;
    HttpServer server(limits, echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    QByteArray body(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        body[i] = char('a' + i % 26);
    if (chunked) {
        QByteArray message = "POST /sync HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        constexpr qsizetype piece = 100 * 1000;
        for (qsizetype at = 0; at < size; at += piece) {
            const QByteArray part = body.mid(at, piece);
            message += QByteArray::number(part.size(), 16) + "\r\n" + part + "\r\n";
        }
        socket->write(message + "0\r\n\r\n");
    } else {
        socket->write("POST /sync HTTP/1.1\r\nHost: x\r\nContent-Length: "
                      + QByteArray::number(size) + "\r\n\r\n" + body);
    }
    const auto response = readResponse(*socket);
    QCOMPARE(response.status, 200);
    QVERIFY(response.body == body);
    const qint64 reads = server.bodyReads();
    qInfo() << "read" << size << "bytes in" << reads << "reads";
    QVERIFY2(reads <= size / (16 * 1024), qPrintable(QString::number(reads)));
    socket->write("POST /n HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok");
    const auto next = readResponse(*socket);
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body, QByteArray("ok"));
}

void TestHttpServer::headerOverTheLimitGets431()
{
    HttpServer server(smallLimits(), echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + QByteArray(4096, 'p') + "\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 431);
    QVERIFY(waitForClose(*socket));
}

void TestHttpServer::malformedHttpGets400AndIsClosed_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("garbage") << QByteArray("\x01\x02\x03 hello\r\n\r\n");
    QTest::newRow("bad version") << QByteArray("GET / HTTP/7\r\n\r\n");
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n");
    QTest::newRow("bad content length")
            << QByteArray("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n");
    QTest::newRow("bad chunk size")
            << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
}

void TestHttpServer::malformedHttpGets400AndIsClosed()
{
    QFETCH(QByteArray, request);
    int handled = 0;
    HttpServer server(smallLimits(), [&handled](const HttpRequest &r) {
        ++handled;
        return echo(r);
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write(request);
    const auto response = readResponse(*socket);
    QCOMPARE(response.status, 400);
    QVERIFY(response.body.contains("\"malformed\""));
    QVERIFY(waitForClose(*socket));
    QCOMPARE(handled, 0);
}

void TestHttpServer::idleConnectionIsClosed()
{
    HttpLimits limits = smallLimits();
    limits.idleTimeout = std::chrono::milliseconds(200);
    HttpServer server(limits, echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 200);
    QVERIFY(waitForClose(*socket, std::chrono::seconds(5)));
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestHttpServer::stalledRequestIsClosed_data()
{
    QTest::addColumn<QByteArray>("partialRequest");
    QTest::newRow("body stalls") << QByteArray(
            "POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n0123");
    QTest::newRow("header stalls") << QByteArray("POST / HTTP/1.1\r\nContent-Le");
}

void TestHttpServer::stalledRequestIsClosed()
{
    QFETCH(QByteArray, partialRequest);
    HttpLimits limits = smallLimits();
    limits.readTimeout = std::chrono::milliseconds(200);
    limits.headerTimeout = std::chrono::milliseconds(200);
    limits.idleTimeout = std::chrono::milliseconds(200);
    int handled = 0;
    HttpServer server(limits, [&handled](const HttpRequest &r) {
        ++handled;
        return echo(r);
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write(partialRequest);
    QVERIFY(waitForClose(*socket, std::chrono::seconds(5)));
    QTRY_COMPARE(server.openConnections(), 0);
    QCOMPARE(handled, 0);
}

void TestHttpServer::connectionsBeyondTheLimitGet503()
{
    HttpLimits limits = smallLimits();
    limits.maxConnections = 2;
    HttpServer server(limits, echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto first = connectTo(server);
    auto second = connectTo(server);
    QVERIFY(first && second);
    QTRY_COMPARE(server.openConnections(), 2);
    auto third = connectTo(server);
    QVERIFY(third);
    const auto refused = readResponse(*third);
    QCOMPARE(refused.status, 503);
    QVERIFY(waitForClose(*third));
    // The admitted connections still work, and a slot frees up when one closes.
    QCOMPARE(statusOfGet(*first), 200);
    second->close();
    QTRY_COMPARE(server.openConnections(), 1);
    auto fourth = connectTo(server);
    QVERIFY(fourth);
    QCOMPARE(statusOfGet(*fourth), 200);
}

void TestHttpServer::stopAnswersTheRequestInFlight()
{
    std::mutex mutex;
    std::condition_variable changed;
    bool entered = false;
    bool release = false;
    HttpServer server(smallLimits(), [&](const HttpRequest &r) {
        std::unique_lock lock(mutex);
        entered = true;
        changed.notify_all();
        changed.wait(lock, [&] { return release; });
        return echo(r);
    });
    std::optional<std::jthread> stopper; // joined after `unblock` released the handler
    const auto unblock = qScopeGuard([&] { // runs before ~HttpServer, also when a check fails
        std::lock_guard lock(mutex);
        release = true;
        changed.notify_all();
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto busy = connectTo(server);
    auto idle = connectTo(server);
    QVERIFY(busy && idle);
    busy->write("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nslow");
    QVERIFY(busy->waitForBytesWritten(5000));
    {
        std::unique_lock lock(mutex);
        QVERIFY(changed.wait_for(lock, std::chrono::seconds(10), [&] { return entered; }));
    }
    stopper.emplace([&server] { server.stop(); });
    QVERIFY(waitForClose(*idle)); // idle connections go at once
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    const auto response = readResponse(*busy);
    stopper.reset(); // joins
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("slow"));
    QCOMPARE(response.header("connection"), QByteArray("close"));
    QVERIFY(waitForClose(*busy));
    QTcpSocket after;
    after.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(!after.waitForConnected(2000));
}

void TestHttpServer::slowHandlerDoesNotBlockOtherConnections()
{
    std::mutex mutex;
    std::condition_variable changed;
    bool release = false;
    HttpLimits limits = smallLimits();
    limits.ioThreads = 1;
    limits.workerThreads = 2;
    HttpServer server(limits, [&](const HttpRequest &r) {
        if (r.target == "/slow") {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return release; });
        }
        return echo(r);
    });
    const auto unblock = qScopeGuard([&] { // runs before ~HttpServer, also when a check fails
        std::lock_guard lock(mutex);
        release = true;
        changed.notify_all();
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto slow = connectTo(server);
    auto fast = connectTo(server);
    QVERIFY(slow && fast);
    slow->write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(slow->waitForBytesWritten(5000));
    // The only I/O thread keeps serving while a worker is stuck in the handler.
    for (int i = 0; i < 3; ++i) {
        fast->write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
        QCOMPARE(readResponse(*fast).status, 200);
    }
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    QCOMPARE(readResponse(*slow).header("x-target"), QByteArray("/slow"));
}

void TestHttpServer::everyHandlerThreadIsPreparedBeforeTheFirstRequest()
{
    std::mutex mutex;
    std::set<std::thread::id> prepared;
    std::set<std::thread::id> handledOn;
    int preparations = 0;
    HttpLimits limits = smallLimits();
    limits.workerThreads = 3;
    limits.loginThreads = 2;
    HttpServer server(limits, [&](const HttpRequest &r) {
        std::lock_guard lock(mutex);
        handledOn.insert(std::this_thread::get_id());
        return echo(r);
    });
    server.setWorkerPreparation([&] {
        std::lock_guard lock(mutex);
        ++preparations;
        prepared.insert(std::this_thread::get_id());
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    {
        std::lock_guard lock(mutex); // listen() has returned: every thread, once each
        QCOMPARE(preparations, 5);
        QCOMPARE(prepared.size(), std::size_t(5));
    }
    auto socket = connectTo(server);
    QVERIFY(socket);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(statusOfGet(*socket), 200);
    std::lock_guard lock(mutex);
    QVERIFY(!handledOn.empty());
    for (const std::thread::id id : handledOn)
        QVERIFY(prepared.contains(id));
}

void TestHttpServer::handlerExceptionGets500NotACrash()
{
    HttpServer server(smallLimits(), [](const HttpRequest &) -> HttpResponse {
        throw std::runtime_error("boom");
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 500);
}

void TestHttpServer::headAnswersHaveNoBody()
{
    static const QByteArray body = R"({"error":{"code":"not-found","message":"no such blob"}})";
    HttpServer server(smallLimits(), [](const HttpRequest &) {
        HttpResponse response;
        response.status = 404;
        response.body = body;
        return response;
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("HEAD /blob HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray head;
    while (!head.contains("\r\n\r\n") && socket->waitForReadyRead(5000))
        head += socket->readAll();
    QVERIFY(head.startsWith("HTTP/1.1 404"));
    QVERIFY(head.contains(
            QByteArray("Content-Length: " + QByteArray::number(body.size()) + "\r\n")));
    QVERIFY(head.endsWith("\r\n\r\n")); // nothing after the header
    // The connection stays usable: the next answer starts right away.
    socket->write("GET /blob HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = readResponse(*socket);
    QCOMPARE(response.status, 404);
    QCOMPARE(response.body, body);
}

void TestHttpServer::expectContinueGetsAnInterimAnswer()
{
    HttpServer server(smallLimits(), echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write(
            "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 100);
    socket->write("abc");
    const auto response = readResponse(*socket);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("abc"));
}

void TestHttpServer::listenRejectsAnInvalidAddress()
{
    HttpServer server(smallLimits(), echo);
    const auto bound = server.listen(QStringLiteral("not-an-address"), 0);
    QVERIFY(!bound);
    QCOMPARE(bound.error().code, ErrorCode::InvalidArgument);
}

namespace {

// An admitter in the shape of the API's: a request without "Authorization: Bearer ok" gets 401,
// "/login" goes to the login lane, and the grant names the caller.
Admission bearerAdmission(const HttpRequest &header)
{
    Admission admission;
    admission.maxBodyBytes = 5000;
    if (header.target == "/login") {
        admission.lane = Admission::Lane::Login;
        admission.client = QString::fromLatin1(header.header("x-client"));
        return admission;
    }
    if (header.header("authorization") != "Bearer ok") {
        HttpResponse refusal;
        refusal.status = 401;
        refusal.headers.append({QByteArray("www-authenticate"), QByteArray("Bearer")});
        refusal.body = R"({"error":{"code":"unauthorized","message":"no token"}})";
        admission.refusal = refusal;
        return admission;
    }
    admission.grant = QByteArray("ada");
    return admission;
}

QByteArray blobPut(qint64 length, const QByteArray &token = {})
{
    return "PUT /api/v1/blogs/1/blobs/" + QByteArray(64, 'a')
            + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(length)
            + (token.isEmpty() ? QByteArray() : "\r\nAuthorization: Bearer " + token) + "\r\n\r\n";
}

} // namespace

void TestHttpServer::refusedRequestIsAnsweredBeforeItsBody()
{
    std::atomic<int> handled = 0;
    HttpServer server(smallLimits(), [&handled](const HttpRequest &r) {
        ++handled;
        return echo(r);
    });
    server.setAdmitter(bearerAdmission);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    // Announces 32 MiB and sends none of it: the answer must come anyway.
    socket->write(blobPut(32 * 1024 * 1024));
    const auto response = readResponse(*socket);
    QCOMPARE(response.status, 401);
    QCOMPARE(response.header("www-authenticate"), QByteArray("Bearer"));
    QVERIFY(waitForClose(*socket)); // the unread body makes the connection unusable
    QCOMPARE(handled.load(), 0);
    QCOMPARE(server.bodyBytesInFlight(), 0);
}

void TestHttpServer::refusalWithoutBodyKeepsTheConnection()
{
    HttpServer server(smallLimits(), echo);
    server.setAdmitter(bearerAdmission);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET /api/v1/blogs HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 401);
    socket->write("GET /api/v1/blogs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ok\r\n\r\n");
    QCOMPARE(readResponse(*socket).status, 200);
}

void TestHttpServer::admissionRunsOnceAndItsGrantReachesTheHandler()
{
    std::atomic<int> admissions = 0;
    HttpServer server(smallLimits(), [](const HttpRequest &r) {
        HttpResponse response = echo(r);
        const auto *caller = std::any_cast<QByteArray>(&r.admission);
        response.headers.append({"x-caller", caller ? *caller : QByteArray("none")});
        return response;
    });
    server.setAdmitter([&admissions](const HttpRequest &header) {
        ++admissions;
        return bearerAdmission(header);
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write(blobPut(4, "ok") + "blob");
    const auto response = readResponse(*socket);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("x-caller"), QByteArray("ada"));
    QCOMPARE(response.body, QByteArray("blob"));
    QCOMPARE(admissions.load(), 1);
    // The admitter's body limit holds, not the server's default.
    socket->write(blobPut(5001, "ok"));
    QCOMPARE(readResponse(*socket).status, 413);
}

void TestHttpServer::bodiesInFlightAreCappedServerWide()
{
    HttpLimits limits = smallLimits();
    limits.maxBodyBytesInFlight = 6000;
    std::atomic<int> handled = 0;
    HttpServer server(limits, [&handled](const HttpRequest &r) {
        ++handled;
        return echo(r);
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto first = connectTo(server);
    auto second = connectTo(server);
    QVERIFY(first && second);
    // The first upload is admitted and holds its 4000 bytes while its body trickles in.
    first->write(blobPut(4000) + "part");
    QTRY_COMPARE(server.bodyBytesInFlight(), 4000);
    // The second does not fit: 503 at once, none of its body read.
    second->write(blobPut(4000));
    const auto busy = readResponse(*second);
    QCOMPARE(busy.status, 503);
    QCOMPARE(busy.header("retry-after"), QByteArray("1"));
    QVERIFY(waitForClose(*second));
    // Once the first is answered, its bytes are free again.
    first->write(QByteArray(3996, 'b'));
    QCOMPARE(readResponse(*first).status, 200);
    QTRY_COMPARE(server.bodyBytesInFlight(), 0);
    auto third = connectTo(server);
    QVERIFY(third);
    third->write(blobPut(4000) + QByteArray(4000, 'c'));
    QCOMPARE(readResponse(*third).status, 200);
    QCOMPARE(handled.load(), 2);
    QTRY_COMPARE(server.bodyBytesInFlight(), 0);
}

void TestHttpServer::connectionsPerAddressAreCapped()
{
    HttpLimits limits = smallLimits();
    limits.maxConnections = 8;
    limits.maxConnectionsPerAddress = 2;
    HttpServer server(limits, echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto first = connectTo(server);
    auto second = connectTo(server);
    QVERIFY(first && second);
    QTRY_COMPARE(server.openConnections(), 2);
    auto third = connectTo(server);
    QVERIFY(third);
    const auto refused = readResponse(*third);
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.header("retry-after"), QByteArray("1"));
    QVERIFY(waitForClose(*third));
    // Another address is still served while the first one is at its limit.
    auto other = connectTo(server, QStringLiteral("127.0.0.2"));
    QVERIFY(other);
    QCOMPARE(statusOfGet(*other), 200);
    // A closed connection gives its address a place again.
    second->close();
    QTRY_COMPARE(server.openConnections(), 2);
    auto fourth = connectTo(server);
    QVERIFY(fourth);
    QCOMPARE(statusOfGet(*fourth), 200);
}

void TestHttpServer::firstHeaderHasItsOwnShortDeadline()
{
    HttpLimits limits = smallLimits();
    limits.headerTimeout = std::chrono::milliseconds(300);
    limits.idleTimeout = std::chrono::minutes(10);
    limits.readTimeout = std::chrono::minutes(10);
    HttpServer server(limits, echo);
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto silent = connectTo(server);
    auto partial = connectTo(server);
    QVERIFY(silent && partial);
    partial->write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    // Far less than the idle and read timeouts: only the header deadline can close them.
    QVERIFY(waitForClose(*silent, std::chrono::seconds(20)));
    QVERIFY(waitForClose(*partial, std::chrono::seconds(20)));
    QTRY_COMPARE(server.openConnections(), 0);
}

void TestHttpServer::loginLaneDoesNotHoldTheWorkers()
{
    HttpLimits limits = smallLimits();
    limits.workerThreads = 1;
    limits.loginThreads = 1;
    limits.maxQueuedLogins = 1;
    std::mutex mutex;
    std::condition_variable changed;
    bool release = false;
    int loginsRunning = 0;
    HttpServer server(limits, [&](const HttpRequest &r) {
        if (r.target == "/login") {
            std::unique_lock lock(mutex);
            ++loginsRunning;
            changed.notify_all();
            changed.wait(lock, [&] { return release; });
        }
        return echo(r);
    });
    server.setAdmitter(bearerAdmission);
    const auto unblock = qScopeGuard([&] { // runs before ~HttpServer, also when a check fails
        std::lock_guard lock(mutex);
        release = true;
        changed.notify_all();
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    const auto login = [](const QByteArray &client) -> QByteArray {
        return "POST /login HTTP/1.1\r\nHost: x\r\nX-Client: " + client
                + "\r\nContent-Length: 2\r\n\r\n{}";
    };
    auto running = connectTo(server);
    auto queued = connectTo(server);
    auto overflow = connectTo(server);
    auto sync = connectTo(server);
    QVERIFY(running && queued && overflow && sync);
    running->write(login("a"));
    QVERIFY(running->waitForBytesWritten(5000));
    {
        std::unique_lock lock(mutex);
        QVERIFY(changed.wait_for(lock, std::chrono::seconds(10), [&] { return loginsRunning; }));
    }
    // Two more logins on two connections: the server may read either first. The first it reads
    // takes the one queued place; the lane (one running, one queued) is then full and the other
    // is refused at once ...
    queued->write(login("b"));
    overflow->write(login("c"));
    QVERIFY(queued->waitForBytesWritten(5000) && overflow->waitForBytesWritten(5000));
    QTRY_VERIFY_WITH_TIMEOUT(queued->bytesAvailable() > 0 || overflow->bytesAvailable() > 0, 10000);
    if (queued->bytesAvailable() > 0)
        std::swap(queued, overflow); // "b" was refused: "c" is the queued one
    const auto refused = readResponse(*overflow);
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.header("retry-after"), QByteArray("1"));
    // ... and the only worker still serves other requests.
    sync->write("POST /sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ok\r\n"
                "Content-Length: 2\r\n\r\n{}");
    QCOMPARE(readResponse(*sync).status, 200);
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    QCOMPARE(readResponse(*running).status, 200);
    QCOMPARE(readResponse(*queued).status, 200);
}

// Eight places (two running, six queued): one address holds at most two of them, so a flood from
// it leaves room for everyone else.
void TestHttpServer::oneAddressCannotFillTheLoginLane()
{
    HttpLimits limits = smallLimits();
    limits.loginThreads = 2;
    limits.maxQueuedLogins = 6;
    QCOMPARE(limits.maxLoginsPerClient(), 2);
    std::mutex mutex;
    std::condition_variable changed;
    bool release = false;
    int loginsRunning = 0;
    HttpServer server(limits, [&](const HttpRequest &r) {
        if (r.target == "/login" && r.header("x-client") == "flood") {
            std::unique_lock lock(mutex);
            ++loginsRunning;
            changed.notify_all();
            changed.wait(lock, [&] { return release; });
        }
        return echo(r);
    });
    server.setAdmitter(bearerAdmission);
    const auto unblock = qScopeGuard([&] {
        std::lock_guard lock(mutex);
        release = true;
        changed.notify_all();
    });
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    const auto login = [](const QByteArray &client) -> QByteArray {
        return "POST /login HTTP/1.1\r\nHost: x\r\nX-Client: " + client
                + "\r\nContent-Length: 2\r\n\r\n{}";
    };
    std::vector<std::unique_ptr<QTcpSocket>> flood;
    for (int i = 0; i < 2; ++i) {
        flood.push_back(connectTo(server));
        QVERIFY(flood.back());
        flood.back()->write(login("flood"));
        QVERIFY(flood.back()->waitForBytesWritten(5000));
    }
    {
        std::unique_lock lock(mutex);
        QVERIFY(changed.wait_for(lock, std::chrono::seconds(10),
                                 [&] { return loginsRunning == 2; }));
    }
    // The flooding address holds its two places: its third login is refused at once ...
    auto third = connectTo(server);
    QVERIFY(third);
    third->write(login("flood"));
    const auto refused = readResponse(*third);
    QCOMPARE(refused.status, 503);
    QCOMPARE(refused.header("retry-after"), QByteArray("1"));
    // ... while another address still gets a place and is answered once a thread is free.
    auto owner = connectTo(server);
    QVERIFY(owner);
    owner->write(login("owner"));
    QVERIFY(owner->waitForBytesWritten(5000));
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    QCOMPARE(readResponse(*owner).status, 200);
    for (const auto &socket : flood)
        QCOMPARE(readResponse(*socket).status, 200);
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
