// ServerStore: posts (the sync rule and pulls) and blobs.
#include "server/store/serverstore.h"

#include "protocol/codec.h"
#include "protocol/validation.h"
#include "server/store/database.h"
#include "server/store/storelogging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlQuery>

namespace inkwell::server::store {

namespace {

const QString postColumns =
        QStringLiteral("guid, rev, deleted, fields, created_by, modified_by, modified_at");

// The post in the row's postColumns, starting at column `first`.
model::Revision revisionFrom(const Statement &query, int first = 0)
{
    model::Revision revision;
    revision.guid = query.value(first).toString();
    revision.rev = query.value(first + 1).toLongLong();
    revision.deleted = query.value(first + 2).toInt() != 0;
    revision.fields = model::PostFields::fromJson(
            QJsonDocument::fromJson(query.value(first + 3).toString().toUtf8()).object());
    revision.createdBy = query.value(first + 4).toString();
    revision.modifiedBy = query.value(first + 5).toString();
    revision.modifiedAt =
            QDateTime::fromMSecsSinceEpoch(query.value(first + 6).toLongLong(), Qt::UTC);
    return revision;
}

QString fieldsJson(const model::PostFields &fields)
{
    return QString::fromUtf8(QJsonDocument(fields.toJson()).toJson(QJsonDocument::Compact));
}

protocol::ItemResult itemResult(const protocol::Change &change, protocol::ItemStatus status,
                                qint64 rev, Error error = {})
{
    return protocol::ItemResult{change.opId, change.guid, status, rev, std::move(error)};
}

// Locks the blog row (PostgreSQL) and returns its last revision; SQLite's BEGIN IMMEDIATE
// already holds the database write lock.
Result<qint64> lockBlog(QSqlDatabase &db, Driver driver, qint64 blogId)
{
    bool found = false;
    const QString sql = driver == Driver::Postgres
            ? QStringLiteral("SELECT last_rev FROM blogs WHERE id = ? FOR UPDATE")
            : QStringLiteral("SELECT last_rev FROM blogs WHERE id = ?");
    Result<Statement> query = queryRow(db, sql, {blogId}, &found);
    if (!query)
        return query.error();
    if (!found)
        return Error{ErrorCode::NotFound, QStringLiteral("no such blog")};
    return query->value(0).toLongLong();
}

// What one change meets in the database: the result recorded for its op_id (if it was applied
// before) and the current version of its post (if any).
struct ChangeState
{
    std::optional<protocol::ItemResult> replay;
    std::optional<model::Revision> current;
};

// Reads both with one statement (one round trip on PostgreSQL). An op_id reused for another
// post is rejected rather than replayed.
Result<ChangeState> changeState(QSqlDatabase &db, qint64 blogId, const protocol::Change &change)
{
    static const QString sql = QStringLiteral("SELECT o.guid, o.rev, p.")
            + postColumns.split(QStringLiteral(", ")).join(QStringLiteral(", p."))
            + QStringLiteral(" FROM (SELECT 1 AS one) x"
                             " LEFT JOIN applied_ops o ON o.blog_id = ? AND o.op_id = ?"
                             " LEFT JOIN posts p ON p.blog_id = ? AND p.guid = ?");
    bool found = false;
    Result<Statement> row = queryRow(db, sql, {blogId, change.opId, blogId, change.guid}, &found);
    if (!row)
        return row.error();
    ChangeState state;
    if (!found) // cannot happen: the outer side is always one row
        return Error{ErrorCode::DatabaseQuery, QStringLiteral("no row for a change's state")};
    if (!row->value(0).isNull()) {
        state.replay = row->value(0).toString() == change.guid
                ? itemResult(change, protocol::ItemStatus::Applied, row->value(1).toLongLong())
                : itemResult(change, protocol::ItemStatus::Rejected, 0,
                             Error{ErrorCode::InvalidArgument,
                                   QStringLiteral("op_id was already used for another post")});
    }
    if (!row->value(2).isNull())
        state.current = revisionFrom(*row, 2);
    return state;
}

// The version a change makes of the current post (none for a new one) at revision `rev`.
model::Revision nextRevision(const std::optional<model::Revision> &current,
                             const protocol::Change &change, const QString &accountName, qint64 rev)
{
    model::Revision next;
    next.guid = change.guid;
    next.rev = rev;
    next.deleted = change.deleted;
    // A tombstone keeps the last content; only a live post takes the pushed fields.
    next.fields = (current && change.deleted) ? current->fields : change.fields;
    next.createdBy = current ? current->createdBy : accountName;
    next.modifiedBy = accountName;
    next.modifiedAt = QDateTime::currentDateTimeUtc();
    return next;
}

// Writes the new version of the post at `rev` and records the operation. The blog's last_rev
// is bumped by the caller, once per transaction. On PostgreSQL both writes are one statement
// (a data-modifying WITH), so one round trip.
Result<void> writePost(QSqlDatabase &db, qint64 blogId, const model::Revision &revision,
                       bool exists, const QString &opId)
{
    const qint64 now = revision.modifiedAt.toMSecsSinceEpoch();
    const QString post = exists
            ? QStringLiteral("UPDATE posts SET rev = ?, deleted = ?, fields = ?, created_by = ?,"
                             " modified_by = ?, modified_at = ? WHERE blog_id = ? AND guid = ?")
            : QStringLiteral("INSERT INTO posts (rev, deleted, fields, created_by, modified_by,"
                             " modified_at, blog_id, guid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const QString op = QStringLiteral("INSERT INTO applied_ops (blog_id, op_id, guid, rev,"
                                      " applied_at) VALUES (?, ?, ?, ?, ?)");
    const QString fields = fieldsJson(revision.fields);
    const int deleted = revision.deleted ? 1 : 0;
    if (db.driver()->dbmsType() == QSqlDriver::PostgreSQL) {
        Result<Statement> both = execute(
                db, QStringLiteral("WITH written AS (") + post + QStringLiteral(") ") + op,
                {revision.rev, deleted, fields, revision.createdBy, revision.modifiedBy, now,
                 blogId, revision.guid, blogId, opId, revision.guid, revision.rev, now});
        return both ? Result<void>() : Result<void>(both.error());
    }
    Result<Statement> written = execute(db, post,
                                        {revision.rev, deleted, fields, revision.createdBy,
                                         revision.modifiedBy, now, blogId, revision.guid});
    if (!written)
        return written.error();
    Result<Statement> recorded = execute(db, op, {blogId, opId, revision.guid, revision.rev, now});
    return recorded ? Result<void>() : Result<void>(recorded.error());
}

// The server rule for one change inside the caller's transaction; `lastRev` is the blog's
// last revision so far and grows by one when the change is applied.
Result<ApplyOutcome> applyOne(QSqlDatabase &db, qint64 blogId, const QString &accountName,
                              const protocol::Change &change, qint64 *lastRev)
{
    ApplyOutcome outcome;
    Result<ChangeState> state = changeState(db, blogId, change);
    if (!state)
        return state.error();
    if (state->replay) {
        outcome.result = *state->replay;
        return outcome;
    }
    const std::optional<model::Revision> &current = state->current;
    if (!current && change.baseRev != 0) {
        outcome.result = itemResult(change, protocol::ItemStatus::Rejected, 0,
                                    Error{ErrorCode::NotFound,
                                          QStringLiteral("the server has no such post; push it "
                                                         "again with base_rev 0")});
        return outcome;
    }
    if (current && current->rev != change.baseRev) {
        outcome.result = itemResult(change, protocol::ItemStatus::Conflict, current->rev);
        outcome.conflict = *current;
        return outcome;
    }
    const model::Revision next = nextRevision(current, change, accountName, *lastRev + 1);
    if (Result<void> written = writePost(db, blogId, next, current.has_value(), change.opId);
        !written)
        return written.error();
    *lastRev = next.rev;
    outcome.result = itemResult(change, protocol::ItemStatus::Applied, next.rev);
    return outcome;
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
    QList<ApplyOutcome> outcomes;
    if (changes.isEmpty())
        return outcomes;
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        outcomes.clear(); // a retried transaction starts over
        const Result<qint64> locked = lockBlog(db, m_database->driver(), blogId);
        if (!locked)
            return locked.error();
        qint64 lastRev = *locked;
        for (const protocol::Change &change : changes) {
            Result<ApplyOutcome> outcome = applyOne(db, blogId, accountName, change, &lastRev);
            if (!outcome)
                return outcome.error();
            outcomes.append(std::move(*outcome));
        }
        if (lastRev == *locked)
            return {};
        Result<Statement> bumped =
                execute(db, QStringLiteral("UPDATE blogs SET last_rev = ? WHERE id = ?"),
                        {lastRev, blogId});
        return bumped ? Result<void>() : Result<void>(bumped.error());
    });
    if (!done)
        return done.error();
    return outcomes;
}

Result<PullPage> ServerStore::pull(qint64 blogId, qint64 cursor, int limit, qint64 maxBytes) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    const Result<qint64> last = lastRevision(blogId);
    if (!last)
        return last.error();
    if (cursor > *last)
        return Error{ErrorCode::ResyncRequired,
                     QStringLiteral("cursor %1 is ahead of the blog's last revision %2; pull again "
                                    "from the start")
                             .arg(cursor)
                             .arg(*last)};
    Result<Statement> query = execute(
            *db,
            QStringLiteral("SELECT ") + postColumns
                    + QStringLiteral(" FROM posts WHERE blog_id = ? AND rev > ? ORDER BY rev"
                                     " LIMIT ?"),
            {blogId, cursor, qint64(limit) + 1});
    if (!query)
        return query.error();
    PullPage page;
    page.cursor = cursor;
    PageBudget budget(maxBytes);
    while (query->next()) {
        if (page.changes.size() == limit) {
            page.more = true;
            break;
        }
        model::Revision revision = revisionFrom(*query);
        if (!budget.admits(revision, page.changes)) {
            page.more = true;
            break;
        }
        page.cursor = revision.rev;
        page.changes.append(std::move(revision));
    }
    return page;
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

Result<QStringList> ServerStore::missingBlobs(qint64 blogId, const QStringList &hashes) const
{
    QStringList missing;
    for (const QString &hash : hashes) {
        const Result<bool> present = hasBlob(blogId, hash);
        if (!present)
            return present.error();
        if (!*present && !missing.contains(hash))
            missing.append(hash);
    }
    return missing;
}

} // namespace inkwell::server::store
