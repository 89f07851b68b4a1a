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
      m_hasher(new PasswordHasher(m_config.maxConcurrentHashes, m_config.hashWait)),
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
    const Result<std::optional<store::Account>> account = m_store->accountByName(userName);
    if (!account)
        return account.error();
    const Result<LoginThrottle::Attempt> attempt = m_throttle->admit(userName, address);
    if (!attempt)
        return attempt.error();
    if (attempt->retryAfterSeconds > 0) {
        *retryAfterSeconds = attempt->retryAfterSeconds;
        qCInfo(lcServerAuth) << "login throttled for" << *retryAfterSeconds << "s";
        return Error{ErrorCode::RateLimited, QStringLiteral("too many failed logins; retry later")};
    }
    // A name without an account is checked against the dummy hash: the same wait for a slot,
    // the same work and the same answers (503 included) as a wrong password.
    const Result<bool> verified =
            m_hasher->verify(*account ? (*account)->passwordHash : m_hasher->dummyHash(), password);
    if (!verified) {
        if (Result<void> withdrawn = m_throttle->withdraw(*attempt); !withdrawn)
            qCWarning(lcServerAuth)
                    << "could not take back a login attempt:" << withdrawn.error().message;
        return verified.error();
    }
    if (!*account || !*verified) {
        qCInfo(lcServerAuth) << "failed login from" << address;
        return unauthorized(QStringLiteral("wrong user name or password"));
    }
    if (Result<void> succeeded = m_throttle->succeed(*attempt, (*account)->id); !succeeded)
        return succeeded.error();
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
