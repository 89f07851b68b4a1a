#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace inkwell::server::auth {

// argon2id password hashing (libsodium crypto_pwhash: 19 MiB, t=2) with at most
// maxConcurrent computations at once. Thread-safe; blocks the caller, so call it from worker
// threads only, never from an I/O thread.
class PasswordHasher
{
public:
    explicit PasswordHasher(int maxConcurrent = 2, int waitSeconds = 10);
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher &) = delete;
    PasswordHasher &operator=(const PasswordHasher &) = delete;

    // The self-describing argon2id string ("$argon2id$v=19$m=19456,t=2,p=1$...").
    // ServerUnavailable when no hashing slot frees up in time.
    Result<QByteArray> hash(const QString &password) const;
    // True if password matches; false for a wrong password or a malformed hash.
    Result<bool> verify(const QByteArray &hash, const QString &password) const;
    // Spends the same work as a real verify, for unknown user names (no timing oracle).
    void verifyDummy(const QString &password) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace inkwell::server::auth
