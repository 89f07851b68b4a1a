// bench_liveserver: the server side of live updates (issue 14) against the real inkwell-server
// binary on loopback: the memory and CPU of N parked GET .../live requests (default 1,000) while
// idle, and the time until every one of them is answered after one push. Figures only, no asserts.
// Usage: bench_liveserver [--backend sqlite|postgresql] [--waiters N] [--idle-seconds S];
// PostgreSQL needs INKWELL_TEST_POSTGRES (scripts/test-env.sh).
#include "benchfigures.h"
#include "protocol/codec.h"
#include "protocol/live.h"
#include "server/http/rawhttp.h"
#include "support/serverlauncher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <vector>

using namespace inkwell;
using inkwell::bench::printFigure;
using inkwell::bench::quantile;

namespace {

// One request on a fresh connection, answered within 10 s.
test::RawResponse request(quint16 port, const QByteArray &method, const QByteArray &target,
                          const QByteArray &token = {}, const QByteArray &body = {})
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(5000))
        return {};
    QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        head += "Authorization: Bearer " + token + "\r\n";
    if (!body.isEmpty())
        head += "Content-Type: application/json\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    socket.write(head + body);
    return test::readResponse(socket);
}

// VmRSS of a process in MiB; 0 if unreadable.
double rssMiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return 0;
}

// utime + stime of a process in milliseconds.
double cpuMs(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble();
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        if (fd >= 0)
            ::close(fd);
        return -1;
    }
    return fd;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("backend"), QStringLiteral("sqlite or postgresql"),
                      QStringLiteral("NAME"), QStringLiteral("sqlite")});
    parser.addOption({QStringLiteral("waiters"), QStringLiteral("Parked requests (1000)."),
                      QStringLiteral("N"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("idle-seconds"), QStringLiteral("Idle time measured (10)."),
                      QStringLiteral("S"), QStringLiteral("10")});
    parser.process(app);
    const bool postgres = parser.value(QStringLiteral("backend")).startsWith(u'p');
    const int waiters = std::clamp(parser.value(QStringLiteral("waiters")).toInt(), 1, 10000);
    const int idleSeconds = std::clamp(parser.value(QStringLiteral("idle-seconds")).toInt(), 1, 60);

    test::ServerLauncher server(postgres ? test::ServerLauncher::Backend::Postgres
                                         : test::ServerLauncher::Backend::Sqlite);
    if (!server.isAvailable()) {
        std::fprintf(stderr, "bench_liveserver: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QString connections = QString::number(waiters + 100);
    server.setServeArguments({QStringLiteral("--max-connections"), connections,
                              QStringLiteral("--max-connections-per-address"), connections});
    // One account parks at most 64 requests: the waiters come from writers of 50 each.
    const int writers = (waiters + 49) / 50;
    const QString password = QStringLiteral("writerpass1");
    bool created = server.addUser(QStringLiteral("writer0"), password)
            && server.addBlog(QStringLiteral("Live"), QStringLiteral("writer0")) == 1;
    for (int i = 1; i < writers && created; ++i) {
        const QString name = QStringLiteral("writer%1").arg(i);
        created = server.addUser(name, password) && server.addMember(1, name);
    }
    if (!created || !server.start()) {
        std::fprintf(stderr, "bench_liveserver: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const quint16 port = server.port();
    const qint64 pid = server.processId();
    const QByteArray blogPath = "/api/v1/blogs/1";
    QList<QByteArray> tokens;
    for (int i = 0; i < writers; ++i) {
        const auto login = protocol::decodeLoginResponse(
                request(port, "POST", "/api/v1/session", {},
                        protocol::encode(protocol::LoginRequest{QStringLiteral("writer%1").arg(i),
                                                                password}))
                        .body);
        if (!login) {
            std::fprintf(stderr, "bench_liveserver: login failed\n");
            return 1;
        }
        tokens.append(login->token.toUtf8());
    }
    const QByteArray token = tokens.first();
    const auto state =
            protocol::decodeLiveState(request(port, "GET", blogPath + "/live", token).body);
    if (!state) {
        std::fprintf(stderr, "bench_liveserver: no live answer\n");
        return 1;
    }
    std::printf("bench_liveserver: %d parked requests of %d writers on %s, loopback\n", waiters,
                writers, postgres ? "PostgreSQL" : "SQLite");

    const double rssBefore = rssMiB(pid);
    const QByteArray parkTarget = blogPath + "/live?rev=" + QByteArray::number(state->rev)
            + "&presence=" + state->presenceToken.toUtf8() + "&timeout=55";
    std::vector<pollfd> sockets;
    sockets.reserve(std::size_t(waiters));
    QElapsedTimer parking;
    parking.start();
    for (int i = 0; i < waiters; ++i) {
        const QByteArray parkRequest = "GET " + parkTarget
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + tokens.at(i % writers)
                + "\r\n\r\n";
        const int fd = connectTo(port);
        if (fd < 0
            || ::send(fd, parkRequest.constData(), std::size_t(parkRequest.size()), MSG_NOSIGNAL)
                    != parkRequest.size()) {
            std::fprintf(stderr, "bench_liveserver: connection %d failed\n", i);
            return 1;
        }
        sockets.push_back({fd, POLLIN, 0});
    }
    printFigure(QStringLiteral("open and send %1 parked requests").arg(waiters),
                double(parking.elapsed()), "ms");
    QThread::sleep(2); // every request admitted and parked
    int answeredEarly = ::poll(sockets.data(), sockets.size(), 0);
    if (answeredEarly > 0)
        std::printf("warning: %d requests were answered before the push\n", answeredEarly);
    const double rssParked = rssMiB(pid);
    printFigure(QStringLiteral("server RSS before parking"), rssBefore, "MiB");
    printFigure(QStringLiteral("server RSS with %1 parked").arg(waiters), rssParked, "MiB");
    printFigure(QStringLiteral("RSS growth for %1 parked requests").arg(waiters),
                rssParked - rssBefore, "MiB", 50);
    const double cpuStart = cpuMs(pid);
    QThread::sleep(idleSeconds);
    printFigure(QStringLiteral("server CPU over %1 s idle with them parked").arg(idleSeconds),
                cpuMs(pid) - cpuStart, "ms");

    // One push wakes them all.
    protocol::SyncRequest push;
    protocol::Change change;
    change.opId = QStringLiteral("bench-live-1");
    change.guid = QStringLiteral("6f1c2b9e-8a4d-4c3e-9b2a-1d2e3f4a5b6c");
    change.fields.title = QStringLiteral("Wake up");
    push.changes.append(change);
    QElapsedTimer woken;
    woken.start();
    const test::RawResponse pushed =
            request(port, "POST", blogPath + "/sync", token, protocol::encode(push));
    const double pushMs = double(woken.nsecsElapsed()) / 1e6;
    if (pushed.status != 200) {
        std::fprintf(stderr, "bench_liveserver: push failed with %d\n", pushed.status);
        return 1;
    }
    QList<double> answeredAt;
    std::vector<QByteArray> received(sockets.size());
    int open = int(sockets.size());
    while (open > 0 && woken.elapsed() < 30'000) {
        if (::poll(sockets.data(), sockets.size(), 1000) <= 0)
            continue;
        for (std::size_t i = 0; i < sockets.size(); ++i) {
            if (sockets[i].fd < 0 || !(sockets[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            char buffer[4096];
            const ssize_t n = ::recv(sockets[i].fd, buffer, sizeof buffer, 0);
            if (n > 0)
                received[i].append(buffer, n);
            // Done at the end of the JSON body (one small answer) or when the socket closed.
            if (n <= 0 || received[i].endsWith('}')) {
                answeredAt.append(double(woken.nsecsElapsed()) / 1e6);
                ::close(sockets[i].fd);
                sockets[i].fd = -1;
                --open;
            }
        }
    }
    int ok = 0;
    for (const QByteArray &answer : received)
        ok += answer.startsWith("HTTP/1.1 200") ? 1 : 0;
    printFigure(QStringLiteral("push answered (the push itself)"), pushMs, "ms");
    printFigure(QStringLiteral("first parked request answered after the push"),
                answeredAt.isEmpty() ? 0 : answeredAt.first(), "ms");
    printFigure(QStringLiteral("p50 of the parked requests answered"), quantile(answeredAt, 0.5),
                "ms");
    printFigure(QStringLiteral("all %1 parked requests answered").arg(waiters),
                answeredAt.isEmpty() ? 0 : answeredAt.last(), "ms");
    printFigure(QStringLiteral("parked requests answered 200"), ok, "");
    for (const pollfd &socket : sockets) {
        if (socket.fd >= 0)
            ::close(socket.fd);
    }
    server.stop();
    return ok == waiters ? 0 : 1;
}
