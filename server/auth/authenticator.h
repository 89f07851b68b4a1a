#pragma once

#include "model/result.h"
#include "server/auth/authconfig.h"
#include "server/auth/principal.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

namespace inkwell::server::store {
class ServerStore;
}

namespace inkwell::server::auth {

class LoginThrottle;
class PasswordHasher;

// A fresh session: the token is handed to the client once and stored only as its SHA-256.
struct Session
{
    QByteArray token;
    QDateTime expiresAt;
};

// Logins, bearer tokens and logout over ServerStore. Thread-safe; blocks (argon2id, database),
// so call it from worker threads. Construction makes the dummy password hash (one argon2id run).
class Authenticator
{
public:
    Authenticator(std::shared_ptr<store::ServerStore> store, AuthConfig config);
    ~Authenticator();
    Authenticator(const Authenticator &) = delete;
    Authenticator &operator=(const Authenticator &) = delete;

    // Checks the password and issues a token. Unauthorized for a wrong name or password, and
    // ServerUnavailable when no hashing slot frees up in time: a name without an account gets the
    // same answers after the same wait and work. RateLimited with *retryAfterSeconds set when
    // throttled (see LoginThrottle); the attempt is counted before the password is checked.
    Result<Session> login(const QString &userName, const QString &password, const QString &address,
                          int *retryAfterSeconds) const;
    // The principal of an "Authorization: Bearer <token>" value; Unauthorized when the header is
    // missing or malformed, or the token is unknown, expired or revoked.
    Result<Principal> authenticate(const QByteArray &authorizationHeader) const;
    Result<void> logout(const Principal &principal) const;

    const PasswordHasher &hasher() const;

private:
    QDateTime now() const;

    std::shared_ptr<store::ServerStore> m_store;
    AuthConfig m_config;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<LoginThrottle> m_throttle;
};

} // namespace inkwell::server::auth
