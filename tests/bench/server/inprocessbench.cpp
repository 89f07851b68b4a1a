#include "inprocessbench.h"

#include "bench/common/prose.h"
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

// A new post of real words (bench/common/prose.h) about the size writers write: the history's
// compression and the JSON's escaping cost what they cost for prose.
protocol::Change prosePost(Prose &prose)
{
    protocol::Change change;
    change.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    change.guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    change.fields.title = prose.sentence();
    change.fields.body = prose.body(2048);
    change.fields.tags = {prose.word(), prose.word()};
    return change;
}

// A push of 1,000 new posts, then of an edit of each (a sentence added to the body, on top of
// the revision the first push made: what a writer's day of edits sends), each measured around
// Api::handle and over loopback. --push-only runs just these (for profiling the push).
void benchPush(Harness &harness, const QString &label)
{
    Prose prose(1000);
    for (const bool loopback : {false, true}) {
        const qint64 blog = harness.addBlog(loopback ? QStringLiteral("push over loopback")
                                                     : QStringLiteral("push"));
        const auto pushed = [&](const protocol::SyncRequest &request, const QString &what) {
            double ms = 0;
            const auto response = loopback ? harness.syncLoopback(blog, request, &ms)
                                           : harness.syncDirect(blog, request, &ms);
            if (response.results.size() != request.changes.size())
                std::printf("%s: only %lld results\n", qUtf8Printable(what),
                            qlonglong(response.results.size()));
            printFigure(label + QStringLiteral(": ") + what
                                + (loopback ? QStringLiteral(", loopback")
                                            : QStringLiteral(", server time")),
                        ms, "ms");
            return response;
        };
        protocol::SyncRequest request;
        request.limit = 1; // measure the push, not a page of pulled posts
        for (int i = 0; i < 1000; ++i)
            request.changes.append(prosePost(prose));
        const protocol::SyncResponse created =
                pushed(request, QStringLiteral("push 1,000 new posts"));
        QHash<QString, qint64> revs;
        for (const protocol::ItemResult &result : created.results)
            revs.insert(result.guid, result.rev);
        for (protocol::Change &change : request.changes) {
            change.opId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            change.baseRev = revs.value(change.guid);
            change.fields.body += prose.sentence();
        }
        pushed(request, QStringLiteral("push 1,000 edits"));
    }
}

struct PullFigures
{
    double serverMs = 0;
    double loopbackMs = 0;
    qsizetype posts = 0; // in the loopback pull
    int pages = 0;
};

// Pulls the whole blog page by page from cursor zero, once in-process and once over loopback.
PullFigures fullPull(Harness &harness, qint64 blog)
{
    PullFigures figures;
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
        (loopback ? figures.loopbackMs : figures.serverMs) = total;
        figures.posts = posts;
        figures.pages = pages;
    }
    return figures;
}

void printFullPull(const QString &label, const PullFigures &figures)
{
    for (const bool loopback : {false, true}) {
        printFigure(label
                            + QStringLiteral(": full pull of %1 posts in %2 pages, %3")
                                      .arg(figures.posts)
                                      .arg(figures.pages)
                                      .arg(loopback ? QStringLiteral("loopback")
                                                    : QStringLiteral("server time")),
                    loopback ? figures.loopbackMs : figures.serverMs, "ms");
    }
}

// Per post, so that blogs of different sizes compare: a flat pull costs the same per post.
double msPerThousand(const PullFigures &figures)
{
    return figures.posts > 0 ? figures.serverMs * 1000.0 / double(figures.posts) : 0;
}

// The median of several full pulls (server time and loopback each).
PullFigures medianOf(const QList<PullFigures> &pulls)
{
    QList<double> server;
    QList<double> loopback;
    for (const PullFigures &pull : pulls) {
        server.append(pull.serverMs);
        loopback.append(pull.loopbackMs);
    }
    PullFigures median = pulls.value(0);
    median.serverMs = quantile(server, 0.5);
    median.loopbackMs = quantile(loopback, 0.5);
    return median;
}

struct IncrementalFigures
{
    QList<double> server;
    QList<double> loopback;
    QString cursor;
};

// Pushes one new post to `blog` and times pulling exactly that change, alternately in-process
// and over loopback.
void pullOneChange(Harness &harness, qint64 blog, int i, IncrementalFigures *figures)
{
    protocol::SyncRequest push;
    push.changes = {newPost(i)};
    push.limit = 1; // the push's own pull is not measured: keep it small
    double ignored = 0;
    harness.syncDirect(blog, push, &ignored);
    protocol::SyncRequest pull;
    pull.cursor = figures->cursor;
    double ms = 0;
    const bool direct = i % 2 == 0;
    const auto page =
            direct ? harness.syncDirect(blog, pull, &ms) : harness.syncLoopback(blog, pull, &ms);
    if (page.changes.size() != 1)
        std::printf("incremental pull returned %lld changes\n", qlonglong(page.changes.size()));
    (direct ? figures->server : figures->loopback).append(ms);
    figures->cursor = page.cursor;
}

qint64 seededBlog(Harness &harness, int size)
{
    const qint64 blog = harness.addBlog(QStringLiteral("blog-of-%1").arg(size));
    harness.seed(blog, size);
    return blog;
}

void printIncremental(const QString &label, const QString &size, const IncrementalFigures &figures)
{
    printFigure(label + QStringLiteral(": pull 1 change of %1 posts, server time (p50)").arg(size),
                quantile(figures.server, 0.5), "ms", 2.0, "goal <");
    printFigure(label + QStringLiteral(": pull 1 change of %1 posts, loopback (p50)").arg(size),
                quantile(figures.loopback, 0.5), "ms");
}

// The full pull and the pull of one change, in a blog of 1,000, 10,000 and (withLargeBlog)
// 100,000 posts, each seeded once. The 1,000- and 100,000-post blogs are measured in turn
// (several full pulls each, one change of each in every step of the incremental loop), so that
// both see the same machine and their ratio is not a difference of moments.
void benchPulls(Harness &harness, const QString &label, bool withLargeBlog)
{
    const qint64 small = seededBlog(harness, 1000);
    const qint64 medium = seededBlog(harness, 10000);
    const qint64 large = withLargeBlog ? seededBlog(harness, 100000) : 0;
    constexpr int largeRounds = 3; // a full pull of 100,000 posts takes seconds
    constexpr int smallPerRound = 10;
    QList<PullFigures> smallPulls;
    QList<PullFigures> largePulls;
    for (int round = 0; round < largeRounds; ++round) {
        if (large > 0)
            largePulls.append(fullPull(harness, large));
        for (int i = 0; i < smallPerRound; ++i)
            smallPulls.append(fullPull(harness, small));
    }
    const PullFigures smallPull = medianOf(smallPulls);
    printFullPull(label + QStringLiteral(" (median of %1)").arg(smallPulls.size()), smallPull);
    printFullPull(label, fullPull(harness, medium));

    IncrementalFigures smallChanges{{}, {}, harness.catchUp(small, QString())};
    IncrementalFigures largeChanges{
            {}, {}, large > 0 ? harness.catchUp(large, QString()) : QString()};
    for (int i = 0; i < incrementalSamples; ++i) {
        pullOneChange(harness, small, i, &smallChanges);
        if (large > 0)
            pullOneChange(harness, large, i, &largeChanges);
    }
    printIncremental(label, QStringLiteral("1,000"), smallChanges);
    if (large == 0)
        return;

    const PullFigures largePull = medianOf(largePulls);
    printFullPull(label + QStringLiteral(" (median of %1)").arg(largePulls.size()), largePull);
    printFigure(label + QStringLiteral(": full pull per 1,000 posts, 1,000-post blog"),
                msPerThousand(smallPull), "ms");
    printFigure(label + QStringLiteral(": full pull per 1,000 posts, 100,000-post blog"),
                msPerThousand(largePull), "ms");
    printFigure(label + QStringLiteral(": full pull ratio 100,000 / 1,000 posts (per post)"),
                msPerThousand(smallPull) > 0 ? msPerThousand(largePull) / msPerThousand(smallPull)
                                             : 0,
                "x", 1.5);
    printIncremental(label, QStringLiteral("100,000"), largeChanges);
    const double smallMs = quantile(smallChanges.server, 0.5);
    printFigure(label + QStringLiteral(": incremental ratio 100,000 / 1,000 posts (server time)"),
                smallMs > 0 ? quantile(largeChanges.server, 0.5) / smallMs : 0, "x", 1.5);
}

} // namespace

bool runInProcessBenchmarks(const QString &databaseUrl, const QString &label, bool withLargeBlog,
                            bool pushOnly)
{
    Harness harness;
    if (!harness.open(databaseUrl)) {
        std::printf("%s: cannot set up the in-process server\n", qUtf8Printable(label));
        return false;
    }
    benchPush(harness, label);
    if (!pushOnly)
        benchPulls(harness, label, withLargeBlog);
    return true;
}

} // namespace inkwell::bench
