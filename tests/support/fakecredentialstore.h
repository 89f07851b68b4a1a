#pragma once

#include "net/credentialstore.h"

#include <QHash>

namespace inkwell::test {

// An in-memory CredentialStore for unit tests; can pretend that no keychain is available.
class FakeCredentialStore final : public net::CredentialStore
{
public:
    enum class Availability { Available, Unavailable };

    FakeCredentialStore() = default;

    void setAvailability(Availability availability) { m_availability = availability; }
    // The stored tokens by CredentialStore::accountKey().
    const QHash<QString, QString> &tokens() const { return m_tokens; }
    int callCount() const { return m_calls; }

    void readToken(const QUrl &server, const QString &user, QObject *context,
                   ReadCallback done) override;
    void writeToken(const QUrl &server, const QString &user, const QString &token, QObject *context,
                    WriteCallback done) override;
    void removeToken(const QUrl &server, const QString &user, QObject *context,
                     WriteCallback done) override;

private:
    Availability m_availability = Availability::Available;
    QHash<QString, QString> m_tokens;
    int m_calls = 0;
};

} // namespace inkwell::test
