// The live routes through Api::handle: capabilities, GET .../live (at once or parked until a
// push, a presence change or the timeout) and PUT/DELETE .../presence, with their refusals.
#include "apifixture.h"

#include "protocol/live.h"
#include "server/live/livehub.h"

#include <atomic>

using namespace inkwell;
using namespace inkwell::test;

namespace {

protocol::LiveState liveState(const HttpResponse &response)
{
    const Result<protocol::LiveState> state = protocol::decodeLiveState(response.body);
    if (!state)
        qWarning("not a live answer: %s", response.body.constData());
    return state ? *state : protocol::LiveState{-1, {}, {}};
}

QByteArray presenceBody(const QString &post)
{
    return protocol::encode(protocol::PresenceUpdate{post, QStringLiteral("editing")});
}

// A parked answer's wake-ups, counted.
struct Subscription
{
    explicit Subscription(const HttpResponse &parked)
    {
        unsubscribe = parked.deferred->subscribe([this] { ++wakes; });
    }
    ~Subscription() { unsubscribe(); }
    std::atomic<int> wakes = 0;
    std::function<void()> unsubscribe;
};

} // namespace

class tst_ApiLive : public QObject, private ApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void cleanupTestCase() { dropSharedDatabase(); }
    void init() { setUpServer(); }
    void cleanup() { tearDownServer(); }

    void capabilitiesAreAnonymous();
    void answersAtOnceWhenTheClientIsBehind();
    void parksUntilTheTimeout();
    void aPushWakesTheParkedRequest();
    void presenceWakesAndLeavesOutTheCallersOwn();
    void presenceIsRemovedAndBounded();
    void outsidersLearnNothing();
    void badQueriesAndBodiesAreRefused();
    void parkedRequestsAreCapped();
    void anEndedLoginLearnsNothingMore();
    void expiredPresenceWakesWaiters();

private:
    QByteArray livePath(qint64 blog, const QByteArray &query = {}) const
    {
        return blogPath(blog, "/live") + (query.isEmpty() ? QByteArray() : "?" + query);
    }
    // The current state as ada sees it, and the query that waits for the next change.
    QByteArray waitQuery(const QByteArray &token, int timeout = 25)
    {
        const protocol::LiveState now = liveState(call("GET", livePath(m_travel), {}, token));
        return "rev=" + QByteArray::number(now.rev) + "&presence=" + now.presenceToken.toUtf8()
                + "&timeout=" + QByteArray::number(timeout);
    }
};

void tst_ApiLive::capabilitiesAreAnonymous()
{
    const HttpResponse response = call("GET", "/api/v1/capabilities");
    QCOMPARE(response.status, 200);
    const auto capabilities = protocol::decodeCapabilities(response.body);
    QVERIFY(capabilities);
    QVERIFY(capabilities->has(QString::fromLatin1(protocol::kFeatureLive)));
    QVERIFY(capabilities->has(QString::fromLatin1(protocol::kFeaturePresence)));
    QVERIFY(capabilities->has(QString::fromLatin1(protocol::kFeatureHistory)));
}

void tst_ApiLive::answersAtOnceWhenTheClientIsBehind()
{
    HttpResponse response = call("GET", livePath(m_travel), {}, m_ada);
    QCOMPARE(response.status, 200);
    QVERIFY(!response.deferred);
    QCOMPARE(liveState(response).rev, 0);
    QVERIFY(!liveState(response).presenceToken.isEmpty());

    QCOMPARE(call("POST", blogPath(m_travel, "/sync"),
                  syncBody(QString(), {changeJson("op-1", guid(1), 0, "One")}), m_ada)
                     .status,
             200);
    response = call("GET", livePath(m_travel, "rev=0&presence=0"), {}, m_ada);
    QCOMPARE(response.status, 200);
    QVERIFY(!response.deferred);
    QCOMPARE(liveState(response).rev, 1);
    // A stale presence token is answered at once too.
    response = call("GET", livePath(m_travel, "rev=1&presence=stale"), {}, m_ada);
    QVERIFY(!response.deferred);
    QCOMPARE(liveState(response).rev, 1);
}

void tst_ApiLive::parksUntilTheTimeout()
{
    const HttpResponse parked = call("GET", livePath(m_travel, waitQuery(m_ada, 7)), {}, m_ada);
    QVERIFY(parked.deferred);
    const auto now = std::chrono::steady_clock::now();
    QVERIFY(parked.deferred->deadline > now + std::chrono::seconds(5));
    QVERIFY(parked.deferred->deadline <= now + std::chrono::seconds(7));
    QVERIFY(!parked.deferred->answer(false)); // nothing new
    const std::optional<HttpResponse> atDeadline = parked.deferred->answer(true);
    QVERIFY(atDeadline);
    QCOMPARE(atDeadline->status, 200);
    QCOMPARE(liveState(*atDeadline).rev, 0);
}

void tst_ApiLive::aPushWakesTheParkedRequest()
{
    const QByteArray carol = login(QStringLiteral("carol"), QStringLiteral("password1"));
    const HttpResponse parked = call("GET", livePath(m_travel, waitQuery(m_ada)), {}, m_ada);
    QVERIFY(parked.deferred);
    Subscription subscription(parked);
    // A push to another blog wakes nobody here.
    const QByteArray bob = login(QStringLiteral("bob"), QStringLiteral("password1"));
    QCOMPARE(call("POST", blogPath(m_food, "/sync"),
                  syncBody(QString(), {changeJson("op-f", guid(9), 0, "Soup")}), bob)
                     .status,
             200);
    QCOMPARE(subscription.wakes.load(), 0);
    // A pull that changes nothing wakes nobody either.
    QCOMPARE(call("POST", blogPath(m_travel, "/sync"), syncBody(QString()), carol).status, 200);
    QCOMPARE(subscription.wakes.load(), 0);

    QCOMPARE(call("POST", blogPath(m_travel, "/sync"),
                  syncBody(QString(), {changeJson("op-1", guid(1), 0, "One")}), carol)
                     .status,
             200);
    QCOMPARE(subscription.wakes.load(), 1);
    const std::optional<HttpResponse> answer = parked.deferred->answer(false);
    QVERIFY(answer);
    QCOMPARE(liveState(*answer).rev, 1);
}

void tst_ApiLive::presenceWakesAndLeavesOutTheCallersOwn()
{
    const QByteArray carol = login(QStringLiteral("carol"), QStringLiteral("password1"));
    const HttpResponse parked = call("GET", livePath(m_travel, waitQuery(m_ada)), {}, m_ada);
    QVERIFY(parked.deferred);
    Subscription subscription(parked);

    // Ada's own presence changes the token but never shows in her answers.
    QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), presenceBody(guid(1)), m_ada).status,
             204);
    QCOMPARE(subscription.wakes.load(), 1);
    std::optional<HttpResponse> answer = parked.deferred->answer(false);
    QVERIFY(answer);
    QVERIFY(liveState(*answer).presence.isEmpty());

    QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), presenceBody(guid(2)), carol).status,
             204);
    QCOMPARE(subscription.wakes.load(), 2);
    answer = parked.deferred->answer(false);
    QVERIFY(answer);
    const protocol::LiveState state = liveState(*answer);
    QCOMPARE(state.presence.size(), 1);
    QCOMPARE(state.presence.at(0).user, QStringLiteral("carol"));
    QCOMPARE(state.presence.at(0).guid, guid(2));
    QCOMPARE(state.presence.at(0).state, QStringLiteral("editing"));
    QVERIFY(state.presence.at(0).secondsLeft > 0);

    // Carol sees ada, not herself; a renewal wakes nobody.
    const protocol::LiveState carolSees = liveState(call("GET", livePath(m_travel), {}, carol));
    QCOMPARE(carolSees.presence.size(), 1);
    QCOMPARE(carolSees.presence.at(0).user, QStringLiteral("ada"));
    QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), presenceBody(guid(2)), carol).status,
             204);
    QCOMPARE(subscription.wakes.load(), 2);
}

void tst_ApiLive::presenceIsRemovedAndBounded()
{
    const QString empty = liveState(call("GET", livePath(m_travel), {}, m_ada)).presenceToken;
    const QByteArray carol = login(QStringLiteral("carol"), QStringLiteral("password1"));
    QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), presenceBody(guid(2)), carol).status,
             204);
    QCOMPARE(liveState(call("GET", livePath(m_travel), {}, m_ada)).presence.size(), 1);
    QCOMPARE(call("DELETE", blogPath(m_travel, "/presence"), {}, carol).status, 204);
    QCOMPARE(liveState(call("GET", livePath(m_travel), {}, m_ada)).presenceToken, empty);
    QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), presenceBody(guid(2)), carol).status,
             204);
    QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), R"({"guid":null})", carol).status, 204);
    QVERIFY(liveState(call("GET", livePath(m_travel), {}, m_ada)).presence.isEmpty());

    // Each login of a member is one client; a member's many logins keep a bounded number.
    for (int i = 0; i < 12; ++i) {
        const QByteArray again = login(QStringLiteral("carol"), QStringLiteral("password1"));
        QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), presenceBody(guid(i)), again).status,
                 204);
    }
    const int shown = int(liveState(call("GET", livePath(m_travel), {}, m_ada)).presence.size());
    QCOMPARE(shown, server::live::PresenceBook::Limits{}.maxPerUser);
}

void tst_ApiLive::outsidersLearnNothing()
{
    const QByteArray bob = login(QStringLiteral("bob"), QStringLiteral("password1"));
    QCOMPARE(call("GET", livePath(m_travel), {}, bob).status, 404);
    QCOMPARE(call("GET", livePath(m_travel, "rev=0&presence=0"), {}, bob).status, 404);
    QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), presenceBody(guid(1)), bob).status, 404);
    QCOMPARE(call("DELETE", blogPath(m_travel, "/presence"), {}, bob).status, 404);
    QCOMPARE(call("GET", livePath(999), {}, m_ada).status, 404);
    // Bob's presence in his own blog never reaches Travel.
    QCOMPARE(call("PUT", blogPath(m_food, "/presence"), presenceBody(guid(1)), bob).status, 204);
    QVERIFY(liveState(call("GET", livePath(m_travel), {}, m_ada)).presence.isEmpty());

    const HttpResponse anonymous = call("GET", livePath(m_travel, "rev=0&presence=0"));
    QCOMPARE(anonymous.status, 401);
    QVERIFY(!anonymous.deferred);
    QCOMPARE(call("PUT", blogPath(m_travel, "/presence"), presenceBody(guid(1))).status, 401);
    QCOMPARE(call("GET", livePath(m_travel), {}, "not-a-token").status, 401);
    QCOMPARE(call("POST", livePath(m_travel), {}, m_ada).status, 405);
}

void tst_ApiLive::badQueriesAndBodiesAreRefused()
{
    const QList<QByteArray> queries = {"timeout=0",
                                       "timeout=56",
                                       "timeout=x",
                                       "rev=-1",
                                       "rev=abc",
                                       "rev=1&rev=2",
                                       "presence=" + QByteArray(300, 'a')};
    for (const QByteArray &query : queries) {
        const HttpResponse response = call("GET", livePath(m_travel, query), {}, m_ada);
        QVERIFY2(response.status == 400, query.constData());
        QCOMPARE(errorCode(response), QStringLiteral("malformed"));
    }
    for (const QByteArray &body : {QByteArray("{}"), QByteArray(R"({"guid":"nope"})"),
                                   QByteArray(R"({"guid":null,"lock":true})"), QByteArray("[")}) {
        const HttpResponse response = call("PUT", blogPath(m_travel, "/presence"), body, m_ada);
        QVERIFY2(response.status == 400, body.constData());
    }
    const HttpResponse oversized =
            call("PUT", blogPath(m_travel, "/presence"), QByteArray(2000, ' ') + "{}", m_ada);
    QCOMPARE(oversized.status, 413);
}

void tst_ApiLive::parkedRequestsAreCapped()
{
    server::ServerConfig config;
    config.maxParkedWaiters = 2;
    const server::Api capped(config, m_store);
    const auto ask = [&] {
        HttpRequest request;
        request.method = "GET";
        request.target = livePath(m_travel, "rev=0&presence=0");
        request.headers.append({"authorization", "Bearer " + m_ada});
        return capped.handle(request);
    };
    std::optional<HttpResponse> first = ask();
    const HttpResponse second = ask();
    QVERIFY(first->deferred && second.deferred);
    const HttpResponse refused = ask();
    QCOMPARE(refused.status, 503);
    QVERIFY(!refused.deferred);
    QCOMPARE(header(refused, "retry-after"), QByteArray("5"));
    first.reset(); // the connection closed: its place is free again
    QVERIFY(ask().deferred);
}

void tst_ApiLive::anEndedLoginLearnsNothingMore()
{
    const QByteArray carol = login(QStringLiteral("carol"), QStringLiteral("password1"));
    const HttpResponse parked = call("GET", livePath(m_travel, waitQuery(carol)), {}, carol);
    QVERIFY(parked.deferred);
    QCOMPARE(call("DELETE", "/api/v1/session", {}, carol).status, 204); // carol logs out
    QCOMPARE(call("POST", blogPath(m_travel, "/sync"),
                  syncBody(QString(), {changeJson("op-1", guid(1), 0, "Secret")}), m_ada)
                     .status,
             200);
    const std::optional<HttpResponse> answer = parked.deferred->answer(false);
    QVERIFY(answer);
    QCOMPARE(answer->status, 401);
    QVERIFY(!answer->body.contains("\"rev\""));
    QCOMPARE(parked.deferred->answer(true)->status, 401);
}

void tst_ApiLive::expiredPresenceWakesWaiters()
{
    server::ServerConfig config;
    config.presenceTtlSeconds = 1;
    const server::Api shortLived(config, m_store);
    const auto ask = [&](const QByteArray &method, const QByteArray &target,
                         const QByteArray &token, const QByteArray &body = {}) {
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.body = body;
        request.headers.append({"authorization", "Bearer " + token});
        return shortLived.handle(request);
    };
    const QByteArray carol = login(QStringLiteral("carol"), QStringLiteral("password1"));
    QCOMPARE(ask("PUT", blogPath(m_travel, "/presence"), carol, presenceBody(guid(3))).status, 204);
    const protocol::LiveState present = liveState(ask("GET", livePath(m_travel), m_ada));
    QCOMPARE(present.presence.size(), 1);
    const HttpResponse parked = ask(
            "GET", livePath(m_travel, "rev=0&presence=" + present.presenceToken.toUtf8()), m_ada);
    QVERIFY(parked.deferred);
    Subscription subscription(parked);
    QTRY_COMPARE_WITH_TIMEOUT(subscription.wakes.load(), 1, 5000);
    const std::optional<HttpResponse> answer = parked.deferred->answer(false);
    QVERIFY(answer);
    QVERIFY(liveState(*answer).presence.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ApiLive)
#include "tst_apilive.moc"
