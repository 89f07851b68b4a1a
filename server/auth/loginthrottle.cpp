#include "server/auth/loginthrottle.h"

#include "server/store/serverstore.h"

namespace inkwell::server::auth {

namespace {

QString userKey(const QString &userName)
{
    return QStringLiteral("user:") + userName;
}

QString addressKey(const QString &address)
{
    return QStringLiteral("addr:") + address;
}

// The address goes first with its length, so no two (address, user name) pairs share a key.
QString pairKey(const QString &userName, const QString &address)
{
    return QStringLiteral("pair:%1:").arg(address.size()) + address + userName;
}

} // namespace

LoginThrottle::LoginThrottle(std::shared_ptr<store::ServerStore> store, AuthConfig config)
    : m_store(std::move(store)), m_config(std::move(config))
{ }

QDateTime LoginThrottle::now() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentDateTimeUtc();
}

int LoginThrottle::retryAfter(int threshold, const store::LoginFailures &failures,
                              const QDateTime &now) const
{
    if (failures.count < threshold)
        return 0;
    const int excess = std::min(failures.count - threshold, 20);
    const qint64 delay = std::min<qint64>(qint64(2) << excess, m_config.maxRetryAfterSeconds);
    const qint64 waited = failures.lastFailureAt.secsTo(now);
    return waited >= delay ? 0 : int(delay - waited);
}

Result<LoginThrottle::Attempt> LoginThrottle::admit(const QString &userName,
                                                    const QString &address) const
{
    const QDateTime time = now();
    Attempt attempt{userName, address, {}, 0};
    QList<int> thresholds;
    if (!address.isEmpty()) {
        attempt.keys << pairKey(userName, address) << addressKey(address);
        thresholds << m_config.failureThreshold << m_config.failureThreshold;
    }
    const Result<bool> known = address.isEmpty()
            ? Result<bool>(false)
            : m_store->isKnownLoginAddress(userName, address, time);
    if (!known)
        return known.error();
    if (!*known) {
        attempt.keys << userKey(userName);
        thresholds << m_config.userFailureThreshold;
    }
    const Result<int> wait = m_store->countLoginAttempt(
            attempt.keys, time, time.addSecs(-m_config.failureWindowSeconds),
            [&](int key, const store::LoginFailures &failures) {
                return retryAfter(thresholds.at(key), failures, time);
            });
    if (!wait)
        return wait.error();
    attempt.retryAfterSeconds = *wait;
    return attempt;
}

Result<void> LoginThrottle::withdraw(const Attempt &attempt) const
{
    return m_store->uncountLoginAttempt(attempt.keys);
}

Result<void> LoginThrottle::succeed(const Attempt &attempt, qint64 accountId) const
{
    if (attempt.address.isEmpty())
        return m_store->uncountLoginAttempt(attempt.keys);
    const QString pair = pairKey(attempt.userName, attempt.address);
    if (Result<void> cleared = m_store->clearLoginFailures(pair); !cleared)
        return cleared;
    QStringList others = attempt.keys;
    others.removeAll(pair);
    if (Result<void> uncounted = m_store->uncountLoginAttempt(others); !uncounted)
        return uncounted;
    return m_store->rememberLoginAddress(accountId, attempt.address, now());
}

} // namespace inkwell::server::auth
