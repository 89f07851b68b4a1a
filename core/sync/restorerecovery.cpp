#include "sync/restorerecovery.h"

#include "store/localstore.h"
#include "store/syncrepository.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSync)

namespace inkwell::sync {

RestoreRecovery::RestoreRecovery(store::LocalStore &store, QString blog)
    : m_store(store), m_blog(std::move(blog))
{ }

Result<int> RestoreRecovery::notePage(const QList<model::Revision> &changes)
{
    int changed = 0;
    auto written = m_store.write([&]() -> Result<void> {
        changed = 0;
        for (const model::Revision &theirs : changes) {
            m_seen.insert(theirs.guid);
            auto rebased = m_store.sync().rebaseOnServerVersion(theirs);
            if (!rebased && rebased.error().code == ErrorCode::NotFound)
                continue; // a tombstone of a post this replica never had
            if (!rebased)
                return rebased.error();
            changed += *rebased ? 1 : 0;
        }
        return {};
    });
    if (!written)
        return written.error();
    return changed;
}

Result<int> RestoreRecovery::finish()
{
    int changed = 0;
    auto written = m_store.write([&]() -> Result<void> {
        changed = 0;
        auto known = m_store.sync().postsWithServerRevision(m_blog);
        if (!known)
            return known.error();
        for (const QString &guid : std::as_const(*known)) {
            if (m_seen.contains(guid))
                continue;
            auto recreated = m_store.sync().recreateOnServer(guid);
            if (!recreated)
                return recreated.error();
            changed += *recreated ? 1 : 0;
        }
        return {};
    });
    if (!written)
        return written.error();
    qCInfo(lcSync) << "blog" << m_blog << ": the restored server lacked" << changed
                   << "local posts; pushing them again";
    return changed;
}

} // namespace inkwell::sync
