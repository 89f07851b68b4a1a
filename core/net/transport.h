#pragma once

#include "net/request.h"
#include "net/response.h"

#include <functional>

class QObject;

namespace inkwell::net {

// Sends HTTP requests asynchronously. A Transport is used only on the thread that created it
// (the sync worker thread); callbacks run on that thread from its event loop, never inside send()
// or cancel(), so a callback may delete the transport. Destroying it drops pending callbacks.
class Transport
{
public:
    using RequestId = quint64;
    using Callback = std::function<void(const Response &)>;

    virtual ~Transport() = default;

    // Starts request; done is called exactly once with the response, unless context (not null,
    // same thread) is destroyed first (then never). Returns an id for cancel().
    virtual RequestId send(const Request &request, QObject *context, Callback done) = 0;

    // Aborts a request still in flight; its callback receives ErrorCode::Cancelled.
    // Unknown or finished ids are ignored.
    virtual void cancel(RequestId id) = 0;

    // Requests to server (its scheme, host and port) are about to follow: a transport may open
    // the connection now, while its user prepares them. Does nothing by default.
    virtual void connectAhead(const QUrl &server) { Q_UNUSED(server); }

protected:
    Transport() = default;
    Q_DISABLE_COPY_MOVE(Transport)
};

} // namespace inkwell::net
