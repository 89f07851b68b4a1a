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

Result<qint64> OpPruner::pruneOnce() const
{
    const QDateTime before =
            QDateTime::currentDateTimeUtc().addMSecs(-qint64(m_options.retention.count()));
    const int batchSize = std::max(1, m_options.batchSize);
    qint64 total = 0;
    for (;;) {
        const Result<int> deleted = m_store->pruneAppliedOps(before, batchSize);
        if (!deleted)
            return deleted.error();
        total += *deleted;
        if (*deleted < batchSize)
            return total;
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return total;
    }
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
            qCWarning(lcServerStore) << "pruning applied op_ids failed; trying again later:"
                                     << pruned.error().message;
        else if (*pruned > 0)
            qCInfo(lcServerStore) << "pruned" << *pruned << "applied op_ids past their retention";
        lock.lock();
        ++m_passes;
        m_wake.wait_for(lock, m_options.interval, [this] { return m_stopping; });
    }
}

} // namespace inkwell::server::store
