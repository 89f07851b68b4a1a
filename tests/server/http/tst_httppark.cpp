// Parked answers in the HTTP front (HttpResponse::deferred): the connection waits past the read
// and idle timeouts without a thread, a wake-up answers it, its deadline answers it, the peer
// closing it ends the subscription at once, a peer that keeps sending is cut off, and stopping
// the server answers it at once.
#include "rawhttp.h"
#include "server/http/httpserver.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <mutex>

using namespace inkwell;
using namespace inkwell::server;
using namespace std::chrono_literals;
using inkwell::test::readResponse;
using inkwell::test::waitForClose;

namespace {

// The one thing parked requests wait for: a counter that wake() bumps.
struct Event
{
    std::mutex mutex;
    std::function<void()> waiter;
    std::atomic<int> subscribed = 0;
    std::atomic<int> value = 0;

    void fire()
    {
        ++value;
        std::function<void()> wake;
        {
            std::lock_guard lock(mutex);
            wake = waiter;
        }
        if (wake)
            wake();
    }
};

// "GET /wait?N" parks until the event's value passes N (or the deadline, after `wait`); any
// other request is answered at once.
RequestHandler parkingHandler(const std::shared_ptr<Event> &event, std::chrono::milliseconds wait)
{
    return [event, wait](const HttpRequest &request) {
        HttpResponse response;
        response.contentType = "text/plain";
        if (!request.target.startsWith("/wait?")) {
            response.body = "now";
            return response;
        }
        const int seen = request.target.mid(6).toInt();
        auto deferred = std::make_shared<DeferredAnswer>();
        deferred->deadline = std::chrono::steady_clock::now() + wait;
        deferred->subscribe = [event](std::function<void()> wake) -> std::function<void()> {
            {
                std::lock_guard lock(event->mutex);
                event->waiter = std::move(wake);
            }
            ++event->subscribed;
            return [event] {
                std::lock_guard lock(event->mutex);
                event->waiter = nullptr;
                --event->subscribed;
            };
        };
        deferred->answer = [event, seen](bool final) -> std::optional<HttpResponse> {
            if (!final && event->value.load() <= seen)
                return std::nullopt;
            HttpResponse answer;
            answer.contentType = "text/plain";
            answer.body = (final ? "final " : "woken ") + QByteArray::number(event->value.load());
            return answer;
        };
        response.deferred = std::move(deferred);
        return response;
    };
}

HttpLimits shortTimeouts()
{
    HttpLimits limits;
    limits.readTimeout = 300ms;
    limits.idleTimeout = 300ms;
    limits.headerTimeout = 300ms;
    limits.workerThreads = 2;
    return limits;
}

std::unique_ptr<QTcpSocket> connectTo(const HttpServer &server)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QStringLiteral("127.0.0.1"), server.port());
    return socket->waitForConnected(5000) ? std::move(socket) : nullptr;
}

} // namespace

class TestHttpPark : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aWakeUpAnswersAndTheConnectionStaysUsable();
    void theDeadlineAnswersPastTheReadTimeout();
    void closingTheConnectionEndsTheWait();
    void aPeerThatKeepsSendingIsCutOff();
    void stoppingAnswersAtOnce();
};

void TestHttpPark::aWakeUpAnswersAndTheConnectionStaysUsable()
{
    auto event = std::make_shared<Event>();
    HttpServer server(shortTimeouts(), parkingHandler(event, 20s));
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET /wait?0 HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(event->subscribed.load(), 1, 5000);
    QTest::qWait(600); // twice the read and idle timeouts: still parked, not closed
    QCOMPARE(socket->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(socket->bytesAvailable(), 0);
    event->fire();
    const auto answer = readResponse(*socket, 5s);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, QByteArray("woken 1"));
    QTRY_COMPARE_WITH_TIMEOUT(event->subscribed.load(), 0, 5000);
    // Kept alive: the next request on the same connection is answered.
    socket->write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(readResponse(*socket, 5s).body, QByteArray("now"));
}

void TestHttpPark::theDeadlineAnswersPastTheReadTimeout()
{
    auto event = std::make_shared<Event>();
    HttpServer server(shortTimeouts(), parkingHandler(event, 1s));
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET /wait?0 HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto answer = readResponse(*socket, 10s);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, QByteArray("final 0"));
    QCOMPARE(event->subscribed.load(), 0);
}

void TestHttpPark::closingTheConnectionEndsTheWait()
{
    auto event = std::make_shared<Event>();
    HttpServer server(shortTimeouts(), parkingHandler(event, 20s));
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET /wait?0 HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(event->subscribed.load(), 1, 5000);
    socket->close();
    QTRY_COMPARE_WITH_TIMEOUT(event->subscribed.load(), 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 5000);
}

void TestHttpPark::aPeerThatKeepsSendingIsCutOff()
{
    auto event = std::make_shared<Event>();
    HttpServer server(shortTimeouts(), parkingHandler(event, 20s));
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET /wait?0 HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(event->subscribed.load(), 1, 5000);
    // A little (a pipelined request) is kept for later; a flood is not.
    socket->write(QByteArray(100, 'x'));
    QTest::qWait(200);
    QCOMPARE(event->subscribed.load(), 1);
    for (int i = 0; i < 20 && socket->state() == QAbstractSocket::ConnectedState; ++i) {
        socket->write(QByteArray(200, 'x'));
        socket->waitForBytesWritten(1000);
    }
    QVERIFY(waitForClose(*socket, 5s));
    QTRY_COMPARE_WITH_TIMEOUT(event->subscribed.load(), 0, 5000);
}

void TestHttpPark::stoppingAnswersAtOnce()
{
    auto event = std::make_shared<Event>();
    HttpServer server(shortTimeouts(), parkingHandler(event, 50s));
    QVERIFY(server.listen(QStringLiteral("127.0.0.1"), 0));
    auto socket = connectTo(server);
    QVERIFY(socket);
    socket->write("GET /wait?0 HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(event->subscribed.load(), 1, 5000);
    QElapsedTimer stopping;
    stopping.start();
    server.stop();
    qInfo("stopped in %lld ms with a request parked for 50 s", stopping.elapsed());
    const auto answer = readResponse(*socket, 5s);
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body, QByteArray("final 0"));
    QCOMPARE(answer.header("connection"), QByteArray("close"));
    QCOMPARE(event->subscribed.load(), 0);
}

QTEST_GUILESS_MAIN(TestHttpPark)
#include "tst_httppark.moc"
