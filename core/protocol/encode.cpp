#include "protocol/codec.h"
#include "protocol/jsonreader.h"
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

QByteArray encode(const SyncRequest &request)
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

QByteArray encode(const SyncResponse &response)
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
    return compact(revisionObject(revision)).size() + 1; // + the separating comma
}

QByteArray encode(const ErrorBody &body)
{
    return compact({{QStringLiteral("error"), errorObject(body.error)}});
}

} // namespace inkwell::protocol
