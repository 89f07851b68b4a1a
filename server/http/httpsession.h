#pragma once

// Private to server/http: the only header that includes Boost.Beast. Never include it elsewhere.

#include "server/http/httpserver.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace inkwell::server::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class HttpSession;

// State shared by the server and its sessions; outlives every session.
struct ServerContext
{
    HttpLimits limits;
    RequestHandler handler;
    BodyLimit bodyLimit;
    asio::thread_pool workers;
    std::atomic<bool> stopping = false;
    std::atomic<int> connections = 0;
    std::mutex mutex; // guards sessions
    std::condition_variable drained; // notified whenever a session ends
    std::unordered_map<HttpSession *, std::weak_ptr<HttpSession>> sessions;

    ServerContext(HttpLimits l, RequestHandler h)
        : limits(l), handler(std::move(h)), workers(std::max(1, l.workerThreads))
    { }
};

// One connection: reads a request (limits checked in the header phase), runs the handler on the
// worker pool, writes the answer, and repeats while the connection is kept alive.
class HttpSession final : public std::enable_shared_from_this<HttpSession>
{
public:
    HttpSession(tcp::socket socket, std::shared_ptr<ServerContext> context);
    ~HttpSession();

    void start();
    // Closes the connection if it waits for a request; a request in progress is finished first.
    void shutdown();

private:
    void readHeader();
    void onHeader(beast::error_code ec);
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
    void close();
    void drainAndClose();
    void drainSome();
    qint64 bodyLimit() const;

    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<http::request_parser<http::string_body>> m_parser;
    std::shared_ptr<ServerContext> m_context;
    std::shared_ptr<void> m_response; // the message being written

    QString m_peer;
    QByteArray m_method;
    QByteArray m_path;
    qint64 m_startedNs = 0;
    bool m_waitingForRequest = false;
    bool m_keepAlive = true;
    bool m_closed = false;
    bool m_rejected = false;
    std::size_t m_drained = 0;
};

// The JSON error body every error answer of the front carries.
HttpResponse errorResponse(int status, const QString &message);

} // namespace inkwell::server::detail
