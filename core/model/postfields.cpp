#include "model/postfields.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace inkwell::model {

QJsonObject PostFields::toJson() const
{
    return QJsonObject{
            {QStringLiteral("title"), title},
            {QStringLiteral("body"), body},
            {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
            {QStringLiteral("status"), publishStateName(state)},
            {QStringLiteral("cover"), cover},
    };
}

PostFields PostFields::fromJson(const QJsonObject &object)
{
    PostFields fields;
    fields.title = object.value(QLatin1String("title")).toString();
    fields.body = object.value(QLatin1String("body")).toString();
    const QJsonArray tags = object.value(QLatin1String("tags")).toArray();
    for (const QJsonValue &tag : tags)
        fields.tags.append(tag.toString());
    parsePublishState(object.value(QLatin1String("status")).toString(), &fields.state);
    fields.cover = object.value(QLatin1String("cover")).toString();
    return fields;
}

QStringList PostFields::attachmentHashes() const
{
    static const QRegularExpression reference(QStringLiteral("attachment:([0-9a-f]{64})"));
    QStringList hashes;
    if (!cover.isEmpty())
        hashes.append(cover);
    if (!body.contains(u"attachment:")) // most bodies: a plain search, no pattern to run
        return hashes;
    for (auto it = reference.globalMatch(body); it.hasNext();) {
        const QString hash = it.next().captured(1);
        if (!hashes.contains(hash))
            hashes.append(hash);
    }
    return hashes;
}

QString publishStateName(PublishState state)
{
    return state == PublishState::Published ? QStringLiteral("published") : QStringLiteral("draft");
}

bool parsePublishState(const QString &name, PublishState *state)
{
    if (name == QLatin1String("draft")) {
        *state = PublishState::Draft;
        return true;
    }
    if (name == QLatin1String("published")) {
        *state = PublishState::Published;
        return true;
    }
    return false;
}

} // namespace inkwell::model
