#pragma once

#include "protocol/limits.h"

#include <QString>
#include <QStringList>

namespace inkwell::server {

// Every tunable of the server with its safe default. The HTTP front enforces the transport
// limits (header size, body size before buffering, timeouts, connections); Api enforces the rest.
struct ServerConfig
{
    QString databaseUrl; // "sqlite:PATH", a plain path, "sqlite::memory:" or
                         // postgresql://USER@HOST:PORT/DB
    QString listenAddress = QStringLiteral("127.0.0.1:8080");

    qint64 maxBodyBytes = 16 * 1024 * 1024; // any JSON request body
    qint64 maxBlobBytes = 32 * 1024 * 1024; // PUT .../blobs/{sha256}
    int maxHeaderBytes = 16 * 1024; // request line and headers together
    int maxChangesPerPush = 500;
    int pageSize = 500; // most changes one pull returns; a smaller `limit` wins
    qint64 maxPageBytes = 8 * 1024 * 1024; // a pull page stops growing past this (>= 1 change)
    int readTimeoutSeconds = 30; // to receive one whole request
    int headerTimeoutSeconds = 10; // a new connection's first request header
    int idleTimeoutSeconds = 60; // keep-alive connection without a request
    int maxConnections = 4096; // open connections (a parked live request holds one); more get 503
    // Open connections from one address; more get 503. Not applied with trustForwardedFor
    // (behind a proxy every connection comes from the proxy's address).
    // A writer holds up to seven: one live request per blog shown (at most six) and its sync.
    int maxConnectionsPerAddress = 64;
    qint64 maxBodyBytesInFlight = 128 * 1024 * 1024; // bodies held at once, server-wide; 503 beyond
    int maxQueuedLogins = 16; // logins waiting for a hashing thread; 503 beyond
    int workerThreads = 8; // threads running Api::handle (mostly waiting for the database)
    // Live requests parked at once, server-wide (each also holds a connection: see
    // maxConnections); 503 beyond.
    int maxParkedWaiters = 10000;
    // Seconds a presence entry lives after its last PUT (protocol::kPresenceTtlSeconds; shorter
    // only for tests).
    int presenceTtlSeconds = 30;

    int maxConcurrentPasswordHashes = 2; // argon2id runs at once (each takes 19 MiB)
    int tokenLifetimeDays = 30;
    int opRetentionDays = 30; // applied op_ids older than this are pruned (replays stop)
    // Post history: revisions older than historyDays (0: no age limit) and those past the
    // historyKeep newest of their post (0: no count limit) are pruned; a post's newest stays.
    int historyDays = 0;
    int historyKeep = 0;
    int loginFailureThreshold = 10; // failures per user or address before 429
    int loginThrottleMaxSeconds = 900; // cap of the growing Retry-After
    int loginFailureWindowSeconds = 900; // failures older than this are forgotten
    // Behind a reverse proxy every request comes from the proxy's address; with this set, the
    // client address for throttling is the last entry of X-Forwarded-For instead. Only enable it
    // when the proxy is the only way in (it sets or appends that header).
    bool trustForwardedFor = false;
    // Folders whose site templates and theme override the packaged ones, file by file
    // (--site-templates; see publish::SiteRenderer).
    QStringList siteDirs;

    // The protocol decoder limits that follow from this configuration.
    protocol::Limits protocolLimits() const;
};

} // namespace inkwell::server
