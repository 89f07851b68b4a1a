// Live updates and presence: GET /api/v1/capabilities, GET .../live, PUT/DELETE .../presence.
#include "server/api/handlers.h"

#include "protocol/live.h"
#include "server/live/livehub.h"
#include "server/store/serverstore.h"

#include <QDateTime>
#include <QUrlQuery>

#include <chrono>
#include <optional>

namespace inkwell::server {

namespace {

constexpr int defaultTimeoutSeconds = 25;
constexpr int maxTimeoutSeconds = protocol::kLiveMaxWaitSeconds;
constexpr qint64 maxRevision = qint64(1) << 53;

// What the client already knows: the request's rev and presence token (unset: it knows
// nothing and is answered at once), and how long it is willing to wait.
struct LiveQuery
{
    std::optional<qint64> rev;
    std::optional<QString> presenceToken;
    int timeoutSeconds = defaultTimeoutSeconds;
};

Result<LiveQuery> parseLiveQuery(const QByteArray &target, int maxTokenLength)
{
    LiveQuery live;
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return live;
    const QUrlQuery query(QString::fromUtf8(target.mid(question + 1)));
    const auto malformed = [](const QString &message) {
        return Error{ErrorCode::Malformed, message};
    };
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("rev")) {
            bool ok = false;
            const qint64 rev = value.toLongLong(&ok);
            if (!ok || rev < 0 || rev > maxRevision || live.rev)
                return malformed(QStringLiteral("rev: expected one revision number"));
            live.rev = rev;
        } else if (key == QLatin1String("presence")) {
            if (value.size() > maxTokenLength || live.presenceToken)
                return malformed(QStringLiteral("presence: expected one presence token"));
            live.presenceToken = value;
        } else if (key == QLatin1String("timeout")) {
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 1 || seconds > maxTimeoutSeconds)
                return malformed(
                        QStringLiteral("timeout: expected 1 to %1 seconds").arg(maxTimeoutSeconds));
            live.timeoutSeconds = seconds;
        }
        // Other parameters are left for later versions of the protocol.
    }
    return live;
}

// The blog's live state as `user` sees it (without the user's own presence).
Result<protocol::LiveState> currentState(const store::ServerStore &store, live::LiveHub &hub,
                                         qint64 blogId, const QString &user)
{
    protocol::LiveState state = hub.presence(blogId, user);
    const Result<qint64> rev = store.lastRevision(blogId);
    if (!rev)
        return rev.error();
    state.rev = *rev;
    return state;
}

// The caller's login may have ended (logout, revocation, expiry) while its request waited: it
// then learns nothing more.
std::optional<HttpResponse> endedLogin(const store::ServerStore &store, const QByteArray &tokenHash)
{
    const Result<std::optional<store::TokenGrant>> grant = store.tokenGrant(tokenHash);
    if (!grant)
        return errorReply(grant.error());
    if (*grant && !(*grant)->revoked && (*grant)->expiresAt > QDateTime::currentDateTimeUtc())
        return std::nullopt;
    HttpResponse response =
            errorReply(Error{ErrorCode::Unauthorized, QStringLiteral("the login has ended")});
    response.headers.append({QByteArrayLiteral("www-authenticate"), QByteArrayLiteral("Bearer")});
    return response;
}

HttpResponse busy(const QString &message, int retryAfterSeconds)
{
    HttpResponse response = errorReply(Error{ErrorCode::ServerUnavailable, message});
    response.headers.removeIf([](const auto &h) { return h.first == "retry-after"; });
    response.headers.append(
            {QByteArrayLiteral("retry-after"), QByteArray::number(retryAfterSeconds)});
    return response;
}

HttpResponse noContent()
{
    HttpResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

// One client of a member: the login token's digest (Principal::tokenHash), shortened.
QByteArray clientKey(const auth::Principal &principal)
{
    return principal.tokenHash.left(16);
}

} // namespace

HttpResponse handleCapabilities(const HandlerContext &)
{
    return jsonReply(protocol::encode(
            protocol::Capabilities{{QString::fromLatin1(protocol::kFeatureHistory),
                                    QString::fromLatin1(protocol::kFeatureLive),
                                    QString::fromLatin1(protocol::kFeaturePresence),
                                    QString::fromLatin1(protocol::kFeatureSite)}}));
}

HttpResponse handleLive(const HandlerContext &context, const HttpRequest &request,
                        const auth::Principal &principal, qint64 blogId)
{
    if (Result<void> member = requireMember(context, principal, blogId); !member)
        return errorReply(member.error());
    const Result<LiveQuery> query =
            parseLiveQuery(request.target, context.config.protocolLimits().maxTokenLength);
    if (!query)
        return errorReply(query.error());
    const Result<protocol::LiveState> state =
            currentState(context.store, context.live, blogId, principal.accountName);
    if (!state)
        return errorReply(state.error());
    if (!query->rev || !query->presenceToken || *query->rev != state->rev
        || *query->presenceToken != state->presenceToken)
        return jsonReply(protocol::encode(*state));

    // Nothing new yet: park the request until a push, a presence change or the timeout.
    std::shared_ptr<void> place = context.live.reserveWaiter(principal.accountId);
    if (!place)
        return busy(QStringLiteral("too many clients are waiting for changes; retry shortly"), 5);
    live::LiveHub *hub = &context.live;
    const store::ServerStore *store = &context.store;
    auto deferred = std::make_shared<DeferredAnswer>();
    deferred->deadline =
            std::chrono::steady_clock::now() + std::chrono::seconds(query->timeoutSeconds);
    deferred->subscribe = [hub, blogId](std::function<void()> wake) -> std::function<void()> {
        const quint64 id = hub->subscribe(blogId, std::move(wake));
        return [hub, id] { hub->unsubscribe(id); };
    };
    deferred->answer = [hub, store, blogId, user = principal.accountName,
                        tokenHash = principal.tokenHash, known = *state,
                        place](bool final) -> std::optional<HttpResponse> {
        const Result<protocol::LiveState> now = currentState(*store, *hub, blogId, user);
        if (!now)
            return errorReply(now.error());
        if (!final && now->rev == known.rev && now->presenceToken == known.presenceToken)
            return std::nullopt;
        if (std::optional<HttpResponse> ended = endedLogin(*store, tokenHash))
            return ended;
        return jsonReply(protocol::encode(*now));
    };
    HttpResponse parked;
    parked.deferred = std::move(deferred);
    return parked;
}

HttpResponse handlePresence(const HandlerContext &context, const HttpRequest &request,
                            const auth::Principal &principal, qint64 blogId)
{
    if (Result<void> member = requireMember(context, principal, blogId); !member)
        return errorReply(member.error());
    if (request.method == "DELETE") {
        context.live.clearPresence(blogId, principal.accountName, clientKey(principal));
        return noContent();
    }
    const Result<protocol::PresenceUpdate> update =
            protocol::decodePresenceUpdate(request.body, context.config.protocolLimits());
    if (!update)
        return errorReply(update.error());
    if (update->guid.isEmpty()) {
        context.live.clearPresence(blogId, principal.accountName, clientKey(principal));
        return noContent();
    }
    const live::PresenceBook::Outcome outcome = context.live.putPresence(
            blogId, principal.accountName, clientKey(principal), update->guid, update->state);
    if (outcome == live::PresenceBook::Outcome::Full)
        return busy(QStringLiteral("too many members are present in this blog"), 10);
    return noContent();
}

} // namespace inkwell::server
