#include "server/api/admin.h"
#include "server/api/api.h"
#include "server/auth/tokens.h"
#include "server/store/serverstore.h"

#include "protocol/codec.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace inkwell;
using namespace inkwell::server;

namespace {

QString guid(int n)
{
    return QStringLiteral("00000000-0000-4000-8000-%1").arg(n, 12, 10, QLatin1Char('0'));
}

QByteArray changeJson(const QString &opId, const QString &postGuid, qint64 baseRev,
                      const QString &title)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = QStringLiteral("secret body text");
    return QJsonDocument(QJsonObject{{"op_id", opId},
                                     {"guid", postGuid},
                                     {"base_rev", double(baseRev)},
                                     {"deleted", false},
                                     {"fields", fields.toJson()}})
            .toJson(QJsonDocument::Compact);
}

QByteArray syncBody(const QString &cursor, const QList<QByteArray> &changes = {}, int limit = 0)
{
    QByteArray body = "{\"cursor\":\"" + cursor.toLatin1()
            + "\",\"limit\":" + QByteArray::number(limit) + ",\"changes\":[";
    for (qsizetype i = 0; i < changes.size(); ++i)
        body += (i ? "," : "") + changes.at(i);
    return body + "]}";
}

QString sha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QJsonObject json(const HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QString errorCode(const HttpResponse &response)
{
    return json(response).value("error").toObject().value("code").toString();
}

QByteArray header(const HttpResponse &response, const QByteArray &name)
{
    for (const auto &h : response.headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

} // namespace

class tst_Api : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void healthzNeedsNoToken();
    void unknownRoutesAreNotFound_data();
    void unknownRoutesAreNotFound();
    void wrongMethodIsNotAllowed();
    void loginRejectsBadInput_data();
    void loginRejectsBadInput();
    void authorizationMatrix_data();
    void authorizationMatrix();
    void foreignBlogIsNotFoundAndLeaksNothing();
    void syncPushesAndPulls();
    void staleBaseRevReturnsServerVersion();
    void replayedPushReturnsRecordedResult();
    void pullPagesAcrossManyPages();
    void pagesStayWithinTheirByteBudget();
    void futureCursorRequiresResyncAndWritesNothing();
    void malformedOrOversizedSyncIsRefused_data();
    void malformedOrOversizedSyncIsRefused();
    void oversizedPostIsRejectedAlone();
    void blobsAreVerifiedAndIdempotent();
    void loginIsThrottledWithRetryAfter();
    void logoutRevokesTheToken();
    void garbageNeverCausesServerErrors();

private:
    HttpResponse call(const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {}, const QByteArray &token = {}) const;
    QByteArray login(const QString &user, const QString &password) const;
    QByteArray blogPath(qint64 blog, const QByteArray &rest) const;

    std::shared_ptr<store::ServerStore> m_store;
    std::unique_ptr<Api> m_api;
    qint64 m_travel = 0; // ada's and carol's blog
    qint64 m_food = 0; // bob's blog
    QByteArray m_ada;
};

void tst_Api::init()
{
    // The API's logic does not depend on the backend; tst_serverstore runs the store against
    // SQLite files and PostgreSQL.
    m_store = store::ServerStore::open(QStringLiteral("sqlite::memory:")).value();
    ServerConfig config;
    config.maxBodyBytes = 64 * 1024;
    config.maxBlobBytes = 128 * 1024;
    config.maxChangesPerPush = 20;
    config.pageSize = 10;
    m_api = std::make_unique<Api>(config, m_store);
    const Admin admin(m_store, config);
    for (const char *user : {"ada", "bob", "carol"})
        QVERIFY(admin.addUser(QString::fromLatin1(user), QStringLiteral("password1")));
    m_travel = admin.addBlog(QStringLiteral("Travel"), QStringLiteral("ada")).value();
    QVERIFY(admin.addMember(m_travel, QStringLiteral("carol")));
    m_food = admin.addBlog(QStringLiteral("Food"), QStringLiteral("bob")).value();
    m_ada = login(QStringLiteral("ada"), QStringLiteral("password1"));
    QVERIFY(!m_ada.isEmpty());
}

void tst_Api::cleanup()
{
    m_api.reset();
    m_store.reset();
}

HttpResponse tst_Api::call(const QByteArray &method, const QByteArray &target,
                           const QByteArray &body, const QByteArray &token) const
{
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.peerAddress = QStringLiteral("127.0.0.1");
    if (!token.isEmpty())
        request.headers.append({"authorization", "Bearer " + token});
    return m_api->handle(request);
}

QByteArray tst_Api::login(const QString &user, const QString &password) const
{
    const HttpResponse response = call("POST", "/api/v1/session",
                                       protocol::encode(protocol::LoginRequest{user, password}));
    const auto session = protocol::decodeLoginResponse(response.body);
    return response.status == 200 && session ? session->token.toLatin1() : QByteArray();
}

QByteArray tst_Api::blogPath(qint64 blog, const QByteArray &rest) const
{
    return "/api/v1/blogs/" + QByteArray::number(blog) + rest;
}

void tst_Api::healthzNeedsNoToken()
{
    const HttpResponse response = call("GET", "/healthz");
    QCOMPARE(response.status, 200);
    QCOMPARE(json(response).value("status").toString(), QStringLiteral("ok"));
}

void tst_Api::unknownRoutesAreNotFound_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("root") << QByteArray("/");
    QTest::newRow("other version") << QByteArray("/api/v2/blogs");
    QTest::newRow("blog zero") << QByteArray("/api/v1/blogs/0/sync");
    QTest::newRow("leading zero") << QByteArray("/api/v1/blogs/01/sync");
    QTest::newRow("blog name") << QByteArray("/api/v1/blogs/abc/sync");
    QTest::newRow("huge blog id") << QByteArray("/api/v1/blogs/99999999999999999999/sync");
    QTest::newRow("bad hash") << QByteArray("/api/v1/blogs/1/blobs/XYZ");
    QTest::newRow("trailing part") << QByteArray("/api/v1/blogs/1/sync/more");
    QTest::newRow("encoded") << QByteArray("/api/v1/%62logs");
}

void tst_Api::unknownRoutesAreNotFound()
{
    QFETCH(QByteArray, target);
    const HttpResponse response = call("POST", target, "{}", m_ada);
    QCOMPARE(response.status, 404);
    QCOMPARE(errorCode(response), QStringLiteral("not-found"));
}

void tst_Api::wrongMethodIsNotAllowed()
{
    const HttpResponse response = call("GET", blogPath(m_travel, "/sync"), {}, m_ada);
    QCOMPARE(response.status, 405);
    QCOMPARE(header(response, "allow"), QByteArray("POST"));
}

void tst_Api::loginRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("not json") << QByteArray("user=ada") << 400;
    QTest::newRow("unknown field")
            << QByteArray(R"({"username":"ada","password":"password1","admin":1})") << 400;
    QTest::newRow("number password") << QByteArray(R"({"username":"ada","password":1})") << 400;
    QTest::newRow("missing password") << QByteArray(R"({"username":"ada"})") << 400;
    QTest::newRow("wrong password") << QByteArray(R"({"username":"ada","password":"nope"})") << 401;
    QTest::newRow("unknown user") << QByteArray(R"({"username":"eve","password":"password1"})")
                                  << 401;
}

void tst_Api::loginRejectsBadInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const HttpResponse response = call("POST", "/api/v1/session", body);
    QCOMPARE(response.status, status);
    QVERIFY(!errorCode(response).isEmpty());
    QVERIFY(!response.body.contains("token"));
}

void tst_Api::authorizationMatrix_data()
{
    QTest::addColumn<QString>("credential");
    for (const char *credential : {"none", "basic", "malformed", "unknown", "expired", "revoked"})
        QTest::newRow(credential) << QString::fromLatin1(credential);
}

void tst_Api::authorizationMatrix()
{
    QFETCH(QString, credential);
    QByteArray headerValue;
    const qint64 ada = m_store->accountByName("ada")->value().id;
    if (credential == "basic") {
        headerValue = "Basic YWRhOnBhc3N3b3JkMQ==";
    } else if (credential == "malformed") {
        headerValue = "Bearer " + m_ada.left(20);
    } else if (credential == "unknown") {
        headerValue = "Bearer " + auth::newToken();
    } else if (credential == "expired") {
        const QByteArray token = auth::newToken();
        QVERIFY(m_store->storeToken(auth::tokenHash(token), ada,
                                    QDateTime::currentDateTimeUtc().addSecs(-1)));
        headerValue = "Bearer " + token;
    } else if (credential == "revoked") {
        const QByteArray token = login("ada", "password1");
        QVERIFY(m_store->revokeTokensOf(ada));
        headerValue = "Bearer " + token;
    }
    const QList<std::pair<QByteArray, QByteArray>> endpoints{
            {"GET", "/api/v1/blogs"},
            {"POST", blogPath(m_travel, "/sync")},
            {"GET", blogPath(m_travel, "/blobs/" + QByteArray(64, 'a'))},
            {"HEAD", blogPath(m_travel, "/blobs/" + QByteArray(64, 'a'))},
            {"PUT", blogPath(m_travel, "/blobs/" + QByteArray(64, 'a'))},
            {"POST", blogPath(m_travel, "/blobs/missing")},
            {"DELETE", "/api/v1/session"}};
    for (const auto &[method, target] : endpoints) {
        HttpRequest request;
        request.method = method;
        request.target = target;
        request.body = "{}";
        if (!headerValue.isEmpty())
            request.headers.append({"authorization", headerValue});
        const HttpResponse response = m_api->handle(request);
        QCOMPARE(response.status, 401);
        QCOMPARE(errorCode(response), QStringLiteral("unauthorized"));
        QCOMPARE(header(response, "www-authenticate"), QByteArray("Bearer"));
    }
    QCOMPARE(m_store->lastRevision(m_travel).value(), 0);
}

void tst_Api::foreignBlogIsNotFoundAndLeaksNothing()
{
    const QByteArray bob = login("bob", "password1");
    const QByteArray image("bob's picture");
    QCOMPARE(call("PUT", blogPath(m_food, "/blobs/" + sha256(image).toLatin1()), image, bob).status,
             201);
    QCOMPARE(call("POST", blogPath(m_food, "/sync"),
                  syncBody("", {changeJson("b1", guid(1), 0, "bob's post")}), bob)
                     .status,
             200);
    const QList<std::pair<QByteArray, QByteArray>> attempts{
            {"POST", blogPath(m_food, "/sync")},
            {"GET", blogPath(m_food, "/blobs/" + sha256(image).toLatin1())},
            {"HEAD", blogPath(m_food, "/blobs/" + sha256(image).toLatin1())},
            {"PUT", blogPath(m_food, "/blobs/" + sha256(image).toLatin1())},
            {"POST", blogPath(m_food, "/blobs/missing")},
            {"POST", blogPath(424242, "/sync")}};
    for (const auto &[method, target] : attempts) {
        const QByteArray body = method == "PUT" ? image : syncBody("");
        const HttpResponse response = call(method, target, body, m_ada);
        QCOMPARE(response.status, 404);
        QVERIFY(!response.body.contains("bob"));
    }
    // The same guid in ada's own blog is a different post; bob's never shows up.
    const HttpResponse mine = call("POST", blogPath(m_travel, "/sync"),
                                   syncBody("", {changeJson("a1", guid(1), 0, "ada's")}), m_ada);
    QCOMPARE(mine.status, 200);
    QVERIFY(!mine.body.contains("bob"));
    QCOMPARE(json(mine).value("changes").toArray().size(), 1);
    // Ada's image upload does not reveal bob's copy either.
    const HttpResponse missing = call("POST", blogPath(m_travel, "/blobs/missing"),
                                      "{\"hashes\":[\"" + sha256(image).toLatin1() + "\"]}", m_ada);
    QCOMPARE(json(missing).value("missing").toArray().size(), 1);
    const HttpResponse blogs = call("GET", "/api/v1/blogs", {}, m_ada);
    QCOMPARE(blogs.status, 200);
    const auto list = protocol::decodeBlogList(blogs.body);
    QVERIFY(list);
    QCOMPARE(list->blogs.size(), 1);
    QCOMPARE(list->blogs.at(0).id, m_travel);
}

void tst_Api::syncPushesAndPulls()
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
    QVERIFY(sync->conflicts.isEmpty());
    QCOMPARE(sync->changes.size(), 2);
    QCOMPARE(sync->changes.at(1).fields.title, QStringLiteral("two"));
    QCOMPARE(sync->changes.at(1).createdBy, QStringLiteral("ada"));
    QCOMPARE(sync->cursor, QStringLiteral("2"));
    QVERIFY(!sync->more);
    // Another member pulls from the cursor it has and sees only newer changes.
    const QByteArray carol = login("carol", "password1");
    const auto next = protocol::decodeSyncResponse(
            call("POST", blogPath(m_travel, "/sync"),
                 syncBody("1", {changeJson("c-1", guid(1), 1, "carol's")}), carol)
                    .body);
    QVERIFY(next);
    QCOMPARE(next->changes.size(), 2);
    QCOMPARE(next->changes.at(0).guid, guid(2));
    QCOMPARE(next->changes.at(1).modifiedBy, QStringLiteral("carol"));
    QCOMPARE(next->cursor, QStringLiteral("3"));
}

void tst_Api::staleBaseRevReturnsServerVersion()
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

void tst_Api::replayedPushReturnsRecordedResult()
{
    const QByteArray body = syncBody("", {changeJson("once", guid(1), 0, "one")});
    const HttpResponse first = call("POST", blogPath(m_travel, "/sync"), body, m_ada);
    const HttpResponse again = call("POST", blogPath(m_travel, "/sync"), body, m_ada);
    QCOMPARE(again.status, 200);
    QCOMPARE(json(again).value("results"), json(first).value("results"));
    QCOMPARE(m_store->lastRevision(m_travel).value(), 1);
}

void tst_Api::pullPagesAcrossManyPages()
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

void tst_Api::pagesStayWithinTheirByteBudget()
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

void tst_Api::futureCursorRequiresResyncAndWritesNothing()
{
    const HttpResponse response = call("POST", blogPath(m_travel, "/sync"),
                                       syncBody("7", {changeJson("x", guid(1), 0, "one")}), m_ada);
    QCOMPARE(response.status, 409);
    QCOMPARE(errorCode(response), QStringLiteral("resync-required"));
    QCOMPARE(m_store->lastRevision(m_travel).value(), 0);
}

void tst_Api::malformedOrOversizedSyncIsRefused_data()
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
    QTest::newRow("deep nesting") << QByteArray(R"({"changes":[[[[[[[[[[]]]]]]]]]]})") << 400
                                  << "malformed";
}

void tst_Api::malformedOrOversizedSyncIsRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const HttpResponse response = call("POST", blogPath(m_travel, "/sync"), body, m_ada);
    QCOMPARE(response.status, status);
    QCOMPARE(errorCode(response), code);
    QCOMPARE(m_store->lastRevision(m_travel).value(), 0);
}

void tst_Api::oversizedPostIsRejectedAlone()
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
    QCOMPARE(sync->changes.size(), 1);
}

void tst_Api::blobsAreVerifiedAndIdempotent()
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

void tst_Api::loginIsThrottledWithRetryAfter()
{
    const QByteArray wrong = R"({"username":"bob","password":"wrong"})";
    for (int i = 0; i < 10; ++i)
        QCOMPARE(call("POST", "/api/v1/session", wrong).status, 401);
    const HttpResponse throttled =
            call("POST", "/api/v1/session", R"({"username":"bob","password":"password1"})");
    QCOMPARE(throttled.status, 429);
    QCOMPARE(errorCode(throttled), QStringLiteral("rate-limited"));
    QVERIFY(header(throttled, "retry-after").toInt() >= 1);
}

void tst_Api::logoutRevokesTheToken()
{
    const HttpResponse bye = call("DELETE", "/api/v1/session", {}, m_ada);
    QCOMPARE(bye.status, 204);
    QVERIFY(bye.body.isEmpty());
    QCOMPARE(call("GET", "/api/v1/blogs", {}, m_ada).status, 401);
}

void tst_Api::garbageNeverCausesServerErrors()
{
    const QList<QByteArray> bodies{"",
                                   "null",
                                   "[]",
                                   "{}",
                                   "\"x\"",
                                   "{\"changes\":null}",
                                   "{\"hashes\":[1]}",
                                   QByteArray("\xff\xfe\x00{", 4),
                                   "{\"cursor\":\"1\",\"changes\":[{}]}",
                                   "{\"username\":\"\",\"password\":\"\"}",
                                   QByteArray(3000, '['),
                                   "{\"changes\":[{\"op_id\":\"a\",\"guid\":\"" + guid(1).toLatin1()
                                           + "\",\"base_rev\":9007199254740993,\"fields\":{}}]}"};
    const QList<std::pair<QByteArray, QByteArray>> routes{
            {"POST", "/api/v1/session"},
            {"POST", blogPath(m_travel, "/sync")},
            {"POST", blogPath(m_travel, "/blobs/missing")},
            {"PUT", blogPath(m_travel, "/blobs/" + QByteArray(64, '0'))}};
    for (const auto &[method, target] : routes) {
        for (const QByteArray &body : bodies) {
            const HttpResponse response = call(method, target, body, m_ada);
            QVERIFY2(response.status >= 200 && response.status < 500,
                     qPrintable(QString::number(response.status) + u' '
                                + QString::fromLatin1(target)));
        }
    }
}

QTEST_GUILESS_MAIN(tst_Api)
#include "tst_api.moc"
