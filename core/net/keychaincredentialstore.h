#pragma once

#include "net/credentialstore.h"

namespace inkwell::net {

// CredentialStore in the system keychain (Secret Service on Linux) through QtKeychain.
// When no keychain is usable (no D-Bus session, no unlocked collection) writing fails with
// ErrorCode::KeychainUnavailable (reading says KeychainUnavailable or NotFound), so the caller can
// offer FileCredentialStore explicitly.
class KeychainCredentialStore final : public CredentialStore
{
public:
    // service names the entries in the keychain ("Inkwell" in the applications).
    explicit KeychainCredentialStore(QString service = QStringLiteral("Inkwell"));
    ~KeychainCredentialStore() override;

    void readToken(const QUrl &server, const QString &user, QObject *context,
                   ReadCallback done) override;
    void writeToken(const QUrl &server, const QString &user, const QString &token, QObject *context,
                    WriteCallback done) override;
    void removeToken(const QUrl &server, const QString &user, QObject *context,
                     WriteCallback done) override;

private:
    QString m_service;
};

} // namespace inkwell::net
