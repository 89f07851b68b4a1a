#pragma once

#include "account/accountsession.h"
#include "model/result.h"

#include <functional>

class QObject;

namespace inkwell::net {
class Transport;
}

namespace inkwell::account {

// The account's conversation with a server outside of sync: signing in (POST /api/v1/session),
// signing out (DELETE /api/v1/session) and listing the account's blogs (GET /api/v1/blogs). The
// editor and inkwell-cli both use it. Each callback runs once on the calling thread, unless
// context is destroyed first. Error messages name the step that failed; tokens are never logged.
class AccountClient final
{
public:
    using SessionCallback = std::function<void(const Result<AccountSession> &)>;
    using BlogsCallback = std::function<void(const Result<QList<protocol::BlogSummary>> &)>;
    using DoneCallback = std::function<void(const Result<void> &)>;

    // transport must outlive the client and be used on the calling thread.
    explicit AccountClient(net::Transport *transport);

    // Exchanges user and password for a session token, then lists the account's blogs. A wrong
    // password is Unauthorized, too many attempts RateLimited.
    void signIn(const QUrl &server, const QString &user, const QString &password, QObject *context,
                SessionCallback done);
    // The blogs the account of token belongs to, in the server's order.
    void listBlogs(const QUrl &server, const QString &token, QObject *context, BlogsCallback done);
    // Revokes token on the server. A token the server no longer knows (expired or revoked)
    // counts as signed out.
    void signOut(const QUrl &server, const QString &token, QObject *context, DoneCallback done);

private:
    net::Transport *m_transport;
};

} // namespace inkwell::account
