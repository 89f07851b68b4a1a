#include "server/live/pgrelay.h"

#include <QLoggingCategory>
#include <QUrl>

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcLive)

namespace inkwell::server::live {

namespace {

// Payloads waiting while the connection is down; older ones are dropped (the reconnect wakes
// every waiter anyway).
constexpr std::size_t maxQueued = 10000;

QByteArray quoted(const QString &value)
{
    QString escaped = value;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return "'" + escaped.toUtf8() + "'";
}

// libpq's key=value form of the URL, as the store connects (ServerStore::open).
QByteArray conninfoFrom(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    QByteArray info = "connect_timeout=10 keepalives=1 keepalives_idle=30 "
                      "keepalives_interval=10 keepalives_count=3 host="
            + quoted(parsed.host()) + " port=" + QByteArray::number(parsed.port(5432))
            + " dbname=" + quoted(parsed.path().mid(1));
    if (!parsed.userName().isEmpty())
        info += " user=" + quoted(parsed.userName());
    if (!parsed.password().isEmpty())
        info += " password=" + quoted(parsed.password());
    return info;
}

} // namespace

PgRelay::PgRelay(const QString &url, LiveHub *hub)
    : m_conninfo(conninfoFrom(url)), m_hub(hub), m_wakeFd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    m_thread = std::thread([this] { run(); });
}

PgRelay::~PgRelay()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_wakeFd, &one, sizeof one);
    m_thread.join();
    ::close(m_wakeFd);
}

void PgRelay::publish(const QByteArray &payload)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_queue.size() >= maxQueued)
            m_queue.pop_front();
        m_queue.push_back(payload);
    }
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_wakeFd, &one, sizeof one);
}

void PgRelay::run()
{
    using namespace std::chrono;
    milliseconds pause(250);
    PGconn *connection = nullptr;
    const auto disconnect = [&] {
        if (connection)
            PQfinish(connection);
        connection = nullptr;
        m_listening = false;
    };
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                break;
        }
        if (!connection) {
            connection = PQconnectdb(m_conninfo.constData());
            PGresult *listen = PQstatus(connection) == CONNECTION_OK
                    ? PQexec(connection, "LISTEN inkwell_blog")
                    : nullptr;
            const bool ok = listen && PQresultStatus(listen) == PGRES_COMMAND_OK;
            if (listen)
                PQclear(listen);
            if (!ok) {
                qCWarning(lcLive).noquote()
                        << "cannot listen for other server processes, retrying in" << pause.count()
                        << "ms:" << QString::fromUtf8(PQerrorMessage(connection)).trimmed();
                disconnect();
                pollfd wake{m_wakeFd, POLLIN, 0};
                ::poll(&wake, 1, int(pause.count()));
                std::uint64_t count = 0;
                [[maybe_unused]] const auto read = ::read(m_wakeFd, &count, sizeof count);
                pause = std::min(pause * 2, milliseconds(10'000));
                continue;
            }
            PQsetnonblocking(connection, 0);
            m_listening = true;
            pause = milliseconds(250);
            qCInfo(lcLive) << "listening for the other server processes";
            m_hub->wakeAll(); // whatever happened while not listening
        }
        pollfd fds[2] = {{PQsocket(connection), POLLIN, 0}, {m_wakeFd, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0)
            continue; // EINTR
        if (fds[1].revents & POLLIN) {
            std::uint64_t count = 0;
            [[maybe_unused]] const auto read = ::read(m_wakeFd, &count, sizeof count);
            std::deque<QByteArray> sending;
            {
                std::lock_guard lock(m_mutex);
                sending.swap(m_queue);
            }
            for (const QByteArray &payload : sending) {
                const char *values[] = {channel, payload.constData()};
                PGresult *result = PQexecParams(connection, "SELECT pg_notify($1, $2)", 2, nullptr,
                                                values, nullptr, nullptr, 0);
                const bool sent = PQresultStatus(result) == PGRES_TUPLES_OK;
                PQclear(result);
                if (!sent) {
                    qCWarning(lcLive).noquote()
                            << "cannot notify the other server processes:"
                            << QString::fromUtf8(PQerrorMessage(connection)).trimmed();
                    break;
                }
            }
        }
        // Notifications may also have come in with the answers to our own NOTIFYs.
        PQconsumeInput(connection);
        const int self = PQbackendPID(connection);
        while (PGnotify *notify = PQnotifies(connection)) {
            if (notify->be_pid != self)
                m_hub->applyRemote(QByteArray(notify->extra));
            PQfreemem(notify);
        }
        if (PQstatus(connection) != CONNECTION_OK) {
            qCWarning(lcLive) << "lost the connection that listens for other server processes";
            disconnect();
        }
    }
    disconnect();
}

} // namespace inkwell::server::live
