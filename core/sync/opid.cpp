#include "sync/opid.h"

#include "model/attachment.h"
#include "model/post.h"
#include "protocol/codec.h"

namespace inkwell::sync {

QString opIdFor(const model::Post &post)
{
    return opIdFor(post, protocol::encode(post.fields));
}

QString opIdFor(const model::Post &post, const QByteArray &encodedFields)
{
    const QByteArray version = post.guid.toUtf8() + QByteArray::number(post.editCounter) + '|'
            + QByteArray::number(post.rev) + '|' + (post.deleted ? "d" : "l") + '|'
            + encodedFields; // QJsonDocument's text of fields.toJson()
    // The SHA-256 attachments use (OpenSSL's, much faster than Qt's on every push); 40 hex
    // digits: far from collisions, well within the protocol's 64-character limit.
    return QStringLiteral("op-") + model::Attachment::hashOf(version).left(40);
}

} // namespace inkwell::sync
