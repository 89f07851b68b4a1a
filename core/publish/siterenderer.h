#pragma once

#include "publish/sitedata.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace inkwell::publish {

// The Content-Security-Policy every page of the public site works under (no script, no inline
// style): the server sends it with each response.
inline constexpr char contentSecurityPolicy[] = "default-src 'none'; style-src 'self'; "
                                                "img-src 'self'; base-uri 'none'; "
                                                "form-action 'none'; frame-ancestors 'none'";
// Posts per index or tag page, and entries in the feed.
inline constexpr int postsPerPage = 10;
inline constexpr int feedEntries = 20;

// Turns a SiteData model into the pages of the public site, the same for the server and the
// static export. Each template (templates/{layout,index,post,tag,notfound,postmeta,pagination}
// .mustache) and static/style.css is looked up file by file in the given directories in order,
// then in the defaults built into the program. Reentrant: render from any thread.
class SiteRenderer final
{
public:
    // siteDirs: directories laid out like the source tree's site/ folder, searched in order
    // before the built-in defaults; standardSiteDirs() gives the server's list.
    explicit SiteRenderer(const QStringList &siteDirs = {});
    ~SiteRenderer();
    // A moved-from renderer may only be assigned to or destroyed.
    SiteRenderer(SiteRenderer &&) noexcept;
    SiteRenderer &operator=(SiteRenderer &&) noexcept;
    SiteRenderer(const SiteRenderer &) = delete;
    SiteRenderer &operator=(const SiteRenderer &) = delete;

    // The packaged site directory (/usr/share/inkwell-server/site under the install prefix).
    static QString packagedSiteDir();
    // The operator's override directory (when not empty), then packagedSiteDir().
    static QStringList standardSiteDirs(const QString &operatorDir);

    // posts: the page's posts, newest first; page 1-based, pageCount ≥ 1.
    RenderedPage renderIndex(const SiteBlog &blog, const QList<SitePost> &posts, int page,
                             int pageCount) const;
    RenderedPage renderPost(const SiteBlog &blog, const SitePost &post) const;
    RenderedPage renderTag(const SiteBlog &blog, const QString &tag, const QList<SitePost> &posts,
                           int page, int pageCount) const;
    RenderedPage renderFeed(const SiteBlog &blog, const QList<SitePost> &latest) const;
    RenderedPage renderNotFound(const SiteBlog &blog) const;
    RenderedPage stylesheet() const;

    // A post's body as safe HTML with attachment URLs resolved for blog.
    static QString bodyHtml(const SiteBlog &blog, const SitePost &post);

private:
    struct Templates;
    std::unique_ptr<const Templates> m_templates;
};

} // namespace inkwell::publish
