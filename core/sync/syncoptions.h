#pragma once

#include "sync/retryingsender.h"

#include <chrono>

namespace inkwell::sync {

// Tunables of the sync engine; tests shrink the timeouts and delays.
struct SyncOptions
{
    int pageSize = 500; // changes per pulled page (the server may send fewer)
    int maxChangesPerRequest = 500; // pushed changes per sync request (the server's limit)
    int maxRounds = 10000; // sync requests per blog and run, a bound against livelock
    std::chrono::milliseconds requestTimeout{30000}; // longest silence before a retry
    RetryPolicy retry;
    // Whether the engine's SearchIndexer indexes the pulled posts after each run (the editor,
    // `inkwell-cli watch`). A one-shot `inkwell-cli sync` leaves them to the next of those:
    // nothing it does searches, and a batch of the backlog would hold up its exit.
    bool indexAfterRuns = true;
};

} // namespace inkwell::sync
