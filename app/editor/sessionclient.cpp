#include "sessionclient.h"

#include "net/request.h"
#include "net/response.h"
#include "net/transport.h"
#include "protocol/codec.h"

#include <chrono>

namespace inkwell::editor {

namespace {

QUrl endpoint(const QUrl &server, const QString &path)
{
    QUrl url = server;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

Error responseError(const net::Response &response)
{
    return response.error;
}

} // namespace

SessionClient::SessionClient(net::Transport *transport) : m_transport(transport) { }

void SessionClient::signIn(const QUrl &server, const QString &user, const QString &password,
                           QObject *context, Callback done)
{
    net::Request request;
    request.method = net::Method::Post;
    request.url = endpoint(server, QStringLiteral("/api/v1/session"));
    request.body = protocol::encode(protocol::LoginRequest{user, password});
    request.contentType = QByteArrayLiteral("application/json");
    request.timeout = std::chrono::seconds(20);
    m_transport->send(request, context,
                      [this, server, user, context, done](const net::Response &response) {
                          if (!response.isOk()) {
                              done(responseError(response));
                              return;
                          }
                          auto login = protocol::decodeLoginResponse(response.body);
                          if (!login) {
                              done(login.error());
                              return;
                          }
                          fetchBlogs({server, user, login->token, {}}, context, done);
                      });
}

void SessionClient::fetchBlogs(ui::SignedInAccount account, QObject *context, Callback done)
{
    net::Request request;
    request.method = net::Method::Get;
    request.url = endpoint(account.server, QStringLiteral("/api/v1/blogs"));
    request.bearerToken = account.token;
    request.timeout = std::chrono::seconds(20);
    m_transport->send(request, context, [account, done](const net::Response &response) mutable {
        if (!response.isOk()) {
            done(responseError(response));
            return;
        }
        auto list = protocol::decodeBlogList(response.body);
        if (!list) {
            done(list.error());
            return;
        }
        for (const protocol::BlogSummary &blog : list->blogs)
            account.blogs.append(blog.id);
        done(account);
    });
}

} // namespace inkwell::editor
