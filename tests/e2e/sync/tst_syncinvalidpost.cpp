// A post that breaks the protocol's rules in the real server's database (written there by an
// older server that did not check a new post's tombstone): a real client syncing from that
// server stores every other post, reports the bad one, keeps syncing, and takes the post once
// its author has fixed it.
#include "replica.h"

#include "e2e/server/apiclient.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

model::PostFields fieldsOf(const QString &title)
{
    model::PostFields fields;
    fields.title = title;
    fields.body = QStringLiteral("Body of ") + title;
    return fields;
}

// Writes the post as the next revision of the blog straight into the server's SQLite file (the
// server is stopped); an error text, or empty.
QString writeRow(const QString &databaseUrl, qint64 blog, const QString &guid, bool deleted,
                 const QByteArray &fieldsJson, qint64 *rev)
{
    QString error;
    const QString name = QStringLiteral("older-server");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databaseUrl.mid(QStringLiteral("sqlite:").size()));
        QSqlQuery query(db);
        const auto run = [&](const QString &sql, const QVariantList &values) {
            if (!error.isEmpty())
                return;
            if (!query.prepare(sql))
                error = query.lastError().text();
            for (const QVariant &value : values)
                query.addBindValue(value);
            if (error.isEmpty() && !query.exec())
                error = query.lastError().text();
        };
        if (!db.open())
            return db.lastError().text();
        run(QStringLiteral("UPDATE blogs SET last_rev = last_rev + 1 WHERE id = ?"), {blog});
        run(QStringLiteral("SELECT last_rev FROM blogs WHERE id = ?"), {blog});
        if (error.isEmpty() && query.next())
            *rev = query.value(0).toLongLong();
        run(QStringLiteral("INSERT INTO posts (blog_id, guid, rev, deleted, fields, created_by,"
                           " modified_by, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
            {blog, guid, *rev, deleted ? 1 : 0, QString::fromUtf8(fieldsJson),
             QStringLiteral("mallory"), QStringLiteral("mallory"),
             QDateTime::currentMSecsSinceEpoch()});
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

} // namespace

class TestSyncInvalidPost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientSkipsAndReportsABadPostAndKeepsSyncing()
    {
        ServerLauncher server;
        if (!server.databaseUrl().startsWith(QLatin1String("sqlite:")))
            QSKIP("writes the server's SQLite file directly");
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        for (const char *user : {"alice", "bob", "mallory"})
            QVERIFY(server.addUser(QString::fromLatin1(user), QStringLiteral("password")));
        const qint64 blog = server.addBlog(QStringLiteral("Blog"), QStringLiteral("alice"));
        QVERIFY(blog > 0);
        QVERIFY(server.addMember(blog, QStringLiteral("bob")));
        QVERIFY(server.addMember(blog, QStringLiteral("mallory")));
        const QUrl url = server.baseUrl();
        server.setServeArguments(
                {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(url.port())});
        ApiClient aliceApi(url), bobApi(url), mallory(url);
        QVERIFY(aliceApi.login(QStringLiteral("alice"), QStringLiteral("password")));
        QVERIFY(bobApi.login(QStringLiteral("bob"), QStringLiteral("password")));
        QVERIFY(mallory.login(QStringLiteral("mallory"), QStringLiteral("password")));
        TempDir dir;
        Replica alice(dir.filePath(QStringLiteral("alice.db")), url,
                      QString::fromLatin1(aliceApi.token()), blog);
        Replica bob(dir.filePath(QStringLiteral("bob.db")), url,
                    QString::fromLatin1(bobApi.token()), blog);
        const model::Post before = alice.create(fieldsOf(QStringLiteral("Before")));
        QVERIFY2(alice.sync(), qPrintable(alice.lastError().message));

        // The rows an older server stored unchecked: a new post's tombstone with an over-long
        // title and a live post whose cover is no hash.
        QVERIFY(server.stop());
        const QString tombstone = newGuid();
        const QString badCover = newGuid();
        qint64 tombstoneRev = 0;
        qint64 badCoverRev = 0;
        QString written =
                writeRow(server.databaseUrl(), blog, tombstone, true,
                         R"({"title":")" + QByteArray(5000, 'x')
                                 + R"(","body":"","tags":[],"status":"draft","cover":""})",
                         &tombstoneRev);
        QVERIFY2(written.isEmpty(), qPrintable(written));
        written = writeRow(server.databaseUrl(), blog, badCover, false,
                           R"({"title":"Cover","body":"b","tags":["a","a"],"status":"draft",)"
                           R"("cover":"../../etc/passwd"})",
                           &badCoverRev);
        QVERIFY2(written.isEmpty(), qPrintable(written));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        QCOMPARE(server.baseUrl(), url);
        const model::Post after = alice.create(fieldsOf(QStringLiteral("After")));
        QVERIFY2(alice.sync(), qPrintable(alice.lastError().message));

        QSignalSpy skipped(&bob.engine(), &sync::SyncEngine::changeSkipped);
        const auto result = bob.sync();
        QVERIFY2(result, qPrintable(bob.lastError().message));
        QCOMPARE(result->pulled, 2);
        QCOMPARE(result->skipped, QStringList({tombstone, badCover}));
        QCOMPARE(skipped.size(), 2);
        QVERIFY2(skipped.at(0).at(1).value<Error>().message.contains(u"title"),
                 qPrintable(skipped.at(0).at(1).value<Error>().message));
        QCOMPARE(bob.post(before.guid).fields.title, QStringLiteral("Before"));
        QCOMPARE(bob.post(after.guid).fields.title, QStringLiteral("After"));
        QVERIFY(bob.post(badCover).guid.isEmpty());
        const auto again = bob.sync();
        QVERIFY2(again, qPrintable(bob.lastError().message));
        QCOMPARE(again->skipped, QStringList());

        // Its author fixes the post: the fixed server takes the valid edit, and bob gets it.
        protocol::SyncRequest fix;
        fix.changes.append(makeChange(badCover, badCoverRev, QStringLiteral("Cover, fixed")));
        const auto fixed = mallory.sync(blog, fix);
        QVERIFY2(fixed, qPrintable(fixed ? QString() : fixed.error().message));
        QCOMPARE(fixed->results.first().status, protocol::ItemStatus::Applied);
        const auto pulled = bob.sync();
        QVERIFY2(pulled, qPrintable(bob.lastError().message));
        QCOMPARE(pulled->pulled, 1);
        QCOMPARE(pulled->skipped, QStringList());
        const model::Post taken = bob.post(badCover);
        QCOMPARE(taken.fields.title, QStringLiteral("Cover, fixed"));
        QCOMPARE(taken.rev, fixed->results.first().rev);
        QCOMPARE(taken.syncStatus, model::SyncStatus::Synced);
        QCOMPARE(bob.livePosts().size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestSyncInvalidPost)
#include "tst_syncinvalidpost.moc"
