#pragma once

#include <QDateTime>

#include <functional>

namespace inkwell::server::auth {

// The settings of authentication; Api fills them from ServerConfig.
struct AuthConfig
{
    int maxConcurrentHashes = 2; // argon2id computations at once
    int hashWaitSeconds = 10; // longest wait for a hashing slot before 503
    int tokenLifetimeDays = 30;
    int failureThreshold = 10; // failures per user or address before 429
    int maxRetryAfterSeconds = 900;
    int failureWindowSeconds = 900;
    std::function<QDateTime()> clock; // UTC now; empty = the system clock
};

} // namespace inkwell::server::auth
