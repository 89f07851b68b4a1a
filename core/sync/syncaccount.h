#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace inkwell::sync {

// Who syncs with which server: the server's base URL, the session token and the blogs to sync.
// The token is a secret: never log it.
struct SyncAccount
{
    QUrl server; // e.g. http://127.0.0.1:8080 (API paths are appended)
    QString token;
    QList<qint64> blogs;

    bool isValid() const { return server.isValid() && !server.isEmpty() && !token.isEmpty(); }
    // The key the pull cursor is stored under: the server URL without a trailing slash.
    QString serverKey() const;
    // server + path, e.g. endpoint(u"/api/v1/blogs").
    QUrl endpoint(const QString &path) const;
    QUrl blogEndpoint(qint64 blog, const QString &rest) const;
};

} // namespace inkwell::sync
