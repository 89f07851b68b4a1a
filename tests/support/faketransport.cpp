#include "support/faketransport.h"

#include <QPointer>
#include <QTimer>

namespace inkwell::test {

using net::Response;

struct FakeTransport::Pending
{
    QPointer<QObject> context;
    Callback done;
    QTimer *timer = nullptr;
};

FakeTransport::FakeTransport(QObject *parent) : QObject(parent) { }

FakeTransport::~FakeTransport()
{
    qDeleteAll(m_pending);
}

void FakeTransport::injectFault(Fault fault, int count, const QString &pathPart)
{
    m_faults.append({fault, count, pathPart});
}

int FakeTransport::requestCount(const QString &pathPart) const
{
    int count = 0;
    for (const net::Request &request : m_requests) {
        if (request.url.path().contains(pathPart))
            ++count;
    }
    return count;
}

Response FakeTransport::jsonResponse(int status, const QByteArray &json)
{
    Response response;
    response.status = status;
    response.headers.append(
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    response.body = json;
    return response;
}

bool FakeTransport::takeFault(const net::Request &request, Fault *fault)
{
    for (qsizetype i = 0; i < m_faults.size(); ++i) {
        Injected &injected = m_faults[i];
        if (!request.url.path().contains(injected.pathPart))
            continue;
        *fault = injected.fault;
        if (--injected.remaining <= 0)
            m_faults.removeAt(i);
        return true;
    }
    return false;
}

Response FakeTransport::respond(const net::Request &request)
{
    Response response = m_handler ? m_handler(request) : jsonResponse(404, "{}");
    net::classifyHttpResponse(&response);
    return response;
}

net::Transport::RequestId FakeTransport::send(const net::Request &request, QObject *context,
                                              Callback done)
{
    const RequestId id = m_nextId++;
    m_requests.append(request);
    auto *pending = new Pending{context, std::move(done), nullptr};
    m_pending.insert(id, pending);

    Fault fault;
    if (!takeFault(request, &fault)) {
        deliver(id, respond(request), std::chrono::milliseconds(0));
        return id;
    }
    Response response;
    switch (fault) {
    case Fault::Hang:
        response.error = {ErrorCode::Timeout, QStringLiteral("fake: no answer in time")};
        deliver(id, response, request.timeout);
        return id;
    case Fault::ConnectionRefused:
        response.error = {ErrorCode::Network, QStringLiteral("fake: connection refused")};
        break;
    case Fault::ConnectionReset:
        (void)respond(request);
        response.error = {ErrorCode::Network, QStringLiteral("fake: connection reset")};
        break;
    case Fault::TruncatedBody:
        response = respond(request);
        response.body.chop(response.body.size() / 2 + 1);
        response.error = {ErrorCode::Network, QStringLiteral("fake: truncated body")};
        break;
    case Fault::ServiceUnavailable:
        response = jsonResponse(503, R"({"error":{"code":"unavailable","message":"fake"}})");
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
        net::classifyHttpResponse(&response);
        break;
    case Fault::InternalServerError:
        response = jsonResponse(500, R"({"error":{"code":"internal","message":"fake"}})");
        net::classifyHttpResponse(&response);
        break;
    }
    deliver(id, response, std::chrono::milliseconds(0));
    return id;
}

void FakeTransport::deliver(RequestId id, Response response, std::chrono::milliseconds delay)
{
    Pending *pending = m_pending.value(id);
    pending->timer = new QTimer(this);
    pending->timer->setSingleShot(true);
    connect(pending->timer, &QTimer::timeout, this, [this, id, response = std::move(response)] {
        Pending *finished = m_pending.take(id);
        if (!finished)
            return;
        finished->timer->deleteLater();
        // Through the context's event loop, so a callback may delete this transport.
        if (finished->context) {
            QMetaObject::invokeMethod(
                    finished->context.data(),
                    [self = QPointer<FakeTransport>(this), done = std::move(finished->done),
                     response] {
                        if (self)
                            done(response);
                    },
                    Qt::QueuedConnection);
        }
        delete finished;
    });
    pending->timer->start(delay);
}

void FakeTransport::cancel(RequestId id)
{
    Pending *pending = m_pending.value(id);
    if (!pending)
        return;
    delete pending->timer;
    pending->timer = nullptr;
    Response response;
    response.error = {ErrorCode::Cancelled, QStringLiteral("fake: cancelled")};
    deliver(id, response, std::chrono::milliseconds(0));
}

} // namespace inkwell::test
