// bench_live: change-to-screen latency of live updates. N clients (default 50), each the
// editor's sync stack (SyncController: engine and live channel on a worker thread, threaded
// transports), park their polls on the real inkwell-server on loopback. Per round one more
// client creates a post and syncs; the time from the start of its push until each parked client
// has stored the post (LocalStore::postsChanged, i.e. the list and an open editor can show it)
// is one sample. Prints p50, p95 and the maximum over every sample of every round; the goal is
// p95 < 1 s. Usage: bench_live [--clients N] [--rounds R]; INKWELL_BENCH_BACKEND=postgres runs
// against PostgreSQL (under scripts/test-env.sh).
#include "net/threadedtransport.h"
#include "protocol/codec.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "sync/synccontroller.h"
#include "sync/syncengine.h"
#include "sync/syncscheduler.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMutex>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace inkwell;
using namespace std::chrono_literals;

namespace {

int option(const char *name, int fallback)
{
    const QStringList arguments = QCoreApplication::arguments();
    const auto at = arguments.indexOf(QString::fromLatin1(name));
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toInt() : fallback;
}

QString login(const QUrl &server, const QString &user)
{
    net::ThreadedTransport transport;
    net::Request request;
    request.method = net::Method::Post;
    request.url = sync::SyncAccount{server, {}, {}}.endpoint(QStringLiteral("/api/v1/session"));
    request.body = protocol::encode(protocol::LoginRequest{user, QStringLiteral("bench-password")});
    request.contentType = "application/json";
    QEventLoop loop;
    QString token;
    QObject context;
    transport.send(request, &context, [&](const net::Response &response) {
        if (auto decoded = protocol::decodeLoginResponse(response.body))
            token = decoded->token;
        loop.quit();
    });
    loop.exec();
    return token;
}

// Waits (bounded) until done() holds, running the event loop.
bool waitFor(const std::function<bool()> &done, std::chrono::milliseconds timeout)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeout.count())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

// The time each parked client stored the round's post, on the shared clock.
class Arrivals
{
public:
    explicit Arrivals(int clients) : m_at(clients, -1) { m_clock.start(); }

    qint64 now() const { return m_clock.nsecsElapsed(); }
    void startRound(const QString &guid)
    {
        QMutexLocker lock(&m_mutex);
        m_guid = guid;
        std::fill(m_at.begin(), m_at.end(), -1);
    }
    // Called on the clients' worker threads.
    void stored(int client, const QStringList &guids)
    {
        const qint64 at = now();
        QMutexLocker lock(&m_mutex);
        if (m_at[client] < 0 && guids.contains(m_guid))
            m_at[client] = at;
    }
    bool complete() const
    {
        QMutexLocker lock(&m_mutex);
        return std::all_of(m_at.cbegin(), m_at.cend(), [](qint64 at) { return at >= 0; });
    }
    QList<qint64> times() const
    {
        QMutexLocker lock(&m_mutex);
        return m_at;
    }

private:
    QElapsedTimer m_clock;
    mutable QMutex m_mutex;
    QString m_guid;
    QList<qint64> m_at;
};

struct Reader
{
    explicit Reader(const QString &path)
        : store(path), controller(&store, [] { return std::make_unique<net::ThreadedTransport>(); })
    { }
    store::LocalStore store;
    sync::SyncController controller;
};

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const auto at = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())));
    return values.isEmpty() ? 0 : values.at(at);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int clientCount = std::max(1, option("--clients", 50));
    const int rounds = std::max(1, option("--rounds", 20));
    const auto backend = qEnvironmentVariable("INKWELL_BENCH_BACKEND") == u"postgres"
            ? test::ServerLauncher::Backend::Postgres
            : test::ServerLauncher::Backend::Sqlite;
    test::ServerLauncher server(backend);
    // Every client comes from 127.0.0.1 here; in the field each has an address of its own.
    server.setServeArguments({QStringLiteral("--max-connections-per-address"),
                              QString::number(4 * clientCount + 16)});
    if (!server.isAvailable() || !server.start())
        qFatal("server: %s", qPrintable(server.errorString()));
    server.addUser(QStringLiteral("bench"), QStringLiteral("bench-password"));
    const qint64 blogId = server.addBlog(QStringLiteral("Bench"), QStringLiteral("bench"));
    const sync::SyncAccount account{
            server.baseUrl(), login(server.baseUrl(), QStringLiteral("bench")), {blogId}};
    test::TempDir dir;

    Arrivals arrivals(clientCount);
    std::vector<std::unique_ptr<Reader>> readers;
    for (int i = 0; i < clientCount; ++i) {
        auto reader = std::make_unique<Reader>(dir.filePath(QStringLiteral("r%1.db").arg(i)));
        if (!reader->store.open())
            qFatal("cannot open a reader's store");
        // Direct: recorded on the worker thread at the commit, not when the GUI thread gets to it.
        QObject::connect(
                &reader->store, &store::LocalStore::postsChanged, &reader->controller,
                [&arrivals, i](const QStringList &guids) { arrivals.stored(i, guids); },
                Qt::DirectConnection);
        reader->controller.scheduler()->setPeriod(0ms); // live updates only
        reader->controller.setLiveUpdates(sync::SyncController::LiveUpdates::On);
        reader->controller.setAccount(account);
        readers.push_back(std::move(reader));
    }
    const bool parked = waitFor(
            [&] {
                return std::all_of(readers.cbegin(), readers.cend(), [](const auto &reader) {
                    return reader->controller.liveState() == sync::LiveChannel::State::Connected;
                });
            },
            60s);
    if (!parked)
        qFatal("not every client connected for live updates");

    store::LocalStore writerStore(dir.filePath(QStringLiteral("writer.db")));
    if (!writerStore.open())
        qFatal("cannot open the writer's store");
    net::ThreadedTransport writerTransport;
    sync::SyncEngine writer(&writerStore, &writerTransport);
    writer.setAccount(account);

    QList<double> samples;
    QList<double> slowest;
    QList<double> pushes;
    int incomplete = 0;
    for (int round = 0; round < rounds; ++round) {
        // Every client parks again after the previous round.
        (void)waitFor([] { return false; }, 300ms);
        model::PostFields fields;
        fields.title = QStringLiteral("Round %1").arg(round);
        fields.body = QStringLiteral("A change for every parked client.");
        const auto post = writerStore.posts().create(QString::number(blogId), fields);
        if (!post)
            qFatal("cannot create the round's post");
        arrivals.startRound(post->guid);
        bool pushed = false;
        const auto connection = QObject::connect(&writer, &sync::SyncEngine::finished, &writer,
                                                 [&pushed] { pushed = true; });
        const qint64 start = arrivals.now();
        writer.requestSync();
        waitFor([&] { return pushed; }, 30s);
        pushes.append(double(arrivals.now() - start) / 1e6);
        QObject::disconnect(connection);
        if (!waitFor([&] { return arrivals.complete(); }, 30s))
            ++incomplete;
        double roundMax = 0;
        for (qint64 at : arrivals.times()) {
            if (at < 0)
                continue;
            const double ms = double(at - start) / 1e6;
            samples.append(ms);
            roundMax = std::max(roundMax, ms);
        }
        slowest.append(roundMax);
    }

    std::printf("live updates, %d parked clients, %d rounds, %s on loopback\n", clientCount, rounds,
                backend == test::ServerLauncher::Backend::Postgres ? "PostgreSQL" : "SQLite");
    std::printf("  change to screen (all %lld samples): p50 %.1f ms  p95 %.1f ms  max %.1f ms"
                "  (goal p95 < 1000 ms)\n",
                qint64(samples.size()), percentile(samples, 0.5), percentile(samples, 0.95),
                percentile(samples, 1.0));
    std::printf("  last client of a round:            p50 %.1f ms  p95 %.1f ms\n",
                percentile(slowest, 0.5), percentile(slowest, 0.95));
    std::printf("  the writer's push (sync run):      p50 %.1f ms\n", percentile(pushes, 0.5));
    if (incomplete > 0)
        std::printf("  %d round(s) did not reach every client within 30 s\n", incomplete);
    std::fflush(stdout);
    return 0;
}
