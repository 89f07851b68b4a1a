#pragma once

#include "model/result.h"

#include <QString>
#include <QUrl>

#include <functional>

class QObject;

namespace inkwell::net {

// Where the session token of an account lives between runs: one token per (server URL, user).
// Only tokens are ever stored, never passwords. Operations are asynchronous; callbacks run on the
// calling thread's event loop, once, unless context is destroyed first.
class CredentialStore
{
public:
    using ReadCallback = std::function<void(const Result<QString> &)>;
    using WriteCallback = std::function<void(const Result<void> &)>;

    virtual ~CredentialStore() = default;

    // The stored token; ErrorCode::NotFound when there is none, KeychainUnavailable when no
    // keychain backend can be reached (the UI then offers the file store explicitly).
    virtual void readToken(const QUrl &server, const QString &user, QObject *context,
                           ReadCallback done) = 0;
    // Stores or replaces the token.
    virtual void writeToken(const QUrl &server, const QString &user, const QString &token,
                            QObject *context, WriteCallback done) = 0;
    // Removes the token; succeeds when there was none.
    virtual void removeToken(const QUrl &server, const QString &user, QObject *context,
                             WriteCallback done) = 0;

    // The key an account's token is filed under: "<normalized server URL>|<user>".
    static QString accountKey(const QUrl &server, const QString &user);

protected:
    CredentialStore() = default;
    Q_DISABLE_COPY_MOVE(CredentialStore)
};

} // namespace inkwell::net
