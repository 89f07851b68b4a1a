#pragma once

#include "model/result.h"
#include "server/auth/authconfig.h"

#include <QString>

#include <memory>

namespace inkwell::server::store {
class ServerStore;
}

namespace inkwell::server::auth {

// Counts failed logins per user name and per client address in the database (so every server
// process sees them). After `failureThreshold` failures a key is refused for a delay that doubles
// with every further failure (2 s, 4 s, ... up to maxRetryAfterSeconds).
class LoginThrottle
{
public:
    LoginThrottle(std::shared_ptr<store::ServerStore> store, AuthConfig config);

    // Seconds the caller must wait before trying again; 0 when a login attempt may proceed.
    Result<int> retryAfter(const QString &userName, const QString &address) const;
    Result<void> recordFailure(const QString &userName, const QString &address) const;
    // A successful login forgets the user's failures (the address keeps its count).
    Result<void> recordSuccess(const QString &userName) const;

private:
    Result<int> retryAfterFor(const QString &key, const QDateTime &now) const;
    QDateTime now() const;

    std::shared_ptr<store::ServerStore> m_store;
    AuthConfig m_config;
};

} // namespace inkwell::server::auth
