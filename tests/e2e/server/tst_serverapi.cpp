// End-to-end: the real inkwell-server binary on 127.0.0.1 (SQLite, or PostgreSQL with
// INKWELL_E2E_BACKEND=postgres) driven by QNetworkAccessManager.
#include "serverfixture.h"

#include "protocol/codec.h"

#include <QSet>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class TestServerApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void healthzAnswersWithoutLogin();
    void wrongPasswordIsRejected();
    void blogsListsTheAccountsBlogs();
    void pushedChangeReachesAnotherMember();
    void staleBaseRevGetsConflictWithTheServersVersion();
    void replayedOpIdReturnsTheRecordedResult();
    void pullPagesThroughManyPagesInRevisionOrder();
    void badInputGets400AndWritesNothing_data();
    void badInputGets400AndWritesNothing();
    void unknownRouteGets404();
    void restoredDatabaseRefusesTheOldEpoch();
    void sigtermStopsTheServerCleanly();

private:
    std::unique_ptr<ServerFixture> m_fixture;
};

void TestServerApi::init()
{
    INKWELL_START_FIXTURE(m_fixture);
}

void TestServerApi::cleanup()
{
    m_fixture.reset();
}

void TestServerApi::healthzAnswersWithoutLogin()
{
    ApiClient anonymous(m_fixture->server->baseUrl());
    QCOMPARE(anonymous.send("GET", QStringLiteral("/healthz")).status, 200);
}

void TestServerApi::wrongPasswordIsRejected()
{
    ApiClient other(m_fixture->server->baseUrl());
    QVERIFY(!other.login(QStringLiteral("alice"), QStringLiteral("wrong-password")));
    QCOMPARE(other.lastReply().status, 401);
    QVERIFY(other.token().isEmpty());
    QVERIFY(!other.lastReply().body.contains("wrong-password"));
}

void TestServerApi::blogsListsTheAccountsBlogs()
{
    const ApiReply reply = m_fixture->client->send("GET", QStringLiteral("/api/v1/blogs"));
    QCOMPARE(reply.status, 200);
    const auto list = protocol::decodeBlogList(reply.body);
    QVERIFY(list);
    QCOMPARE(list->blogs.size(), 1);
    QCOMPARE(list->blogs.first().id, m_fixture->blogId);
    QCOMPARE(list->blogs.first().name, QStringLiteral("Travel"));
}

void TestServerApi::pushedChangeReachesAnotherMember()
{
    QVERIFY(m_fixture->server->addUser(QStringLiteral("bob"), QStringLiteral("bobpass12")));
    QVERIFY(m_fixture->server->addMember(m_fixture->blogId, QStringLiteral("bob")));
    auto bob = m_fixture->clientFor(QStringLiteral("bob"), QStringLiteral("bobpass12"));
    QVERIFY(bob);

    protocol::SyncRequest push;
    protocol::Change change = makeChange(newGuid(), 0, QStringLiteral("Lisbon"));
    change.fields.tags = {QStringLiteral("travel"), QStringLiteral("food")};
    change.fields.state = model::PublishState::Published;
    push.changes = {change};
    const auto pushed = m_fixture->client->sync(m_fixture->blogId, push);
    QVERIFY2(pushed, qPrintable(pushed ? QString() : pushed.error().message));
    QCOMPARE(pushed->results.size(), 1);
    QCOMPARE(pushed->results[0].status, protocol::ItemStatus::Applied);
    QVERIFY(pushed->results[0].rev > 0);

    const auto pulled = bob->pullAll(m_fixture->blogId);
    QVERIFY(pulled);
    QCOMPARE(pulled->size(), 1);
    const model::Revision &post = pulled->first();
    QCOMPARE(post.guid, change.guid);
    QCOMPARE(post.rev, pushed->results[0].rev);
    QCOMPARE(post.fields, change.fields);
    QCOMPARE(post.createdBy, QStringLiteral("alice"));
    QCOMPARE(post.modifiedBy, QStringLiteral("alice"));
    QVERIFY(!post.deleted);
}

void TestServerApi::staleBaseRevGetsConflictWithTheServersVersion()
{
    const QString guid = newGuid();
    protocol::SyncRequest request;
    request.changes = {makeChange(guid, 0, QStringLiteral("v1"))};
    const auto created = m_fixture->client->sync(m_fixture->blogId, request);
    QVERIFY(created);
    const qint64 rev1 = created->results.value(0).rev;
    request.changes = {makeChange(guid, rev1, QStringLiteral("v2 from the laptop"))};
    const auto edited = m_fixture->client->sync(m_fixture->blogId, request);
    QVERIFY(edited);
    QCOMPARE(edited->results.value(0).status, protocol::ItemStatus::Applied);
    const qint64 rev2 = edited->results.value(0).rev;
    QVERIFY(rev2 > rev1);

    request.changes = {makeChange(guid, rev1, QStringLiteral("v2 from the phone"))};
    const auto stale = m_fixture->client->sync(m_fixture->blogId, request);
    QVERIFY(stale);
    QCOMPARE(stale->results.value(0).status, protocol::ItemStatus::Conflict);
    QCOMPARE(stale->results.value(0).rev, rev2);
    QCOMPARE(stale->conflicts.size(), 1);
    QCOMPARE(stale->conflicts[0].guid, guid);
    QCOMPARE(stale->conflicts[0].rev, rev2);
    QCOMPARE(stale->conflicts[0].fields.title, QStringLiteral("v2 from the laptop"));

    const auto all = m_fixture->client->pullAll(m_fixture->blogId);
    QVERIFY(all);
    QCOMPARE(all->size(), 1);
    QCOMPARE(all->first().fields.title, QStringLiteral("v2 from the laptop"));
}

void TestServerApi::replayedOpIdReturnsTheRecordedResult()
{
    protocol::SyncRequest request;
    request.changes = {makeChange(newGuid(), 0, QStringLiteral("once"))};
    const auto first = m_fixture->client->sync(m_fixture->blogId, request);
    QVERIFY(first);
    QCOMPARE(first->results.value(0).status, protocol::ItemStatus::Applied);
    // The answer was "lost": the client sends exactly the same request again.
    const auto replay = m_fixture->client->sync(m_fixture->blogId, request);
    QVERIFY(replay);
    QCOMPARE(replay->results.value(0).status, protocol::ItemStatus::Applied);
    QCOMPARE(replay->results.value(0).rev, first->results.value(0).rev);
    QVERIFY(replay->conflicts.isEmpty());

    protocol::SyncRequest pull;
    const auto everything = m_fixture->client->sync(m_fixture->blogId, pull);
    QVERIFY(everything);
    QCOMPARE(everything->changes.size(), 1); // one revision, not two
}

void TestServerApi::pullPagesThroughManyPagesInRevisionOrder()
{
    constexpr int posts = 240;
    constexpr int pageSize = 7;
    QSet<QString> pushed;
    for (int batch = 0; batch < posts / 60; ++batch) {
        protocol::SyncRequest request;
        for (int i = 0; i < 60; ++i) {
            request.changes.append(makeChange(newGuid(), 0, QStringLiteral("post %1").arg(i)));
            pushed.insert(request.changes.last().guid);
        }
        const auto response = m_fixture->client->sync(m_fixture->blogId, request);
        QVERIFY(response);
        QCOMPARE(response->results.size(), 60);
    }
    protocol::SyncRequest request;
    request.limit = pageSize;
    QSet<QString> seen;
    qint64 lastRev = 0;
    int pages = 0;
    for (bool more = true; more; ++pages) {
        QVERIFY(pages <= posts); // bounded
        const auto page = m_fixture->client->sync(m_fixture->blogId, request);
        QVERIFY(page);
        QVERIFY(page->changes.size() <= pageSize);
        for (const model::Revision &revision : page->changes) {
            QVERIFY2(revision.rev > lastRev, "revisions must strictly increase across pages");
            lastRev = revision.rev;
            seen.insert(revision.guid);
        }
        request.cursor = page->cursor;
        more = page->more;
    }
    QCOMPARE(seen, pushed);
    QCOMPARE(pages, (posts + pageSize - 1) / pageSize);
}

void TestServerApi::badInputGets400AndWritesNothing_data()
{
    const QString guid = newGuid();
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not JSON") << QByteArray("{\"changes\": [");
    QTest::newRow("wrong type") << QByteArray("{\"changes\": \"many\"}");
    QTest::newRow("unknown field") << QByteArray("{\"changes\": [], \"admin\": true}");
    QTest::newRow("bad guid") << QByteArray(
            "{\"changes\":[{\"op_id\":\"a1\",\"guid\":\"../etc\",\"base_rev\":0,"
            "\"deleted\":false,\"fields\":{\"title\":\"x\"}}]}");
    QTest::newRow("deeply nested") << QByteArray(200, '[') + QByteArray(200, ']');
}

void TestServerApi::badInputGets400AndWritesNothing()
{
    QFETCH(QByteArray, body);
    const ApiReply reply = m_fixture->client->send(
            "POST", QStringLiteral("/api/v1/blogs/%1/sync").arg(m_fixture->blogId), body);
    QCOMPARE(reply.status, 400);
    QCOMPARE(reply.errorCode(), QStringLiteral("malformed"));
    const auto all = m_fixture->client->pullAll(m_fixture->blogId);
    QVERIFY(all);
    QVERIFY(all->isEmpty());
}

void TestServerApi::restoredDatabaseRefusesTheOldEpoch()
{
    ApiClient &client = *m_fixture->client;
    protocol::SyncRequest push;
    push.changes.append(makeChange(newGuid(), 0, QStringLiteral("Before")));
    push.changes.append(makeChange(newGuid(), 0, QStringLiteral("Also before")));
    const auto first = client.sync(m_fixture->blogId, push);
    QVERIFY(first);
    QCOMPARE(first->epoch.size(), 32);
    protocol::SyncRequest next;
    next.cursor = QStringLiteral("1");
    next.epoch = first->epoch;
    QVERIFY(client.sync(m_fixture->blogId, next)); // the same epoch is accepted

    const auto restored = m_fixture->server->runCli({QStringLiteral("restored")});
    QVERIFY2(restored.exitCode == 0, restored.standardError.constData());
    // Cursor 1 is within the blog's history: only the epoch shows the database changed.
    next.changes.append(makeChange(newGuid(), 0, QStringLiteral("Must not be written")));
    QVERIFY(!client.sync(m_fixture->blogId, next));
    QCOMPARE(client.lastReply().status, 409);
    QCOMPARE(client.lastReply().errorCode(), QStringLiteral("resync-required"));
    const auto all = client.pullAll(m_fixture->blogId);
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    const auto fresh = client.sync(m_fixture->blogId, protocol::SyncRequest{});
    QVERIFY(fresh);
    QVERIFY(fresh->epoch != first->epoch);
    QVERIFY(restored.standardOutput.contains(fresh->epoch.toUtf8()));
}

void TestServerApi::unknownRouteGets404()
{
    const ApiReply reply = m_fixture->client->send("GET", QStringLiteral("/api/v1/nothing-here"));
    QCOMPARE(reply.status, 404);
    QVERIFY(!reply.errorCode().isEmpty());
}

void TestServerApi::sigtermStopsTheServerCleanly()
{
    QVERIFY2(m_fixture->server->stop(), qPrintable(m_fixture->server->errorString()));
    QVERIFY(!m_fixture->server->isRunning());
}

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_serverapi.moc"
