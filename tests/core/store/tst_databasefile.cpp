#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "storetestutil.h"
#include "support/searchindexcheck.h"
#include "support/tempdir.h"

#include <QFile>
#include <QProcess>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace inkwell;
using namespace inkwell::store;
using inkwell::test::fields;
using inkwell::test::fileHash;
using inkwell::test::rawExec;

namespace {

// The schema of version 1 exactly as it shipped, to build old databases independently of the
// migration code under test.
const QStringList version1Schema{
        QStringLiteral("CREATE TABLE posts (id INTEGER PRIMARY KEY, guid TEXT NOT NULL UNIQUE, "
                       "blog TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '', "
                       "body TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]', "
                       "state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', "
                       "'published')), cover TEXT NOT NULL DEFAULT '', created_at INTEGER NOT "
                       "NULL, modified_at INTEGER NOT NULL, rev INTEGER NOT NULL DEFAULT 0 CHECK "
                       "(rev >= 0), deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)), "
                       "sync_status TEXT NOT NULL DEFAULT 'needs-sync' CHECK (sync_status IN "
                       "('synced', 'needs-sync', 'conflicted')), base TEXT, theirs TEXT, "
                       "edit_counter INTEGER NOT NULL DEFAULT 0, created_by TEXT NOT NULL "
                       "DEFAULT '', modified_by TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX posts_by_modification ON posts (deleted, modified_at DESC, "
                       "guid DESC)"),
        QStringLiteral("CREATE INDEX posts_by_status ON posts (blog, sync_status)"),
        QStringLiteral("CREATE TABLE attachments (sha256 TEXT PRIMARY KEY CHECK (length(sha256) "
                       "= 64), mime TEXT NOT NULL, size INTEGER NOT NULL CHECK (size >= 0), data "
                       "BLOB NOT NULL, added_at INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE sync_state (server TEXT NOT NULL, blog TEXT NOT NULL, "
                       "cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0), PRIMARY KEY "
                       "(server, blog))"),
};

// What version 2 added, exactly as it shipped.
const QStringList version2Schema{
        QStringLiteral("ALTER TABLE posts ADD COLUMN last_error TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, content='posts', "
                       "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"),
        QStringLiteral("CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts WHEN new.deleted = "
                       "0 BEGIN INSERT INTO posts_fts (rowid, title, body) VALUES (new.id, "
                       "new.title, new.body); END"),
        QStringLiteral("CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, body, deleted ON "
                       "posts BEGIN INSERT INTO posts_fts (posts_fts, rowid, title, body) SELECT "
                       "'delete', old.id, old.title, old.body WHERE old.deleted = 0; INSERT INTO "
                       "posts_fts (rowid, title, body) SELECT new.id, new.title, new.body WHERE "
                       "new.deleted = 0; END"),
        QStringLiteral("CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts WHEN old.deleted = "
                       "0 BEGIN INSERT INTO posts_fts (posts_fts, rowid, title, body) VALUES "
                       "('delete', old.id, old.title, old.body); END"),
};

// What version 4 did, exactly as it shipped.
const QStringList version4Schema{
        QStringLiteral("DROP INDEX posts_by_status"),
        QStringLiteral("CREATE INDEX posts_by_status ON posts (blog, sync_status, deleted)"),
        QStringLiteral("CREATE INDEX posts_by_sync_status ON posts (sync_status, deleted, blog)"),
};

// What version 5 did, exactly as it shipped.
const QStringList version5Schema{
        QStringLiteral("DROP TRIGGER posts_fts_update"),
        QStringLiteral("CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, body, deleted ON "
                       "posts WHEN old.title IS NOT new.title OR old.body IS NOT new.body OR "
                       "old.deleted IS NOT new.deleted BEGIN INSERT INTO posts_fts (posts_fts, "
                       "rowid, title, body) SELECT 'delete', old.id, old.title, old.body WHERE "
                       "old.deleted = 0; INSERT INTO posts_fts (rowid, title, body) SELECT "
                       "new.id, new.title, new.body WHERE new.deleted = 0; END"),
};

// What version 6 did, exactly as it shipped.
const QStringList version6Schema{
        QStringLiteral("DROP TRIGGER posts_fts_insert"),
        QStringLiteral("DROP TRIGGER posts_fts_update"),
        QStringLiteral("DROP TRIGGER posts_fts_delete"),
        QStringLiteral("CREATE TABLE posts_fts_pending (id INTEGER PRIMARY KEY, indexed INTEGER "
                       "NOT NULL CHECK (indexed IN (0, 1)), title TEXT, body TEXT)"),
        QStringLiteral("CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts WHEN new.deleted = "
                       "0 BEGIN INSERT OR IGNORE INTO posts_fts_pending (id, indexed) VALUES "
                       "(new.id, 0); END"),
        QStringLiteral("CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, body, deleted ON "
                       "posts WHEN old.title IS NOT new.title OR old.body IS NOT new.body OR "
                       "old.deleted IS NOT new.deleted BEGIN INSERT OR IGNORE INTO "
                       "posts_fts_pending (id, indexed, title, body) SELECT old.id, 1, "
                       "old.title, old.body WHERE old.deleted = 0 UNION ALL SELECT old.id, 0, "
                       "NULL, NULL WHERE old.deleted = 1; END"),
        QStringLiteral("CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts WHEN old.deleted = "
                       "0 BEGIN INSERT OR IGNORE INTO posts_fts_pending (id, indexed, title, "
                       "body) VALUES (old.id, 1, old.title, old.body); END"),
};

const QString liveGuid = QStringLiteral("11111111-1111-4111-8111-111111111111");
const QString deadGuid = QStringLiteral("22222222-2222-4222-8222-222222222222");
// A delete pulled from the server: synced, its base its own fields (stored as NULL before
// version 9).
const QString pulledDeleteGuid = QStringLiteral("33333333-3333-4333-8333-333333333333");

// What version 7 did, exactly as it shipped.
const QStringList version7Schema{
        QStringLiteral("CREATE INDEX posts_pending ON posts "
                       "(blog, modified_at, id, guid, edit_counter, rev, sync_status) "
                       "WHERE sync_status = 'needs-sync'"),
};

// What version 8 did, exactly as it shipped.
const QStringList version8Schema{
        QStringLiteral("DROP TABLE posts_fts"),
        QStringLiteral("CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, content='posts', "
                       "content_rowid='id', tokenize='unicode61 remove_diacritics 2', "
                       "prefix='3')"),
        QStringLiteral("DELETE FROM posts_fts_pending"),
        QStringLiteral("INSERT INTO posts_fts_pending (id, indexed) SELECT id, 0 FROM posts "
                       "WHERE deleted = 0"),
};

// Writes a database of the given schema version with one live post, one tombstone and a cursor.
void buildDatabase(const QString &path, int version)
{
    if (version == 0) { // an empty file, as a crash right after creating it leaves
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        return;
    }
    QStringList statements = version1Schema;
    statements << QStringLiteral("INSERT INTO posts (guid, blog, title, body, tags, created_at, "
                                 "modified_at, rev, sync_status, base, edit_counter) VALUES ('%1', "
                                 "'b', 'Zeppelin notes', 'airship history', '[\"x\"]', 1000, "
                                 "2000, 4, 'synced', '{\"title\":\"Zeppelin notes\"}', 3)")
                          .arg(liveGuid)
               << QStringLiteral("INSERT INTO posts (guid, title, body, created_at, modified_at, "
                                 "deleted) VALUES ('%1', 'Zeppelin tombstone', 'gone', 1, 1, 1)")
                          .arg(deadGuid)
               << QStringLiteral("INSERT INTO posts (guid, blog, title, body, created_at, "
                                 "modified_at, rev, deleted, sync_status, modified_by) VALUES "
                                 "('%1', 'b', 'Pulled delete', 'was here', 5, 6, 7, 1, "
                                 "'synced', 'grace')")
                          .arg(pulledDeleteGuid)
               << QStringLiteral("INSERT INTO sync_state VALUES ('https://s', 'b', 42)");
    if (version >= 2) {
        statements << version2Schema
                   << QStringLiteral("INSERT INTO posts_fts (rowid, title, body) "
                                     "SELECT id, title, body FROM posts WHERE deleted = 0");
    }
    if (version >= 3)
        statements << QStringLiteral(
                "ALTER TABLE sync_state ADD COLUMN epoch TEXT NOT NULL DEFAULT ''");
    if (version >= 4)
        statements << version4Schema;
    if (version >= 5)
        statements << version5Schema;
    if (version >= 6)
        statements << version6Schema;
    if (version >= 7)
        statements << version7Schema;
    if (version >= 8)
        statements << version8Schema;
    statements << QStringLiteral("PRAGMA user_version = %1").arg(version);
    rawExec(path, statements);
}

// A store database with some posts, closed again.
void buildStoreDatabase(const QString &path, int posts)
{
    LocalStore store(path);
    QVERIFY(store.open());
    for (int i = 0; i < posts; ++i)
        QVERIFY(store.posts().create(QString(), fields(QString::number(i), QString(3000, u'b'))));
}

} // namespace

class TestDatabaseFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsNewDatabase();
    void migratesFromEveryEarlierVersion_data();
    void migratesFromEveryEarlierVersion();
    void failedMigrationKeepsPreviousVersion();
    void refusesNewerDatabaseUntouched();
    void badFileGivesClearErrorUntouched_data();
    void badFileGivesClearErrorUntouched();
    void readOnlyFileIsRefusedUntouched();
    void missingFolderIsAnOpenError();

private:
    test::TempDir m_dir;
};

void TestDatabaseFile::createsNewDatabase()
{
    const QString path = m_dir.filePath(QStringLiteral("new.db"));
    {
        LocalStore store(path);
        QVERIFY(store.open());
        QVERIFY(store.open()); // twice is fine
    }
    QCOMPARE(rawExec(path, {QStringLiteral("PRAGMA user_version")}).toInt(),
             LocalStore::SchemaVersion);
    QCOMPARE(rawExec(path, {QStringLiteral("PRAGMA page_size")}).toInt(), LocalStore::PageSize);
}

void TestDatabaseFile::migratesFromEveryEarlierVersion_data()
{
    QTest::addColumn<int>("version");
    for (int version = 0; version < LocalStore::SchemaVersion; ++version)
        QTest::addRow("version %d", version) << version;
}

void TestDatabaseFile::migratesFromEveryEarlierVersion()
{
    QFETCH(int, version);
    const QString path = m_dir.filePath(QStringLiteral("v%1.db").arg(version));
    buildDatabase(path, version);
    {
        LocalStore store(path);
        QVERIFY(store.open());
        if (version > 0) {
            // Version 8 noted the live post for the rebuilt index, not the tombstone: until
            // the indexer (or the next save, for a backlog this short) catches up, search
            // misses it.
            QCOMPARE(store.searchIndexBacklog(10).value(), 1);
            QVERIFY(store.posts().search(QStringLiteral("zeppelin"), PostQuery())->isEmpty());
            QCOMPARE(store.catchUpSearchIndex().value(), 0);
            auto live = store.posts().post(liveGuid);
            QVERIFY(live);
            QCOMPARE(live->fields.title, QStringLiteral("Zeppelin notes"));
            QCOMPARE(live->fields.tags, QStringList{QStringLiteral("x")});
            QCOMPARE(live->rev, 4);
            QCOMPARE(live->editCounter, 3);
            QCOMPARE(live->syncStatus, model::SyncStatus::Synced);
            QCOMPARE(live->base->title, QStringLiteral("Zeppelin notes"));
            QCOMPARE(live->lastError, QString());
            // Its base was stored as NULL: the post's own fields (version 9: the flag).
            auto pulledDelete = store.posts().post(pulledDeleteGuid);
            QVERIFY(pulledDelete);
            QVERIFY(pulledDelete->deleted);
            QCOMPARE(pulledDelete->rev, 7);
            QCOMPARE(pulledDelete->syncStatus, model::SyncStatus::Synced);
            QCOMPARE(pulledDelete->modifiedBy, QStringLiteral("grace"));
            QCOMPARE(pulledDelete->base, pulledDelete->fields);
            QCOMPARE(*store.sync().cursor(QStringLiteral("https://s"), QStringLiteral("b")), 42);
            // Version 3: no epoch is known for an old cursor; storing one keeps the cursor.
            QCOMPARE(*store.sync().epoch(QStringLiteral("https://s"), QStringLiteral("b")),
                     QString());
            const QString epoch = QStringLiteral("00112233445566778899aabbccddeeff");
            QVERIFY(store.sync().setEpoch(QStringLiteral("https://s"), QStringLiteral("b"), epoch));
            QCOMPARE(*store.sync().epoch(QStringLiteral("https://s"), QStringLiteral("b")), epoch);
            QCOMPARE(*store.sync().cursor(QStringLiteral("https://s"), QStringLiteral("b")), 42);
            // The index (added by version 2, rebuilt by 8) covers old posts, without the
            // tombstone.
            for (const QString &query : {QStringLiteral("zeppelin"), QStringLiteral("zep"),
                                         QStringLiteral("airship his")}) {
                auto found = store.posts().search(query, PostQuery());
                QVERIFY(found);
                QCOMPARE(found->size(), 1);
                QCOMPARE(found->at(0).guid, liveGuid);
            }
        }
        // Everything of the current version works on the migrated file.
        auto created = store.posts().create(QString(), fields(QStringLiteral("after migration")));
        QVERIFY(created);
        // Pending in push order, old posts among them (the tombstone was never pushed).
        const auto pending = store.sync().pendingVersions(QString());
        QVERIFY(pending);
        QStringList pendingGuids;
        for (const PendingVersion &post : *pending)
            pendingGuids.append(post.guid);
        const QStringList expected =
                version > 0 ? QStringList{deadGuid, created->guid} : QStringList{created->guid};
        QCOMPARE(pendingGuids, expected);
        QCOMPARE(store.posts().search(QStringLiteral("migration"), PostQuery())->size(), 1);
        QVERIFY(store.posts().update(created->guid, fields(QStringLiteral("renamed"))));
        QCOMPARE(store.posts().search(QStringLiteral("migration"), PostQuery())->size(), 0);
        QVERIFY(store.posts().remove(created->guid));
        QCOMPARE(store.posts().search(QStringLiteral("renamed"), PostQuery())->size(), 0);
        QVERIFY(store.sync().setPostError(created->guid, QStringLiteral("e")));
        QVERIFY(store.checkIntegrity());
    }
    QCOMPARE(rawExec(path, {QStringLiteral("PRAGMA user_version")}).toInt(),
             LocalStore::SchemaVersion);
    // An old file keeps its page size (SQLite's default when it was made).
    if (version > 0)
        QCOMPARE(rawExec(path, {QStringLiteral("PRAGMA page_size")}).toInt(), 4096);
    // Version 4: the status indexes (on post_sync since version 9).
    QCOMPARE(rawExec(path,
                     {QStringLiteral("SELECT group_concat(name) FROM (SELECT name FROM "
                                     "sqlite_master WHERE type = 'index' AND name LIKE "
                                     "'post%_by_%status' ORDER BY name)")})
                     .toString(),
             QStringLiteral("post_sync_by_status,post_sync_by_sync_status"));
    // Version 5: the full-text trigger runs only when the text changes.
    QVERIFY(rawExec(path,
                    {QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                                    "name = 'posts_fts_update'")})
                    .toString()
                    .contains(QStringLiteral("WHEN old.title IS NOT new.title")));
    // Version 6: the triggers note posts for the index instead of writing it, and the
    // migrated index holds exactly the live posts' text.
    QCOMPARE(rawExec(path,
                     {QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                                     "AND name LIKE 'posts_fts_%' AND sql LIKE "
                                     "'%posts_fts_pending%'")})
                     .toInt(),
             3);
    QCOMPARE(rawExec(path, {QStringLiteral("SELECT count(*) FROM posts_fts_pending")}).toInt(), 0);
    const QString difference = test::searchIndexDifferenceAt(path);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    // Version 7: the index of the pending posts in push order, which the sync lists from (on
    // post_sync since version 9).
    QCOMPARE(rawExec(path,
                     {QStringLiteral("SELECT group_concat(name) FROM sqlite_master WHERE type = "
                                     "'index' AND name LIKE '%pending' AND sql LIKE "
                                     "'%WHERE sync_status = ''needs-sync''%'")})
                     .toString(),
             QStringLiteral("post_sync_pending"));
    // Version 8: the full-text index has a prefix index (and, checked above, exactly the live
    // posts' text once caught up).
    QVERIFY(rawExec(path,
                    {QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'posts_fts'")})
                    .toString()
                    .contains(QStringLiteral("prefix='3'")));
    // Version 9: the sync state in post_sync, a row for every post with the copies of its
    // identity, blog, time and tombstone flag; posts without the moved columns.
    const int posts = rawExec(path, {QStringLiteral("SELECT count(*) FROM posts")}).toInt();
    QCOMPARE(rawExec(path,
                     {QStringLiteral("SELECT count(*) FROM posts p JOIN post_sync s ON s.id = p.id "
                                     "AND s.guid = p.guid AND s.blog = p.blog AND s.modified_at "
                                     "= p.modified_at AND s.deleted = p.deleted")})
                     .toInt(),
             posts);
    QCOMPARE(rawExec(path, {QStringLiteral("SELECT count(*) FROM post_sync")}).toInt(), posts);
    QCOMPARE(rawExec(path,
                     {QStringLiteral("SELECT group_concat(name) FROM pragma_table_info('posts') "
                                     "WHERE name IN ('rev', 'sync_status', 'edit_counter', "
                                     "'created_by', 'modified_by', 'last_error')")})
                     .toString(),
             QString());
}

void TestDatabaseFile::failedMigrationKeepsPreviousVersion()
{
    const QString path = m_dir.filePath(QStringLiteral("blocked.db"));
    buildDatabase(path, 1);
    // A table in the way of version 2 makes its migration fail half-way.
    rawExec(path, {QStringLiteral("CREATE TABLE posts_fts (x)")});
    {
        LocalStore store(path);
        auto opened = store.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, ErrorCode::DatabaseQuery);
        QVERIFY(!store.isOpen());
    }
    QCOMPARE(rawExec(path, {QStringLiteral("PRAGMA user_version")}).toInt(), 1);
    // The step's earlier statements were rolled back with it.
    QCOMPARE(rawExec(path,
                     {QStringLiteral("SELECT count(*) FROM pragma_table_info('posts') "
                                     "WHERE name = 'last_error'")})
                     .toInt(),
             0);
}

void TestDatabaseFile::refusesNewerDatabaseUntouched()
{
    const QString path = m_dir.filePath(QStringLiteral("future.db"));
    buildStoreDatabase(path, 3);
    rawExec(path, {QStringLiteral("PRAGMA user_version = 99")});
    const QByteArray before = fileHash(path);
    LocalStore store(path);
    auto opened = store.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::DatabaseTooNew);
    QVERIFY2(opened.error().message.contains(QLatin1String("99")),
             qPrintable(opened.error().message));
    QVERIFY(!store.isOpen());
    QCOMPARE(store.posts().count(PostQuery()).error().code, ErrorCode::DatabaseOpen);
    QCOMPARE(fileHash(path), before);
    QCOMPARE(rawExec(path, {QStringLiteral("PRAGMA user_version")}).toInt(), 99);
}

void TestDatabaseFile::badFileGivesClearErrorUntouched_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("random bytes") << QStringLiteral("garbage");
    QTest::newRow("shorter than a header") << QStringLiteral("short");
    QTest::newRow("truncated to half") << QStringLiteral("half");
    QTest::newRow("schema page overwritten") << QStringLiteral("schema");
    QTest::newRow("header magic damaged") << QStringLiteral("magic");
}

void TestDatabaseFile::badFileGivesClearErrorUntouched()
{
    QFETCH(QString, damage);
    const QString path = m_dir.filePath(damage + QStringLiteral(".db"));
    buildStoreDatabase(path, 60);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 size = file.size();
        QVERIFY(size > 64 * 1024);
        if (damage == QLatin1String("garbage")) {
            QByteArray noise(8192, '\0');
            for (int i = 0; i < noise.size(); ++i)
                noise[i] = char((i * 7919) % 251);
            QVERIFY(file.resize(0));
            file.write(noise);
        } else if (damage == QLatin1String("short")) {
            QVERIFY(file.resize(50));
        } else if (damage == QLatin1String("half")) {
            QVERIFY(file.resize(size / 2));
        } else if (damage == QLatin1String("schema")) {
            QVERIFY(file.seek(100));
            file.write(QByteArray(4000, '\x5a'));
        } else {
            file.write("SQLite format 2");
        }
    }
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    const QByteArray before = fileHash(path);
    LocalStore store(path);
    auto opened = store.open();
    QVERIFY(!opened);
    QCOMPARE(opened.error().code, ErrorCode::DatabaseCorrupt);
    QVERIFY(!opened.error().message.isEmpty());
    QVERIFY(!errorText(opened.error().code).isEmpty());
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

// As root, permission bits do not stop writes: open the file as "nobody" in a helper process.
void TestDatabaseFile::readOnlyFileIsRefusedUntouched()
{
    test::TempDir dir;
    const QString path = dir.filePath(QStringLiteral("readonly.db"));
    buildStoreDatabase(path, 5);
    const QByteArray before = fileHash(path);
    // As root, a helper run as nobody opens the file. It runs from a copy in this folder: the
    // build tree may sit in a folder nobody cannot enter (e.g. a checkout under mktemp -d).
    const QString helperPath = dir.filePath(QStringLiteral("store-helper"));
    if (geteuid() == 0) {
        QVERIFY(QFile::copy(QStringLiteral(STORE_HELPER), helperPath));
        QVERIFY(QFile::setPermissions(helperPath,
                                      QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup
                                              | QFile::ExeGroup | QFile::ReadOther
                                              | QFile::ExeOther));
    }
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    QVERIFY(QFile::setPermissions(dir.path(),
                                  QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup
                                          | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));

    if (geteuid() != 0) {
        LocalStore store(path);
        auto opened = store.open();
        QCOMPARE(opened.error().code, ErrorCode::DatabaseReadOnly);
    } else {
        QProcess helper;
        helper.setChildProcessModifier([] {
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(3);
        });
        helper.start(helperPath, {QStringLiteral("open"), path});
        QVERIFY2(helper.waitForFinished(60000), qPrintable(helper.errorString()));
        const QString output = QString::fromUtf8(helper.readAllStandardOutput()).trimmed();
        QCOMPARE(helper.exitCode(), 0);
        QCOMPARE(output, QStringLiteral("euid=65534 database-read-only"));
    }
    QCOMPARE(fileHash(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    // Writable again, the same file opens normally (the folder must be writable for WAL).
    QVERIFY(QFile::setPermissions(dir.path(),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
    LocalStore store(path);
    QVERIFY(store.open());
    QCOMPARE(store.posts().count(PostQuery()).value(), 5);
}

void TestDatabaseFile::missingFolderIsAnOpenError()
{
    LocalStore store(m_dir.filePath(QStringLiteral("no/such/folder/x.db")));
    auto opened = store.open();
    QCOMPARE(opened.error().code, ErrorCode::DatabaseOpen);
}

QTEST_GUILESS_MAIN(TestDatabaseFile)
#include "tst_databasefile.moc"
