// Handlers for sessions and the blog list, and the reply helpers every handler uses.
#include "server/api/handlers.h"

#include "protocol/codec.h"
#include "protocol/wireerror.h"
#include "server/api/apilogging.h"
#include "server/auth/authenticator.h"
#include "server/store/serverstore.h"

namespace inkwell::server {

HttpResponse errorReply(const Error &error)
{
    const int status = protocol::httpStatus(error.code);
    Error shown = error;
    if (status >= 500) {
        // Database and internal details stay in the server log.
        qCWarning(lcServerApi).noquote()
                << "request failed:" << errorCodeName(error.code) << error.message;
        if (status == 500)
            shown.message = QStringLiteral("internal server error");
        else if (error.code == ErrorCode::DatabaseFull)
            shown.message = QStringLiteral("the server's storage is full; nothing was stored");
        else
            shown.message = QStringLiteral("the server is busy; retry shortly");
    }
    HttpResponse response;
    response.status = status;
    response.body = protocol::encode(protocol::ErrorBody{shown});
    if (status == 503)
        response.headers.append({QByteArrayLiteral("retry-after"), QByteArrayLiteral("1")});
    return response;
}

QString clientAddress(const ServerConfig &config, const HttpRequest &request)
{
    if (config.trustForwardedFor) {
        const QByteArray forwarded = request.header(QByteArrayLiteral("x-forwarded-for"));
        const QByteArray last = forwarded.mid(forwarded.lastIndexOf(',') + 1).trimmed();
        if (!last.isEmpty() && last.size() <= 64)
            return QString::fromLatin1(last);
    }
    return request.peerAddress;
}

HttpResponse jsonReply(QByteArray body, int status)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

// Scopes a request to the caller's blogs: a blog the account does not belong to does not exist.
Result<void> requireMember(const HandlerContext &context, const auth::Principal &principal,
                           qint64 blogId)
{
    const Result<bool> member = context.store.isMember(blogId, principal.accountId);
    if (!member)
        return member.error();
    if (!*member)
        return Error{ErrorCode::NotFound, QStringLiteral("no such blog")};
    return {};
}

HttpResponse handleLogin(const HandlerContext &context, const HttpRequest &request)
{
    const Result<protocol::LoginRequest> login =
            protocol::decodeLoginRequest(request.body, context.config.protocolLimits());
    if (!login)
        return errorReply(login.error());
    int retryAfter = 0;
    const Result<auth::Session> session = context.authenticator.login(
            login->username, login->password, clientAddress(context.config, request), &retryAfter);
    if (!session) {
        HttpResponse response = errorReply(session.error());
        if (session.error().code == ErrorCode::RateLimited)
            response.headers.append({QByteArrayLiteral("retry-after"),
                                     QByteArray::number(std::max(1, retryAfter))});
        return response;
    }
    return jsonReply(protocol::encode(
            protocol::LoginResponse{QString::fromLatin1(session->token), session->expiresAt}));
}

HttpResponse handleLogout(const HandlerContext &context, const auth::Principal &principal)
{
    if (Result<void> revoked = context.authenticator.logout(principal); !revoked)
        return errorReply(revoked.error());
    HttpResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

HttpResponse handleBlogs(const HandlerContext &context, const auth::Principal &principal)
{
    const Result<QList<protocol::BlogSummary>> blogs = context.store.blogsOf(principal.accountId);
    if (!blogs)
        return errorReply(blogs.error());
    return jsonReply(protocol::encode(protocol::BlogList{*blogs}));
}

} // namespace inkwell::server
