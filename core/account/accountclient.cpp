#include "account/accountclient.h"

#include "net/request.h"
#include "net/response.h"
#include "net/transport.h"
#include "protocol/codec.h"
#include "sync/syncaccount.h"

#include <chrono>

namespace inkwell::account {

namespace {

constexpr std::chrono::seconds AccountTimeout{20};

QUrl endpoint(const QUrl &server, const QString &path)
{
    return sync::SyncAccount{server, {}, {}}.endpoint(path);
}

net::Request accountRequest(net::Method method, const QUrl &server, const QString &path,
                            const QString &token)
{
    net::Request request;
    request.method = method;
    request.url = endpoint(server, path);
    request.bearerToken = token;
    request.timeout = AccountTimeout;
    return request;
}

// The transport's error with the step that failed in front, e.g. "sign-in: HTTP 503".
Error stepError(const QString &step, const net::Response &response)
{
    QString detail = response.error.message;
    switch (response.error.code) {
    case ErrorCode::Unauthorized:
        if (step == u"sign-in")
            detail = QStringLiteral("wrong user name or password");
        break;
    case ErrorCode::RateLimited:
        if (response.retryAfter)
            detail = QStringLiteral("too many attempts; try again in %1 s")
                             .arg(response.retryAfter->count());
        break;
    default:
        break;
    }
    return Error{response.error.code, step + QStringLiteral(": ") + detail};
}

Error decodeError(const QString &step, const Error &error)
{
    return Error{error.code,
                 step + QStringLiteral(": the server's answer is unreadable: ") + error.message};
}

} // namespace

AccountClient::AccountClient(net::Transport *transport) : m_transport(transport) { }

void AccountClient::signIn(const QUrl &server, const QString &user, const QString &password,
                           QObject *context, SessionCallback done)
{
    net::Request request =
            accountRequest(net::Method::Post, server, QStringLiteral("/api/v1/session"), {});
    request.body = protocol::encode(protocol::LoginRequest{user, password});
    request.contentType = QByteArrayLiteral("application/json");
    m_transport->send(request, context,
                      [this, server, user, context, done](const net::Response &response) {
                          const QString step = QStringLiteral("sign-in");
                          if (!response.isOk())
                              return done(stepError(step, response));
                          auto login = protocol::decodeLoginResponse(response.body);
                          if (!login)
                              return done(decodeError(step, login.error()));
                          AccountSession session{server, user, login->token, login->expiresAt, {}};
                          listBlogs(server, session.token, context,
                                    [session, done](const auto &blogs) mutable {
                                        if (!blogs)
                                            return done(blogs.error());
                                        session.blogs = *blogs;
                                        done(session);
                                    });
                      });
}

void AccountClient::listBlogs(const QUrl &server, const QString &token, QObject *context,
                              BlogsCallback done)
{
    const net::Request request =
            accountRequest(net::Method::Get, server, QStringLiteral("/api/v1/blogs"), token);
    m_transport->send(request, context, [done](const net::Response &response) {
        const QString step = QStringLiteral("listing the blogs");
        if (!response.isOk())
            return done(stepError(step, response));
        auto list = protocol::decodeBlogList(response.body);
        if (!list)
            return done(decodeError(step, list.error()));
        done(list->blogs);
    });
}

void AccountClient::signOut(const QUrl &server, const QString &token, QObject *context,
                            DoneCallback done)
{
    const net::Request request =
            accountRequest(net::Method::Delete, server, QStringLiteral("/api/v1/session"), token);
    m_transport->send(request, context, [done](const net::Response &response) {
        if (response.isOk() || response.error.code == ErrorCode::Unauthorized)
            return done({});
        done(stepError(QStringLiteral("signing out"), response));
    });
}

} // namespace inkwell::account
