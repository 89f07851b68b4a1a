#include "server/auth/tokens.h"

#include <sodium.h>

namespace inkwell::server::auth {

namespace {
constexpr int tokenBytes = 32;
constexpr int encodedLength = 43; // base64url of 32 bytes without padding
} // namespace

QByteArray newToken()
{
    if (sodium_init() < 0)
        qFatal("libsodium could not be initialised");
    QByteArray raw(tokenBytes, '\0');
    randombytes_buf(raw.data(), size_t(raw.size()));
    const QByteArray token =
            raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(raw.data(), size_t(raw.size()));
    return token;
}

QByteArray tokenHash(const QByteArray &token)
{
    QByteArray digest(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256(reinterpret_cast<unsigned char *>(digest.data()),
                       reinterpret_cast<const unsigned char *>(token.constData()),
                       quint64(token.size()));
    return digest;
}

bool isWellFormedToken(const QByteArray &token)
{
    if (token.size() != encodedLength)
        return false;
    for (const char c : token) {
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!allowed)
            return false;
    }
    return true;
}

} // namespace inkwell::server::auth
