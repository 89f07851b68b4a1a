#include "server/cli/serve.h"

#include "server/api/api.h"
#include "server/cli/commandline.h"
#include "server/http/httpserver.h"
#include "server/live/livehub.h"
#include "server/live/pgrelay.h"
#include "server/store/oppruner.h"
#include "server/store/serverstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <csignal>
#include <cstdio>

#include <pthread.h>
#include <sys/resource.h>

#include <algorithm>

Q_LOGGING_CATEGORY(lcServe, "inkwell.server")

namespace inkwell::server::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("inkwell-server", text);
}

// Splits "HOST:PORT" or "[IPV6]:PORT"; false when malformed.
bool splitListenAddress(const QString &address, QString *host, quint16 *port)
{
    const qsizetype colon = address.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    *host = address.left(colon);
    if (host->startsWith(u'[') && host->endsWith(u']'))
        *host = host->mid(1, host->size() - 2);
    bool ok = false;
    const uint value = address.mid(colon + 1).toUInt(&ok);
    *port = quint16(value);
    return ok && value <= 65535 && !host->isEmpty();
}

HttpLimits httpLimits(const ServerConfig &config, int ioThreads)
{
    HttpLimits limits;
    limits.maxHeaderBytes = config.maxHeaderBytes;
    limits.maxBodyBytes = config.maxBodyBytes;
    limits.maxBlobBytes = config.maxBlobBytes;
    limits.readTimeout = std::chrono::seconds(config.readTimeoutSeconds);
    limits.headerTimeout = std::chrono::seconds(config.headerTimeoutSeconds);
    limits.idleTimeout = std::chrono::seconds(config.idleTimeoutSeconds);
    limits.maxConnections = config.maxConnections;
    // Behind the proxy that --trust-forwarded-for names, every connection comes from the proxy.
    limits.maxConnectionsPerAddress =
            config.trustForwardedFor ? config.maxConnections : config.maxConnectionsPerAddress;
    limits.maxBodyBytesInFlight = config.maxBodyBytesInFlight;
    limits.workerThreads = config.workerThreads;
    limits.loginThreads = config.maxConcurrentPasswordHashes;
    limits.maxQueuedLogins = config.maxQueuedLogins;
    limits.ioThreads = ioThreads;
    return limits;
}

void printError(const QString &message)
{
    std::fprintf(stderr, "inkwell-server: %s\n", qUtf8Printable(message));
}

// Files the server needs besides its connections: database, write-ahead log, listening socket,
// the PostgreSQL relay, logs, with room to spare.
constexpr rlim_t reservedFiles = 64;

// Every parked live request holds a connection: allow as many open files as the system lets
// this process have (the soft limit is often 1024, far below the hard one), and say so when
// even that is too few for --max-connections, which would otherwise fail later as refused
// accept()s under load.
void raiseOpenFileLimit(int maxConnections)
{
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) != 0)
        return;
    if (files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &files) != 0)
            getrlimit(RLIMIT_NOFILE, &files);
    }
    const rlim_t needed = rlim_t(std::max(0, maxConnections)) + reservedFiles;
    if (files.rlim_cur != RLIM_INFINITY && files.rlim_cur < needed)
        printError(tr("the system lets this process open %1 files, but --max-connections %2 "
                      "needs about %3: raise the limit (LimitNOFILE= in the service unit, "
                      "ulimit -n) or lower --max-connections")
                           .arg(qulonglong(files.rlim_cur))
                           .arg(maxConnections)
                           .arg(qulonglong(needed)));
}

} // namespace

int serve(const ServerConfig &config, int ioThreads)
{
    QString host;
    quint16 port = 0;
    if (!splitListenAddress(config.listenAddress, &host, &port)) {
        printError(tr("--listen wants HOST:PORT, e.g. 127.0.0.1:8080, not \"%1\".")
                           .arg(config.listenAddress));
        return ExitUsage;
    }
    // Every thread started from here on inherits the blocked signals; only sigwait() sees them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto store = store::ServerStore::open(config.databaseUrl, store::OpenMode::Migrate);
    if (!store) {
        printError(tr("cannot open the database: %1").arg(store.error().message));
        return ExitDatabase;
    }
    // Applied op_ids past their retention go in the background, in small batches.
    store::OpPruner::Options retention;
    retention.retention = std::chrono::hours(24) * config.opRetentionDays;
    retention.historyRetention = std::chrono::hours(24) * config.historyDays;
    retention.historyKeep = config.historyKeep;
    const store::OpPruner pruner(*store, retention);
    const Api api(config, *store);
    // Processes sharing a PostgreSQL database wake each other's live requests and share presence.
    if ((*store)->driverName() == QLatin1String("QPSQL"))
        api.live().setRelay(std::make_shared<live::PgRelay>(config.databaseUrl, &api.live()));
    raiseOpenFileLimit(config.maxConnections);
    HttpServer server(httpLimits(config, ioThreads),
                      [&api](const HttpRequest &request) { return api.handle(request); });
    server.setAdmitter([&api](const HttpRequest &header) { return api.admit(header); });
    // Each handler thread opens its database connection before the first client is let in.
    server.setWorkerPreparation([&store] {
        if (Result<void> prepared = (*store)->prepareConnection(); !prepared)
            qCWarning(lcServe).noquote()
                    << "cannot prepare a database connection:" << prepared.error().message;
    });
    const auto bound = server.listen(host, port);
    if (!bound) {
        printError(bound.error().message);
        return ExitListen;
    }
    qCInfo(lcServe).noquote() << "serving" << (*store)->driverName() << "database on" << *bound;
    std::printf("listening on %s\n", qUtf8Printable(*bound));
    std::fflush(stdout);

    int received = 0;
    sigwait(&signals, &received);
    qCInfo(lcServe) << "received" << (received == SIGTERM ? "SIGTERM" : "SIGINT")
                    << "- finishing requests in flight";
    server.stop();
    qCInfo(lcServe) << "stopped";
    return ExitSuccess;
}

} // namespace inkwell::server::cli
