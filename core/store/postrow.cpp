#include "store/postrow.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace inkwell::store::postrow {

namespace {

enum Column {
    Guid,
    Blog,
    Title,
    Body,
    Tags,
    State,
    Cover,
    CreatedAt,
    ModifiedAt,
    Rev,
    Deleted,
    SyncStatusColumn,
    Base,
    Theirs,
    EditCounter,
    CreatedBy,
    ModifiedBy,
    LastError,
};

QJsonObject objectFrom(const QVariant &json)
{
    return QJsonDocument::fromJson(json.toString().toUtf8()).object();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

QString columns()
{
    return QStringLiteral("p.guid, p.blog, p.title, p.body, p.tags, p.state, p.cover, "
                          "p.created_at, p.modified_at, p.rev, p.deleted, p.sync_status, p.base, "
                          "p.theirs, p.edit_counter, p.created_by, p.modified_by, p.last_error");
}

model::Post readPost(const QSqlQuery &query)
{
    model::Post post;
    post.guid = query.value(Guid).toString();
    post.blog = query.value(Blog).toString();
    post.fields.title = query.value(Title).toString();
    post.fields.body = query.value(Body).toString();
    const QJsonArray tags = QJsonDocument::fromJson(query.value(Tags).toString().toUtf8()).array();
    for (const QJsonValue &tag : tags)
        post.fields.tags.append(tag.toString());
    model::parsePublishState(query.value(State).toString(), &post.fields.state);
    post.fields.cover = query.value(Cover).toString();
    post.createdAt = fromStoredTime(query.value(CreatedAt).toLongLong());
    post.modifiedAt = fromStoredTime(query.value(ModifiedAt).toLongLong());
    post.rev = query.value(Rev).toLongLong();
    post.deleted = query.value(Deleted).toInt() != 0;
    model::parseSyncStatus(query.value(SyncStatusColumn).toString(), &post.syncStatus);
    if (!query.value(Base).isNull())
        post.base = model::PostFields::fromJson(objectFrom(query.value(Base)));
    post.theirs = revisionFromJson(query.value(Theirs));
    post.editCounter = query.value(EditCounter).toLongLong();
    post.createdBy = query.value(CreatedBy).toString();
    post.modifiedBy = query.value(ModifiedBy).toString();
    post.lastError = query.value(LastError).toString();
    return post;
}

QString tagsJson(const QStringList &tags)
{
    return QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

QVariant fieldsJson(const std::optional<model::PostFields> &fields)
{
    if (!fields)
        return QVariant(); // SQL NULL
    return compact(fields->toJson());
}

QVariant revisionJson(const std::optional<model::Revision> &revision)
{
    if (!revision)
        return QVariant(); // SQL NULL
    return compact(QJsonObject{
            {QStringLiteral("guid"), revision->guid},
            {QStringLiteral("rev"), revision->rev},
            {QStringLiteral("deleted"), revision->deleted},
            {QStringLiteral("fields"), revision->fields.toJson()},
            {QStringLiteral("created_by"), revision->createdBy},
            {QStringLiteral("modified_by"), revision->modifiedBy},
            {QStringLiteral("modified_at"),
             revision->modifiedAt.isValid() ? QJsonValue(toStoredTime(revision->modifiedAt))
                                            : QJsonValue()},
    });
}

std::optional<model::Revision> revisionFromJson(const QVariant &json)
{
    if (json.isNull())
        return std::nullopt;
    const QJsonObject object = objectFrom(json);
    model::Revision revision;
    revision.guid = object.value(QLatin1String("guid")).toString();
    revision.rev = object.value(QLatin1String("rev")).toInteger();
    revision.deleted = object.value(QLatin1String("deleted")).toBool();
    revision.fields = model::PostFields::fromJson(object.value(QLatin1String("fields")).toObject());
    revision.createdBy = object.value(QLatin1String("created_by")).toString();
    revision.modifiedBy = object.value(QLatin1String("modified_by")).toString();
    const QJsonValue modifiedAt = object.value(QLatin1String("modified_at"));
    if (!modifiedAt.isNull() && !modifiedAt.isUndefined())
        revision.modifiedAt = fromStoredTime(modifiedAt.toInteger());
    return revision;
}

qint64 toStoredTime(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QDateTime fromStoredTime(qint64 milliseconds)
{
    return QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
}

QDateTime now()
{
    return fromStoredTime(QDateTime::currentMSecsSinceEpoch());
}

} // namespace inkwell::store::postrow
