// The public site of a blog (anonymous GET/HEAD under /b/{blog-slug}/) and where a post is on it
// (GET .../posts/{guid}/page). Pages come from publish::SiteRenderer, paths from
// publish::SiteUrls, so the server and the static export cannot drift apart.
#include "server/api/handlers.h"

#include "protocol/validation.h"
#include "publish/siterenderer.h"
#include "publish/siteurls.h"
#include "server/api/sitecache.h"
#include "server/store/serverstore.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace inkwell::server {

namespace {

using publish::SiteRoute;

const QByteArray htmlType = QByteArrayLiteral("text/html; charset=utf-8");

// Headers of every answer of the site: no script, no sniffing, no referrer beyond the origin.
void addSiteHeaders(HttpResponse &response)
{
    response.headers.append({QByteArrayLiteral("content-security-policy"),
                             QByteArray(publish::contentSecurityPolicy)});
    response.headers.append({QByteArrayLiteral("x-content-type-options"), "nosniff"});
    response.headers.append({QByteArrayLiteral("referrer-policy"),
                             QByteArrayLiteral("strict-origin-when-cross-origin")});
}

// Whether If-None-Match names the entity tag (or is "*").
bool matches(const HttpRequest &request, const QByteArray &etag)
{
    const QByteArray header = request.header(QByteArrayLiteral("if-none-match"));
    for (QByteArray candidate : header.split(',')) {
        candidate = candidate.trimmed();
        if (candidate.startsWith("W/"))
            candidate = candidate.mid(2);
        if (candidate == etag || candidate == "*")
            return true;
    }
    return false;
}

// A 200 with its entity tag, or 304 when the client has that version already.
HttpResponse cacheable(const HttpRequest &request, QByteArray body, QByteArray contentType,
                       const QByteArray &etag, const QByteArray &cacheControl)
{
    HttpResponse response;
    addSiteHeaders(response);
    response.headers.append({QByteArrayLiteral("etag"), etag});
    response.headers.append({QByteArrayLiteral("cache-control"), cacheControl});
    if (matches(request, etag)) {
        response.status = 304;
        response.contentType.clear();
        return response;
    }
    response.contentType = contentType.isEmpty() ? htmlType : std::move(contentType);
    response.body = std::move(body);
    return response;
}

QByteArray etagOf(const QByteArray &body)
{
    return '"' + QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().left(32) + '"';
}

// A page is always asked again (an edit shows at the next request) but sent only when it changed.
HttpResponse page(const HttpRequest &request, const SiteCache::Page &cached)
{
    return cacheable(request, cached.body, cached.contentType, cached.etag,
                     QByteArrayLiteral("no-cache"));
}

SiteCache::Page pageFrom(publish::RenderedPage rendered)
{
    QByteArray etag = etagOf(rendered.body);
    return SiteCache::Page{std::move(rendered.body), std::move(rendered.contentType),
                           std::move(etag)};
}

HttpResponse page(const HttpRequest &request, publish::RenderedPage rendered)
{
    return page(request, pageFrom(std::move(rendered)));
}

// The one 404 of the site: the same for an unknown or private blog, a draft, a deleted post,
// an unknown path or page, so it reveals nothing.
HttpResponse notFound(const HandlerContext &context, const publish::SiteBlog &blog)
{
    HttpResponse response;
    response.status = 404;
    publish::RenderedPage rendered = context.site.renderNotFound(blog);
    response.contentType = rendered.contentType.isEmpty() ? htmlType : rendered.contentType;
    response.body = rendered.body;
    response.headers.append({QByteArrayLiteral("cache-control"), QByteArrayLiteral("no-cache")});
    addSiteHeaders(response);
    return response;
}

HttpResponse movedTo(const QString &path)
{
    HttpResponse response;
    response.status = 301;
    response.contentType.clear();
    response.headers.append({QByteArrayLiteral("location"), path.toUtf8()});
    addSiteHeaders(response);
    return response;
}

HttpResponse failed(const Error &error)
{
    HttpResponse response = errorReply(error);
    addSiteHeaders(response);
    return response;
}

publish::SiteBlog siteBlogFrom(const store::SiteBlog &blog)
{
    publish::SiteBlog site;
    site.id = QString::number(blog.id);
    site.slug = blog.slug;
    site.name = blog.name;
    site.description = blog.description;
    site.pathPrefix = QStringLiteral("/b/") + blog.slug;
    return site;
}

publish::SitePost sitePostFrom(const store::SitePost &stored)
{
    const model::PostFields &fields = stored.post.fields;
    publish::SitePost post;
    post.guid = stored.post.guid;
    post.slug = stored.slug;
    post.title = fields.title;
    post.bodyMarkdown = fields.body;
    post.tags = fields.tags;
    post.author = stored.post.createdBy;
    post.published = stored.publishedAt;
    post.modified = stored.post.modifiedAt;
    post.coverSha256 = fields.cover;
    for (const QString &sha256 : fields.attachmentHashes())
        post.attachments.append(publish::SiteAttachment{sha256, {}});
    return post;
}

QList<publish::SitePost> sitePostsFrom(const QList<store::SitePost> &stored)
{
    QList<publish::SitePost> posts;
    posts.reserve(stored.size());
    for (const store::SitePost &post : stored)
        posts.append(sitePostFrom(post));
    return posts;
}

// The image types a page may show; anything else is offered as a download.
QByteArray mediaType(const QByteArray &data)
{
    if (data.startsWith("\x89PNG\r\n\x1a\n"))
        return QByteArrayLiteral("image/png");
    if (data.startsWith("\xff\xd8\xff"))
        return QByteArrayLiteral("image/jpeg");
    if (data.startsWith("GIF87a") || data.startsWith("GIF89a"))
        return QByteArrayLiteral("image/gif");
    if (data.startsWith("RIFF") && data.mid(8, 4) == "WEBP")
        return QByteArrayLiteral("image/webp");
    return {};
}

HttpResponse media(const HandlerContext &context, const HttpRequest &request,
                   const publish::SiteBlog &site, qint64 blogId, const QString &sha256)
{
    // Only the blog's own blobs; content-addressed, so a version never changes.
    const QByteArray etag = '"' + sha256.toLatin1() + '"';
    const Result<bool> present = context.store.hasBlob(blogId, sha256);
    if (!present)
        return failed(present.error());
    if (!*present)
        return notFound(context, site);
    const QByteArray immutable = QByteArrayLiteral("public, max-age=31536000, immutable");
    if (matches(request, etag))
        return cacheable(request, {}, {}, etag, immutable);
    const Result<std::optional<QByteArray>> data = context.store.blob(blogId, sha256);
    if (!data)
        return failed(data.error());
    if (!*data)
        return notFound(context, site);
    const QByteArray type = mediaType(**data);
    HttpResponse response = cacheable(
            request, **data, type.isEmpty() ? QByteArrayLiteral("application/octet-stream") : type,
            etag, immutable);
    if (type.isEmpty())
        response.headers.append({QByteArrayLiteral("content-disposition"), "attachment"});
    return response;
}

// Index and tag pages: page numbers past the last page are 404, so no request makes the
// database skip more rows than the blog has posts.
HttpResponse listing(const HandlerContext &context, const HttpRequest &request,
                     const publish::SiteBlog &site, qint64 blogId, const SiteRoute &route,
                     const QString &tag)
{
    const Result<qint64> count = context.store.sitePostCount(blogId, tag);
    if (!count)
        return failed(count.error());
    const int perPage = publish::postsPerPage;
    const int pageCount = int(std::max<qint64>(1, (*count + perPage - 1) / perPage));
    if (route.page > pageCount || (!tag.isEmpty() && *count == 0))
        return notFound(context, site);
    const Result<store::SitePostPage> posts =
            context.store.sitePosts(blogId, (route.page - 1) * perPage, perPage, tag);
    if (!posts)
        return failed(posts.error());
    const QList<publish::SitePost> shown = sitePostsFrom(posts->posts);
    return page(request,
                tag.isEmpty() ? context.site.renderIndex(site, shown, route.page, pageCount)
                              : context.site.renderTag(site, tag, shown, route.page, pageCount));
}

HttpResponse tagPage(const HandlerContext &context, const HttpRequest &request,
                     const publish::SiteBlog &site, qint64 blogId, const SiteRoute &route)
{
    const Result<QStringList> tags = context.store.siteTags(blogId);
    if (!tags)
        return failed(tags.error());
    for (const QString &tag : *tags) {
        if (publish::SiteUrls::tag(site, tag) == publish::SiteUrls::tag(site, route.slug))
            return listing(context, request, site, blogId, route, tag);
    }
    return notFound(context, site);
}

HttpResponse dispatch(const HandlerContext &context, const HttpRequest &request,
                      const publish::SiteBlog &site, qint64 blogId, const SiteRoute &route)
{
    switch (route.kind) {
    case SiteRoute::Kind::Index:
        return listing(context, request, site, blogId, route, {});
    case SiteRoute::Kind::Post:
        break; // handleSite
    case SiteRoute::Kind::Tag:
        return tagPage(context, request, site, blogId, route);
    case SiteRoute::Kind::Feed: {
        const Result<store::SitePostPage> latest =
                context.store.sitePosts(blogId, 0, publish::feedEntries);
        if (!latest)
            return failed(latest.error());
        return page(request, context.site.renderFeed(site, sitePostsFrom(latest->posts)));
    }
    case SiteRoute::Kind::Media:
        return media(context, request, site, blogId, route.sha256);
    case SiteRoute::Kind::Stylesheet:
        return page(request, context.site.stylesheet());
    case SiteRoute::Kind::NotFound:
        break;
    }
    return notFound(context, site);
}

// Everything a page is made of: the revision it shows, the blog's settings and the path.
QString cacheKey(const store::SiteBlog &blog, const QString &version, const QString &path)
{
    const QChar separator(0x1f);
    return QString::number(blog.id) + separator + version + separator
            + QString::number(blog.siteRev) + separator + blog.slug + separator + blog.name
            + separator + blog.description + separator + path;
}

// A post's page. Its slug is looked up on every request (one indexed read), so a slug an
// operator replaced redirects at once; the rendering depends on nothing but the post and the
// blog's settings, so it is kept until the post changes, whatever else the blog's writers push.
HttpResponse postPage(const HandlerContext &context, const HttpRequest &request,
                      const publish::SiteBlog &site, const store::SiteBlog &blog,
                      const QString &slug, const QString &path)
{
    const Result<store::SiteLookup> lookup = context.store.sitePost(blog.id, slug);
    if (!lookup)
        return failed(lookup.error());
    if (!lookup->redirectTo.isEmpty())
        return movedTo(publish::SiteUrls::post(site, lookup->redirectTo));
    if (!lookup->post)
        return notFound(context, site);
    const std::optional<SiteCache::Page> rendered = context.siteCache.obtain(
            cacheKey(blog, QString::number(lookup->post->post.rev), path), [&] {
                return std::optional(
                        pageFrom(context.site.renderPost(site, sitePostFrom(*lookup->post))));
            });
    return page(request, *rendered); // renderPost always gives a page
}

// A listing or the feed for the cache; an answer that is not a page goes to other instead.
std::optional<SiteCache::Page> renderListing(const HandlerContext &context,
                                             const HttpRequest &request,
                                             const publish::SiteBlog &site, qint64 blogId,
                                             const SiteRoute &route,
                                             std::optional<HttpResponse> &other)
{
    HttpRequest unconditional = request;
    unconditional.headers.clear();
    HttpResponse answer = dispatch(context, unconditional, site, blogId, route);
    if (answer.status != 200) {
        other = std::move(answer);
        return std::nullopt;
    }
    QByteArray etag = etagOf(answer.body);
    return SiteCache::Page{std::move(answer.body), std::move(answer.contentType), std::move(etag)};
}

} // namespace

HttpResponse handleSite(const HandlerContext &context, const HttpRequest &request,
                        const QString &blogSlug, const QString &path)
{
    publish::SiteBlog unknown;
    unknown.pathPrefix = QStringLiteral("/b/") + blogSlug;
    if (blogSlug.isEmpty())
        return notFound(context, unknown);
    const Result<std::optional<store::SiteBlog>> blog = context.store.siteBlog(blogSlug);
    if (!blog)
        return failed(blog.error());
    if (!*blog)
        return notFound(context, unknown);
    const publish::SiteBlog site = siteBlogFrom(**blog);
    const SiteRoute route = publish::SiteUrls::parse(path.isEmpty() ? QStringLiteral("/") : path);
    if (route.kind == SiteRoute::Kind::NotFound)
        return notFound(context, site);
    const QString canonical = publish::SiteUrls::canonical(site, route);
    if (canonical != unknown.pathPrefix + path) // "/b/x", ".../my-post", ".../page/1/"
        return movedTo(canonical);
    const qint64 blogId = (*blog)->id;
    if (route.kind == SiteRoute::Kind::Media)
        return dispatch(context, request, site, blogId, route);
    if (route.kind == SiteRoute::Kind::Post)
        return postPage(context, request, site, **blog, route.slug, path);
    // The index and the feed: kept while the posts they show are the same (an edit of a post
    // further down the blog does not touch them); tag pages: kept until the blog's next push.
    QString version = QString::number((*blog)->lastRev);
    if (route.kind == SiteRoute::Kind::Index || route.kind == SiteRoute::Kind::Feed) {
        const bool feed = route.kind == SiteRoute::Kind::Feed;
        const Result<QString> shown = context.store.siteListingVersion(
                blogId, feed ? 0 : qint64(route.page - 1) * publish::postsPerPage,
                feed ? publish::feedEntries : publish::postsPerPage);
        if (!shown)
            return failed(shown.error());
        version = u'v' + *shown;
    }
    std::optional<HttpResponse> other; // an answer that is not a page, e.g. past the last page
    const std::optional<SiteCache::Page> rendered =
            context.siteCache.obtain(cacheKey(**blog, version, path), [&] {
                return renderListing(context, request, site, blogId, route, other);
            });
    return rendered ? page(request, *rendered) : std::move(*other);
}

HttpResponse handlePostPage(const HandlerContext &context, const auth::Principal &principal,
                            qint64 blogId, const QString &guid)
{
    if (Result<void> member = requireMember(context, principal, blogId); !member)
        return errorReply(member.error());
    const Error hidden{ErrorCode::NotFound,
                       QStringLiteral("the post is not on the blog's public site")};
    const Result<std::optional<store::SiteBlog>> blog = context.store.siteBlogById(blogId);
    if (!blog)
        return errorReply(blog.error());
    if (!*blog || !(*blog)->isPublic)
        return errorReply(hidden);
    const Result<std::optional<QString>> slug = context.store.sitePostSlug(blogId, guid);
    if (!slug)
        return errorReply(slug.error());
    if (!*slug)
        return errorReply(hidden);
    QJsonObject answer{
            {QStringLiteral("url"), publish::SiteUrls::post(siteBlogFrom(**blog), **slug)}};
    return jsonReply(QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

} // namespace inkwell::server
