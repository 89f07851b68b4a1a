#pragma once

#include <QByteArray>
#include <QString>

namespace inkwell::server {

// Where a request target leads: the endpoint and its path parameters. Unknown paths give
// Endpoint::None (404); a known path with another method gives methodAllowed == false (405).
struct Route
{
    enum class Endpoint {
        None,
        Healthz,
        Capabilities,
        Session,
        Blogs,
        Sync,
        Blob,
        MissingBlobs,
        Live,
        Presence,
        Revisions,
        Revision,
        Site, // the public site: /b/{blog-slug}/... (anonymous)
        PostPage, // posts/{guid}/page: where a post is on the public site
    };

    Endpoint endpoint = Endpoint::None;
    qint64 blogId = 0;
    QString sha256;
    QString guid; // posts/{guid}/...
    qint64 rev = 0; // posts/{guid}/revisions/{rev}
    QString siteBlog; // Site: the blog's slug
    QString sitePath; // Site: the path after /b/{blog-slug}, e.g. "/" or "/my-post/"
    bool methodAllowed = false;
    QByteArray allow; // the methods the path accepts, for 405's Allow header

    // Parses "/api/v1/..." and "/b/..." (a query string is ignored) together with the method.
    static Route match(const QByteArray &method, const QByteArray &target);
};

} // namespace inkwell::server
