#include "store/syncrepository.h"

#include "store/localstore.h"

namespace inkwell::store {

namespace {
Error nyi()
{
    return Error{ErrorCode::Internal, QStringLiteral("not implemented yet")};
}
} // namespace

SyncRepository::SyncRepository(LocalStore &store) : m_store(store) { }

Result<QList<model::Post>> SyncRepository::pendingPosts(const QString &)
{
    return nyi();
}
Result<PushOutcome> SyncRepository::acknowledgePush(const model::Revision &, qint64)
{
    return nyi();
}
Result<PullOutcome> SyncRepository::upsertFromServer(const QString &, const model::Revision &)
{
    return nyi();
}
Result<void> SyncRepository::markConflicted(const QString &, const model::Revision &)
{
    return nyi();
}
Result<model::Post> SyncRepository::applyMerge(const model::Revision &, const model::PostFields &)
{
    return nyi();
}
Result<model::Post> SyncRepository::resolve(const QString &, const model::PostFields &)
{
    return nyi();
}
Result<model::Post> SyncRepository::acceptTheirs(const QString &)
{
    return nyi();
}
Result<qint64> SyncRepository::cursor(const QString &, const QString &)
{
    return nyi();
}
Result<void> SyncRepository::setCursor(const QString &, const QString &, qint64)
{
    return nyi();
}
Result<void> SyncRepository::resetCursor(const QString &, const QString &)
{
    return nyi();
}
Result<void> SyncRepository::setPostError(const QString &, const QString &)
{
    return nyi();
}

} // namespace inkwell::store
