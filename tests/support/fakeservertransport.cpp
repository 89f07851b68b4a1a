#include "support/fakeservertransport.h"

#include "support/fakeserver.h"

#include <QTimer>

namespace inkwell::test {

FakeServerTransport::FakeServerTransport(FakeServer *server, QObject *parent)
    : QObject(parent), m_server(server)
{ }

FakeServerTransport::~FakeServerTransport() = default;

void FakeServerTransport::injectFault(const QString &pathPart, Fault fault, int count)
{
    m_injections.append({pathPart, fault, count});
}

int FakeServerTransport::countRequests(const QString &pathPart, net::Method method) const
{
    return int(std::count_if(requests.cbegin(), requests.cend(), [&](const net::Request &r) {
        return r.method == method && r.url.path().contains(pathPart);
    }));
}

std::optional<FakeServerTransport::Fault> FakeServerTransport::takeFault(const QString &path)
{
    for (auto it = m_injections.begin(); it != m_injections.end(); ++it) {
        if (it->remaining > 0 && path.contains(it->pathPart)) {
            const Fault fault = it->fault;
            if (--it->remaining == 0)
                m_injections.erase(it);
            return fault;
        }
    }
    return std::nullopt;
}

net::Response FakeServerTransport::respond(const net::Request &request, std::optional<Fault> fault)
{
    net::Response response;
    auto statusOnly = [&](int status) {
        response.status = status;
        response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("0")));
        response.body = R"({"error":{"code":"unavailable","message":"injected"}})";
        net::classifyHttpResponse(&response);
        return response;
    };
    if (m_down || fault == Fault::RefusedConnection) {
        response.error = {ErrorCode::Network, QStringLiteral("Connection refused")};
        return response;
    }
    if (fault == Fault::Status500)
        return statusOnly(500);
    if (fault == Fault::Status503)
        return statusOnly(503);
    if (fault == Fault::Status429)
        return statusOnly(429);
    response = m_server->handle(request);
    if (fault == Fault::ConnectionReset) {
        response = net::Response{};
        response.error = {ErrorCode::Network, QStringLiteral("Connection reset by peer")};
    } else if (fault == Fault::TruncatedBody) {
        response.body.truncate(response.body.size() / 2);
    }
    return response;
}

net::Transport::RequestId FakeServerTransport::send(const net::Request &request, QObject *context,
                                                    Callback done)
{
    const RequestId id = m_nextId++;
    requests.append(request);
    m_pending.append({id, context, std::move(done)});
    if (m_override) {
        const Override current = m_override; // the override may replace itself
        if (auto overridden = current(request)) {
            QTimer::singleShot(0, this, [this, id, r = *overridden] { deliver(id, r); });
            return id;
        }
    }
    const auto fault = takeFault(request.url.path());
    if (fault == Fault::Hang) {
        QTimer::singleShot(request.timeout, this, [this, id] {
            net::Response timedOut;
            timedOut.error = {ErrorCode::Timeout, QStringLiteral("injected hang")};
            deliver(id, timedOut);
        });
        return id;
    }
    // The server acts when the request arrives, like a real one: before the answer is read.
    const net::Response response = respond(request, fault);
    QTimer::singleShot(0, this, [this, id, response] { deliver(id, response); });
    return id;
}

void FakeServerTransport::cancel(RequestId id)
{
    net::Response cancelled;
    cancelled.error = {ErrorCode::Cancelled, QStringLiteral("cancelled")};
    QTimer::singleShot(0, this, [this, id, cancelled] { deliver(id, cancelled); });
}

void FakeServerTransport::deliver(RequestId id, const net::Response &response)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(),
                                 [id](const Pending &p) { return p.id == id; });
    if (it == m_pending.end())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    if (pending.context)
        pending.done(response);
}

} // namespace inkwell::test
