// Parked requests: an answer that waits for a change (HttpResponse::deferred) holds the
// connection, a timer and a subscription, but no thread. Wake-ups and the deadline look the
// answer up again on a worker; the peer closing the connection ends the wait at once.
#include "server/http/httpsession.h"

#include <boost/asio/post.hpp>

#include <QLoggingCategory>

#include <exception>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace inkwell::server::detail {

namespace {

// Bytes a parked connection may send before its answer (a pipelined next request); a peer that
// trickles more is cut off.
constexpr std::size_t peekBytes = 1024;

} // namespace

void HttpSession::park(HttpResponse response)
{
    if (m_closed)
        return;
    m_deferred = std::move(response.deferred);
    m_parked = true;
    m_lookAgain = m_lookFinal = false;
    m_stream.expires_never(); // the timer below bounds the wait, the read timeout does not
    m_parkTimer.emplace(m_stream.get_executor());
    m_parkTimer->expires_at(m_deferred->deadline);
    m_parkTimer->async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec && self->m_parked)
            self->look(true);
    });
    std::weak_ptr<HttpSession> weak = weak_from_this();
    m_unsubscribe = m_deferred->subscribe([weak] {
        if (const auto self = weak.lock()) {
            asio::post(self->m_stream.get_executor(), [self] {
                if (self->m_parked)
                    self->look(false);
            });
        }
    });
    watchPeer();
    // A change between the handler's lookup and the subscription would otherwise wait for the
    // deadline; a stopping server answers at once.
    look(m_context->stopping.load());
}

// Reads while parked, to notice the peer closing the connection. A client does not send before
// its answer; what it sends anyway stays buffered for the next request, up to peekBytes.
void HttpSession::watchPeer()
{
    m_stream.async_read_some(m_buffer.prepare(peekBytes),
                             [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                 self->m_buffer.commit(bytes);
                                 if (!self->m_parked)
                                     return; // answered meanwhile: the read was cancelled
                                 if (ec || self->m_buffer.size() > peekBytes) {
                                     qCDebug(lcHttp) << "a parked connection from" << self->m_peer
                                                     << "ended";
                                     return self->close();
                                 }
                                 self->watchPeer();
                             });
}

void HttpSession::look(bool final)
{
    if (m_looking) {
        m_lookAgain = true;
        m_lookFinal = m_lookFinal || final;
        return;
    }
    m_looking = true;
    asio::post(m_context->workers, [self = shared_from_this(), deferred = m_deferred, final] {
        std::optional<HttpResponse> response;
        try {
            response = deferred->answer(final);
        } catch (const std::exception &e) {
            qCCritical(lcHttp) << "deferred answer failed on" << self->m_path << e.what();
            response = errorResponse(500, QStringLiteral("Internal server error."));
        }
        if (final && !response)
            response = errorResponse(500, QStringLiteral("Internal server error."));
        asio::post(self->m_stream.get_executor(), [self, response = std::move(response)]() mutable {
            self->onLooked(std::move(response));
        });
    });
}

void HttpSession::onLooked(std::optional<HttpResponse> response)
{
    m_looking = false;
    if (!m_parked)
        return;
    if (response)
        return finishParked(std::move(*response));
    if (std::exchange(m_lookAgain, false))
        look(std::exchange(m_lookFinal, false));
}

void HttpSession::finishParked(HttpResponse response)
{
    unpark();
    beast::error_code ignored;
    m_stream.socket().cancel(ignored); // ends watchPeer's read
    response.deferred.reset();
    write(std::move(response));
}

// Drops the wait: the subscription, the timer and the deferred answer (with its place among
// the parked waiters).
void HttpSession::unpark()
{
    if (!m_parked)
        return;
    m_parked = false;
    if (m_unsubscribe)
        std::exchange(m_unsubscribe, nullptr)();
    if (m_parkTimer)
        m_parkTimer->cancel();
    m_deferred.reset();
}

} // namespace inkwell::server::detail
