#pragma once

#include "model/result.h"
#include "protocol/limits.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Live updates and presence (docs/protocol.md, "Live updates" and "Presence").
namespace inkwell::protocol {

// GET /api/v1/capabilities answer: what this server offers beyond the v1 sync. Anonymous and
// cheap. A server from before it answers 404, which a client reads as "no features". Clients
// ignore feature names they do not know.
struct Capabilities
{
    QStringList features; // "live", "presence", "history"

    bool has(const QString &feature) const { return features.contains(feature); }
    friend bool operator==(const Capabilities &, const Capabilities &) = default;
};

inline constexpr auto kFeatureLive = "live";
inline constexpr auto kFeaturePresence = "presence";
inline constexpr auto kFeatureHistory = "history";
// The public site: /b/{blog-slug}/ and GET .../posts/{guid}/page (see docs/protocol.md).
inline constexpr auto kFeatureSite = "site";

// One member who has a post open and is typing in it.
struct PresenceEntry
{
    QString guid; // the post
    QString user; // the member's user name
    QString state; // "editing"
    int secondsLeft = 0; // until the entry expires unless renewed (at most presenceTtlSeconds)

    friend bool operator==(const PresenceEntry &, const PresenceEntry &) = default;
};

// The longest a live request may be held (its `timeout`): below the 60 s read timeout reverse
// proxies commonly use, so that an answer with nothing new comes back before the proxy gives up.
inline constexpr int kLiveMaxWaitSeconds = 55;

// How long a presence entry lives after its last PUT, and how often a client renews it.
inline constexpr int kPresenceTtlSeconds = 30;
inline constexpr int kPresenceRenewSeconds = 10;

// GET /api/v1/blogs/{blog}/live?rev=N&presence=TOKEN&timeout=S answer: the blog's last revision
// and the presence of the other members, given as soon as `rev` or the presence token differs
// from the request's, or at the timeout with nothing changed.
struct LiveState
{
    qint64 rev = 0; // the blog's last revision
    QString presenceToken; // opaque; send it back to wait for the next presence change
    QList<PresenceEntry> presence; // the caller's own entries left out

    friend bool operator==(const LiveState &, const LiveState &) = default;
};

// PUT /api/v1/blogs/{blog}/presence body: the post this client has open and is typing in, or
// none (guid empty, sent as null) when it closed it. Answered 204.
struct PresenceUpdate
{
    QString guid; // empty = clear
    QString state = QStringLiteral("editing");

    friend bool operator==(const PresenceUpdate &, const PresenceUpdate &) = default;
};

QByteArray encode(const Capabilities &capabilities);
QByteArray encode(const LiveState &state);
QByteArray encode(const PresenceUpdate &update);
Result<Capabilities> decodeCapabilities(const QByteArray &json, const Limits &limits = {});
Result<LiveState> decodeLiveState(const QByteArray &json, const Limits &limits = {});
Result<PresenceUpdate> decodePresenceUpdate(const QByteArray &json, const Limits &limits = {});

} // namespace inkwell::protocol
