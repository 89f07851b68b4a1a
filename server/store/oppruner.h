#pragma once

#include "model/result.h"

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace inkwell::server::store {

class ServerStore;

// Bounded retention of applied op_ids and login records, off the request path: a thread that
// prunes once when started and then every `interval`, deleting in batches of `batchSize` rows,
// each its own short transaction (a push or login waits for one batch at most): op_ids applied
// more than `retention` ago, tokens expired or revoked more than `tokenGrace` ago, login
// throttling counts idle for `loginFailureRetention`, known login addresses past
// ServerStore::knownLoginAddressDays, and post revisions past the history retention. The destructor
// stops the thread, after the batch in progress.
class OpPruner final
{
public:
    struct Options
    {
        std::chrono::milliseconds retention = std::chrono::hours(24 * 30);
        std::chrono::milliseconds interval = std::chrono::hours(1);
        int batchSize = 1000;
        // An ended token answers "token revoked"/"token expired" this long, then "unknown token".
        std::chrono::milliseconds tokenGrace = std::chrono::hours(24 * 7);
        // Longer than any login throttling window: a count idle this long reads as 0 anyway.
        std::chrono::milliseconds loginFailureRetention = std::chrono::hours(24);
        // Post history: revisions older than this (0: no age limit) and those past the
        // historyKeep newest of their post (0: no count limit) go; a post's newest stays.
        std::chrono::milliseconds historyRetention{0};
        int historyKeep = 0;
    };

    OpPruner(std::shared_ptr<ServerStore> store, Options options);
    ~OpPruner();
    OpPruner(const OpPruner &) = delete;
    OpPruner &operator=(const OpPruner &) = delete;

    // One pass on the calling thread: for each kind of row, every batch until none is full. The
    // number of rows deleted.
    Result<qint64> pruneOnce() const;

    // Passes finished by the thread so far (for tests and logs).
    int passes() const;

private:
    // Calls deleteBatch(batchSize) until it deletes less than a full batch; the rows deleted.
    Result<qint64> pruneInBatches(const char *what,
                                  const std::function<Result<int>(int)> &deleteBatch) const;
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
