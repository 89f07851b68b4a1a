#pragma once

#include <QByteArray>
#include <QString>

namespace inkwell::server::auth {

// The authenticated caller of a request.
struct Principal
{
    qint64 accountId = 0;
    QString accountName;
    QByteArray tokenHash; // the SHA-256 of the token used, for logout
};

} // namespace inkwell::server::auth
