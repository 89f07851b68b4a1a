#include "server/store/oppruner.h"

#include "server/store/serverstore.h"
#include "server/store/storelogging.h"

#include <QDateTime>

namespace inkwell::server::store {

OpPruner::OpPruner(std::shared_ptr<ServerStore> store, Options options)
    : m_store(std::move(store)), m_options(options)
{
    m_thread = std::thread([this] { run(); });
}

OpPruner::~OpPruner()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

Result<qint64> OpPruner::pruneInBatches(const char *what,
                                        const std::function<Result<int>(int)> &deleteBatch) const
{
    const int batchSize = std::max(1, m_options.batchSize);
    qint64 total = 0;
    for (;;) {
        const Result<int> deleted = deleteBatch(batchSize);
        if (!deleted)
            return deleted.error();
        total += *deleted;
        std::lock_guard lock(m_mutex);
        if (*deleted < batchSize || m_stopping)
            break;
    }
    if (total > 0)
        qCInfo(lcServerStore) << "pruned" << total << what;
    return total;
}

Result<qint64> OpPruner::pruneOnce() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto ago = [&now](std::chrono::milliseconds age) { return now.addMSecs(-qint64(age.count())); };
    const ServerStore &store = *m_store;
    const std::pair<const char *, std::function<Result<int>(int)>> steps[] = {
            {"applied op_ids past their retention",
             [&](int limit) { return store.pruneAppliedOps(ago(m_options.retention), limit); }},
            {"ended tokens",
             [&](int limit) { return store.pruneTokens(ago(m_options.tokenGrace), limit); }},
            {"idle login throttling counts",
             [&](int limit) {
                 return store.pruneLoginFailures(ago(m_options.loginFailureRetention), limit);
             }},
            {"expired known login addresses",
             [&](int limit) { return store.pruneLoginAddresses(now, limit); }},
            {"post revisions past the history retention",
             [&](int limit) {
                 const QDateTime olderThan = m_options.historyRetention.count() > 0
                         ? ago(m_options.historyRetention)
                         : QDateTime();
                 return store.pruneRevisions(olderThan, m_options.historyKeep, limit);
             }},
    };
    qint64 total = 0;
    for (const auto &[what, deleteBatch] : steps) {
        const Result<qint64> pruned = pruneInBatches(what, deleteBatch);
        if (!pruned)
            return pruned.error();
        total += *pruned;
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            break;
    }
    return total;
}

int OpPruner::passes() const
{
    std::lock_guard lock(m_mutex);
    return m_passes;
}

void OpPruner::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        const Result<qint64> pruned = pruneOnce();
        if (!pruned)
            qCWarning(lcServerStore)
                    << "pruning failed; trying again later:" << pruned.error().message;
        lock.lock();
        ++m_passes;
        m_wake.wait_for(lock, m_options.interval, [this] { return m_stopping; });
    }
}

} // namespace inkwell::server::store
