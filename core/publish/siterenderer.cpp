#include "publish/siterenderer.h"

#include "publish/markdownrenderer.h"
#include "publish/siteurls.h"

namespace inkwell::publish {

struct SiteRenderer::Templates
{ };

SiteRenderer::SiteRenderer(const QStringList &siteDirs)
    : m_templates(std::make_unique<const Templates>())
{
    Q_UNUSED(siteDirs);
}

SiteRenderer::~SiteRenderer() = default;

QString SiteRenderer::packagedSiteDir()
{
    return QStringLiteral(INKWELL_SITE_DIR);
}

RenderedPage SiteRenderer::renderIndex(const SiteBlog &, const QList<SitePost> &, int, int) const
{
    return {};
}

RenderedPage SiteRenderer::renderPost(const SiteBlog &, const SitePost &) const
{
    return {};
}

RenderedPage SiteRenderer::renderTag(const SiteBlog &, const QString &, const QList<SitePost> &,
                                     int, int) const
{
    return {};
}

RenderedPage SiteRenderer::renderFeed(const SiteBlog &, const QList<SitePost> &) const
{
    return {};
}

RenderedPage SiteRenderer::renderNotFound(const SiteBlog &) const
{
    return {};
}

RenderedPage SiteRenderer::stylesheet() const
{
    return {};
}

QString SiteRenderer::bodyHtml(const SiteBlog &blog, const SitePost &post)
{
    return MarkdownRenderer::toHtml(
            post.bodyMarkdown, [&blog](const QString &sha) { return SiteUrls::media(blog, sha); });
}

} // namespace inkwell::publish
