// End-to-end: live updates and presence against the real inkwell-server. A parked GET .../live
// answers soon after another member's push or presence; closing it frees its place at once;
// stopping the server answers it at once; presence expires; and on PostgreSQL the wake-up and
// the presence travel between two server processes on one database.
#include "serverfixture.h"

#include "protocol/live.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

const QString post = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c");

// A GET .../live in flight, answered whenever the server decides.
class LiveRequest
{
public:
    LiveRequest(const QUrl &base, const QByteArray &token, qint64 blog, const QByteArray &query)
    {
        QUrl url = base;
        url.setPath(QStringLiteral("/api/v1/blogs/%1/live").arg(blog));
        url.setQuery(QString::fromLatin1(query));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + token);
        request.setTransferTimeout(60'000);
        m_reply = m_network.get(request);
        m_finished = std::make_unique<QSignalSpy>(m_reply, &QNetworkReply::finished);
    }
    ~LiveRequest() { delete m_reply; }

    bool isFinished() const { return m_reply->isFinished(); }
    bool wait(int ms) { return isFinished() || m_finished->wait(ms); }
    int status() const
    {
        return m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
    QByteArray body() { return m_body.isEmpty() ? (m_body = m_reply->readAll()) : m_body; }
    protocol::LiveState state()
    {
        const auto decoded = protocol::decodeLiveState(body());
        return decoded ? *decoded : protocol::LiveState{-1, {}, {}};
    }
    void abort() { m_reply->abort(); }

private:
    QNetworkAccessManager m_network;
    QNetworkReply *m_reply = nullptr;
    std::unique_ptr<QSignalSpy> m_finished;
    QByteArray m_body;
};

protocol::LiveState stateOf(ApiClient &client, qint64 blog)
{
    const ApiReply reply = client.send("GET", QStringLiteral("/api/v1/blogs/%1/live").arg(blog));
    const auto decoded = protocol::decodeLiveState(reply.body);
    return decoded ? *decoded : protocol::LiveState{-1, {}, {}};
}

QByteArray waitQuery(const protocol::LiveState &state, int timeout)
{
    return "rev=" + QByteArray::number(state.rev) + "&presence=" + state.presenceToken.toUtf8()
            + "&timeout=" + QByteArray::number(timeout);
}

int presencePut(ApiClient &client, qint64 blog, const QString &guid)
{
    return client
            .send("PUT", QStringLiteral("/api/v1/blogs/%1/presence").arg(blog),
                  protocol::encode(protocol::PresenceUpdate{guid, QStringLiteral("editing")}))
            .status;
}

bool push(ApiClient &client, qint64 blog, const QString &title)
{
    protocol::SyncRequest request;
    request.changes.append(makeChange(post, 0, title));
    return bool(client.sync(blog, request));
}

// Runs one query on the servers' PostgreSQL database and returns its first value (-1 on error).
int queryPostgres(const QString &databaseUrl, const QString &statement)
{
    const QString name = QStringLiteral("live-test");
    int value = -1;
    {
        const QUrl url(databaseUrl);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        QSqlQuery query(db);
        if (db.open() && query.exec(statement) && query.next())
            value = query.value(0).toInt();
        else
            qWarning("%s", qPrintable(db.lastError().text() + query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

// The server processes' connections that LISTEN for each other, in this database.
QString listenersWhere()
{
    return QStringLiteral(" FROM pg_stat_activity WHERE datname = current_database()"
                          " AND query = 'LISTEN inkwell_blog'");
}

} // namespace

class tst_ServerLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parkedRequestAnswersAfterAPush();
    void presenceReachesMembersOnlyAndExpires();
    void closingAParkedRequestFreesItsPlace();
    void stoppingTheServerAnswersAtOnce();
    void twoProcessesOnPostgresWakeEachOther();
    void theListenerReconnectsAfterItsConnectionDrops();

private:
    // bob, a second member of the fixture's blog, and eve, who owns another blog.
    std::unique_ptr<ApiClient> member(ServerFixture &fixture, const QString &name)
    {
        const QString password = name + QStringLiteral("pass1");
        if (!fixture.server->addUser(name, password)
            || !fixture.server->addMember(fixture.blogId, name))
            return nullptr;
        return fixture.clientFor(name, password);
    }
};

void tst_ServerLive::parkedRequestAnswersAfterAPush()
{
    std::unique_ptr<ServerFixture> fixture;
    INKWELL_START_FIXTURE(fixture);
    auto bob = member(*fixture, QStringLiteral("bob"));
    QVERIFY(bob);
    const protocol::LiveState before = stateOf(*fixture->client, fixture->blogId);
    QCOMPARE(before.rev, 0);
    LiveRequest parked(fixture->server->baseUrl(), fixture->client->token(), fixture->blogId,
                       waitQuery(before, 30));
    QVERIFY(!parked.wait(300)); // parked: nothing new
    QElapsedTimer pushed;
    pushed.start();
    QVERIFY(push(*bob, fixture->blogId, QStringLiteral("From bob")));
    QVERIFY(parked.wait(10'000));
    qInfo("the parked request answered %lld ms after the push", pushed.elapsed());
    QCOMPARE(parked.status(), 200);
    QCOMPARE(parked.state().rev, 1);
}

void tst_ServerLive::presenceReachesMembersOnlyAndExpires()
{
    std::unique_ptr<ServerFixture> fixture;
    INKWELL_START_FIXTURE(fixture, {QStringLiteral("--presence-ttl"), QStringLiteral("2")});
    auto bob = member(*fixture, QStringLiteral("bob"));
    QVERIFY(bob);
    QVERIFY(fixture->server->addUser(QStringLiteral("eve"), QStringLiteral("evepass123")));
    const qint64 eveBlog = fixture->server->addBlog(QStringLiteral("Eve's"), QStringLiteral("eve"));
    QVERIFY(eveBlog > 0);
    auto eve = fixture->clientFor(QStringLiteral("eve"), QStringLiteral("evepass123"));
    QVERIFY(eve);

    const protocol::LiveState before = stateOf(*fixture->client, fixture->blogId);
    LiveRequest parked(fixture->server->baseUrl(), fixture->client->token(), fixture->blogId,
                       waitQuery(before, 30));
    QVERIFY(!parked.wait(200));
    QCOMPARE(presencePut(*bob, fixture->blogId, post), 204);
    QVERIFY(parked.wait(10'000));
    const protocol::LiveState present = parked.state();
    QCOMPARE(present.presence.size(), 1);
    QCOMPARE(present.presence.at(0).user, QStringLiteral("bob"));
    QCOMPARE(present.presence.at(0).guid, post);

    // Eve, in another blog, neither sees it nor can announce herself there.
    QCOMPARE(eve->send("GET", QStringLiteral("/api/v1/blogs/%1/live").arg(fixture->blogId)).status,
             404);
    QCOMPARE(presencePut(*eve, fixture->blogId, post), 404);
    QCOMPARE(presencePut(*eve, eveBlog, post), 204);
    QVERIFY(stateOf(*eve, eveBlog).presence.isEmpty()); // her own entry is left out
    QCOMPARE(stateOf(*fixture->client, fixture->blogId).presence.size(), 1);

    // Bob drops off without a word: his entry expires and wakes the waiting request.
    LiveRequest expiry(fixture->server->baseUrl(), fixture->client->token(), fixture->blogId,
                       waitQuery(present, 30));
    QVERIFY(expiry.wait(10'000));
    QCOMPARE(expiry.status(), 200);
    QVERIFY(expiry.state().presence.isEmpty());
}

void tst_ServerLive::closingAParkedRequestFreesItsPlace()
{
    std::unique_ptr<ServerFixture> fixture;
    INKWELL_START_FIXTURE(fixture, {QStringLiteral("--max-parked-waiters"), QStringLiteral("1")});
    const protocol::LiveState before = stateOf(*fixture->client, fixture->blogId);
    auto first = std::make_unique<LiveRequest>(fixture->server->baseUrl(), fixture->client->token(),
                                               fixture->blogId, waitQuery(before, 30));
    QVERIFY(!first->wait(300));
    LiveRequest refused(fixture->server->baseUrl(), fixture->client->token(), fixture->blogId,
                        waitQuery(before, 30));
    QVERIFY(refused.wait(10'000));
    QCOMPARE(refused.status(), 503);
    first->abort();
    first.reset();
    // The place is free as soon as the server sees the connection close.
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
        LiveRequest again(fixture->server->baseUrl(), fixture->client->token(), fixture->blogId,
                          waitQuery(before, 1));
        QVERIFY(again.wait(10'000));
        status = again.status();
        QVERIFY(status == 200 || status == 503);
    }
    QCOMPARE(status, 200);
}

void tst_ServerLive::stoppingTheServerAnswersAtOnce()
{
    std::unique_ptr<ServerFixture> fixture;
    INKWELL_START_FIXTURE(fixture);
    const protocol::LiveState before = stateOf(*fixture->client, fixture->blogId);
    LiveRequest parked(fixture->server->baseUrl(), fixture->client->token(), fixture->blogId,
                       waitQuery(before, 55));
    QVERIFY(!parked.wait(300));
    QElapsedTimer stopping;
    stopping.start();
    QVERIFY(fixture->server->stop());
    qInfo("stopped in %lld ms with a request parked for 55 s", stopping.elapsed());
    QVERIFY(stopping.elapsed() < 30'000); // well before the parked request's 55 s
    QVERIFY(parked.wait(5000));
    QCOMPARE(parked.status(), 200);
    QCOMPARE(parked.state().rev, 0);
}

void tst_ServerLive::twoProcessesOnPostgresWakeEachOther()
{
    if (e2eBackend() != ServerLauncher::Backend::Postgres)
        QSKIP("one process on SQLite; runs as tst_serverlive_postgres");
    std::unique_ptr<ServerFixture> fixture;
    INKWELL_START_FIXTURE(fixture);
    auto bob = member(*fixture, QStringLiteral("bob"));
    QVERIFY(bob);
    ServerLauncher second(ServerLauncher::Backend::Postgres);
    second.setDatabaseUrl(fixture->server->databaseUrl());
    QVERIFY2(second.start(), qPrintable(second.errorString()));
    ApiClient aliceThere(second.baseUrl());
    aliceThere.setToken(fixture->client->token());

    // Parked on the second process, woken by a push to the first.
    const protocol::LiveState before = stateOf(aliceThere, fixture->blogId);
    QCOMPARE(before.rev, 0);
    {
        LiveRequest parked(second.baseUrl(), fixture->client->token(), fixture->blogId,
                           waitQuery(before, 30));
        QVERIFY(!parked.wait(300));
        QElapsedTimer pushed;
        pushed.start();
        QVERIFY(push(*bob, fixture->blogId, QStringLiteral("Across processes")));
        QVERIFY2(parked.wait(10'000), "the push did not wake the other process");
        qInfo("woken across processes %lld ms after the push", pushed.elapsed());
        QCOMPARE(parked.state().rev, 1);
    }
    // Presence announced to the first process shows on the second.
    const protocol::LiveState afterPush = stateOf(aliceThere, fixture->blogId);
    LiveRequest parked(second.baseUrl(), fixture->client->token(), fixture->blogId,
                       waitQuery(afterPush, 30));
    QVERIFY(!parked.wait(300));
    QCOMPARE(presencePut(*bob, fixture->blogId, post), 204);
    QVERIFY2(parked.wait(10'000), "the presence did not reach the other process");
    QCOMPARE(parked.state().presence.size(), 1);
    QCOMPARE(parked.state().presence.at(0).user, QStringLiteral("bob"));
    // Equal sets give equal tokens in both processes.
    QCOMPARE(stateOf(*fixture->client, fixture->blogId).presenceToken,
             stateOf(aliceThere, fixture->blogId).presenceToken);
    QVERIFY(second.stop());
}

void tst_ServerLive::theListenerReconnectsAfterItsConnectionDrops()
{
    if (e2eBackend() != ServerLauncher::Backend::Postgres)
        QSKIP("no listener on SQLite; runs as tst_serverlive_postgres");
    std::unique_ptr<ServerFixture> fixture;
    INKWELL_START_FIXTURE(fixture);
    ServerLauncher second(ServerLauncher::Backend::Postgres);
    second.setDatabaseUrl(fixture->server->databaseUrl());
    QVERIFY2(second.start(), qPrintable(second.errorString()));
    const QString url = fixture->server->databaseUrl();
    QTRY_COMPARE_WITH_TIMEOUT(
            queryPostgres(url, QStringLiteral("SELECT count(*)") + listenersWhere()), 2, 10'000);
    // PostgreSQL ends both listening connections (as a restart or a network cut would).
    QCOMPARE(queryPostgres(url,
                           QStringLiteral("SELECT count(pg_terminate_backend(pid))")
                                   + listenersWhere()),
             2);
    QTRY_COMPARE_WITH_TIMEOUT(
            queryPostgres(url, QStringLiteral("SELECT count(*)") + listenersWhere()), 2, 15'000);
    // Listening again: a push on the first process wakes a request parked on the second.
    ApiClient aliceThere(second.baseUrl());
    aliceThere.setToken(fixture->client->token());
    const protocol::LiveState before = stateOf(aliceThere, fixture->blogId);
    LiveRequest parked(second.baseUrl(), fixture->client->token(), fixture->blogId,
                       waitQuery(before, 30));
    QVERIFY(!parked.wait(300));
    QVERIFY(push(*fixture->client, fixture->blogId, QStringLiteral("After the reconnect")));
    QVERIFY2(parked.wait(10'000), "the push did not wake the other process after the reconnect");
    QCOMPARE(parked.state().rev, before.rev + 1);
    QVERIFY(second.stop());
}

QTEST_GUILESS_MAIN(tst_ServerLive)
#include "tst_serverlive.moc"
