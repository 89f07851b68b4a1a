#include "store/schema.h"

#include "store/localstore.h"
#include "store/storelogging.h"
#include "store/threadconnection.h"

#include <QStringBuilder>
#include <QStringList>

namespace inkwell::store::schema {

namespace {

struct Migration
{
    int version;
    QStringList statements;
};

// Version 1: posts, attachments and pull cursors. posts has an INTEGER PRIMARY KEY so the rowid
// the full-text index refers to stays stable across VACUUM; guid is the post's identity. base is
// the fields of the last synced version as JSON; NULL when there is none (rev = 0) or, for
// rev > 0, when it is the post's own fields (see postrow::storedBase()).
Migration version1()
{
    return Migration{
            1,
            {
                    QStringLiteral(R"(CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    blog TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
    cover TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    rev INTEGER NOT NULL DEFAULT 0 CHECK (rev >= 0),
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    sync_status TEXT NOT NULL DEFAULT 'needs-sync'
        CHECK (sync_status IN ('synced', 'needs-sync', 'conflicted')),
    base TEXT,
    theirs TEXT,
    edit_counter INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL DEFAULT '',
    modified_by TEXT NOT NULL DEFAULT ''
))"),
                    QStringLiteral("CREATE INDEX posts_by_modification "
                                   "ON posts (deleted, modified_at DESC, guid DESC)"),
                    QStringLiteral("CREATE INDEX posts_by_status ON posts (blog, sync_status)"),
                    QStringLiteral(R"(CREATE TABLE attachments (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    mime TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    data BLOB NOT NULL,
    added_at INTEGER NOT NULL
))"),
                    QStringLiteral(R"(CREATE TABLE sync_state (
    server TEXT NOT NULL,
    blog TEXT NOT NULL,
    cursor INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
    PRIMARY KEY (server, blog)
))"),
            }};
}

// The trigger that keeps the full-text entry of an updated post current, run when `when` holds
// (empty: on every update of the columns). One trigger, so the old entry is always removed
// before the new one is added.
QString ftsUpdateTrigger(const QString &when)
{
    return QStringLiteral("CREATE TRIGGER posts_fts_update "
                          "AFTER UPDATE OF title, body, deleted ON posts ")
            % when
            % QStringLiteral("BEGIN "
                             "INSERT INTO posts_fts (posts_fts, rowid, title, body) "
                             "SELECT 'delete', old.id, old.title, old.body "
                             "WHERE old.deleted = 0; "
                             "INSERT INTO posts_fts (rowid, title, body) "
                             "SELECT new.id, new.title, new.body WHERE new.deleted = 0; END");
}

// Version 2: a per-post sync error, and the FTS5 index over title and body of live posts, kept
// current by triggers (tombstones leave the index).
Migration version2()
{
    return Migration{
            2,
            {
                    QStringLiteral(
                            "ALTER TABLE posts ADD COLUMN last_error TEXT NOT NULL DEFAULT ''"),
                    QStringLiteral("CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, "
                                   "content='posts', content_rowid='id', "
                                   "tokenize='unicode61 remove_diacritics 2')"),
                    QStringLiteral("CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts "
                                   "WHEN new.deleted = 0 BEGIN "
                                   "INSERT INTO posts_fts (rowid, title, body) "
                                   "VALUES (new.id, new.title, new.body); END"),
                    ftsUpdateTrigger(QString()),
                    QStringLiteral("CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts "
                                   "WHEN old.deleted = 0 BEGIN "
                                   "INSERT INTO posts_fts (posts_fts, rowid, title, body) "
                                   "VALUES ('delete', old.id, old.title, old.body); END"),
                    QStringLiteral("INSERT INTO posts_fts (rowid, title, body) "
                                   "SELECT id, title, body FROM posts WHERE deleted = 0"),
            }};
}

// Version 3: the identity (epoch) of the server database each cursor belongs to; empty until
// the server has named one. A different epoch means the server database was restored.
Migration version3()
{
    return Migration{
            3,
            {QStringLiteral("ALTER TABLE sync_state ADD COLUMN epoch TEXT NOT NULL DEFAULT ''")}};
}

// Version 4: indexes that answer the status questions asked at every sync and on every change
// (how many posts are pending or in conflict, which ones, in one blog or in all) from the index
// alone, without reading the posts: on a profile of 10,000 posts a count read every page of the
// file before. posts_by_status gains `deleted`; posts_by_sync_status leads with the status.
Migration version4()
{
    return Migration{4,
                     {
                             QStringLiteral("DROP INDEX posts_by_status"),
                             QStringLiteral("CREATE INDEX posts_by_status "
                                            "ON posts (blog, sync_status, deleted)"),
                             QStringLiteral("CREATE INDEX posts_by_sync_status "
                                            "ON posts (sync_status, deleted, blog)"),
                     }};
}

// Version 5: the full-text index is only rewritten when the title, the body or the tombstone
// flag really change. A statement that sets them to the values they have (a pulled revision
// that changed only the tags, a page of pulled posts written in one statement) leaves the
// index alone instead of removing and adding every term of the post.
Migration version5()
{
    return Migration{5,
                     {
                             QStringLiteral("DROP TRIGGER posts_fts_update"),
                             ftsUpdateTrigger(QStringLiteral(
                                     "WHEN old.title IS NOT new.title OR old.body IS NOT new.body "
                                     "OR old.deleted IS NOT new.deleted ")),
                     }};
}

// The triggers that note a changed post in posts_fts_pending (version 6; created again by
// version 9, which rebuilds the posts table).
QStringList pendingNoteTriggers()
{
    return {
            QStringLiteral("CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts "
                           "WHEN new.deleted = 0 BEGIN "
                           "INSERT OR IGNORE INTO posts_fts_pending (id, indexed) "
                           "VALUES (new.id, 0); END"),
            QStringLiteral("CREATE TRIGGER posts_fts_update "
                           "AFTER UPDATE OF title, body, deleted ON posts "
                           "WHEN old.title IS NOT new.title OR old.body IS NOT new.body "
                           "OR old.deleted IS NOT new.deleted BEGIN "
                           "INSERT OR IGNORE INTO posts_fts_pending (id, indexed, title, body) "
                           "SELECT old.id, 1, old.title, old.body WHERE old.deleted = 0 "
                           "UNION ALL SELECT old.id, 0, NULL, NULL WHERE old.deleted = 1; END"),
            QStringLiteral("CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts "
                           "WHEN old.deleted = 0 BEGIN "
                           "INSERT OR IGNORE INTO posts_fts_pending "
                           "(id, indexed, title, body) "
                           "VALUES (old.id, 1, old.title, old.body); END"),
    };
}

// Version 6: the full-text index is written after the posts, not inside every transaction
// that changes them. The triggers only note a post in posts_fts_pending, with the title and
// body the index holds for it when it holds any (indexed = 1): an external-content index can
// only remove the terms it is given, and by the time the entry is brought up to date the row
// has changed. The first note wins, because it describes what the index still holds. Brought
// up to date by searchindex::catchUp(); see LocalStore::write() for who calls it when.
Migration version6()
{
    return Migration{6,
                     QStringList{
                             QStringLiteral("DROP TRIGGER posts_fts_insert"),
                             QStringLiteral("DROP TRIGGER posts_fts_update"),
                             QStringLiteral("DROP TRIGGER posts_fts_delete"),
                             QStringLiteral(R"(CREATE TABLE posts_fts_pending (
    id INTEGER PRIMARY KEY,
    indexed INTEGER NOT NULL CHECK (indexed IN (0, 1)),
    title TEXT,
    body TEXT
))"),
                     } + pendingNoteTriggers()};
}

// Version 7: the pending posts of a blog in push order, with what a sync lists of them
// (SyncRepository::pendingVersions(), three times in a run that pushes), from a small index of
// the pending posts alone. The sync lists them on its own connection, whose page cache another
// connection's edits have emptied: through posts_by_status it read every pending post's row
// (~2 KiB each) from the file, 3-4 ms for 1,000 pending posts, each time. sync_status is in the
// index so that SQLite sees the index answers the whole query.
Migration version7()
{
    return Migration{
            7,
            {QStringLiteral("CREATE INDEX posts_pending ON posts "
                            "(blog, modified_at, id, guid, edit_counter, rev, sync_status) "
                            "WHERE sync_status = 'needs-sync'")}};
}

// Version 8: a prefix index of three characters in the full-text index. Search reads the last
// word typed as a prefix from its third letter on ("riv" finds "river", see
// ftsMatchExpression()): without it FTS5 merges the lists of every term that starts so, which for
// three letters of real prose is much of the index, at every keystroke; with it one list is read.
// Longer prefixes are left to the merge: fewer and rarer terms start with four letters, and an
// index for them too would add as much again (docs/benchmarks.md, "Search on real words"). The
// index is about 1.8 times the size. The new index starts empty with every live post noted for it:
// the editor's indexer (started with the sync worker) builds it in the background a batch at a
// time, while the list says search is behind, instead of the migration holding the editor's
// start (seconds for a large profile).
Migration version8()
{
    return Migration{
            8,
            {
                    QStringLiteral("DROP TABLE posts_fts"),
                    QStringLiteral("CREATE VIRTUAL TABLE posts_fts USING fts5(title, body, "
                                   "content='posts', content_rowid='id', "
                                   "tokenize='unicode61 remove_diacritics 2', prefix='3')"),
                    QStringLiteral("DELETE FROM posts_fts_pending"),
                    QStringLiteral("INSERT INTO posts_fts_pending (id, indexed) "
                                   "SELECT id, 0 FROM posts WHERE deleted = 0"),
            }};
}

// Version 9: the sync state of a post in a table of its own. A push's acknowledgement changes
// only that state (rev, status, authors, error), but SQLite rewrites a whole row to change one
// column: with the state in posts every acknowledged post rewrote ~2.3 KiB (its body included),
// a page of the write-ahead log per post. post_sync holds the state and a flag saying that the
// last synced version's fields are the post's own (the usual case after a sync), so posts.base
// holds the JSON of the base only when it differs and is left as it was (ignored) while the
// flag is set. post_sync also carries copies of guid, blog, modified_at and deleted, written with
// the posts row (store/postaccess.cpp), so the status counts and the pending list are answered
// from its indexes alone. posts is rebuilt without the moved columns (same ids, so the full-text
// index stays valid; the table of version 1 spelt out again, since a migration is fixed text);
// its triggers and indexes are created again.
Migration version9()
{
    return Migration{
            9,
            QStringList{
                    QStringLiteral(R"(CREATE TABLE post_sync (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL,
    blog TEXT NOT NULL DEFAULT '',
    modified_at INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    rev INTEGER NOT NULL DEFAULT 0 CHECK (rev >= 0),
    sync_status TEXT NOT NULL DEFAULT 'needs-sync'
        CHECK (sync_status IN ('synced', 'needs-sync', 'conflicted')),
    base_is_fields INTEGER NOT NULL DEFAULT 0 CHECK (base_is_fields IN (0, 1)),
    edit_counter INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL DEFAULT '',
    modified_by TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT ''
))"),
                    QStringLiteral("INSERT INTO post_sync (id, guid, blog, modified_at, deleted, "
                                   "rev, sync_status, base_is_fields, edit_counter, created_by, "
                                   "modified_by, last_error) SELECT id, guid, blog, modified_at, "
                                   "deleted, rev, sync_status, rev > 0 AND base IS NULL, "
                                   "edit_counter, created_by, modified_by, last_error FROM posts"),
                    QStringLiteral(R"(CREATE TABLE posts_v9 (
    id INTEGER PRIMARY KEY,
    guid TEXT NOT NULL UNIQUE,
    blog TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
    cover TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    modified_at INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    base TEXT,
    theirs TEXT
))"),
                    QStringLiteral("INSERT INTO posts_v9 (id, guid, blog, title, body, tags, "
                                   "state, cover, created_at, modified_at, deleted, base, theirs) "
                                   "SELECT id, guid, blog, title, body, tags, state, cover, "
                                   "created_at, modified_at, deleted, base, theirs FROM posts"),
                    QStringLiteral("DROP TABLE posts"),
                    QStringLiteral("ALTER TABLE posts_v9 RENAME TO posts"),
                    QStringLiteral("CREATE INDEX posts_by_modification "
                                   "ON posts (deleted, modified_at DESC, guid DESC)"),
                    QStringLiteral("CREATE INDEX post_sync_by_status "
                                   "ON post_sync (blog, sync_status, deleted)"),
                    QStringLiteral("CREATE INDEX post_sync_by_sync_status "
                                   "ON post_sync (sync_status, deleted, blog)"),
                    QStringLiteral("CREATE INDEX post_sync_pending ON post_sync "
                                   "(blog, modified_at, id, guid, edit_counter, rev, sync_status) "
                                   "WHERE sync_status = 'needs-sync'"),
                    QStringLiteral("CREATE TRIGGER posts_sync_delete AFTER DELETE ON posts BEGIN "
                                   "DELETE FROM post_sync WHERE id = old.id; END"),
            } + pendingNoteTriggers()};
}

const QList<Migration> &migrations()
{
    static const QList<Migration> all{version1(), version2(), version3(), version4(), version5(),
                                      version6(), version7(), version8(), version9()};
    static_assert(LocalStore::SchemaVersion == 9, "add the migration for the new version");
    return all;
}

Result<void> apply(ThreadConnection &connection, const Migration &migration)
{
    if (auto begun = connection.exec(QStringLiteral("BEGIN IMMEDIATE")); !begun)
        return begun;
    auto rollback = [&connection](const Error &error) -> Result<void> {
        (void)connection.exec(QStringLiteral("ROLLBACK"));
        return error;
    };
    // Another process may have migrated between our check and our write lock.
    auto current = version(connection);
    if (!current)
        return rollback(current.error());
    if (*current >= migration.version)
        return connection.exec(QStringLiteral("ROLLBACK"));
    for (const QString &sql : migration.statements) {
        if (auto done = connection.exec(sql); !done)
            return rollback(done.error());
    }
    const QString setVersion = QStringLiteral("PRAGMA user_version = %1").arg(migration.version);
    if (auto done = connection.exec(setVersion); !done)
        return rollback(done.error());
    if (auto committed = connection.exec(QStringLiteral("COMMIT")); !committed)
        return rollback(committed.error());
    qCInfo(lcStore) << "migrated the local database to schema version" << migration.version;
    return {};
}

} // namespace

Result<int> version(ThreadConnection &connection)
{
    auto value = connection.scalar(QStringLiteral("PRAGMA user_version"));
    if (!value)
        return value.error();
    return value->toInt();
}

Result<void> migrate(ThreadConnection &connection)
{
    for (const Migration &migration : migrations()) {
        auto current = version(connection);
        if (!current)
            return current.error();
        if (*current >= migration.version)
            continue;
        if (auto applied = apply(connection, migration); !applied)
            return applied;
    }
    return {};
}

} // namespace inkwell::store::schema
