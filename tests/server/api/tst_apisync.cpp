#include "apifixture.h"

#include "protocol/wireerror.h"
#include "support/tempdir.h"

#include <QSet>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace inkwell;
using namespace inkwell::server;
using namespace inkwell::test;

class tst_ApiSync : public QObject, private ApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void cleanupTestCase() { dropSharedDatabase(); }
    void init() { setUpServer(); }
    void cleanup() { tearDownServer(); }

    void syncPushesAndPulls();
    void staleBaseRevReturnsServerVersion();
    void replayedPushReturnsRecordedResult();
    void pullPagesAcrossManyPages();
    void pagesStayWithinTheirByteBudget();
    void futureCursorRequiresResyncAndWritesNothing();
    void everyAnswerCarriesTheEpoch();
    void otherEpochRequiresResyncAndWritesNothing();
    void malformedOrOversizedSyncIsRefused_data();
    void malformedOrOversizedSyncIsRefused();
    void oversizedPostIsRejectedAlone();
    void tombstoneOfANewPostWithBadFieldsIsRejected_data();
    void tombstoneOfANewPostWithBadFieldsIsRejected();
    void blobsAreVerifiedAndIdempotent();
    void concurrentRequestsFromWorkerThreads();
};

void tst_ApiSync::syncPushesAndPulls()
{
    const HttpResponse response = call("POST", blogPath(m_travel, "/sync"),
                                       syncBody("",
                                                {changeJson("op-1", guid(1), 0, "one"),
                                                 changeJson("op-2", guid(2), 0, "two")}),
                                       m_ada);
    QCOMPARE(response.status, 200);
    const auto sync = protocol::decodeSyncResponse(response.body);
    QVERIFY(sync);
    QCOMPARE(sync->results.size(), 2);
    QCOMPARE(sync->results.at(0).status, protocol::ItemStatus::Applied);
    QCOMPARE(sync->results.at(0).rev, 1);
    QCOMPARE(sync->results.at(1).rev, 2);
    QCOMPARE(sync->results.at(1).createdBy, QStringLiteral("ada"));
    QCOMPARE(sync->results.at(1).modifiedBy, QStringLiteral("ada"));
    QVERIFY(sync->results.at(1).modifiedAt.isValid());
    QVERIFY(sync->conflicts.isEmpty());
    QVERIFY(sync->changes.isEmpty()); // its own revisions: the results describe them
    QCOMPARE(sync->cursor, QStringLiteral("2"));
    QVERIFY(!sync->more);
    // Another member pulls from the cursor it has and sees only newer changes of others.
    const QByteArray carol = login("carol", "password1");
    const auto next = protocol::decodeSyncResponse(
            call("POST", blogPath(m_travel, "/sync"),
                 syncBody("1", {changeJson("c-1", guid(1), 1, "carol's")}), carol)
                    .body);
    QVERIFY(next);
    QCOMPARE(next->changes.size(), 1);
    QCOMPARE(next->changes.at(0).guid, guid(2));
    QCOMPARE(next->changes.at(0).createdBy, QStringLiteral("ada"));
    QCOMPARE(next->results.at(0).rev, 3);
    QCOMPARE(next->results.at(0).createdBy, QStringLiteral("ada"));
    QCOMPARE(next->results.at(0).modifiedBy, QStringLiteral("carol"));
    QCOMPARE(next->cursor, QStringLiteral("3"));
}

void tst_ApiSync::staleBaseRevReturnsServerVersion()
{
    QVERIFY(call("POST", blogPath(m_travel, "/sync"),
                 syncBody("", {changeJson("a", guid(1), 0, "base")}), m_ada)
                    .status
            == 200);
    QVERIFY(call("POST", blogPath(m_travel, "/sync"),
                 syncBody("", {changeJson("b", guid(1), 1, "ada's edit")}), m_ada)
                    .status
            == 200);
    const QByteArray carol = login("carol", "password1");
    const auto sync = protocol::decodeSyncResponse(
            call("POST", blogPath(m_travel, "/sync"),
                 syncBody("2", {changeJson("c", guid(1), 1, "carol's edit")}), carol)
                    .body);
    QVERIFY(sync);
    QCOMPARE(sync->results.at(0).status, protocol::ItemStatus::Conflict);
    QCOMPARE(sync->results.at(0).rev, 2);
    QCOMPARE(sync->conflicts.size(), 1);
    QCOMPARE(sync->conflicts.at(0).fields.title, QStringLiteral("ada's edit"));
    QCOMPARE(sync->conflicts.at(0).modifiedBy, QStringLiteral("ada"));
    QCOMPARE(sync->conflicts.at(0).rev, 2);
    QCOMPARE(m_store->lastRevision(m_travel).value(), 2);
}

void tst_ApiSync::replayedPushReturnsRecordedResult()
{
    const QByteArray body = syncBody("", {changeJson("once", guid(1), 0, "one")});
    const HttpResponse first = call("POST", blogPath(m_travel, "/sync"), body, m_ada);
    const HttpResponse again = call("POST", blogPath(m_travel, "/sync"), body, m_ada);
    QCOMPARE(again.status, 200);
    QCOMPARE(json(again).value("results"), json(first).value("results"));
    QCOMPARE(m_store->lastRevision(m_travel).value(), 1);
}

void tst_ApiSync::pullPagesAcrossManyPages()
{
    const int posts = 45;
    for (int start = 0; start < posts; start += 15) {
        QList<QByteArray> changes;
        for (int i = start; i < start + 15; ++i)
            changes.append(changeJson(QString::number(i), guid(i), 0, QString::number(i)));
        QCOMPARE(call("POST", blogPath(m_travel, "/sync"), syncBody("99999", {}), m_ada).status,
                 409);
        QCOMPARE(call("POST", blogPath(m_travel, "/sync"), syncBody("", changes), m_ada).status,
                 200);
    }
    for (const int limit : {0, 3, 500}) {
        QSet<QString> seen;
        QString cursor;
        int pages = 0;
        for (bool more = true; more && pages < 100; ++pages) {
            const auto page = protocol::decodeSyncResponse(
                    call("POST", blogPath(m_travel, "/sync"), syncBody(cursor, {}, limit), m_ada)
                            .body);
            QVERIFY(page);
            QVERIFY(page->changes.size() <= (limit == 3 ? 3 : 10));
            for (const model::Revision &revision : page->changes)
                seen.insert(revision.guid);
            cursor = page->cursor;
            more = page->more;
        }
        QCOMPARE(seen.size(), posts);
        QCOMPARE(pages, limit == 3 ? 15 : 5);
        QCOMPARE(cursor, QString::number(posts));
    }
}

void tst_ApiSync::pagesStayWithinTheirByteBudget()
{
    ServerConfig config = m_api->config();
    config.maxPageBytes = 4000;
    const Api api(config, m_store);
    auto sync = [&](const QByteArray &body) {
        HttpRequest request;
        request.method = "POST";
        request.target = blogPath(m_travel, "/sync");
        request.body = body;
        request.headers.append({"authorization", "Bearer " + m_ada});
        return api.handle(request);
    };
    QList<QByteArray> changes;
    for (int i = 0; i < 12; ++i)
        changes.append(changeJson(QString::number(i), guid(i), 0, QString(900, u't')));
    QCOMPARE(sync(syncBody("", changes, 1)).status, 200);
    QSet<QString> seen;
    QString cursor;
    int pages = 0;
    for (bool more = true; more && pages < 50; ++pages) {
        const HttpResponse response = sync(syncBody(cursor));
        QVERIFY(response.body.size() < 4000 + 1200);
        const auto page = protocol::decodeSyncResponse(response.body);
        QVERIFY(page);
        QVERIFY(!page->changes.isEmpty());
        for (const model::Revision &revision : page->changes)
            seen.insert(revision.guid);
        cursor = page->cursor;
        more = page->more;
    }
    QCOMPARE(seen.size(), 12);
    QVERIFY(pages >= 3);
    // Conflicts that fill the budget leave no room for changes: the page is empty, the cursor
    // stays and `more` says to come back.
    QList<QByteArray> stale;
    for (int i = 0; i < 6; ++i)
        stale.append(changeJson("s" + QString::number(i), guid(i), 0, "stale"));
    const auto crowded = protocol::decodeSyncResponse(sync(syncBody("", stale)).body);
    QVERIFY(crowded);
    QCOMPARE(crowded->conflicts.size(), 6);
    QVERIFY(crowded->changes.isEmpty());
    QCOMPARE(crowded->cursor, QStringLiteral("0"));
    QVERIFY(crowded->more);
}

void tst_ApiSync::futureCursorRequiresResyncAndWritesNothing()
{
    const HttpResponse response = call("POST", blogPath(m_travel, "/sync"),
                                       syncBody("7", {changeJson("x", guid(1), 0, "one")}), m_ada);
    QCOMPARE(response.status, 409);
    QCOMPARE(errorCode(response), QStringLiteral("resync-required"));
    QCOMPARE(m_store->lastRevision(m_travel).value(), 0);
}

void tst_ApiSync::everyAnswerCarriesTheEpoch()
{
    const QString epoch = m_store->epoch().value();
    const HttpResponse first = call("POST", blogPath(m_travel, "/sync"),
                                    syncBody("", {changeJson("a", guid(1), 0, "one")}), m_ada);
    QCOMPARE(first.status, 200);
    QCOMPARE(json(first).value("epoch").toString(), epoch);
    // The same epoch back is accepted like no epoch at all.
    const QByteArray body =
            R"({"cursor":"1","epoch":")" + epoch.toLatin1() + R"(","limit":0,"changes":[]})";
    const HttpResponse second = call("POST", blogPath(m_travel, "/sync"), body, m_ada);
    QCOMPARE(second.status, 200);
    const auto decoded = protocol::decodeSyncResponse(second.body);
    QVERIFY(decoded);
    QCOMPARE(decoded->epoch, epoch);
    QCOMPARE(decoded->cursor, QStringLiteral("1"));
}

void tst_ApiSync::otherEpochRequiresResyncAndWritesNothing()
{
    QVERIFY(call("POST", blogPath(m_travel, "/sync"),
                 syncBody("",
                          {changeJson("a", guid(1), 0, "one"), changeJson("b", guid(2), 0, "two")}),
                 m_ada)
                    .status
            == 200);
    const QString before = m_store->epoch().value();
    QVERIFY(m_store->renewEpoch()); // what `inkwell-server restored` does
    // Cursor 1 is behind the blog's last revision: only the epoch tells the database changed.
    const QByteArray body = R"({"cursor":"1","epoch":")" + before.toLatin1() + R"(","changes":[)"
            + changeJson("c", guid(3), 0, "three") + "]}";
    const HttpResponse response = call("POST", blogPath(m_travel, "/sync"), body, m_ada);
    QCOMPARE(response.status, 409);
    QCOMPARE(errorCode(response), QStringLiteral("resync-required"));
    QVERIFY(json(response).value("error").toObject().value("message").toString().contains(
            QLatin1String("restored")));
    QCOMPARE(m_store->lastRevision(m_travel).value(), 2);
}

void tst_ApiSync::malformedOrOversizedSyncIsRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QList<QByteArray> many;
    for (int i = 0; i < 21; ++i)
        many.append(changeJson(QString::number(i), guid(i), 0, "x"));
    QTest::newRow("body over limit") << QByteArray(64 * 1024 + 1, ' ') << 413 << "too-large";
    QTest::newRow("too many changes") << syncBody("", many) << 413 << "too-large";
    QTest::newRow("not json") << QByteArray("{\"cursor\":") << 400 << "malformed";
    QTest::newRow("bad guid") << syncBody("", {changeJson("a", "nope", 0, "x")}) << 400
                              << "malformed";
    QTest::newRow("wrong type") << QByteArray(R"({"changes":"all"})") << 400 << "malformed";
    QTest::newRow("unknown field") << QByteArray(R"({"since":0})") << 400 << "malformed";
    QTest::newRow("empty epoch") << QByteArray(R"({"epoch":""})") << 400 << "malformed";
    QTest::newRow("null epoch") << QByteArray(R"({"epoch":null})") << 400 << "malformed";
    QTest::newRow("upper-case epoch")
            << QByteArray(R"({"epoch":"0123456789ABCDEF0123456789ABCDEF"})") << 400 << "malformed";
    QTest::newRow("short epoch") << QByteArray(R"({"epoch":"0123"})") << 400 << "malformed";
    QTest::newRow("deep nesting") << QByteArray(R"({"changes":[[[[[[[[[[]]]]]]]]]]})") << 400
                                  << "malformed";
    QTest::newRow("duplicate key")
            << syncBody("", {changeJson("a", guid(1), 0, "x")})
                       .replace("\"base_rev\":0", "\"base_rev\":0,\"base_rev\":0")
            << 400 << "malformed";
    QTest::newRow("duplicate key, escaped")
            << QByteArray(R"({"cursor":"","\u0063ursor":""})") << 400 << "malformed";
    QTest::newRow("invalid UTF-8 in a title")
            << syncBody("", {changeJson("a", guid(1), 0, "x")}).replace("\"x\"", "\"\xC3\x28\"")
            << 400 << "malformed";
}

void tst_ApiSync::malformedOrOversizedSyncIsRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const HttpResponse response = call("POST", blogPath(m_travel, "/sync"), body, m_ada);
    QCOMPARE(response.status, status);
    QCOMPARE(errorCode(response), code);
    QCOMPARE(m_store->lastRevision(m_travel).value(), 0);
}

void tst_ApiSync::oversizedPostIsRejectedAlone()
{
    const HttpResponse response =
            call("POST", blogPath(m_travel, "/sync"),
                 syncBody("",
                          {changeJson("ok", guid(1), 0, "fine"),
                           changeJson("big", guid(2), 0, QString(1001, u'x'))}),
                 m_ada);
    QCOMPARE(response.status, 200);
    const auto sync = protocol::decodeSyncResponse(response.body);
    QVERIFY(sync);
    QCOMPARE(sync->results.at(0).status, protocol::ItemStatus::Applied);
    QCOMPARE(sync->results.at(1).status, protocol::ItemStatus::Rejected);
    QCOMPARE(sync->results.at(1).error.code, ErrorCode::TooLarge);
    QCOMPARE(m_store->lastRevision(m_travel).value(), 1);
    QCOMPARE(sync->cursor, QStringLiteral("1"));
}

void tst_ApiSync::tombstoneOfANewPostWithBadFieldsIsRejected_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("code");
    QTest::newRow("over-long title") << "title" << QJsonValue(QString(1001, u'x')) << "too-large";
    QTest::newRow("duplicate tags")
            << "tags" << QJsonValue(QJsonArray{QStringLiteral("a"), QStringLiteral("a")})
            << "invalid-argument";
    QTest::newRow("bad cover") << "cover" << QJsonValue(QStringLiteral("../../etc/passwd"))
                               << "invalid-argument";
    QTest::newRow("too many tags") << "tags" << QJsonValue([] {
        QJsonArray tags;
        for (int i = 0; i < 65; ++i)
            tags.append(QString::number(i));
        return tags;
    }()) << "too-large";
}

// A tombstone of a post the server does not have stores the fields it carries, so they are
// checked like any other change's: rejected alone, nothing stored, the valid change applied.
void tst_ApiSync::tombstoneOfANewPostWithBadFieldsIsRejected()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(QString, code);
    QJsonObject tombstone = QJsonDocument::fromJson(changeJson("bad", guid(2), 0, "t")).object();
    QJsonObject fields = tombstone.value(u"fields").toObject();
    fields.insert(field, value);
    tombstone.insert(QStringLiteral("fields"), fields);
    tombstone.insert(QStringLiteral("deleted"), true);
    const HttpResponse response =
            call("POST", blogPath(m_travel, "/sync"),
                 syncBody("",
                          {changeJson("ok", guid(1), 0, "fine"),
                           QJsonDocument(tombstone).toJson(QJsonDocument::Compact)}),
                 m_ada);
    QCOMPARE(response.status, 200);
    const auto sync = protocol::decodeSyncResponse(response.body);
    QVERIFY(sync);
    QCOMPARE(sync->results.at(0).status, protocol::ItemStatus::Applied);
    QCOMPARE(sync->results.at(1).status, protocol::ItemStatus::Rejected);
    QCOMPARE(protocol::wireCode(sync->results.at(1).error.code), code);
    QVERIFY2(sync->results.at(1).error.message.startsWith(field),
             qPrintable(sync->results.at(1).error.message));
    QCOMPARE(m_store->lastRevision(m_travel).value(), 1);
    const auto stored = m_store->pull(m_travel, 0, 10);
    QVERIFY(stored);
    QCOMPARE(stored->changes.size(), 1);
    QCOMPARE(stored->changes.at(0).guid, guid(1));
}

void tst_ApiSync::blobsAreVerifiedAndIdempotent()
{
    const QByteArray image = QByteArray("\x89PNG\r\n", 6) + QByteArray(1000, '\0');
    const QByteArray path = blogPath(m_travel, "/blobs/" + sha256(image).toLatin1());
    QCOMPARE(call("HEAD", path, {}, m_ada).status, 404);
    const HttpResponse mismatch = call("PUT", path, image + 'x', m_ada);
    QCOMPARE(mismatch.status, 400);
    QCOMPARE(errorCode(mismatch), QStringLiteral("hash-mismatch"));
    QCOMPARE(call("PUT", path, image, m_ada).status, 201);
    QCOMPARE(call("PUT", path, image, m_ada).status, 200);
    QCOMPARE(call("HEAD", path, {}, m_ada).status, 200);
    const HttpResponse got = call("GET", path, {}, m_ada);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.contentType, QByteArray("application/octet-stream"));
    QCOMPARE(got.body, image);
    const QByteArray absent = QByteArray(64, 'f');
    const HttpResponse missing =
            call("POST", blogPath(m_travel, "/blobs/missing"),
                 "{\"hashes\":[\"" + sha256(image).toLatin1() + "\",\"" + absent + "\"]}", m_ada);
    QCOMPARE(missing.status, 200);
    QCOMPARE(json(missing).value("missing").toArray(), QJsonArray{QString::fromLatin1(absent)});
    const QByteArray huge(128 * 1024 + 1, 'h');
    QCOMPARE(call("PUT", blogPath(m_travel, "/blobs/" + sha256(huge).toLatin1()), huge, m_ada)
                     .status,
             413);
    QCOMPARE(m_api->maxBodyBytes("PUT", path), qint64(128 * 1024));
    QCOMPARE(m_api->maxBodyBytes("POST", blogPath(m_travel, "/sync")), qint64(64 * 1024));
}

void tst_ApiSync::concurrentRequestsFromWorkerThreads()
{
    // Like the HTTP front's worker pool: one Api, many threads, a SQLite file or PostgreSQL.
    const TempDir dir;
    const QString url =
            m_postgres ? m_postgres->url() : QStringLiteral("sqlite:") + dir.filePath("s.db");
    const auto store = server::store::ServerStore::open(url).value();
    const Admin admin(store, m_api->config());
    QVERIFY(admin.addUser(QStringLiteral("dora"), QStringLiteral("password1")));
    const qint64 blog = admin.addBlog(QStringLiteral("Shared"), QStringLiteral("dora")).value();
    const Api api(m_api->config(), store);
    constexpr int threads = 4;
    constexpr int pushesEach = 15;
    std::atomic<int> failures{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            HttpRequest login;
            login.method = "POST";
            login.target = "/api/v1/session";
            login.body = R"({"username":"dora","password":"password1"})";
            const auto session = protocol::decodeLoginResponse(api.handle(login).body);
            if (!session) {
                ++failures;
                return;
            }
            for (int i = 0; i < pushesEach; ++i) {
                HttpRequest request;
                request.method = "POST";
                request.target = blogPath(blog, "/sync");
                request.headers.append({"authorization", "Bearer " + session->token.toLatin1()});
                request.body = syncBody("",
                                        {changeJson(QStringLiteral("t%1-%2").arg(t).arg(i),
                                                    guid(t * 100 + i), 0, "x")},
                                        1);
                const auto answer = protocol::decodeSyncResponse(api.handle(request).body);
                if (!answer || answer->results.value(0).status != protocol::ItemStatus::Applied)
                    ++failures;
            }
        });
    }
    for (std::thread &worker : workers)
        worker.join();
    QCOMPARE(failures.load(), 0);
    QCOMPARE(store->lastRevision(blog).value(), qint64(threads * pushesEach));
    const store::PullPage page = store->pull(blog, 0, 1000).value();
    QCOMPARE(page.changes.size(), threads * pushesEach);
    for (qsizetype i = 0; i < page.changes.size(); ++i)
        QCOMPARE(page.changes.at(i).rev, qint64(i + 1));
}

QTEST_GUILESS_MAIN(tst_ApiSync)
#include "tst_apisync.moc"
