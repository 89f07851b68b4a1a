#include "server/auth/authenticator.h"

#include "server/auth/authlogging.h"
#include "server/auth/loginthrottle.h"
#include "server/auth/passwordhasher.h"
#include "server/auth/tokens.h"
#include "server/store/serverstore.h"

namespace inkwell::server::auth {

namespace {

Error unauthorized(const QString &message)
{
    return Error{ErrorCode::Unauthorized, message};
}

} // namespace

Authenticator::Authenticator(std::shared_ptr<store::ServerStore> store, AuthConfig config)
    : m_store(std::move(store)), m_config(std::move(config)),
      m_hasher(new PasswordHasher(m_config.maxConcurrentHashes, m_config.hashWaitSeconds)),
      m_throttle(new LoginThrottle(m_store, m_config))
{ }

Authenticator::~Authenticator() = default;

const PasswordHasher &Authenticator::hasher() const
{
    return *m_hasher;
}

QDateTime Authenticator::now() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentDateTimeUtc();
}

Result<Session> Authenticator::login(const QString &userName, const QString &password,
                                     const QString &address, int *retryAfterSeconds) const
{
    *retryAfterSeconds = 0;
    const Result<int> wait = m_throttle->retryAfter(userName, address);
    if (!wait)
        return wait.error();
    if (*wait > 0) {
        *retryAfterSeconds = *wait;
        qCInfo(lcServerAuth) << "login throttled for" << *wait << "s";
        return Error{ErrorCode::RateLimited, QStringLiteral("too many failed logins; retry later")};
    }
    const Result<std::optional<store::Account>> account = m_store->accountByName(userName);
    if (!account)
        return account.error();
    bool valid = false;
    if (*account) {
        const Result<bool> verified = m_hasher->verify((*account)->passwordHash, password);
        if (!verified)
            return verified.error();
        valid = *verified;
    } else {
        m_hasher->verifyDummy(password);
    }
    if (!valid) {
        if (Result<void> recorded = m_throttle->recordFailure(userName, address); !recorded)
            return recorded.error();
        qCInfo(lcServerAuth) << "failed login from" << address;
        return unauthorized(QStringLiteral("wrong user name or password"));
    }
    if (Result<void> cleared = m_throttle->recordSuccess(userName); !cleared)
        return cleared.error();
    Session session{newToken(), now().addDays(m_config.tokenLifetimeDays)};
    if (Result<void> stored =
                m_store->storeToken(tokenHash(session.token), (*account)->id, session.expiresAt);
        !stored)
        return stored.error();
    qCInfo(lcServerAuth) << "account" << (*account)->id << "signed in";
    return session;
}

Result<Principal> Authenticator::authenticate(const QByteArray &authorizationHeader) const
{
    if (authorizationHeader.isEmpty())
        return unauthorized(QStringLiteral("missing Authorization header"));
    static const QByteArray scheme = QByteArrayLiteral("Bearer ");
    if (!authorizationHeader.startsWith(scheme))
        return unauthorized(QStringLiteral("expected a Bearer token"));
    const QByteArray token = authorizationHeader.mid(scheme.size()).trimmed();
    if (!isWellFormedToken(token))
        return unauthorized(QStringLiteral("malformed token"));
    const QByteArray hash = tokenHash(token);
    const Result<std::optional<store::TokenGrant>> grant = m_store->tokenGrant(hash);
    if (!grant)
        return grant.error();
    if (!*grant)
        return unauthorized(QStringLiteral("unknown token"));
    if ((*grant)->revoked)
        return unauthorized(QStringLiteral("token revoked"));
    if ((*grant)->expiresAt <= now())
        return unauthorized(QStringLiteral("token expired"));
    return Principal{(*grant)->accountId, (*grant)->accountName, hash};
}

Result<void> Authenticator::logout(const Principal &principal) const
{
    return m_store->revokeToken(principal.tokenHash);
}

} // namespace inkwell::server::auth
