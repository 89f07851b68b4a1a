#pragma once

#include "publish/sitedata.h"

#include <QString>
#include <QStringView>

namespace inkwell::publish {

// Where a path of the public site points to; what the server routes and the export writes.
struct SiteRoute
{
    enum class Kind { NotFound, Index, Post, Tag, Feed, Media, Stylesheet };
    Kind kind = Kind::NotFound;
    QString slug; // Post: post slug; Tag: tag slug
    QString sha256; // Media
    int page = 1; // Index and Tag, 1-based
};

// The one URL scheme of the public site, shared by the server's routes and the export's files:
//   {prefix}/                 index, page 1          {prefix}/page/N/           index page N ≥ 2
//   {prefix}/{post-slug}/     a post                 {prefix}/tag/{tag-slug}/   a tag, page 1
//   {prefix}/tag/{tag-slug}/page/N/                  {prefix}/feed.atom         Atom feed
//   {prefix}/media/{sha256}   an attachment          {prefix}/style.css         the theme
// All functions return absolute paths (starting with the blog's pathPrefix and "/").
class SiteUrls final
{
public:
    static QString index(const SiteBlog &blog, int page = 1);
    static QString post(const SiteBlog &blog, const QString &postSlug);
    static QString tag(const SiteBlog &blog, const QString &tagName,
                       int page = 1); // slugs the name
    static QString feed(const SiteBlog &blog);
    static QString media(const SiteBlog &blog, const QString &sha256);
    static QString stylesheet(const SiteBlog &blog);
    // baseUrl + path; the path alone when the blog has no baseUrl.
    static QString absolute(const SiteBlog &blog, const QString &path);

    // The route of a path relative to the prefix ("/", "/page/2/", "/my-post/", "/media/<sha>").
    // A path without its trailing slash (e.g. "/my-post") is also recognised; canonical() tells
    // the server where to redirect it. Anything else: Kind::NotFound.
    static SiteRoute parse(QStringView pathAfterPrefix);
    // The canonical path (with the prefix) of a route; empty for NotFound.
    static QString canonical(const SiteBlog &blog, const SiteRoute &route);

    // The export's file for a route, relative to the export directory: "index.html",
    // "page/2/index.html", "my-post/index.html", "feed.atom", "media/<sha>", "style.css", ...
    static QString exportFile(const SiteRoute &route);

    // Slugs a post may not take because the site uses those paths ("page", "tag", "media", ...).
    static bool isReservedSlug(const QString &slug);
};

} // namespace inkwell::publish
