#pragma once

#include "model/result.h"
#include "sync/syncaccount.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QObject;
class QSettings;

namespace inkwell::net {
class CredentialStore;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::cli {

// One client's local state in a folder: the database (inkwell.db), the settings (settings.ini:
// server, user, blogs, where the token lives) and, with --insecure-token-file, token.json.
class Profile
{
public:
    enum class TokenStorage { Keychain, File };

    explicit Profile(QString directory);
    ~Profile();

    // The default folder when --profile is not given (under the user's data folder).
    static QString defaultDirectory();

    QString directory() const { return m_directory; }
    // Creates the folder (mode 0700) and opens the database.
    Result<store::LocalStore *> openStore();

    QUrl server() const;
    QString user() const;
    QList<qint64> blogs() const;
    qint64 defaultBlog() const; // 0 when there is none
    TokenStorage tokenStorage() const;
    void setAccount(const QUrl &server, const QString &user, TokenStorage storage);
    void setBlogs(const QList<qint64> &blogs);
    bool isSignedIn() const { return !user().isEmpty() && server().isValid(); }

    std::unique_ptr<net::CredentialStore> credentialStore(TokenStorage storage) const;
    // Reads the token and calls done with the account to sync, or the error.
    void account(QObject *context, std::function<void(const Result<sync::SyncAccount> &)> done);

private:
    QString m_directory;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<store::LocalStore> m_store;
    std::unique_ptr<net::CredentialStore> m_credentials;
};

} // namespace inkwell::cli
