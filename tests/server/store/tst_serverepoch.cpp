// The server database's identity (epoch): made by a migration, renewed after a restore, and
// changed in every copy `backup` writes.
#include "server/store/serverstore.h"

#include "protocol/validation.h"
#include "server/store/schemaundo.h"
#include "server/store/testdatabase.h"

#include <QFile>
#include <QTest>

using namespace inkwell;
using namespace inkwell::server::store;
using inkwell::test::undoSiteSchema;

namespace {

template<typename T>
QString failure(const Result<T> &result)
{
    return result ? QString() : result.error().message;
}

protocol::Change newPost(const QString &opId, int n)
{
    model::PostFields fields;
    fields.title = QStringLiteral("Post %1").arg(n);
    return protocol::Change{opId, test::guid(n), 0, false, fields};
}

} // namespace

class tst_ServerEpoch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }

    void migrationGivesTheDatabaseAStableEpoch();
    void migratingAVersion1DatabaseAddsAnEpoch();
    void renewedEpochDiffersAndLasts();
    void syncHeadReadsLastRevisionAndEpoch();
    void backupCopiesWithAFreshEpoch();
    void backupRefusesAnExistingFileAndPostgres();
};

void tst_ServerEpoch::migrationGivesTheDatabaseAStableEpoch()
{
    INKWELL_TEST_DATABASE(db);
    QString first;
    {
        const auto store = ServerStore::open(db.url());
        QVERIFY2(store, qPrintable(failure(store)));
        const Result<QString> epoch = (*store)->epoch();
        QVERIFY2(epoch, qPrintable(failure(epoch)));
        QVERIFY2(protocol::isValidEpoch(*epoch), qPrintable(*epoch));
        first = *epoch;
    }
    const auto reopened = ServerStore::open(db.url(), OpenMode::RequireCurrentSchema);
    QVERIFY2(reopened, qPrintable(failure(reopened)));
    QCOMPARE((*reopened)->epoch().value(), first);
    test::TestDatabase other(db.isPostgres() ? QStringLiteral("postgres")
                                             : QStringLiteral("sqlite"));
    const auto second = ServerStore::open(other.url());
    QVERIFY2(second, qPrintable(failure(second)));
    QVERIFY((*second)->epoch().value() != first); // random per database
}

void tst_ServerEpoch::migratingAVersion1DatabaseAddsAnEpoch()
{
    INKWELL_TEST_DATABASE(db);
    qint64 blog = 0;
    {
        const auto store = ServerStore::open(db.url());
        QVERIFY2(store, qPrintable(failure(store)));
        const qint64 account = (*store)->createAccount(QStringLiteral("ada"), "h").value();
        blog = (*store)->createBlog(QStringLiteral("Travel"), account).value();
        QVERIFY((*store)->applyChange(blog, QStringLiteral("ada"),
                                      newPost(QStringLiteral("a"), 1)));
    }
    // Back to exactly what schema version 1 created, with data in it.
    QStringList undo = undoSiteSchema();
    for (const char *sql :
         {"DROP TABLE post_revisions", "DROP TABLE login_addresses", "DROP INDEX tokens_expires_at",
          "DROP INDEX tokens_revoked_at", "DROP INDEX login_failures_last",
          "ALTER TABLE tokens DROP COLUMN revoked_at", "DROP TABLE server_identity",
          "DROP INDEX applied_ops_applied_at", "DELETE FROM schema_migrations WHERE version > 1"})
        undo.append(QString::fromLatin1(sql));
    for (const QString &sql : undo) {
        const QString error = db.exec(sql);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    QVERIFY(!ServerStore::open(db.url(), OpenMode::RequireCurrentSchema));
    const auto migrated = ServerStore::open(db.url());
    QVERIFY2(migrated, qPrintable(failure(migrated)));
    QCOMPARE((*migrated)->schemaVersion().value(), ServerStore::latestSchemaVersion());
    QVERIFY(protocol::isValidEpoch((*migrated)->epoch().value()));
    QCOMPARE((*migrated)->lastRevision(blog).value(), 1); // the data is kept
}

void tst_ServerEpoch::renewedEpochDiffersAndLasts()
{
    INKWELL_TEST_DATABASE(db);
    const auto store = ServerStore::open(db.url());
    QVERIFY2(store, qPrintable(failure(store)));
    const QString before = (*store)->epoch().value();
    const Result<QString> renewed = (*store)->renewEpoch();
    QVERIFY2(renewed, qPrintable(failure(renewed)));
    QVERIFY(protocol::isValidEpoch(*renewed));
    QVERIFY(*renewed != before);
    QCOMPARE((*store)->epoch().value(), *renewed);
}

void tst_ServerEpoch::syncHeadReadsLastRevisionAndEpoch()
{
    INKWELL_TEST_DATABASE(db);
    const auto store = ServerStore::open(db.url());
    QVERIFY2(store, qPrintable(failure(store)));
    const qint64 account = (*store)->createAccount(QStringLiteral("ada"), "h").value();
    const qint64 blog = (*store)->createBlog(QStringLiteral("Travel"), account).value();
    QVERIFY((*store)->applyChanges(
            blog, QStringLiteral("ada"),
            {newPost(QStringLiteral("a"), 1), newPost(QStringLiteral("b"), 2)}));
    const Result<SyncHead> head = (*store)->syncHead(blog);
    QVERIFY2(head, qPrintable(failure(head)));
    QCOMPARE(head->lastRev, 2);
    QCOMPARE(head->epoch, (*store)->epoch().value());
    const Result<SyncHead> unknown = (*store)->syncHead(blog + 100);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
}

void tst_ServerEpoch::backupCopiesWithAFreshEpoch()
{
    INKWELL_TEST_DATABASE(db);
    if (db.isPostgres())
        QSKIP("backup copies SQLite databases only (see backupRefusesAnExistingFileAndPostgres)");
    const auto store = ServerStore::open(db.url());
    QVERIFY2(store, qPrintable(failure(store)));
    const qint64 account = (*store)->createAccount(QStringLiteral("ada"), "h").value();
    const qint64 blog = (*store)->createBlog(QStringLiteral("Travel"), account).value();
    QVERIFY((*store)->applyChange(blog, QStringLiteral("ada"), newPost(QStringLiteral("a"), 1)));
    const QString live = (*store)->epoch().value();
    test::TempDir dir;
    const QString path = dir.filePath(QStringLiteral("copy.sqlite"));
    const Result<QString> copied = (*store)->backupTo(path);
    QVERIFY2(copied, qPrintable(failure(copied)));
    QVERIFY(protocol::isValidEpoch(*copied));
    QVERIFY(*copied != live);
    QCOMPARE((*store)->epoch().value(), live); // the live database keeps its identity
    QVERIFY(!QFile::exists(path + QStringLiteral(".partial")));
    // Written after the copy: not in it.
    QVERIFY((*store)->applyChange(blog, QStringLiteral("ada"), newPost(QStringLiteral("b"), 2)));
    const auto copy =
            ServerStore::open(QStringLiteral("sqlite:") + path, OpenMode::RequireCurrentSchema);
    QVERIFY2(copy, qPrintable(failure(copy)));
    QCOMPARE((*copy)->epoch().value(), *copied);
    QCOMPARE((*copy)->lastRevision(blog).value(), 1);
    const Result<PullPage> page = (*copy)->pull(blog, 0, 10);
    QVERIFY2(page, qPrintable(failure(page)));
    QCOMPARE(page->changes.size(), 1);
    QCOMPARE(page->changes.first().fields.title, QStringLiteral("Post 1"));
}

void tst_ServerEpoch::backupRefusesAnExistingFileAndPostgres()
{
    INKWELL_TEST_DATABASE(db);
    const auto store = ServerStore::open(db.url());
    QVERIFY2(store, qPrintable(failure(store)));
    test::TempDir dir;
    const QString path = dir.filePath(QStringLiteral("existing.sqlite"));
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("keep me");
    existing.close();
    const Result<QString> refused = (*store)->backupTo(path);
    QVERIFY(!refused);
    if (db.isPostgres()) {
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY(refused.error().message.contains(QLatin1String("pg_dump")));
    } else {
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
    }
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), QByteArray("keep me"));
}

QTEST_GUILESS_MAIN(tst_ServerEpoch)
#include "tst_serverepoch.moc"
