#pragma once

#include <QDateTime>
#include <QString>

namespace inkwell::protocol {

// POST /api/v1/session body.
struct LoginRequest
{
    QString username;
    QString password;

    friend bool operator==(const LoginRequest &, const LoginRequest &) = default;
};

// POST /api/v1/session answer: a bearer token for the Authorization header and its expiry.
struct LoginResponse
{
    QString token; // base64url, no padding
    QDateTime expiresAt; // UTC

    friend bool operator==(const LoginResponse &, const LoginResponse &) = default;
};

} // namespace inkwell::protocol
