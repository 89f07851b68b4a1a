// inkwell-cli end to end against the real server: sign-in with an owner-only token file, the
// post commands, sync between two profiles, conflicts and resolve, and the documented exit codes.
#include "clirunner.h"

#include "support/credentialtestutil.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include "net/keychaincredentialstore.h"
#include "net/keyringcachedcredentialstore.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/searchindexer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class TestSyncCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerLauncher> m_server;
    TempDir m_dir;
    int m_profiles = 0;

    QString signedInProfile(const QString &user)
    {
        const QString profile = m_dir.filePath(QStringLiteral("p%1").arg(++m_profiles));
        signInProfile(profile, m_server->baseUrl().toString(), user);
        return profile;
    }

    static QJsonObject json(const CliRun &run) { return QJsonDocument::fromJson(run.out).object(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!cliBinary().isEmpty(), "INKWELL_CLI_BINARY is not set");
        m_server = std::make_unique<ServerLauncher>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(m_server->addUser(QStringLiteral("alice"), QStringLiteral("password")));
        QVERIFY(m_server->addUser(QStringLiteral("bob"), QStringLiteral("password")));
        const qint64 blog = m_server->addBlog(QStringLiteral("Notes"), QStringLiteral("alice"));
        QVERIFY(m_server->addMember(blog, QStringLiteral("bob")));
    }

    void versionAndHelpExitWith0()
    {
        const CliRun version =
                runCli(m_dir.filePath(QStringLiteral("none")), {QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("inkwell-cli "));
        const CliRun help =
                runCli(m_dir.filePath(QStringLiteral("none")), {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--version"));
        QVERIFY(help.out.contains("Exit codes"));
    }

    void loginKeepsTheTokenInAnOwnerOnlyFileWithAWarning()
    {
        const QString profile = m_dir.filePath(QStringLiteral("login"));
        const CliRun login =
                runCli(profile,
                       {QStringLiteral("login"), m_server->baseUrl().toString(),
                        QStringLiteral("alice"), QStringLiteral("--insecure-token-file")},
                       "password\n");
        QCOMPARE(login.exitCode, 0);
        QVERIFY(login.err.contains("warning"));
        QVERIFY(!login.out.contains("password") && !login.err.contains("password"));
        const QFileInfo token(profile + QStringLiteral("/token.json"));
        QVERIFY(token.exists());
        QCOMPARE(token.permissions()
                         & ~(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser
                             | QFile::WriteUser),
                 QFile::Permissions());
        const CliRun blogs = runCli(profile, {QStringLiteral("--json"), QStringLiteral("blogs")});
        QCOMPARE(blogs.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(blogs.out).array().size(), 1);
    }

    // Needs the Secret Service of scripts/test-env.sh (a D-Bus session with gnome-keyring).
    void loginKeepsTheTokenInTheKeychainByDefault()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no D-Bus session: run inside scripts/test-env.sh");
        const QString profile = m_dir.filePath(QStringLiteral("keychain"));
        const CliRun login = runCli(
                profile,
                {QStringLiteral("login"), m_server->baseUrl().toString(), QStringLiteral("alice")},
                "password\n");
        QVERIFY2(login.exitCode == 0, login.err.constData());
        QVERIFY(!QFileInfo::exists(profile + QStringLiteral("/token.json")));
        QCOMPARE(runCli(profile, {QStringLiteral("sync")}).exitCode, 0);
    }

    // After a login, the kernel keyring holds a copy of the token for a while: the commands that
    // follow do not ask the keychain. A token the server refuses drops the copy, so the next
    // command reads the keychain again.
    void theKernelsCopySignsTheNextCommandsIn()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("no D-Bus session: run inside scripts/test-env.sh");
        if (!net::KeyringCachedCredentialStore::isAvailable())
            QSKIP("the kernel keeps no keys for this process (a container's seccomp filter?)");
        const QString service = QStringLiteral("Inkwell CLI");
        const QUrl server = m_server->baseUrl();
        const QString user = QStringLiteral("bob");
        const QString profile = m_dir.filePath(QStringLiteral("kernel-copy"));
        const CliRun login =
                runCli(profile, {QStringLiteral("login"), server.toString(), user}, "password\n");
        QVERIFY2(login.exitCode == 0, login.err.constData());

        net::KeychainCredentialStore keychain(service);
        const auto token = readNow(keychain, server, user, this);
        QVERIFY(token && token->hasValue());
        // The keychain's entry goes behind the CLI's back: the copy still signs it in.
        QVERIFY(removeNow(keychain, server, user, this)->hasValue());
        QCOMPARE(runCli(profile, {QStringLiteral("sync")}).exitCode, 0);
        // Without the copy (INKWELL_TOKEN_CACHE_SECONDS=0) the keychain is asked, and has none.
        qputenv("INKWELL_TOKEN_CACHE_SECONDS", "0");
        const CliRun uncached = runCli(profile, {QStringLiteral("sync")});
        qunsetenv("INKWELL_TOKEN_CACHE_SECONDS");
        QCOMPARE(uncached.exitCode, 3); // NotFound: the keychain has no token

        // A copy the server refuses, with the right token back in the keychain.
        net::KeyringCachedCredentialStore cached(
                std::make_unique<net::KeychainCredentialStore>(service), service,
                std::chrono::minutes(10));
        QVERIFY(writeNow(cached, server, user, QStringLiteral("not-a-token"), this)->hasValue());
        QVERIFY(writeNow(keychain, server, user, token->value(), this)->hasValue());
        QCOMPARE(runCli(profile, {QStringLiteral("sync")}).exitCode, 4); // refused
        const CliRun again = runCli(profile, {QStringLiteral("sync")});
        QVERIFY2(again.exitCode == 0, again.err.constData()); // the keychain's token, read anew

        QCOMPARE(runCli(profile, {QStringLiteral("logout")}).exitCode, 0);
        QCOMPARE(runCli(profile, {QStringLiteral("sync")}).exitCode, 4); // not signed in
        const auto gone = readNow(cached, server, user, this);
        QVERIFY(gone);
        QCOMPARE(gone->error().code, ErrorCode::NotFound); // neither the copy nor the entry
    }

    void postsTravelBetweenProfiles()
    {
        const QString alice = signedInProfile(QStringLiteral("alice"));
        const QString bob = signedInProfile(QStringLiteral("bob"));
        // More posts than the search index takes in a batch, written offline in alice's
        // profile: her next sync adopts them into the blog and pushes them.
        const int bulk = int(store::LocalStore::SearchIndexBatch) + 50;
        {
            store::LocalStore store(QDir(alice).filePath(QStringLiteral("inkwell.db")));
            QVERIFY(store.open());
            model::PostFields fields;
            fields.body = QStringLiteral("written offline");
            QVERIFY(store.write([&]() -> Result<void> {
                for (int i = 0; i < bulk; ++i) {
                    fields.title = QStringLiteral("Bulk %1").arg(i);
                    if (auto created = store.posts().create(QString(), fields); !created)
                        return created.error();
                }
                return {};
            }));
        }
        const CliRun created = runCli(
                alice,
                {QStringLiteral("new"), QStringLiteral("--title"), QStringLiteral("Hello"),
                 QStringLiteral("--body"), QStringLiteral("First line"), QStringLiteral("--tag"),
                 QStringLiteral("a"), QStringLiteral("--tag"), QStringLiteral("b")});
        QCOMPARE(created.exitCode, 0);
        const QString guid = QString::fromUtf8(created.out).trimmed();
        QCOMPARE(guid.size(), 36);
        QFile image(m_dir.filePath(QStringLiteral("pic.png")));
        QVERIFY(image.open(QIODevice::WriteOnly));
        image.write(QByteArray(4096, 'p'));
        image.close();
        QCOMPARE(runCli(alice, {QStringLiteral("attach"), guid, image.fileName()}).exitCode, 0);
        QCOMPARE(runCli(alice,
                        {QStringLiteral("edit"), guid, QStringLiteral("--title"),
                         QStringLiteral("Hello, world")})
                         .exitCode,
                 0);
        QCOMPARE(runCli(alice, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(bob, {QStringLiteral("sync")}).exitCode, 0);
        {
            // The CLI leaves the pulled posts' index entries to the editor, whose indexer (the
            // sync engine's, started with it) catches up on what an earlier process pulled.
            store::LocalStore store(QDir(bob).filePath(QStringLiteral("inkwell.db")));
            QVERIFY(store.open());
            QCOMPARE(store.searchIndexBacklog(1000).value(), bulk + 1);
            store::PostQuery everything;
            everything.limit = 1000;
            QVERIFY(store.posts().search(QStringLiteral("offline"), everything)->isEmpty());
            store::SearchIndexer indexer(store);
            QSignalSpy caughtUp(&indexer, &store::SearchIndexer::caughtUp);
            indexer.schedule();
            QVERIFY(caughtUp.wait(10000));
            QCOMPARE(store.posts().search(QStringLiteral("offline"), everything)->size(), bulk);
            QCOMPARE(store.posts().search(QStringLiteral("hello"), everything)->size(), 1);
        }

        const QJsonObject seen =
                json(runCli(bob, {QStringLiteral("--json"), QStringLiteral("show"), guid}));
        QCOMPARE(seen.value(QLatin1String("title")).toString(), QStringLiteral("Hello, world"));
        QVERIFY(seen.value(QLatin1String("body"))
                        .toString()
                        .contains(QLatin1String("attachment:")));
        QCOMPARE(seen.value(QLatin1String("tags")).toArray().size(), 2);
        QCOMPARE(seen.value(QLatin1String("sync_status")).toString(), QStringLiteral("synced"));
        QVERIFY(runCli(bob, {QStringLiteral("ls")}).out.contains(guid.toUtf8()));

        QCOMPARE(runCli(bob, {QStringLiteral("rm"), guid}).exitCode, 0);
        QCOMPARE(runCli(bob, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(alice, {QStringLiteral("sync")}).exitCode, 0);
        QVERIFY(!runCli(alice, {QStringLiteral("ls")}).out.contains(guid.toUtf8()));
        const QJsonObject status =
                json(runCli(alice, {QStringLiteral("--json"), QStringLiteral("status")}));
        QCOMPARE(status.value(QLatin1String("needs_sync")).toInt(), 0);
        QCOMPARE(status.value(QLatin1String("user")).toString(), QStringLiteral("alice"));
    }

    void conflictIsListedAndResolved()
    {
        const QString alice = signedInProfile(QStringLiteral("alice"));
        const QString bob = signedInProfile(QStringLiteral("bob"));
        const QString guid =
                QString::fromUtf8(runCli(alice,
                                         {QStringLiteral("new"), QStringLiteral("--title"),
                                          QStringLiteral("Base"), QStringLiteral("--body"),
                                          QStringLiteral("one\n")})
                                          .out)
                        .trimmed();
        QCOMPARE(runCli(alice, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(bob, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(alice,
                        {QStringLiteral("edit"), guid, QStringLiteral("--title"),
                         QStringLiteral("Alice")})
                         .exitCode,
                 0);
        QCOMPARE(runCli(bob,
                        {QStringLiteral("edit"), guid, QStringLiteral("--title"),
                         QStringLiteral("Bob")})
                         .exitCode,
                 0);
        QCOMPARE(runCli(alice, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(bob, {QStringLiteral("sync")}).exitCode, 6); // conflicts remain

        const QJsonArray conflicts =
                QJsonDocument::fromJson(
                        runCli(bob, {QStringLiteral("--json"), QStringLiteral("conflicts")}).out)
                        .array();
        QCOMPARE(conflicts.size(), 1);
        const QJsonObject conflict = conflicts.first().toObject();
        QCOMPARE(conflict.value(QLatin1String("title")).toString(), QStringLiteral("Bob"));
        QCOMPARE(conflict.value(QLatin1String("theirs"))
                         .toObject()
                         .value(QLatin1String("title"))
                         .toString(),
                 QStringLiteral("Alice"));
        QFile merged(m_dir.filePath(QStringLiteral("merged.md")));
        QVERIFY(merged.open(QIODevice::WriteOnly));
        merged.write("one\ntwo, agreed\n");
        merged.close();
        QCOMPARE(runCli(bob,
                        {QStringLiteral("resolve"), guid, QStringLiteral("--merged"),
                         merged.fileName()})
                         .exitCode,
                 0);
        QCOMPARE(runCli(bob, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(alice, {QStringLiteral("sync")}).exitCode, 0);
        const QJsonObject a =
                json(runCli(alice, {QStringLiteral("--json"), QStringLiteral("show"), guid}));
        const QJsonObject b =
                json(runCli(bob, {QStringLiteral("--json"), QStringLiteral("show"), guid}));
        QCOMPARE(a.value(QLatin1String("body")).toString(), QStringLiteral("one\ntwo, agreed\n"));
        QCOMPARE(a, b);
    }

    // Issue 12, defect 1: an edit that was reverted (pending, fields equal base) meets a delete
    // from the other profile. The clean merge is a delete; before, storing it failed B's every
    // sync ("an edit against a delete is a conflict, not a merge"), so nothing else synced.
    void revertedEditMeetingADeleteDoesNotStopTheSync()
    {
        const QString a = signedInProfile(QStringLiteral("alice"));
        const QString b = signedInProfile(QStringLiteral("bob"));
        const QString guid =
                QString::fromUtf8(runCli(a,
                                         {QStringLiteral("new"), QStringLiteral("--title"),
                                          QStringLiteral("Original")})
                                          .out)
                        .trimmed();
        QCOMPARE(runCli(a, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(b, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(b,
                        {QStringLiteral("edit"), guid, QStringLiteral("--title"),
                         QStringLiteral("X")})
                         .exitCode,
                 0);
        QCOMPARE(runCli(b,
                        {QStringLiteral("edit"), guid, QStringLiteral("--title"),
                         QStringLiteral("Original")})
                         .exitCode,
                 0);
        const QString other =
                QString::fromUtf8(runCli(b,
                                         {QStringLiteral("new"), QStringLiteral("--title"),
                                          QStringLiteral("Written by B")})
                                          .out)
                        .trimmed();
        QCOMPARE(runCli(a, {QStringLiteral("rm"), guid}).exitCode, 0);
        QCOMPARE(runCli(a, {QStringLiteral("sync")}).exitCode, 0);

        const CliRun synced = runCli(b, {QStringLiteral("sync")});
        QVERIFY2(synced.exitCode == 0, synced.err.constData());
        QCOMPARE(runCli(b, {QStringLiteral("sync")}).exitCode, 0);
        QCOMPARE(runCli(a, {QStringLiteral("sync")}).exitCode, 0);
        for (const QString &profile : {a, b}) {
            const QByteArray listed = runCli(profile, {QStringLiteral("ls")}).out;
            QVERIFY(!listed.contains(guid.toUtf8()));
            QVERIFY(listed.contains(other.toUtf8()));
            const QJsonObject status =
                    json(runCli(profile, {QStringLiteral("--json"), QStringLiteral("status")}));
            QCOMPARE(status.value(QLatin1String("needs_sync")).toInt(), 0);
            QCOMPARE(status.value(QLatin1String("conflicted")).toInt(), 0);
        }
    }

    void exitCodesAreDocumentedOnes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("signedIn");
        QTest::addColumn<int>("exitCode");
        const auto s = [](const char *text) { return QString::fromLatin1(text); };
        QTest::newRow("unknown command") << QStringList{s("frobnicate")} << true << 2;
        QTest::newRow("new without title")
                << QStringList{s("new"), s("--body"), s("b")} << true << 2;
        QTest::newRow("both body options")
                << QStringList{s("edit"), s("x"), s("--body"), s("b"), s("--body-file"), s("f")}
                << true << 2;
        QTest::newRow("show unknown post")
                << QStringList{s("show"), s("00000000-0000-4000-8000-000000000000")} << true << 3;
        QTest::newRow("resolve a post not in conflict")
                << QStringList{s("resolve"), s("00000000-0000-4000-8000-000000000000"), s("--mine")}
                << true << 3;
        QTest::newRow("resolve with two decisions")
                << QStringList{s("resolve"), s("00000000-0000-4000-8000-000000000000"), s("--mine"),
                               s("--keep-both")}
                << true << 2;
        QTest::newRow("resolve with a revision that is no number")
                << QStringList{s("resolve"), s("00000000-0000-4000-8000-000000000000"), s("--mine"),
                               s("--expect-rev"), s("latest")}
                << true << 2;
        QTest::newRow("show the conflict of an unknown post")
                << QStringList{s("conflicts"), s("show"), s("00000000-0000-4000-8000-000000000000")}
                << true << 3;
        QTest::newRow("sync without login") << QStringList{s("sync")} << false << 4;
        // Refused by the address rule before any network: no password is read or sent.
        QTest::newRow("login over http to another computer")
                << QStringList{s("login"), s("http://example.org"), s("alice")} << false << 2;
        QTest::newRow("login with another scheme")
                << QStringList{s("login"), s("ftp://example.org"), s("alice"), s("--allow-http")}
                << false << 2;
        QTest::newRow("login with a password in the URL")
                << QStringList{s("login"), s("https://alice:pw@example.org"), s("alice")} << false
                << 2;
        QTest::newRow("conflicts when there are none") << QStringList{s("conflicts")} << true << 0;
    }
    void exitCodesAreDocumentedOnes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, signedIn);
        QFETCH(int, exitCode);
        const QString profile = signedIn ? signedInProfile(QStringLiteral("alice"))
                                         : m_dir.filePath(QStringLiteral("anonymous"));
        const CliRun run = runCli(profile, arguments);
        QCOMPARE(run.exitCode, exitCode);
        if (exitCode != 0)
            QVERIFY(!run.err.isEmpty());
    }

    // Plain http to a host that is not loopback needs --allow-http and then warns. 0.0.0.0 is
    // such a host that still reaches the test server on 127.0.0.1 (Linux connects it locally).
    void plainHttpToAnotherHostNeedsAllowHttpAndWarns()
    {
        QUrl url = m_server->baseUrl();
        url.setHost(QStringLiteral("0.0.0.0"));
        const QString profile = m_dir.filePath(QStringLiteral("allow-http"));
        const QStringList login{QStringLiteral("login"), url.toString(), QStringLiteral("alice"),
                                QStringLiteral("--insecure-token-file")};
        const CliRun refused = runCli(profile, login, "password\n");
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.err.contains("--allow-http"), refused.err.constData());

        const CliRun allowed =
                runCli(profile, login + QStringList{QStringLiteral("--allow-http")}, "password\n");
        QVERIFY2(allowed.exitCode == 0, allowed.err.constData());
        QVERIFY2(allowed.err.contains("Unencrypted connection"), allowed.err.constData());
        QVERIFY(allowed.err.contains("0.0.0.0"));
        QCOMPARE(runCli(profile, {QStringLiteral("sync")}).exitCode, 0);

        // Over loopback http is fine without the option and without the warning.
        const CliRun loopback =
                runCli(m_dir.filePath(QStringLiteral("loopback")),
                       {QStringLiteral("login"), m_server->baseUrl().toString(),
                        QStringLiteral("alice"), QStringLiteral("--insecure-token-file")},
                       "password\n");
        QCOMPARE(loopback.exitCode, 0);
        QVERIFY(!loopback.err.contains("Unencrypted connection"));
    }

    // sync opens the store while the keychain reads the token; a store that cannot be opened
    // is still the error reported, signed in or not, and the file is left as it was.
    void damagedStoreIsReportedBeforeTheAccount_data()
    {
        QTest::addColumn<bool>("signedIn");
        QTest::newRow("signed in") << true;
        QTest::newRow("not signed in") << false;
    }
    void damagedStoreIsReportedBeforeTheAccount()
    {
        QFETCH(bool, signedIn);
        const QString profile = signedIn ? signedInProfile(QStringLiteral("alice"))
                                         : m_dir.filePath(QStringLiteral("damaged-anonymous"));
        QVERIFY(QDir().mkpath(profile));
        const QByteArray damaged(8192, 'x');
        QFile file(QDir(profile).filePath(QStringLiteral("inkwell.db")));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(damaged), damaged.size());
        file.close();
        const CliRun sync = runCli(profile, {QStringLiteral("sync")});
        QCOMPARE(sync.exitCode, 7); // local data error, not "not signed in" (4)
        QVERIFY(!sync.err.isEmpty());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), damaged);
    }

    void wrongPasswordAndUnreachableServer()
    {
        const QString profile = m_dir.filePath(QStringLiteral("wrong"));
        const CliRun wrong =
                runCli(profile,
                       {QStringLiteral("login"), m_server->baseUrl().toString(),
                        QStringLiteral("alice"), QStringLiteral("--insecure-token-file")},
                       "not-the-password\n");
        QCOMPARE(wrong.exitCode, 4);
        const QString signedIn = signedInProfile(QStringLiteral("alice"));
        QVERIFY(m_server->stop());
        const CliRun sync = runCli(signedIn, {QStringLiteral("sync")});
        QCOMPARE(sync.exitCode, 5);
        QVERIFY(m_server->start());
    }
};

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_synccli.moc"
