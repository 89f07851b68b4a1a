// ServerStore: posts (the sync rule and pulls) and blobs.
#include "server/store/serverstore.h"

#include "protocol/codec.h"
#include "protocol/validation.h"
#include "server/store/database.h"
#include "server/store/pushbatch.h"
#include "server/store/sqliterows.h"
#include "server/store/storelogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

namespace inkwell::server::store {

namespace {

// Pushes to a PostgreSQL blog first try without a lock this often before they queue for it.
constexpr int unlockedAttempts = 3;

// How a batch may write: on its own (one atomic statement), or inside the caller's transaction,
// which also records what the push changes on the public site.
enum class BatchWrite { Alone, InTransaction };

// Loads, runs the rule for every change in order, and writes. Alone: a push that changes the
// public site writes nothing (*written false, *needsTransaction true).
Result<QList<ApplyOutcome>> runBatch(PushBatch &batch, QSqlDatabase &db, Driver driver,
                                     const QList<protocol::Change> &changes,
                                     const QList<EncodedFields> &encoded, bool *written,
                                     BatchWrite mode = BatchWrite::InTransaction,
                                     bool *needsTransaction = nullptr)
{
    if (Result<void> loaded = batch.load(db, driver, changes); !loaded)
        return loaded.error();
    QList<ApplyOutcome> outcomes;
    outcomes.reserve(changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i)
        outcomes.append(batch.apply(changes[i], encoded.value(i)));
    const QList<SiteChange> site = batch.siteChanges();
    if (!site.isEmpty() && mode == BatchWrite::Alone) {
        *written = false;
        *needsTransaction = true;
        return outcomes;
    }
    Result<bool> stored = batch.write(db, driver);
    if (!stored)
        return stored.error();
    *written = *stored;
    if (*stored && !site.isEmpty()) {
        if (Result<void> shown = updateSite(db, batch.blogId(), site); !shown)
            return shown.error();
    }
    return outcomes;
}

// PostgreSQL without a transaction: two statements, the read and one atomic write that happens
// only if no other push to the blog committed in between (it waits for one in flight).
// nullopt when one did: nothing was written, try again - or, with *needsLock, push under the
// blog's lock (the push changes the public site, which takes more than one statement).
Result<std::optional<QList<ApplyOutcome>>> applyUnlocked(const Database &database, qint64 blogId,
                                                         const QString &accountName,
                                                         const QList<protocol::Change> &changes,
                                                         const QList<EncodedFields> &encoded,
                                                         bool *needsLock)
{
    Result<QSqlDatabase> db = database.connection();
    if (!db)
        return db.error();
    PushBatch batch(blogId, accountName);
    bool written = false;
    Result<QList<ApplyOutcome>> outcomes = runBatch(batch, *db, Driver::Postgres, changes, encoded,
                                                    &written, BatchWrite::Alone, needsLock);
    if (!outcomes)
        return outcomes.error();
    if (!written)
        return std::optional<QList<ApplyOutcome>>();
    return std::optional<QList<ApplyOutcome>>(std::move(*outcomes));
}

// Inside a write transaction that holds the blog: SQLite's BEGIN IMMEDIATE holds the database,
// PostgreSQL locks the blog row first.
Result<QList<ApplyOutcome>> applyLocked(const Database &database, qint64 blogId,
                                        const QString &accountName,
                                        const QList<protocol::Change> &changes,
                                        const QList<EncodedFields> &encoded)
{
    QList<ApplyOutcome> outcomes;
    const Driver driver = database.driver();
    Result<void> done = database.transaction([&](QSqlDatabase &db) -> Result<void> {
        if (driver == Driver::Postgres) {
            bool found = false;
            Result<Statement> locked = queryRow(
                    db, QStringLiteral("SELECT last_rev FROM blogs WHERE id = ? FOR UPDATE"),
                    {blogId}, &found);
            if (!locked)
                return locked.error();
        }
        PushBatch batch(blogId, accountName); // a retried transaction starts over
        bool written = false;
        Result<QList<ApplyOutcome>> applied =
                runBatch(batch, db, driver, changes, encoded, &written);
        if (!applied)
            return applied.error();
        if (!written) // cannot happen while the blog is locked
            return Error{ErrorCode::ServerUnavailable, QStringLiteral("the blog changed")};
        outcomes = std::move(*applied);
        return {};
    });
    if (!done)
        return done.error();
    return outcomes;
}

// An upper bound of protocol::encodedSize(revision), without encoding: JSON text takes at most
// 6 bytes per UTF-16 unit of a string (a \uXXXX escape), plus quotes; everything else (keys,
// punctuation, the number, the state name, the timestamp) fits in a fixed allowance.
qint64 encodedSizeBound(const model::Revision &revision)
{
    constexpr qint64 fixed = 512;
    const auto text = [](const QString &value) { return 6 * qint64(value.size()) + 3; };
    qint64 bound = fixed + text(revision.guid) + text(revision.createdBy)
            + text(revision.modifiedBy) + text(revision.fields.title) + text(revision.fields.body)
            + text(revision.fields.cover);
    for (const QString &tag : revision.fields.tags)
        bound += text(tag);
    return bound;
}

// The byte budget of one pull page. Exact sizes need each revision encoded once more, so they
// are only computed once the cheap bounds could pass the budget; the page ends at the same
// row either way.
class PageBudget
{
public:
    explicit PageBudget(qint64 maxBytes) : m_maxBytes(maxBytes) { }

    // Whether `next` still fits after `page` (a page always takes its first row).
    bool admits(const model::Revision &next, const QList<model::Revision> &page)
    {
        if (m_maxBytes <= 0)
            return true;
        if (m_exact < 0) {
            m_bound += encodedSizeBound(next);
            if (m_bound <= m_maxBytes)
                return true;
            m_exact = 0;
            for (const model::Revision &earlier : page)
                m_exact += protocol::encodedSize(earlier);
        }
        m_exact += protocol::encodedSize(next);
        return m_exact <= m_maxBytes || page.isEmpty();
    }

private:
    qint64 m_maxBytes;
    qint64 m_bound = 0;
    qint64 m_exact = -1; // the exact size so far, once needed
};

// The rows of a pull: the blog's last revision on each, then the post's postColumns() from
// column 1 (NULL when the page is empty). Read through QtSql (PostgreSQL) or through SQLite's
// own API; readPage() is the one loop over either.
class QtPullRows
{
public:
    explicit QtPullRows(Statement &query) : m_query(query) { }
    bool next() { return m_query.next(); }
    qint64 lastRev() const { return m_query.value(0).toLongLong(); }
    bool hasPost() const { return !m_query.value(1).isNull(); }
    qint64 rev() const { return m_query.value(2).toLongLong(); }
    model::Revision revision() const { return revisionFrom(m_query, 1); }
    std::optional<Error> error() const
    {
        if (!m_query.lastError().isValid())
            return std::nullopt;
        return sqlError(m_query.lastError(), QStringLiteral("pull"));
    }

private:
    Statement &m_query;
};

class SqlitePullRows
{
public:
    explicit SqlitePullRows(sqlite3_stmt *statement) : m_rows(statement) { }

    // A failed bind shows at the first next(), in error().
    template<typename... Values>
    void bind(const Values &...values)
    {
        m_rows.bind(values...);
    }
    bool next() { return m_rows.next(); }
    qint64 lastRev() const { return m_rows.integer(0); }
    bool hasPost() const { return !m_rows.isNull(1); }
    qint64 rev() const { return m_rows.integer(2); }
    model::Revision revision() const { return revisionFrom(m_rows, 1); }
    std::optional<Error> error() const { return m_rows.error(QStringLiteral("pull")); }

private:
    SqliteReader m_rows;
};

// One page of the rows after `cursor`: at most `limit` posts within the byte budget, the cursor
// after them, and whether more follow.
template<typename Rows>
Result<PullPage> readPage(Rows &rows, qint64 cursor, int limit, qint64 maxBytes,
                          RevisionRange omitted)
{
    if (!rows.next()) {
        if (std::optional<Error> failed = rows.error())
            return *failed;
        return Error{ErrorCode::NotFound, QStringLiteral("no such blog")};
    }
    const qint64 last = rows.lastRev();
    if (cursor > last)
        return Error{ErrorCode::ResyncRequired,
                     QStringLiteral("cursor %1 is ahead of the blog's last revision %2; pull again "
                                    "from the start")
                             .arg(cursor)
                             .arg(last)};
    PullPage page;
    page.cursor = cursor;
    PageBudget budget(maxBytes);
    qint64 next = 0; // the first row left for the next page
    for (bool row = rows.hasPost(); row; row = rows.next()) {
        if (page.changes.size() == limit) {
            page.more = true;
            next = rows.rev();
            break;
        }
        model::Revision revision = rows.revision();
        if (!budget.admits(revision, page.changes)) {
            page.more = true;
            next = revision.rev;
            break;
        }
        page.cursor = revision.rev;
        page.changes.append(std::move(revision));
    }
    if (std::optional<Error> failed = rows.error())
        return *failed;
    // Only omitted revisions lie between the last row sent and the next one: pass them.
    const qint64 passed = page.more ? std::min(omitted.last, next - 1) : omitted.last;
    if (!omitted.isEmpty() && passed >= omitted.first)
        page.cursor = std::max(page.cursor, passed);
    return page;
}
} // namespace

Result<ApplyOutcome> ServerStore::applyChange(qint64 blogId, const QString &accountName,
                                              const protocol::Change &change) const
{
    Result<QList<ApplyOutcome>> outcomes = applyChanges(blogId, accountName, {change});
    if (!outcomes)
        return outcomes.error();
    return outcomes->first();
}

Result<QList<ApplyOutcome>> ServerStore::applyChanges(qint64 blogId, const QString &accountName,
                                                      const QList<protocol::Change> &changes) const
{
    if (changes.isEmpty())
        return QList<ApplyOutcome>();
    // The fields' JSON and its compression, before the blog is locked: the other pushes to the
    // blog (and on SQLite, to every blog) do not wait for them.
    const QList<EncodedFields> encoded = EncodedFields::of(changes);
    if (m_database->driver() == Driver::Postgres) {
        // Usually no other push to the blog commits between the read and the write: two round
        // trips, no transaction, the blog's row locked only while the write runs.
        bool needsLock = false;
        for (int attempt = 0; attempt < unlockedAttempts && !needsLock; ++attempt) {
            Result<std::optional<QList<ApplyOutcome>>> outcomes =
                    applyUnlocked(*m_database, blogId, accountName, changes, encoded, &needsLock);
            if (!outcomes)
                return outcomes.error();
            if (*outcomes)
                return std::move(**outcomes);
        }
        qCDebug(lcServerStore) << "busy blog" << blogId << "- pushing under its lock";
    }
    return applyLocked(*m_database, blogId, accountName, changes, encoded);
}

Result<PullPage> ServerStore::pull(qint64 blogId, qint64 cursor, int limit, qint64 maxBytes,
                                   RevisionRange omitted) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    // The blog's last revision and the page in one statement (one round trip): the blog row
    // joined to every row of the page, or once to NULLs when the page is empty. Planned per
    // call on PostgreSQL: with the cursor known, an index range scan of the rows after it,
    // whatever the blog's size. Omitted revisions are filtered on the index, never read.
    static const QString sql = QStringLiteral("SELECT b.last_rev, p.")
            + postColumns().replace(QStringLiteral(", "), QStringLiteral(", p."))
            + QStringLiteral(" FROM blogs b LEFT JOIN posts p ON p.blog_id = b.id AND p.rev > ?"
                             " AND p.rev NOT BETWEEN ? AND ? WHERE b.id = ? ORDER BY p.rev"
                             " LIMIT ?");
    const QList<qint64> values{cursor, omitted.first, omitted.last, blogId, qint64(limit) + 1};
    if (m_database->driver() == Driver::Sqlite) {
        // SQLite's own API: the page's text is read as the UTF-8 SQLite stores, and the stored
        // fields are parsed from it, without QtSql's QVariant and UTF-16 copies of every column.
        const Result<sqlite3_stmt *> statement = sqliteStatement(*db, sql);
        if (!statement)
            return statement.error();
        SqlitePullRows rows(*statement);
        rows.bind(values[0], values[1], values[2], values[3], values[4]);
        return readPage(rows, cursor, limit, maxBytes, omitted);
    }
    QVariantList bound;
    for (const qint64 value : values)
        bound.append(value);
    Result<Statement> query = execute(*db, sql, bound, Plan::PerCall);
    if (!query)
        return query.error();
    QtPullRows rows(*query);
    return readPage(rows, cursor, limit, maxBytes, omitted);
}

Result<qint64> ServerStore::lastRevision(qint64 blogId) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(
            *db, QStringLiteral("SELECT last_rev FROM blogs WHERE id = ?"), {blogId}, &found);
    if (!query)
        return query.error();
    if (!found)
        return Error{ErrorCode::NotFound, QStringLiteral("no such blog")};
    return query->value(0).toLongLong();
}

Result<int> ServerStore::pruneAppliedOps(const QDateTime &appliedBefore, int limit) const
{
    int deleted = 0;
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> pruned = execute(
                db,
                QStringLiteral("DELETE FROM applied_ops WHERE (blog_id, op_id) IN (SELECT blog_id,"
                               " op_id FROM applied_ops WHERE applied_at < ? LIMIT ?)"),
                {appliedBefore.toMSecsSinceEpoch(), limit});
        if (!pruned)
            return pruned.error();
        deleted = pruned->numRowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    return deleted;
}

Result<bool> ServerStore::hasBlob(qint64 blogId, const QString &sha256) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query =
            queryRow(*db, QStringLiteral("SELECT 1 FROM blobs WHERE blog_id = ? AND sha256 = ?"),
                     {blogId, sha256}, &found);
    if (!query)
        return query.error();
    return found;
}

Result<std::optional<QByteArray>> ServerStore::blob(qint64 blogId, const QString &sha256) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query =
            queryRow(*db, QStringLiteral("SELECT data FROM blobs WHERE blog_id = ? AND sha256 = ?"),
                     {blogId, sha256}, &found);
    if (!query)
        return query.error();
    if (!found)
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(query->value(0).toByteArray());
}

Result<void> ServerStore::putBlob(qint64 blogId, const QString &sha256,
                                  const QByteArray &data) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> stored = execute(
                db,
                QStringLiteral("INSERT INTO blobs (blog_id, sha256, size, data) VALUES (?, ?, ?, ?)"
                               " ON CONFLICT (blog_id, sha256) DO NOTHING"),
                {blogId, sha256, qint64(data.size()),
                 // An empty blob is a value, not NULL.
                 data.isNull() ? QByteArray("", 0) : data});
        return stored ? Result<void>() : Result<void>(stored.error());
    });
}

// One statement whatever the number of hashes: the hashes travel as one JSON array parameter,
// walked by the database's own JSON function, each looked up in the blog's blobs by key.
Result<QStringList> ServerStore::missingBlobs(qint64 blogId, const QStringList &hashes) const
{
    if (hashes.isEmpty())
        return QStringList();
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    QStringList distinct = hashes;
    distinct.removeDuplicates(); // keeps the first of each, in the request's order
    static const QString postgresSql = QStringLiteral(
            "SELECT k.hash FROM json_array_elements_text(CAST(? AS json)) WITH ORDINALITY"
            " AS k(hash, n) WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.blog_id = ?"
            " AND b.sha256 = k.hash) ORDER BY k.n");
    static const QString sqliteSql = QStringLiteral(
            "SELECT k.value FROM json_each(?) AS k WHERE NOT EXISTS (SELECT 1 FROM blobs b"
            " WHERE b.blog_id = ? AND b.sha256 = k.value) ORDER BY k.key");
    Result<Statement> query =
            execute(*db, m_database->driver() == Driver::Postgres ? postgresSql : sqliteSql,
                    {QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(distinct))
                                               .toJson(QJsonDocument::Compact)),
                     blogId});
    if (!query)
        return query.error();
    QStringList missing;
    while (query->next())
        missing.append(query->value(0).toString());
    if (query->lastError().isValid())
        return sqlError(query->lastError(), QStringLiteral("missing blobs"));
    return missing;
}

} // namespace inkwell::server::store
