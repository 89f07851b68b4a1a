#include "store/postrepository.h"

#include "store/localstore.h"
#include "store/postaccess.h"
#include "store/postrow.h"
#include "store/search/searchquery.h"
#include "store/threadconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <optional>

namespace inkwell::store {

namespace {

constexpr int MaxPageSize = 1000;

Result<void> validatePage(const PostQuery &query)
{
    if (query.limit < 1 || query.limit > MaxPageSize || query.offset < 0) {
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("a page needs 1..%1 posts and a non-negative offset")
                             .arg(MaxPageSize)};
    }
    return {};
}

Result<QList<model::Post>> readPosts(ThreadConnection &connection, const QString &sql,
                                     const QVariantList &values)
{
    auto statement = connection.statement(sql);
    if (!statement)
        return statement.error();
    if (auto done = statement->exec(values, QStringLiteral("listing posts")); !done)
        return done.error();
    QList<model::Post> posts;
    while (statement->next())
        posts.append(postrow::readPost(*statement));
    if (auto status = statement->status(QStringLiteral("listing posts")); !status)
        return status.error();
    return posts;
}

// How many index entries match (tombstones and every blog included), counted up to `cap`: the
// answer is min(matches, cap), so a word in every post stops after cap entries of its doclist
// instead of reading all of it. Cheap, no ranking.
Result<qint64> countMatches(ThreadConnection &connection, const QString &match, qint64 cap)
{
    auto statement = connection.statement(
            QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ? "
                           "LIMIT ?)"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({match, cap}, QStringLiteral("searching posts")); !done)
        return done.error();
    if (!statement->next()) {
        if (auto status = statement->status(QStringLiteral("searching posts")); !status)
            return status.error();
        return qint64(0);
    }
    return statement->integer(0);
}

// The list's order, newest first (the index posts_by_modification; PageKey follows it too).
constexpr QLatin1String ListOrder(" ORDER BY p.modified_at DESC, p.guid DESC");

// The live posts of query's blog and filter, as a search lists them: " WHERE ..." for a FROM
// that names posts p.
QString liveInScope(const PostQuery &query, QVariantList *values)
{
    return QStringLiteral(" WHERE p.deleted = 0") % scopeCondition(query, values);
}

// The page of a broad search (more than BroadMatchCount matches) in list order, without
// building the set of every match, which took 16-26 ms for a prefix in every post of 100,000:
// the listed posts are walked a batch at a time and FTS5 is asked only for the id range of the
// batch, which it seeks to. Posts get their ids as they are stored and an edit moves a post to
// the top, so a batch's ids are mostly close together. nullopt when they are not (the range
// would take in much of the index for every batch), or when the matches are too sparse to fill
// the page within MaxBatches batches: the caller then builds the set of every match. The listing
// stays open until the page's rows are read, so all of it is one snapshot of the database.
Result<std::optional<QList<model::Post>>> broadSearchPage(ThreadConnection &connection,
                                                          const QString &match,
                                                          const PostQuery &query)
{
    constexpr qsizetype Batch = 256;
    constexpr qint64 Spread = 4 * Batch; // the widest id range a batch may ask for
    constexpr int MaxBatches = 8;
    QVariantList values;
    auto listed = connection.statement(QStringLiteral("SELECT p.id FROM posts p")
                                       % liveInScope(query, &values) % ListOrder);
    if (!listed)
        return listed.error();
    if (auto done = listed->exec(values, QStringLiteral("searching posts")); !done)
        return done.error();
    auto inRange = connection.statement(QStringLiteral(
            "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? AND rowid BETWEEN ? AND ?"));
    if (!inRange)
        return inRange.error();
    QList<qint64> page;
    qint64 toSkip = query.offset;
    qint64 matched = 0; // in the batches so far, skipped ones included
    bool listEnded = false;
    for (int batches = 0; !listEnded && page.size() < query.limit; ++batches) {
        // Sparse matches would not fill the page within MaxBatches: no more ranges are asked
        // for (each costs FTS5 the expansion of the prefix again).
        if (batches == MaxBatches
            || (batches > 0 && matched * MaxBatches < (query.offset + query.limit) * batches))
            return std::optional<QList<model::Post>>();
        QList<qint64> batch;
        while (batch.size() < Batch && listed->next())
            batch.append(listed->integer(0));
        if (auto status = listed->status(QStringLiteral("searching posts")); !status)
            return status.error();
        listEnded = batch.size() < Batch;
        if (batch.isEmpty())
            break;
        const auto [lowest, highest] = std::minmax_element(batch.cbegin(), batch.cend());
        if (*highest - *lowest >= Spread)
            return std::optional<QList<model::Post>>();
        if (auto done =
                    inRange->exec({match, *lowest, *highest}, QStringLiteral("searching posts"));
            !done)
            return done.error();
        QSet<qint64> hits;
        while (inRange->next())
            hits.insert(inRange->integer(0));
        if (auto status = inRange->status(QStringLiteral("searching posts")); !status)
            return status.error();
        for (const qint64 id : std::as_const(batch)) {
            if (!hits.contains(id) || page.size() == query.limit)
                continue;
            ++matched;
            if (toSkip > 0)
                --toSkip;
            else
                page.append(id);
        }
    }
    QJsonArray ids;
    for (const qint64 id : std::as_const(page))
        ids.append(id);
    auto posts = readPosts(
            connection,
            QStringLiteral("SELECT ") % postrow::columns() % QStringLiteral(" FROM ")
                    % postrow::tables()
                    % QStringLiteral(" WHERE p.id IN (SELECT value FROM json_each(?))") % ListOrder,
            {QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact))});
    if (!posts)
        return posts.error();
    return std::optional<QList<model::Post>>(std::move(*posts));
}

Error notFound(const QString &guid)
{
    return Error{ErrorCode::NotFound, QStringLiteral("no post ") + guid.left(40)};
}

} // namespace

PostRepository::PostRepository(LocalStore &store) : m_store(store) { }

Result<model::Post> PostRepository::create(const QString &blog, const model::PostFields &fields)
{
    if (auto valid = postaccess::validate(fields); !valid)
        return valid.error();
    model::Post post;
    post.guid = model::createGuid();
    post.blog = blog;
    post.fields = fields;
    post.syncStatus = model::SyncStatus::NeedsSync;
    post.editCounter = 1;
    post.createdAt = postrow::now();
    post.modifiedAt = post.createdAt;
    auto written = m_store.change([&]() -> Result<void> {
        auto connection = m_store.connection();
        if (!connection)
            return connection.error();
        if (auto inserted = postaccess::insert(**connection, post); !inserted)
            return inserted;
        m_store.notePostChanged(*connection, post.guid);
        return {};
    });
    if (!written)
        return written.error();
    return post;
}

Result<model::Post> PostRepository::update(const QString &guid, const model::PostFields &fields)
{
    return updateIf(guid, fields, nullptr);
}

Result<model::Post> PostRepository::update(const QString &guid, const model::PostFields &fields,
                                           const model::PostFields &expected)
{
    return updateIf(guid, fields, &expected);
}

Result<model::Post> PostRepository::updateIf(const QString &guid, const model::PostFields &fields,
                                             const model::PostFields *expected)
{
    if (auto valid = postaccess::validate(fields); !valid)
        return valid.error();
    return m_store.modifyPost(guid, [&](model::Post &post) -> Result<void> {
        if (post.deleted)
            return notFound(guid);
        if (expected && post.fields != *expected) {
            return Error{ErrorCode::Conflict,
                         QStringLiteral("post %1 changed since it was read").arg(guid.left(40))};
        }
        if (post.fields == fields)
            return {};
        post.fields = fields;
        post.editCounter += 1;
        post.modifiedAt = postrow::now();
        if (post.syncStatus != model::SyncStatus::Conflicted)
            post.syncStatus = model::SyncStatus::NeedsSync;
        return {};
    });
}

Result<model::Post> PostRepository::restore(const QString &guid)
{
    return m_store.modifyPost(guid, [](model::Post &post) -> Result<void> {
        if (!post.deleted)
            return {};
        post.deleted = false;
        post.editCounter += 1;
        post.modifiedAt = postrow::now();
        post.syncStatus = model::SyncStatus::NeedsSync;
        return {};
    });
}

Result<model::Post> PostRepository::restoreRevision(const QString &guid,
                                                    const model::Revision &revision)
{
    if (revision.guid != guid) {
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("revision %1 is not of post %2").arg(revision.rev).arg(guid)};
    }
    if (auto valid = postaccess::validate(revision.fields); !valid)
        return valid.error();
    return m_store.modifyPost(guid, [&](model::Post &post) -> Result<void> {
        if (post.syncStatus == model::SyncStatus::Conflicted) {
            return Error{
                    ErrorCode::Conflict,
                    QStringLiteral("post %1 is in conflict: resolve the conflict first").arg(guid)};
        }
        if (!post.deleted && post.fields == revision.fields)
            return {};
        post.fields = revision.fields;
        post.deleted = false;
        post.editCounter += 1;
        post.modifiedAt = postrow::now();
        post.syncStatus = model::SyncStatus::NeedsSync;
        return {};
    });
}

Result<QStringList> PostRepository::adoptLocalPosts(const QString &blog)
{
    if (blog.isEmpty())
        return Error{ErrorCode::InvalidArgument, QStringLiteral("local posts need a blog")};
    QStringList moved;
    auto written = m_store.change([&]() -> Result<void> {
        auto connection = m_store.connection();
        if (!connection)
            return connection.error();
        auto local = readPosts(**connection,
                               QStringLiteral("SELECT ")
                                       % postrow::columns()
                                       // By the sync row's copy of the blog: post_sync's
                                       // index finds the few local posts, where a condition
                                       // on p.blog reads every post (no index of posts has
                                       // the blog). `+`: not every live post by `deleted`.
                                       % QStringLiteral(" FROM ") % postrow::tables()
                                       % QStringLiteral(" WHERE s.blog = '' AND "
                                                        "+s.deleted = 0 ORDER BY p.id"),
                               {});
        if (!local)
            return local.error();
        for (const model::Post &before : std::as_const(*local)) {
            model::Post after = before;
            after.blog = blog;
            after.editCounter = before.editCounter + 1;
            after.syncStatus = model::SyncStatus::NeedsSync;
            if (auto saved = postaccess::save(**connection, before, after); !saved)
                return saved;
            m_store.notePostChanged(*connection, before.guid);
            moved.append(before.guid);
        }
        return {};
    });
    if (!written)
        return written.error();
    return moved;
}

Result<void> PostRepository::remove(const QString &guid)
{
    auto removed = m_store.modifyPost(guid, [&](model::Post &post) -> Result<void> {
        if (post.syncStatus == model::SyncStatus::Conflicted) {
            // Deleting over theirs is a resolution the writer chooses (ConflictResolver).
            return Error{
                    ErrorCode::Conflict,
                    QStringLiteral("post %1 is in conflict: resolve the conflict first").arg(guid)};
        }
        if (post.deleted)
            return {};
        post.deleted = true;
        post.editCounter += 1;
        post.modifiedAt = postrow::now();
        post.syncStatus = model::SyncStatus::NeedsSync;
        return {};
    });
    if (!removed)
        return removed.error();
    return {};
}

Result<model::Post> PostRepository::post(const QString &guid)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    return postaccess::require(**connection, guid);
}

Result<QList<model::Post>> PostRepository::page(const PostQuery &query)
{
    if (auto valid = validatePage(query); !valid)
        return valid.error();
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    QVariantList values;
    QString sql = QStringLiteral("SELECT ") % postrow::columns() % QStringLiteral(" FROM ")
            % postrow::tables() % QStringLiteral(" WHERE ") % listingCondition(query, &values);
    if (query.after) {
        const qint64 time = postrow::toStoredTime(query.after->modifiedAt);
        // A row value, which SQLite turns into a range on posts_by_modification; the same
        // condition spelt with OR made it scan the index from the newest post on every page
        // (23 ms instead of 0.1 ms for a page 90,000 posts down).
        sql += QStringLiteral(" AND (p.modified_at, p.guid) < (?, ?)");
        values << time << query.after->guid;
    }
    sql += ListOrder % QStringLiteral(" LIMIT ? OFFSET ?");
    values << query.limit << (query.after ? 0 : query.offset);
    return readPosts(**connection, sql, values);
}

Result<qint64> PostRepository::count(const PostQuery &query)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    QVariantList values;
    QString sql = QStringLiteral("SELECT count(*) FROM posts p WHERE ")
            % listingCondition(query, &values);
    auto statement = (*connection)->statement(sql);
    if (!statement)
        return statement.error();
    if (auto done = statement->exec(values, QStringLiteral("counting posts")); !done)
        return done.error();
    if (!statement->next())
        return Error{ErrorCode::DatabaseQuery, QStringLiteral("counting posts gave no row")};
    return statement->integer(0);
}

Result<QList<model::Post>> PostRepository::search(const QString &text, const PostQuery &query)
{
    if (auto valid = validatePage(query); !valid)
        return valid.error();
    const QString match = ftsMatchExpression(text);
    if (match.isEmpty())
        return QList<model::Post>();
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    auto hits = countMatches(**connection, match, BroadMatchCount + 1);
    if (!hits)
        return hits.error();
    QVariantList values;
    QString sql;
    if (*hits > BroadMatchCount) {
        // A short prefix matching most posts: the list's order, a batch at a time where the ids
        // allow it, else the list walked against the set of every match up to the page.
        auto page = broadSearchPage(**connection, match, query);
        if (!page)
            return page.error();
        if (*page)
            return std::move(**page);
        sql = QStringLiteral("SELECT ") % postrow::columns() % QStringLiteral(" FROM ")
                % postrow::tables() % liveInScope(query, &values)
                % QStringLiteral(
                        " AND p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)")
                % ListOrder % QStringLiteral(" LIMIT ? OFFSET ?");
        values << match << query.limit << query.offset;
        return readPosts(**connection, sql, values);
    }
    // Ranks (id, score, time) triples and reads the full rows of the one page only, so the
    // sorter never carries titles and bodies.
    sql = QStringLiteral("SELECT ") % postrow::columns()
            % QStringLiteral(" FROM (SELECT p.id AS hit, bm25(posts_fts, 10.0, 1.0) AS score, "
                             "p.modified_at AS modified FROM posts_fts JOIN posts p "
                             "ON p.id = posts_fts.rowid WHERE posts_fts MATCH ? AND p.deleted = 0");
    values.append(match);
    sql += scopeCondition(query, &values);
    // Title matches weigh more than body matches; ties show the newest first.
    // CROSS JOIN: the ranked page first, then each hit's row and sync state.
    sql += QStringLiteral(" ORDER BY score, modified DESC LIMIT ? OFFSET ?) AS ranked "
                          "CROSS JOIN ")
            % postrow::tables()
            % QStringLiteral(
                    " WHERE p.id = ranked.hit ORDER BY ranked.score, ranked.modified DESC");
    values << query.limit << query.offset;
    return readPosts(**connection, sql, values);
}

Result<StatusCounts> PostRepository::counts(const std::optional<QString> &blog,
                                            CountSynced countSynced)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    QString sql = QStringLiteral("SELECT sync_status, count(*) FROM post_sync WHERE ")
            % (countSynced == CountSynced::Yes
                       ? QStringLiteral("(deleted = 0 OR sync_status <> 'synced')")
                       : QStringLiteral("sync_status IN ('needs-sync', 'conflicted')"));
    QVariantList values;
    if (blog) {
        sql += QStringLiteral(" AND blog = ?");
        values.append(*blog);
    }
    sql += QStringLiteral(" GROUP BY sync_status");
    auto statement = (*connection)->statement(sql);
    if (!statement)
        return statement.error();
    if (auto done = statement->exec(values, QStringLiteral("counting posts")); !done)
        return done.error();
    StatusCounts counts;
    while (statement->next()) {
        model::SyncStatus status = model::SyncStatus::Synced;
        if (!model::parseSyncStatus(statement->text(0), &status))
            continue;
        const qint64 n = statement->integer(1);
        if (status == model::SyncStatus::Synced)
            counts.synced = n;
        else if (status == model::SyncStatus::NeedsSync)
            counts.needsSync = n;
        else
            counts.conflicted = n;
    }
    if (auto status = statement->status(QStringLiteral("counting posts")); !status)
        return status.error();
    return counts;
}

} // namespace inkwell::store
