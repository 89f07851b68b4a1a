#include "publish/siterenderer.h"

#include "publish/atomfeed.h"
#include "publish/markdownrenderer.h"
#include "publish/siteurls.h"

#include <kainjow/mustache.hpp>

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QLoggingCategory>

#include <map>
#include <string>

Q_LOGGING_CATEGORY(lcPublish, "inkwell.publish")

namespace inkwell::publish {

namespace mustache = kainjow::mustache;

namespace {

const char *const templateNames[] = {"layout",   "index",    "post",      "tag",
                                     "notfound", "postmeta", "pagination"};
// Templates included by others with {{> name}}; their names are kept out of the page data.
const char *const partialNames[] = {"postmeta", "pagination"};

// The built-in defaults, compiled from the source tree's site/ folder.
const QString embeddedSiteDir = QStringLiteral(":/inkwell/site");

QByteArray readFirst(const QStringList &dirs, const QString &relativePath)
{
    for (const QString &dir : dirs) {
        QFile file(QDir(dir).filePath(relativePath));
        if (file.open(QIODevice::ReadOnly))
            return file.readAll();
    }
    qCWarning(lcPublish) << "no site file" << relativePath;
    return {};
}

std::string text(const QString &value)
{
    return value.toStdString();
}

// Sets key only for a non-empty value, so that {{#key}} sections mean "present".
void setIfPresent(mustache::data &data, const std::string &key, const QString &value)
{
    if (!value.isEmpty())
        data.set(key, text(value));
}

mustache::data blogData(const SiteBlog &blog)
{
    mustache::data data;
    data.set("name", text(blog.name));
    setIfPresent(data, "description", blog.description);
    data.set("url", text(SiteUrls::index(blog)));
    return data;
}

mustache::data postData(const SiteBlog &blog, const SitePost &post, bool withBody)
{
    mustache::data data;
    data.set("title", text(post.title));
    data.set("url", text(SiteUrls::post(blog, post.slug)));
    setIfPresent(data, "author", post.author);
    const QDateTime published = post.published.toUTC();
    data.set("date", text(QLocale(QLocale::English).toString(published.date(), u"d MMMM yyyy")));
    data.set("dateIso", text(published.toString(Qt::ISODate)));
    if (!post.coverSha256.isEmpty())
        data.set("coverUrl", text(SiteUrls::media(blog, post.coverSha256)));
    mustache::data tags{mustache::data::type::list};
    for (const QString &tag : post.tags) {
        mustache::data item;
        item.set("name", text(tag));
        item.set("url", text(SiteUrls::tag(blog, tag)));
        tags.push_back(item);
    }
    if (!post.tags.isEmpty())
        data.set("hasTags", mustache::data::type::bool_true);
    data.set("tags", tags);
    if (withBody)
        data.set("bodyHtml", text(SiteRenderer::bodyHtml(blog, post)));
    return data;
}

mustache::data postList(const SiteBlog &blog, const QList<SitePost> &posts, bool withBody)
{
    mustache::data list{mustache::data::type::list};
    for (const SitePost &post : posts)
        list.push_back(postData(blog, post, withBody));
    return list;
}

// pageUrl(n) is the URL of page n of the same listing.
template<typename PageUrl>
mustache::data paginationData(int page, int pageCount, const PageUrl &pageUrl)
{
    mustache::data data;
    data.set("page", std::to_string(page));
    data.set("pageCount", std::to_string(pageCount));
    if (page > 1)
        data.set("newerUrl", text(pageUrl(page - 1)));
    if (page < pageCount)
        data.set("olderUrl", text(pageUrl(page + 1)));
    return data;
}

RenderedPage htmlPage(std::string html)
{
    return {QByteArray::fromStdString(html), QByteArrayLiteral("text/html; charset=utf-8")};
}

} // namespace

struct SiteRenderer::Templates
{
    std::map<std::string, std::string> sources;
    QByteArray stylesheet;

    // Renders template name with data, partials resolved from the same set.
    std::string render(const std::string &name, mustache::data data) const
    {
        for (const char *partialName : partialNames) {
            const std::string partialSource = sources.at(partialName);
            data.set(partialName, mustache::partial([partialSource] { return partialSource; }));
        }
        const auto found = sources.find(name);
        mustache::mustache tmpl(found == sources.end() ? std::string() : found->second);
        if (!tmpl.is_valid()) {
            qCWarning(lcPublish) << "template" << name.c_str() << tmpl.error_message().c_str();
            return {};
        }
        return tmpl.render(data);
    }

    RenderedPage page(const SiteBlog &blog, const QString &title, const std::string &name,
                      const mustache::data &data) const
    {
        mustache::data layout;
        layout.set("blog", blogData(blog));
        layout.set("pageTitle", text(title));
        setIfPresent(layout, "description", blog.description);
        layout.set("language", "en");
        layout.set("stylesheetUrl", text(SiteUrls::stylesheet(blog)));
        layout.set("feedUrl", text(SiteUrls::feed(blog)));
        layout.set("content", render(name, data));
        return htmlPage(render("layout", layout));
    }
};

SiteRenderer::SiteRenderer(const QStringList &siteDirs)
{
    const QStringList dirs = siteDirs + QStringList{embeddedSiteDir};
    auto templates = std::make_unique<Templates>();
    for (const char *name : templateNames) {
        const QString path = QStringLiteral("templates/") + QLatin1StringView(name)
                + QStringLiteral(".mustache");
        templates->sources[name] = readFirst(dirs, path).toStdString();
    }
    templates->stylesheet = readFirst(dirs, QStringLiteral("static/style.css"));
    m_templates = std::move(templates);
}

SiteRenderer::~SiteRenderer() = default;
SiteRenderer::SiteRenderer(SiteRenderer &&) noexcept = default;
SiteRenderer &SiteRenderer::operator=(SiteRenderer &&) noexcept = default;

QString SiteRenderer::packagedSiteDir()
{
    return QStringLiteral(INKWELL_SITE_DIR);
}

QStringList SiteRenderer::standardSiteDirs(const QString &operatorDir)
{
    QStringList dirs;
    if (!operatorDir.isEmpty())
        dirs << operatorDir;
    dirs << packagedSiteDir();
    return dirs;
}

RenderedPage SiteRenderer::renderIndex(const SiteBlog &blog, const QList<SitePost> &posts, int page,
                                       int pageCount) const
{
    mustache::data data;
    data.set("posts", postList(blog, posts, true));
    data.set("pages", paginationData(page, std::max(pageCount, 1), [&blog](int n) {
                 return SiteUrls::index(blog, n);
             }));
    const QString title =
            page > 1 ? blog.name + QStringLiteral(" – page ") + QString::number(page) : blog.name;
    return m_templates->page(blog, title, "index", data);
}

RenderedPage SiteRenderer::renderPost(const SiteBlog &blog, const SitePost &post) const
{
    mustache::data data;
    data.set("post", postData(blog, post, true));
    return m_templates->page(blog, post.title + QStringLiteral(" – ") + blog.name, "post", data);
}

RenderedPage SiteRenderer::renderTag(const SiteBlog &blog, const QString &tag,
                                     const QList<SitePost> &posts, int page, int pageCount) const
{
    mustache::data data;
    data.set("tag", text(tag));
    data.set("posts", postList(blog, posts, false));
    data.set("pages", paginationData(page, std::max(pageCount, 1), [&](int n) {
                 return SiteUrls::tag(blog, tag, n);
             }));
    return m_templates->page(blog, tag + QStringLiteral(" – ") + blog.name, "tag", data);
}

RenderedPage SiteRenderer::renderFeed(const SiteBlog &blog, const QList<SitePost> &latest) const
{
    const QByteArray feed = AtomFeed::write(
            blog, latest, [&blog](const SitePost &post) { return bodyHtml(blog, post); });
    return {feed, QByteArrayLiteral("application/atom+xml; charset=utf-8")};
}

RenderedPage SiteRenderer::renderNotFound(const SiteBlog &blog) const
{
    mustache::data data;
    data.set("blog", blogData(blog));
    return m_templates->page(blog, QStringLiteral("Not found – ") + blog.name, "notfound", data);
}

RenderedPage SiteRenderer::stylesheet() const
{
    return {m_templates->stylesheet, QByteArrayLiteral("text/css; charset=utf-8")};
}

QString SiteRenderer::bodyHtml(const SiteBlog &blog, const SitePost &post)
{
    return MarkdownRenderer::toHtml(
            post.bodyMarkdown, [&blog](const QString &sha) { return SiteUrls::media(blog, sha); });
}

} // namespace inkwell::publish
