#pragma once

#include <QStringList>

#include <chrono>

namespace inkwell::bench {

// 50 clients (or `clients`) on loopback against the real inkwell-server binary for `duration`;
// each round a client pushes 10 changes and pulls. Prints requests/s and p50/p99 latency (the
// required figures), then CPU per request of server and load generator and the server-side
// handling time from the access log (labelled extras: latency follows the machine's load).
// serveArguments: extra flags for `inkwell-server serve` (e.g. --workers 2).
bool runLoadBenchmark(const QString &label, bool postgres, int clients,
                      std::chrono::seconds duration, const QStringList &serveArguments = {});

} // namespace inkwell::bench
