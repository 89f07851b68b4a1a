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

} // namespace

LoginThrottle::LoginThrottle(std::shared_ptr<store::ServerStore> store, AuthConfig config)
    : m_store(std::move(store)), m_config(std::move(config))
{ }

QDateTime LoginThrottle::now() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentDateTimeUtc();
}

Result<int> LoginThrottle::retryAfterFor(const QString &key, const QDateTime &now) const
{
    const Result<store::LoginFailures> failures = m_store->loginFailures(key);
    if (!failures)
        return failures.error();
    if (failures->count < m_config.failureThreshold
        || failures->lastFailureAt.secsTo(now) >= m_config.failureWindowSeconds)
        return 0;
    const int excess = std::min(failures->count - m_config.failureThreshold, 20);
    const qint64 delay = std::min<qint64>(qint64(2) << excess, m_config.maxRetryAfterSeconds);
    const qint64 waited = failures->lastFailureAt.secsTo(now);
    return waited >= delay ? 0 : int(delay - waited);
}

Result<int> LoginThrottle::retryAfter(const QString &userName, const QString &address) const
{
    const QDateTime time = now();
    const Result<int> user = retryAfterFor(userKey(userName), time);
    if (!user)
        return user;
    const Result<int> peer =
            address.isEmpty() ? Result<int>(0) : retryAfterFor(addressKey(address), time);
    if (!peer)
        return peer;
    return std::max(*user, *peer);
}

Result<void> LoginThrottle::recordFailure(const QString &userName, const QString &address) const
{
    const QDateTime time = now();
    const QDateTime forgetBefore = time.addSecs(-m_config.failureWindowSeconds);
    if (Result<void> user = m_store->recordLoginFailure(userKey(userName), time, forgetBefore);
        !user)
        return user;
    if (address.isEmpty())
        return {};
    return m_store->recordLoginFailure(addressKey(address), time, forgetBefore);
}

Result<void> LoginThrottle::recordSuccess(const QString &userName) const
{
    return m_store->clearLoginFailures(userKey(userName));
}

} // namespace inkwell::server::auth
