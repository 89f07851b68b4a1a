// End-to-end: the command line of inkwell-server, its output and its documented exit codes.
#include "apiclient.h"
#include "support/serverlauncher.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace inkwell;
using namespace inkwell::test;
using CliResult = ServerLauncher::CliResult;

namespace {

// Runs the binary without the launcher's --database (for --help, --version, bad databases).
CliResult runBare(const QStringList &arguments)
{
    QProcess process;
    process.start(ServerLauncher::serverBinary(), arguments);
    process.closeWriteChannel();
    CliResult result;
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.standardOutput = process.readAllStandardOutput();
    result.standardError = process.readAllStandardError();
    return result;
}

} // namespace

class TestServerCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp();
    void adminCommandsReportTheirOutcome();
    void badUsageExitsWith2_data();
    void badUsageExitsWith2();
    void unusableDatabaseExitsWith3();
    void busyListenAddressExitsWith4();
    void pageBytesFlagBoundsPullPages();
    void configFileSetsWhatFlagsDoNot();
    void badConfigFileExitsWith2AndNamesTheLine_data();
    void badConfigFileExitsWith2AndNamesTheLine();
    void backupWritesACopyWithAnotherEpoch();
    void restoredGivesTheLiveDatabaseANewEpoch();
    void backupOfPostgresPointsToPgDump();
    void sigtermAndSigintExitWith0_data();
    void sigtermAndSigintExitWith0();
    void openFileLimitIsRaisedAndATooLowOneIsNamed();
};

void TestServerCli::versionAndHelp()
{
    const CliResult version = runBare({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.standardOutput.startsWith("inkwell-server "));
    const CliResult help = runBare({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char *expected : {"serve", "user add", "blog add", "member add", "token revoke",
                                 "--database", "--max-body-bytes", "--max-page-bytes",
                                 "--trust-forwarded-for", "--config", "Exit codes"})
        QVERIFY2(help.standardOutput.contains(expected), expected);
}

void TestServerCli::adminCommandsReportTheirOutcome()
{
    ServerLauncher server;
    QCOMPARE(server.runCli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ann")},
                           "long-enough-pw\n")
                     .exitCode,
             0);
    // Taken name, unknown owner, unknown member, unknown blog: refused with 1.
    const CliResult taken =
            server.runCli({QStringLiteral("user"), QStringLiteral("add"), QStringLiteral("ann")},
                          "another-pw-1\n");
    QCOMPARE(taken.exitCode, 1);
    QVERIFY(!taken.standardError.isEmpty());
    QVERIFY(!taken.standardError.contains("another-pw-1"));
    QCOMPARE(server.addBlog(QStringLiteral("Notes"), QStringLiteral("nobody")), qint64(-1));
    const qint64 blog = server.addBlog(QStringLiteral("Notes"), QStringLiteral("ann"));
    QVERIFY(blog > 0);
    QCOMPARE(server.addBlog(QStringLiteral("More"), QStringLiteral("ann")), blog + 1);
    QCOMPARE(server.runCli({QStringLiteral("member"), QStringLiteral("add"), QString::number(blog),
                            QStringLiteral("nobody")})
                     .exitCode,
             1);
    QCOMPARE(server.runCli({QStringLiteral("member"), QStringLiteral("add"), QStringLiteral("9999"),
                            QStringLiteral("ann")})
                     .exitCode,
             1);
    QVERIFY(server.revokeTokens(QStringLiteral("ann")));
    QCOMPARE(server.runCli({QStringLiteral("token"), QStringLiteral("revoke"),
                            QStringLiteral("nobody")})
                     .exitCode,
             1);
}

void TestServerCli::badUsageExitsWith2_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::newRow("no command") << QStringList() << QByteArray();
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QByteArray();
    QTest::newRow("unknown option")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--frob")} << QByteArray();
    QTest::newRow("user add without name")
            << QStringList{QStringLiteral("user"), QStringLiteral("add")} << QByteArray("pw\n");
    QTest::newRow("no password") << QStringList{QStringLiteral("user"), QStringLiteral("add"),
                                                QStringLiteral("bo")}
                                 << QByteArray();
    QTest::newRow("blog add without owner")
            << QStringList{QStringLiteral("blog"), QStringLiteral("add"), QStringLiteral("B")}
            << QByteArray();
    QTest::newRow("member add with a name for a blog")
            << QStringList{QStringLiteral("member"), QStringLiteral("add"), QStringLiteral("B"),
                           QStringLiteral("ann")}
            << QByteArray();
    QTest::newRow("bad listen address")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--listen"),
                           QStringLiteral("localhost")}
            << QByteArray();
    QTest::newRow("zero page bytes")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--max-page-bytes"),
                           QStringLiteral("0")}
            << QByteArray();
    QTest::newRow("zero op retention")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--op-retention-days"),
                           QStringLiteral("0")}
            << QByteArray();
    QTest::newRow("value for a switch")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--trust-forwarded-for=yes")}
            << QByteArray();
    QTest::newRow("backup without path") << QStringList{QStringLiteral("backup")} << QByteArray();
    QTest::newRow("backup with two paths")
            << QStringList{QStringLiteral("backup"), QStringLiteral("a"), QStringLiteral("b")}
            << QByteArray();
    QTest::newRow("restored with an argument")
            << QStringList{QStringLiteral("restored"), QStringLiteral("now")} << QByteArray();
    QTest::newRow("negative limit")
            << QStringList{QStringLiteral("serve"), QStringLiteral("--max-body-bytes"),
                           QStringLiteral("-5")}
            << QByteArray();
}

void TestServerCli::badUsageExitsWith2()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    ServerLauncher server;
    const CliResult result = server.runCli(arguments, input);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.standardError.contains("inkwell-server: ")); // after any log lines
}

void TestServerCli::unusableDatabaseExitsWith3()
{
    TempDir dir;
    const QString notADatabase = dir.filePath(QStringLiteral("garbage.sqlite"));
    QFile file(notADatabase);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(8192, 'x'));
    file.close();
    for (const QString &url : {QString(QStringLiteral("sqlite:") + notADatabase),
                               QStringLiteral("postgresql://nobody@127.0.0.1:1/none")}) {
        const CliResult result =
                runBare({QStringLiteral("serve"), QStringLiteral("--database"), url,
                         QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY2(result.exitCode == 3, qPrintable(url));
        QVERIFY(!result.standardOutput.contains("listening on"));
    }
}

void TestServerCli::busyListenAddressExitsWith4()
{
    QTcpServer occupant;
    QVERIFY(occupant.listen(QHostAddress::LocalHost));
    TempDir dir;
    const CliResult result =
            runBare({QStringLiteral("serve"), QStringLiteral("--database"),
                     QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("db.sqlite")),
                     QStringLiteral("--listen"),
                     QStringLiteral("127.0.0.1:%1").arg(occupant.serverPort())});
    QCOMPARE(result.exitCode, 4);
    QVERIFY(result.standardError.contains("cannot listen"));
}

// Adds ann with a blog holding three posts of 2000 bytes each, served once with the default
// settings to push them; the blog id, or -1. The server is stopped again.
qint64 annsBlogOfThreeLongPosts(ServerLauncher &server)
{
    if (!server.addUser(QStringLiteral("ann"), QStringLiteral("a long password")))
        return -1;
    const qint64 blog = server.addBlog(QStringLiteral("B"), QStringLiteral("ann"));
    if (blog <= 0 || !server.start())
        return -1;
    ApiClient client(server.baseUrl());
    if (!client.login(QStringLiteral("ann"), QStringLiteral("a long password")))
        return -1;
    protocol::SyncRequest push;
    for (int i = 0; i < 3; ++i)
        push.changes.append(
                makeChange(newGuid(), 0, QStringLiteral("Post %1").arg(i), QString(2000, u'x')));
    return client.sync(blog, push) && server.stop() ? blog : -1;
}

// The first pull page of blog as ann sees it (a failed login fails the pull too).
Result<protocol::SyncResponse> firstPage(ServerLauncher &server, qint64 blog)
{
    ApiClient client(server.baseUrl());
    client.login(QStringLiteral("ann"), QStringLiteral("a long password"));
    return client.sync(blog, protocol::SyncRequest{});
}

void TestServerCli::pageBytesFlagBoundsPullPages()
{
    ServerLauncher server;
    QVERIFY(server.isAvailable());
    const qint64 blog = annsBlogOfThreeLongPosts(server);
    QVERIFY(blog > 0);
    // Both flags are accepted by serve; the page limit shows in every pull.
    server.setServeArguments({QStringLiteral("--max-page-bytes"), QStringLiteral("3000"),
                              QStringLiteral("--trust-forwarded-for")});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    const Result<protocol::SyncResponse> page = firstPage(server, blog);
    QVERIFY(page);
    QCOMPARE(page->changes.size(), 1);
    QVERIFY(page->more);
    QVERIFY(server.stop());
}

// Writes a configuration file in dir; its path.
QString writeConfig(const TempDir &dir, const QByteArray &text)
{
    const QString path = dir.filePath(QStringLiteral("server.conf"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
        return {};
    return path;
}

// How many changes the first pull of blog returns; -1 when it fails.
qsizetype firstPageSize(ServerLauncher &server, qint64 blog)
{
    const Result<protocol::SyncResponse> page = firstPage(server, blog);
    return page ? page->changes.size() : -1;
}

void TestServerCli::configFileSetsWhatFlagsDoNot()
{
    ServerLauncher server;
    QVERIFY(server.isAvailable());
    const qint64 blog = annsBlogOfThreeLongPosts(server);
    QVERIFY(blog > 0);

    TempDir dir;
    const QString config = writeConfig(dir,
                                       "# comments and blank lines are skipped\n"
                                       "\n"
                                       "  max-page-bytes=3000  \n"
                                       "trust-forwarded-for = true\n"
                                       "workers = 2\n");
    QVERIFY(!config.isEmpty());
    server.setServeArguments({QStringLiteral("--config"), config});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(firstPageSize(server, blog), 1); // the file's value
    QVERIFY(server.stop());

    server.setServeArguments({QStringLiteral("--config"), config,
                              QStringLiteral("--max-page-bytes"), QStringLiteral("1000000")});
    QVERIFY2(server.start(), qPrintable(server.errorString()));
    QCOMPARE(firstPageSize(server, blog), 3); // the flag wins
    QVERIFY(server.stop());

    // Admin commands read it too: the file's database is the one they use.
    TempDir other;
    const QString database = other.filePath(QStringLiteral("from-config.sqlite"));
    const QString adminConfig =
            writeConfig(other, QByteArray("database = sqlite:") + database.toUtf8() + "\n");
    const CliResult renewed =
            runBare({QStringLiteral("--config"), adminConfig, QStringLiteral("restored")});
    QVERIFY2(renewed.exitCode == 0, renewed.standardError.constData());
    QVERIFY(QFile::exists(database));
}

void TestServerCli::badConfigFileExitsWith2AndNamesTheLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("unknown key") << QByteArray("# settings\nworkers = 2\nmax-frobs = 3\n")
                                 << QByteArray("server.conf:3: unknown key \"max-frobs\"");
    QTest::newRow("not a setting")
            << QByteArray("listen 127.0.0.1:8080\n") << QByteArray("server.conf:1: expected");
    QTest::newRow("config in the config")
            << QByteArray("\nconfig = other.conf\n") << QByteArray("server.conf:2: unknown key");
    QTest::newRow("owner is no setting")
            << QByteArray("owner = ann\n") << QByteArray("server.conf:1: unknown key");
    QTest::newRow("switch with a value")
            << QByteArray("trust-forwarded-for = yes\n")
            << QByteArray("server.conf:1: \"trust-forwarded-for\" wants true or false");
    QTest::newRow("set twice") << QByteArray("workers = 2\nworkers = 3\n")
                               << QByteArray("server.conf:2: \"workers\" is set twice");
    QTest::newRow("no value") << QByteArray("listen =\n")
                              << QByteArray("server.conf:1: \"listen\" wants a value");
    QTest::newRow("bad number") << QByteArray("max-body-bytes = lots\n")
                                << QByteArray("--max-body-bytes wants a positive number");
    QTest::newRow("missing file") << QByteArray() << QByteArray("cannot read the configuration");
}

void TestServerCli::badConfigFileExitsWith2AndNamesTheLine()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    TempDir dir;
    const QString config =
            text.isEmpty() ? dir.filePath(QStringLiteral("missing.conf")) : writeConfig(dir, text);
    QVERIFY(!config.isEmpty());
    const CliResult result =
            runBare({QStringLiteral("--config"), config, QStringLiteral("serve"),
                     QStringLiteral("--database"),
                     QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("db.sqlite")),
                     QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.standardError.contains(expected), result.standardError.constData());
    QVERIFY(!result.standardOutput.contains("listening on"));
}

// Adds the account "ann" owning a blog, starts the server and logs ann in: the blog id, or -1.
qint64 serveAnnsBlog(ServerLauncher &server, std::unique_ptr<ApiClient> *client)
{
    const QString password = QStringLiteral("a long password");
    if (!server.addUser(QStringLiteral("ann"), password))
        return -1;
    const qint64 blog = server.addBlog(QStringLiteral("B"), QStringLiteral("ann"));
    if (blog <= 0 || !server.start())
        return -1;
    *client = std::make_unique<ApiClient>(server.baseUrl());
    return (*client)->login(QStringLiteral("ann"), password) ? blog : -1;
}

// The epoch the running server puts in its sync answers.
QString epochOf(ApiClient &client, qint64 blog)
{
    const Result<protocol::SyncResponse> answer = client.sync(blog, protocol::SyncRequest{});
    return answer ? answer->epoch : QString();
}

void TestServerCli::backupWritesACopyWithAnotherEpoch()
{
    ServerLauncher server;
    std::unique_ptr<ApiClient> ann;
    const qint64 blog = serveAnnsBlog(server, &ann);
    QVERIFY2(blog > 0, qPrintable(server.errorString()));
    ApiClient &client = *ann;
    protocol::SyncRequest push;
    push.changes.append(makeChange(newGuid(), 0, QStringLiteral("In the backup")));
    QVERIFY(client.sync(blog, push));
    const QString live = epochOf(client, blog);
    QCOMPARE(live.size(), 32);

    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("backup.sqlite"));
    const CliResult backup = server.runCli({QStringLiteral("backup"), path}); // while serving
    QVERIFY2(backup.exitCode == 0, backup.standardError.constData());
    QVERIFY(backup.standardOutput.contains(path.toUtf8()));
    QVERIFY(!backup.standardOutput.contains(live.toUtf8()));
    QCOMPARE(epochOf(client, blog), live); // the live database keeps its identity
    const CliResult again = server.runCli({QStringLiteral("backup"), path});
    QCOMPARE(again.exitCode, 1); // never overwrites
    QVERIFY(again.standardError.contains("already exists"));
    QVERIFY(server.stop());

    // Served, the copy has the data and another epoch: clients notice the restore.
    ServerLauncher restored;
    restored.setDatabaseUrl(QStringLiteral("sqlite:") + path);
    QVERIFY2(restored.start(), qPrintable(restored.errorString()));
    ApiClient other(restored.baseUrl());
    QVERIFY(other.login(QStringLiteral("ann"), QStringLiteral("a long password")));
    const auto all = other.pullAll(blog);
    QVERIFY(all);
    QCOMPARE(all->size(), 1);
    const QString copied = epochOf(other, blog);
    QCOMPARE(copied.size(), 32);
    QVERIFY(copied != live);
    QVERIFY(backup.standardOutput.contains(copied.toUtf8()));
    protocol::SyncRequest stale;
    stale.epoch = live;
    QVERIFY(!other.sync(blog, stale));
    QCOMPARE(other.lastReply().status, 409);
    QCOMPARE(other.lastReply().errorCode(), QStringLiteral("resync-required"));
    QVERIFY(restored.stop());
}

void TestServerCli::restoredGivesTheLiveDatabaseANewEpoch()
{
    ServerLauncher server;
    std::unique_ptr<ApiClient> ann;
    const qint64 blog = serveAnnsBlog(server, &ann);
    QVERIFY2(blog > 0, qPrintable(server.errorString()));
    ApiClient &client = *ann;
    const QString before = epochOf(client, blog);
    const CliResult restored = server.runCli({QStringLiteral("restored")});
    QVERIFY2(restored.exitCode == 0, restored.standardError.constData());
    const QString after = epochOf(client, blog);
    QCOMPARE(after.size(), 32);
    QVERIFY(after != before);
    QVERIFY(restored.standardOutput.contains(after.toUtf8()));
    QVERIFY(server.stop());
}

void TestServerCli::backupOfPostgresPointsToPgDump()
{
    ServerLauncher server(ServerLauncher::Backend::Postgres);
    if (!server.isAvailable()) {
        if (postgresRequired())
            QFAIL(qPrintable(server.errorString()));
        QSKIP(qPrintable(server.errorString()));
    }
    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("backup.sqlite"));
    const CliResult backup = server.runCli({QStringLiteral("backup"), path});
    QCOMPARE(backup.exitCode, 1);
    QVERIFY(backup.standardError.contains("pg_dump"));
    QVERIFY(backup.standardError.contains("restored"));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(server.runCli({QStringLiteral("restored")}).exitCode, 0);
}

void TestServerCli::sigtermAndSigintExitWith0_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << SIGTERM;
    QTest::newRow("SIGINT") << SIGINT;
}

void TestServerCli::sigtermAndSigintExitWith0()
{
    QFETCH(int, signal);
    TempDir dir;
    QProcess process;
    process.start(ServerLauncher::serverBinary(),
                  {QStringLiteral("serve"), QStringLiteral("--database"),
                   QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("db.sqlite")),
                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QVERIFY(process.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 30000);
    QVERIFY(process.readLine().startsWith("listening on 127.0.0.1:"));
    ::kill(pid_t(process.processId()), signal);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
}

// Started with a soft limit of 256 open files under a hard one of 1024 (prlimit, util-linux):
// the server raises the soft limit to the hard one itself, and says that 1024 is too few for
// its default --max-connections (4096) rather than failing later under load.
void TestServerCli::openFileLimitIsRaisedAndATooLowOneIsNamed()
{
    TempDir dir;
    QProcess process;
    process.start(QStringLiteral("prlimit"),
                  {QStringLiteral("--nofile=256:1024"), ServerLauncher::serverBinary(),
                   QStringLiteral("serve"), QStringLiteral("--database"),
                   QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("db.sqlite")),
                   QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    QVERIFY2(process.waitForStarted(), qPrintable(process.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 30000);
    QVERIFY(process.readLine().startsWith("listening on 127.0.0.1:"));
    // prlimit execs the server: the process is the server.
    QFile limits(QStringLiteral("/proc/%1/limits").arg(process.processId()));
    QVERIFY(limits.open(QIODevice::ReadOnly));
    const QByteArray all = limits.readAll();
    const QByteArray line = all.mid(all.indexOf("Max open files"));
    const QList<QByteArray> words = line.left(line.indexOf('\n')).simplified().split(' ');
    QVERIFY2(words.size() >= 5, line.constData());
    QCOMPARE(words.at(3), QByteArray("1024")); // soft, raised from 256
    QCOMPARE(words.at(4), QByteArray("1024")); // hard
    const QByteArray errors = process.readAllStandardError();
    QVERIFY2(errors.contains("open 1024 files") && errors.contains("--max-connections 4096"),
             errors.constData());
    ::kill(pid_t(process.processId()), SIGTERM);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_servercli.moc"
