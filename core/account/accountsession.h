#pragma once

#include "protocol/blogs.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

namespace inkwell::account {

// An account after a successful sign-in. The token is a secret: never log or show it.
struct AccountSession
{
    QUrl server;
    QString user;
    QString token;
    QDateTime expiresAt; // UTC, as the server said; invalid when unknown
    QList<protocol::BlogSummary> blogs; // the blogs the account belongs to, in the server's order

    friend bool operator==(const AccountSession &, const AccountSession &) = default;
};

} // namespace inkwell::account
