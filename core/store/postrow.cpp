#include "store/postrow.h"

#include "store/threadconnection.h"

#include "model/jsonparse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
    BaseIsFields,
};

// The object in a JSON column; empty when there is none.
QJsonObject parsedObject(QByteArrayView json)
{
    return model::parseJsonObject(json).value_or(QJsonObject());
}

QJsonObject objectFrom(const QVariant &json)
{
    return parsedObject(json.toString().toUtf8());
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

QString columns()
{
    return QStringLiteral("p.guid, p.blog, p.title, p.body, p.tags, p.state, p.cover, "
                          "p.created_at, p.modified_at, s.rev, p.deleted, s.sync_status, p.base, "
                          "p.theirs, s.edit_counter, s.created_by, s.modified_by, s.last_error, "
                          "s.base_is_fields");
}

QString tables()
{
    return QStringLiteral("posts p JOIN post_sync s ON s.id = p.id");
}

model::Post readPost(const Statement &row, BaseFields base)
{
    model::Post post;
    post.guid = row.text(Guid);
    post.blog = row.text(Blog);
    post.fields.title = row.text(Title);
    post.fields.body = row.text(Body);
    const QJsonArray tags = QJsonDocument::fromJson(row.blob(Tags)).array();
    for (const QJsonValue &tag : tags)
        post.fields.tags.append(tag.toString());
    model::parsePublishState(row.text(State), &post.fields.state);
    post.fields.cover = row.text(Cover);
    post.createdAt = fromStoredTime(row.integer(CreatedAt));
    post.modifiedAt = fromStoredTime(row.integer(ModifiedAt));
    post.rev = row.integer(Rev);
    post.deleted = row.integer(Deleted) != 0;
    model::parseSyncStatus(row.text(SyncStatusColumn), &post.syncStatus);
    const bool withBase = base == BaseFields::All || post.deleted;
    if (withBase && row.integer(BaseIsFields) != 0)
        post.base = post.fields; // see baseIsOwnFields()
    else if (withBase && !row.isNull(Base))
        post.base = model::PostFields::fromJsonText(row.blob(Base)).value_or(model::PostFields());
    const QVariant theirs = row.value(Theirs);
    StoredTheirs stored = theirsFromJson(theirs);
    post.theirs = std::move(stored.theirs);
    post.agreed = std::move(stored.agreed);
    post.editCounter = row.integer(EditCounter);
    post.createdBy = row.text(CreatedBy);
    post.modifiedBy = row.text(ModifiedBy);
    post.lastError = row.text(LastError);
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

bool baseIsOwnFields(const model::Post &post)
{
    return post.rev > 0 && post.base && *post.base == post.fields;
}

QVariant storedBase(const model::Post &post)
{
    return baseIsOwnFields(post) ? QVariant() : fieldsJson(post.base);
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

StoredTheirs theirsFromJson(const QVariant &json)
{
    if (json.isNull())
        return {};
    const QJsonObject object = objectFrom(json);
    StoredTheirs stored;
    model::Revision &revision = stored.theirs.emplace();
    revision.guid = object.value(QLatin1String("guid")).toString();
    revision.rev = object.value(QLatin1String("rev")).toInteger();
    revision.deleted = object.value(QLatin1String("deleted")).toBool();
    revision.fields = model::PostFields::fromJson(object.value(QLatin1String("fields")).toObject());
    revision.createdBy = object.value(QLatin1String("created_by")).toString();
    revision.modifiedBy = object.value(QLatin1String("modified_by")).toString();
    const QJsonValue modifiedAt = object.value(QLatin1String("modified_at"));
    if (!modifiedAt.isNull() && !modifiedAt.isUndefined())
        revision.modifiedAt = fromStoredTime(modifiedAt.toInteger());
    const QJsonValue agreed = object.value(QLatin1String("agreed"));
    if (agreed.isObject())
        stored.agreed = model::PostFields::fromJson(agreed.toObject());
    return stored;
}

QVariant storedTheirs(const model::Post &post)
{
    if (!post.theirs || !post.agreed)
        return revisionJson(post.theirs);
    QJsonObject object = objectFrom(revisionJson(post.theirs));
    object.insert(QStringLiteral("agreed"), post.agreed->toJson());
    return compact(object);
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
