// SyncRepository: the steps that bring back what a restored server database lost (kept apart
// from syncrepository.cpp).
#include "store/syncrepository.h"

#include "store/localstore.h"
#include "store/threadconnection.h"

namespace inkwell::store {

Result<bool> SyncRepository::rebaseOnServerVersion(const model::Revision &theirs)
{
    bool changed = false;
    auto modified = m_store.modifyPost(theirs.guid, [&](model::Post &post) -> Result<void> {
        if (post.syncStatus == model::SyncStatus::Conflicted || post.rev < theirs.rev)
            return {};
        if (post.rev == theirs.rev && (!post.base || *post.base == theirs.fields))
            return {}; // the server has the version this post is based on
        changed = true;
        post.rev = theirs.rev;
        post.base = theirs.fields;
        post.lastError.clear();
        post.editCounter += 1; // a new version: another op_id, and no stale acknowledgement
        if (post.deleted == theirs.deleted && post.fields == theirs.fields) {
            post.syncStatus = model::SyncStatus::Synced; // someone already brought it back
            if (!theirs.modifiedBy.isEmpty())
                post.modifiedBy = theirs.modifiedBy;
        } else {
            post.syncStatus = model::SyncStatus::NeedsSync;
        }
        return {};
    });
    if (!modified)
        return modified.error();
    return changed;
}

Result<QStringList> SyncRepository::postsWithServerRevision(const QString &blog)
{
    auto connection = m_store.connection();
    if (!connection)
        return connection.error();
    auto statement = (*connection)
                             ->statement(QStringLiteral(
                                     "SELECT guid FROM post_sync WHERE blog = ? AND rev > 0"));
    if (!statement)
        return statement.error();
    if (auto done = statement->exec({blog}, QStringLiteral("listing synced posts")); !done)
        return done.error();
    QStringList guids;
    while (statement->next())
        guids.append(statement->text(0));
    if (auto status = statement->status(QStringLiteral("listing synced posts")); !status)
        return status.error();
    return guids;
}

Result<bool> SyncRepository::recreateOnServer(const QString &guid)
{
    bool changed = false;
    auto modified = m_store.modifyPost(guid, [&](model::Post &post) -> Result<void> {
        if (post.rev == 0 || post.syncStatus == model::SyncStatus::Conflicted
            || (post.deleted && post.syncStatus == model::SyncStatus::Synced))
            return {};
        changed = true;
        post.rev = 0;
        post.base.reset();
        post.lastError.clear();
        post.editCounter += 1;
        post.syncStatus = model::SyncStatus::NeedsSync;
        return {};
    });
    if (!modified)
        return modified.error();
    return changed;
}

} // namespace inkwell::store
