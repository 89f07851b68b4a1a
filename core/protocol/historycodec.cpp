// Encoding and decoding of post history (history.h).
#include "protocol/history.h"
#include "protocol/jsonreader.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace inkwell::protocol {

using detail::Direction;
using detail::ObjectReader;
using detail::Presence;

namespace {

constexpr qint64 maxRevision = qint64(1) << 53;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject summaryObject(const RevisionSummary &summary)
{
    return QJsonObject{
            {QStringLiteral("rev"), double(summary.rev)},
            {QStringLiteral("deleted"), summary.deleted},
            {QStringLiteral("title"), summary.title},
            {QStringLiteral("modified_by"), summary.modifiedBy},
            {QStringLiteral("modified_at"), detail::timestamp(summary.modifiedAt)},
            {QStringLiteral("body_bytes"), double(summary.bodyBytes)},
    };
}

bool readSummary(const detail::JsonValue &value, const QString &path, const Limits &limits,
                 RevisionSummary *summary, Error *error)
{
    if (!value.isObject())
        return detail::setError(error, ErrorCode::Malformed, path,
                                QStringLiteral("expected an object"));
    ObjectReader reader(value.toObject(), path, limits, error);
    return reader.onlyKeys({"rev", "deleted", "title", "modified_by", "modified_at", "body_bytes"})
            && reader.integer("rev", &summary->rev, 1, maxRevision, Presence::Required)
            && reader.boolean("deleted", &summary->deleted, Presence::Required)
            && reader.string("title", &summary->title, limits.maxTitleLength, Presence::Required)
            && reader.string("modified_by", &summary->modifiedBy, limits.maxNameLength,
                             Presence::Required)
            && detail::readTimestamp(reader, "modified_at", &summary->modifiedAt)
            && reader.integer("body_bytes", &summary->bodyBytes, 0, maxRevision,
                              Presence::Required);
}

} // namespace

QByteArray encode(const RevisionList &list)
{
    QJsonArray revisions;
    for (const RevisionSummary &summary : list.revisions)
        revisions.append(summaryObject(summary));
    return compact({{QStringLiteral("revisions"), revisions}, {QStringLiteral("more"), list.more}});
}

QByteArray encode(const RevisionDetail &detail)
{
    return compact({{QStringLiteral("revision"), detail::revisionObject(detail.revision)}});
}

Result<RevisionList> decodeRevisionList(const QByteArray &json, const Limits &limits)
{
    return detail::decodeWith<RevisionList>(
            json, limits,
            [](ObjectReader &r, RevisionList *v, Error *e) {
                return r.onlyKeys({"revisions", "more"})
                        && detail::readList(r, "revisions", r.limits().maxItemsPerArray,
                                            Presence::Required, &v->revisions, readSummary, e)
                        && r.boolean("more", &v->more, Presence::Required);
            },
            Direction::Response);
}

Result<RevisionDetail> decodeRevisionDetail(const QByteArray &json, const Limits &limits)
{
    return detail::decodeWith<RevisionDetail>(
            json, limits,
            [](ObjectReader &r, RevisionDetail *v, Error *e) {
                detail::JsonObject object;
                return r.onlyKeys({"revision"}) && r.object("revision", &object, Presence::Required)
                        && detail::readRevisionObject(object, r.pathOf("revision"), r.limits(),
                                                      &v->revision, e);
            },
            Direction::Response);
}

} // namespace inkwell::protocol
