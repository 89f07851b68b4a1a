#pragma once

#include "model/result.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <memory>

class QSemaphore;

namespace inkwell::server::auth {

// argon2id password hashing (libsodium crypto_pwhash: 19 MiB, t=2) with at most
// maxConcurrent computations at once; a caller waits at most `wait` for a slot. Thread-safe;
// blocks the caller, so call it from worker threads only, never from an I/O thread.
class PasswordHasher
{
public:
    // One hashing slot, held until destroyed. Move-only.
    class Slot
    {
    public:
        explicit Slot(QSemaphore *slots);
        Slot(Slot &&other) noexcept;
        Slot &operator=(Slot &&other) noexcept;
        Slot(const Slot &) = delete;
        Slot &operator=(const Slot &) = delete;
        ~Slot();

    private:
        QSemaphore *m_slots;
    };

    // Also makes the dummy hash (one argon2id run on the calling thread, outside the slots).
    explicit PasswordHasher(int maxConcurrent = 2,
                            std::chrono::milliseconds wait = std::chrono::seconds(10));
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher &) = delete;
    PasswordHasher &operator=(const PasswordHasher &) = delete;

    // The self-describing argon2id string ("$argon2id$v=19$m=19456,t=2,p=1$...").
    // ServerUnavailable when no hashing slot frees up in time.
    Result<QByteArray> hash(const QString &password) const;
    // True if password matches; false for a wrong password or a malformed hash.
    // ServerUnavailable when no hashing slot frees up in time.
    Result<bool> verify(const QByteArray &hash, const QString &password) const;
    // A hash of a random password with the same cost as hash()'s, made at construction: verifying
    // against it costs what a real verify() costs, for user names without an account.
    const QByteArray &dummyHash() const;

    // Waits for a slot like hash() and verify() do; ServerUnavailable after the wait.
    Result<Slot> acquireSlot() const;

    // Verifications that ran argon2id, and waits for a slot that timed out (for tests and logs).
    qint64 verifications() const;
    qint64 slotTimeouts() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace inkwell::server::auth
