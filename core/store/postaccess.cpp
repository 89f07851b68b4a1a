#include "store/postaccess.h"

#include "model/attachment.h"
#include "store/multirow.h"
#include "store/postrow.h"
#include "store/threadconnection.h"

namespace inkwell::store::postaccess {

Result<std::optional<model::Post>> find(ThreadConnection &connection, const QString &guid)
{
    auto statement = connection.statement(QStringLiteral("SELECT ") % postrow::columns()
                                          % QStringLiteral(" FROM ") % postrow::tables()
                                          % QStringLiteral(" WHERE p.guid = ?"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({guid}, QStringLiteral("reading a post")); !done)
        return done.error();
    if (!statement->next()) {
        if (auto status = statement->status(QStringLiteral("reading a post")); !status)
            return status.error();
        return std::optional<model::Post>();
    }
    return std::optional<model::Post>(postrow::readPost(*statement));
}

Result<model::Post> require(ThreadConnection &connection, const QString &guid)
{
    auto found = find(connection, guid);
    if (!found)
        return found.error();
    if (!*found)
        return Error{ErrorCode::NotFound, QStringLiteral("no post ") + guid.left(40)};
    return **found;
}

namespace {

// The content columns of a post (those the full-text triggers watch are among them) and the
// values contentValues() gives for them.
const QString ContentColumns = QStringLiteral("title, body, tags, state, cover, deleted");

QVariantList contentValues(const model::Post &post)
{
    return {
            post.fields.title,
            post.fields.body,
            postrow::tagsJson(post.fields.tags),
            model::publishStateName(post.fields.state),
            post.fields.cover,
            post.deleted ? 1 : 0,
    };
}

// The other columns of the posts row, except guid, and their values.
const QString RowColumns = QStringLiteral("blog, created_at, modified_at, base, theirs");

QVariantList rowValues(const model::Post &post)
{
    return {
            post.blog,
            postrow::toStoredTime(post.createdAt),
            postrow::toStoredTime(post.modifiedAt),
            postrow::storedBase(post),
            postrow::storedTheirs(post),
    };
}

// The columns of the post_sync row, except id and guid, and their values: the sync state, and
// the copies of blog, modified_at and deleted that its indexes answer from (schema version 9).
const QString SyncColumns = QStringLiteral("blog, modified_at, deleted, rev, sync_status, "
                                           "base_is_fields, edit_counter, created_by, "
                                           "modified_by, last_error");

QVariantList syncValues(const model::Post &post)
{
    return {
            post.blog,
            postrow::toStoredTime(post.modifiedAt),
            post.deleted ? 1 : 0,
            post.rev,
            model::syncStatusName(post.syncStatus),
            postrow::baseIsOwnFields(post) ? 1 : 0,
            post.editCounter,
            post.createdBy,
            post.modifiedBy,
            post.lastError,
    };
}

// "a = ?, b = ?, ..." for the columns of a list as above.
QString assignments(const QString &columns)
{
    return columns.split(QStringLiteral(", ")).join(QStringLiteral(" = ?, "))
            + QStringLiteral(" = ?");
}

qsizetype columnCount(const QString &columns)
{
    return columns.count(u',') + 1;
}

// An INSERT of the posts rows of `rows` posts: guid, then the content and the row columns.
QString insertSql(qsizetype rows)
{
    return QStringLiteral("INSERT INTO posts (guid, ") % ContentColumns % QStringLiteral(", ")
            % RowColumns % QStringLiteral(") VALUES ")
            % multirow::placeholders(rows,
                                     1 + columnCount(ContentColumns) + columnCount(RowColumns));
}

void appendInsertValues(QVariantList *values, const model::Post &post)
{
    values->append(post.guid);
    values->append(contentValues(post));
    values->append(rowValues(post));
}

// The post_sync rows of `rows` posts whose posts rows insertSql() has just written: guid, then
// the sync columns; the id is the posts row's.
QString insertSyncSql(qsizetype rows)
{
    QStringList fromValues;
    for (qsizetype column = 2; column <= 1 + columnCount(SyncColumns); ++column)
        fromValues.append(QStringLiteral("v.column%1").arg(column));
    return QStringLiteral("INSERT INTO post_sync (id, guid, ") % SyncColumns
            % QStringLiteral(") SELECT p.id, p.guid, ") % fromValues.join(QStringLiteral(", "))
            % QStringLiteral(" FROM (VALUES ")
            % multirow::placeholders(rows, 1 + columnCount(SyncColumns))
            % QStringLiteral(") AS v JOIN posts p ON p.guid = v.column1");
}

void appendInsertSyncValues(QVariantList *values, const model::Post &post)
{
    values->append(post.guid);
    values->append(syncValues(post));
}

// An UPDATE of the posts rows of `rows` posts from a list of values, each row: guid, the content
// columns and modified_at. The post becomes what the server has: no conflict, and (with
// replaceSyncSql()) base = its own fields.
QString replaceSql(qsizetype rows)
{
    return QStringLiteral("UPDATE posts SET title = v.column2, body = v.column3, "
                          "tags = v.column4, state = v.column5, cover = v.column6, "
                          "deleted = v.column7, modified_at = v.column8, base = NULL, "
                          "theirs = NULL FROM (VALUES ")
            % multirow::placeholders(rows, 8)
            % QStringLiteral(") AS v WHERE posts.guid = v.column1");
}

void appendReplaceValues(QVariantList *values, const model::Post &post)
{
    values->append(post.guid);
    values->append(contentValues(post));
    values->append(postrow::toStoredTime(post.modifiedAt));
}

// The sync state of the same posts, each row: guid, deleted, rev, modified_at, created_by and
// modified_by (an empty author keeps the stored one); synced with base = fields, no error.
QString replaceSyncSql(qsizetype rows)
{
    return QStringLiteral("UPDATE post_sync SET deleted = v.column2, rev = v.column3, "
                          "modified_at = v.column4, "
                          "created_by = CASE WHEN v.column5 = '' THEN post_sync.created_by "
                          "ELSE v.column5 END, "
                          "modified_by = CASE WHEN v.column6 = '' THEN post_sync.modified_by "
                          "ELSE v.column6 END, "
                          "base_is_fields = 1, last_error = '' FROM (VALUES ")
            % multirow::placeholders(rows, 6)
            % QStringLiteral(") AS v JOIN posts p ON p.guid = v.column1 "
                             "WHERE post_sync.id = p.id");
}

void appendReplaceSyncValues(QVariantList *values, const model::Post &post)
{
    values->append(post.guid);
    values->append(post.deleted ? 1 : 0);
    values->append(post.rev);
    values->append(postrow::toStoredTime(post.modifiedAt));
    values->append(post.createdBy);
    values->append(post.modifiedBy);
}

} // namespace

Result<void> insert(ThreadConnection &connection, const model::Post &post)
{
    return insert(connection, QList<model::Post>{post});
}

Result<void> insert(ThreadConnection &connection, const QList<model::Post> &posts)
{
    const QString what = QStringLiteral("storing posts");
    if (auto done = multirow::inChunks(connection, posts, insertSql, appendInsertValues, what);
        !done)
        return done;
    return multirow::inChunks(connection, posts, insertSyncSql, appendInsertSyncValues, what);
}

Result<void> replaceFromServer(ThreadConnection &connection, const QList<model::Post> &posts)
{
    const QString what = QStringLiteral("storing pulled posts");
    if (auto done = multirow::inChunks(connection, posts, replaceSql, appendReplaceValues, what);
        !done)
        return done;
    return multirow::inChunks(connection, posts, replaceSyncSql, appendReplaceSyncValues, what);
}

namespace {

// Runs "UPDATE <table> SET <columns> = ? ... WHERE <key>" with values and then the key's value.
Result<void> update(ThreadConnection &connection, const QString &sql, QVariantList values,
                    const QString &guid)
{
    auto statement = connection.statement(sql);
    if (!statement)
        return statement.error();
    values.append(guid);
    return statement->exec(values, QStringLiteral("storing a post"));
}

} // namespace

Result<void> save(ThreadConnection &connection, const model::Post &before, const model::Post &after)
{
    // Title, body and deleted feed the full-text triggers: only write them when they change.
    if (before.fields != after.fields || before.deleted != after.deleted) {
        static const QString sql = QStringLiteral("UPDATE posts SET ") % assignments(ContentColumns)
                % QStringLiteral(" WHERE guid = ?");
        if (auto saved = update(connection, sql, contentValues(after), after.guid); !saved)
            return saved;
    }
    // The base column is only written while it is not the post's fields (see
    // postrow::baseIsOwnFields()): a base that becomes the fields only sets the flag in
    // post_sync.
    const bool ownBase = postrow::baseIsOwnFields(after);
    const bool rowChanged = before.blog != after.blog || before.createdAt != after.createdAt
            || before.modifiedAt != after.modifiedAt || before.theirs != after.theirs
            || before.agreed != after.agreed
            || (!ownBase && (postrow::baseIsOwnFields(before) || before.base != after.base));
    if (rowChanged) {
        static const QString sql = QStringLiteral("UPDATE posts SET ") % assignments(RowColumns)
                % QStringLiteral(" WHERE guid = ?");
        if (auto saved = update(connection, sql, rowValues(after), after.guid); !saved)
            return saved;
    }
    const QVariantList sync = syncValues(after);
    if (sync == syncValues(before))
        return {};
    static const QString sql = QStringLiteral("UPDATE post_sync SET ") % assignments(SyncColumns)
            % QStringLiteral(" WHERE id = (SELECT id FROM posts WHERE guid = ?)");
    return update(connection, sql, sync, after.guid);
}

Result<void> validate(const model::PostFields &fields)
{
    if (!fields.cover.isEmpty() && !model::Attachment::isValidHash(fields.cover)) {
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("the cover is not a lower-case SHA-256: ")
                             + fields.cover.left(80)};
    }
    return {};
}

} // namespace inkwell::store::postaccess
