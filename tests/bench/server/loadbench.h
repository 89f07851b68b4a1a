#pragma once

#include <QStringList>

#include <chrono>

namespace inkwell::bench {

// How a load run drives the real inkwell-server binary.
struct LoadOptions
{
    int clients = 50;
    std::chrono::seconds duration{30};
    // Zero: closed loop (each client starts its next round as soon as the last is answered, so
    // the server is saturated and latency ~ clients / throughput). Otherwise each client starts
    // a round every interval, the clients' starts spread evenly over it.
    std::chrono::milliseconds roundInterval{0};
    // inkwell-server processes on the same database, the clients spread evenly across them.
    int servers = 1;
    QStringList serveArguments; // extra flags for `inkwell-server serve` (e.g. --workers 4)
};

struct LoadResult
{
    bool ok = false; // the run happened, no request failed and every server stopped cleanly
    double requestsPerSecond = 0;
};

// `clients` writers on loopback, each from its own 127.0.0.0/8 address, against the server for
// `duration`; each round a client pushes 10 changes and pulls. Prints requests/s, p50, p95 and
// p99 latency, failures, then the CPU (per request and in cores) of each server process,
// PostgreSQL, the load generator and the rest of the machine, and the server-side handling time
// from the access log.
LoadResult runLoadBenchmark(const QString &label, bool postgres, const LoadOptions &options);

} // namespace inkwell::bench
