// A server database restored from `inkwell-server backup` with the real server on SQLite: two
// replicas that synced after the backup, a restored server whose revision counter has passed
// their cursors, and at the end every change acknowledged before the restore is on the server
// again and both replicas equal the server.
#include "replica.h"

#include "e2e/server/apiclient.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QFile>
#include <QHash>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

model::PostFields fieldsOf(const QString &title, const QString &body = QStringLiteral("Body"))
{
    model::PostFields fields;
    fields.title = title;
    fields.body = body;
    return fields;
}

QHash<QString, model::Revision> byGuid(const QList<model::Revision> &revisions)
{
    QHash<QString, model::Revision> index;
    for (const model::Revision &revision : revisions)
        index.insert(revision.guid, revision);
    return index;
}

// Puts the backup file in place of the (stopped) server's SQLite database.
bool restoreFile(const QString &backup, const QString &databaseUrl)
{
    const QString path = databaseUrl.mid(QStringLiteral("sqlite:").size());
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    return QFile::copy(backup, path);
}

} // namespace

class TestRestoreBackup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void restoredBackupLosesNoAcknowledgedChange()
    {
        ServerLauncher server;
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY(server.addUser(QString::fromLatin1(user), QStringLiteral("password")));
        const qint64 blog = server.addBlog(QStringLiteral("Blog"), QStringLiteral("alice"));
        QVERIFY(blog > 0);
        QVERIFY(server.addMember(blog, QStringLiteral("bob")));
        QVERIFY(server.addMember(blog, QStringLiteral("carol")));
        const QUrl url = server.baseUrl();
        server.setServeArguments(
                {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(url.port())});
        ApiClient aliceApi(url), bobApi(url), carol(url);
        QVERIFY(aliceApi.login(QStringLiteral("alice"), QStringLiteral("password")));
        QVERIFY(bobApi.login(QStringLiteral("bob"), QStringLiteral("password")));
        QVERIFY(carol.login(QStringLiteral("carol"), QStringLiteral("password")));
        TempDir dir;
        Replica alice(dir.filePath(QStringLiteral("alice.db")), url,
                      QString::fromLatin1(aliceApi.token()), blog);
        Replica bob(dir.filePath(QStringLiteral("bob.db")), url,
                    QString::fromLatin1(bobApi.token()), blog);

        // Before the backup: four posts both replicas have.
        const model::Post retitled = alice.create(fieldsOf(QStringLiteral("To be retitled")));
        const model::Post doomed = alice.create(fieldsOf(QStringLiteral("To be deleted")));
        const model::Post rewritten = alice.create(fieldsOf(QStringLiteral("To be rewritten")));
        const model::Post untouched = alice.create(fieldsOf(QStringLiteral("Untouched")));
        QVERIFY2(alice.sync(), qPrintable(alice.lastError().message));
        QVERIFY2(bob.sync(), qPrintable(bob.lastError().message));

        const QString backup = dir.filePath(QStringLiteral("backup.sqlite"));
        const ServerLauncher::CliResult copied = server.runCli({QStringLiteral("backup"), backup});
        QVERIFY2(copied.exitCode == 0, copied.standardError.constData());

        // After the backup: edits, a delete and new posts by both, all acknowledged.
        alice.edit(retitled.guid,
                   [](model::PostFields &f) { f.title = QStringLiteral("Retitled"); });
        QVERIFY(alice.remove(doomed.guid));
        const model::Post added = alice.create(fieldsOf(QStringLiteral("Added after the backup")));
        bob.edit(rewritten.guid,
                 [](model::PostFields &f) { f.body = QStringLiteral("Rewritten"); });
        const model::Post bobs = bob.create(fieldsOf(QStringLiteral("Bob's new post")));
        for (Replica *replica : {&alice, &bob, &alice})
            QVERIFY2(replica->sync(), qPrintable(replica->lastError().message));
        const auto acknowledged = aliceApi.pullAll(blog);
        QVERIFY(acknowledged);
        qint64 oldCursor = 0;
        for (const model::Revision &revision : *acknowledged)
            oldCursor = std::max(oldCursor, revision.rev);
        // A pending edit made before the restore must survive it too.
        alice.edit(untouched.guid,
                   [](model::PostFields &f) { f.body = QStringLiteral("Pending"); });

        QVERIFY(server.stop());
        QVERIFY(restoreFile(backup, server.databaseUrl()));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(server.baseUrl(), url);

        // Carol writes on the restored server (new posts only) until its counter passes the
        // replicas' cursors, so the cursor check alone could not notice the restore.
        qint64 lastRev = 0;
        for (int i = 0; lastRev <= oldCursor + 1; ++i) {
            protocol::SyncRequest request;
            request.changes.append(makeChange(newGuid(), 0, QStringLiteral("Carol %1").arg(i)));
            const auto answer = carol.sync(blog, request);
            QVERIFY2(answer, qPrintable(answer ? QString() : answer.error().message));
            lastRev = answer->results.first().rev;
            QVERIFY(i < 20);
        }

        const auto aliceResult = alice.sync();
        QVERIFY2(aliceResult, qPrintable(alice.lastError().message));
        QVERIFY(aliceResult->resynced);
        QVERIFY(aliceResult->recovered > 0);
        const auto bobResult = bob.sync();
        QVERIFY2(bobResult, qPrintable(bob.lastError().message));
        QVERIFY(bobResult->resynced);
        QVERIFY2(alice.sync(), qPrintable(alice.lastError().message));

        const auto onServer = aliceApi.pullAll(blog);
        QVERIFY(onServer);
        const auto now = byGuid(*onServer);
        for (const model::Revision &before : *acknowledged) {
            QVERIFY2(now.contains(before.guid), qPrintable(before.fields.title));
            const model::Revision &after = now.value(before.guid);
            QCOMPARE(after.deleted, before.deleted);
            if (before.guid == untouched.guid)
                QCOMPARE(after.fields.body, QStringLiteral("Pending"));
            else if (!before.deleted)
                QCOMPARE(after.fields, before.fields);
        }
        QCOMPARE(now.value(retitled.guid).fields.title, QStringLiteral("Retitled"));
        QVERIFY(now.value(doomed.guid).deleted);
        QCOMPARE(now.value(rewritten.guid).fields.body, QStringLiteral("Rewritten"));
        QVERIFY(now.contains(added.guid) && now.contains(bobs.guid));
        // Nothing twice: the acknowledged posts plus carol's.
        QCOMPARE(onServer->size(), acknowledged->size() + int(lastRev - 4));
        QCOMPARE(differenceFromServer(alice, *onServer), QString());
        QCOMPARE(differenceFromServer(bob, *onServer), QString());
    }
};

QTEST_GUILESS_MAIN(TestRestoreBackup)
#include "tst_restorebackup.moc"
