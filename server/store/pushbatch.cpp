#include "server/store/pushbatch.h"

#include "protocol/codec.h"

#include "server/store/database.h"
#include "server/store/revisionfields.h"
#include "server/store/sqliterows.h"

#include <sqlite3.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentMap>

namespace inkwell::server::store {

namespace {

protocol::ItemResult itemResult(const protocol::Change &change, protocol::ItemStatus status,
                                qint64 rev, Error error = {})
{
    return protocol::ItemResult{change.opId, change.guid, status, rev, std::move(error)};
}

// An applied result that carries the server's metadata of the version it names.
protocol::ItemResult appliedResult(const protocol::Change &change, const model::Revision &version)
{
    protocol::ItemResult result = itemResult(change, protocol::ItemStatus::Applied, version.rev);
    result.createdBy = version.createdBy;
    result.modifiedBy = version.modifiedBy;
    result.modifiedAt = version.modifiedAt;
    return result;
}

// A PostgreSQL array literal of the texts, e.g. {"a","b \\"c\\""}.
QString textArray(const QStringList &values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (QString element : values) {
        element.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
        quoted.append(u'"' + element + u'"');
    }
    return u'{' + quoted.join(u',') + u'}';
}

// A PostgreSQL array literal of the numbers.
QString numberArray(const QList<qint64> &values)
{
    QStringList numbers;
    numbers.reserve(values.size());
    for (const qint64 value : values)
        numbers.append(QString::number(value));
    return u'{' + numbers.join(u',') + u'}';
}

// The distinct values as one statement parameter, so the SQL text is the same whatever the
// size of the push: a PostgreSQL text[] literal, or a JSON array for SQLite's json_each.
QString valueList(Driver driver, const QStringList &values)
{
    QStringList distinct = values;
    distinct.removeDuplicates();
    if (driver == Driver::Sqlite)
        return QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(distinct)).toJson(QJsonDocument::Compact));
    return textArray(distinct);
}

// What a push meets, one row each, told apart by the first column: 'b' the blog (its last
// revision in the rev column), 'o' a recorded op_id (with its guid and rev), 'p' a current post
// in postColumns() order, without its fields: in their place, whether the public site shows it
// (site_posts, the site's own record). Index lookups of exactly the pushed keys, whatever the
// blog's size: PostgreSQL plans it on each call with the key lists as constants (a cached generic
// plan may read all of a blog's rows); SQLite walks the JSON list and looks each key up.
QString stateSql(Driver driver)
{
    // The first row's NULLs carry the column types (PostgreSQL matches a UNION's types in order).
    const QString blog = QStringLiteral(
            "SELECT 'b', CAST(NULL AS TEXT), CAST(NULL AS TEXT), last_rev, CAST(NULL AS INTEGER),"
            " CAST(NULL AS INTEGER), CAST(NULL AS TEXT), CAST(NULL AS TEXT), CAST(NULL AS BIGINT)"
            " FROM blogs WHERE id = ?");
    const QString opColumns =
            QStringLiteral("'o', o.op_id, o.guid, o.rev, NULL, NULL, NULL, NULL, NULL");
    const QString postColumnsOfP = QStringLiteral(
            "'p', NULL, p.guid, p.rev, p.deleted, COALESCE(s.visible, 0), p.created_by,"
            " p.modified_by, p.modified_at");
    const QString site =
            QStringLiteral(" LEFT JOIN site_posts s ON s.blog_id = p.blog_id AND s.guid = p.guid");
    if (driver == Driver::Postgres)
        return blog + QStringLiteral(" UNION ALL SELECT ") + opColumns
                + QStringLiteral(" FROM applied_ops o WHERE o.blog_id = ? AND o.op_id"
                                 " = ANY (?::text[]) UNION ALL SELECT ")
                + postColumnsOfP + QStringLiteral(" FROM posts p") + site
                + QStringLiteral(" WHERE p.blog_id = ? AND p.guid = ANY (?::text[])");
    return blog + QStringLiteral(" UNION ALL SELECT ") + opColumns
            + QStringLiteral(" FROM json_each(?) AS k CROSS JOIN applied_ops o"
                             " WHERE o.blog_id = ? AND o.op_id = k.value UNION ALL SELECT ")
            + postColumnsOfP + QStringLiteral(" FROM json_each(?) AS k CROSS JOIN posts p") + site
            + QStringLiteral(" WHERE p.blog_id = ? AND p.guid = k.value");
}

// The stored fields of some of a blog's posts, by guid.
QString fieldsSql(Driver driver)
{
    if (driver == Driver::Postgres)
        return QStringLiteral(
                "SELECT guid, fields FROM posts WHERE blog_id = ? AND guid = ANY (?::text[])");
    return QStringLiteral("SELECT p.guid, p.fields FROM json_each(?) AS k CROSS JOIN posts p"
                          " WHERE p.blog_id = ? AND p.guid = k.value");
}

// Whether a version of a post is on the public site: live and published.
bool isVisible(const model::Revision &post)
{
    return !post.deleted && post.fields.state == model::PublishState::Published;
}

// The version a change makes of the current post (none for a new one) at revision `rev`.
model::Revision nextRevision(const model::Revision *current, const protocol::Change &change,
                             const QString &accountName, qint64 rev)
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

const QString postUpsert = QStringLiteral(
        " ON CONFLICT (blog_id, guid) DO UPDATE SET rev = excluded.rev,"
        " deleted = excluded.deleted, fields = excluded.fields, created_by = excluded.created_by,"
        " modified_by = excluded.modified_by, modified_at = excluded.modified_at");

// The fields of their stored JSON (UTF-8); a text that is not an object reads as no fields.
model::PostFields fieldsFrom(QByteArrayView json)
{
    return model::PostFields::fromJsonText(json).value_or(model::PostFields());
}

// A row read through QtSql's values.
struct QtRow
{
    const Statement &row;
    QString text(int column) const { return row.value(column).toString(); }
    qint64 integer(int column) const { return row.value(column).toLongLong(); }
};

// The post in a row's postColumns() without its fields (column first + 3): the one mapping of
// the columns, for rows of QtSql (QtRow) and of SQLite's own API (SqliteReader).
template<typename Row>
model::Revision metadataOf(const Row &row, int first)
{
    model::Revision revision;
    revision.guid = row.text(first);
    revision.rev = row.integer(first + 1);
    revision.deleted = row.integer(first + 2) != 0;
    revision.createdBy = row.text(first + 4);
    revision.modifiedBy = row.text(first + 5);
    revision.modifiedAt = QDateTime::fromMSecsSinceEpoch(row.integer(first + 6), Qt::UTC);
    return revision;
}

model::Revision metadataFrom(const Statement &row, int first)
{
    return metadataOf(QtRow{row}, first);
}

} // namespace

QString postColumns()
{
    return QStringLiteral("guid, rev, deleted, fields, created_by, modified_by, modified_at");
}

model::Revision revisionFrom(const Statement &row, int first)
{
    model::Revision revision = metadataFrom(row, first);
    revision.fields = fieldsFrom(row.value(first + 3).toString().toUtf8());
    return revision;
}

model::Revision revisionFrom(const SqliteReader &row, int first)
{
    model::Revision revision = metadataOf(row, first);
    revision.fields = fieldsFrom(row.utf8(first + 3));
    return revision;
}

PushBatch::PushBatch(qint64 blogId, QString accountName)
    : m_blogId(blogId), m_accountName(std::move(accountName))
{ }

Result<void> PushBatch::load(QSqlDatabase &db, Driver driver,
                             const QList<protocol::Change> &changes)
{
    QStringList opIds;
    QStringList guids;
    for (const protocol::Change &change : changes) {
        opIds.append(change.opId);
        guids.append(change.guid);
    }
    static const QString postgresSql = stateSql(Driver::Postgres);
    static const QString sqliteSql = stateSql(Driver::Sqlite);
    Result<Statement> rows = execute(
            db, driver == Driver::Postgres ? postgresSql : sqliteSql,
            driver == Driver::Postgres ? QVariantList{m_blogId, m_blogId, valueList(driver, opIds),
                                                      m_blogId, valueList(driver, guids)}
                                       : QVariantList{m_blogId, valueList(driver, opIds), m_blogId,
                                                      valueList(driver, guids), m_blogId},
            Plan::PerCall);
    if (!rows)
        return rows.error();
    bool blogFound = false;
    while (rows->next()) {
        const QString kind = rows->value(0).toString();
        if (kind == u'b') {
            blogFound = true;
            m_loadedRev = m_lastRev = rows->value(3).toLongLong();
        } else if (kind == u'o') {
            m_ops.insert(rows->value(1).toString(),
                         RecordedOp{rows->value(2).toString(), rows->value(3).toLongLong()});
        } else {
            Current post{metadataFrom(*rows, 2), rows->value(5).toLongLong() != 0};
            const QString guid = post.revision.guid;
            m_posts.insert(guid, std::move(post));
        }
    }
    if (rows->lastError().isValid())
        return sqlError(rows->lastError(), QStringLiteral("read the state of a push"));
    if (!blogFound)
        return Error{ErrorCode::NotFound, QStringLiteral("no such blog")};
    return loadFields(db, driver, changes);
}

// A push of edits replaces its posts' fields unread. apply() reads the current fields of a post
// only for a conflict's answer or a tombstone: those of a loaded post are read here, for the
// posts that a change of the push meets with another rev than its base, or deletes. (A post
// this push writes first has its fields in memory, so these are the only ones apply() reads.)
Result<void> PushBatch::loadFields(QSqlDatabase &db, Driver driver,
                                   const QList<protocol::Change> &changes)
{
    QStringList guids;
    for (const protocol::Change &change : changes) {
        const auto post = m_posts.constFind(change.guid);
        if (post != m_posts.cend() && (change.deleted || post->revision.rev != change.baseRev))
            guids.append(change.guid);
    }
    if (guids.isEmpty())
        return {};
    static const QString postgresSql = fieldsSql(Driver::Postgres);
    static const QString sqliteSql = fieldsSql(Driver::Sqlite);
    const QString list = valueList(driver, guids);
    Result<Statement> rows = execute(db, driver == Driver::Postgres ? postgresSql : sqliteSql,
                                     driver == Driver::Postgres ? QVariantList{m_blogId, list}
                                                                : QVariantList{list, m_blogId},
                                     Plan::PerCall);
    if (!rows)
        return rows.error();
    while (rows->next()) {
        const auto post = m_posts.find(rows->value(0).toString());
        if (post != m_posts.end())
            post->revision.fields = fieldsFrom(rows->value(1).toString().toUtf8());
    }
    if (rows->lastError().isValid())
        return sqlError(rows->lastError(), QStringLiteral("read the fields of pushed posts"));
    return {};
}

EncodedFields EncodedFields::of(const model::PostFields &fields)
{
    EncodedFields encoded;
    encoded.json = protocol::encode(fields);
    encoded.stored = storedFields(encoded.json);
    encoded.bodyBytes = fields.body.toUtf8().size();
    return encoded;
}

// A large push is encoded in pieces on QtConcurrent's pool (QThreadPool::globalInstance(), a
// thread per core), the calling thread taking pieces too: the compression is most of a push's
// CPU outside the blog's lock, and a writer's push of hundreds of posts would otherwise leave the
// other cores idle while it runs. When the pool is busy the caller encodes every piece itself.
QList<EncodedFields> EncodedFields::of(const QList<protocol::Change> &changes)
{
    QList<EncodedFields> encoded(changes.size());
    EncodedFields *const out = encoded.data(); // detached once, before any thread writes
    const auto encodeRange = [&changes, out](qsizetype first, qsizetype last) {
        for (qsizetype i = first; i < last; ++i) {
            if (!changes.at(i).deleted)
                out[i] = of(changes.at(i).fields);
        }
    };
    constexpr qsizetype piece = 64; // 64 revisions of prose: about a millisecond of work
    if (changes.size() < 2 * piece) {
        encodeRange(0, changes.size());
        return encoded;
    }
    QList<qsizetype> starts;
    for (qsizetype first = 0; first < changes.size(); first += piece)
        starts.append(first);
    QtConcurrent::blockingMap(starts, [&](qsizetype first) {
        encodeRange(first, std::min(first + piece, changes.size()));
    });
    return encoded;
}

ApplyOutcome PushBatch::apply(const protocol::Change &change, const EncodedFields &encoded)
{
    ApplyOutcome outcome;
    if (const auto op = m_ops.constFind(change.opId); op != m_ops.cend()) {
        // A replay answers what was recorded, with the metadata while the post is still at that
        // revision; an op_id reused for another post is rejected.
        const auto recorded = m_posts.constFind(change.guid);
        if (op->guid != change.guid)
            outcome.result =
                    itemResult(change, protocol::ItemStatus::Rejected, 0,
                               Error{ErrorCode::InvalidArgument,
                                     QStringLiteral("op_id was already used for another post")});
        else if (recorded != m_posts.cend() && recorded->revision.rev == op->rev)
            outcome.result = appliedResult(change, recorded->revision);
        else
            outcome.result = itemResult(change, protocol::ItemStatus::Applied, op->rev);
        return outcome;
    }
    const auto current = m_posts.find(change.guid);
    const bool exists = current != m_posts.end();
    if (!exists && change.baseRev != 0) {
        outcome.result = itemResult(change, protocol::ItemStatus::Rejected, 0,
                                    Error{ErrorCode::NotFound,
                                          QStringLiteral("the server has no such post; push it "
                                                         "again with base_rev 0")});
        return outcome;
    }
    if (exists && current->revision.rev != change.baseRev) {
        outcome.result = itemResult(change, protocol::ItemStatus::Conflict, current->revision.rev);
        outcome.conflict = current->revision; // its fields read by loadFields()
        return outcome;
    }
    // A tombstone keeps the current fields (read by loadFields()); an edit replaces them unread.
    const model::Revision *replaced = exists ? &current->revision : nullptr;
    model::Revision next = nextRevision(replaced, change, m_accountName, m_lastRev + 1);
    m_lastRev = next.rev;
    if (!m_lastRevisionOf.contains(change.guid)) {
        m_writtenGuids.append(change.guid);
        if (exists && current->visible)
            m_visibleBefore.insert(change.guid);
    }
    m_lastRevisionOf.insert(change.guid, m_newRevisions.size());
    // A live change stores its own fields; a tombstone the current ones (nextRevision()).
    const bool ownFields = !change.deleted || !exists;
    m_newRevisions.append(NewRevision{
            next, ownFields && !encoded.json.isEmpty() ? encoded : EncodedFields::of(next.fields)});
    m_ops.insert(change.opId, RecordedOp{change.guid, next.rev});
    m_newOps.append(NewOp{change.opId, change.guid, next.rev, next.modifiedAt.toMSecsSinceEpoch()});
    outcome.result = appliedResult(change, next);
    outcome.created = true;
    const bool visible = isVisible(next);
    m_posts.insert(change.guid, Current{std::move(next), visible});
    return outcome;
}

QList<SiteChange> PushBatch::siteChanges() const
{
    QList<SiteChange> changes;
    for (const QString &guid : m_writtenGuids) {
        const model::Revision &post = m_newRevisions.at(m_lastRevisionOf.value(guid)).revision;
        const bool visible = isVisible(post);
        if (visible != m_visibleBefore.contains(guid))
            changes.append(SiteChange{guid, post.fields.title, visible,
                                      post.modifiedAt.toMSecsSinceEpoch()});
    }
    return changes;
}

Result<bool> PushBatch::write(QSqlDatabase &db, Driver driver) const
{
    if (!hasWrites())
        return true;
    return driver == Driver::Postgres ? writePostgres(db) : writeSqlite(db);
}

// One statement, one round trip: the blog's last revision, every post (its final version when
// the push changed it more than once: a row may be upserted only once per statement) and every
// op_id, written only if the blog's last revision is still the one load() read (the UPDATE
// waits for the blog row's lock, then checks the latest committed version). The rows travel as
// one array per column (unnest), so the statement's text stays the same whatever the size of the
// push and is prepared once per connection.
Result<bool> PushBatch::writePostgres(QSqlDatabase &db) const
{
    static const QString sql =
            QStringLiteral("WITH bumped AS (UPDATE blogs SET last_rev = ? WHERE id = ?"
                           " AND last_rev = ? RETURNING id), written AS (INSERT INTO posts"
                           " (blog_id, guid, rev, deleted, fields, created_by, modified_by,"
                           " modified_at) SELECT ?, * FROM unnest(?::text[], ?::bigint[],"
                           " ?::integer[], ?::text[], ?::text[], ?::text[], ?::bigint[])"
                           " WHERE EXISTS (SELECT 1 FROM bumped)")
            + postUpsert
            + QStringLiteral("), recorded AS (INSERT INTO applied_ops (blog_id, op_id, guid, rev,"
                             " applied_at) SELECT ?, * FROM unnest(?::text[], ?::text[],"
                             " ?::bigint[], ?::bigint[]) WHERE EXISTS (SELECT 1 FROM bumped)),"
                             " revised AS (INSERT INTO post_revisions (blog_id, guid, rev,"
                             " deleted, title, body_bytes, encoding, fields, created_by,"
                             " modified_by, modified_at) SELECT ?, * FROM unnest(?::text[],"
                             " ?::bigint[], ?::integer[], ?::text[], ?::bigint[], ?::integer[],"
                             " ?::bytea[], ?::text[], ?::text[], ?::bigint[])"
                             " WHERE EXISTS (SELECT 1 FROM bumped))"
                             " SELECT count(*) FROM bumped");
    QStringList guids, fields, createdBy, modifiedBy;
    QList<qint64> revs, deleted, modifiedAt;
    for (const QString &guid : m_writtenGuids) {
        const NewRevision &last = m_newRevisions.at(m_lastRevisionOf.value(guid));
        const model::Revision &post = last.revision;
        guids.append(post.guid);
        revs.append(post.rev);
        deleted.append(post.deleted ? 1 : 0);
        fields.append(QString::fromUtf8(last.fields.json));
        createdBy.append(post.createdBy);
        modifiedBy.append(post.modifiedBy);
        modifiedAt.append(post.modifiedAt.toMSecsSinceEpoch());
    }
    QStringList opIds, opGuids;
    QList<qint64> opRevs, appliedAt;
    for (const NewOp &op : m_newOps) {
        opIds.append(op.opId);
        opGuids.append(op.guid);
        opRevs.append(op.rev);
        appliedAt.append(op.appliedAt);
    }
    QStringList revGuids, titles, revFields, revCreatedBy, revModifiedBy;
    QList<qint64> revRevs, revDeleted, bodyBytes, encodings, revModifiedAt;
    for (const NewRevision &made : m_newRevisions) {
        const model::Revision &revision = made.revision;
        const StoredFields &stored = made.fields.stored;
        revGuids.append(revision.guid);
        revRevs.append(revision.rev);
        revDeleted.append(revision.deleted ? 1 : 0);
        titles.append(revision.fields.title);
        bodyBytes.append(made.fields.bodyBytes);
        encodings.append(stored.encoding);
        revFields.append(QStringLiteral("\\x") + QString::fromLatin1(stored.bytes.toHex()));
        revCreatedBy.append(revision.createdBy);
        revModifiedBy.append(revision.modifiedBy);
        revModifiedAt.append(revision.modifiedAt.toMSecsSinceEpoch());
    }
    const QVariantList values{
            m_lastRev, m_blogId, m_loadedRev,
            // posts
            m_blogId, textArray(guids), numberArray(revs), numberArray(deleted), textArray(fields),
            textArray(createdBy), textArray(modifiedBy), numberArray(modifiedAt),
            // applied_ops
            m_blogId, textArray(opIds), textArray(opGuids), numberArray(opRevs),
            numberArray(appliedAt),
            // post_revisions
            m_blogId, textArray(revGuids), numberArray(revRevs), numberArray(revDeleted),
            textArray(titles), numberArray(bodyBytes), numberArray(encodings), textArray(revFields),
            textArray(revCreatedBy), textArray(revModifiedBy), numberArray(revModifiedAt)};
    Result<Statement> bumped = execute(db, sql, values, Plan::Cached);
    if (!bumped)
        return bumped.error();
    return bumped->next() && bumped->value(0).toInt() == 1;
}

// One statement per row: SQLite runs them in-process. The caller's BEGIN IMMEDIATE holds the
// database's write lock since load().
Result<bool> PushBatch::writeSqlite(QSqlDatabase &db) const
{
    static const QString postSql =
            QStringLiteral("INSERT INTO posts (blog_id, guid, rev, deleted, fields, created_by,"
                           " modified_by, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            + postUpsert;
    static const QString opSql =
            QStringLiteral("INSERT INTO applied_ops (blog_id, op_id, guid, rev, applied_at)"
                           " VALUES (?, ?, ?, ?, ?)");
    static const QString blogSql = QStringLiteral("UPDATE blogs SET last_rev = ? WHERE id = ?");
    static const QString revisionSql = QStringLiteral(
            "INSERT INTO post_revisions (blog_id, guid, rev, deleted, title, body_bytes, encoding,"
            " fields, created_by, modified_by, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?)");
    const Result<sqlite3_stmt *> postStatement = sqliteStatement(db, postSql);
    const Result<sqlite3_stmt *> opStatement = sqliteStatement(db, opSql);
    const Result<sqlite3_stmt *> blogStatement = sqliteStatement(db, blogSql);
    const Result<sqlite3_stmt *> revisionStatement = sqliteStatement(db, revisionSql);
    for (const auto *prepared :
         {&postStatement, &opStatement, &blogStatement, &revisionStatement}) {
        if (!*prepared)
            return prepared->error();
    }
    SqliteRows posts(*postStatement);
    for (const QString &guid : m_writtenGuids) {
        const NewRevision &last = m_newRevisions.at(m_lastRevisionOf.value(guid));
        const model::Revision &post = last.revision;
        if (Result<void> written = posts.run(
                    m_blogId, post.guid, post.rev, qint64(post.deleted ? 1 : 0), last.fields.json,
                    post.createdBy, post.modifiedBy, post.modifiedAt.toMSecsSinceEpoch());
            !written)
            return written.error();
    }
    SqliteRows revisions(*revisionStatement);
    for (const NewRevision &made : m_newRevisions) {
        const model::Revision &revision = made.revision;
        const StoredFields &stored = made.fields.stored;
        if (Result<void> written = revisions.run(
                    m_blogId, revision.guid, revision.rev, qint64(revision.deleted ? 1 : 0),
                    revision.fields.title, made.fields.bodyBytes, qint64(stored.encoding),
                    Blob{stored.bytes}, revision.createdBy, revision.modifiedBy,
                    revision.modifiedAt.toMSecsSinceEpoch());
            !written)
            return written.error();
    }
    SqliteRows ops(*opStatement);
    for (const NewOp &op : m_newOps) {
        if (Result<void> recorded = ops.run(m_blogId, op.opId, op.guid, op.rev, op.appliedAt);
            !recorded)
            return recorded.error();
    }
    if (Result<void> bumped = SqliteRows(*blogStatement).run(m_lastRev, m_blogId); !bumped)
        return bumped.error();
    return true;
}

} // namespace inkwell::server::store
