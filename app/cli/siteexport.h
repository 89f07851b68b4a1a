#pragma once

#include "model/result.h"
#include "publish/sitedata.h"

#include <QString>
#include <QStringList>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::cli {

// What an export wrote.
struct ExportSummary
{
    int posts = 0;
    int files = 0;
    QStringList missingMedia; // attachments not in the local store (not downloaded yet)
};

// The public site of one blog as static files, from the local store: the pages the server
// serves (publish::SiteRenderer, publish::SiteUrls) for the posts published here, with their
// images from the local attachment store. Drafts and deleted posts are never written.
//
// Slugs follow publish::Slug in the order the posts were created (the local store does not know
// when a post was first published), so they can differ from the server's: e.g. for a post
// retitled before its first sync, or one published long after it was written.
class SiteExport final
{
public:
    // The file that marks a directory as an export (so a later export may replace it).
    static constexpr auto MarkerFile = ".inkwell-export";
    // The export is written here first, then moved into place.
    static constexpr auto TemporaryDir = ".inkwell-export-tmp";

    // blogKey: the posts' blog as the store keeps it ("" = local-only posts). siteDirs: template
    // override directories, as for publish::SiteRenderer.
    SiteExport(store::LocalStore &store, publish::SiteBlog blog, QString blogKey,
               QStringList siteDirs = {});

    // Writes the site into directory: a missing or empty directory, or a previous export (which
    // is replaced only once the new one is complete). Anything else is refused (InvalidArgument).
    Result<ExportSummary> write(const QString &directory);

private:
    Result<QList<publish::SitePost>> collectPosts();
    Result<ExportSummary> render(const QString &root, const QList<publish::SitePost> &posts);

    store::LocalStore &m_store;
    publish::SiteBlog m_blog;
    QString m_blogKey;
    QStringList m_siteDirs;
};

} // namespace inkwell::cli
