#include "server/api/route.h"

#include "protocol/validation.h"

#include <QList>

#include <algorithm>

namespace inkwell::server {

namespace {

// A blog id (or a revision) in a path: 1 to 15 decimal digits, no sign, no leading zero.
qint64 parseBlogId(const QByteArray &segment)
{
    if (segment.isEmpty() || segment.size() > 15 || segment.front() == '0')
        return 0;
    qint64 value = 0;
    for (const char c : segment) {
        if (c < '0' || c > '9')
            return 0;
        value = value * 10 + (c - '0');
    }
    return value;
}

Route routeFor(Route::Endpoint endpoint, const QByteArray &allow, const QByteArray &method)
{
    Route route;
    route.endpoint = endpoint;
    route.allow = allow;
    route.methodAllowed = allow.split(',').contains(method);
    return route;
}

// "/b/{blog-slug}/...": the blog's slug (lower-case letters, digits and hyphens, at most 80;
// empty when the path has none) and the rest of the path, which publish::SiteUrls parses.
Route siteRoute(const QByteArray &path, const QByteArray &method)
{
    constexpr qsizetype maxSlug = 80;
    const QByteArray afterPrefix = path.mid(3);
    const qsizetype slash = afterPrefix.indexOf('/');
    const QByteArray slug = slash < 0 ? afterPrefix : afterPrefix.left(slash);
    const bool valid = !slug.isEmpty() && slug.size() <= maxSlug
            && std::all_of(slug.begin(), slug.end(), [](char c) {
                   return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
               });
    // Any other path under /b/ is the site's 404 as well (no blog has that slug).
    Route route = routeFor(Route::Endpoint::Site, "GET,HEAD", method);
    route.siteBlog = valid ? QString::fromLatin1(slug) : QString();
    route.sitePath = slash < 0 ? QString() : QString::fromLatin1(afterPrefix.mid(slash));
    return route;
}

Route blogRoute(const QList<QByteArray> &parts, const QByteArray &method)
{
    // parts: api, v1, blogs, {id}, ...
    const qint64 blogId = parseBlogId(parts.at(3));
    if (blogId == 0)
        return {};
    Route route;
    if (parts.size() == 5 && parts.at(4) == "sync") {
        route = routeFor(Route::Endpoint::Sync, "POST", method);
    } else if (parts.size() == 6 && parts.at(4) == "blobs" && parts.at(5) == "missing") {
        route = routeFor(Route::Endpoint::MissingBlobs, "POST", method);
    } else if (parts.size() == 6 && parts.at(4) == "blobs") {
        const QString hash = QString::fromLatin1(parts.at(5));
        if (!protocol::isValidSha256(hash))
            return {};
        route = routeFor(Route::Endpoint::Blob, "GET,HEAD,PUT", method);
        route.sha256 = hash;
    } else if (parts.size() == 5 && parts.at(4) == "live") {
        route = routeFor(Route::Endpoint::Live, "GET", method);
    } else if (parts.size() == 5 && parts.at(4) == "presence") {
        route = routeFor(Route::Endpoint::Presence, "PUT,DELETE", method);
    } else if (parts.size() == 7 && parts.at(4) == "posts" && parts.at(6) == "page") {
        route.guid = QString::fromLatin1(parts.at(5));
        if (!protocol::isValidGuid(route.guid))
            return {};
        route.endpoint = Route::Endpoint::PostPage;
        route.allow = "GET";
        route.methodAllowed = method == "GET";
    } else if (parts.size() >= 7 && parts.at(4) == "posts" && parts.at(6) == "revisions") {
        const QString guid = QString::fromLatin1(parts.at(5));
        if (!protocol::isValidGuid(guid))
            return {};
        if (parts.size() == 7) {
            route = routeFor(Route::Endpoint::Revisions, "GET", method);
        } else {
            const qint64 rev = parseBlogId(parts.at(7));
            if (parts.size() != 8 || rev == 0)
                return {};
            route = routeFor(Route::Endpoint::Revision, "GET", method);
            route.rev = rev;
        }
        route.guid = guid;
    } else {
        return {};
    }
    route.blogId = blogId;
    return route;
}

} // namespace

Route Route::match(const QByteArray &method, const QByteArray &target)
{
    QByteArray path = target;
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    if (path == "/healthz")
        return routeFor(Endpoint::Healthz, "GET,HEAD", method);
    if (path.startsWith("/b/"))
        return siteRoute(path, method);
    if (!path.startsWith("/api/v1/"))
        return {};
    const QList<QByteArray> parts = path.mid(1).split('/');
    if (parts.size() == 3 && parts.at(2) == "session")
        return routeFor(Endpoint::Session, "POST,DELETE", method);
    if (parts.size() == 3 && parts.at(2) == "blogs")
        return routeFor(Endpoint::Blogs, "GET", method);
    if (parts.size() == 3 && parts.at(2) == "capabilities")
        return routeFor(Endpoint::Capabilities, "GET,HEAD", method);
    if (parts.size() >= 5 && parts.size() <= 8 && parts.at(2) == "blogs")
        return blogRoute(parts, method);
    return {};
}

} // namespace inkwell::server
