#pragma once

#include "model/result.h"
#include "protocol/blogs.h"
#include "sync/syncaccount.h"

#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <utility>

class QObject;
class QSettings;

namespace inkwell::account {
class BlogChoice;
}
namespace inkwell::net {
class CredentialStore;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::cli {

// One client's local state in a folder: the database (inkwell.db), the settings (settings.ini:
// server, user, the account's blogs and the default one, where the token lives) and, with
// --insecure-token-file, token.json.
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
    // The account's blogs as last listed, and the default one (account::BlogChoice's rules).
    const account::BlogChoice &blogChoice() const { return *m_blogs; }
    // The blog new posts go to and posts written while signed out are adopted into; 0 when
    // there is none (not signed in, or an account without blogs).
    qint64 defaultBlog() const;
    // The blog a --blog option names (id or name), or the default blog when option is empty.
    Result<qint64> blogFor(const QString &option) const;
    TokenStorage tokenStorage() const;
    void setAccount(const QUrl &server, const QString &user, TokenStorage storage);
    // Forgets the account (after signing out); the blogs and the default are kept for the
    // next sign-in to the same account.
    void clearAccount();
    // Keeps the account's blogs; the default stays while it is one of them.
    void setBlogs(const QList<protocol::BlogSummary> &blogs);
    // Makes blog (id or name) the default; NotFound when it is not one of the account's.
    Result<qint64> setDefaultBlog(const QString &blog);
    // Moves the posts written while signed out into the default blog; their guids.
    Result<QStringList> adoptLocalPosts();
    bool isSignedIn() const { return !user().isEmpty() && server().isValid(); }
    static QString keychainService() { return QStringLiteral("Inkwell CLI"); }

    // The keychain's entries are "Inkwell CLI"; a copy of the token stays in the kernel keyring
    // for a while (net::KeyringCachedCredentialStore), so a script's commands ask the keychain
    // once.
    std::unique_ptr<net::CredentialStore> credentialStore(TokenStorage storage) const;
    // The server refused the token: the next command reads it from the keychain again.
    void forgetCachedToken() const;
    // Reads the token and calls done with the account to sync, or the error.
    void account(QObject *context, std::function<void(const Result<sync::SyncAccount> &)> done);
    // openStore() and account() for the commands that need both: the store opens while the
    // keychain answers (its D-Bus session with the Secret Service costs about as much as
    // opening a large store). done gets the open store and the account, or the first error:
    // the store's, then the account's.
    using StoreAndAccount = std::pair<store::LocalStore *, sync::SyncAccount>;
    void openStoreWithAccount(QObject *context,
                              std::function<void(const Result<StoreAndAccount> &)> done);

private:
    QString m_directory;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<store::LocalStore> m_store;
    std::unique_ptr<net::CredentialStore> m_credentials;
    std::unique_ptr<account::BlogChoice> m_blogs;
};

} // namespace inkwell::cli
