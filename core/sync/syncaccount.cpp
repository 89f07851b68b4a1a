#include "sync/syncaccount.h"

namespace inkwell::sync {

QString SyncAccount::serverKey() const
{
    QString key = server.toString(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
    return key;
}

QUrl SyncAccount::endpoint(const QString &path) const
{
    QUrl url = server;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

QUrl SyncAccount::blogEndpoint(qint64 blog, const QString &rest) const
{
    return endpoint(QStringLiteral("/api/v1/blogs/") + QString::number(blog) + rest);
}

} // namespace inkwell::sync
