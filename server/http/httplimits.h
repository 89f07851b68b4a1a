#pragma once

#include <QtGlobal>

#include <algorithm>
#include <chrono>

namespace inkwell::server {

// Limits the HTTP front enforces before a request reaches the API. Every field has a safe
// default; inkwell-server exposes each one as a command-line flag (docs/operations.md).
struct HttpLimits
{
    qint64 maxHeaderBytes = 16 * 1024; // request line + headers; more gets 431
    qint64 maxBodyBytes = 16 * 1024 * 1024; // any request body; more gets 413
    qint64 maxBlobBytes = 32 * 1024 * 1024; // body of PUT .../blobs/{sha256}; more gets 413
    std::chrono::milliseconds readTimeout{30'000}; // to receive one request, and to send its answer
    // The first request's header on a new connection; kept-alive connections wait idleTimeout.
    std::chrono::milliseconds headerTimeout{10'000};
    std::chrono::milliseconds idleTimeout{60'000}; // a kept-alive connection waiting for a request
    int maxConnections = 4096; // open connections; more are answered 503 and closed
    int maxConnectionsPerAddress = 64; // open connections from one peer address; more get 503
    // Bodies of admitted requests held at once, server-wide (Content-Length, or the route limit
    // of a chunked body); a request that does not fit gets 503 before its body is read.
    qint64 maxBodyBytesInFlight = 128 * 1024 * 1024;
    int loginThreads = 2; // threads of the login lane (password hashes at once)
    int maxQueuedLogins = 16; // logins waiting for the lane; more get 503 at once
    // One address holds at most a quarter of the lane's places (running or queued), so a flood
    // from one address cannot keep everyone else's logins out.
    int maxLoginsPerClient() const { return std::max(1, (loginThreads + maxQueuedLogins) / 4); }
    int ioThreads = 1; // threads that parse and write HTTP
    int workerThreads = 8; // threads that run handlers (SQL, password hashing)
};

} // namespace inkwell::server
