#include "net/credentialstore.h"

namespace inkwell::net {

QString CredentialStore::accountKey(const QUrl &server, const QString &user)
{
    const QString url =
            server.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments
                            | QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment)
                    .toString();
    return url + u'|' + user;
}

} // namespace inkwell::net
