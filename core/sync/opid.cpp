#include "sync/opid.h"

#include "model/post.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace inkwell::sync {

QString opIdFor(const model::Post &post)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(post.guid.toUtf8());
    const QByteArray version = QByteArray::number(post.editCounter) + '|'
            + QByteArray::number(post.rev) + '|' + (post.deleted ? "d" : "l") + '|';
    hash.addData(version);
    hash.addData(QJsonDocument(post.fields.toJson()).toJson(QJsonDocument::Compact));
    // 40 hex digits: far from collisions, well within the protocol's 64-character limit.
    return QStringLiteral("op-") + QString::fromLatin1(hash.result().toHex().left(40));
}

} // namespace inkwell::sync
