#include "store/syncrepository.h"

#include "store/localstore.h"
#include "store/postrow.h"

namespace inkwell::store {

Result<model::Post> SyncRepository::storeEditConflict(const QString &guid,
                                                      const model::PostFields &mine,
                                                      const model::PostFields &base)
{
    return m_store.modifyPost(guid, [&](model::Post &post) -> Result<void> {
        if (post.syncStatus == model::SyncStatus::Conflicted) {
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("post %1 is conflicted already").arg(guid)};
        }
        // Theirs is the stored version at its revision, so resolving it leaves the post based on
        // that revision, as a resolution of a pulled conflict does.
        model::Revision theirs;
        theirs.guid = guid;
        theirs.rev = post.rev;
        theirs.deleted = post.deleted;
        theirs.fields = post.fields;
        theirs.createdBy = post.createdBy;
        theirs.modifiedBy = post.modifiedBy;
        theirs.modifiedAt = post.modifiedAt;
        // Local edits not yet pushed are part of theirs but not of the server's version at that
        // revision: keep what was agreed, so a resolution still pushes them and merges the next
        // server change against the agreed version (see SyncRepository::applyMerge()).
        if (post.syncStatus == model::SyncStatus::NeedsSync && post.base
            && (*post.base != post.fields || post.deleted))
            post.agreed = post.base;
        else
            post.agreed.reset();
        post.theirs = theirs;
        post.base = base;
        post.fields = mine;
        post.deleted = false;
        post.editCounter += 1;
        post.modifiedAt = postrow::now();
        post.syncStatus = model::SyncStatus::Conflicted;
        return {};
    });
}

} // namespace inkwell::store
