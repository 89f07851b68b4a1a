#include "server/api/api.h"

#include "protocol/codec.h"
#include "publish/siterenderer.h"
#include "server/api/apilogging.h"
#include "server/api/handlers.h"
#include "server/api/route.h"
#include "server/api/sitecache.h"
#include "server/auth/authenticator.h"
#include "server/live/livehub.h"
#include "server/store/serverstore.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <optional>

namespace inkwell::server {

namespace {

// {"guid":"<36 characters>","state":"editing"} and some room.
constexpr qint64 maxPresenceBodyBytes = 1024;

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

live::LiveHub::Options liveOptionsFrom(const ServerConfig &config)
{
    live::LiveHub::Options options;
    options.maxWaiters = config.maxParkedWaiters;
    options.presence.ttl = std::chrono::seconds(config.presenceTtlSeconds);
    return options;
}

// 404 for an unknown path, 405 for a known path with another method.
std::optional<HttpResponse> routeRefusal(const Route &route)
{
    if (route.endpoint == Route::Endpoint::None)
        return notFound();
    if (!route.methodAllowed)
        return methodNotAllowed(route);
    return std::nullopt;
}

// Health checks, capabilities, logins and the public site are the only requests without a
// bearer token.
bool isAnonymous(const Route &route, const QByteArray &method)
{
    return route.endpoint == Route::Endpoint::Healthz
            || route.endpoint == Route::Endpoint::Capabilities
            || route.endpoint == Route::Endpoint::Site
            || (route.endpoint == Route::Endpoint::Session && method == "POST");
}

// The answer to a request whose caller could not be established.
HttpResponse callerRefusal(const Error &error)
{
    HttpResponse response = errorReply(error);
    if (error.code == ErrorCode::Unauthorized)
        response.headers.append(
                {QByteArrayLiteral("www-authenticate"), QByteArrayLiteral("Bearer")});
    return response;
}

} // namespace

struct Api::Private
{
    ServerConfig config;
    std::shared_ptr<store::ServerStore> store;
    auth::Authenticator authenticator;
    std::shared_ptr<live::LiveHub> live;
    publish::SiteRenderer site;
    mutable SiteCache siteCache;

    HandlerContext context() const
    {
        return HandlerContext{config, *store, authenticator, *live, site, siteCache};
    }
    Result<auth::Principal> caller(const HttpRequest &request) const;
    HttpResponse dispatch(const HttpRequest &request, const Route &route) const;
    HttpResponse dispatch(const HttpRequest &request, const Route &route,
                          const auth::Principal &principal) const;
};

Api::Api(ServerConfig config, std::shared_ptr<store::ServerStore> store,
         std::shared_ptr<live::LiveHub> live)
    : d(new Private{config,
                    store,
                    auth::Authenticator(store, authConfigFrom(config)),
                    live ? std::move(live)
                         : std::make_shared<live::LiveHub>(liveOptionsFrom(config)),
                    publish::SiteRenderer(config.siteDirs),
                    {}})
{ }

live::LiveHub &Api::live() const
{
    return *d->live;
}

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
    if (route.endpoint == Route::Endpoint::Site)
        return 0; // anonymous reads: nothing to buffer
    if (route.endpoint == Route::Endpoint::Presence)
        return std::min<qint64>(d->config.maxBodyBytes, maxPresenceBodyBytes);
    return d->config.maxBodyBytes;
}

HttpResponse Api::errorResponse(ErrorCode code, const QString &message)
{
    return errorReply(Error{code, message});
}

Admission Api::admit(const HttpRequest &header) const
{
    Admission admission;
    try {
        const Route route = Route::match(header.method, header.target);
        admission.refusal = routeRefusal(route);
        if (admission.refusal)
            return admission;
        admission.maxBodyBytes = maxBodyBytes(header.method, header.target);
        if (isAnonymous(route, header.method)) {
            if (route.endpoint == Route::Endpoint::Session) {
                admission.lane = Admission::Lane::Login;
                admission.client = clientAddress(d->config, header);
            }
            return admission;
        }
        const Result<auth::Principal> principal = d->caller(header);
        if (!principal) {
            admission.refusal = callerRefusal(principal.error());
            return admission;
        }
        // Another blog does not exist for the caller: the same 404 its handlers would give.
        if (route.blogId != 0) {
            if (Result<void> member = requireMember(d->context(), *principal, route.blogId);
                !member) {
                admission.refusal = errorReply(member.error());
                return admission;
            }
        }
        admission.grant = *principal;
    } catch (const std::exception &e) {
        qCCritical(lcServerApi) << "unexpected exception:" << e.what();
        admission.refusal =
                errorReply(Error{ErrorCode::Internal, QString::fromLocal8Bit(e.what())});
    }
    return admission;
}

HttpResponse Api::handle(const HttpRequest &request) const
{
    try {
        const Route route = Route::match(request.method, request.target);
        if (std::optional<HttpResponse> refusal = routeRefusal(route))
            return *refusal;
        if (request.body.size() > maxBodyBytes(request.method, request.target))
            return errorReply(Error{ErrorCode::TooLarge, QStringLiteral("request body too large")});
        if (isAnonymous(route, request.method))
            return d->dispatch(request, route);
        // An admitted request carries its caller; any other is authenticated here.
        const auto *granted = std::any_cast<auth::Principal>(&request.admission);
        const Result<auth::Principal> principal =
                granted ? Result<auth::Principal>(*granted) : d->caller(request);
        if (!principal)
            return callerRefusal(principal.error());
        return d->dispatch(request, route, *principal);
    } catch (const std::exception &e) {
        qCCritical(lcServerApi) << "unexpected exception:" << e.what();
        return errorReply(Error{ErrorCode::Internal, QString::fromLocal8Bit(e.what())});
    }
}

Result<auth::Principal> Api::Private::caller(const HttpRequest &request) const
{
    return authenticator.authenticate(request.header(QByteArrayLiteral("authorization")));
}

// Health checks, capabilities, logins and the public site.
HttpResponse Api::Private::dispatch(const HttpRequest &request, const Route &route) const
{
    if (route.endpoint == Route::Endpoint::Site)
        return handleSite(context(), request, route.siteBlog, route.sitePath);
    if (route.endpoint == Route::Endpoint::Session)
        return handleLogin(context(), request);
    if (route.endpoint == Route::Endpoint::Capabilities)
        return handleCapabilities(context());
    return jsonReply(QByteArrayLiteral("{\"status\":\"ok\"}"));
}

HttpResponse Api::Private::dispatch(const HttpRequest &request, const Route &route,
                                    const auth::Principal &principal) const
{
    const HandlerContext ctx = context();
    switch (route.endpoint) {
    case Route::Endpoint::Session:
        return handleLogout(ctx, principal);
    case Route::Endpoint::Blogs:
        return handleBlogs(ctx, principal);
    case Route::Endpoint::Sync:
        return handleSync(ctx, request, principal, route.blogId);
    case Route::Endpoint::Blob:
        return handleBlob(ctx, request, principal, route.blogId, route.sha256);
    case Route::Endpoint::MissingBlobs:
        return handleMissingBlobs(ctx, request, principal, route.blogId);
    case Route::Endpoint::Live:
        return handleLive(ctx, request, principal, route.blogId);
    case Route::Endpoint::Presence:
        return handlePresence(ctx, request, principal, route.blogId);
    case Route::Endpoint::Revisions:
        return handleRevisions(ctx, request, principal, route.blogId, route.guid);
    case Route::Endpoint::Revision:
        return handleRevision(ctx, principal, route.blogId, route.guid, route.rev);
    case Route::Endpoint::PostPage:
        return handlePostPage(ctx, principal, route.blogId, route.guid);
    case Route::Endpoint::None:
    case Route::Endpoint::Site:
    case Route::Endpoint::Healthz:
    case Route::Endpoint::Capabilities:
        break;
    }
    return notFound();
}

} // namespace inkwell::server
