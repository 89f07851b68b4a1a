#include "loadbench.h"

#include "benchfigures.h"
#include "cpuusage.h"
#include "loadclient.h"
#include "protocol/codec.h"
#include "server/store/serverstore.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTimer>

#include <cstdio>

#include <memory>
#include <vector>

namespace inkwell::bench {

namespace store = server::store;

namespace {

// Writers per blog: as in the 50-client run with its 10 blogs, so that more clients mean more
// blogs rather than more writers queueing on one blog's revision counter.
constexpr int clientsPerBlog = 5;
constexpr int minimumBlogs = 10;

using Servers = std::vector<std::unique_ptr<test::ServerLauncher>>;

// The handling times (header read to answer written, in ms) of the sync requests in a server's
// access log: server-side latency, without the load generator's own delays.
void appendServerSyncTimes(const QString &log, QList<double> *times)
{
    for (const QStringView line : QStringView(log).split(u'\n')) {
        if (!line.startsWith(u"inkwell.server.access") || !line.contains(u"/sync ")
            || !line.endsWith(u"ms"))
            continue;
        const qsizetype space = line.lastIndexOf(u' ');
        bool ok = false;
        const double ms = line.mid(space + 1).chopped(2).toDouble(&ok);
        if (ok)
            times->append(ms);
    }
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

// The user "bench" and `count` blogs it owns, written through the store (one CLI process per
// blog would take a while for hundreds); the blog ids, or none on error.
QList<qint64> seedBlogs(const test::ServerLauncher &server, int count)
{
    if (!server.addUser(QStringLiteral("bench"), QStringLiteral("bench-password")))
        return {};
    const auto store = store::ServerStore::open(server.databaseUrl());
    const auto account = store ? (*store)->accountByName(QStringLiteral("bench"))
                               : Result<std::optional<store::Account>>(store.error());
    if (!account || !*account)
        return {};
    QList<qint64> blogs;
    for (int i = 0; i < count; ++i) {
        const Result<qint64> blog =
                (*store)->createBlog(QStringLiteral("load-%1").arg(i), (*account)->id);
        if (!blog)
            return {};
        blogs.append(*blog);
    }
    return blogs;
}

// Open connections to the database at `url` (PostgreSQL), as pg_stat_activity counts them.
int postgresConnections(const QString &url)
{
    const QString name = QStringLiteral("loadbench-connections");
    int count = -1;
    {
        const QUrl admin(test::postgresAdminUrl());
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(admin.host());
        db.setPort(admin.port(5432));
        db.setUserName(admin.userName());
        db.setDatabaseName(admin.path().mid(1));
        QSqlQuery query(db);
        if (db.open()
            && query.exec(
                    QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE datname = '%1'")
                            .arg(QUrl(url).path().mid(1)))
            && query.next())
            count = query.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

// The first server gets a fresh database, the others share it; all are seeded and started.
bool startServers(Servers &servers, bool postgres, const LoadOptions &options, QList<qint64> *blogs,
                  const QString &label)
{
    using Backend = test::ServerLauncher::Backend;
    servers.push_back(
            std::make_unique<test::ServerLauncher>(postgres ? Backend::Postgres : Backend::Sqlite));
    const int blogCount = std::max(minimumBlogs, options.clients / clientsPerBlog);
    if (!servers.front()->isAvailable()
        || (*blogs = seedBlogs(*servers.front(), blogCount)).isEmpty()) {
        std::printf("%s: cannot prepare the server: %s\n", qUtf8Printable(label),
                    qUtf8Printable(servers.front()->errorString()));
        return false;
    }
    for (int i = 1; i < options.servers; ++i) {
        servers.push_back(std::make_unique<test::ServerLauncher>(Backend::Sqlite));
        servers.back()->setDatabaseUrl(servers.front()->databaseUrl());
    }
    for (const auto &server : servers) {
        // The server's defaults, as a deployment runs it: each client connects from an address
        // of its own, as people do (see LoadClientSetup::source).
        server->setServeArguments(options.serveArguments);
        if (!server->start()) {
            std::printf("%s: %s\n", qUtf8Printable(label), qUtf8Printable(server->errorString()));
            return false;
        }
    }
    return true;
}

// Runs the clients until the end of the run and the last of their rounds; the run's seconds.
double runClients(const Servers &servers, const QList<qint64> &blogs, const QByteArray &token,
                  const LoadOptions &options, LoadTally *tally)
{
    QElapsedTimer clock;
    int running = options.clients;
    QEventLoop loop;
    std::vector<std::unique_ptr<LoadClient>> clients;
    const qint64 endMs = std::chrono::milliseconds(options.duration).count();
    const qsizetype serverCount = qsizetype(servers.size());
    clock.start();
    for (int i = 0; i < options.clients; ++i) {
        LoadClientSetup setup;
        // A blog's writers land on different servers, as a proxy balancing people would put them.
        setup.server = servers[std::size_t((i + i / blogs.size()) % serverCount)]->baseUrl();
        setup.source = QHostAddress(quint32(0x7F000002 + i)); // 127.0.0.2, 127.0.0.3, ...
        setup.token = token;
        setup.blog = blogs[i % blogs.size()];
        setup.interval = options.roundInterval;
        setup.phase = options.roundInterval * i / options.clients;
        clients.push_back(std::make_unique<LoadClient>(setup, &clock, endMs, tally));
        clients.back()->start([&running, &loop] {
            if (--running == 0)
                loop.quit();
        });
    }
    QTimer::singleShot(endMs + 60000, &loop, &QEventLoop::quit); // bound, even if a reply hangs
    loop.exec();
    return double(clock.elapsed()) / 1000.0;
}

void printLatencyFigures(const QString &prefix, const LoadTally &tally, double seconds, bool paced)
{
    printFigure(prefix + QStringLiteral(", requests/s"), double(tally.latencies.size()) / seconds,
                "1/s");
    printFigure(prefix + QStringLiteral(", latency p50"), quantile(tally.latencies, 0.5), "ms");
    printFigure(prefix + QStringLiteral(", latency p95"), quantile(tally.latencies, 0.95), "ms");
    printFigure(prefix + QStringLiteral(", latency p99"), quantile(tally.latencies, 0.99), "ms",
                100.0, "goal <");
    printFigure(prefix + QStringLiteral(", failed requests"), tally.failures, "");
    if (paced)
        printFigure(prefix + QStringLiteral(", paced rounds started late"),
                    100.0 * tally.lateRounds / std::max(1, tally.rounds), "%");
}

} // namespace

LoadResult runLoadBenchmark(const QString &label, bool postgres, const LoadOptions &options)
{
    Servers servers;
    QList<qint64> blogs;
    if (!startServers(servers, postgres, options, &blogs, label))
        return {};
    const QByteArray token = login(servers.front()->baseUrl());
    if (token.isEmpty()) {
        std::printf("%s: login failed\n", qUtf8Printable(label));
        return {};
    }
    QList<qint64> pids;
    for (const auto &server : servers)
        pids.append(server->processId());
    const int postgresPort = postgres ? QUrl(test::postgresAdminUrl()).port() : -1;
    LoadTally tally;
    const CpuSnapshot before = takeCpuSnapshot(pids, postgresPort);
    const double seconds = runClients(servers, blogs, token, options, &tally);
    const CpuSnapshot after = takeCpuSnapshot(pids, postgresPort);
    const int connections = postgres ? postgresConnections(servers.front()->databaseUrl()) : -1;
    QList<double> serverTimes;
    bool stopped = true;
    for (const auto &server : servers) {
        appendServerSyncTimes(server->serverLog(), &serverTimes);
        if (!server->stop()) {
            std::printf("%s: a server did not stop cleanly: %s\n", qUtf8Printable(label),
                        qUtf8Printable(server->errorString()));
            stopped = false;
        }
    }
    const QString prefix = label
            + QStringLiteral(": %1 clients, %2 s").arg(options.clients).arg(seconds, 0, 'f', 1);
    printLatencyFigures(prefix, tally, seconds, options.roundInterval.count() > 0);
    // CPU depends far less on what else runs on the machine than latency does.
    printCpuFigures(prefix, before, after, seconds, tally.latencies.size());
    if (connections >= 0)
        printFigure(prefix + QStringLiteral(", PostgreSQL connections of the servers"), connections,
                    "");
    if (!serverTimes.isEmpty()) { // absent when QT_LOGGING_RULES silences the access log
        printFigure(prefix + QStringLiteral(", server-side handling p50"),
                    quantile(serverTimes, 0.5), "ms");
        printFigure(prefix + QStringLiteral(", server-side handling p99"),
                    quantile(serverTimes, 0.99), "ms");
    }
    return {tally.failures == 0 && stopped, double(tally.latencies.size()) / seconds};
}

} // namespace inkwell::bench
