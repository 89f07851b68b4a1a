#include "store/conflictresolver.h"

#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

namespace inkwell::store {

namespace {

merge::Version theirsVersion(const model::Post &post)
{
    return merge::Version{post.theirs->fields, post.theirs->deleted};
}

// The stored server version of a conflicted post, named by the post's guid.
model::Revision storedTheirs(const model::Post &post)
{
    model::Revision theirs = *post.theirs;
    theirs.guid = post.guid;
    return theirs;
}

} // namespace

ConflictResolver::ConflictResolver(LocalStore &store) : m_store(store) { }

Result<Conflict> ConflictResolver::conflict(const QString &guid)
{
    auto post = m_store.posts().post(guid);
    if (!post)
        return post.error();
    if (post->syncStatus != model::SyncStatus::Conflicted || !post->theirs) {
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("post %1 is not conflicted").arg(guid)};
    }
    const merge::Version base{post->base.value_or(model::PostFields{}), false};
    const merge::Version mine{post->fields, post->deleted};
    merge::MergeSession session(base, mine, theirsVersion(*post));
    const qint64 theirsRev = post->theirs->rev;
    return Conflict{std::move(*post), theirsRev, std::move(session)};
}

Result<model::Post> ConflictResolver::keepMine(const QString &guid, qint64 expectedTheirsRev)
{
    return settle(guid, expectedTheirsRev, [](Conflict &conflict) -> Result<merge::Version> {
        conflict.session.chooseAllOpen(merge::FieldChoice::Mine);
        return conflict.session.resolved();
    });
}

Result<model::Post> ConflictResolver::takeTheirs(const QString &guid, qint64 expectedTheirsRev)
{
    return settle(guid, expectedTheirsRev, [](Conflict &conflict) -> Result<merge::Version> {
        return theirsVersion(conflict.post);
    });
}

Result<model::Post> ConflictResolver::resolveWith(const QString &guid, const merge::Version &result,
                                                  qint64 expectedTheirsRev)
{
    return settle(guid, expectedTheirsRev,
                  [&](Conflict &) -> Result<merge::Version> { return result; });
}

Result<KeptBoth> ConflictResolver::keepBoth(const QString &guid, qint64 expectedTheirsRev)
{
    KeptBoth kept;
    auto written = m_store.write([&]() -> Result<void> {
        auto current = conflictAt(guid, expectedTheirsRev);
        if (!current)
            return current.error();
        const model::Post &post = current->post;
        if (post.deleted) {
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("post %1 is deleted here: there is no version of mine "
                                        "to keep")
                                 .arg(guid)};
        }
        auto copy = m_store.posts().create(post.blog, post.fields);
        if (!copy)
            return copy.error();
        auto original = m_store.sync().applyMerge(storedTheirs(post), theirsVersion(post));
        if (!original)
            return original.error();
        kept = KeptBoth{std::move(*copy), std::move(*original)};
        return {};
    });
    if (!written)
        return written.error();
    return kept;
}

Result<Conflict> ConflictResolver::conflictAt(const QString &guid, qint64 expectedTheirsRev)
{
    auto current = conflict(guid);
    if (!current)
        return current.error();
    if (current->theirsRev != expectedTheirsRev) {
        return Error{ErrorCode::Conflict,
                     QStringLiteral("the server's version changed while you were resolving "
                                    "(rev %1, now %2); review the new merge")
                             .arg(expectedTheirsRev)
                             .arg(current->theirsRev)};
    }
    return current;
}

Result<model::Post> ConflictResolver::settle(
        const QString &guid, qint64 expectedTheirsRev,
        const std::function<Result<merge::Version>(Conflict &conflict)> &decide)
{
    model::Post stored;
    auto written = m_store.write([&]() -> Result<void> {
        auto current = conflictAt(guid, expectedTheirsRev);
        if (!current)
            return current.error();
        auto result = decide(*current);
        if (!result)
            return result.error();
        auto applied = m_store.sync().applyMerge(storedTheirs(current->post), *result);
        if (!applied)
            return applied.error();
        stored = std::move(*applied);
        return {};
    });
    if (!written)
        return written.error();
    return stored;
}

} // namespace inkwell::store
