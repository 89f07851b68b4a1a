#include "store/postaccess.h"

#include "model/attachment.h"
#include "store/postrow.h"
#include "store/threadconnection.h"

namespace inkwell::store::postaccess {

Result<std::optional<model::Post>> find(ThreadConnection &connection, const QString &guid)
{
    auto statement = connection.statement(QStringLiteral("SELECT ") % postrow::columns()
                                          % QStringLiteral(" FROM posts p WHERE p.guid = ?"));
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

// An INSERT of every column for `rows` posts; base is written by the SQL in baseValue.
QString insertSql(const QString &baseValue, qsizetype rows = 1)
{
    const QString row = QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ") % baseValue
            % QStringLiteral(", ?, ?, ?, ?, ?)");
    QStringList values(rows, row);
    return QStringLiteral("INSERT INTO posts (guid, blog, title, body, tags, state, cover, "
                          "created_at, modified_at, rev, deleted, sync_status, base, theirs, "
                          "edit_counter, created_by, modified_by, last_error) VALUES ")
            % values.join(QStringLiteral(", "));
}

// The values of an insertSql() statement; base holds the values bound for the base column.
QVariantList insertValues(const model::Post &post, const QString &tags, const QString &state,
                          const QVariantList &base)
{
    return QVariantList{
                   post.guid,
                   post.blog,
                   post.fields.title,
                   post.fields.body,
                   tags,
                   state,
                   post.fields.cover,
                   postrow::toStoredTime(post.createdAt),
                   postrow::toStoredTime(post.modifiedAt),
                   post.rev,
                   post.deleted ? 1 : 0,
                   model::syncStatusName(post.syncStatus),
           }
    + base
            + QVariantList{
                    postrow::revisionJson(post.theirs),
                    post.editCounter,
                    post.createdBy,
                    post.modifiedBy,
                    post.lastError,
            };
}

} // namespace

Result<void> insert(ThreadConnection &connection, const model::Post &post)
{
    static const QString sql = insertSql(QStringLiteral("?"));
    auto statement = connection.statement(sql);
    if (!statement)
        return statement.error();
    return statement->exec(insertValues(post, postrow::tagsJson(post.fields.tags),
                                        model::publishStateName(post.fields.state),
                                        {postrow::fieldsJson(post.base)}),
                           QStringLiteral("storing a post"));
}

namespace {

// insertValues() of a post whose base is its fields (bound for baseJsonSql()).
QVariantList insertAtBaseValues(const model::Post &post)
{
    const QString tags = postrow::tagsJson(post.fields.tags);
    const QString state = model::publishStateName(post.fields.state);
    const QVariantList base{post.fields.title, post.fields.body, tags, state, post.fields.cover};
    return insertValues(post, tags, state, base);
}

} // namespace

Result<void> insertAtBase(ThreadConnection &connection, const model::Post &post)
{
    return insertAtBase(connection, QList<model::Post>{post});
}

Result<void> insertAtBase(ThreadConnection &connection, const QList<model::Post> &posts)
{
    // Rows per statement: one statement per chunk instead of one per post. Besides saving
    // statement overhead this matters for the full-text index: FTS5 flushes its pending terms at
    // the end of every statement that fires its trigger, so a statement per post writes a tiny
    // index segment per post and merges them over and over (several times slower on real text).
    // Chunks of 128, 64, ..., 1 rows: at most eight statement texts to keep prepared, and
    // 128 x 22 placeholders stay far below SQLite's limit.
    constexpr qsizetype LargestChunk = 128;
    static const QString baseSql = baseJsonSql();
    for (qsizetype first = 0, rows = 0; first < posts.size(); first += rows) {
        rows = LargestChunk;
        while (rows > posts.size() - first)
            rows /= 2;
        auto statement = connection.statement(insertSql(baseSql, rows));
        if (!statement)
            return statement.error();
        QVariantList values;
        for (qsizetype i = first; i < first + rows; ++i)
            values += insertAtBaseValues(posts.at(i));
        if (auto done = statement->exec(values, QStringLiteral("storing posts")); !done)
            return done;
    }
    return {};
}

QString baseJsonSql()
{
    return QStringLiteral(
            "json_object('title', ?, 'body', ?, 'tags', json(?), 'status', ?, 'cover', ?)");
}

namespace {

// Title, body and deleted feed the full-text triggers: only write them when they change.
Result<void> saveContent(ThreadConnection &connection, const model::Post &post)
{
    auto statement = connection.statement(
            QStringLiteral("UPDATE posts SET title = ?, body = ?, tags = ?, state = ?, cover = ?, "
                           "deleted = ? WHERE guid = ?"));
    if (!statement)
        return statement.error();
    return statement->exec(
            {
                    post.fields.title,
                    post.fields.body,
                    postrow::tagsJson(post.fields.tags),
                    model::publishStateName(post.fields.state),
                    post.fields.cover,
                    post.deleted ? 1 : 0,
                    post.guid,
            },
            QStringLiteral("storing a post"));
}

Result<void> saveState(ThreadConnection &connection, const model::Post &post)
{
    auto statement = connection.statement(QStringLiteral(
            "UPDATE posts SET blog = ?, created_at = ?, modified_at = ?, rev = ?, sync_status = ?, "
            "base = ?, theirs = ?, edit_counter = ?, created_by = ?, modified_by = ?, "
            "last_error = ? WHERE guid = ?"));
    if (!statement)
        return statement.error();
    return statement->exec(
            {
                    post.blog,
                    postrow::toStoredTime(post.createdAt),
                    postrow::toStoredTime(post.modifiedAt),
                    post.rev,
                    model::syncStatusName(post.syncStatus),
                    postrow::fieldsJson(post.base),
                    postrow::revisionJson(post.theirs),
                    post.editCounter,
                    post.createdBy,
                    post.modifiedBy,
                    post.lastError,
                    post.guid,
            },
            QStringLiteral("storing a post"));
}

} // namespace

Result<void> save(ThreadConnection &connection, const model::Post &before, const model::Post &after)
{
    if (before.fields != after.fields || before.deleted != after.deleted) {
        if (auto saved = saveContent(connection, after); !saved)
            return saved;
    }
    model::Post stateBefore = before;
    stateBefore.fields = after.fields;
    stateBefore.deleted = after.deleted;
    if (stateBefore == after)
        return {};
    return saveState(connection, after);
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
