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
    };

    Endpoint endpoint = Endpoint::None;
    qint64 blogId = 0;
    QString sha256;
    QString guid; // posts/{guid}/...
    qint64 rev = 0; // posts/{guid}/revisions/{rev}
    bool methodAllowed = false;
    QByteArray allow; // the methods the path accepts, for 405's Allow header

    // Parses "/api/v1/..." (a query string is ignored) together with the method.
    static Route match(const QByteArray &method, const QByteArray &target);
};

} // namespace inkwell::server
