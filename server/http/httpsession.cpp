#include "server/http/httpsession.h"

#include "model/error.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <exception>

#include <netinet/in.h>
#include <netinet/tcp.h>

Q_LOGGING_CATEGORY(lcHttp, "inkwell.server.http")
Q_LOGGING_CATEGORY(lcAccess, "inkwell.server.access")

namespace inkwell::server::detail {

namespace {

ErrorCode errorCodeForStatus(int status)
{
    switch (status) {
    case 400:
        return ErrorCode::Malformed;
    case 408:
        return ErrorCode::Timeout;
    case 413:
    case 431:
        return ErrorCode::TooLarge;
    case 503:
        return ErrorCode::ServerUnavailable;
    default:
        return ErrorCode::ServerError;
    }
}

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

// PUT /api/v1/blogs/{blog}/blobs/{sha256} may carry a blob, which has its own, larger limit.
bool isBlobUpload(http::verb method, beast::string_view target)
{
    static const QRegularExpression blobPath(
            QStringLiteral("^/api/v1/blogs/[^/?]+/blobs/[0-9a-fA-F]{64}(\\?.*)?$"));
    return method == http::verb::put
            && blobPath.match(QString::fromUtf8(target.data(), qsizetype(target.size())))
                       .hasMatch();
}

// Acknowledges received data at once while a request is read. Qt's QNetworkAccessManager leaves
// Nagle's algorithm on, so the last, partial segment of a large request body waits until the
// data before it is acknowledged; with Linux's delayed ACK (up to 40 ms) every large upload
// would stall that long. The flag is not sticky (the kernel may leave quick-ACK mode again),
// so it is set before each read.
void acknowledgeAtOnce([[maybe_unused]] tcp::socket &socket)
{
#ifdef TCP_QUICKACK
    using QuickAck = asio::detail::socket_option::boolean<IPPROTO_TCP, TCP_QUICKACK>;
    beast::error_code ec;
    socket.set_option(QuickAck(true), ec); // best effort: only a latency optimisation
#endif
}

// The room a body is read into: Beast reads at most 64 KiB at a time.
constexpr std::size_t bodyReadBytes = 64 * 1024;

} // namespace

void ByteArrayBody::reader::init(const boost::optional<std::uint64_t> &length,
                                 beast::error_code &ec)
{
    // The parser's body limit has already refused lengths beyond the route's limit.
    if (length)
        m_body.reserve(qsizetype(*length));
    ec = {};
}

bool Budget::reserve(qint64 amount)
{
    qint64 used = m_used.load();
    do {
        if (used + amount > m_limit)
            return false;
    } while (!m_used.compare_exchange_weak(used, used + amount));
    return true;
}

HttpResponse errorResponse(int status, const QString &message)
{
    const QJsonObject error{{QStringLiteral("code"), errorCodeName(errorCodeForStatus(status))},
                            {QStringLiteral("message"), message}};
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(QJsonObject{{QStringLiteral("error"), error}})
                            .toJson(QJsonDocument::Compact);
    if (status == 503)
        response.headers.append({QByteArrayLiteral("retry-after"), QByteArrayLiteral("1")});
    return response;
}

HttpSession::HttpSession(tcp::socket socket, std::string address,
                         std::shared_ptr<ServerContext> context)
    : m_stream(std::move(socket)), m_context(std::move(context)), m_address(std::move(address)),
      m_peer(QString::fromStdString(m_address))
{
    beast::error_code ec;
    m_stream.socket().set_option(tcp::no_delay(true), ec); // answers go out at once (no Nagle)
}

HttpSession::~HttpSession()
{
    unpark();
    {
        std::lock_guard lock(m_context->mutex);
        m_context->sessions.erase(this);
        m_context->connections.fetch_sub(1);
        if (const auto from = m_context->connectionsFrom.find(m_address);
            from != m_context->connectionsFrom.end() && --from->second <= 0)
            m_context->connectionsFrom.erase(from);
    }
    releaseReservations();
    m_context->drained.notify_all();
}

void HttpSession::start()
{
    {
        std::lock_guard lock(m_context->mutex);
        m_context->sessions.emplace(this, weak_from_this());
    }
    asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] { self->readHeader(); });
}

void HttpSession::shutdown()
{
    asio::post(m_stream.get_executor(), [self = shared_from_this()] {
        if (self->m_parked) {
            self->m_keepAlive = false;
            return self->look(true);
        }
        if (self->m_waitingForRequest && self->m_parser && !self->m_parser->got_some()
            && self->m_buffer.size() == 0)
            self->close();
        else
            self->m_keepAlive = false; // answer the request in progress, then close
    });
}

void HttpSession::readHeader()
{
    if (m_closed)
        return;
    if (m_context->stopping && m_buffer.size() == 0) {
        close();
        return;
    }
    m_parser.emplace();
    m_parser->header_limit(std::uint32_t(m_context->limits.maxHeaderBytes));
    // The route's limit is set once the request is admitted (see onAdmitted): an announced
    // length is answered by the admission (401, 404, ...) before it is judged by size.
    m_parser->body_limit(boost::none);
    m_waitingForRequest = true;
    // A new connection must send its first header soon; a kept-alive one may wait for the next.
    m_stream.expires_after(m_requests == 0 ? m_context->limits.headerTimeout
                                           : m_context->limits.idleTimeout);
    acknowledgeAtOnce(m_stream.socket());
    http::async_read_header(
            m_stream, m_buffer, *m_parser,
            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onHeader(ec); });
}

HttpRequest HttpSession::headerRequest() const
{
    const auto &message = m_parser->get();
    HttpRequest request;
    request.method = m_method;
    request.target = QByteArray(message.target().data(), qsizetype(message.target().size()));
    for (const auto &field : message) {
        request.headers.append(
                {QByteArray(field.name_string().data(), qsizetype(field.name_string().size()))
                         .toLower(),
                 QByteArray(field.value().data(), qsizetype(field.value().size()))});
    }
    request.peerAddress = m_peer;
    return request;
}

// Without an admitter every request is admitted to the workers with the configured body limits.
Admission HttpSession::defaultAdmission() const
{
    const auto &request = m_parser->get();
    Admission admission;
    admission.maxBodyBytes = isBlobUpload(request.method(), request.target())
            ? m_context->limits.maxBlobBytes
            : m_context->limits.maxBodyBytes;
    return admission;
}

void HttpSession::onHeader(beast::error_code ec)
{
    m_waitingForRequest = false;
    if (ec)
        return failRead(ec);
    m_startedNs = monotonicNs();
    const auto &request = m_parser->get();
    m_method =
            QByteArray(request.method_string().data(), qsizetype(request.method_string().size()));
    const auto target = request.target();
    m_path = QByteArray(target.data(), qsizetype(target.size()));
    m_path.truncate(m_path.indexOf('?') < 0 ? m_path.size() : m_path.indexOf('?'));
    if (!m_context->admitter)
        return onAdmitted(defaultAdmission());
    // The admitter may look up tokens in the database: never on the I/O thread.
    asio::post(m_context->workers, [self = shared_from_this(), header = headerRequest()] {
        Admission admission;
        try {
            admission = self->m_context->admitter(header);
        } catch (const std::exception &e) {
            qCCritical(lcHttp) << "admission failed on" << header.method << self->m_path
                               << e.what();
            admission.refusal = errorResponse(500, QStringLiteral("Internal server error."));
        }
        asio::post(self->m_stream.get_executor(),
                   [self, admission = std::move(admission)]() mutable {
                       self->onAdmitted(std::move(admission));
                   });
    });
}

void HttpSession::onAdmitted(Admission admission)
{
    if (m_closed)
        return;
    if (admission.refusal)
        return refuse(std::move(*admission.refusal));
    const qint64 limit = admission.maxBodyBytes;
    const auto length = m_parser->content_length();
    if (length && *length > std::uint64_t(limit))
        return reject(413, QStringLiteral("The request body is larger than %1 bytes.").arg(limit));
    if (!reserve(admission))
        return reject(503, QStringLiteral("The server is busy; retry shortly."));
    m_lane = admission.lane;
    m_grant = std::move(admission.grant);
    m_parser->body_limit(std::uint64_t(limit));
    if (beast::iequals(m_parser->get()[http::field::expect], "100-continue")) {
        static const char continueLine[] = "HTTP/1.1 100 Continue\r\n\r\n";
        m_stream.expires_after(m_context->limits.readTimeout);
        asio::async_write(m_stream, asio::buffer(continueLine, sizeof continueLine - 1),
                          [self = shared_from_this()](beast::error_code writeEc, std::size_t) {
                              if (writeEc)
                                  return self->close();
                              self->readBody();
                          });
        return;
    }
    readBody();
}

// Takes the request's share of the server-wide budgets: a place in the login lane, and the bytes
// of its body (a chunked body reserves its route's limit). False (nothing taken) when either is
// exhausted.
bool HttpSession::reserve(const Admission &admission)
{
    if (admission.lane == Admission::Lane::Login) {
        if (!reserveLoginPlace(admission.client))
            return false;
    }
    if (!m_parser->is_done()) { // a body follows
        const auto length = m_parser->content_length();
        const qint64 bytes = length ? qint64(*length) : admission.maxBodyBytes;
        if (!m_context->bodyBytes.reserve(bytes)) {
            releaseReservations();
            qCWarning(lcHttp) << "refusing a body of" << bytes << "bytes from" << m_peer
                              << ": bodies in flight reached"
                              << m_context->limits.maxBodyBytesInFlight << "bytes";
            return false;
        }
        m_reservedBytes = bytes;
    }
    return true;
}

void HttpSession::releaseReservations()
{
    if (m_reservedBytes > 0)
        m_context->bodyBytes.release(std::exchange(m_reservedBytes, 0));
    if (std::exchange(m_reservedLogin, false)) {
        m_context->logins.release(1);
        std::lock_guard lock(m_context->mutex);
        if (--m_context->loginsFrom[m_loginClient] <= 0)
            m_context->loginsFrom.remove(m_loginClient);
    }
}

// A place in the login lane, unless the lane is full or `client` already holds its share.
bool HttpSession::reserveLoginPlace(const QString &client)
{
    std::lock_guard lock(m_context->mutex);
    int &held = m_context->loginsFrom[client];
    if (held >= m_context->limits.maxLoginsPerClient() || !m_context->logins.reserve(1)) {
        qCInfo(lcHttp) << "refusing a login from" << client << "holding" << held
                       << "login places: the lane or that address's share is full";
        if (held == 0)
            m_context->loginsFrom.remove(client);
        return false;
    }
    ++held;
    m_reservedLogin = true;
    m_loginClient = client;
    return true;
}

void HttpSession::readBody()
{
    m_stream.expires_after(m_context->limits.readTimeout); // for the whole body
    // Beast reads at most the buffer's free room (at least 512 bytes) at a time, and the header
    // leaves it a few hundred bytes: a megabyte's push would take thousands of reads, each with
    // its system calls (the read, the wait, the quick ACK, the timer). With room for up to 64
    // KiB (Beast's largest read) it takes a few dozen. Given back in onBody().
    const std::size_t room = m_parser->content_length_remaining().value_or(bodyReadBytes);
    m_buffer.reserve(m_buffer.size() + std::min(room, bodyReadBytes));
    readMoreBody();
}

// The body is read piece by piece so that every read acknowledges at once (acknowledgeAtOnce).
void HttpSession::readMoreBody()
{
    if (m_parser->is_done())
        return onBody({});
    acknowledgeAtOnce(m_stream.socket());
    http::async_read_some(m_stream, m_buffer, *m_parser,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              self->m_context->bodyReads.fetch_add(1, std::memory_order_relaxed);
                              if (ec)
                                  return self->onBody(ec);
                              self->readMoreBody();
                          });
}

void HttpSession::onBody(beast::error_code ec)
{
    if (ec)
        return failRead(ec);
    m_buffer.shrink_to_fit(); // an idle connection keeps only what it has read ahead
    dispatch();
}

void HttpSession::failRead(beast::error_code ec)
{
    if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == beast::error::timeout
        || ec == asio::error::operation_aborted || ec == asio::error::connection_reset
        || ec == http::error::partial_message) {
        if (ec == beast::error::timeout)
            qCDebug(lcHttp) << "closing connection from" << m_peer << "after a timeout";
        return close();
    }
    if (ec == http::error::header_limit)
        return reject(431,
                      QStringLiteral("The request header is larger than %1 bytes.")
                              .arg(m_context->limits.maxHeaderBytes));
    if (ec == http::error::body_limit)
        return reject(413, QStringLiteral("The request body is too large."));
    if (ec.category() == beast::error_code(http::error::bad_method).category()
        || ec == http::error::buffer_overflow)
        return reject(400, QStringLiteral("Malformed HTTP request."));
    qCDebug(lcHttp) << "read from" << m_peer << "failed:" << ec.message().c_str();
    close();
}

void HttpSession::dispatch()
{
    HttpRequest request = headerRequest();
    auto message = m_parser->release();
    m_keepAlive = message.keep_alive() && !m_context->stopping;
    request.body = std::move(message.body());
    request.admission = std::move(m_grant);
    m_grant.reset();
    m_parser.reset();
    auto &lane = m_lane == Admission::Lane::Login ? m_context->loginWorkers : m_context->workers;
    asio::post(lane, [self = shared_from_this(), request = std::move(request)] {
        HttpResponse response;
        try {
            response = self->m_context->handler(request);
        } catch (const std::exception &e) {
            qCCritical(lcHttp) << "handler failed on" << request.method << self->m_path << e.what();
            response = errorResponse(500, QStringLiteral("Internal server error."));
        }
        asio::post(self->m_stream.get_executor(), [self, response = std::move(response)]() mutable {
            self->write(std::move(response));
        });
    });
}

void HttpSession::write(HttpResponse response)
{
    releaseReservations(); // answered: the body and the lane place are no longer held
    if (response.deferred)
        return park(std::move(response));
    ++m_requests;
    const bool close = !m_keepAlive || m_context->stopping;
    auto out = std::make_shared<http::response<ByteArrayBody>>();
    out->version(11);
    out->result(unsigned(response.status));
    out->set(http::field::server, "inkwell-server");
    if (!response.contentType.isEmpty())
        out->set(http::field::content_type,
                 beast::string_view(response.contentType.constData(),
                                    std::size_t(response.contentType.size())));
    for (const auto &[name, value] : std::as_const(response.headers))
        out->set(beast::string_view(name.constData(), std::size_t(name.size())),
                 beast::string_view(value.constData(), std::size_t(value.size())));
    out->body() = std::move(response.body);
    out->keep_alive(!close);
    out->prepare_payload();
    if (!m_method.isEmpty()) {
        qCInfo(lcAccess).noquote() << m_peer << m_method << m_path << response.status
                                   << QString::number((monotonicNs() - m_startedNs) / 1e6, 'f', 2)
                        + QStringLiteral("ms");
    }
    m_stream.expires_after(m_context->limits.readTimeout);
    if (m_method == "HEAD") {
        // The same header as GET would get (Content-Length included), without the body.
        auto head = std::make_shared<http::response<http::empty_body>>(std::move(out->base()));
        head->content_length(out->body().size());
        return send(std::move(head), close);
    }
    send(std::move(out), close); // Beast sends header and body with one gathered write
}

template<class Message>
void HttpSession::send(std::shared_ptr<Message> message, bool close)
{
    m_response = message;
    http::async_write(m_stream, *message,
                      [self = shared_from_this(), close](beast::error_code ec, std::size_t) {
                          self->onWrite(ec, close);
                      });
}

void HttpSession::onWrite(beast::error_code ec, bool close)
{
    m_response.reset();
    m_method.clear();
    if (ec || close)
        return m_rejected ? drainAndClose() : this->close();
    readHeader();
}

void HttpSession::drainAndClose()
{
    // Closing with unread request bytes makes the kernel send a reset, which can destroy the
    // error answer before the client reads it: stop sending, discard a bounded amount, then close.
    beast::error_code ec;
    m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    m_drained = 0;
    m_stream.expires_after(std::chrono::seconds(2)); // for the whole drain
    drainSome();
}

void HttpSession::drainSome()
{
    static constexpr std::size_t maxDrainBytes = 4 * 1024 * 1024;
    m_buffer.clear();
    m_stream.async_read_some(m_buffer.prepare(16 * 1024),
                             [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                 self->m_drained += n;
                                 if (ec || self->m_drained > maxDrainBytes)
                                     return self->close();
                                 self->drainSome();
                             });
}

void HttpSession::reject(int status, const QString &message)
{
    qCInfo(lcHttp).noquote() << "rejecting request from" << m_peer << "with" << status << message;
    m_keepAlive = false; // the rest of the stream cannot be trusted or is not worth reading
    m_rejected = true;
    m_parser.reset();
    write(errorResponse(status, message));
}

// Answers a request the admission refused. Its body (if any) is never read: the connection closes
// after the answer. A request without a body leaves the connection usable.
void HttpSession::refuse(HttpResponse response)
{
    if (m_parser->is_done()) {
        m_keepAlive = m_parser->get().keep_alive() && !m_context->stopping;
    } else {
        m_keepAlive = false;
        m_rejected = true;
    }
    m_parser.reset();
    write(std::move(response));
}

void HttpSession::close()
{
    if (m_closed)
        return;
    m_closed = true;
    unpark();
    beast::error_code ec;
    m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    m_stream.close();
}

} // namespace inkwell::server::detail
