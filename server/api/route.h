#pragma once

#include <QByteArray>
#include <QString>

namespace inkwell::server {

// Where a request target leads: the endpoint and its path parameters. Unknown paths give
// Endpoint::None (404); a known path with another method gives methodAllowed == false (405).
struct Route
{
    enum class Endpoint { None, Healthz, Session, Blogs, Sync, Blob, MissingBlobs };

    Endpoint endpoint = Endpoint::None;
    qint64 blogId = 0;
    QString sha256;
    bool methodAllowed = false;
    QByteArray allow; // the methods the path accepts, for 405's Allow header

    // Parses "/api/v1/..." (a query string is ignored) together with the method.
    static Route match(const QByteArray &method, const QByteArray &target);
};

} // namespace inkwell::server
