#pragma once

#include "model/result.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace inkwell::server::store {

class ServerStore;

// Bounded retention of applied op_ids, off the request path: a thread that prunes once when
// started and then every `interval`, deleting the op_ids applied more than `retention` ago in
// batches of `batchSize` rows, each its own short transaction (a push waits for one batch at
// most). The destructor stops the thread, after the batch in progress.
class OpPruner final
{
public:
    struct Options
    {
        std::chrono::milliseconds retention = std::chrono::hours(24 * 30);
        std::chrono::milliseconds interval = std::chrono::hours(1);
        int batchSize = 1000;
    };

    OpPruner(std::shared_ptr<ServerStore> store, Options options);
    ~OpPruner();
    OpPruner(const OpPruner &) = delete;
    OpPruner &operator=(const OpPruner &) = delete;

    // One pass on the calling thread: every batch until none is full. The number deleted.
    Result<qint64> pruneOnce() const;

    // Passes finished by the thread so far (for tests and logs).
    int passes() const;

private:
    void run();

    std::shared_ptr<ServerStore> m_store;
    Options m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    int m_passes = 0;
    std::thread m_thread;
};

} // namespace inkwell::server::store
