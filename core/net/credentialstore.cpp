#include "net/credentialstore.h"

namespace inkwell::net {

QString CredentialStore::accountKey(const QUrl &server, const QString &user)
{
    QUrl normalized =
            server.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments
                            | QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (normalized.path() == QLatin1String("/"))
        normalized.setPath(QString());
    return normalized.toString() + u'|' + user;
}

} // namespace inkwell::net
