#include "server/http/httpserver.h"

#include "server/http/httpsession.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include <QLoggingCategory>

#include <sys/socket.h>

#include <exception>
#include <future>
#include <latch>
#include <thread>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace inkwell::server {

using namespace detail;

namespace {

// Runs `prepare` once on each of the pool's `threads` threads: every task waits until all have
// started, so no thread takes two. Returns when all have finished.
void runOnEveryThread(asio::thread_pool &pool, int threads, const std::function<void()> &prepare)
{
    std::latch started(threads);
    std::latch finished(threads);
    for (int i = 0; i < threads; ++i) {
        asio::post(pool, [&] {
            started.arrive_and_wait();
            try {
                prepare();
            } catch (const std::exception &e) {
                qCWarning(lcHttp) << "preparing a worker failed:" << e.what();
            }
            finished.count_down();
        });
    }
    finished.wait();
}

} // namespace

class HttpServer::Private
{
public:
    Private(HttpLimits limits, RequestHandler handler)
        : context(std::make_shared<ServerContext>(limits, std::move(handler))),
          acceptor(asio::make_strand(io))
    { }

    void accept();
    void onAccept(beast::error_code ec, tcp::socket socket);
    void refuse(tcp::socket &socket, const char *reason) const;
    const char *admitConnection(const std::string &address);
    void waitForSessions();

    asio::io_context io;
    std::shared_ptr<ServerContext> context;
    tcp::acceptor acceptor;
    std::vector<std::thread> ioThreads;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::function<void()> prepareWorker;
    quint16 port = 0;
    bool stopped = false;
};

void HttpServer::Private::accept()
{
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        onAccept(ec, std::move(socket));
    });
}

void HttpServer::Private::onAccept(beast::error_code ec, tcp::socket socket)
{
    if (ec == asio::error::operation_aborted || !acceptor.is_open())
        return;
    if (ec) {
        // Usually EMFILE: keep serving the connections that exist.
        qCWarning(lcHttp) << "accept failed:" << ec.message().c_str();
    } else {
        beast::error_code ignored;
        std::string address = socket.remote_endpoint(ignored).address().to_string();
        if (const char *full = admitConnection(address))
            refuse(socket, full);
        else
            std::make_shared<HttpSession>(std::move(socket), std::move(address), context)->start();
    }
    accept();
}

// Counts a new connection from `address`, or names the limit it would pass.
const char *HttpServer::Private::admitConnection(const std::string &address)
{
    std::lock_guard lock(context->mutex);
    if (context->connections.load() >= context->limits.maxConnections)
        return "open connections";
    int &fromAddress = context->connectionsFrom[address];
    if (fromAddress >= context->limits.maxConnectionsPerAddress)
        return "open connections from one address";
    ++fromAddress;
    context->connections.fetch_add(1);
    return nullptr;
}

void HttpServer::Private::refuse(tcp::socket &socket, const char *reason) const
{
    static const QByteArray answer = []() -> QByteArray {
        const HttpResponse response = errorResponse(503, QStringLiteral("Too many connections."));
        return QByteArrayLiteral("HTTP/1.1 503 Service Unavailable\r\n"
                                 "Server: inkwell-server\r\nContent-Type: application/json\r\n"
                                 "Retry-After: 1\r\nConnection: close\r\nContent-Length: ")
                + QByteArray::number(response.body.size()) + "\r\n\r\n" + response.body;
    }();
    // A fresh socket's send buffer always takes this small answer: one non-blocking send.
    ::send(socket.native_handle(), answer.constData(), std::size_t(answer.size()),
           MSG_NOSIGNAL | MSG_DONTWAIT);
    beast::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
    qCWarning(lcHttp) << "refused a connection: the limit of" << reason << "is reached";
}

void HttpServer::Private::waitForSessions()
{
    std::vector<std::shared_ptr<HttpSession>> sessions;
    {
        std::lock_guard lock(context->mutex);
        for (const auto &[raw, weak] : context->sessions) {
            if (auto session = weak.lock())
                sessions.push_back(std::move(session));
        }
    }
    for (const auto &session : sessions)
        session->shutdown();
    sessions.clear();
    // A request in flight gets one read timeout (to arrive) plus one (to be answered).
    const auto deadline = std::chrono::steady_clock::now() + 2 * context->limits.readTimeout
            + std::chrono::seconds(1);
    std::unique_lock lock(context->mutex);
    if (!context->drained.wait_until(lock, deadline, [this] { return context->sessions.empty(); }))
        qCWarning(lcHttp) << context->sessions.size() << "connections did not finish in time";
}

HttpServer::HttpServer(HttpLimits limits, RequestHandler handler)
    : d(std::make_unique<Private>(limits, std::move(handler)))
{ }

HttpServer::~HttpServer()
{
    stop();
}

Result<QString> HttpServer::listen(const QString &host, quint16 port)
{
    beast::error_code ec;
    const auto address = asio::ip::make_address(host.toStdString(), ec);
    if (ec)
        return Error{ErrorCode::InvalidArgument,
                     QStringLiteral("invalid listen address %1: %2")
                             .arg(host, QString::fromStdString(ec.message()))};
    const tcp::endpoint endpoint(address, port);
    d->acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        d->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor.bind(endpoint, ec);
    if (!ec)
        d->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return Error{ErrorCode::Network,
                     QStringLiteral("cannot listen on %1:%2: %3")
                             .arg(host)
                             .arg(port)
                             .arg(QString::fromStdString(ec.message()))};
    d->port = d->acceptor.local_endpoint().port();
    if (d->prepareWorker) { // connections wait in the listen backlog meanwhile
        const HttpLimits &limits = d->context->limits;
        runOnEveryThread(d->context->workers, std::max(1, limits.workerThreads), d->prepareWorker);
        runOnEveryThread(d->context->loginWorkers, std::max(1, limits.loginThreads),
                         d->prepareWorker);
    }
    d->work.emplace(d->io.get_executor());
    d->accept();
    for (int i = 0; i < std::max(1, d->context->limits.ioThreads); ++i)
        d->ioThreads.emplace_back([this] { d->io.run(); });
    const QString shownHost = address.is_v6() ? u'[' + host + u']' : host;
    return QString(shownHost + u':' + QString::number(d->port));
}

void HttpServer::setWorkerPreparation(std::function<void()> prepare)
{
    d->prepareWorker = std::move(prepare);
}

void HttpServer::setAdmitter(Admitter admitter)
{
    d->context->admitter = std::move(admitter);
}

quint16 HttpServer::port() const
{
    return d->port;
}

int HttpServer::openConnections() const
{
    return d->context->connections.load();
}

qint64 HttpServer::bodyBytesInFlight() const
{
    return d->context->bodyBytes.used();
}

qint64 HttpServer::bodyReads() const
{
    return d->context->bodyReads.load();
}

void HttpServer::stop()
{
    if (d->stopped)
        return;
    d->stopped = true;
    d->context->stopping = true;
    if (!d->ioThreads.empty()) {
        std::promise<void> closed;
        asio::post(d->acceptor.get_executor(), [this, &closed] {
            beast::error_code ignored;
            d->acceptor.close(ignored);
            closed.set_value();
        });
        closed.get_future().wait();
        d->waitForSessions();
    }
    d->work.reset();
    d->io.stop();
    for (auto &thread : d->ioThreads)
        thread.join();
    d->context->workers.join();
    d->context->loginWorkers.join();
}

} // namespace inkwell::server
