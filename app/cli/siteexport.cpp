#include "siteexport.h"

#include "model/post.h"
#include "publish/siterenderer.h"
#include "publish/siteurls.h"
#include "publish/slug.h"
#include "store/attachmentrepository.h"
#include "store/localstore.h"
#include "store/postrepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSet>

#include <algorithm>

namespace inkwell::cli {

namespace {

using publish::SitePost;
using publish::SiteRoute;
using publish::SiteUrls;

Error fileError(const QString &path, const QString &why)
{
    return Error{ErrorCode::Internal, path + QStringLiteral(": ") + why};
}

Result<void> writeFile(const QString &root, const QString &relative, const QByteArray &data)
{
    const QString path = QDir(root).filePath(relative);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fileError(path, QStringLiteral("cannot create the folder"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return fileError(path, file.errorString());
    return {};
}

// Index and tag pages: page i (1-based) of posts, newest first.
QList<SitePost> pageOf(const QList<SitePost> &posts, int page)
{
    return posts.mid((page - 1) * publish::postsPerPage, publish::postsPerPage);
}

int pageCount(const QList<SitePost> &posts)
{
    return std::max(1, int((posts.size() + publish::postsPerPage - 1) / publish::postsPerPage));
}

// Whether directory holds nothing, or only what an export left.
bool isEmptyOrExport(const QDir &directory)
{
    const QStringList entries =
            directory.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    return entries.isEmpty() || entries.contains(QLatin1String(SiteExport::MarkerFile));
}

} // namespace

SiteExport::SiteExport(store::LocalStore &store, publish::SiteBlog blog, QString blogKey,
                       QStringList siteDirs)
    : m_store(store), m_blog(std::move(blog)), m_blogKey(std::move(blogKey)),
      m_siteDirs(std::move(siteDirs))
{ }

Result<QList<SitePost>> SiteExport::collectPosts()
{
    QList<model::Post> published;
    store::PostQuery query;
    query.filter = store::PostFilter::Published; // never drafts, never tombstones
    query.blog = m_blogKey;
    query.limit = 1000;
    for (;;) {
        auto page = m_store.posts().page(query);
        if (!page)
            return page.error();
        published.append(*page);
        if (page->size() < query.limit)
            break;
        query.after = store::PageKey::of(page->constLast());
    }
    // Slugs in the order of first publication as far as known here: creation.
    std::sort(published.begin(), published.end(), [](const model::Post &a, const model::Post &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.guid < b.guid;
    });
    QSet<QString> taken;
    QList<SitePost> posts;
    for (const model::Post &post : std::as_const(published)) {
        SitePost site;
        site.guid = post.guid;
        site.slug = publish::Slug::unique(
                publish::Slug::fromTitle(post.fields.title),
                [&taken](const QString &slug) { return taken.contains(slug); });
        taken.insert(site.slug);
        site.title = post.fields.title;
        site.bodyMarkdown = post.fields.body;
        site.tags = post.fields.tags;
        site.author = post.createdBy.isEmpty() ? post.modifiedBy : post.createdBy;
        site.published = post.createdAt.toUTC();
        site.modified = post.modifiedAt.toUTC();
        site.coverSha256 = post.fields.cover;
        const QStringList hashes = post.fields.attachmentHashes();
        for (const QString &hash : hashes) {
            auto metadata = m_store.attachments().metadata(hash);
            site.attachments.append(
                    {hash,
                     metadata ? metadata->mimeType : QStringLiteral("application/octet-stream")});
        }
        posts.append(site);
    }
    // Pages list the newest first.
    std::sort(posts.begin(), posts.end(), [](const SitePost &a, const SitePost &b) {
        return a.published != b.published ? a.published > b.published : a.guid > b.guid;
    });
    return posts;
}

Result<ExportSummary> SiteExport::render(const QString &root, const QList<SitePost> &posts)
{
    const publish::SiteRenderer renderer(m_siteDirs);
    ExportSummary summary;
    summary.posts = int(posts.size());
    auto write = [&](const SiteRoute &route, const QByteArray &data) -> Result<void> {
        ++summary.files;
        return writeFile(root, SiteUrls::exportFile(route), data);
    };
    const int indexPages = pageCount(posts);
    for (int page = 1; page <= indexPages; ++page) {
        auto done = write({SiteRoute::Kind::Index, {}, {}, page},
                          renderer.renderIndex(m_blog, pageOf(posts, page), page, indexPages).body);
        if (!done)
            return done.error();
    }
    QMap<QString, QPair<QString, QList<SitePost>>> tags; // tag slug -> (first name, posts)
    QSet<QString> media;
    for (const SitePost &post : posts) {
        auto done = write({SiteRoute::Kind::Post, post.slug, {}, 1},
                          renderer.renderPost(m_blog, post).body);
        if (!done)
            return done.error();
        for (const QString &tag : post.tags) {
            auto &entry = tags[publish::Slug::fromTitle(tag)];
            if (entry.first.isEmpty())
                entry.first = tag;
            entry.second.append(post);
        }
        for (const publish::SiteAttachment &attachment : post.attachments)
            media.insert(attachment.sha256);
    }
    for (auto tag = tags.cbegin(); tag != tags.cend(); ++tag) {
        const auto &[name, tagged] = tag.value();
        const int pages = pageCount(tagged);
        for (int page = 1; page <= pages; ++page) {
            auto done =
                    write({SiteRoute::Kind::Tag, tag.key(), {}, page},
                          renderer.renderTag(m_blog, name, pageOf(tagged, page), page, pages).body);
            if (!done)
                return done.error();
        }
    }
    auto done = write({SiteRoute::Kind::Feed, {}, {}, 1},
                      renderer.renderFeed(m_blog, posts.mid(0, publish::feedEntries)).body);
    if (done)
        done = write({SiteRoute::Kind::Stylesheet, {}, {}, 1}, renderer.stylesheet().body);
    if (done) {
        // Static hosts commonly show 404.html for a missing file.
        ++summary.files;
        done = writeFile(root, QStringLiteral("404.html"), renderer.renderNotFound(m_blog).body);
    }
    if (!done)
        return done.error();
    QStringList hashes = media.values();
    hashes.sort();
    for (const QString &hash : std::as_const(hashes)) {
        auto attachment = m_store.attachments().attachment(hash);
        if (!attachment || attachment->data.isEmpty()) {
            summary.missingMedia.append(hash);
            continue;
        }
        if (auto written = write({SiteRoute::Kind::Media, {}, hash, 1}, attachment->data); !written)
            return written.error();
    }
    if (auto marked = writeFile(root, QLatin1String(MarkerFile), QByteArray()); !marked)
        return marked.error();
    return summary;
}

Result<ExportSummary> SiteExport::write(const QString &directory)
{
    QDir target(directory);
    if (target.exists() && !isEmptyOrExport(target)) {
        return Error{ErrorCode::InvalidArgument,
                     directory
                             + QStringLiteral(": not empty and not an earlier export; choose an "
                                              "empty folder")};
    }
    if (!QDir().mkpath(directory))
        return fileError(directory, QStringLiteral("cannot create the folder"));
    QDir temporary(target.filePath(QLatin1String(TemporaryDir)));
    if (temporary.exists() && !temporary.removeRecursively())
        return fileError(temporary.path(), QStringLiteral("cannot remove an unfinished export"));
    auto posts = collectPosts();
    if (!posts)
        return posts.error();
    auto summary = render(temporary.path(), *posts);
    if (!summary) {
        temporary.removeRecursively();
        return summary.error();
    }
    // The new export is complete: only now does the previous one go.
    const QStringList old =
            target.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : old) {
        if (name == QLatin1String(TemporaryDir))
            continue;
        const QString path = target.filePath(name);
        const bool removed =
                QFileInfo(path).isDir() ? QDir(path).removeRecursively() : QFile::remove(path);
        if (!removed)
            return fileError(path, QStringLiteral("cannot remove the earlier export"));
    }
    const QStringList fresh =
            temporary.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : fresh) {
        if (!QDir().rename(temporary.filePath(name), target.filePath(name)))
            return fileError(target.filePath(name), QStringLiteral("cannot move into place"));
    }
    temporary.removeRecursively();
    return summary;
}

} // namespace inkwell::cli
