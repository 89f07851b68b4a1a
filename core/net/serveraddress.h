#pragma once

#include "model/result.h"

#include <QString>
#include <QUrl>

namespace inkwell::net {

// Whether a server address may use unencrypted http:// to a host other than this computer.
enum class PlainHttp { LoopbackOnly, Allowed };

// The base URL of an Inkwell server from what a writer typed or passed on a command line; the one
// rule every front end uses. "host", "host:port" and "[v6]:port" mean https://. http:// is taken
// for a loopback host (localhost, 127.0.0.0/8, ::1) and for others only with PlainHttp::Allowed.
// Other schemes, a user name or password in the URL, no host, a query or fragment, or an API path
// (/api/...) fail with ErrorCode::InvalidArgument and a translated sentence saying why.
Result<QUrl> parseServerAddress(const QString &text, PlainHttp plainHttp);

// Whether host names this computer: "localhost", an address in 127.0.0.0/8, or ::1.
bool isLoopbackHost(const QString &host);

// Whether requests to url leave this computer unencrypted: http:// to a host that is not loopback.
bool isUnencryptedRemote(const QUrl &url);

// The translated warning to show while url is unencrypted beyond this computer; empty otherwise.
QString unencryptedWarning(const QUrl &url);

} // namespace inkwell::net
