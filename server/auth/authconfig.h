#pragma once

#include <QDateTime>

#include <chrono>
#include <functional>

namespace inkwell::server::auth {

// The settings of authentication; Api fills them from ServerConfig.
struct AuthConfig
{
    int maxConcurrentHashes = 2; // argon2id computations at once
    std::chrono::milliseconds hashWait = std::chrono::seconds(10); // for a hashing slot; then 503
    int tokenLifetimeDays = 30;
    int failureThreshold = 10; // failed logins per (user, address) pair or per address before 429
    // Failed logins per user name from addresses it has not signed in from before 429 (against
    // guessing from many addresses; an attacker elsewhere cannot lock the owner out).
    int userFailureThreshold = 50;
    int maxRetryAfterSeconds = 900;
    int failureWindowSeconds = 900;
    std::function<QDateTime()> clock; // UTC now; empty = the system clock
};

} // namespace inkwell::server::auth
