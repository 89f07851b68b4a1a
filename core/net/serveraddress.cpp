#include "net/serveraddress.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace inkwell::net {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell::net", text);
}

Error invalid(const QString &message)
{
    return {ErrorCode::InvalidArgument, message};
}

// "host", "host:port", "[::1]:8080" and a bare IPv6 address get https://; a text that names a
// scheme ("ftp:", "mailto:", "http://") keeps it. In "host:8080" and "example.org:x" the part
// before the colon is a host (a port follows, or a dot rules out a scheme).
QString withScheme(const QString &text)
{
    QHostAddress address;
    if (address.setAddress(text) && address.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("https://[") + text + u']';
    static const QRegularExpression scheme(
            QStringLiteral("^[A-Za-z][A-Za-z0-9+.\\-]*://|^[A-Za-z][A-Za-z0-9+\\-]*:(?!\\d)"));
    if (scheme.match(text).hasMatch())
        return text;
    return QStringLiteral("https://") + text;
}

// The server's API lives under <base>/api/v1; an address that already names it is a pasted
// endpoint, not the server's address.
bool hasApiPath(const QUrl &url)
{
    return url.path().split(u'/', Qt::SkipEmptyParts).contains(u"api", Qt::CaseInsensitive);
}

} // namespace

Result<QUrl> parseServerAddress(const QString &text, PlainHttp plainHttp)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return invalid(tr("Enter the server's address, for example blog.example.org."));
    // The text itself is not repeated in messages: it might carry a password.
    const QUrl url(withScheme(trimmed), QUrl::StrictMode);
    if (!url.isValid())
        return invalid(tr("This is not a valid server address."));
    const QString scheme = url.scheme().toLower();
    if (scheme != u"https" && scheme != u"http") {
        return invalid(tr("The server address must start with https:// (or http://), not %1:.")
                               .arg(url.scheme()));
    }
    if (!url.userInfo().isEmpty() || url.authority().contains(u'@')) {
        return invalid(tr("The server address must not contain a user name or password; give "
                          "them separately."));
    }
    if (url.host().isEmpty())
        return invalid(tr("The server address has no host name."));
    if (url.hasQuery() || url.hasFragment())
        return invalid(tr("The server address must not contain a query (?) or fragment (#)."));
    if (hasApiPath(url)) {
        return invalid(tr("Enter the server's address without the API path (/api/…), for "
                          "example https://blog.example.org."));
    }
    if (plainHttp == PlainHttp::LoopbackOnly && isUnencryptedRemote(url)) {
        return invalid(tr("http:// would send your password and posts unencrypted to %1. Use "
                          "https://, or allow unencrypted connections on a network you trust.")
                               .arg(url.host()));
    }
    return url;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

bool isUnencryptedRemote(const QUrl &url)
{
    return url.scheme().compare(u"http", Qt::CaseInsensitive) == 0 && !isLoopbackHost(url.host());
}

QString unencryptedWarning(const QUrl &url)
{
    if (!isUnencryptedRemote(url))
        return {};
    return tr("Unencrypted connection: your password, session token and posts travel in clear to "
              "%1, readable by anyone on the network in between.")
            .arg(url.host());
}

} // namespace inkwell::net
