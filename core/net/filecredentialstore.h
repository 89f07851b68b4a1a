#pragma once

#include "net/credentialstore.h"

namespace inkwell::net {

// CredentialStore in a JSON file readable only by the owner (mode 0600), for headless machines
// (inkwell-cli --insecure-token-file) and when the writer explicitly chooses it over a missing
// keychain. The token is as safe as the file: callers warn the user.
class FileCredentialStore final : public CredentialStore
{
public:
    // filePath is the token file, usually "<profile>/token.json"; it is created on first write.
    explicit FileCredentialStore(QString filePath);
    ~FileCredentialStore() override;

    QString filePath() const { return m_filePath; }

    void readToken(const QUrl &server, const QString &user, QObject *context,
                   ReadCallback done) override;
    void writeToken(const QUrl &server, const QString &user, const QString &token, QObject *context,
                    WriteCallback done) override;
    void removeToken(const QUrl &server, const QString &user, QObject *context,
                     WriteCallback done) override;

private:
    QString m_filePath;
};

} // namespace inkwell::net
