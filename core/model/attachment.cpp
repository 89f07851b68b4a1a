#include "model/attachment.h"

#include <QCryptographicHash>

namespace inkwell::model {

QString Attachment::hashOf(const QByteArray &bytes)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
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
