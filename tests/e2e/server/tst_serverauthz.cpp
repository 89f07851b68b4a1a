// End-to-end: the authorization matrix over HTTP. Every way of calling without a valid token,
// or on a blog the account does not belong to, is rejected and returns no foreign rows.
#include "serverfixture.h"

#include "protocol/codec.h"

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

// Runs one statement on the server's database (SQLite file or PostgreSQL database).
QString execOnServerDatabase(const QString &databaseUrl, const QString &statement)
{
    const QString name = QStringLiteral("authz-test");
    QString error;
    {
        QSqlDatabase db;
        if (databaseUrl.startsWith(QLatin1String("sqlite:"))) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(databaseUrl.mid(7));
        } else {
            const QUrl url(databaseUrl);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(url.host());
            db.setPort(url.port(5432));
            db.setUserName(url.userName());
            db.setDatabaseName(url.path().mid(1));
        }
        QSqlQuery query(db);
        if (!db.open())
            error = db.lastError().text();
        else if (!query.exec(statement))
            error = query.lastError().text();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace

class TestServerAuthz : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void requestsWithoutAValidTokenGet401_data();
    void requestsWithoutAValidTokenGet401();
    void expiredTokenGets401();
    void revokedTokenGets401();
    void logoutRevokesTheToken();
    void anotherBlogIsNotFoundAndLeaksNothing_data();
    void anotherBlogIsNotFoundAndLeaksNothing();
    void anotherBlogsGuidCannotBeOverwritten();

private:
    void expectRejected(ApiClient &client, int status);
    std::unique_ptr<ServerFixture> m_fixture;
};

void TestServerAuthz::init()
{
    INKWELL_START_FIXTURE(m_fixture);
    protocol::SyncRequest request;
    request.changes = {makeChange(newGuid(), 0, QStringLiteral("alice's post"))};
    QVERIFY(m_fixture->client->sync(m_fixture->blogId, request));
}

void TestServerAuthz::cleanup()
{
    m_fixture.reset();
}

// Every protected route answers `status`, and no post ever comes back.
void TestServerAuthz::expectRejected(ApiClient &client, int status)
{
    const QString blog = QString::number(m_fixture->blogId);
    const struct
    {
        QByteArray method;
        QString path;
        QByteArray body;
    } calls[] = {
            {"GET", QStringLiteral("/api/v1/blogs"), {}},
            {"POST", QStringLiteral("/api/v1/blogs/%1/sync").arg(blog), "{}"},
            {"POST", QStringLiteral("/api/v1/blogs/%1/blobs/missing").arg(blog), "{\"hashes\":[]}"},
            {"GET", QStringLiteral("/api/v1/blogs/%1/blobs/%2").arg(blog, QString(64, u'a')), {}},
    };
    for (const auto &call : calls) {
        const ApiReply reply = client.send(call.method, call.path, call.body);
        QVERIFY2(reply.status == status,
                 qPrintable(QStringLiteral("%1 %2 answered %3, expected %4")
                                    .arg(QString::fromLatin1(call.method), call.path)
                                    .arg(reply.status)
                                    .arg(status)));
        QVERIFY(!reply.body.contains("alice's post"));
        QVERIFY(!reply.errorCode().isEmpty());
    }
}

void TestServerAuthz::requestsWithoutAValidTokenGet401_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::newRow("no token") << QByteArray();
    QTest::newRow("malformed") << QByteArray("not a token at all!");
    QTest::newRow("unknown") << QByteArray(43, 'A');
    QTest::newRow("overlong") << QByteArray(5000, 'A');
}

void TestServerAuthz::requestsWithoutAValidTokenGet401()
{
    QFETCH(QByteArray, token);
    ApiClient stranger(m_fixture->server->baseUrl());
    stranger.setToken(token);
    expectRejected(stranger, 401);
}

void TestServerAuthz::expiredTokenGets401()
{
    const QString error = execOnServerDatabase(m_fixture->server->databaseUrl(),
                                               QStringLiteral("UPDATE tokens SET expires_at = 1"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    expectRejected(*m_fixture->client, 401);
}

void TestServerAuthz::revokedTokenGets401()
{
    QVERIFY(m_fixture->server->revokeTokens(QStringLiteral("alice")));
    expectRejected(*m_fixture->client, 401);
    // A new login works again.
    QVERIFY(m_fixture->client->login(QStringLiteral("alice"), QStringLiteral("alicepass1")));
    QCOMPARE(m_fixture->client->send("GET", QStringLiteral("/api/v1/blogs")).status, 200);
}

void TestServerAuthz::logoutRevokesTheToken()
{
    QCOMPARE(m_fixture->client->send("DELETE", QStringLiteral("/api/v1/session")).status / 100, 2);
    expectRejected(*m_fixture->client, 401);
}

void TestServerAuthz::anotherBlogIsNotFoundAndLeaksNothing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("pathFormat");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("sync") << QByteArray("POST") << QStringLiteral("/api/v1/blogs/%1/sync")
                          << QByteArray("{}");
    QTest::newRow("missing blobs")
            << QByteArray("POST") << QStringLiteral("/api/v1/blogs/%1/blobs/missing")
            << QByteArray("{\"hashes\":[]}");
    QTest::newRow("blob") << QByteArray("GET")
                          << QStringLiteral("/api/v1/blogs/%1/blobs/") + QString(64, u'b')
                          << QByteArray();
    QTest::newRow("blob upload") << QByteArray("PUT")
                                 << QStringLiteral("/api/v1/blogs/%1/blobs/") + QString(64, u'b')
                                 << QByteArray("data");
}

void TestServerAuthz::anotherBlogIsNotFoundAndLeaksNothing()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, pathFormat);
    QFETCH(QByteArray, body);
    QVERIFY(m_fixture->server->addUser(QStringLiteral("mallory"), QStringLiteral("mallorypw1")));
    const qint64 ownBlog =
            m_fixture->server->addBlog(QStringLiteral("Mine"), QStringLiteral("mallory"));
    QVERIFY(ownBlog > 0);
    auto mallory = m_fixture->clientFor(QStringLiteral("mallory"), QStringLiteral("mallorypw1"));
    QVERIFY(mallory);
    for (const qint64 blog : {m_fixture->blogId, qint64(999999)}) {
        const ApiReply reply = mallory->send(method, pathFormat.arg(blog), body);
        QCOMPARE(reply.status, 404);
        QVERIFY(!reply.body.contains("alice's post"));
    }
    const auto own = mallory->pullAll(ownBlog);
    QVERIFY(own);
    QVERIFY(own->isEmpty());
}

void TestServerAuthz::anotherBlogsGuidCannotBeOverwritten()
{
    const auto alicePosts = m_fixture->client->pullAll(m_fixture->blogId);
    QVERIFY(alicePosts && alicePosts->size() == 1);
    const model::Revision original = alicePosts->first();
    QVERIFY(m_fixture->server->addUser(QStringLiteral("mallory"), QStringLiteral("mallorypw1")));
    const qint64 ownBlog =
            m_fixture->server->addBlog(QStringLiteral("Mine"), QStringLiteral("mallory"));
    auto mallory = m_fixture->clientFor(QStringLiteral("mallory"), QStringLiteral("mallorypw1"));
    QVERIFY(mallory);

    // Mallory pushes alice's guid into her own blog, as a create and as an edit.
    for (const qint64 baseRev : {qint64(0), original.rev}) {
        protocol::SyncRequest request;
        request.changes = {makeChange(original.guid, baseRev, QStringLiteral("defaced"))};
        const auto response = mallory->sync(ownBlog, request);
        if (response) {
            QVERIFY(!response->conflicts.contains(original));
            for (const model::Revision &change : response->changes)
                QVERIFY(change.fields.title != original.fields.title);
        }
    }
    const auto after = m_fixture->client->pullAll(m_fixture->blogId);
    QVERIFY(after && after->size() == 1);
    QCOMPARE(after->first(), original);
}

QTEST_GUILESS_MAIN(TestServerAuthz)
#include "tst_serverauthz.moc"
