#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace inkwell::server {

// A complete HTTP request as the HTTP front hands it to the API, independent of the socket
// library. Header names are lower-case. The front has already enforced size limits.
struct HttpRequest
{
    QByteArray method; // "GET", "POST", ...
    QByteArray target; // path and query, e.g. "/api/v1/blogs/3/sync"
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QString peerAddress; // client address, for throttling and logs

    QByteArray header(const QByteArray &lowerCaseName) const
    {
        for (const auto &h : headers) {
            if (h.first == lowerCaseName)
                return h.second;
        }
        return {};
    }
};

// A complete HTTP response; the front sends it in one write.
struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, e.g. Retry-After
    QByteArray body;
};

} // namespace inkwell::server
