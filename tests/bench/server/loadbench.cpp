#include "loadbench.h"

#include "benchfigures.h"
#include "protocol/codec.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <cstdio>

#include <memory>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

namespace inkwell::bench {

namespace {

constexpr int blogsUnderLoad = 10;
constexpr int changesPerRound = 10;

// What a load client needs of a sync answer: its cursor and `more`, after checking that every
// pushed change was applied. The posts in it are not decoded: real clients do that on their own
// machines, while this generator shares the server's two cores (decoding every revision took
// about 60% of its CPU). The protocol decoder has its own tests and fuzzing.
struct Answer
{
    QString cursor;
    bool more = false;
};

std::optional<Answer> readAnswer(const QByteArray &body, qsizetype pushed)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    const QJsonArray results = object.value(QLatin1String("results")).toArray();
    if (results.size() != pushed)
        return std::nullopt;
    for (const QJsonValue &result : results) {
        if (result.toObject().value(QLatin1String("status")).toString() != QLatin1String("applied"))
            return std::nullopt;
    }
    const QJsonValue cursor = object.value(QLatin1String("cursor"));
    const QJsonValue more = object.value(QLatin1String("more"));
    if (!cursor.isString() || !more.isBool())
        return std::nullopt;
    return Answer{cursor.toString(), more.toBool()};
}

// One simulated writer: per round one sync that pushes 10 changes, then pulls until `more` is
// false. Speaks HTTP/1.1 over one kept-alive QTcpSocket on the main thread (no QNAM thread per
// client, so the load generator takes little of the CPU it shares with the server); records
// the latency of every request, from its first byte written to its whole answer read.
class LoadClient final : public QObject
{
public:
    LoadClient(const QUrl &base, const QByteArray &token, qint64 blog, const QElapsedTimer *clock,
               qint64 endMs, QList<double> *latencies, int *failures)
        : m_host(base.host()), m_port(quint16(base.port())), m_clock(clock), m_endMs(endMs),
          m_latencies(latencies), m_failures(failures)
    {
        m_head = "POST /api/v1/blogs/" + QByteArray::number(blog)
                + "/sync HTTP/1.1\r\nHost: " + base.authority().toLatin1()
                + "\r\nContent-Type: application/json\r\nAuthorization: Bearer " + token
                + "\r\nContent-Length: ";
        connect(&m_socket, &QTcpSocket::readyRead, this, &LoadClient::onReadyRead);
        connect(&m_socket, &QTcpSocket::disconnected, this, &LoadClient::onDisconnected);
    }

    void start(std::function<void()> finished)
    {
        m_finished = std::move(finished);
        m_socket.connectToHost(m_host, m_port);
        push();
    }

private:
    void push()
    {
        if (m_clock->elapsed() >= m_endMs) {
            m_socket.disconnectFromHost();
            if (auto finished = std::exchange(m_finished, nullptr))
                finished();
            return;
        }
        protocol::SyncRequest request;
        request.cursor = m_cursor;
        for (int i = 0; i < changesPerRound; ++i) {
            protocol::Change change;
            change.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            change.guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
            change.fields.title = QStringLiteral("Load %1").arg(m_round);
            change.fields.body = QStringLiteral("Some text of a post under load. ").repeated(10);
            request.changes.append(change);
        }
        ++m_round;
        send(request);
    }

    void pull()
    {
        protocol::SyncRequest request;
        request.cursor = m_cursor;
        send(request);
    }

    void send(const protocol::SyncRequest &request)
    {
        if (m_socket.state() == QAbstractSocket::UnconnectedState)
            m_socket.connectToHost(m_host, m_port); // the server closed the last one
        const QByteArray body = protocol::encode(request);
        m_pushing = !request.changes.isEmpty();
        m_buffer.clear();
        m_startedNs = m_clock->nsecsElapsed();
        m_inFlight = true;
        m_socket.write(m_head + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    }

    // Parses one Content-Length framed answer once all of it has arrived.
    void onReadyRead()
    {
        m_buffer += m_socket.readAll();
        const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        const QByteArray header = m_buffer.left(headerEnd).toLower();
        const qsizetype field = header.indexOf("\r\ncontent-length:");
        const qsizetype length = field < 0
                ? 0
                : header.mid(field + 17, header.indexOf("\r", field + 2) - field - 17)
                          .trimmed()
                          .toLongLong();
        if (m_buffer.size() < headerEnd + 4 + length)
            return;
        m_latencies->append(double(m_clock->nsecsElapsed() - m_startedNs) / 1e6);
        m_inFlight = false;
        const bool ok = header.startsWith("http/1.1 200");
        const std::optional<Answer> response =
                readAnswer(m_buffer.mid(headerEnd + 4, length), m_pushing ? changesPerRound : 0);
        m_buffer.clear();
        if (header.contains("\r\nconnection: close"))
            m_socket.disconnectFromHost();
        if (!ok || !response) {
            ++*m_failures;
            return push();
        }
        m_cursor = response->cursor;
        if (m_pushing || response->more)
            return pull();
        push();
    }

    // The connection went away with a request in flight: a failure; go on with a new one.
    void onDisconnected()
    {
        if (!m_inFlight)
            return;
        m_inFlight = false;
        ++*m_failures;
        push();
    }

    QTcpSocket m_socket;
    QString m_host;
    quint16 m_port;
    QByteArray m_head;
    QByteArray m_buffer;
    const QElapsedTimer *m_clock;
    qint64 m_endMs;
    QList<double> *m_latencies;
    int *m_failures;
    QString m_cursor;
    qint64 m_startedNs = 0;
    bool m_inFlight = false;
    bool m_pushing = false;
    int m_round = 0;
    std::function<void()> m_finished;
};

// CPU seconds (user + system) process `pid` has used so far, from /proc; -1 if unknown.
double processCpuSeconds(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // Fields after "(comm)": state is field 3, utime field 14, stime field 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    return (fields[11].toDouble() + fields[12].toDouble()) / double(sysconf(_SC_CLK_TCK));
}

// CPU seconds (user + system) of the PostgreSQL server listening on `port`: its postmaster,
// the children it has reaped and its live children (the backends of the server under load);
// -1 if no such postmaster is found (e.g. a server on another machine).
double postgresCpuSeconds(int port)
{
    const QDir proc(QStringLiteral("/proc"));
    const QStringList pids = proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    const QByteArray portArgument = QByteArray::number(port);
    qint64 postmaster = 0;
    for (const QString &pid : pids) {
        QFile file(proc.filePath(pid + QStringLiteral("/cmdline")));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> argv = file.readAll().split('\0');
        if (argv.isEmpty() || !argv.first().endsWith("/postgres"))
            continue;
        const qsizetype flag = argv.indexOf("-p");
        if (flag >= 0 && argv.value(flag + 1) == portArgument)
            postmaster = pid.toLongLong();
    }
    if (postmaster == 0)
        return -1;
    double total = 0;
    for (const QString &pid : pids) {
        QFile file(proc.filePath(pid + QStringLiteral("/stat")));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray stat = file.readAll();
        // Fields after "(comm)": ppid is field 4, utime 14, stime 15, cutime 16, cstime 17.
        const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
        if (fields.size() < 15)
            continue;
        const qint64 self = pid.toLongLong();
        if (self == postmaster)
            total += fields[11].toDouble() + fields[12].toDouble() + fields[13].toDouble()
                    + fields[14].toDouble();
        else if (fields[1].toLongLong() == postmaster)
            total += fields[11].toDouble() + fields[12].toDouble();
    }
    return total / double(sysconf(_SC_CLK_TCK));
}

// CPU seconds this (load-generating) process has used so far.
double ownCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// The handling times (header read to answer written, in ms) of the sync requests in the
// server's access log: server-side latency, without the load generator's own delays.
QList<double> serverSyncTimes(const QString &log)
{
    QList<double> times;
    for (const QStringView line : QStringView(log).split(u'\n')) {
        if (!line.startsWith(u"inkwell.server.access") || !line.contains(u"/sync ")
            || !line.endsWith(u"ms"))
            continue;
        const qsizetype space = line.lastIndexOf(u' ');
        bool ok = false;
        const double ms = line.mid(space + 1).chopped(2).toDouble(&ok);
        if (ok)
            times.append(ms);
    }
    return times;
}

QByteArray login(const QUrl &base)
{
    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(QStringLiteral("/api/v1/session"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply *reply =
            network.post(request,
                         protocol::encode(protocol::LoginRequest{
                                 QStringLiteral("bench"), QStringLiteral("bench-password")}));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    const auto decoded = protocol::decodeLoginResponse(reply->readAll());
    delete reply;
    return decoded ? decoded->token.toUtf8() : QByteArray();
}

} // namespace

bool runLoadBenchmark(const QString &label, bool postgres, int clients,
                      std::chrono::seconds duration, const QStringList &serveArguments)
{
    test::ServerLauncher server(postgres ? test::ServerLauncher::Backend::Postgres
                                         : test::ServerLauncher::Backend::Sqlite);
    QList<qint64> blogs;
    if (!server.isAvailable()
        || !server.addUser(QStringLiteral("bench"), QStringLiteral("bench-password"))) {
        std::printf("%s: cannot prepare the server: %s\n", qUtf8Printable(label),
                    qUtf8Printable(server.errorString()));
        return false;
    }
    // The clients stand for as many people but all connect from 127.0.0.1: the per-address
    // connection limit must let them all in (flags given on the command line come later and win).
    server.setServeArguments(QStringList{QStringLiteral("--max-connections-per-address"),
                                         QString::number(clients + 8)}
                             + serveArguments);
    for (int i = 0; i < blogsUnderLoad; ++i)
        blogs.append(server.addBlog(QStringLiteral("load-%1").arg(i), QStringLiteral("bench")));
    if (!server.start()) {
        std::printf("%s: %s\n", qUtf8Printable(label), qUtf8Printable(server.errorString()));
        return false;
    }
    const QByteArray token = login(server.baseUrl());
    if (token.isEmpty()) {
        std::printf("%s: login failed\n", qUtf8Printable(label));
        return false;
    }
    QElapsedTimer clock;
    QList<double> latencies;
    int failures = 0;
    int running = clients;
    QEventLoop loop;
    std::vector<std::unique_ptr<LoadClient>> writers;
    const int postgresPort = postgres ? QUrl(test::postgresAdminUrl()).port() : -1;
    const double serverCpuBefore = processCpuSeconds(server.processId());
    const double databaseCpuBefore = postgres ? postgresCpuSeconds(postgresPort) : -1;
    const double clientCpuBefore = ownCpuSeconds();
    clock.start();
    const qint64 endMs = std::chrono::milliseconds(duration).count();
    for (int i = 0; i < clients; ++i) {
        writers.push_back(std::make_unique<LoadClient>(server.baseUrl(), token,
                                                       blogs[i % blogs.size()], &clock, endMs,
                                                       &latencies, &failures));
        writers.back()->start([&running, &loop] {
            if (--running == 0)
                loop.quit();
        });
    }
    QTimer::singleShot(endMs + 60000, &loop, &QEventLoop::quit); // bound, even if a reply hangs
    loop.exec();
    const double seconds = double(clock.elapsed()) / 1000.0;
    const double serverCpu = processCpuSeconds(server.processId()) - serverCpuBefore;
    const double databaseCpu = postgres && databaseCpuBefore >= 0
            ? postgresCpuSeconds(postgresPort) - databaseCpuBefore
            : -1;
    const double clientCpu = ownCpuSeconds() - clientCpuBefore;
    writers.clear();
    const QList<double> serverTimes = serverSyncTimes(server.serverLog());
    const bool stopped = server.stop();
    const QString prefix =
            label + QStringLiteral(": %1 clients, %2 s").arg(clients).arg(seconds, 0, 'f', 1);
    printFigure(prefix + QStringLiteral(", requests/s"), double(latencies.size()) / seconds, "1/s");
    printFigure(prefix + QStringLiteral(", latency p50"), quantile(latencies, 0.5), "ms");
    printFigure(prefix + QStringLiteral(", latency p99"), quantile(latencies, 0.99), "ms", 100.0,
                "goal <");
    printFigure(prefix + QStringLiteral(", failed requests"), failures, "");
    // CPU per request depends far less on what else runs on the machine than latency does.
    const double requests = std::max<double>(1, double(latencies.size()));
    printFigure(prefix + QStringLiteral(", server CPU per request"), serverCpu * 1000 / requests,
                "ms");
    if (databaseCpu >= 0) // PostgreSQL runs on the same cores: its CPU counts too
        printFigure(prefix + QStringLiteral(", PostgreSQL CPU per request"),
                    databaseCpu * 1000 / requests, "ms");
    printFigure(prefix + QStringLiteral(", load generator CPU per request"),
                clientCpu * 1000 / requests, "ms");
    if (!serverTimes.isEmpty()) { // absent when QT_LOGGING_RULES silences the access log
        printFigure(prefix + QStringLiteral(", server-side handling p50"),
                    quantile(serverTimes, 0.5), "ms");
        printFigure(prefix + QStringLiteral(", server-side handling p99"),
                    quantile(serverTimes, 0.99), "ms");
    }
    if (!stopped)
        std::printf("%s: the server did not stop cleanly: %s\n", qUtf8Printable(label),
                    qUtf8Printable(server.errorString()));
    return failures == 0 && stopped;
}

} // namespace inkwell::bench
