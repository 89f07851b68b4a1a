// A client (inkwell-cli sync in its own process) killed with SIGKILL in the middle of a sync and
// started again: the database is intact, every post reaches the server once, nothing is lost.
#include "clirunner.h"

#include "e2e/server/apiclient.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QProcess>
#include <QSet>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class TestSyncCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedMidSyncLosesAndDuplicatesNothing()
    {
        ServerLauncher server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QVERIFY(server.addUser(QStringLiteral("alice"), QStringLiteral("password")));
        const qint64 blog = server.addBlog(QStringLiteral("Blog"), QStringLiteral("alice"));
        TempDir dir;
        const QString profile = dir.filePath(QStringLiteral("profile"));
        const CliRun login =
                runCli(profile,
                       {QStringLiteral("login"), server.baseUrl().toString(),
                        QStringLiteral("alice"), QStringLiteral("--insecure-token-file")},
                       "password\n");
        QVERIFY2(login.exitCode == 0, login.err.constData());

        constexpr int Posts = 1500;
        QSet<QString> guids;
        {
            store::LocalStore store(profile + QStringLiteral("/inkwell.db"));
            QVERIFY(store.open());
            QVERIFY(store.write([&]() -> Result<void> {
                for (int i = 0; i < Posts; ++i) {
                    model::PostFields fields;
                    fields.title = QStringLiteral("Post %1").arg(i);
                    fields.body = QString(2000, u'x');
                    auto post = store.posts().create(QString::number(blog), fields);
                    if (!post)
                        return post.error();
                    guids.insert(post->guid);
                }
                return {};
            }));
        }

        ApiClient api(server.baseUrl());
        QVERIFY(api.login(QStringLiteral("alice"), QStringLiteral("password")));
        // The moment of the kill is the variable under test, so it is a delay, not a signal:
        // longer delays until one lands while the server has some but not all of the posts.
        bool killedMidway = false;
        for (int delay = 50; delay <= 3000 && !killedMidway; delay += 50) {
            QProcess sync;
            sync.start(cliBinary(), {QStringLiteral("--profile"), profile, QStringLiteral("sync")});
            QVERIFY(sync.waitForStarted());
            QTest::qWait(delay);
            sync.kill(); // SIGKILL
            QVERIFY(sync.waitForFinished(10000));
            auto onServer = api.pullAll(blog);
            QVERIFY(onServer);
            killedMidway = !onServer->isEmpty() && onServer->size() < Posts
                    && sync.exitStatus() == QProcess::CrashExit;
            if (onServer->size() == Posts)
                break;
        }
        QVERIFY2(killedMidway, "no kill landed in the middle of a sync");

        const CliRun again = runCli(profile, {QStringLiteral("sync")});
        QVERIFY2(again.exitCode == 0, again.err.constData());

        store::LocalStore store(profile + QStringLiteral("/inkwell.db"));
        QVERIFY(store.open());
        QVERIFY(store.checkIntegrity());
        auto counts = store.posts().counts(std::nullopt, store::PostRepository::CountSynced::Yes);
        QVERIFY(counts);
        QCOMPARE(counts->synced, qint64(Posts));
        QCOMPARE(counts->needsSync + counts->conflicted, qint64(0));
        auto onServer = api.pullAll(blog);
        QVERIFY(onServer);
        QCOMPARE(onServer->size(), Posts);
        QSet<QString> serverGuids;
        for (const model::Revision &revision : std::as_const(*onServer)) {
            serverGuids.insert(revision.guid);
            const auto local = store.posts().post(revision.guid);
            QVERIFY(local);
            QCOMPARE(local->rev, revision.rev);
            QCOMPARE(local->fields, revision.fields);
        }
        QCOMPARE(serverGuids, guids);
        // Every post was written once: the newest revision is the number of posts.
        qint64 newest = 0;
        for (const model::Revision &revision : std::as_const(*onServer))
            newest = std::max(newest, revision.rev);
        QCOMPARE(newest, qint64(Posts));
    }
};

QTEST_GUILESS_MAIN(TestSyncCrash)
#include "tst_synccrash.moc"
