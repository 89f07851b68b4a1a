// ServerStore: post history (post_revisions, written by PushBatch with every applied change).
#include "server/store/serverstore.h"

#include "server/store/database.h"
#include "server/store/revisionfields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace inkwell::server::store {

namespace {

constexpr qint64 maxRevision = qint64(1) << 53;
// Batches of keys one pruning read finds: finding them may read a whole index (the ranking of
// --history-keep), so one read serves several short delete transactions.
constexpr qint64 batchesPerRead = 32;

// A revision's key, as the pruning reads and deletes it.
struct RevisionKey
{
    qint64 blogId = 0;
    QString guid;
    qint64 rev = 0;
};

// Reads up to `limit` keys of revisions the statement selects (blog_id, guid, rev) into *keys,
// skipping those already there.
Result<void> readKeys(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                      QList<RevisionKey> *keys, QSet<QString> *seen)
{
    Result<Statement> rows = execute(db, sql, values, Plan::PerCall);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        RevisionKey key{rows->value(0).toLongLong(), rows->value(1).toString(),
                        rows->value(2).toLongLong()};
        const QString id =
                QString::number(key.blogId) + u'/' + key.guid + u'/' + QString::number(key.rev);
        if (!seen->contains(id)) {
            seen->insert(id);
            keys->append(std::move(key));
        }
    }
    if (rows->lastError().isValid())
        return sqlError(rows->lastError(), QStringLiteral("read the revisions to prune"));
    return {};
}

// Deletes the revisions in one statement whose text does not depend on their number.
Result<int> deleteKeys(QSqlDatabase &db, Driver driver, const QList<RevisionKey> &keys)
{
    if (driver == Driver::Postgres) {
        QStringList blogs, guids, revs;
        for (const RevisionKey &key : keys) {
            blogs.append(QString::number(key.blogId));
            QString guid = key.guid; // an array element in quotes, as PostgreSQL reads it
            guid.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
            guids.append(u'"' + guid + u'"');
            revs.append(QString::number(key.rev));
        }
        Result<Statement> deleted = execute(
                db,
                QStringLiteral("DELETE FROM post_revisions WHERE (blog_id, guid, rev) IN"
                               " (SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[]))"),
                {QString(u'{' + blogs.join(u',') + u'}'), QString(u'{' + guids.join(u',') + u'}'),
                 QString(u'{' + revs.join(u',') + u'}')});
        if (!deleted)
            return deleted.error();
        return deleted->numRowsAffected();
    }
    QJsonArray list;
    for (const RevisionKey &key : keys)
        list.append(QJsonArray{double(key.blogId), key.guid, double(key.rev)});
    Result<Statement> deleted = execute(
            db,
            QStringLiteral("DELETE FROM post_revisions WHERE (blog_id, guid, rev) IN (SELECT"
                           " json_extract(value, '$[0]'), json_extract(value, '$[1]'),"
                           " json_extract(value, '$[2]') FROM json_each(?))"),
            {QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact))});
    if (!deleted)
        return deleted.error();
    return deleted->numRowsAffected();
}

} // namespace

Result<protocol::RevisionList> ServerStore::revisions(qint64 blogId, const QString &guid,
                                                      qint64 before, int limit) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    // The post joined to its revisions below `before` (once to NULLs when there are none), so
    // an unknown post and an empty page are told apart in one round trip. The primary key
    // (blog_id, guid, rev) is walked backwards from `before`: the cost is the page's, not the
    // history's.
    static const QString sql = QStringLiteral(
            "SELECT p.rev, r.rev, r.deleted, r.title, r.modified_by, r.modified_at, r.body_bytes"
            " FROM posts p LEFT JOIN post_revisions r ON r.blog_id = p.blog_id AND r.guid = p.guid"
            " AND r.rev < ? WHERE p.blog_id = ? AND p.guid = ? ORDER BY r.rev DESC LIMIT ?");
    Result<Statement> rows =
            execute(*db, sql, {before > 0 ? before : maxRevision, blogId, guid, qint64(limit) + 1});
    if (!rows)
        return rows.error();
    protocol::RevisionList list;
    bool postFound = false;
    while (rows->next()) {
        postFound = true;
        if (rows->value(1).isNull())
            break;
        if (list.revisions.size() == limit) {
            list.more = true;
            break;
        }
        list.revisions.append(protocol::RevisionSummary{
                rows->value(1).toLongLong(), rows->value(2).toLongLong() != 0,
                rows->value(3).toString(), rows->value(4).toString(),
                QDateTime::fromMSecsSinceEpoch(rows->value(5).toLongLong(), Qt::UTC),
                rows->value(6).toLongLong()});
    }
    if (rows->lastError().isValid())
        return sqlError(rows->lastError(), QStringLiteral("list revisions"));
    if (!postFound)
        return Error{ErrorCode::NotFound, QStringLiteral("no such post")};
    return list;
}

Result<model::Revision> ServerStore::revision(qint64 blogId, const QString &guid, qint64 rev) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> row = queryRow(
            *db,
            QStringLiteral("SELECT deleted, encoding, fields, created_by, modified_by, modified_at"
                           " FROM post_revisions WHERE blog_id = ? AND guid = ? AND rev = ?"),
            {blogId, guid, rev}, &found);
    if (!row)
        return row.error();
    if (!found)
        return Error{ErrorCode::NotFound, QStringLiteral("no such revision")};
    const std::optional<model::PostFields> fields =
            fieldsFromStored(row->value(1).toInt(), row->value(2).toByteArray());
    if (!fields)
        return Error{ErrorCode::DatabaseCorrupt,
                     QStringLiteral("revision %1 of post %2 cannot be read").arg(rev).arg(guid)};
    model::Revision revision;
    revision.guid = guid;
    revision.rev = rev;
    revision.deleted = row->value(0).toLongLong() != 0;
    revision.fields = *fields;
    revision.createdBy = row->value(3).toString();
    revision.modifiedBy = row->value(4).toString();
    revision.modifiedAt = QDateTime::fromMSecsSinceEpoch(row->value(5).toLongLong(), Qt::UTC);
    return revision;
}

Result<int> ServerStore::pruneRevisions(const QDateTime &olderThan, int keep, int limit) const
{
    if ((!olderThan.isValid() && keep <= 0) || limit <= 0)
        return 0;
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    // The keys are read outside the write transaction (a read blocks no push) and stay
    // prunable: a post's revision number only grows, so a revision that is not its newest, or
    // has `keep` newer ones, stays so.
    QList<RevisionKey> keys;
    QSet<QString> seen;
    const qint64 wanted = qint64(limit) * batchesPerRead;
    if (olderThan.isValid()) {
        if (Result<void> read = readKeys(
                    *db,
                    QStringLiteral("SELECT r.blog_id, r.guid, r.rev FROM post_revisions r JOIN"
                                   " posts p ON p.blog_id = r.blog_id AND p.guid = r.guid WHERE"
                                   " r.modified_at < ? AND r.rev < p.rev LIMIT ?"),
                    {olderThan.toMSecsSinceEpoch(), wanted}, &keys, &seen);
            !read)
            return read.error();
    }
    if (keep > 0 && keys.size() < wanted) {
        if (Result<void> read = readKeys(
                    *db,
                    QStringLiteral("SELECT blog_id, guid, rev FROM (SELECT blog_id, guid, rev,"
                                   " row_number() OVER (PARTITION BY blog_id, guid ORDER BY rev"
                                   " DESC) AS newer FROM post_revisions) ranked WHERE newer > ?"
                                   " LIMIT ?"),
                    {keep, wanted - keys.size()}, &keys, &seen);
            !read)
            return read.error();
    }
    int deleted = 0;
    const Driver driver = m_database->driver();
    for (qsizetype first = 0; first < keys.size(); first += limit) {
        const QList<RevisionKey> batch = keys.mid(first, limit);
        Result<void> done = m_database->transaction([&](QSqlDatabase &writer) -> Result<void> {
            Result<int> count = deleteKeys(writer, driver, batch);
            if (!count)
                return count.error();
            deleted += *count;
            return {};
        });
        if (!done)
            return done.error();
    }
    return deleted;
}

} // namespace inkwell::server::store
