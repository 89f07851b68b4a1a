// The history client: the requests it sends, the answers it reads and how it names failures.
#include "history/historyclient.h"
#include "protocol/live.h"
#include "support/faketransport.h"

#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

#include <optional>

using namespace inkwell;
using history::HistoryClient;
using history::HistoryProblem;
using history::HistoryResult;
using test::FakeTransport;

namespace {

const QString Guid = QStringLiteral("0b6d2c64-6a55-4c4f-a0a1-3b8f7c9d2e11");

sync::SyncAccount account()
{
    return {QUrl(QStringLiteral("http://127.0.0.1:9/base/")), QStringLiteral("secret"), {3}};
}

protocol::RevisionList twoRevisions()
{
    protocol::RevisionList list;
    list.revisions.append({9, false, QStringLiteral("Second"), QStringLiteral("bob"),
                           QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC), 12});
    list.revisions.append({4, false, QStringLiteral("First"), QStringLiteral("ann"),
                           QDateTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC), 5});
    list.more = true;
    return list;
}

// A server that answers 404 on the history routes and capabilities per `capabilities`
// (nullopt: 404 there too, as a server from before capabilities).
FakeTransport::Handler notFoundServer(std::optional<QStringList> capabilities)
{
    return [capabilities](const net::Request &request) {
        if (request.url.path().endsWith(QStringLiteral("/api/v1/capabilities")) && capabilities)
            return FakeTransport::jsonResponse(
                    200, protocol::encode(protocol::Capabilities{*capabilities}));
        return FakeTransport::jsonResponse(
                404, R"({"error":{"code":"not-found","message":"not found"}})");
    };
}

template<typename T>
std::optional<HistoryResult<T>> waitFor(std::optional<HistoryResult<T>> &slot)
{
    [&] { QTRY_VERIFY(slot.has_value()); }();
    return slot;
}

} // namespace

class TestHistoryClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsAPageWithBeforeAndLimit();
    void firstPageHasNoBefore();
    void readsOneRevision();
    void notFound_data();
    void notFound();
    void failuresAreNamed_data();
    void failuresAreNamed();
    void withoutAccountIsSignedOutLater();
};

void TestHistoryClient::listsAPageWithBeforeAndLimit()
{
    FakeTransport transport;
    transport.setHandler([](const net::Request &) {
        return FakeTransport::jsonResponse(200, protocol::encode(twoRevisions()));
    });
    HistoryClient client(&transport, account());
    std::optional<HistoryResult<protocol::RevisionList>> result;
    client.fetchRevisions(3, Guid, 10, 2, this, [&](const auto &answer) { result = answer; });
    QVERIFY(!result); // never inside the call
    auto answer = waitFor(result);
    QVERIFY(answer->hasValue());
    QCOMPARE(answer->value(), twoRevisions());
    QCOMPARE(transport.requestCount(), 1);
    const net::Request &sent = transport.requests().constFirst();
    QCOMPARE(sent.method, net::Method::Get);
    QCOMPARE(sent.url.path(),
             QStringLiteral("/base/api/v1/blogs/3/posts/") + Guid + QStringLiteral("/revisions"));
    const QUrlQuery query(sent.url);
    QCOMPARE(query.queryItemValue(QStringLiteral("before")), QStringLiteral("10"));
    QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("2"));
    QCOMPARE(sent.bearerToken, QStringLiteral("secret"));
}

void TestHistoryClient::firstPageHasNoBefore()
{
    FakeTransport transport;
    transport.setHandler([](const net::Request &) {
        return FakeTransport::jsonResponse(200, protocol::encode(protocol::RevisionList{}));
    });
    HistoryClient client(&transport, account());
    std::optional<HistoryResult<protocol::RevisionList>> result;
    client.fetchRevisions(3, Guid, 0, 50, this, [&](const auto &answer) { result = answer; });
    QVERIFY(waitFor(result)->hasValue());
    QVERIFY(!QUrlQuery(transport.requests().constFirst().url)
                     .hasQueryItem(QStringLiteral("before")));
}

void TestHistoryClient::readsOneRevision()
{
    model::Revision revision;
    revision.guid = Guid;
    revision.rev = 4;
    revision.fields.title = QStringLiteral("First");
    revision.fields.body = QStringLiteral("body\n");
    revision.createdBy = QStringLiteral("ann");
    revision.modifiedBy = QStringLiteral("ann");
    revision.modifiedAt = QDateTime(QDate(2026, 11, 30), QTime(9, 0), Qt::UTC);
    FakeTransport transport;
    transport.setHandler([revision](const net::Request &) {
        return FakeTransport::jsonResponse(200,
                                           protocol::encode(protocol::RevisionDetail{revision}));
    });
    HistoryClient client(&transport, account());
    std::optional<HistoryResult<model::Revision>> result;
    client.fetchRevision(3, Guid, 4, this, [&](const auto &answer) { result = answer; });
    auto answer = waitFor(result);
    QVERIFY(answer->hasValue());
    QCOMPARE(answer->value(), revision);
    QCOMPARE(transport.requests().constFirst().url.path(),
             QStringLiteral("/base/api/v1/blogs/3/posts/") + Guid + QStringLiteral("/revisions/4"));
}

void TestHistoryClient::notFound_data()
{
    QTest::addColumn<std::optional<QStringList>>("capabilities");
    QTest::addColumn<HistoryProblem>("problem");
    QTest::newRow("server with history: the post is unknown to this account")
            << std::optional<QStringList>(
                       QStringList{QStringLiteral("live"), QStringLiteral("history")})
            << HistoryProblem::NotFound;
    QTest::newRow("server without history")
            << std::optional<QStringList>(QStringList{QStringLiteral("live")})
            << HistoryProblem::Unsupported;
    QTest::newRow("server from before capabilities")
            << std::optional<QStringList>() << HistoryProblem::Unsupported;
}

void TestHistoryClient::notFound()
{
    QFETCH(std::optional<QStringList>, capabilities);
    QFETCH(HistoryProblem, problem);
    FakeTransport transport;
    transport.setHandler(notFoundServer(capabilities));
    HistoryClient client(&transport, account());
    std::optional<HistoryResult<model::Revision>> result;
    client.fetchRevision(3, Guid, 4, this, [&](const auto &answer) { result = answer; });
    auto answer = waitFor(result);
    QVERIFY(!answer->hasValue());
    QCOMPARE(answer->failure().problem, problem);
    QCOMPARE(answer->failure().error.code, ErrorCode::NotFound);
    QCOMPARE(transport.requestCount(QStringLiteral("/capabilities")), 1);
}

void TestHistoryClient::failuresAreNamed_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<HistoryProblem>("problem");
    QTest::newRow("401") << 401 << HistoryProblem::SignedOut;
    QTest::newRow("503") << 503 << HistoryProblem::Offline;
    QTest::newRow("500") << 500 << HistoryProblem::Failed;
    QTest::newRow("200 with a malformed body") << 200 << HistoryProblem::Failed;
}

void TestHistoryClient::failuresAreNamed()
{
    QFETCH(int, status);
    QFETCH(HistoryProblem, problem);
    FakeTransport transport;
    transport.setHandler([status](const net::Request &) {
        return FakeTransport::jsonResponse(status, R"({"revisions": 7})");
    });
    HistoryClient client(&transport, account());
    std::optional<HistoryResult<protocol::RevisionList>> result;
    client.fetchRevisions(3, Guid, 0, 50, this, [&](const auto &answer) { result = answer; });
    auto answer = waitFor(result);
    QVERIFY(!answer->hasValue());
    QCOMPARE(answer->failure().problem, problem);
    QVERIFY(!history::historyFailureText(answer->failure()).isEmpty());
}

void TestHistoryClient::withoutAccountIsSignedOutLater()
{
    FakeTransport transport;
    HistoryClient client(&transport, {});
    std::optional<HistoryResult<protocol::RevisionList>> result;
    client.fetchRevisions(3, Guid, 0, 50, this, [&](const auto &answer) { result = answer; });
    QVERIFY(!result);
    auto answer = waitFor(result);
    QCOMPARE(answer->failure().problem, HistoryProblem::SignedOut);
    QCOMPARE(transport.requestCount(), 0);
}

QTEST_GUILESS_MAIN(TestHistoryClient)
#include "tst_historyclient.moc"
