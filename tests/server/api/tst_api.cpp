#include "apifixture.h"
#include "server/api/handlers.h"
#include "server/auth/tokens.h"

#include <QLoggingCategory>
#include <QSet>
#include <QTest>

using namespace inkwell;
using namespace inkwell::server;
using namespace inkwell::test;

class tst_Api : public QObject, private ApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addBackendRows(); }
    void cleanupTestCase() { dropSharedDatabase(); }
    void init() { setUpServer(); }
    void cleanup() { tearDownServer(); }

    void healthzNeedsNoToken();
    void unknownRoutesAreNotFound_data();
    void unknownRoutesAreNotFound();
    void wrongMethodIsNotAllowed();
    void loginRejectsBadInput_data();
    void loginRejectsBadInput();
    void authorizationMatrix_data();
    void authorizationMatrix();
    void foreignBlogIsNotFoundAndLeaksNothing();
    void loginIsThrottledWithRetryAfter();
    void forwardedForIsTrustedOnlyWhenConfigured();
    void logoutRevokesTheToken();
    void garbageNeverCausesServerErrors();
    void logsCarryNoSecrets();
    void serverFaultsKeepTheirDetailsInTheLog();
};

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
    const QJsonObject result = json(mine).value("results").toArray().at(0).toObject();
    QCOMPARE(result.value("status").toString(), QStringLiteral("applied"));
    QCOMPARE(result.value("created_by").toString(), QStringLiteral("ada"));
    const QJsonArray pulled = json(call("POST", blogPath(m_travel, "/sync"), syncBody(""), m_ada))
                                      .value("changes")
                                      .toArray();
    QCOMPARE(pulled.size(), 1);
    QCOMPARE(pulled.at(0).toObject().value("created_by").toString(), QStringLiteral("ada"));
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

void tst_Api::forwardedForIsTrustedOnlyWhenConfigured()
{
    HttpRequest request;
    request.peerAddress = QStringLiteral("127.0.0.1");
    request.headers.append(
            {QByteArray("x-forwarded-for"), QByteArray("203.0.113.9, 198.51.100.7")});
    ServerConfig config;
    QCOMPARE(clientAddress(config, request), QStringLiteral("127.0.0.1"));
    config.trustForwardedFor = true;
    QCOMPARE(clientAddress(config, request), QStringLiteral("198.51.100.7"));
    // Behind a proxy, one client's failures do not lock out everyone else's logins.
    const Api proxied(config, m_store);
    auto login = [&](const QByteArray &client, const QByteArray &body) {
        HttpRequest attempt;
        attempt.method = "POST";
        attempt.target = "/api/v1/session";
        attempt.body = body;
        attempt.peerAddress = QStringLiteral("127.0.0.1");
        attempt.headers.append({"x-forwarded-for", client});
        return proxied.handle(attempt).status;
    };
    for (int i = 0; i < 10; ++i) {
        const QByteArray user = "nobody" + QByteArray::number(i);
        QCOMPARE(login("203.0.113.9", R"({"username":")" + user + R"(","password":"x"})"), 401);
    }
    QCOMPARE(login("203.0.113.9", R"({"username":"carol","password":"password1"})"), 429);
    QCOMPARE(login("198.51.100.7", R"({"username":"carol","password":"password1"})"), 200);
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

namespace {
QStringList *capturedLog = nullptr;
void captureMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    capturedLog->append(message);
}
} // namespace

void tst_Api::logsCarryNoSecrets()
{
    QStringList log;
    capturedLog = &log;
    QLoggingCategory::setFilterRules(QStringLiteral("inkwell.*=true"));
    const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
    const QByteArray password = "Sw0rdfish-secret";
    const QByteArray body = "A very private draft";
    const QByteArray wrongLogin =
            QByteArray("{\"username\":\"ada\",\"password\":\"") + password + "\"}";
    QCOMPARE(call("POST", "/api/v1/session", wrongLogin).status, 401);
    const QByteArray token = login("carol", "password1");
    HttpRequest sync;
    sync.method = "POST";
    sync.target = blogPath(m_travel, "/sync");
    sync.headers.append({"authorization", "Bearer " + token});
    sync.body = QByteArray(R"({"changes":[{"op_id":"x","guid":")") + guid(1).toLatin1()
            + R"(","base_rev":0,"fields":{"title":"t","body":")" + body
            + R"(","tags":[],"status":"draft","cover":""}}]})";
    QCOMPARE(m_api->handle(sync).status, 200);
    QCOMPARE(call("DELETE", "/api/v1/session", {}, token).status, 204);
    qInstallMessageHandler(previous);
    QLoggingCategory::setFilterRules(QStringLiteral("inkwell.*.debug=false"));
    capturedLog = nullptr;
    QVERIFY(!log.isEmpty()); // the categories did log something
    const QString all = log.join(u'\n');
    QVERIFY(!all.contains(QString::fromLatin1(password)));
    QVERIFY(!all.contains(QString::fromLatin1(body)));
    QVERIFY(!all.contains(QString::fromLatin1(token)));
    QVERIFY(!all.contains(QString::fromLatin1(m_ada)));
}

// A database fault is answered with its code and a fixed sentence; what the database said (paths,
// SQL) goes only to the server log.
void tst_Api::serverFaultsKeepTheirDetailsInTheLog()
{
    const QString detail = QStringLiteral("write a push: database or disk is full /srv/secret.db");
    QTest::ignoreMessage(QtWarningMsg,
                         qPrintable(QStringLiteral("request failed: database-full ") + detail));
    const HttpResponse full = errorReply(Error{ErrorCode::DatabaseFull, detail});
    QCOMPARE(full.status, 503);
    QVERIFY(full.headers.contains(qMakePair(QByteArray("retry-after"), QByteArray("1"))));
    QCOMPARE(full.body,
             QByteArray("{\"error\":{\"code\":\"database-full\",\"message\":"
                        "\"the server's storage is full; nothing was stored\"}}"));

    QTest::ignoreMessage(QtWarningMsg, "request failed: database-query no such table: posts");
    const HttpResponse fault =
            errorReply(Error{ErrorCode::DatabaseQuery, QStringLiteral("no such table: posts")});
    QCOMPARE(fault.status, 500);
    QVERIFY(!fault.body.contains("posts"));
    QVERIFY(fault.body.contains("internal server error"));
}

QTEST_GUILESS_MAIN(tst_Api)
#include "tst_api.moc"
