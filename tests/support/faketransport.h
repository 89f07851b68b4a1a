#pragma once

#include "net/transport.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>

namespace inkwell::test {

// An in-process Transport for unit tests: a handler plays the server, faults are injected per
// request, and every request is recorded. Responses are delivered asynchronously like the real
// transport (never inside send()).
class FakeTransport final : public QObject, public net::Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeTransport)

public:
    // Plays the server: returns the response to a request (status, headers, body). The transport
    // classifies it with net::classifyHttpResponse afterwards.
    using Handler = std::function<net::Response(const net::Request &)>;

    enum class Fault {
        Hang, // no answer; fails with Timeout after the request's timeout (or on cancel)
        ConnectionRefused, // Network error, the handler is not called
        ConnectionReset, // handler runs (the server applied it) but the answer is lost: Network
        TruncatedBody, // handler runs, the body is cut short: Network
        ServiceUnavailable, // 503 with Retry-After: 1, the handler is not called
        InternalServerError, // 500, the handler is not called
    };

    explicit FakeTransport(QObject *parent = nullptr);
    ~FakeTransport() override;

    // The server; without one every request gets 404.
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // The next `count` requests whose URL path contains pathPart (empty: any) suffer fault.
    void injectFault(Fault fault, int count = 1, const QString &pathPart = {});
    void clearFaults() { m_faults.clear(); }
    // Every request sent so far, in order.
    const QList<net::Request> &requests() const { return m_requests; }
    int requestCount(const QString &pathPart = {}) const;
    // Requests sent whose callbacks have not run yet.
    int pendingCount() const { return int(m_pending.size()); }

    RequestId send(const net::Request &request, QObject *context, Callback done) override;
    void cancel(RequestId id) override;

    // A response with this status and JSON body, e.g. for handlers.
    static net::Response jsonResponse(int status, const QByteArray &json);

private:
    struct Injected
    {
        Fault fault;
        int remaining;
        QString pathPart;
    };
    struct Pending;
    bool takeFault(const net::Request &request, Fault *fault);
    net::Response respond(const net::Request &request);
    void deliver(RequestId id, net::Response response, std::chrono::milliseconds delay);

    Handler m_handler;
    QList<Injected> m_faults;
    QList<net::Request> m_requests;
    QHash<RequestId, Pending *> m_pending;
    RequestId m_nextId = 1;
};

} // namespace inkwell::test
