#include "support/fakelivetransport.h"

#include "support/fakeserver.h"

#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

namespace inkwell::test {

namespace {

net::Response statusResponse(int status, const QByteArray &body = {}, int retryAfter = 0)
{
    net::Response response;
    response.status = status;
    response.body = body;
    if (status == 503 || status == 429)
        response.headers.append(
                qMakePair(QByteArray("Retry-After"), QByteArray::number(retryAfter)));
    net::classifyHttpResponse(&response);
    return response;
}

} // namespace

FakeLiveTransport::FakeLiveTransport(FakeServer *server, QObject *parent)
    : QObject(parent), m_server(server)
{ }

FakeLiveTransport::~FakeLiveTransport() = default;

void FakeLiveTransport::failPolls(int count, int status)
{
    m_failures = count;
    m_failureStatus = status;
}

qint64 FakeLiveTransport::parkedRevision(qint64 blog) const
{
    for (const Parked &parked : m_parked) {
        if (parked.blog == blog)
            return parked.rev;
    }
    return -1;
}

int FakeLiveTransport::pollCount() const
{
    return int(std::count_if(requests.cbegin(), requests.cend(), [](const net::Request &r) {
        return r.url.path().endsWith(QLatin1String("/live"));
    }));
}

net::Response FakeLiveTransport::liveAnswer(qint64 blog) const
{
    protocol::LiveState state;
    state.rev = m_server->blog(blog).counter;
    state.presenceToken = presenceTokens.value(blog, QStringLiteral("p0"));
    state.presence = presence.value(blog);
    return statusResponse(200, protocol::encode(state));
}

bool FakeLiveTransport::changed(const Parked &parked) const
{
    // A poll without a token has not seen the presence yet: it differs.
    return parked.rev != m_server->blog(parked.blog).counter
            || parked.token != presenceTokens.value(parked.blog, QStringLiteral("p0"));
}

net::Transport::RequestId FakeLiveTransport::send(const net::Request &request, QObject *context,
                                                  Callback done)
{
    const RequestId id = m_nextId++;
    requests.append(request);
    m_pending.insert(id, {context, std::move(done)});
    const QString path = request.url.path();
    if (path == QLatin1String("/api/v1/capabilities")) {
        if (!features)
            deliverLater(id, statusResponse(404));
        else
            deliverLater(id,
                         statusResponse(200, protocol::encode(protocol::Capabilities{*features})));
        return id;
    }
    static const QRegularExpression livePath(QStringLiteral("^/api/v1/blogs/(\\d+)/live$"));
    const auto match = livePath.match(path);
    if (!match.hasMatch()) {
        deliverLater(id, statusResponse(404));
        return id;
    }
    if (m_failures > 0) {
        --m_failures;
        if (m_failureStatus == 0) {
            net::Response refused;
            refused.error = {ErrorCode::Network, QStringLiteral("Connection refused")};
            deliverLater(id, refused);
        } else if (m_failureStatus == 200) {
            const QByteArray body = liveAnswer(match.captured(1).toLongLong()).body;
            deliverLater(id, statusResponse(200, body.left(body.size() / 2)));
        } else {
            deliverLater(id, statusResponse(m_failureStatus, {}, retryAfterSeconds));
        }
        return id;
    }
    const QUrlQuery query(request.url);
    Parked parked{id, match.captured(1).toLongLong(),
                  query.queryItemValue(QStringLiteral("rev")).toLongLong(),
                  query.queryItemValue(QStringLiteral("presence"))};
    if (changed(parked)) {
        deliverLater(id, liveAnswer(parked.blog));
        return id;
    }
    m_parked.append(parked);
    const int timeout = query.queryItemValue(QStringLiteral("timeout")).toInt();
    QTimer::singleShot(std::chrono::seconds(timeout > 0 ? timeout : 25), this,
                       [this, id] { answerParked(id); });
    return id;
}

void FakeLiveTransport::answerParked(RequestId id)
{
    for (qsizetype i = 0; i < m_parked.size(); ++i) {
        if (m_parked.at(i).id == id) {
            const qint64 blog = m_parked.takeAt(i).blog;
            deliverLater(id, liveAnswer(blog));
            return;
        }
    }
}

void FakeLiveTransport::wake()
{
    QList<RequestId> due;
    for (const Parked &parked : std::as_const(m_parked)) {
        if (changed(parked))
            due.append(parked.id);
    }
    for (RequestId id : due)
        answerParked(id);
}

void FakeLiveTransport::dropParked()
{
    net::Response dropped;
    dropped.error = {ErrorCode::Network, QStringLiteral("Connection closed")};
    for (const Parked &parked : std::as_const(m_parked))
        deliverLater(parked.id, dropped);
    m_parked.clear();
}

void FakeLiveTransport::cancel(RequestId id)
{
    if (!m_pending.contains(id))
        return;
    m_parked.removeIf([id](const Parked &parked) { return parked.id == id; });
    net::Response cancelled;
    cancelled.error = {ErrorCode::Cancelled, QStringLiteral("cancelled")};
    deliverLater(id, cancelled);
}

void FakeLiveTransport::deliverLater(RequestId id, const net::Response &response)
{
    QTimer::singleShot(0, this, [this, id, response] {
        const auto pending = m_pending.take(id);
        if (pending.done && pending.context)
            pending.done(response);
    });
}

} // namespace inkwell::test
