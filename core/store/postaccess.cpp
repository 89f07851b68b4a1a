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

// The other columns of a post, except guid, and their values.
const QString StateColumns = QStringLiteral("blog, created_at, modified_at, rev, sync_status, "
                                            "base, theirs, edit_counter, created_by, "
                                            "modified_by, last_error");

QVariantList stateValues(const model::Post &post)
{
    return {
            post.blog,
            postrow::toStoredTime(post.createdAt),
            postrow::toStoredTime(post.modifiedAt),
            post.rev,
            model::syncStatusName(post.syncStatus),
            postrow::storedBase(post),
            postrow::storedTheirs(post),
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

// An INSERT of every column for `rows` posts: guid, then the content and the state columns.
QString insertSql(qsizetype rows)
{
    QStringList values(rows,
                       QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return QStringLiteral("INSERT INTO posts (guid, ") % ContentColumns % QStringLiteral(", ")
            % StateColumns % QStringLiteral(") VALUES ") % values.join(QStringLiteral(", "));
}

// Appends the values of one insertSql() row.
void appendInsertValues(QVariantList *values, const model::Post &post)
{
    values->append(post.guid);
    values->append(contentValues(post));
    values->append(stateValues(post));
}

// An UPDATE of `rows` posts from a list of values, each row: guid, the content columns, rev,
// modified_at, created_by and modified_by (an empty author keeps the stored one). The post
// becomes what the server has: base = its own fields (NULL, see postrow::storedBase()), no
// conflict, no error.
QString replaceSql(qsizetype rows)
{
    QStringList values(rows, QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    return QStringLiteral("UPDATE posts SET title = v.column2, body = v.column3, "
                          "tags = v.column4, state = v.column5, cover = v.column6, "
                          "deleted = v.column7, rev = v.column8, modified_at = v.column9, "
                          "created_by = CASE WHEN v.column10 = '' THEN posts.created_by "
                          "ELSE v.column10 END, "
                          "modified_by = CASE WHEN v.column11 = '' THEN posts.modified_by "
                          "ELSE v.column11 END, "
                          "base = NULL, theirs = NULL, last_error = '' FROM (VALUES ")
            % values.join(QStringLiteral(", "))
            % QStringLiteral(") AS v WHERE posts.guid = v.column1");
}

void appendReplaceValues(QVariantList *values, const model::Post &post)
{
    values->append(post.guid);
    values->append(contentValues(post));
    values->append(post.rev);
    values->append(postrow::toStoredTime(post.modifiedAt));
    values->append(post.createdBy);
    values->append(post.modifiedBy);
}

// Runs the statement sqlFor(rows) once per chunk of posts, with appendValues() called for each
// post of the chunk. One statement per chunk instead of one per post: besides saving statement
// overhead this matters for the full-text index, because FTS5 flushes its pending terms at the
// end of every statement that fires its triggers, so a statement per post writes a tiny index
// segment per post and merges them over and over (several times slower on real text). Chunks of
// 128, 64, ..., 1 rows: at most eight statement texts to keep prepared, and 128 x 18
// placeholders stay far below SQLite's limit.
Result<void> inChunks(ThreadConnection &connection, const QList<model::Post> &posts,
                      QString (*sqlFor)(qsizetype rows),
                      void (*appendValues)(QVariantList *, const model::Post &),
                      const QString &what)
{
    constexpr qsizetype LargestChunk = 128;
    QVariantList values;
    for (qsizetype first = 0, rows = 0; first < posts.size(); first += rows) {
        rows = LargestChunk;
        while (rows > posts.size() - first)
            rows /= 2;
        auto statement = connection.statement(sqlFor(rows));
        if (!statement)
            return statement.error();
        values.clear();
        for (qsizetype i = first; i < first + rows; ++i)
            appendValues(&values, posts.at(i));
        if (auto done = statement->exec(values, what); !done)
            return done;
    }
    return {};
}

} // namespace

Result<void> insert(ThreadConnection &connection, const model::Post &post)
{
    return insert(connection, QList<model::Post>{post});
}

Result<void> insert(ThreadConnection &connection, const QList<model::Post> &posts)
{
    return inChunks(connection, posts, insertSql, appendInsertValues,
                    QStringLiteral("storing posts"));
}

Result<void> replaceFromServer(ThreadConnection &connection, const QList<model::Post> &posts)
{
    return inChunks(connection, posts, replaceSql, appendReplaceValues,
                    QStringLiteral("storing pulled posts"));
}

namespace {

// Title, body and deleted feed the full-text triggers: only write them when they change.
Result<void> saveContent(ThreadConnection &connection, const model::Post &post)
{
    static const QString sql = QStringLiteral("UPDATE posts SET ") % assignments(ContentColumns)
            % QStringLiteral(" WHERE guid = ?");
    auto statement = connection.statement(sql);
    if (!statement)
        return statement.error();
    return statement->exec(contentValues(post) << post.guid, QStringLiteral("storing a post"));
}

Result<void> saveState(ThreadConnection &connection, const model::Post &post)
{
    static const QString sql = QStringLiteral("UPDATE posts SET ") % assignments(StateColumns)
            % QStringLiteral(" WHERE guid = ?");
    auto statement = connection.statement(sql);
    if (!statement)
        return statement.error();
    return statement->exec(stateValues(post) << post.guid, QStringLiteral("storing a post"));
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
    // The base column also changes between NULL and JSON when the fields move away from (or
    // back to) a base that was (or becomes) the post's own fields: see postrow::storedBase().
    if (stateBefore == after && postrow::baseIsOwnFields(before) == postrow::baseIsOwnFields(after))
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
