#pragma once

#include "ui/account/signinservice.h"

namespace inkwell::net {
class Transport;
}

namespace inkwell::editor {

// Signs in over HTTP: POST /api/v1/session for a token, then GET /api/v1/blogs for the blogs the
// account belongs to. Uses the given Transport on the calling (GUI) thread.
class SessionClient final : public ui::SignInService
{
public:
    explicit SessionClient(net::Transport *transport);

    void signIn(const QUrl &server, const QString &user, const QString &password, QObject *context,
                Callback done) override;

private:
    void fetchBlogs(ui::SignedInAccount account, QObject *context, Callback done);

    net::Transport *m_transport;
};

} // namespace inkwell::editor
