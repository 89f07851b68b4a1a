#include "server/api/api.h"

#include "protocol/codec.h"
#include "server/api/apilogging.h"
#include "server/api/handlers.h"
#include "server/api/route.h"
#include "server/auth/authenticator.h"
#include "server/store/serverstore.h"

#include <exception>

namespace inkwell::server {

namespace {

auth::AuthConfig authConfigFrom(const ServerConfig &config)
{
    auth::AuthConfig auth;
    auth.maxConcurrentHashes = config.maxConcurrentPasswordHashes;
    auth.tokenLifetimeDays = config.tokenLifetimeDays;
    auth.failureThreshold = config.loginFailureThreshold;
    auth.maxRetryAfterSeconds = config.loginThrottleMaxSeconds;
    auth.failureWindowSeconds = config.loginFailureWindowSeconds;
    return auth;
}

HttpResponse notFound()
{
    return errorReply(Error{ErrorCode::NotFound, QStringLiteral("no such resource")});
}

HttpResponse methodNotAllowed(const Route &route)
{
    HttpResponse response;
    response.status = 405;
    response.body = protocol::encode(protocol::ErrorBody{
            Error{ErrorCode::InvalidArgument, QStringLiteral("method not allowed here")}});
    response.headers.append({QByteArrayLiteral("allow"), route.allow});
    return response;
}

} // namespace

struct Api::Private
{
    ServerConfig config;
    std::shared_ptr<store::ServerStore> store;
    auth::Authenticator authenticator;

    HandlerContext context() const { return HandlerContext{config, *store, authenticator}; }
    HttpResponse dispatch(const HttpRequest &request, const Route &route) const;
};

Api::Api(ServerConfig config, std::shared_ptr<store::ServerStore> store)
    : d(new Private{config, store, auth::Authenticator(store, authConfigFrom(config))})
{ }

Api::~Api() = default;

const ServerConfig &Api::config() const
{
    return d->config;
}

qint64 Api::maxBodyBytes(const QByteArray &method, const QByteArray &target) const
{
    const Route route = Route::match(method, target);
    if (route.endpoint == Route::Endpoint::Blob && method == "PUT")
        return d->config.maxBlobBytes;
    return d->config.maxBodyBytes;
}

HttpResponse Api::errorResponse(ErrorCode code, const QString &message)
{
    return errorReply(Error{code, message});
}

HttpResponse Api::handle(const HttpRequest &request) const
{
    try {
        const Route route = Route::match(request.method, request.target);
        if (route.endpoint == Route::Endpoint::None)
            return notFound();
        if (!route.methodAllowed)
            return methodNotAllowed(route);
        if (request.body.size() > maxBodyBytes(request.method, request.target))
            return errorReply(Error{ErrorCode::TooLarge, QStringLiteral("request body too large")});
        return d->dispatch(request, route);
    } catch (const std::exception &e) {
        qCCritical(lcServerApi) << "unexpected exception:" << e.what();
        return errorReply(Error{ErrorCode::Internal, QString::fromLocal8Bit(e.what())});
    }
}

HttpResponse Api::Private::dispatch(const HttpRequest &request, const Route &route) const
{
    const HandlerContext ctx = context();
    if (route.endpoint == Route::Endpoint::Healthz)
        return jsonReply(QByteArrayLiteral("{\"status\":\"ok\"}"));
    if (route.endpoint == Route::Endpoint::Session && request.method == "POST")
        return handleLogin(ctx, request);
    const Result<auth::Principal> principal =
            authenticator.authenticate(request.header(QByteArrayLiteral("authorization")));
    if (!principal) {
        HttpResponse response = errorReply(principal.error());
        if (principal.error().code == ErrorCode::Unauthorized)
            response.headers.append(
                    {QByteArrayLiteral("www-authenticate"), QByteArrayLiteral("Bearer")});
        return response;
    }
    switch (route.endpoint) {
    case Route::Endpoint::Session:
        return handleLogout(ctx, *principal);
    case Route::Endpoint::Blogs:
        return handleBlogs(ctx, *principal);
    case Route::Endpoint::Sync:
        return handleSync(ctx, request, *principal, route.blogId);
    case Route::Endpoint::Blob:
        return handleBlob(ctx, request, *principal, route.blogId, route.sha256);
    case Route::Endpoint::MissingBlobs:
        return handleMissingBlobs(ctx, request, *principal, route.blogId);
    case Route::Endpoint::None:
    case Route::Endpoint::Healthz:
        break;
    }
    return notFound();
}

} // namespace inkwell::server
