#include "publish/siteurls.h"

#include "publish/slug.h"

#include <algorithm>

namespace inkwell::publish {

namespace {

QString pagePart(int page)
{
    return page > 1 ? QStringLiteral("page/") + QString::number(page) + u'/' : QString();
}

bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

// What Slug::fromTitle() can produce.
bool isSlug(QStringView text)
{
    if (text.isEmpty() || text.size() > Slug::maximumLength || text.startsWith(u'-')
        || text.endsWith(u'-') || text.contains(u"--"))
        return false;
    return std::all_of(text.begin(), text.end(),
                       [](QChar c) { return isLowerAlnum(c) || c == u'-'; });
}

bool isSha256(QStringView text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](QChar c) {
               return (c >= u'a' && c <= u'f') || (c >= u'0' && c <= u'9');
           });
}

// "N" with N ≥ 2 and no leading zero; 0 when not a page number.
int pageNumber(QStringView text)
{
    if (text.isEmpty() || text.size() > 9 || text.startsWith(u'0'))
        return 0;
    bool ok = false;
    const int page = text.toInt(&ok);
    return ok && page >= 2 ? page : 0;
}

} // namespace

QString SiteUrls::index(const SiteBlog &blog, int page)
{
    return blog.pathPrefix + u'/' + pagePart(page);
}

QString SiteUrls::post(const SiteBlog &blog, const QString &postSlug)
{
    return blog.pathPrefix + u'/' + postSlug + u'/';
}

QString SiteUrls::tag(const SiteBlog &blog, const QString &tagName, int page)
{
    return blog.pathPrefix + QStringLiteral("/tag/") + Slug::fromTitle(tagName) + u'/'
            + pagePart(page);
}

QString SiteUrls::feed(const SiteBlog &blog)
{
    return blog.pathPrefix + QStringLiteral("/feed.atom");
}

QString SiteUrls::media(const SiteBlog &blog, const QString &sha256)
{
    return blog.pathPrefix + QStringLiteral("/media/") + sha256;
}

QString SiteUrls::stylesheet(const SiteBlog &blog)
{
    return blog.pathPrefix + QStringLiteral("/style.css");
}

QString SiteUrls::absolute(const SiteBlog &blog, const QString &path)
{
    return blog.baseUrl + path;
}

SiteRoute SiteUrls::parse(QStringView path)
{
    SiteRoute route;
    if (!path.startsWith(u'/'))
        return route;
    path = path.mid(1);
    if (path.isEmpty()) {
        route.kind = SiteRoute::Kind::Index;
        return route;
    }
    if (path == u"feed.atom") {
        route.kind = SiteRoute::Kind::Feed;
        return route;
    }
    if (path == u"style.css") {
        route.kind = SiteRoute::Kind::Stylesheet;
        return route;
    }
    if (path.startsWith(u"media/")) {
        const QStringView sha = path.mid(6);
        if (isSha256(sha)) {
            route.kind = SiteRoute::Kind::Media;
            route.sha256 = sha.toString();
        }
        return route;
    }
    if (path.endsWith(u'/'))
        path.chop(1);
    const QList<QStringView> parts = path.split(u'/');
    if (parts.size() == 2 && parts[0] == u"page" && pageNumber(parts[1]) > 0) {
        route.kind = SiteRoute::Kind::Index;
        route.page = pageNumber(parts[1]);
    } else if (parts.size() == 1 && isSlug(parts[0]) && !isReservedSlug(parts[0].toString())) {
        route.kind = SiteRoute::Kind::Post;
        route.slug = parts[0].toString();
    } else if ((parts.size() == 2 || parts.size() == 4) && parts[0] == u"tag" && isSlug(parts[1])) {
        const int page = parts.size() == 4 && parts[2] == u"page" ? pageNumber(parts[3]) : 1;
        if (page > 0) {
            route.kind = SiteRoute::Kind::Tag;
            route.slug = parts[1].toString();
            route.page = page;
        }
    }
    return route;
}

QString SiteUrls::canonical(const SiteBlog &blog, const SiteRoute &route)
{
    switch (route.kind) {
    case SiteRoute::Kind::NotFound:
        return {};
    case SiteRoute::Kind::Index:
        return index(blog, route.page);
    case SiteRoute::Kind::Post:
        return post(blog, route.slug);
    case SiteRoute::Kind::Tag:
        return blog.pathPrefix + QStringLiteral("/tag/") + route.slug + u'/' + pagePart(route.page);
    case SiteRoute::Kind::Feed:
        return feed(blog);
    case SiteRoute::Kind::Media:
        return media(blog, route.sha256);
    case SiteRoute::Kind::Stylesheet:
        return stylesheet(blog);
    }
    return {};
}

QString SiteUrls::exportFile(const SiteRoute &route)
{
    const QString path = canonical(SiteBlog{}, route);
    if (path.isEmpty())
        return {};
    return path.endsWith(u'/') ? path.mid(1) + QStringLiteral("index.html") : path.mid(1);
}

bool SiteUrls::isReservedSlug(const QString &slug)
{
    static const QStringList reserved{QStringLiteral("page"),  QStringLiteral("tag"),
                                      QStringLiteral("media"), QStringLiteral("feed"),
                                      QStringLiteral("style"), QStringLiteral("static"),
                                      QStringLiteral("api"),   QStringLiteral("index")};
    return reserved.contains(slug);
}

} // namespace inkwell::publish
