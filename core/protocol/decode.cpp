#include "protocol/codec.h"
#include "protocol/jsonreader.h"
#include "protocol/validation.h"
#include "protocol/wireerror.h"

#include <cmath>
#include <limits>

namespace inkwell::protocol {

using detail::Direction;
using detail::JsonArray;
using detail::JsonObject;
using detail::JsonValue;
using detail::ObjectReader;
using detail::Presence;

namespace {

constexpr int unbounded = std::numeric_limits<int>::max();
constexpr qint64 maxRevision = qint64(1) << 53;

bool readFields(const JsonObject &object, const QString &path, const Limits &limits,
                model::PostFields *fields, Error *error)
{
    ObjectReader reader(object, path, limits, error);
    if (!reader.onlyKeys({"title", "body", "tags", "status", "cover"}))
        return false;
    JsonArray tags;
    QString status;
    // Content limits (title/body length, tag rules) are checked per change by validateFields,
    // so one oversized post is rejected on its own instead of failing the whole push.
    if (!reader.string("title", &fields->title, unbounded, Presence::Required)
        || !reader.string("body", &fields->body, unbounded, Presence::Required)
        || !reader.array("tags", &tags, limits.maxItemsPerArray, Presence::Required)
        || !detail::stringArray(tags, reader.pathOf("tags"), unbounded, &fields->tags, error)
        || !reader.string("status", &status, 16, Presence::Required)
        || !reader.string("cover", &fields->cover, 64, Presence::Required))
        return false;
    if (!model::parsePublishState(status, &fields->state))
        return reader.fail("status", ErrorCode::Malformed,
                           QStringLiteral("expected \"draft\" or \"published\""));
    return true;
}

} // namespace

namespace detail {

bool readTimestamp(ObjectReader &reader, const char *key, QDateTime *out)
{
    QString text;
    if (!reader.string(key, &text, 64, Presence::Required))
        return false;
    *out = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!out->isValid())
        return reader.fail(key, ErrorCode::Malformed, QStringLiteral("not an ISO 8601 time"));
    *out = out->toUTC();
    return true;
}

bool readGuid(ObjectReader &reader, QString *guid)
{
    if (!reader.string("guid", guid, 36, Presence::Required))
        return false;
    if (!isValidGuid(*guid))
        return reader.fail("guid", ErrorCode::Malformed, QStringLiteral("not a lower-case UUID"));
    return true;
}

bool readRevision(const JsonValue &value, const QString &path, const Limits &limits,
                  model::Revision *revision, Error *error)
{
    if (!value.isObject())
        return detail::setError(error, ErrorCode::Malformed, path,
                                QStringLiteral("expected an object"));
    return readRevisionObject(value.toObject(), path, limits, revision, error);
}

bool readRevisionObject(const JsonObject &object, const QString &path, const Limits &limits,
                        model::Revision *revision, Error *error)
{
    ObjectReader reader(object, path, limits, error);
    JsonObject fields;
    if (!reader.onlyKeys(
                {"guid", "rev", "deleted", "fields", "created_by", "modified_by", "modified_at"})
        || !readGuid(reader, &revision->guid)
        || !reader.integer("rev", &revision->rev, 1, maxRevision, Presence::Required)
        || !reader.boolean("deleted", &revision->deleted, Presence::Required)
        || !reader.object("fields", &fields, Presence::Required)
        || !readFields(fields, reader.pathOf("fields"), limits, &revision->fields, error)
        || !reader.string("created_by", &revision->createdBy, limits.maxNameLength,
                          Presence::Required)
        || !reader.string("modified_by", &revision->modifiedBy, limits.maxNameLength,
                          Presence::Required)
        || !readTimestamp(reader, "modified_at", &revision->modifiedAt))
        return false;
    const Result<void> valid = validateFields(revision->fields, limits);
    if (!valid)
        return detail::setError(error, valid.error().code, {},
                                reader.pathOf("fields") + u'.' + valid.error().message);
    return true;
}

} // namespace detail

using detail::decodeWith;
using detail::readGuid;
using detail::readRevision;
using detail::readTimestamp;

namespace {

bool readChange(const JsonValue &value, const QString &path, const Limits &limits, Change *change,
                Error *error)
{
    if (!value.isObject())
        return detail::setError(error, ErrorCode::Malformed, path,
                                QStringLiteral("expected an object"));
    ObjectReader reader(value.toObject(), path, limits, error);
    JsonObject fields;
    if (!reader.onlyKeys({"op_id", "guid", "base_rev", "deleted", "fields"})
        || !reader.string("op_id", &change->opId, limits.maxOpIdLength, Presence::Required))
        return false;
    if (!isValidOpId(change->opId, limits.maxOpIdLength))
        return reader.fail(
                "op_id", ErrorCode::Malformed,
                QStringLiteral("expected 1-%1 of [A-Za-z0-9._:-]").arg(limits.maxOpIdLength));
    if (!readGuid(reader, &change->guid)
        || !reader.integer("base_rev", &change->baseRev, 0, maxRevision, Presence::Required)
        || !reader.boolean("deleted", &change->deleted, Presence::Optional))
        return false;
    // A tombstone may omit its fields; any other change must carry them.
    const Presence fieldsPresence = change->deleted ? Presence::Optional : Presence::Required;
    if (!reader.object("fields", &fields, fieldsPresence))
        return false;
    return !reader.has("fields")
            || readFields(fields, reader.pathOf("fields"), limits, &change->fields, error);
}

// The guid and rev of a change that did not decode, as far as they are valid.
InvalidChange invalidChange(const JsonValue &value, Error error)
{
    InvalidChange invalid{{}, 0, std::move(error)};
    const JsonObject object = value.toObject();
    const QString guid = object.value("guid").value_or(JsonValue()).toString();
    if (isValidGuid(guid))
        invalid.guid = guid;
    const double rev = object.value("rev").value_or(JsonValue()).toDouble();
    if (rev >= 1 && rev <= double(maxRevision) && std::trunc(rev) == rev)
        invalid.rev = qint64(rev);
    return invalid;
}

// The pulled changes of a sync answer. A change that breaks the rules is set aside in *invalid
// instead of failing the answer, so one bad post cannot stop its readers' syncing; the list
// itself (missing, not an array, too long) still fails.
bool readPulledChanges(ObjectReader &reader, QList<model::Revision> *changes,
                       QList<InvalidChange> *invalid)
{
    JsonArray array;
    if (!reader.array("changes", &array, reader.limits().maxItemsPerArray, Presence::Required))
        return false;
    changes->reserve(array.size());
    const QString path = reader.pathOf("changes");
    return array.forEach([&](const JsonValue &value, qsizetype i) {
        model::Revision revision;
        Error error;
        if (readRevision(value, detail::elementPath(path, i), reader.limits(), &revision, &error))
            changes->append(std::move(revision));
        else
            invalid->append(invalidChange(value, std::move(error)));
        return true;
    });
}

// An optional epoch: when present it must be 32 lower-case hex digits (never an empty string).
bool readEpoch(ObjectReader &reader, QString *epoch)
{
    // A generous length, so any wrong epoch is Malformed (400) rather than TooLarge.
    if (!reader.string("epoch", epoch, 256, Presence::Optional))
        return false;
    if (reader.has("epoch") && !isValidEpoch(*epoch))
        return reader.fail("epoch", ErrorCode::Malformed,
                           QStringLiteral("expected 32 lower-case hexadecimal digits"));
    return true;
}

bool readErrorObject(const JsonObject &object, const QString &path, const Limits &limits,
                     Error *out, Error *error)
{
    ObjectReader reader(object, path, limits, error);
    QString code;
    if (!reader.onlyKeys({"code", "message"})
        || !reader.string("code", &code, 64, Presence::Required)
        || !reader.string("message", &out->message, limits.maxMessageLength, Presence::Required))
        return false;
    out->code = errorCodeFromWire(code);
    return true;
}

// The metadata of an applied result: all three keys or none (a replay may lack them).
bool readResultMetadata(ObjectReader &reader, ItemResult *result)
{
    const bool any =
            reader.has("created_by") || reader.has("modified_by") || reader.has("modified_at");
    if (!any)
        return true;
    if (result->status != ItemStatus::Applied)
        return reader.fail(ErrorCode::Malformed,
                           QStringLiteral("created_by, modified_by and modified_at are only "
                                          "allowed with status applied"));
    const int nameLimit = reader.limits().maxNameLength;
    return reader.string("created_by", &result->createdBy, nameLimit, Presence::Required)
            && reader.string("modified_by", &result->modifiedBy, nameLimit, Presence::Required)
            && readTimestamp(reader, "modified_at", &result->modifiedAt);
}

bool readResult(const JsonValue &value, const QString &path, const Limits &limits,
                ItemResult *result, Error *error)
{
    if (!value.isObject())
        return detail::setError(error, ErrorCode::Malformed, path,
                                QStringLiteral("expected an object"));
    ObjectReader reader(value.toObject(), path, limits, error);
    QString status;
    if (!reader.onlyKeys({"op_id", "guid", "status", "rev", "error", "created_by", "modified_by",
                          "modified_at"})
        || !reader.string("op_id", &result->opId, limits.maxOpIdLength, Presence::Required)
        || !readGuid(reader, &result->guid)
        || !reader.string("status", &status, 16, Presence::Required)
        || !reader.integer("rev", &result->rev, 0, maxRevision, Presence::Required))
        return false;
    if (status == QLatin1String("applied"))
        result->status = ItemStatus::Applied;
    else if (status == QLatin1String("conflict"))
        result->status = ItemStatus::Conflict;
    else if (status == QLatin1String("rejected"))
        result->status = ItemStatus::Rejected;
    else
        return reader.fail("status", ErrorCode::Malformed,
                           QStringLiteral("expected applied, conflict or rejected"));
    const Presence errorPresence =
            result->status == ItemStatus::Rejected ? Presence::Required : Presence::Optional;
    JsonObject errorObject;
    if (!reader.object("error", &errorObject, errorPresence))
        return false;
    if (result->status != ItemStatus::Rejected && reader.has("error"))
        return reader.fail("error", ErrorCode::Malformed,
                           QStringLiteral("only allowed with status rejected"));
    if (!readResultMetadata(reader, result))
        return false;
    return !reader.has("error")
            || readErrorObject(errorObject, reader.pathOf("error"), limits, &result->error, error);
}

bool readHashes(ObjectReader &reader, const char *key, int maxItems, QStringList *out, Error *error)
{
    JsonArray array;
    if (!reader.array(key, &array, maxItems, Presence::Required)
        || !detail::stringArray(array, reader.pathOf(key), 64, out, error))
        return false;
    for (qsizetype i = 0; i < out->size(); ++i) {
        if (!isValidSha256(out->at(i)))
            return detail::setError(error, ErrorCode::Malformed,
                                    detail::elementPath(reader.pathOf(key), i),
                                    QStringLiteral("not a lower-case SHA-256"));
    }
    return true;
}

} // namespace

Result<LoginRequest> decodeLoginRequest(const QByteArray &json, const Limits &limits)
{
    return decodeWith<LoginRequest>(json, limits, [](ObjectReader &r, LoginRequest *v, Error *) {
        const int nameLimit = r.limits().maxNameLength;
        return r.onlyKeys({"username", "password"})
                && r.string("username", &v->username, nameLimit, Presence::Required)
                && r.string("password", &v->password, r.limits().maxPasswordLength,
                            Presence::Required);
    });
}

Result<LoginResponse> decodeLoginResponse(const QByteArray &json, const Limits &limits)
{
    return decodeWith<LoginResponse>(
            json, limits,
            [](ObjectReader &r, LoginResponse *v, Error *) {
                return r.onlyKeys({"token", "expires_at"})
                        && r.string("token", &v->token, r.limits().maxTokenLength,
                                    Presence::Required)
                        && readTimestamp(r, "expires_at", &v->expiresAt);
            },
            Direction::Response);
}

Result<BlogList> decodeBlogList(const QByteArray &json, const Limits &limits)
{
    auto readBlog = [](const JsonValue &value, const QString &path, const Limits &l,
                       BlogSummary *blog, Error *error) {
        if (!value.isObject())
            return detail::setError(error, ErrorCode::Malformed, path,
                                    QStringLiteral("expected an object"));
        ObjectReader r(value.toObject(), path, l, error);
        return r.onlyKeys({"id", "name"})
                && r.integer("id", &blog->id, 1, maxRevision, Presence::Required)
                && r.string("name", &blog->name, l.maxNameLength, Presence::Required);
    };
    return decodeWith<BlogList>(
            json, limits,
            [&](ObjectReader &r, BlogList *v, Error *error) {
                return r.onlyKeys({"blogs"})
                        && readList(r, "blogs", r.limits().maxItemsPerArray, Presence::Required,
                                    &v->blogs, readBlog, error);
            },
            Direction::Response);
}

Result<SyncRequest> decodeSyncRequest(const QByteArray &json, const Limits &limits)
{
    return decodeWith<SyncRequest>(json, limits, [](ObjectReader &r, SyncRequest *v, Error *e) {
        qint64 limit = 0;
        if (!r.onlyKeys({"cursor", "epoch", "limit", "changes"})
            || !r.string("cursor", &v->cursor, 32, Presence::Optional) || !readEpoch(r, &v->epoch)
            || !r.integer("limit", &limit, 0, r.limits().maxItemsPerArray, Presence::Optional)
            || !readList(r, "changes", r.limits().maxChangesPerPush, Presence::Optional,
                         &v->changes, readChange, e))
            return false;
        v->limit = int(limit);
        if (!parseCursor(v->cursor))
            return r.fail("cursor", ErrorCode::Malformed, QStringLiteral("not a cursor"));
        return true;
    });
}

Result<SyncResponse> decodeSyncResponse(const QByteArray &json, const Limits &limits)
{
    return decodeWith<SyncResponse>(
            json, limits,
            [](ObjectReader &r, SyncResponse *v, Error *e) {
                const int items = r.limits().maxItemsPerArray;
                return r.onlyKeys({"results", "conflicts", "changes", "cursor", "more", "epoch"})
                        && readList(r, "results", items, Presence::Required, &v->results,
                                    readResult, e)
                        && readList(r, "conflicts", items, Presence::Required, &v->conflicts,
                                    readRevision, e)
                        && readPulledChanges(r, &v->changes, &v->invalidChanges)
                        && r.string("cursor", &v->cursor, 32, Presence::Required)
                        && r.boolean("more", &v->more, Presence::Required)
                        && readEpoch(r, &v->epoch);
            },
            Direction::Response);
}

Result<MissingBlobsRequest> decodeMissingBlobsRequest(const QByteArray &json, const Limits &limits)
{
    return decodeWith<MissingBlobsRequest>(
            json, limits, [](ObjectReader &r, MissingBlobsRequest *v, Error *e) {
                return r.onlyKeys({"hashes"})
                        && readHashes(r, "hashes", r.limits().maxHashesPerRequest, &v->hashes, e);
            });
}

Result<MissingBlobsResponse> decodeMissingBlobsResponse(const QByteArray &json,
                                                        const Limits &limits)
{
    return decodeWith<MissingBlobsResponse>(
            json, limits,
            [](ObjectReader &r, MissingBlobsResponse *v, Error *e) {
                return r.onlyKeys({"missing"})
                        && readHashes(r, "missing", r.limits().maxHashesPerRequest, &v->missing, e);
            },
            Direction::Response);
}

Result<ErrorBody> decodeErrorBody(const QByteArray &json, const Limits &limits)
{
    return decodeWith<ErrorBody>(
            json, limits,
            [](ObjectReader &r, ErrorBody *v, Error *e) {
                JsonObject inner;
                return r.onlyKeys({"error"}) && r.object("error", &inner, Presence::Required)
                        && readErrorObject(inner, r.pathOf("error"), r.limits(), &v->error, e);
            },
            Direction::Response);
}

} // namespace inkwell::protocol
