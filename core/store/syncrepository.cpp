#include "store/syncrepository.h"

#include "store/localstore.h"
#include "store/postaccess.h"
#include "store/postrow.h"
#include "store/threadconnection.h"

#include <utility>

namespace inkwell::store {

namespace {

// The server-owned parts of a revision, as a pull or an acknowledgement delivers them.
void takeServerMetadata(model::Post &post, const model::Revision &revision)
{
    post.rev = revision.rev;
    if (!revision.createdBy.isEmpty())
        post.createdBy = revision.createdBy;
    if (!revision.modifiedBy.isEmpty())
        post.modifiedBy = revision.modifiedBy;
}

} // namespace

SyncRepository::SyncRepository(LocalStore &store) : m_store(store) { }

Result<QList<model::Post>> SyncRepository::pendingPosts(const QString &blog)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    auto statement = (*connection)
                             ->statement(QStringLiteral("SELECT ") % postrow::columns()
                                         % QStringLiteral(" FROM ") % postrow::tables()
                                         % QStringLiteral(" WHERE s.blog = ? AND "
                                                          "s.sync_status = 'needs-sync' "
                                                          "ORDER BY s.modified_at, s.id"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({blog}, QStringLiteral("listing pending posts")); !done)
        return done.error();
    QList<model::Post> posts;
    while (statement->next())
        posts.append(postrow::readPost(*statement));
    if (auto status = statement->status(QStringLiteral("listing pending posts")); !status)
        return status.error();
    return posts;
}

Result<PullOutcome> SyncRepository::upsertFromServer(const QString &blog,
                                                     const model::Revision &revision)
{
    if (!model::isValidGuid(revision.guid) || revision.rev <= 0)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("a pulled revision needs a guid and rev")};
    if (auto valid = postaccess::validate(revision.fields); !valid)
        return valid.error();
    PullOutcome outcome = PullOutcome::Applied;
    auto written = m_store.change([&]() -> Result<void> {
        auto connection = m_store.connection();
        if (!connection)
            return connection.error();
        auto found = postaccess::find(**connection, revision.guid);
        if (!found)
            return found.error();
        const QDateTime modifiedAt =
                revision.modifiedAt.isValid() ? revision.modifiedAt : postrow::now();
        model::Post after;
        if (*found) {
            const model::Post &before = **found;
            if (before.blog != blog)
                return Error{ErrorCode::InvalidArgument,
                             QStringLiteral("the post belongs to another blog")};
            if (before.syncStatus != model::SyncStatus::Synced) {
                outcome = PullOutcome::LocalChangesPending;
                return {};
            }
            if (revision.rev <= before.rev) {
                outcome = PullOutcome::Unchanged;
                return {};
            }
            after = before;
        } else {
            after.guid = revision.guid;
            after.blog = blog;
            after.createdAt = modifiedAt;
        }
        after.fields = revision.fields;
        after.base = revision.fields;
        after.deleted = revision.deleted;
        after.syncStatus = model::SyncStatus::Synced;
        after.modifiedAt = modifiedAt;
        after.theirs.reset();
        after.lastError.clear();
        takeServerMetadata(after, revision);
        m_store.notePostChanged(*connection, revision.guid);
        // A stored post takes the revision as a pulled page's stored posts do.
        return *found ? postaccess::replaceFromServer(**connection, {after})
                      : postaccess::insert(**connection, after);
    });
    if (!written)
        return written.error();
    return outcome;
}

Result<void> SyncRepository::markConflicted(const QString &guid, const model::Revision &theirs)
{
    auto modified = m_store.modifyPost(guid, [&](model::Post &post) -> Result<void> {
        post.theirs = theirs;
        post.theirs->guid = guid;
        // A real server version replaces the editor's held one: the merge is now against what
        // was last agreed with the server, so local edits not yet pushed stay mine.
        if (post.agreed)
            post.base = *std::exchange(post.agreed, std::nullopt);
        post.syncStatus = model::SyncStatus::Conflicted;
        return {};
    });
    if (!modified)
        return modified.error();
    return {};
}

Result<model::Post> SyncRepository::applyMerge(const model::Revision &theirs,
                                               const merge::Version &merged)
{
    return m_store.modifyPost(theirs.guid, [&](model::Post &post) -> Result<void> {
        const merge::Version server{theirs.fields, theirs.deleted};
        // Both deleted: the server's tombstone is the agreed state (as when accepting theirs).
        const merge::Version result = merged.deleted && theirs.deleted ? server : merged;
        // Theirs held as the editor's conflict may carry local edits not yet pushed: the server
        // has only agreed on `agreed` at that revision, so a result is in sync only when it is
        // that, and never at revision 0 (a post the server has never seen).
        const std::optional<model::PostFields> agreed = std::exchange(post.agreed, std::nullopt);
        const bool inSync = theirs.rev > 0
                && (agreed ? !result.deleted && result.fields == *agreed : result == server);
        if (post.fields != result.fields || post.deleted != result.deleted)
            post.modifiedAt = postrow::now();
        post.fields = result.fields;
        post.deleted = result.deleted;
        post.base = agreed.value_or(theirs.fields);
        takeServerMetadata(post, theirs);
        post.theirs.reset();
        post.editCounter += 1;
        if (inSync) {
            post.syncStatus = model::SyncStatus::Synced;
            post.lastError.clear();
        } else {
            post.syncStatus = model::SyncStatus::NeedsSync;
        }
        return {};
    });
}

Result<qint64> SyncRepository::cursor(const QString &server, const QString &blog)
{
    auto value = readSyncState(QStringLiteral("cursor"), server, blog);
    if (!value)
        return value.error();
    return value->toLongLong(); // 0 before the first pull (no row)
}

Result<void> SyncRepository::setCursor(const QString &server, const QString &blog, qint64 cursor)
{
    if (cursor < 0)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("a cursor is never negative")};
    return writeSyncState(QStringLiteral("cursor"), server, blog, cursor);
}

Result<QString> SyncRepository::epoch(const QString &server, const QString &blog)
{
    auto value = readSyncState(QStringLiteral("epoch"), server, blog);
    if (!value)
        return value.error();
    return value->toString(); // "" when none is known (no row)
}

Result<void> SyncRepository::setEpoch(const QString &server, const QString &blog,
                                      const QString &epoch)
{
    // A null QString would bind NULL; the column holds '' for "none".
    return writeSyncState(QStringLiteral("epoch"), server, blog,
                          epoch.isNull() ? QStringLiteral("") : epoch);
}

Result<QVariant> SyncRepository::readSyncState(const QString &column, const QString &server,
                                               const QString &blog)
{
    const QString what = QStringLiteral("reading the sync state");
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    auto statement = (*connection)
                             ->statement(QStringLiteral("SELECT ") + column
                                         + QStringLiteral(" FROM sync_state WHERE server = ? AND "
                                                          "blog = ?"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({server, blog}, what); !done)
        return done.error();
    if (!statement->next()) {
        if (auto status = statement->status(what); !status)
            return status.error();
        return QVariant();
    }
    return statement->value(0);
}

Result<void> SyncRepository::writeSyncState(const QString &column, const QString &server,
                                            const QString &blog, const QVariant &value)
{
    return m_store.change([&]() -> Result<void> {
        auto connection = m_store.connection();
        if (!connection)
            return connection.error();
        auto statement =
                (*connection)
                        ->statement(QStringLiteral("INSERT INTO sync_state (server, blog, ")
                                    + column
                                    + QStringLiteral(") VALUES (?, ?, ?) ON CONFLICT "
                                                     "(server, blog) DO UPDATE SET ")
                                    + column + QStringLiteral(" = excluded.") + column);
        if (!statement)
            return statement.error();
        return statement->exec({server, blog, value}, QStringLiteral("storing the sync state"));
    });
}

Result<void> SyncRepository::resetCursor(const QString &server, const QString &blog)
{
    return setCursor(server, blog, 0);
}

Result<void> SyncRepository::setPostError(const QString &guid, const QString &text)
{
    auto modified = m_store.modifyPost(guid, [&](model::Post &post) -> Result<void> {
        post.lastError = text;
        return {};
    });
    if (!modified)
        return modified.error();
    return {};
}

} // namespace inkwell::store
