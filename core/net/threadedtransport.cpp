#include "net/threadedtransport.h"

#include "net/networktransport.h"

namespace inkwell::net {

ThreadedTransport::ThreadedTransport(Factory make, QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("inkwell-network"));
    m_thread.start();
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    // Not waited for: the caller goes on (opening its store, say) while the thread starts and
    // builds its QNetworkAccessManager. Whatever is queued after this runs after it.
    QMetaObject::invokeMethod(
            m_worker,
            [this, make = std::move(make)] {
                m_inner = make ? make() : std::make_unique<NetworkTransport>();
            },
            Qt::QueuedConnection);
}

ThreadedTransport::~ThreadedTransport()
{
    // The inner transport and the worker go on their own thread; their callbacks never run.
    QMetaObject::invokeMethod(
            m_worker,
            [this] {
                m_inner.reset();
                delete m_worker;
            },
            Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

Transport::RequestId ThreadedTransport::send(const Request &request, QObject *context,
                                             Callback done)
{
    const RequestId id = m_nextId++;
    m_pending.insert(id, Pending{context, std::move(done)});
    QMetaObject::invokeMethod(
            m_worker,
            [this, id, request] {
                const RequestId inner =
                        m_inner->send(request, m_worker, [this, id, request](Response response) {
                            m_innerIds.remove(id);
                            // Decoding, typically: done here so the thread that waits for the
                            // answer does not have to.
                            prepare(request, &response);
                            // Back to the thread that owns this object; dropped if it is gone by
                            // then.
                            QMetaObject::invokeMethod(
                                    this, [this, id, response] { deliver(id, response); },
                                    Qt::QueuedConnection);
                        });
                m_innerIds.insert(id, inner);
            },
            Qt::QueuedConnection);
    return id;
}

void ThreadedTransport::connectAhead(const QUrl &server)
{
    QMetaObject::invokeMethod(
            m_worker, [this, server] { m_inner->connectAhead(server); }, Qt::QueuedConnection);
}

void ThreadedTransport::cancel(RequestId id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    // Cancelled is delivered from here (later, from the event loop), whatever the network thread
    // is doing with the request: its own answer, if any, then finds no pending request.
    Pending pending = std::move(*it);
    m_pending.erase(it);
    Response cancelled;
    cancelled.error = Error{ErrorCode::Cancelled, QStringLiteral("the request was cancelled")};
    QMetaObject::invokeMethod(
            this,
            [pending = std::move(pending), cancelled] {
                if (pending.context)
                    pending.done(cancelled);
            },
            Qt::QueuedConnection);
    QMetaObject::invokeMethod(
            m_worker,
            [this, id] {
                const auto inner = m_innerIds.constFind(id);
                if (inner != m_innerIds.cend())
                    m_inner->cancel(*inner); // requests start in order: id is known here by now
            },
            Qt::QueuedConnection);
}

void ThreadedTransport::deliver(RequestId id, const Response &response)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending pending = std::move(*it);
    m_pending.erase(it);
    if (pending.context) // not destroyed meanwhile
        pending.done(response);
}

} // namespace inkwell::net
