#include "server/auth/passwordhasher.h"

#include <QSemaphore>

#include <atomic>
#include <mutex>
#include <utility>

#include <sodium.h>

namespace inkwell::server::auth {

namespace {

constexpr unsigned long long opsLimit = 2;
constexpr size_t memLimit = 19 * 1024 * 1024;

void initSodium()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            qFatal("libsodium could not be initialised");
    });
}

// The argon2id string of `secret`; empty when argon2id ran out of memory.
QByteArray argon2id(const QByteArray &secret)
{
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(out.data(), secret.constData(), quint64(secret.size()), opsLimit,
                              memLimit, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return {};
    out.truncate(qsizetype(qstrlen(out.constData())));
    return out;
}

QByteArray makeDummyHash()
{
    initSodium();
    QByteArray secret(32, '\0');
    randombytes_buf(secret.data(), size_t(secret.size()));
    const QByteArray hash = argon2id(secret);
    if (hash.isEmpty())
        qFatal("argon2id ran out of memory making the dummy password hash");
    return hash;
}

} // namespace

PasswordHasher::Slot::Slot(QSemaphore *slots) : m_slots(slots) { }

PasswordHasher::Slot::Slot(Slot &&other) noexcept : m_slots(std::exchange(other.m_slots, nullptr))
{ }

PasswordHasher::Slot &PasswordHasher::Slot::operator=(Slot &&other) noexcept
{
    std::swap(m_slots, other.m_slots);
    return *this;
}

PasswordHasher::Slot::~Slot()
{
    if (m_slots)
        m_slots->release();
}

struct PasswordHasher::Private
{
    mutable QSemaphore slots;
    std::chrono::milliseconds wait;
    QByteArray dummyHash;
    mutable std::atomic<qint64> verifications{0};
    mutable std::atomic<qint64> slotTimeouts{0};
};

PasswordHasher::PasswordHasher(int maxConcurrent, std::chrono::milliseconds wait)
    : d(new Private{QSemaphore(std::max(1, maxConcurrent)), wait, makeDummyHash()})
{ }

PasswordHasher::~PasswordHasher() = default;

Result<PasswordHasher::Slot> PasswordHasher::acquireSlot() const
{
    if (!d->slots.tryAcquire(1, int(d->wait.count()))) {
        ++d->slotTimeouts;
        return Error{ErrorCode::ServerUnavailable, QStringLiteral("password hashing is busy")};
    }
    return Slot(&d->slots);
}

Result<QByteArray> PasswordHasher::hash(const QString &password) const
{
    const Result<Slot> slot = acquireSlot();
    if (!slot)
        return slot.error();
    const QByteArray hash = argon2id(password.toUtf8());
    if (hash.isEmpty())
        return Error{ErrorCode::ServerUnavailable,
                     QStringLiteral("password hashing ran out of memory")};
    return hash;
}

Result<bool> PasswordHasher::verify(const QByteArray &hash, const QString &password) const
{
    const QByteArray utf8 = password.toUtf8();
    // crypto_pwhash_str_verify needs a NUL-terminated string of bounded size.
    if (hash.size() >= qsizetype(crypto_pwhash_STRBYTES) || hash.contains('\0'))
        return false;
    const Result<Slot> slot = acquireSlot();
    if (!slot)
        return slot.error();
    ++d->verifications;
    return crypto_pwhash_str_verify(hash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

const QByteArray &PasswordHasher::dummyHash() const
{
    return d->dummyHash;
}

qint64 PasswordHasher::verifications() const
{
    return d->verifications;
}

qint64 PasswordHasher::slotTimeouts() const
{
    return d->slotTimeouts;
}

} // namespace inkwell::server::auth
