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
using namespace Qt::StringLiterals;

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
    json.member("body"_L1, fields.body);
    json.member("cover"_L1, fields.cover);
    json.member("status"_L1, model::publishStateName(fields.state));
    json.key("tags"_L1);
    json.beginArray();
    for (const QString &tag : fields.tags)
        json.string(tag);
    json.endArray();
    json.member("title"_L1, fields.title);
    json.endObject();
}

void writeRevision(JsonWriter &json, const model::Revision &revision)
{
    json.beginObject();
    json.member("created_by"_L1, revision.createdBy);
    json.member("deleted"_L1, revision.deleted);
    json.key("fields"_L1);
    writeFields(json, revision.fields);
    json.member("guid"_L1, revision.guid);
    json.member("modified_at"_L1, timestamp(revision.modifiedAt));
    json.member("modified_by"_L1, revision.modifiedBy);
    json.member("rev"_L1, revision.rev);
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
    json.member("base_rev"_L1, change.baseRev);
    json.member("deleted"_L1, change.deleted);
    json.key("fields"_L1);
    writeFields(json, change.fields);
    json.member("guid"_L1, change.guid);
    json.member("op_id"_L1, change.opId);
    json.endObject();
}

void writeResult(JsonWriter &json, const ItemResult &result)
{
    const bool metadata = result.status == ItemStatus::Applied && result.hasMetadata();
    json.beginObject();
    if (metadata) {
        json.member("created_by"_L1, result.createdBy);
    }
    if (result.status == ItemStatus::Rejected) {
        json.key("error"_L1);
        json.beginObject();
        json.member("code"_L1, wireCode(result.error.code));
        json.member("message"_L1, result.error.message);
        json.endObject();
    }
    json.member("guid"_L1, result.guid);
    if (metadata) {
        json.member("modified_at"_L1, timestamp(result.modifiedAt));
        json.member("modified_by"_L1, result.modifiedBy);
    }
    json.member("op_id"_L1, result.opId);
    json.member("rev"_L1, result.rev);
    json.member("status"_L1, itemStatusName(result.status));
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
    json.key("changes"_L1);
    json.beginArray();
    for (const Change &change : request.changes)
        writeChange(json, change);
    json.endArray();
    json.member("cursor"_L1, request.cursor);
    if (!request.epoch.isEmpty()) { // only sent once the server has named one
        json.member("epoch"_L1, request.epoch);
    }
    json.member("limit"_L1, qint64(request.limit));
    json.endObject();
    return json.ok() ? json.text() : encodeWithQt(request);
}

QByteArray encode(const SyncResponse &response)
{
    JsonWriter json;
    json.beginObject();
    json.key("changes"_L1);
    writeRevisions(json, response.changes);
    json.key("conflicts"_L1);
    writeRevisions(json, response.conflicts);
    json.member("cursor"_L1, response.cursor);
    if (!response.epoch.isEmpty()) {
        json.member("epoch"_L1, response.epoch);
    }
    json.member("more"_L1, response.more);
    json.key("results"_L1);
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
