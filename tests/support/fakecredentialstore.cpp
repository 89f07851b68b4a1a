#include "support/fakecredentialstore.h"

#include <QTimer>

namespace inkwell::test {

namespace {

Error unavailable()
{
    return {ErrorCode::KeychainUnavailable, QStringLiteral("fake: no keychain")};
}

} // namespace

void FakeCredentialStore::readToken(const QUrl &server, const QString &user, QObject *context,
                                    ReadCallback done)
{
    ++m_calls;
    Result<QString> result = m_availability == Availability::Unavailable
            ? Result<QString>(unavailable())
            : m_tokens.contains(accountKey(server, user))
            ? Result<QString>(m_tokens.value(accountKey(server, user)))
            : Result<QString>(ErrorCode::NotFound, QStringLiteral("fake: no token"));
    QTimer::singleShot(0, context, [done = std::move(done), result] { done(result); });
}

void FakeCredentialStore::writeToken(const QUrl &server, const QString &user, const QString &token,
                                     QObject *context, WriteCallback done)
{
    ++m_calls;
    Result<void> result;
    if (m_availability == Availability::Unavailable)
        result = unavailable();
    else
        m_tokens.insert(accountKey(server, user), token);
    QTimer::singleShot(0, context, [done = std::move(done), result] { done(result); });
}

void FakeCredentialStore::removeToken(const QUrl &server, const QString &user, QObject *context,
                                      WriteCallback done)
{
    ++m_calls;
    Result<void> result;
    if (m_availability == Availability::Unavailable)
        result = unavailable();
    else
        m_tokens.remove(accountKey(server, user));
    QTimer::singleShot(0, context, [done = std::move(done), result] { done(result); });
}

} // namespace inkwell::test
