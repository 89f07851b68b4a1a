#pragma once

// Private to server/http: the only header that includes Boost.Beast. Never include it elsewhere.

#include "server/http/httpserver.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <QHash>
#include <any>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace inkwell::server::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class HttpSession;

// A request body as Beast reads it straight into the QByteArray the handler gets (and a response
// body written from the QByteArray the handler made): no copy through std::string.
struct ByteArrayBody
{
    using value_type = QByteArray;

    static std::uint64_t size(const value_type &body) { return std::uint64_t(body.size()); }

    class reader
    {
    public:
        template<bool isRequest, class Fields>
        reader(http::header<isRequest, Fields> &, value_type &body) : m_body(body)
        { }
        void init(const boost::optional<std::uint64_t> &length, beast::error_code &ec);
        template<class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence &buffers, beast::error_code &ec)
        {
            std::size_t taken = 0;
            for (const auto buffer : beast::buffers_range_ref(buffers)) {
                m_body.append(static_cast<const char *>(buffer.data()), qsizetype(buffer.size()));
                taken += buffer.size();
            }
            ec = {};
            return taken;
        }
        void finish(beast::error_code &ec) { ec = {}; }

    private:
        value_type &m_body;
    };

    class writer
    {
    public:
        using const_buffers_type = asio::const_buffer;

        template<bool isRequest, class Fields>
        writer(const http::header<isRequest, Fields> &, const value_type &body) : m_body(body)
        { }
        void init(beast::error_code &ec) { ec = {}; }
        boost::optional<std::pair<const_buffers_type, bool>> get(beast::error_code &ec)
        {
            ec = {};
            return {{const_buffers_type(m_body.constData(), std::size_t(m_body.size())), false}};
        }

    private:
        const value_type &m_body;
    };
};

// A server-wide budget (bytes of bodies, queued logins) that requests reserve and give back.
class Budget
{
public:
    explicit Budget(qint64 limit) : m_limit(limit) { }
    // Takes `amount` if it fits; false (and nothing taken) when it does not.
    bool reserve(qint64 amount);
    void release(qint64 amount) { m_used.fetch_sub(amount); }
    qint64 used() const { return m_used.load(); }

private:
    const qint64 m_limit;
    std::atomic<qint64> m_used = 0;
};

// State shared by the server and its sessions; outlives every session.
struct ServerContext
{
    HttpLimits limits;
    RequestHandler handler;
    Admitter admitter;
    asio::thread_pool workers;
    asio::thread_pool loginWorkers; // the login lane: password hashes never hold `workers`
    std::atomic<bool> stopping = false;
    std::atomic<int> connections = 0;
    std::atomic<qint64> bodyReads = 0; // reads of request bodies from their sockets
    Budget bodyBytes; // bodies of admitted requests being read or handled
    Budget logins; // logins admitted to the lane, running or queued
    std::mutex mutex; // guards sessions, connectionsFrom and loginsFrom
    std::condition_variable drained; // notified whenever a session ends
    std::unordered_map<HttpSession *, std::weak_ptr<HttpSession>> sessions;
    std::unordered_map<std::string, int> connectionsFrom; // open connections per peer address
    QHash<QString, int> loginsFrom; // login lane places per client address

    ServerContext(HttpLimits l, RequestHandler h)
        : limits(l), handler(std::move(h)), workers(std::max(1, l.workerThreads)),
          loginWorkers(std::max(1, l.loginThreads)), bodyBytes(l.maxBodyBytesInFlight),
          logins(qint64(std::max(1, l.loginThreads)) + std::max(0, l.maxQueuedLogins))
    { }
};

// One connection: reads a request header, asks the admitter about it (on the worker pool), reads
// the body of an admitted request within the budgets, runs the handler on the request's lane,
// writes the answer, and repeats while the connection is kept alive.
class HttpSession final : public std::enable_shared_from_this<HttpSession>
{
public:
    // `address` is the peer address counted in ServerContext::connectionsFrom.
    HttpSession(tcp::socket socket, std::string address, std::shared_ptr<ServerContext> context);
    ~HttpSession();

    void start();
    // Closes the connection if it waits for a request; a request in progress is finished first,
    // and a parked one is answered at once.
    void shutdown();

private:
    void readHeader();
    void onHeader(beast::error_code ec);
    HttpRequest headerRequest() const;
    Admission defaultAdmission() const;
    void onAdmitted(Admission admission);
    bool reserve(const Admission &admission);
    bool reserveLoginPlace(const QString &client);
    void releaseReservations();
    void readBody();
    void readMoreBody();
    void onBody(beast::error_code ec);
    void dispatch();
    void write(HttpResponse response);
    template<class Message>
    void send(std::shared_ptr<Message> message, bool close);
    void onWrite(beast::error_code ec, bool close);
    void failRead(beast::error_code ec);
    void reject(int status, const QString &message);
    void refuse(HttpResponse response);
    void close();
    void drainAndClose();
    void drainSome();
    // A deferred answer (httppark.cpp): the connection waits with a timer, no thread.
    void park(HttpResponse response);
    void watchPeer();
    void look(bool final);
    void onLooked(std::optional<HttpResponse> response);
    void finishParked(HttpResponse response);
    void unpark();

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<ByteArrayBody>> m_parser;
    std::shared_ptr<ServerContext> m_context;
    std::shared_ptr<void> m_response; // the message being written

    std::string m_address;
    QString m_peer;
    Admission::Lane m_lane = Admission::Lane::Workers;
    std::any m_grant; // the admission's grant, for the handler
    qint64 m_reservedBytes = 0;
    bool m_reservedLogin = false;
    QString m_loginClient; // the address whose login place m_reservedLogin holds
    int m_requests = 0; // requests answered on this connection
    QByteArray m_method;
    QByteArray m_path;
    qint64 m_startedNs = 0;
    bool m_waitingForRequest = false;
    bool m_keepAlive = true;
    bool m_closed = false;
    bool m_rejected = false;
    std::size_t m_drained = 0;

    // While parked: the answer being waited for, its wake-up subscription and deadline.
    std::shared_ptr<DeferredAnswer> m_deferred;
    std::function<void()> m_unsubscribe;
    std::optional<asio::steady_timer> m_parkTimer;
    bool m_parked = false;
    bool m_looking = false; // an answer is being looked up on a worker
    bool m_lookAgain = false; // woken during that lookup
    bool m_lookFinal = false; // the deadline or shutdown came during that lookup
};

// The JSON error body every error answer of the front carries.
HttpResponse errorResponse(int status, const QString &message);

} // namespace inkwell::server::detail
