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
};

} // namespace inkwell::sync
