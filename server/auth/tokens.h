#pragma once

#include <QByteArray>

namespace inkwell::server::auth {

// A new bearer token: 32 random bytes (libsodium randombytes_buf), base64url without padding.
QByteArray newToken();
// The SHA-256 of a token as stored by the server (raw 32 bytes). Tokens are never stored.
QByteArray tokenHash(const QByteArray &token);
// True for something shaped like newToken()'s output (43 base64url characters).
bool isWellFormedToken(const QByteArray &token);

} // namespace inkwell::server::auth
