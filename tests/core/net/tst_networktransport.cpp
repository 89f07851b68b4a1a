#include "cannedhttpserver.h"

#include "net/networktransport.h"
#include "net/threadedtransport.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <atomic>
#include <optional>
#include <zlib.h>

using namespace inkwell;
using namespace inkwell::net;
using inkwell::test::CannedHttpServer;
using Then = CannedHttpServer::Reply::Then;
using Headers = QList<QPair<QByteArray, QByteArray>>;

Q_DECLARE_METATYPE(inkwell::ErrorCode)

namespace {

QByteArray gzip(const QByteArray &data)
{
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size())) + 32), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

// Sends request and waits (bounded) for its callback; nullopt when none came.
std::optional<Response> exchange(Transport &transport, const Request &request, QObject *context,
                                 int timeoutMs = 5000)
{
    std::optional<Response> result;
    int calls = 0;
    transport.send(request, context, [&](const Response &response) {
        result = response;
        ++calls;
    });
    if (result)
        qFatal("callback ran inside send()");
    (void)QTest::qWaitFor([&] { return calls > 0; }, timeoutMs);
    QTest::qWait(10); // a second callback would show up here
    if (calls > 1)
        qFatal("callback ran more than once");
    return result;
}

Request get(const QUrl &url)
{
    Request request;
    request.url = url;
    return request;
}

} // namespace

class TestNetworkTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();
    void classifiesHttpAnswers_data();
    void classifiesHttpAnswers();
    void decompressesGzipBodies();
    void sendsMethodTokenAndBody();
    void reusesTheConnection();
    void connectionOpenedAheadCarriesTheFirstRequest();
    void connectionResetMidBodyIsNetworkError();
    void truncatedBodyIsNetworkError();
    void silentServerTimesOut();
    void refusedConnectionIsNetworkError();
    void oversizedResponseIsRejected_data();
    void oversizedResponseIsRejected();
    void cancelDeliversCancelledOnce();
    void destroyedContextGetsNoCallback();
    void worksOnAWorkerThread();
    void requestLeavesWhileTheCallingThreadIsBusy();
    void answerIsPreparedOnTheNetworkThread();
    void crossOriginRedirectIsRefused_data();
    void crossOriginRedirectIsRefused();
    void sameOriginRedirectKeepsTheTokenAndBody_data();
    void sameOriginRedirectKeepsTheTokenAndBody();
    void redirectLoopEnds();

private:
    int pendingCount() const
    {
        if (const auto *threaded = dynamic_cast<const ThreadedTransport *>(m_transport.get()))
            return threaded->pendingCount();
        return static_cast<const NetworkTransport *>(m_transport.get())->pendingCount();
    }

    std::unique_ptr<CannedHttpServer> m_server;
    std::unique_ptr<Transport> m_transport;
};

// Every test runs against the NetworkTransport on this thread and against the ThreadedTransport
// (a NetworkTransport on a network thread, callbacks delivered here), which the sync uses.
void TestNetworkTransport::initTestCase_data()
{
    QTest::addColumn<bool>("threaded");
    QTest::newRow("direct") << false;
    QTest::newRow("threaded") << true;
}

void TestNetworkTransport::init()
{
    m_server = std::make_unique<CannedHttpServer>();
    QVERIFY(m_server->listen());
    QFETCH_GLOBAL(bool, threaded);
    if (threaded)
        m_transport = std::make_unique<ThreadedTransport>();
    else
        m_transport = std::make_unique<NetworkTransport>();
}

void TestNetworkTransport::cleanup()
{
    m_transport.reset();
    m_server.reset();
}

void TestNetworkTransport::classifiesHttpAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<int>("retryAfter"); // -1: none

    const QByteArray json = R"({"ok":true,"text":"Grüße"})";
    QTest::newRow("200 JSON") << 200 << json << Headers{{"Content-Type", "application/json"}}
                              << ErrorCode::None << -1;
    QTest::newRow("204 empty") << 204 << QByteArray() << Headers() << ErrorCode::None << -1;
    QTest::newRow("400") << 400 << QByteArray(R"({"error":{"code":"malformed","message":"x"}})")
                         << Headers() << ErrorCode::Malformed << -1;
    QTest::newRow("401") << 401 << QByteArray(R"({"error":{"code":"unauthorized"}})") << Headers()
                         << ErrorCode::Unauthorized << -1;
    QTest::newRow("401 with a Bearer challenge")
            << 401 << QByteArray() << Headers{{"WWW-Authenticate", R"(Bearer realm="inkwell")"}}
            << ErrorCode::Unauthorized << -1;
    QTest::newRow("403") << 403 << QByteArray() << Headers() << ErrorCode::Forbidden << -1;
    QTest::newRow("404") << 404 << QByteArray() << Headers() << ErrorCode::NotFound << -1;
    QTest::newRow("409 conflict") << 409 << QByteArray(R"({"error":{"code":"conflict"}})")
                                  << Headers() << ErrorCode::Conflict << -1;
    QTest::newRow("409 resync required")
            << 409 << QByteArray(R"({"error":{"code":"resync-required","message":"cursor"}})")
            << Headers() << ErrorCode::ResyncRequired << -1;
    QTest::newRow("413") << 413 << QByteArray() << Headers() << ErrorCode::TooLarge << -1;
    QTest::newRow("429 with Retry-After")
            << 429 << QByteArray() << Headers{{"Retry-After", "7"}} << ErrorCode::RateLimited << 7;
    QTest::newRow("429 with a bad Retry-After")
            << 429 << QByteArray() << Headers{{"Retry-After", "soon"}} << ErrorCode::RateLimited
            << -1;
    QTest::newRow("503 with Retry-After") << 503 << QByteArray() << Headers{{"Retry-After", "2"}}
                                          << ErrorCode::ServerUnavailable << 2;
    QTest::newRow("500") << 500 << QByteArray() << Headers() << ErrorCode::ServerError << -1;
}

void TestNetworkTransport::classifiesHttpAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Headers, headers);
    QFETCH(ErrorCode, expected);
    QFETCH(int, retryAfter);
    m_server->setHandler([&](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(status, body, headers)};
    });
    const std::optional<Response> response =
            exchange(*m_transport, get(m_server->url(QStringLiteral("/api/v1/x"))), this);
    QVERIFY(response);
    QCOMPARE(response->status, status);
    QCOMPARE(response->error.code, expected);
    QCOMPARE(response->body, body);
    QCOMPARE(response->retryAfter.has_value(), retryAfter >= 0);
    if (retryAfter >= 0)
        QCOMPARE(response->retryAfter->count(), retryAfter);
    if (expected == ErrorCode::ResyncRequired)
        QCOMPARE(response->serverErrorCode, QStringLiteral("resync-required"));
}

void TestNetworkTransport::decompressesGzipBodies()
{
    QByteArray json = "{\"posts\":[";
    for (int i = 0; i < 500; ++i)
        json += "{\"title\":\"Post " + QByteArray::number(i) + "\"},";
    json += "{}]}";
    m_server->setHandler([&](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(
                200, gzip(json),
                {{"Content-Encoding", "gzip"}, {"Content-Type", "application/json"}})};
    });
    const std::optional<Response> response =
            exchange(*m_transport, get(m_server->url(QStringLiteral("/big"))), this);
    QVERIFY(response);
    QVERIFY(response->isOk());
    QCOMPARE(response->body, json);
    QVERIFY(m_server->received().first().header("accept-encoding").contains("gzip"));
}

void TestNetworkTransport::sendsMethodTokenAndBody()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "{}")};
    });
    const Request request = [&] {
        Request r =
                Request::json(Method::Post, m_server->url(QStringLiteral("/api/v1/blogs/b/sync")),
                              QJsonObject{{QStringLiteral("cursor"), 5}});
        r.bearerToken = QStringLiteral("secret-token");
        r.headers.append({QByteArray("X-Op"), QByteArray("42")});
        return r;
    }();
    QVERIFY(exchange(*m_transport, request, this));
    Request put = get(m_server->url(QStringLiteral("/blob")));
    put.method = Method::Put;
    put.body = "bytes";
    put.contentType = "application/octet-stream";
    QVERIFY(exchange(*m_transport, put, this));
    Request remove = get(m_server->url(QStringLiteral("/api/v1/session")));
    remove.method = Method::Delete;
    QVERIFY(exchange(*m_transport, remove, this));

    const auto &received = m_server->received();
    QCOMPARE(received.size(), 3);
    QCOMPARE(received[0].method, QByteArray("POST"));
    QCOMPARE(received[0].path, QByteArray("/api/v1/blogs/b/sync"));
    QCOMPARE(received[0].header("authorization"), QByteArray("Bearer secret-token"));
    QCOMPARE(received[0].header("content-type"), QByteArray("application/json"));
    QCOMPARE(received[0].header("x-op"), QByteArray("42"));
    QCOMPARE(received[0].body, QByteArray(R"({"cursor":5})"));
    QCOMPARE(received[1].method, QByteArray("PUT"));
    QCOMPARE(received[1].body, QByteArray("bytes"));
    QVERIFY(received[1].header("authorization").isNull());
    QCOMPARE(received[2].method, QByteArray("DELETE"));
}

void TestNetworkTransport::reusesTheConnection()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "ok")};
    });
    for (int i = 0; i < 3; ++i)
        QVERIFY(exchange(*m_transport, get(m_server->url(QStringLiteral("/healthz"))), this));
    QCOMPARE(m_server->received().size(), 3);
    QCOMPARE(m_server->connectionCount(), 1);
}

// connectAhead() opens the connection before any request; the first request then goes over it.
void TestNetworkTransport::connectionOpenedAheadCarriesTheFirstRequest()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "ok")};
    });
    m_transport->connectAhead(m_server->url(QStringLiteral("/")));
    QTRY_COMPARE(m_server->connectionCount(), 1);
    QVERIFY(m_server->received().isEmpty());
    QVERIFY(exchange(*m_transport, get(m_server->url(QStringLiteral("/healthz"))), this));
    QCOMPARE(m_server->received().size(), 1);
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestNetworkTransport::connectionResetMidBodyIsNetworkError()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        const QByteArray full = CannedHttpServer::response(200, QByteArray(1000, 'x'));
        return CannedHttpServer::Reply{full.left(full.size() - 600), Then::Reset};
    });
    const std::optional<Response> response =
            exchange(*m_transport, get(m_server->url(QStringLiteral("/x"))), this);
    QVERIFY(response);
    QCOMPARE(response->error.code, ErrorCode::Network);
    QCOMPARE(response->status, 0);
}

void TestNetworkTransport::truncatedBodyIsNetworkError()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{
                CannedHttpServer::response(200, R"({"cut":)", {{"Content-Length", "100"}}),
                Then::Close};
    });
    const std::optional<Response> response =
            exchange(*m_transport, get(m_server->url(QStringLiteral("/x"))), this);
    QVERIFY(response);
    QCOMPARE(response->error.code, ErrorCode::Network);
    QVERIFY(!response->isOk());
}

void TestNetworkTransport::silentServerTimesOut()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{{}, Then::Hang};
    });
    Request request = get(m_server->url(QStringLiteral("/slow")));
    request.timeout = std::chrono::milliseconds(200);
    const std::optional<Response> response = exchange(*m_transport, request, this);
    QVERIFY(response);
    QCOMPARE(response->error.code, ErrorCode::Timeout);
}

void TestNetworkTransport::refusedConnectionIsNetworkError()
{
    const QUrl url = m_server->url(QStringLiteral("/healthz"));
    m_server->close();
    const std::optional<Response> response = exchange(*m_transport, get(url), this);
    QVERIFY(response);
    QCOMPARE(response->error.code, ErrorCode::Network);
}

void TestNetworkTransport::oversizedResponseIsRejected_data()
{
    QTest::addColumn<bool>("compressed");
    QTest::newRow("declared by Content-Length") << false;
    QTest::newRow("found while decompressing") << true;
}

void TestNetworkTransport::oversizedResponseIsRejected()
{
    QFETCH(bool, compressed);
    const QByteArray big(256 * 1024, 'z');
    m_server->setHandler([&](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{compressed ? CannedHttpServer::response(
                                               200, gzip(big), {{"Content-Encoding", "gzip"}})
                                                  : CannedHttpServer::response(200, big)};
    });
    Request request = get(m_server->url(QStringLiteral("/big")));
    request.maxResponseBytes = 64 * 1024;
    const std::optional<Response> response = exchange(*m_transport, request, this);
    QVERIFY(response);
    QCOMPARE(response->error.code, ErrorCode::TooLarge);
    QVERIFY(response->body.size() <= request.maxResponseBytes);
}

void TestNetworkTransport::cancelDeliversCancelledOnce()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{{}, Then::Hang};
    });
    int calls = 0;
    Response last;
    const Transport::RequestId id = m_transport->send(get(m_server->url(QStringLiteral("/slow"))),
                                                      this, [&](const Response &response) {
                                                          ++calls;
                                                          last = response;
                                                      });
    QVERIFY(QTest::qWaitFor([&] { return !m_server->received().isEmpty(); }, 5000));
    m_transport->cancel(id);
    m_transport->cancel(id); // a second cancel is ignored
    QTRY_COMPARE(calls, 1);
    QCOMPARE(last.error.code, ErrorCode::Cancelled);
    QTest::qWait(20);
    QCOMPARE(calls, 1);
    QCOMPARE(pendingCount(), 0);
}

void TestNetworkTransport::destroyedContextGetsNoCallback()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "ok")};
    });
    int calls = 0;
    auto context = std::make_unique<QObject>();
    m_transport->send(get(m_server->url(QStringLiteral("/x"))), context.get(),
                      [&](const Response &) { ++calls; });
    context.reset();
    QTRY_COMPARE(pendingCount(), 0);
    QTest::qWait(20);
    QCOMPARE(calls, 0);
}

// The sync engine creates and uses its transport on a worker thread; the callback runs there.
void TestNetworkTransport::worksOnAWorkerThread()
{
    m_server->setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "from worker")};
    });
    QThread worker;
    worker.start();
    QObject context;
    context.moveToThread(&worker);
    std::atomic<QThread *> callbackThread = nullptr;
    QByteArray body;
    std::atomic_bool done = false;
    NetworkTransport *transport = nullptr;
    const QUrl url = m_server->url(QStringLiteral("/x"));
    QMetaObject::invokeMethod(&context, [&] {
        transport = new NetworkTransport;
        transport->send(get(url), &context, [&](const Response &response) {
            callbackThread = QThread::currentThread();
            body = response.body;
            delete transport;
            done = true;
        });
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000); // the server runs on this thread's event loop
    QCOMPARE(callbackThread.load(), &worker);
    QCOMPARE(body, QByteArray("from worker"));
    worker.quit();
    QVERIFY(worker.wait(5000));
}

// What the ThreadedTransport is for: the sync worker sends the next page's request, then writes
// the current page for a while without returning to its event loop. The request (a POST with a
// body) must reach the server meanwhile. A NetworkTransport on the worker would only send it
// once the worker is idle again.
void TestNetworkTransport::requestLeavesWhileTheCallingThreadIsBusy()
{
    QFETCH_GLOBAL(bool, threaded);
    if (!threaded)
        QSKIP("a NetworkTransport sends from its own thread's event loop");
    std::atomic_bool received = false;
    m_server->setHandler([&](const CannedHttpServer::Received &) {
        received = true;
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "ok")};
    });
    QThread worker;
    worker.start();
    QObject context;
    context.moveToThread(&worker);
    std::atomic_bool receivedWhileBusy = false;
    std::atomic_bool done = false;
    std::unique_ptr<ThreadedTransport> transport;
    Request request = get(m_server->url(QStringLiteral("/sync")));
    request.method = Method::Post;
    request.body = QByteArray(256 * 1024, 'x');
    QMetaObject::invokeMethod(&context, [&] {
        transport = std::make_unique<ThreadedTransport>();
        transport->send(request, &context, [&](const Response &) { done = true; });
        // Busy, as while writing a page: no event processing until the server has the request
        // (bounded; a request that never leaves ends the wait after 5 s).
        QDeadlineTimer deadline(5000);
        while (!received && !deadline.hasExpired())
            QThread::yieldCurrentThread();
        receivedWhileBusy = received.load();
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000); // the server runs on this thread's event loop
    QVERIFY(receivedWhileBusy);
    QMetaObject::invokeMethod(
            &context, [&] { transport.reset(); }, Qt::BlockingQueuedConnection);
    worker.quit();
    QVERIFY(worker.wait(5000));
}

// Request::prepare (the sync decodes its answers with it) runs on the network thread, once, for a
// successful answer only; the callback gets its result with the answer.
void TestNetworkTransport::answerIsPreparedOnTheNetworkThread()
{
    QFETCH_GLOBAL(bool, threaded);
    if (!threaded)
        QSKIP("a NetworkTransport leaves the preparing to its caller (RetryingSender)");
    m_server->setHandler([](const CannedHttpServer::Received &received) {
        if (received.path.endsWith("/missing"))
            return CannedHttpServer::Reply{CannedHttpServer::response(404, "{}")};
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "twelve bytes")};
    });
    std::atomic<QThread *> preparedOn = nullptr;
    std::atomic_int calls = 0;
    const auto prepared = [&](const QString &path) {
        Request request = get(m_server->url(path));
        request.prepare = [&](const QByteArray &body) -> std::any {
            preparedOn = QThread::currentThread();
            ++calls;
            return body.size();
        };
        QObject context;
        return exchange(*m_transport, request, &context);
    };
    const std::optional<Response> ok = prepared(QStringLiteral("/found"));
    QVERIFY(ok && ok->isOk());
    QCOMPARE(calls.load(), 1);
    QVERIFY(preparedOn.load() != nullptr);
    QVERIFY(preparedOn.load() != QThread::currentThread());
    QCOMPARE(std::any_cast<qsizetype>(ok->prepared), qsizetype(12));

    const std::optional<Response> missing = prepared(QStringLiteral("/missing"));
    QVERIFY(missing);
    QCOMPARE(missing->error.code, ErrorCode::NotFound);
    QCOMPARE(calls.load(), 1);
    QVERIFY(!missing->prepared.has_value());
}

Q_DECLARE_METATYPE(inkwell::net::Method)

// A signed-in request (a login POST carries the password in its body) whose server answers with a
// redirect to another origin: the transport refuses it, and the other origin receives nothing.
void TestNetworkTransport::crossOriginRedirectIsRefused_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<Method>("method");
    QTest::addColumn<QString>("target"); // "port": another server; "host": same port, other name

    for (const int status : {301, 302, 303, 307, 308}) {
        QTest::addRow("%d GET to another port", status)
                << status << Method::Get << QStringLiteral("port");
        QTest::addRow("%d POST to another port", status)
                << status << Method::Post << QStringLiteral("port");
    }
    QTest::newRow("302 to another host name") << 302 << Method::Get << QStringLiteral("host");
    QTest::newRow("307 POST to another host name") << 307 << Method::Post << QStringLiteral("host");
}

void TestNetworkTransport::crossOriginRedirectIsRefused()
{
    QFETCH(int, status);
    QFETCH(Method, method);
    QFETCH(QString, target);
    CannedHttpServer other;
    QVERIFY(other.listen());
    other.setHandler([](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "stolen")};
    });
    QUrl location = other.url(QStringLiteral("/collect"));
    if (target == u"host") {
        location = m_server->url(QStringLiteral("/collect"));
        location.setHost(QStringLiteral("localhost"));
    }
    m_server->setHandler([&](const CannedHttpServer::Received &) {
        return CannedHttpServer::Reply{CannedHttpServer::response(
                status, {}, {{"Location", location.toString().toUtf8()}})};
    });
    Request request = get(m_server->url(QStringLiteral("/api/v1/session")));
    request.method = method;
    request.bearerToken = QStringLiteral("secret-token");
    if (method == Method::Post) {
        request.body = R"({"user":"alice","password":"secret"})";
        request.contentType = "application/json";
    }

    const std::optional<Response> response = exchange(*m_transport, request, this);
    QVERIFY(response);
    QCOMPARE(response->error.code, ErrorCode::Network);
    QVERIFY2(response->error.message.contains(u"redirect")
                     && response->error.message.contains(location.host()),
             qPrintable(response->error.message));
    QVERIFY(!response->error.message.contains(u"secret"));
    QCOMPARE(other.connectionCount(), 0);
    QCOMPARE(m_server->received().size(), 1); // not followed through "localhost" either
    QTRY_COMPARE(pendingCount(), 0);
}

// Redirects within the origin (a moved path, a 307 of a POST) are still followed, and the
// request keeps its token, and for 307/308 its method and body; 301/302/303 of a POST become a
// GET without the body, as in browsers.
void TestNetworkTransport::sameOriginRedirectKeepsTheTokenAndBody_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("absolute"); // Location as a full URL or as a path
    QTest::addColumn<QByteArray>("followedWith"); // the method of the second request
    QTest::newRow("301 absolute") << 301 << true << QByteArray("GET");
    QTest::newRow("302 relative") << 302 << false << QByteArray("GET");
    QTest::newRow("303 relative") << 303 << false << QByteArray("GET");
    QTest::newRow("307 absolute") << 307 << true << QByteArray("POST");
    QTest::newRow("308 relative") << 308 << false << QByteArray("POST");
}

void TestNetworkTransport::sameOriginRedirectKeepsTheTokenAndBody()
{
    QFETCH(int, status);
    QFETCH(bool, absolute);
    QFETCH(QByteArray, followedWith);
    const QByteArray location =
            absolute ? m_server->url(QStringLiteral("/new")).toString().toUtf8() : "/new";
    m_server->setHandler([&](const CannedHttpServer::Received &received) {
        if (received.path == "/old") {
            return CannedHttpServer::Reply{
                    CannedHttpServer::response(status, {}, {{"Location", location}})};
        }
        return CannedHttpServer::Reply{CannedHttpServer::response(200, "moved")};
    });
    Request request = Request::json(Method::Post, m_server->url(QStringLiteral("/old")),
                                    QJsonObject{{QStringLiteral("cursor"), 5}});
    request.bearerToken = QStringLiteral("secret-token");

    const std::optional<Response> response = exchange(*m_transport, request, this);
    QVERIFY(response);
    QVERIFY2(response->isOk(), qPrintable(response->error.message));
    QCOMPARE(response->body, QByteArray("moved"));
    const auto &received = m_server->received();
    QCOMPARE(received.size(), 2);
    QCOMPARE(received[1].path, QByteArray("/new"));
    QCOMPARE(received[1].method, followedWith);
    QCOMPARE(received[1].header("authorization"), QByteArray("Bearer secret-token"));
    if (followedWith == "POST") {
        QCOMPARE(received[1].body, QByteArray(R"({"cursor":5})"));
        QCOMPARE(received[1].header("content-type"), QByteArray("application/json"));
    } else {
        QVERIFY(received[1].body.isEmpty());
        QVERIFY(received[1].header("content-type").isEmpty());
    }
    QTRY_COMPARE(pendingCount(), 0);
}

// A server that redirects forever (to ever new paths of its origin): the request ends with an
// error after a bounded number of requests.
void TestNetworkTransport::redirectLoopEnds()
{
    int hops = 0;
    m_server->setHandler([&](const CannedHttpServer::Received &) {
        const QByteArray next = "/loop" + QByteArray::number(++hops);
        return CannedHttpServer::Reply{CannedHttpServer::response(302, {}, {{"Location", next}})};
    });
    const std::optional<Response> response =
            exchange(*m_transport, get(m_server->url(QStringLiteral("/loop"))), this);
    QVERIFY(response);
    QVERIFY(!response->isOk());
    QVERIFY2(m_server->received().size() <= 32, qPrintable(QString::number(hops)));
}

QTEST_GUILESS_MAIN(TestNetworkTransport)
#include "tst_networktransport.moc"
