#include "protocol/codec.h"
#include "protocol/jsonreader.h"
#include "protocol/jsonwriter.h"
#include "protocol/validation.h"
#include "protocol/wireerror.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace inkwell::protocol {

namespace detail {

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonObject revisionObject(const model::Revision &revision)
{
    return QJsonObject{
            {QStringLiteral("guid"), revision.guid},
            {QStringLiteral("rev"), double(revision.rev)},
            {QStringLiteral("deleted"), revision.deleted},
            {QStringLiteral("fields"), revision.fields.toJson()},
            {QStringLiteral("created_by"), revision.createdBy},
            {QStringLiteral("modified_by"), revision.modifiedBy},
            {QStringLiteral("modified_at"), timestamp(revision.modifiedAt)},
    };
}

} // namespace detail

using detail::JsonWriter;
using detail::revisionObject;
using detail::timestamp;

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject errorObject(const Error &error)
{
    return QJsonObject{{QStringLiteral("code"), wireCode(error.code)},
                       {QStringLiteral("message"), error.message}};
}

QJsonArray revisionArray(const QList<model::Revision> &revisions)
{
    QJsonArray array;
    for (const model::Revision &revision : revisions)
        array.append(revisionObject(revision));
    return array;
}

QJsonObject changeObject(const Change &change)
{
    return QJsonObject{
            {QStringLiteral("op_id"), change.opId},
            {QStringLiteral("guid"), change.guid},
            {QStringLiteral("base_rev"), double(change.baseRev)},
            {QStringLiteral("deleted"), change.deleted},
            {QStringLiteral("fields"), change.fields.toJson()},
    };
}

QJsonObject resultObject(const ItemResult &result)
{
    QJsonObject object{
            {QStringLiteral("op_id"), result.opId},
            {QStringLiteral("guid"), result.guid},
            {QStringLiteral("status"), itemStatusName(result.status)},
            {QStringLiteral("rev"), double(result.rev)},
    };
    if (result.status == ItemStatus::Rejected)
        object.insert(QStringLiteral("error"), errorObject(result.error));
    if (result.status == ItemStatus::Applied && result.hasMetadata()) {
        object.insert(QStringLiteral("created_by"), result.createdBy);
        object.insert(QStringLiteral("modified_by"), result.modifiedBy);
        object.insert(QStringLiteral("modified_at"), timestamp(result.modifiedAt));
    }
    return object;
}

} // namespace

QString itemStatusName(ItemStatus status)
{
    switch (status) {
    case ItemStatus::Applied:
        return QStringLiteral("applied");
    case ItemStatus::Conflict:
        return QStringLiteral("conflict");
    case ItemStatus::Rejected:
        break;
    }
    return QStringLiteral("rejected");
}

QByteArray encode(const LoginRequest &request)
{
    return compact({{QStringLiteral("username"), request.username},
                    {QStringLiteral("password"), request.password}});
}

QByteArray encode(const LoginResponse &response)
{
    return compact({{QStringLiteral("token"), response.token},
                    {QStringLiteral("expires_at"), timestamp(response.expiresAt)}});
}

QByteArray encode(const BlogList &list)
{
    QJsonArray blogs;
    for (const BlogSummary &blog : list.blogs) {
        blogs.append(QJsonObject{{QStringLiteral("id"), double(blog.id)},
                                 {QStringLiteral("name"), blog.name}});
    }
    return compact({{QStringLiteral("blogs"), blogs}});
}

// The sync messages, which carry whole posts, through JsonWriter; keys in QJsonObject's order.
namespace {

void writeFields(JsonWriter &json, const model::PostFields &fields)
{
    json.beginObject();
    json.member(u"body", fields.body);
    json.member(u"cover", fields.cover);
    json.member(u"status", model::publishStateName(fields.state));
    json.key(u"tags");
    json.beginArray();
    for (const QString &tag : fields.tags)
        json.string(tag);
    json.endArray();
    json.member(u"title", fields.title);
    json.endObject();
}

void writeRevision(JsonWriter &json, const model::Revision &revision)
{
    json.beginObject();
    json.member(u"created_by", revision.createdBy);
    json.member(u"deleted", revision.deleted);
    json.key(u"fields");
    writeFields(json, revision.fields);
    json.member(u"guid", revision.guid);
    json.member(u"modified_at", timestamp(revision.modifiedAt));
    json.member(u"modified_by", revision.modifiedBy);
    json.member(u"rev", revision.rev);
    json.endObject();
}

void writeRevisions(JsonWriter &json, const QList<model::Revision> &revisions)
{
    json.beginArray();
    for (const model::Revision &revision : revisions)
        writeRevision(json, revision);
    json.endArray();
}

void writeChange(JsonWriter &json, const Change &change)
{
    json.beginObject();
    json.member(u"base_rev", change.baseRev);
    json.member(u"deleted", change.deleted);
    json.key(u"fields");
    if (change.encodedFields.isEmpty())
        writeFields(json, change.fields);
    else
        json.raw(change.encodedFields);
    json.member(u"guid", change.guid);
    json.member(u"op_id", change.opId);
    json.endObject();
}

void writeResult(JsonWriter &json, const ItemResult &result)
{
    const bool metadata = result.status == ItemStatus::Applied && result.hasMetadata();
    json.beginObject();
    if (metadata) {
        json.member(u"created_by", result.createdBy);
    }
    if (result.status == ItemStatus::Rejected) {
        json.key(u"error");
        json.beginObject();
        json.member(u"code", wireCode(result.error.code));
        json.member(u"message", result.error.message);
        json.endObject();
    }
    json.member(u"guid", result.guid);
    if (metadata) {
        json.member(u"modified_at", timestamp(result.modifiedAt));
        json.member(u"modified_by", result.modifiedBy);
    }
    json.member(u"op_id", result.opId);
    json.member(u"rev", result.rev);
    json.member(u"status", itemStatusName(result.status));
    json.endObject();
}

// Through QJsonDocument: what JsonWriter does not take (a lone surrogate in a string).
QByteArray encodeWithQt(const SyncRequest &request)
{
    QJsonArray changes;
    for (const Change &change : request.changes)
        changes.append(changeObject(change));
    QJsonObject object{{QStringLiteral("cursor"), request.cursor},
                       {QStringLiteral("limit"), request.limit},
                       {QStringLiteral("changes"), changes}};
    if (!request.epoch.isEmpty()) // only sent once the server has named one
        object.insert(QStringLiteral("epoch"), request.epoch);
    return compact(object);
}

QByteArray encodeWithQt(const SyncResponse &response)
{
    QJsonArray results;
    for (const ItemResult &result : response.results)
        results.append(resultObject(result));
    QJsonObject object{{QStringLiteral("results"), results},
                       {QStringLiteral("conflicts"), revisionArray(response.conflicts)},
                       {QStringLiteral("changes"), revisionArray(response.changes)},
                       {QStringLiteral("cursor"), response.cursor},
                       {QStringLiteral("more"), response.more}};
    if (!response.epoch.isEmpty())
        object.insert(QStringLiteral("epoch"), response.epoch);
    return compact(object);
}

} // namespace

QByteArray encode(const SyncRequest &request)
{
    JsonWriter json;
    json.beginObject();
    json.key(u"changes");
    json.beginArray();
    for (const Change &change : request.changes)
        writeChange(json, change);
    json.endArray();
    json.member(u"cursor", request.cursor);
    if (!request.epoch.isEmpty()) { // only sent once the server has named one
        json.member(u"epoch", request.epoch);
    }
    json.member(u"limit", qint64(request.limit));
    json.endObject();
    return json.ok() ? json.text() : encodeWithQt(request);
}

QByteArray encode(const SyncResponse &response)
{
    JsonWriter json;
    json.beginObject();
    json.key(u"changes");
    writeRevisions(json, response.changes);
    json.key(u"conflicts");
    writeRevisions(json, response.conflicts);
    json.member(u"cursor", response.cursor);
    if (!response.epoch.isEmpty()) {
        json.member(u"epoch", response.epoch);
    }
    json.member(u"more", response.more);
    json.key(u"results");
    json.beginArray();
    for (const ItemResult &result : response.results)
        writeResult(json, result);
    json.endArray();
    json.endObject();
    return json.ok() ? json.text() : encodeWithQt(response);
}

QByteArray encode(const MissingBlobsRequest &request)
{
    return compact({{QStringLiteral("hashes"), QJsonArray::fromStringList(request.hashes)}});
}

QByteArray encode(const MissingBlobsResponse &response)
{
    return compact({{QStringLiteral("missing"), QJsonArray::fromStringList(response.missing)}});
}

QByteArray encode(const model::PostFields &fields)
{
    JsonWriter json;
    writeFields(json, fields);
    return json.ok() ? json.text() : compact(fields.toJson());
}

qsizetype encodedSize(const model::Revision &revision)
{
    JsonWriter json;
    writeRevision(json, revision);
    // + the separating comma
    return (json.ok() ? json.size() : compact(revisionObject(revision)).size()) + 1;
}

QByteArray encode(const ErrorBody &body)
{
    return compact({{QStringLiteral("error"), errorObject(body.error)}});
}

} // namespace inkwell::protocol
