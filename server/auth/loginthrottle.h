#pragma once

#include "model/result.h"
#include "server/auth/authconfig.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace inkwell::server::store {
class ServerStore;
struct LoginFailures;
} // namespace inkwell::server::store

namespace inkwell::server::auth {

// Login throttling in the database, so every server process sees the same counts (the rule is
// written down in docs/operations.md, "Login throttling"). Each attempt is counted before the
// password is checked, atomically, on: the (user name, address) pair and the address, each
// refused past failureThreshold; and the user name, refused past userFailureThreshold, except
// from an address the account signed in from lately (ServerStore::isKnownLoginAddress), where
// the user name's count is neither checked nor raised. A key past its threshold waits 2 s after
// its last counted attempt, doubling with each further one up to maxRetryAfterSeconds; a
// refused attempt is not counted; a count is forgotten failureWindowSeconds after its last
// attempt.
class LoginThrottle
{
public:
    // One login attempt: the keys it was counted on, or how long the caller must wait.
    struct Attempt
    {
        QString userName;
        QString address;
        QStringList keys;
        int retryAfterSeconds = 0; // > 0: refused, nothing was counted
    };

    LoginThrottle(std::shared_ptr<store::ServerStore> store, AuthConfig config);

    // Counts the attempt on its keys, or refuses it (retryAfterSeconds > 0) if one must wait.
    Result<Attempt> admit(const QString &userName, const QString &address) const;
    // The attempt never reached the password check (no hashing slot): its count is taken back.
    Result<void> withdraw(const Attempt &attempt) const;
    // The password was right: clears the pair's count, takes the attempt back from the other
    // keys, and remembers the address as one the account signs in from.
    Result<void> succeed(const Attempt &attempt, qint64 accountId) const;

private:
    int retryAfter(int threshold, const store::LoginFailures &failures, const QDateTime &now) const;
    QDateTime now() const;

    std::shared_ptr<store::ServerStore> m_store;
    AuthConfig m_config;
};

} // namespace inkwell::server::auth
