#pragma once

#include "model/result.h"
#include "server/api/httpmessage.h"
#include "server/api/serverconfig.h"
#include "server/auth/principal.h"

#include <QString>

namespace inkwell::publish {
class SiteRenderer;
}

namespace inkwell::server {

class SiteCache;
namespace store {
class ServerStore;
}
namespace auth {
class Authenticator;
}
namespace live {
class LiveHub;
}

// What every handler works with. Handlers are plain functions of (context, request, principal):
// no sockets, no global state, and every query scoped to the principal's blogs.
struct HandlerContext
{
    const ServerConfig &config;
    const store::ServerStore &store;
    const auth::Authenticator &authenticator;
    // Parked live requests and presence; outlives the HTTP front like the rest of the Api.
    live::LiveHub &live;
    // The public site's pages (templates loaded once, reentrant) and the cache of them.
    const publish::SiteRenderer &site;
    SiteCache &siteCache;
};

// The client's address for throttling: the peer, or the proxy-reported one when configured.
QString clientAddress(const ServerConfig &config, const HttpRequest &request);

// A JSON error response with the status that belongs to the code.
HttpResponse errorReply(const Error &error);
// A 200 (or `status`) JSON response.
HttpResponse jsonReply(QByteArray body, int status = 200);

// NotFound unless the principal belongs to the blog (another blog does not exist for it).
Result<void> requireMember(const HandlerContext &context, const auth::Principal &principal,
                           qint64 blogId);

HttpResponse handleLogin(const HandlerContext &context, const HttpRequest &request);
HttpResponse handleLogout(const HandlerContext &context, const auth::Principal &principal);
HttpResponse handleBlogs(const HandlerContext &context, const auth::Principal &principal);
HttpResponse handleSync(const HandlerContext &context, const HttpRequest &request,
                        const auth::Principal &principal, qint64 blogId);
HttpResponse handleBlob(const HandlerContext &context, const HttpRequest &request,
                        const auth::Principal &principal, qint64 blogId, const QString &sha256);
HttpResponse handleMissingBlobs(const HandlerContext &context, const HttpRequest &request,
                                const auth::Principal &principal, qint64 blogId);

// Live updates and presence (livehandlers.cpp).
HttpResponse handleCapabilities(const HandlerContext &context);
HttpResponse handleLive(const HandlerContext &context, const HttpRequest &request,
                        const auth::Principal &principal, qint64 blogId);
HttpResponse handlePresence(const HandlerContext &context, const HttpRequest &request,
                            const auth::Principal &principal, qint64 blogId);

// Post history (historyhandlers.cpp).
HttpResponse handleRevisions(const HandlerContext &context, const HttpRequest &request,
                             const auth::Principal &principal, qint64 blogId, const QString &guid);
HttpResponse handleRevision(const HandlerContext &context, const auth::Principal &principal,
                            qint64 blogId, const QString &guid, qint64 rev);

// The public site (sitehandlers.cpp): anonymous pages under /b/{blog-slug}/, and where a post
// of a member's blog is on it.
HttpResponse handleSite(const HandlerContext &context, const HttpRequest &request,
                        const QString &blogSlug, const QString &path);
HttpResponse handlePostPage(const HandlerContext &context, const auth::Principal &principal,
                            qint64 blogId, const QString &guid);

} // namespace inkwell::server
