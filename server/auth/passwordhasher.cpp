#include "server/auth/passwordhasher.h"

#include "server/auth/authlogging.h"

#include <QSemaphore>

#include <mutex>

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

} // namespace

struct PasswordHasher::Private
{
    mutable QSemaphore slots;
    int waitMs;
    mutable std::once_flag dummyOnce;
    mutable QByteArray dummyHash;
};

PasswordHasher::PasswordHasher(int maxConcurrent, int waitSeconds)
    : d(new Private{QSemaphore(std::max(1, maxConcurrent)), waitSeconds * 1000, {}, {}})
{
    initSodium();
}

PasswordHasher::~PasswordHasher() = default;

Result<QByteArray> PasswordHasher::hash(const QString &password) const
{
    const QByteArray utf8 = password.toUtf8();
    QSemaphoreReleaser releaser;
    if (!d->slots.tryAcquire(1, d->waitMs))
        return Error{ErrorCode::ServerUnavailable, QStringLiteral("password hashing is busy")};
    releaser = QSemaphoreReleaser(d->slots);
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    if (crypto_pwhash_str_alg(out.data(), utf8.constData(), quint64(utf8.size()), opsLimit,
                              memLimit, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return Error{ErrorCode::ServerUnavailable,
                     QStringLiteral("password hashing ran out of memory")};
    out.truncate(qsizetype(qstrlen(out.constData())));
    return out;
}

Result<bool> PasswordHasher::verify(const QByteArray &hash, const QString &password) const
{
    const QByteArray utf8 = password.toUtf8();
    // crypto_pwhash_str_verify needs a NUL-terminated string of bounded size.
    if (hash.size() >= qsizetype(crypto_pwhash_STRBYTES) || hash.contains('\0'))
        return false;
    QSemaphoreReleaser releaser;
    if (!d->slots.tryAcquire(1, d->waitMs))
        return Error{ErrorCode::ServerUnavailable, QStringLiteral("password hashing is busy")};
    releaser = QSemaphoreReleaser(d->slots);
    return crypto_pwhash_str_verify(hash.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

void PasswordHasher::verifyDummy(const QString &password) const
{
    std::call_once(d->dummyOnce, [this] {
        const Result<QByteArray> made = hash(QStringLiteral("inkwell-dummy-password"));
        d->dummyHash = made ? *made : QByteArray();
    });
    (void)verify(d->dummyHash, password);
}

} // namespace inkwell::server::auth
