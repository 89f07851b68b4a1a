// Encoding and decoding of live updates and presence (live.h).
#include "protocol/jsonreader.h"
#include "protocol/live.h"
#include "protocol/validation.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace inkwell::protocol {

using detail::Direction;
using detail::ObjectReader;
using detail::Presence;

namespace {

constexpr qint64 maxRevision = qint64(1) << 53;
// Feature names and presence states are short identifiers; a server lists a handful.
constexpr int maxFeatureLength = 64;
constexpr int maxFeatures = 64;
constexpr int maxStateLength = 32;

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject entryObject(const PresenceEntry &entry)
{
    return QJsonObject{
            {QStringLiteral("guid"), entry.guid},
            {QStringLiteral("user"), entry.user},
            {QStringLiteral("state"), entry.state},
            {QStringLiteral("seconds_left"), entry.secondsLeft},
    };
}

bool readState(ObjectReader &reader, QString *state, Presence presence)
{
    if (!reader.string("state", state, maxStateLength, presence))
        return false;
    if (reader.has("state") && state->isEmpty())
        return reader.fail("state", ErrorCode::Malformed, QStringLiteral("empty"));
    return true;
}

bool readEntry(const detail::JsonValue &value, const QString &path, const Limits &limits,
               PresenceEntry *entry, Error *error)
{
    if (!value.isObject())
        return detail::setError(error, ErrorCode::Malformed, path,
                                QStringLiteral("expected an object"));
    ObjectReader reader(value.toObject(), path, limits, error);
    qint64 secondsLeft = 0;
    if (!reader.onlyKeys({"guid", "user", "state", "seconds_left"})
        || !detail::readGuid(reader, &entry->guid)
        || !reader.string("user", &entry->user, limits.maxNameLength, Presence::Required)
        || !readState(reader, &entry->state, Presence::Required)
        || !reader.integer("seconds_left", &secondsLeft, 0, kPresenceTtlSeconds,
                           Presence::Required))
        return false;
    entry->secondsLeft = int(secondsLeft);
    return true;
}

} // namespace

QByteArray encode(const Capabilities &capabilities)
{
    return compact(
            {{QStringLiteral("features"), QJsonArray::fromStringList(capabilities.features)}});
}

QByteArray encode(const LiveState &state)
{
    QJsonArray presence;
    for (const PresenceEntry &entry : state.presence)
        presence.append(entryObject(entry));
    return compact({{QStringLiteral("rev"), double(state.rev)},
                    {QStringLiteral("presence_token"), state.presenceToken},
                    {QStringLiteral("presence"), presence}});
}

QByteArray encode(const PresenceUpdate &update)
{
    if (update.guid.isEmpty())
        return compact({{QStringLiteral("guid"), QJsonValue::Null}});
    return compact(
            {{QStringLiteral("guid"), update.guid}, {QStringLiteral("state"), update.state}});
}

Result<Capabilities> decodeCapabilities(const QByteArray &json, const Limits &limits)
{
    return detail::decodeWith<Capabilities>(
            json, limits,
            [](ObjectReader &r, Capabilities *v, Error *e) {
                detail::JsonArray array;
                return r.onlyKeys({"features"})
                        && r.array("features", &array, maxFeatures, Presence::Required)
                        && detail::stringArray(array, r.pathOf("features"), maxFeatureLength,
                                               &v->features, e);
            },
            Direction::Response);
}

Result<LiveState> decodeLiveState(const QByteArray &json, const Limits &limits)
{
    return detail::decodeWith<LiveState>(
            json, limits,
            [](ObjectReader &r, LiveState *v, Error *e) {
                return r.onlyKeys({"rev", "presence_token", "presence"})
                        && r.integer("rev", &v->rev, 0, maxRevision, Presence::Required)
                        && r.string("presence_token", &v->presenceToken, r.limits().maxTokenLength,
                                    Presence::Required)
                        && detail::readList(r, "presence", r.limits().maxItemsPerArray,
                                            Presence::Required, &v->presence, readEntry, e);
            },
            Direction::Response);
}

Result<PresenceUpdate> decodePresenceUpdate(const QByteArray &json, const Limits &limits)
{
    Error error;
    const std::optional<QJsonObject> object =
            detail::parseObject(json, limits.maxDocumentBytes, limits, &error);
    if (!object)
        return error;
    ObjectReader reader(*object, {}, limits, &error);
    PresenceUpdate update;
    if (!reader.onlyKeys({"guid", "state"}))
        return error;
    // {"guid":null} clears this client's entry; a state next to it is ignored.
    if (object->contains(QLatin1String("guid")) && object->value(QLatin1String("guid")).isNull()) {
        update.guid.clear();
        return update;
    }
    if (!detail::readGuid(reader, &update.guid)
        || !readState(reader, &update.state, Presence::Optional))
        return error;
    if (update.state != QLatin1String("editing")) {
        reader.fail("state", ErrorCode::Malformed, QStringLiteral("unknown state"));
        return error;
    }
    return update;
}

} // namespace inkwell::protocol
