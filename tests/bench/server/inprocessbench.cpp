#include "inprocessbench.h"

#include "benchfigures.h"
#include "protocol/codec.h"
#include "server/api/admin.h"
#include "server/api/api.h"
#include "server/http/httpserver.h"
#include "server/http/rawhttp.h"
#include "server/store/serverstore.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QUuid>

#include <cstdio>

namespace inkwell::bench {

namespace {

using namespace inkwell::server;

constexpr int incrementalSamples = 200;

protocol::Change newPost(int i)
{
    protocol::Change change;
    change.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    change.guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    change.fields.title = QStringLiteral("Post %1").arg(i);
    change.fields.body =
            QStringLiteral("A paragraph of Markdown about day %1. ").arg(i).repeated(8);
    change.fields.tags = {QStringLiteral("travel"), QStringLiteral("day-%1").arg(i % 30)};
    return change;
}

// The API in-process plus the HTTP front on a loopback port, with one logged-in account.
class Harness
{
public:
    bool open(const QString &databaseUrl)
    {
        auto store = store::ServerStore::open(databaseUrl);
        if (!store) {
            std::printf("cannot open %s: %s\n", qUtf8Printable(databaseUrl),
                        qUtf8Printable(store.error().message));
            return false;
        }
        m_config.maxChangesPerPush = 1000;
        m_store = *store;
        m_api = std::make_unique<Api>(m_config, m_store);
        const Admin admin(m_store, m_config);
        if (!admin.addUser(QStringLiteral("bench"), QStringLiteral("bench-password")))
            return false;
        HttpRequest login{"POST",
                          "/api/v1/session",
                          {{"content-type", "application/json"}},
                          protocol::encode(protocol::LoginRequest{
                                  QStringLiteral("bench"), QStringLiteral("bench-password")}),
                          QStringLiteral("127.0.0.1"),
                          {}};
        const auto decoded = protocol::decodeLoginResponse(m_api->handle(login).body);
        if (!decoded)
            return false;
        m_token = decoded->token.toUtf8();
        HttpLimits limits;
        m_http = std::make_unique<HttpServer>(
                limits, [this](const HttpRequest &request) { return m_api->handle(request); });
        if (!m_http->listen(QStringLiteral("127.0.0.1"), 0))
            return false;
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), m_http->port());
        return m_socket.waitForConnected(5000);
    }

    qint64 addBlog(const QString &name) const
    {
        const auto id = Admin(m_store, m_config).addBlog(name, QStringLiteral("bench"));
        return id ? *id : -1;
    }

    // Server time of one sync request, measured around Api::handle.
    protocol::SyncResponse syncDirect(qint64 blog, const protocol::SyncRequest &request,
                                      double *milliseconds)
    {
        const HttpRequest http = syncRequest(blog, request);
        QElapsedTimer timer;
        timer.start();
        const HttpResponse response = m_api->handle(http);
        *milliseconds = double(timer.nsecsElapsed()) / 1e6;
        return decode(response.status, response.body);
    }

    // The same over loopback HTTP (keep-alive connection), round trip as a client sees it.
    protocol::SyncResponse syncLoopback(qint64 blog, const protocol::SyncRequest &request,
                                        double *milliseconds)
    {
        const QByteArray body = protocol::encode(request);
        const QByteArray raw = "POST /api/v1/blogs/" + QByteArray::number(blog)
                + "/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + m_token
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        QElapsedTimer timer;
        timer.start();
        m_socket.write(raw);
        const auto response = test::readResponse(m_socket, std::chrono::seconds(120));
        *milliseconds = double(timer.nsecsElapsed()) / 1e6;
        return decode(response.status, response.body);
    }

    // Adds `count` posts to `blog` in pushes of 1,000.
    void seed(qint64 blog, int count)
    {
        protocol::SyncRequest request;
        request.limit = 1;
        double ignored = 0;
        for (int done = 0; done < count;) {
            request.changes.clear();
            for (int i = 0; i < 1000 && done < count; ++i, ++done)
                request.changes.append(newPost(done));
            syncDirect(blog, request, &ignored);
        }
    }

    // Pulls every page after `cursor` and returns the cursor of the newest change.
    QString catchUp(qint64 blog, QString cursor)
    {
        protocol::SyncRequest request;
        request.cursor = std::move(cursor);
        double ignored = 0;
        for (int page = 0; page < 100000; ++page) {
            const auto response = syncDirect(blog, request, &ignored);
            request.cursor = response.cursor;
            if (!response.more)
                break;
        }
        return request.cursor;
    }

private:
    HttpRequest syncRequest(qint64 blog, const protocol::SyncRequest &request) const
    {
        return HttpRequest{
                "POST",
                "/api/v1/blogs/" + QByteArray::number(blog) + "/sync",
                {{"authorization", "Bearer " + m_token}, {"content-type", "application/json"}},
                protocol::encode(request),
                QStringLiteral("127.0.0.1"),
                {}};
    }

    static protocol::SyncResponse decode(int status, const QByteArray &body)
    {
        auto decoded = protocol::decodeSyncResponse(body);
        if (status != 200 || !decoded) {
            std::printf("sync failed: HTTP %d %s\n", status, body.left(300).constData());
            return {};
        }
        return *decoded;
    }

    ServerConfig m_config;
    std::shared_ptr<store::ServerStore> m_store;
    std::unique_ptr<Api> m_api;
    std::unique_ptr<HttpServer> m_http;
    QTcpSocket m_socket;
    QByteArray m_token;
};

void benchPush(Harness &harness, const QString &label)
{
    const qint64 blog = harness.addBlog(QStringLiteral("push"));
    for (const bool loopback : {false, true}) {
        protocol::SyncRequest request;
        request.limit = 1; // measure the push, not a page of pulled posts
        for (int i = 0; i < 1000; ++i)
            request.changes.append(newPost(i));
        double ms = 0;
        const auto response = loopback ? harness.syncLoopback(blog, request, &ms)
                                       : harness.syncDirect(blog, request, &ms);
        if (response.results.size() != 1000)
            std::printf("push of 1,000: only %lld results\n", qlonglong(response.results.size()));
        printFigure(label
                            + (loopback ? QStringLiteral(": push 1,000 changes, loopback")
                                        : QStringLiteral(": push 1,000 changes, server time")),
                    ms, "ms");
    }
}

void benchFullPull(Harness &harness, const QString &label)
{
    const qint64 blog = harness.addBlog(QStringLiteral("pull"));
    harness.seed(blog, 10000);
    for (const bool loopback : {false, true}) {
        protocol::SyncRequest request;
        double total = 0;
        int pages = 0;
        qsizetype posts = 0;
        for (bool more = true; more && pages < 10000; ++pages) {
            double ms = 0;
            const auto page = loopback ? harness.syncLoopback(blog, request, &ms)
                                       : harness.syncDirect(blog, request, &ms);
            total += ms;
            posts += page.changes.size();
            request.cursor = page.cursor;
            more = page.more;
        }
        printFigure(label
                            + QStringLiteral(": full pull of %1 posts in %2 pages, %3")
                                      .arg(posts)
                                      .arg(pages)
                                      .arg(loopback ? QStringLiteral("loopback")
                                                    : QStringLiteral("server time")),
                    total, "ms");
    }
}

// Median server and loopback time of pulling exactly one new change from a blog of `size`.
std::pair<double, double> incrementalPull(Harness &harness, int size)
{
    const qint64 blog = harness.addBlog(QStringLiteral("incremental-%1").arg(size));
    harness.seed(blog, size);
    QString cursor = harness.catchUp(blog, QString());
    QList<double> server;
    QList<double> loopback;
    for (int i = 0; i < incrementalSamples; ++i) {
        protocol::SyncRequest push;
        push.changes = {newPost(i)};
        push.limit = 1; // the push's own pull is not measured: keep it small
        double ignored = 0;
        harness.syncDirect(blog, push, &ignored);
        protocol::SyncRequest pull;
        pull.cursor = cursor;
        double ms = 0;
        const auto page = (i % 2 == 0) ? harness.syncDirect(blog, pull, &ms)
                                       : harness.syncLoopback(blog, pull, &ms);
        if (page.changes.size() != 1)
            std::printf("incremental pull returned %lld changes\n", qlonglong(page.changes.size()));
        ((i % 2 == 0) ? server : loopback).append(ms);
        cursor = page.cursor;
    }
    return {quantile(server, 0.5), quantile(loopback, 0.5)};
}

void benchIncrementalPull(Harness &harness, const QString &label, bool withLargeBlog)
{
    const auto [small, smallLoopback] = incrementalPull(harness, 1000);
    printFigure(label + QStringLiteral(": pull 1 change of 1,000 posts, server time (p50)"), small,
                "ms", 2.0, "goal <");
    printFigure(label + QStringLiteral(": pull 1 change of 1,000 posts, loopback (p50)"),
                smallLoopback, "ms");
    if (!withLargeBlog)
        return;
    const auto [large, largeLoopback] = incrementalPull(harness, 100000);
    printFigure(label + QStringLiteral(": pull 1 change of 100,000 posts, server time (p50)"),
                large, "ms", 2.0, "goal <");
    printFigure(label + QStringLiteral(": pull 1 change of 100,000 posts, loopback (p50)"),
                largeLoopback, "ms");
    printFigure(label + QStringLiteral(": ratio 100,000 / 1,000 posts (server time)"),
                small > 0 ? large / small : 0, "x", 1.5);
}

} // namespace

bool runInProcessBenchmarks(const QString &databaseUrl, const QString &label, bool withLargeBlog)
{
    Harness harness;
    if (!harness.open(databaseUrl)) {
        std::printf("%s: cannot set up the in-process server\n", qUtf8Printable(label));
        return false;
    }
    benchPush(harness, label);
    benchFullPull(harness, label);
    benchIncrementalPull(harness, label, withLargeBlog);
    return true;
}

} // namespace inkwell::bench
