#include "model/attachment.h"

#include <QCryptographicHash>

#include <openssl/evp.h>

namespace inkwell::model {

// OpenSSL's SHA-256 (SHA extensions / AVX2) is about ten times faster than Qt 6.4's portable
// one; every image is hashed when added, uploaded and downloaded, so that matters for syncs.
QString Attachment::hashOf(const QByteArray &bytes)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(bytes.constData(), size_t(bytes.size()), digest, &length, EVP_sha256(), nullptr)
        != 1) {
        // Only when OpenSSL cannot run at all; the portable hash gives the same digest.
        return QString::fromLatin1(
                QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }
    return QString::fromLatin1(
            QByteArray::fromRawData(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

bool Attachment::isValidHash(const QString &hash)
{
    if (hash.size() != 64)
        return false;
    for (QChar c : hash) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

} // namespace inkwell::model
