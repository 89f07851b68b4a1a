#include "protocol/validation.h"

#include "model/post.h"

namespace inkwell::protocol {

bool isValidGuid(const QString &guid)
{
    return model::isValidGuid(guid);
}

namespace {

bool isLowerHex(const QString &text, qsizetype digits)
{
    if (text.size() != digits)
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return false;
    }
    return true;
}

} // namespace

bool isValidSha256(const QString &hash)
{
    return isLowerHex(hash, 64);
}

bool isValidEpoch(const QString &epoch)
{
    return isLowerHex(epoch, 32);
}

bool isValidOpId(const QString &opId, int maxLength)
{
    if (opId.isEmpty() || opId.size() > maxLength)
        return false;
    for (const QChar c : opId) {
        const char16_t u = c.unicode();
        const bool allowed = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z')
                || (u >= u'A' && u <= u'Z') || u == u'.' || u == u'_' || u == u':' || u == u'-';
        if (!allowed)
            return false;
    }
    return true;
}

std::optional<qint64> parseCursor(const QString &cursor)
{
    if (cursor.isEmpty())
        return qint64(0);
    // At most 15 digits keeps every cursor exactly representable as a JSON number too.
    if (cursor.size() > 15)
        return std::nullopt;
    qint64 value = 0;
    for (const QChar c : cursor) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        value = value * 10 + (c.unicode() - u'0');
    }
    return value;
}

QString cursorForRevision(qint64 rev)
{
    return QString::number(rev);
}

Result<void> validateFields(const model::PostFields &fields, const Limits &limits)
{
    if (fields.title.size() > limits.maxTitleLength)
        return Error{ErrorCode::TooLarge,
                     QStringLiteral("title: longer than %1 characters").arg(limits.maxTitleLength)};
    if (fields.body.size() > limits.maxBodyLength)
        return Error{ErrorCode::TooLarge,
                     QStringLiteral("body: longer than %1 characters").arg(limits.maxBodyLength)};
    if (fields.tags.size() > limits.maxTags)
        return Error{ErrorCode::TooLarge,
                     QStringLiteral("tags: more than %1 tags").arg(limits.maxTags)};
    for (qsizetype i = 0; i < fields.tags.size(); ++i) {
        const QString &tag = fields.tags.at(i);
        const QString path = QStringLiteral("tags[%1]").arg(i);
        if (tag.isEmpty())
            return Error{ErrorCode::InvalidArgument, path + QStringLiteral(": empty tag")};
        if (tag.size() > limits.maxTagLength)
            return Error{
                    ErrorCode::TooLarge,
                    path + QStringLiteral(": longer than %1 characters").arg(limits.maxTagLength)};
        if (fields.tags.indexOf(tag) != i)
            return Error{ErrorCode::InvalidArgument, path + QStringLiteral(": duplicate tag")};
    }
    if (!fields.cover.isEmpty() && !isValidSha256(fields.cover))
        return Error{ErrorCode::InvalidArgument, QStringLiteral("cover: not a lower-case SHA-256")};
    return {};
}

} // namespace inkwell::protocol
