#pragma once

#include "net/transport.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

namespace inkwell::net {

// A Transport whose requests run on a network thread of their own (a NetworkTransport there by
// default), with callbacks delivered on the thread that uses this one, as the Transport contract
// says.
//
// Why: QNetworkAccessManager starts a request, and feeds it its body, from the event loop of the
// thread that owns it. The sync worker sends the next page's request and then spends tens of
// milliseconds writing the current page; on the worker's own QNAM the request would only leave
// once that write was done, and the server would idle while the client writes.
class ThreadedTransport final : public QObject, public Transport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreadedTransport)

public:
    using Factory = std::function<std::unique_ptr<Transport>()>;

    // make runs on the network thread and creates the transport that does the work there.
    explicit ThreadedTransport(Factory make = {}, QObject *parent = nullptr);
    // Stops the network thread; requests in flight are dropped without callbacks.
    ~ThreadedTransport() override;

    RequestId send(const Request &request, QObject *context, Callback done) override;
    void cancel(RequestId id) override;
    void connectAhead(const QUrl &server) override;

    // Requests sent and not yet delivered.
    int pendingCount() const { return int(m_pending.size()); }

private:
    struct Pending
    {
        QPointer<QObject> context;
        Callback done;
    };
    void deliver(RequestId id, const Response &response);

    QThread m_thread;
    QObject *m_worker = nullptr; // lives on m_thread; owns the inner transport's context
    std::unique_ptr<Transport> m_inner; // created, used and destroyed on m_thread
    QHash<RequestId, Pending> m_pending; // this thread only
    QHash<RequestId, RequestId> m_innerIds; // m_thread only
    RequestId m_nextId = 1;
};

} // namespace inkwell::net
