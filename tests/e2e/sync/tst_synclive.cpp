// Live updates end to end against the real server: a change one client syncs reaches another
// client's store without a sync being asked for, also when the two talk to different server
// processes on one PostgreSQL database; `inkwell-cli watch` prints it, and keeps watching across
// a server restart.
#include "clirunner.h"
#include "replica.h"

#include "e2e/server/apiclient.h"
#include "net/threadedtransport.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "sync/synccontroller.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace inkwell;
using namespace inkwell::test;
using namespace std::chrono_literals;

namespace {

constexpr int kArrivalTimeoutMs = 10000; // generous: the benchmark measures the real latency

model::PostFields fields(const QString &title)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = QStringLiteral("Body of ") + title;
    return fields;
}

QString titleOf(store::LocalStore &store, const QString &guid)
{
    auto post = store.posts().post(guid);
    return post ? post->fields.title : QString();
}

// An editor-like client: the SyncController (engine and live channel on the worker thread).
struct LiveClient
{
    TempDir dir;
    store::LocalStore store{dir.filePath(QStringLiteral("live.db"))};
    sync::SyncController controller{&store,
                                    [] { return std::make_unique<net::ThreadedTransport>(); }};

    bool start(const QUrl &server, const QString &token, qint64 blog)
    {
        if (!store.open())
            return false;
        controller.setLiveUpdates(sync::SyncController::LiveUpdates::On);
        controller.setAccount({server, token, {blog}});
        return QTest::qWaitFor(
                [&] { return controller.liveState() == sync::LiveChannel::State::Connected; },
                10000);
    }
};

// A running `inkwell-cli watch`, its stdout read line by line.
class Watcher
{
public:
    bool start(const QString &profile, const QStringList &extra = {})
    {
        m_process.start(cliBinary(),
                        QStringList{QStringLiteral("--profile"), profile} + extra
                                + QStringList{QStringLiteral("watch")});
        if (!m_process.waitForStarted(10000))
            return false;
        return QTest::qWaitFor(
                [&] {
                    m_err += m_process.readAllStandardError();
                    return m_err.contains("watching");
                },
                20000);
    }

    // The next line of stdout (bounded wait), empty when none came.
    QByteArray nextLine(int timeoutMs = kArrivalTimeoutMs)
    {
        if (!QTest::qWaitFor([&] { return m_process.canReadLine(); }, timeoutMs))
            return {};
        return m_process.readLine().trimmed();
    }

    // Sends signal and returns the exit code (-1 on a crash or no exit).
    int stop(int signal)
    {
        ::kill(pid_t(m_process.processId()), signal);
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished();
            return -1;
        }
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    // The exit code once the process ended by itself (bounded wait), -1 otherwise.
    int exitCode(int timeoutMs)
    {
        // waitForFinished() is false for a process that already ended.
        if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(timeoutMs))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    QByteArray errors() { return m_err + m_process.readAllStandardError(); }

private:
    QProcess m_process;
    QByteArray m_err;
};

} // namespace

class TestSyncLive : public QObject
{
    Q_OBJECT

private:
    struct Server
    {
        std::unique_ptr<ServerLauncher> launcher;
        qint64 blog = 0;
        QString aliceToken;
        QString bobToken;
    };

    // A server with alice and bob, both members of one blog.
    static bool startServer(Server &server, ServerLauncher::Backend backend)
    {
        server.launcher = std::make_unique<ServerLauncher>(backend);
        if (!server.launcher->isAvailable() || !server.launcher->start())
            return false;
        server.launcher->addUser(QStringLiteral("alice"), QStringLiteral("password"));
        server.launcher->addUser(QStringLiteral("bob"), QStringLiteral("password"));
        server.blog = server.launcher->addBlog(QStringLiteral("Team"), QStringLiteral("alice"));
        server.launcher->addMember(server.blog, QStringLiteral("bob"));
        ApiClient alice(server.launcher->baseUrl());
        ApiClient bob(server.launcher->baseUrl());
        if (!alice.login(QStringLiteral("alice"), QStringLiteral("password"))
            || !bob.login(QStringLiteral("bob"), QStringLiteral("password")))
            return false;
        server.aliceToken = QString::fromLatin1(alice.token());
        server.bobToken = QString::fromLatin1(bob.token());
        return server.blog > 0;
    }

    TempDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(!cliBinary().isEmpty(), "INKWELL_CLI_BINARY is not set"); }

    void changeArrivesWithoutASync()
    {
        Server server;
        QVERIFY2(startServer(server, ServerLauncher::Backend::Sqlite),
                 qPrintable(server.launcher->errorString()));
        LiveClient bob;
        QVERIFY2(bob.start(server.launcher->baseUrl(), server.bobToken, server.blog),
                 qPrintable(server.launcher->serverLog()));
        Replica alice(m_dir.filePath(QStringLiteral("alice1.db")), server.launcher->baseUrl(),
                      server.aliceToken, server.blog);

        const QString guid = alice.create(fields(QStringLiteral("Hello Bob"))).guid;
        QVERIFY(alice.sync());
        QTRY_COMPARE_WITH_TIMEOUT(titleOf(bob.store, guid), QStringLiteral("Hello Bob"),
                                  kArrivalTimeoutMs);

        // And an edit after it, through the same parked poll.
        alice.edit(guid,
                   [](model::PostFields &fields) { fields.title = QStringLiteral("Edited"); });
        QVERIFY(alice.sync());
        QTRY_COMPARE_WITH_TIMEOUT(titleOf(bob.store, guid), QStringLiteral("Edited"),
                                  kArrivalTimeoutMs);
    }

    // The wake-up travels from one server process to the other (LISTEN/NOTIFY).
    void changeArrivesAcrossTwoServerProcesses()
    {
        Server server;
        if (!startServer(server, ServerLauncher::Backend::Postgres)) {
            if (!postgresRequired() && postgresAdminUrl().isEmpty())
                QSKIP("PostgreSQL not configured (run under scripts/test-env.sh)");
            QFAIL(qPrintable(server.launcher->errorString()));
        }
        ServerLauncher second(ServerLauncher::Backend::Sqlite);
        second.setDatabaseUrl(server.launcher->databaseUrl());
        QVERIFY2(second.start(), qPrintable(second.errorString()));

        LiveClient bob;
        QVERIFY(bob.start(second.baseUrl(), server.bobToken, server.blog));
        Replica alice(m_dir.filePath(QStringLiteral("alice2.db")), server.launcher->baseUrl(),
                      server.aliceToken, server.blog);
        const QString guid = alice.create(fields(QStringLiteral("Across"))).guid;
        QVERIFY(alice.sync());
        QTRY_COMPARE_WITH_TIMEOUT(titleOf(bob.store, guid), QStringLiteral("Across"),
                                  kArrivalTimeoutMs);
    }

    void watchPrintsEachArrivingChange()
    {
        Server server;
        QVERIFY2(startServer(server, ServerLauncher::Backend::Sqlite),
                 qPrintable(server.launcher->errorString()));
        const QString profile = m_dir.filePath(QStringLiteral("watch-json"));
        signInProfile(profile, server.launcher->baseUrl().toString(), QStringLiteral("bob"));
        Watcher watch;
        QVERIFY(watch.start(profile, {QStringLiteral("--json")}));

        Replica alice(m_dir.filePath(QStringLiteral("alice3.db")), server.launcher->baseUrl(),
                      server.aliceToken, server.blog);
        const auto post = alice.create(fields(QStringLiteral("For the script")));
        QVERIFY(alice.sync());
        const QByteArray line = watch.nextLine();
        QVERIFY2(!line.isEmpty(), watch.errors().constData());
        const QJsonObject json = QJsonDocument::fromJson(line).object();
        QCOMPARE(json.value(QStringLiteral("guid")).toString(), post.guid);
        QCOMPARE(json.value(QStringLiteral("title")).toString(), QStringLiteral("For the script"));
        QCOMPARE(json.value(QStringLiteral("rev")).toInteger(), alice.post(post.guid).rev);
        // Applied, not only printed: the profile's store has it without a sync.
        const CliRun show = runCli(profile, {QStringLiteral("show"), post.guid});
        QCOMPARE(show.exitCode, 0);
        QCOMPARE(watch.stop(SIGINT), 0);
    }

    void watchReconnectsAfterAServerRestart()
    {
        Server server;
        QVERIFY2(startServer(server, ServerLauncher::Backend::Sqlite),
                 qPrintable(server.launcher->errorString()));
        const QUrl url = server.launcher->baseUrl();
        const QString profile = m_dir.filePath(QStringLiteral("watch-text"));
        signInProfile(profile, url.toString(), QStringLiteral("bob"));
        Watcher watch;
        QVERIFY(watch.start(profile));

        QVERIFY(server.launcher->stop());
        server.launcher->setServeArguments(
                {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(url.port())});
        QVERIFY2(server.launcher->start(), qPrintable(server.launcher->errorString()));
        // Sessions live in the database: the tokens still hold after the restart.
        Replica alice(m_dir.filePath(QStringLiteral("alice4.db")), url, server.aliceToken,
                      server.blog);
        const auto post = alice.create(fields(QStringLiteral("After the restart")));
        QVERIFY(alice.sync());
        const QByteArray line = watch.nextLine(30000); // the reconnect backs off first
        QVERIFY2(!line.isEmpty(), watch.errors().constData());
        QCOMPARE(line,
                 QByteArray::number(alice.post(post.guid).rev) + ' ' + post.guid.toUtf8()
                         + " After the restart");
        QCOMPARE(watch.stop(SIGTERM), 0);
    }

    void watchEndsWhenTheSessionIsRevoked()
    {
        Server server;
        QVERIFY2(startServer(server, ServerLauncher::Backend::Sqlite),
                 qPrintable(server.launcher->errorString()));
        const QString profile = m_dir.filePath(QStringLiteral("watch-revoked"));
        signInProfile(profile, server.launcher->baseUrl().toString(), QStringLiteral("bob"));
        Watcher watch;
        QVERIFY(watch.start(profile));
        QVERIFY(server.launcher->revokeTokens(QStringLiteral("bob")));
        // The next change wakes the watch; its run is refused and the watch says why.
        Replica alice(m_dir.filePath(QStringLiteral("alice5.db")), server.launcher->baseUrl(),
                      server.aliceToken, server.blog);
        alice.create(fields(QStringLiteral("Unseen")));
        QVERIFY(alice.sync());
        QCOMPARE(watch.exitCode(30000), 4);
        QVERIFY(watch.errors().contains("sign in again"));
    }
};

QTEST_GUILESS_MAIN(TestSyncLive)
#include "tst_synclive.moc"
