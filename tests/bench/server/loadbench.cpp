#include "loadbench.h"

#include "benchfigures.h"
#include "protocol/codec.h"
#include "support/serverlauncher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

#include <cstdio>
#include <memory>

namespace inkwell::bench {

namespace {

constexpr int blogsUnderLoad = 10;
constexpr int changesPerRound = 10;

// One simulated writer: per round one sync that pushes 10 changes, then pulls until `more` is
// false. Runs on the event loop; records the latency of every request.
class LoadClient final : public QObject
{
public:
    LoadClient(QUrl base, QByteArray token, qint64 blog, const QElapsedTimer *clock, qint64 endMs,
               QList<double> *latencies, int *failures)
        : m_base(std::move(base)), m_token(std::move(token)), m_blog(blog), m_clock(clock),
          m_endMs(endMs), m_latencies(latencies), m_failures(failures)
    { }

    void start(std::function<void()> finished)
    {
        m_finished = std::move(finished);
        push();
    }

private:
    void push()
    {
        if (m_clock->elapsed() >= m_endMs)
            return m_finished();
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
        QUrl url = m_base;
        url.setPath(QStringLiteral("/api/v1/blogs/%1/sync").arg(m_blog));
        QNetworkRequest http(url);
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        http.setRawHeader("Authorization", "Bearer " + m_token);
        const qint64 startedNs = m_clock->nsecsElapsed();
        const bool pushing = !request.changes.isEmpty();
        QNetworkReply *reply = m_network.post(http, protocol::encode(request));
        connect(reply, &QNetworkReply::finished, this, [=, this] {
            reply->deleteLater();
            m_latencies->append(double(m_clock->nsecsElapsed() - startedNs) / 1e6);
            const auto response = protocol::decodeSyncResponse(reply->readAll());
            if (reply->error() != QNetworkReply::NoError || !response) {
                ++*m_failures;
                return push();
            }
            m_cursor = response->cursor;
            if (pushing || response->more)
                return pull();
            push();
        });
    }

    QNetworkAccessManager m_network;
    QUrl m_base;
    QByteArray m_token;
    qint64 m_blog;
    const QElapsedTimer *m_clock;
    qint64 m_endMs;
    QList<double> *m_latencies;
    int *m_failures;
    QString m_cursor;
    int m_round = 0;
    std::function<void()> m_finished;
};

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
    server.setServeArguments(serveArguments);
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
    writers.clear();
    const bool stopped = server.stop();
    const QString prefix =
            label + QStringLiteral(": %1 clients, %2 s").arg(clients).arg(seconds, 0, 'f', 1);
    printFigure(prefix + QStringLiteral(", requests/s"), double(latencies.size()) / seconds, "1/s");
    printFigure(prefix + QStringLiteral(", latency p50"), quantile(latencies, 0.5), "ms");
    printFigure(prefix + QStringLiteral(", latency p99"), quantile(latencies, 0.99), "ms", 100.0,
                "goal <");
    printFigure(prefix + QStringLiteral(", failed requests"), failures, "");
    if (!stopped)
        std::printf("%s: the server did not stop cleanly: %s\n", qUtf8Printable(label),
                    qUtf8Printable(server.errorString()));
    return failures == 0 && stopped;
}

} // namespace inkwell::bench
