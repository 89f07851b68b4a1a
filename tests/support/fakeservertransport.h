#pragma once

#include "net/transport.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace inkwell::test {

class FakeServer;

// A Transport that serves a FakeServer in-process, like Nextcloud's FakeQNAM: answers arrive
// asynchronously from the event loop; faults can be injected per path and overrides can replace
// any answer. Every request is recorded.
class FakeServerTransport final : public QObject, public net::Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeServerTransport)

public:
    enum class Fault {
        Status500, // not processed; 500 Internal Server Error
        Status503, // not processed; 503 with Retry-After: 0
        Status429, // not processed; 429 with Retry-After: 0
        Hang, // never answered; fails with Timeout after the request's timeout
        ConnectionReset, // processed by the server, then the connection drops (response lost)
        RefusedConnection, // not processed; connection refused (server down)
        TruncatedBody, // processed; the 200 body is cut in half
    };
    using Override = std::function<std::optional<net::Response>(const net::Request &)>;

    explicit FakeServerTransport(FakeServer *server, QObject *parent = nullptr);
    ~FakeServerTransport() override;

    // The next `count` requests whose URL path contains pathPart fail with fault.
    void injectFault(const QString &pathPart, Fault fault, int count = 1);
    // Every request matching nothing else fails with RefusedConnection while down.
    void setServerDown(bool down) { m_down = down; }
    // Called for every request first; a returned response is delivered instead of the server's.
    void setOverride(Override override) { m_override = std::move(override); }

    RequestId send(const net::Request &request, QObject *context, Callback done) override;
    void cancel(RequestId id) override;

    QList<net::Request> requests; // every request sent, in order
    int countRequests(const QString &pathPart, net::Method method) const;
    int inFlight() const { return int(m_pending.size()); }

private:
    struct Injection
    {
        QString pathPart;
        Fault fault;
        int remaining;
    };
    struct Pending
    {
        RequestId id;
        QPointer<QObject> context;
        Callback done;
    };
    std::optional<Fault> takeFault(const QString &path);
    net::Response respond(const net::Request &request, std::optional<Fault> fault);
    void deliver(RequestId id, const net::Response &response);

    FakeServer *m_server;
    QList<Injection> m_injections;
    QList<Pending> m_pending;
    Override m_override;
    RequestId m_nextId = 1;
    bool m_down = false;
};

} // namespace inkwell::test
