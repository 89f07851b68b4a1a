#include "store/search/searchindex.h"

#include "store/threadconnection.h"

namespace inkwell::store::searchindex {

namespace {

const QString Context = QStringLiteral("updating the search index");

Result<qint64> single(ThreadConnection &connection, const QString &sql, const QVariantList &values)
{
    auto statement = connection.statement(sql);
    if (!statement)
        return statement.error();
    if (auto done = statement->exec(values, Context); !done)
        return done.error();
    if (!statement->next()) {
        if (auto status = statement->status(Context); !status)
            return status.error();
        return qint64(0);
    }
    return statement->integer(0);
}

Result<void> run(ThreadConnection &connection, const QString &sql, qint64 first, qint64 last)
{
    auto statement = connection.statement(sql);
    if (!statement)
        return statement.error();
    return statement->exec({first, last}, Context);
}

struct Batch
{
    qint64 size = 0;
    qint64 firstId = 0;
    qint64 lastId = 0;
};

// How many notes the batch of up to `limit` holds and the ids of its first and last one.
Result<Batch> firstNotes(ThreadConnection &connection, qint64 limit)
{
    auto statement = connection.statement(
            QStringLiteral("SELECT count(*), min(id), max(id) FROM (SELECT id FROM "
                           "posts_fts_pending ORDER BY id LIMIT ?)"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({limit}, Context); !done)
        return done.error();
    if (!statement->next()) {
        if (auto status = statement->status(Context); !status)
            return status.error();
        return Batch{};
    }
    return Batch{statement->integer(0), statement->integer(1), statement->integer(2)};
}

} // namespace

Result<qint64> behind(ThreadConnection &connection, qint64 cap)
{
    return single(connection,
                  QStringLiteral("SELECT count(*) FROM "
                                 "(SELECT 1 FROM posts_fts_pending LIMIT ?)"),
                  {cap});
}

Result<qint64> catchUp(ThreadConnection &connection, qint64 limit)
{
    // The batch is every note up to the limit-th id, so each statement below names it by a
    // range of the primary key. The notes lead the join (CROSS JOIN fixes the order): the
    // planner would otherwise carry the range over to the posts and read every post in it,
    // for sparse notes most of the table.
    auto batch = firstNotes(connection, limit);
    if (!batch)
        return batch.error();
    const auto [taken, first, last] = *batch;
    if (taken == 0)
        return taken;
    // In this order: the terms the index holds go before the current ones come in, and the
    // notes go last.
    static const QString steps[] = {
            QStringLiteral("INSERT INTO posts_fts (posts_fts, rowid, title, body) "
                           "SELECT 'delete', id, title, body FROM "
                           "posts_fts_pending WHERE id BETWEEN ? AND ? AND indexed = 1"),
            QStringLiteral("INSERT INTO posts_fts (rowid, title, body) "
                           "SELECT p.id, p.title, p.body FROM posts_fts_pending q "
                           "CROSS JOIN posts p ON p.id = q.id "
                           "WHERE q.id BETWEEN ? AND ? AND p.deleted = 0"),
            QStringLiteral("DELETE FROM posts_fts_pending WHERE id BETWEEN ? AND ?"),
    };
    for (const QString &sql : steps) {
        if (auto done = run(connection, sql, first, last); !done)
            return done.error();
    }
    return taken;
}

} // namespace inkwell::store::searchindex
