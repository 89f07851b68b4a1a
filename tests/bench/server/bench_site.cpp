// bench_site: the public site (issue 15) against the real inkwell-server binary on loopback, for
// a public blog of 10,000 published posts of realistic text: the server time of the index page
// and of a post page (from the server's access log, and as the client sees it over loopback),
// 50 concurrent readers while 10 writers sync, and whether an edit published shows at the very
// next request (stale answers are counted). Figures only, no asserts.
// Usage: bench_site [--posts N] [--seconds S]
#include "bench/common/prose.h"
#include "benchfigures.h"
#include "protocol/codec.h"
#include "protocol/session.h"
#include "protocol/sync.h"
#include "publish/slug.h"
#include "server/http/rawhttp.h"
#include "support/serverlauncher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QUuid>

#include <atomic>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

using namespace inkwell;
using inkwell::bench::printFigure;
using inkwell::bench::Prose;
using inkwell::bench::quantile;

namespace {

const QByteArray site = "/b/travel-notes/";

// A keep-alive HTTP/1.1 connection to the server (blocking; one per thread).
class Connection
{
public:
    explicit Connection(quint16 port) : m_port(port) { connect(); }
    void setToken(const QByteArray &token) { m_token = token; }

    test::RawResponse request(const QByteArray &method, const QByteArray &target,
                              const QByteArray &body = {}, double *ms = nullptr)
    {
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            connect(); // the server closed an idle or limited connection
        QByteArray head = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        if (!m_token.isEmpty())
            head += "Authorization: Bearer " + m_token + "\r\n";
        if (!body.isEmpty())
            head += "Content-Type: application/json\r\n";
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        QElapsedTimer timer;
        timer.start();
        m_socket->write(head + body);
        test::RawResponse response = test::readResponse(*m_socket, std::chrono::seconds(60));
        if (ms)
            *ms = double(timer.nsecsElapsed()) / 1e6;
        if (response.header("connection") == "close")
            m_socket->disconnectFromHost();
        return response;
    }

private:
    void connect()
    {
        m_socket = std::make_unique<QTcpSocket>();
        m_socket->connectToHost(QStringLiteral("127.0.0.1"), m_port);
        m_socket->waitForConnected(5000);
    }

    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_token;
};

struct Post
{
    QString guid;
    qint64 rev = 0;
    model::PostFields fields;
    QByteArray path; // /b/travel-notes/<slug>/
};

model::PostFields fieldsOf(Prose &prose, int number)
{
    static const QStringList tags{QStringLiteral("travel"), QStringLiteral("food"),
                                  QStringLiteral("trains"), QStringLiteral("coast"),
                                  QStringLiteral("cities"), QStringLiteral("notes")};
    model::PostFields fields;
    fields.title = prose.sentence().chopped(1).left(60) + QStringLiteral(" (%1)").arg(number);
    fields.body = prose.body(1500 + int(prose.bounded(2500)));
    fields.tags = {tags.at(int(prose.bounded(6))), tags.at(int(prose.bounded(6)))};
    fields.tags.removeDuplicates();
    fields.state = model::PublishState::Published;
    return fields;
}

// Pushes the posts' current fields; stores each new revision. False when one was not applied.
bool push(Connection &connection, qint64 blog, QList<Post *> posts)
{
    protocol::SyncRequest request;
    request.limit = 1;
    for (const Post *post : posts)
        request.changes.append(protocol::Change{QUuid::createUuid().toString(QUuid::WithoutBraces),
                                                post->guid, post->rev, false, post->fields});
    const test::RawResponse reply =
            connection.request("POST", "/api/v1/blogs/" + QByteArray::number(blog) + "/sync",
                               protocol::encode(request));
    const auto response = protocol::decodeSyncResponse(reply.body);
    if (!response || response->results.size() != posts.size())
        return false;
    bool ok = true;
    for (qsizetype i = 0; i < posts.size(); ++i) {
        ok &= response->results.at(i).status == protocol::ItemStatus::Applied;
        posts[i]->rev = response->results.at(i).rev;
    }
    return ok;
}

// The handling times (ms) in the server's access log, from offset on, of GETs whose path
// matches: index pages, post pages.
QList<double> serverTimes(const QString &log, qsizetype offset, bool (*matches)(QStringView))
{
    QList<double> times;
    for (const QStringView line : QStringView(log).mid(offset).split(u'\n')) {
        if (!line.startsWith(u"inkwell.server.access") || !line.endsWith(u"ms"))
            continue;
        const QList<QStringView> words = line.split(u' ');
        const qsizetype get = words.indexOf(u"GET");
        if (get < 0 || get + 1 >= words.size() || !matches(words.at(get + 1)))
            continue;
        bool ok = false;
        const double ms = words.last().chopped(2).toDouble(&ok);
        if (ok)
            times.append(ms);
    }
    return times;
}

bool isIndex(QStringView path)
{
    return path == QLatin1String(site);
}
bool isPost(QStringView path)
{
    return path.startsWith(QLatin1String(site)) && path != QLatin1String(site)
            && !path.endsWith(u".atom");
}

void printTimes(const QString &name, const QList<double> &loopback, const QList<double> &server,
                double goal)
{
    printFigure(name + QStringLiteral(", server time p50"), quantile(server, 0.5), "ms", goal);
    printFigure(name + QStringLiteral(", server time p95"), quantile(server, 0.95), "ms", goal);
    printFigure(name + QStringLiteral(", loopback p50"), quantile(loopback, 0.5), "ms");
    printFigure(name + QStringLiteral(", loopback p95"), quantile(loopback, 0.95), "ms");
}

// Sequential GETs on one connection: loopback latencies and the server's own times. before, if
// given, runs ahead of each request (untimed): an edit pushed there makes the page rendered anew.
void timePages(test::ServerLauncher &server, const QString &name, const QList<QByteArray> &paths,
               int requests, double goal, bool (*matches)(QStringView),
               const std::function<void()> &before = {}, bool warmUp = true)
{
    Connection connection(server.port());
    for (int i = 0; warmUp && i < 20; ++i)
        connection.request("GET", paths.at(i % paths.size()));
    const qsizetype offset = server.serverLog().size();
    QList<double> loopback;
    int failures = 0;
    for (int i = 0; i < requests; ++i) {
        if (before)
            before();
        double ms = 0;
        const test::RawResponse page =
                connection.request("GET", paths.at(i % paths.size()), {}, &ms);
        failures += page.status != 200;
        loopback.append(ms);
    }
    if (failures)
        std::printf("%s: %d of %d requests failed\n", qUtf8Printable(name), failures, requests);
    printTimes(name, loopback, serverTimes(server.serverLog(), offset, matches), goal);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("public site benchmarks"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("posts"), QStringLiteral("Published posts in the blog."),
                      QStringLiteral("N"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Duration of the load phase."),
                      QStringLiteral("S"), QStringLiteral("10")});
    parser.process(app);
    const int postCount = std::max(100, parser.value(QStringLiteral("posts")).toInt());
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt());

    test::ServerLauncher server;
    if (!server.start()) {
        std::printf("cannot start the server: %s\n", qUtf8Printable(server.errorString()));
        return 1;
    }
    server.addUser(QStringLiteral("bench"), QStringLiteral("password1"));
    const qint64 blog = server.addBlog(QStringLiteral("Travel Notes"), QStringLiteral("bench"));
    const auto made = server.runCli({QStringLiteral("blog"), QStringLiteral("set"),
                                     QString::number(blog), QStringLiteral("--public")});
    if (made.exitCode != 0) {
        std::printf("blog set --public failed: %s\n", made.standardError.constData());
        return 1;
    }
    Connection writer(server.port());
    const auto session = protocol::decodeLoginResponse(
            writer.request("POST", "/api/v1/session",
                           protocol::encode(protocol::LoginRequest{QStringLiteral("bench"),
                                                                   QStringLiteral("password1")}))
                    .body);
    if (!session) {
        std::printf("login failed\n");
        return 1;
    }
    const QByteArray token = session->token.toLatin1();
    writer.setToken(token);

    // The blog: postCount published posts, pushed 500 at a time.
    Prose prose(15);
    QList<Post> posts(postCount);
    QElapsedTimer seeding;
    seeding.start();
    for (int i = 0; i < postCount; ++i) {
        posts[i].guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        posts[i].fields = fieldsOf(prose, i + 1);
        posts[i].path = site + publish::Slug::fromTitle(posts[i].fields.title).toUtf8() + '/';
    }
    for (int from = 0; from < postCount; from += 500) {
        QList<Post *> batch;
        for (int i = from; i < std::min(postCount, from + 500); ++i)
            batch.append(&posts[i]);
        if (!push(writer, blog, batch)) {
            std::printf("seeding failed at post %d\n", from);
            return 1;
        }
    }
    printFigure(QStringLiteral("seeding: published posts"), postCount, "");
    printFigure(QStringLiteral("seeding: time"), double(seeding.elapsed()) / 1000, "s");

    // Each figure twice: rendered anew (the first request after a push that changed the page;
    // the goals are for these) and from the server's page cache (every later request).
    QList<QByteArray> postPaths; // 1,000 different posts, none asked for yet
    for (int i = 0; i < 1000; ++i)
        postPaths.append(posts.at(int(qint64(i) * postCount / 1000)).path);
    // An edit of the post published last, which leads the index's first page and the feed (the
    // posts of one push share their publication time, so only a post pushed alone is sure to).
    Post lead;
    lead.guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    lead.fields = fieldsOf(prose, postCount + 1);
    lead.path = site + publish::Slug::fromTitle(lead.fields.title).toUtf8() + '/';
    if (!push(writer, blog, {&lead}))
        std::printf("publishing the leading post failed\n");
    const auto editOne = [&] {
        lead.fields.body = prose.edit(lead.fields.body);
        push(writer, blog, {&lead});
    };
    const auto isFeed = [](QStringView path) { return path.endsWith(u"feed.atom"); };
    timePages(server, QStringLiteral("index page, rendered anew"), {site}, 200, 10, isIndex,
              editOne, false);
    timePages(server, QStringLiteral("index page, from the cache"), {site}, 500, 10, isIndex);
    timePages(server, QStringLiteral("post page, rendered anew"), postPaths, 1000, 5, isPost, {},
              false);
    timePages(server, QStringLiteral("post page, from the cache"), postPaths, 1000, 5, isPost);
    timePages(server, QStringLiteral("Atom feed, rendered anew"), {site + "feed.atom"}, 100, 0,
              isFeed, editOne, false);
    timePages(server, QStringLiteral("Atom feed, from the cache"), {site + "feed.atom"}, 200, 0,
              isFeed);

    // 50 readers (80 % post pages, 20 % the index) while 10 writers each push 10 edits a round.
    std::atomic<bool> stop = false;
    std::mutex mutex;
    QList<double> readerTimes;
    std::atomic<int> readerFailures = 0;
    std::atomic<int> writerRounds = 0;
    std::atomic<int> writerFailures = 0;
    std::vector<std::thread> threads;
    for (int r = 0; r < 50; ++r) {
        threads.emplace_back([&, r] {
            Connection reader(server.port());
            QRandomGenerator random(quint32(100 + r));
            QList<double> times;
            while (!stop) {
                const QByteArray path = random.bounded(5) == 0
                        ? site
                        : postPaths.at(int(random.bounded(quint32(postPaths.size()))));
                double ms = 0;
                readerFailures += reader.request("GET", path, {}, &ms).status != 200;
                times.append(ms);
            }
            const std::lock_guard lock(mutex);
            readerTimes += times;
        });
    }
    for (int w = 0; w < 10; ++w) {
        threads.emplace_back([&, w] {
            Connection connection(server.port());
            connection.setToken(token);
            Prose words(quint32(200 + w));
            // Each writer edits its own slice of the blog, so no edit conflicts with another.
            while (!stop) {
                QList<Post *> batch;
                for (int i = 0; i < 10; ++i) {
                    Post &post = posts[w * (postCount / 10)
                                       + int(words.bounded(quint32(postCount / 10)))];
                    if (batch.contains(&post))
                        continue;
                    post.fields.body = words.edit(post.fields.body);
                    batch.append(&post);
                }
                writerFailures += !push(connection, blog, batch);
                ++writerRounds;
            }
        });
    }
    const qsizetype loadLogOffset = server.serverLog().size();
    QElapsedTimer load;
    load.start();
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (std::thread &thread : threads)
        thread.join();
    const double loadSeconds = double(load.elapsed()) / 1000;
    printFigure(QStringLiteral("50 readers + 10 writers: reader requests/s"),
                double(readerTimes.size()) / loadSeconds, "1/s");
    printFigure(QStringLiteral("50 readers + 10 writers: reader p50"), quantile(readerTimes, 0.5),
                "ms");
    printFigure(QStringLiteral("50 readers + 10 writers: reader p99"), quantile(readerTimes, 0.99),
                "ms", 50);
    const QList<double> loadServerTimes =
            serverTimes(server.serverLog(), loadLogOffset,
                        [](QStringView path) { return path.startsWith(QLatin1String(site)); });
    printFigure(QStringLiteral("50 readers + 10 writers: reader server time p50"),
                quantile(loadServerTimes, 0.5), "ms");
    printFigure(QStringLiteral("50 readers + 10 writers: reader server time p99"),
                quantile(loadServerTimes, 0.99), "ms");
    printFigure(QStringLiteral("50 readers + 10 writers: writer syncs/s"),
                double(writerRounds) / loadSeconds, "1/s");
    printFigure(QStringLiteral("50 readers + 10 writers: failed reads"), readerFailures, "");
    printFigure(QStringLiteral("50 readers + 10 writers: failed syncs"), writerFailures, "");

    // An edit published, then at once the post page and the index: both show it or are stale.
    // The post edited is published last, so that it leads the index's first page.
    Post fresh;
    fresh.guid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    fresh.fields = fieldsOf(prose, postCount + 2);
    fresh.path = site + publish::Slug::fromTitle(fresh.fields.title).toUtf8() + '/';
    if (!push(writer, blog, {&fresh}))
        std::printf("stale check: publishing its post failed\n");
    Connection reader(server.port());
    int stalePost = 0;
    int staleIndex = 0;
    const int edits = 200;
    for (int i = 0; i < edits; ++i) {
        const QString marker = QStringLiteral("fresh%1marker").arg(i);
        fresh.fields.title = fresh.fields.title.section(u'~', 0, 0) + u'~' + marker;
        fresh.fields.body = prose.edit(fresh.fields.body) + QStringLiteral("\n\n") + marker + u'\n';
        if (!push(writer, blog, {&fresh})) {
            std::printf("stale check: push %d failed\n", i);
            continue;
        }
        stalePost += !reader.request("GET", fresh.path).body.contains(marker.toUtf8());
        staleIndex += !reader.request("GET", site).body.contains(marker.toUtf8());
    }
    printFigure(QStringLiteral("edits published then read at once"), edits, "");
    printFigure(QStringLiteral("stale post pages"), stalePost, "", 0);
    printFigure(QStringLiteral("stale index pages"), staleIndex, "", 0);
    return 0;
}
