// RetryingSender hands every successful answer to its handler prepared (Request::prepare): by
// the transport when it did (ThreadedTransport, on its network thread), else here, once.
#include "support/faketransport.h"

#include "sync/retryingsender.h"

#include <QTest>
#include <QThread>

#include <optional>

using namespace inkwell;
using inkwell::test::FakeTransport;

class tst_RetryingSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void preparesWhatTheTransportDidNot();
    void failedAnswersAreNotPrepared();
    void onlyTheAnswerThatSucceedsIsPrepared();
};

namespace {

// One send through a FakeTransport answering `status` with `body` after `failures` answers of
// 500: what the handler saw, and how often and where the request's prepare ran.
struct Outcome
{
    std::optional<Result<void>> done;
    QList<std::any> prepared; // what the handler saw, per answer
    int prepareCalls = 0;
    QThread *preparedOn = nullptr;
    int requests = 0;
};

Outcome sendOnce(int status, const QByteArray &body, int failures = 0)
{
    FakeTransport transport;
    transport.setHandler(
            [&](const net::Request &) { return FakeTransport::jsonResponse(status, body); });
    if (failures > 0)
        transport.injectFault(FakeTransport::Fault::InternalServerError, failures);
    sync::RetryingSender sender(&transport);
    sync::RetryPolicy policy;
    policy.initialDelay = std::chrono::milliseconds(1);
    sender.setPolicy(policy);
    Outcome outcome;
    net::Request request;
    request.method = net::Method::Post;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:1/api/v1/blogs/1/sync"));
    request.body = "{}";
    request.prepare = [&outcome](const QByteArray &answer) -> std::any {
        ++outcome.prepareCalls;
        outcome.preparedOn = QThread::currentThread();
        return answer.size();
    };
    sender.send(
            request,
            [&outcome](const net::Response &response) -> Result<void> {
                outcome.prepared.append(response.prepared);
                return {};
            },
            [&outcome](const Result<void> &result) { outcome.done = result; });
    if (!QTest::qWaitFor([&] { return outcome.done.has_value(); }, 5000))
        qWarning("no outcome within 5 s");
    outcome.requests = transport.requestCount();
    return outcome;
}

} // namespace

void tst_RetryingSender::preparesWhatTheTransportDidNot()
{
    const Outcome outcome = sendOnce(200, R"({"answer":42})");
    QVERIFY(outcome.done && *outcome.done);
    QCOMPARE(outcome.prepareCalls, 1);
    QCOMPARE(outcome.preparedOn, QThread::currentThread());
    QCOMPARE(outcome.prepared.size(), 1);
    QCOMPARE(std::any_cast<qsizetype>(outcome.prepared.first()), qsizetype(13));
}

void tst_RetryingSender::failedAnswersAreNotPrepared()
{
    const Outcome outcome = sendOnce(404, R"({"error":{"code":"not-found","message":"x"}})");
    QVERIFY(outcome.done && !*outcome.done);
    QCOMPARE(outcome.done->error().code, ErrorCode::NotFound);
    QCOMPARE(outcome.prepareCalls, 0);
    QVERIFY(outcome.prepared.isEmpty());
}

// A 500 is retried; only the answer that succeeds is prepared, and the handler sees it prepared.
void tst_RetryingSender::onlyTheAnswerThatSucceedsIsPrepared()
{
    const Outcome outcome = sendOnce(200, R"({"n":1})", 2);
    QVERIFY(outcome.done && *outcome.done);
    QCOMPARE(outcome.requests, 3);
    QCOMPARE(outcome.prepareCalls, 1);
    QCOMPARE(outcome.prepared.size(), 1);
    QCOMPARE(std::any_cast<qsizetype>(outcome.prepared.first()), qsizetype(7));
}

QTEST_GUILESS_MAIN(tst_RetryingSender)
#include "tst_retryingsender.moc"
