// End-to-end: two server processes on one database, 8 writers and 4 readers at once for a
// bounded time (INKWELL_CLUSTER_SECONDS, default 3). Afterwards the revisions of the blog are
// unique and gap-free, and every reader, having pulled incrementally, holds exactly the
// committed state: no pull skipped a change that committed late.
#include "serverfixture.h"

#include "protocol/codec.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTest>

#include <map>

using namespace inkwell;
using namespace inkwell::test;

namespace {

constexpr int writerCount = 8;
constexpr int readerCount = 4;

int runSeconds()
{
    const int seconds = qEnvironmentVariableIntValue("INKWELL_CLUSTER_SECONDS");
    return seconds > 0 ? seconds : 3;
}

// A client of two servers that alternates between them; one request at a time.
class ClusterClient : public QObject
{
public:
    ClusterClient(QList<QUrl> servers, QByteArray token, qint64 blog)
        : m_servers(std::move(servers)), m_token(std::move(token)), m_blog(blog)
    { }
    bool busy() const { return m_busy; }
    int failures() const { return m_failures; }

protected:
    void post(const protocol::SyncRequest &request,
              std::function<void(const protocol::SyncResponse &)> done)
    {
        QUrl url = m_servers[m_next++ % m_servers.size()];
        url.setPath(QStringLiteral("/api/v1/blogs/%1/sync").arg(m_blog));
        QNetworkRequest http(url);
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        http.setRawHeader("Authorization", "Bearer " + m_token);
        m_busy = true;
        QNetworkReply *reply = m_network.post(http, protocol::encode(request));
        connect(reply, &QNetworkReply::finished, this, [this, reply, done] {
            reply->deleteLater();
            m_busy = false;
            const auto response = protocol::decodeSyncResponse(reply->readAll());
            if (reply->error() != QNetworkReply::NoError || !response) {
                ++m_failures;
                qWarning("sync failed: %s", qPrintable(reply->errorString()));
                return;
            }
            done(*response);
        });
    }

private:
    QNetworkAccessManager m_network;
    QList<QUrl> m_servers;
    QByteArray m_token;
    qint64 m_blog;
    int m_next = 0;
    int m_failures = 0;
    bool m_busy = false;
};

// Creates posts and edits its own, recording every acknowledged (rev -> guid, fields).
class Writer final : public ClusterClient
{
public:
    using ClusterClient::ClusterClient;
    std::map<qint64, model::Revision> acknowledged;
    int conflicts = 0;

    void step(bool keepGoing)
    {
        if (!keepGoing)
            return;
        protocol::SyncRequest request;
        request.limit = 1;
        for (int i = 0; i < 2; ++i)
            request.changes.append(makeChange(newGuid(), 0, QStringLiteral("w%1").arg(++m_count)));
        if (!m_own.isEmpty()) {
            const QString guid = m_own[m_count % m_own.size()];
            request.changes.append(makeChange(guid, m_latest.value(guid),
                                              QStringLiteral("edit %1").arg(++m_count)));
        }
        post(request, [this, request](const protocol::SyncResponse &response) {
            for (const protocol::ItemResult &result : response.results) {
                if (result.status == protocol::ItemStatus::Conflict)
                    ++conflicts;
                if (result.status != protocol::ItemStatus::Applied)
                    continue;
                for (const protocol::Change &change : request.changes) {
                    if (change.opId != result.opId)
                        continue;
                    acknowledged[result.rev] = model::Revision{
                            change.guid, result.rev, false, change.fields, {}, {}, {}};
                    if (!m_latest.contains(change.guid))
                        m_own.append(change.guid);
                    m_latest[change.guid] = result.rev;
                }
            }
            step(m_keepGoing());
        });
    }
    std::function<bool()> m_keepGoing;

private:
    QList<QString> m_own;
    QHash<QString, qint64> m_latest;
    int m_count = 0;
};

// Pulls incrementally in small pages, keeping the newest version of each post it saw.
class Reader final : public ClusterClient
{
public:
    using ClusterClient::ClusterClient;
    QHash<QString, model::Revision> seen;
    bool caughtUp = false;

    // While the writers run: pull, and again while time is left. Final pass: pull until
    // `more` is false, then set caughtUp.
    void step(bool finalPass)
    {
        caughtUp = false;
        protocol::SyncRequest request;
        request.cursor = m_cursor;
        request.limit = 20;
        post(request, [this, finalPass](const protocol::SyncResponse &response) {
            for (const model::Revision &revision : response.changes)
                seen[revision.guid] = revision;
            m_cursor = response.cursor;
            if (finalPass && !response.more)
                caughtUp = true;
            else if (finalPass || m_keepGoing())
                step(finalPass);
        });
    }
    std::function<bool()> m_keepGoing;

private:
    QString m_cursor;
};

} // namespace

class TestServerCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoServersKeepRevisionsGapFreeUnderConcurrentWriters();
};

void TestServerCluster::twoServersKeepRevisionsGapFreeUnderConcurrentWriters()
{
    std::unique_ptr<ServerFixture> fixture;
    INKWELL_START_FIXTURE(fixture);
    ServerLauncher second(ServerLauncher::Backend::Sqlite);
    second.setDatabaseUrl(fixture->server->databaseUrl());
    QVERIFY2(second.start(), qPrintable(second.errorString()));
    const QList<QUrl> servers{fixture->server->baseUrl(), second.baseUrl()};
    const QByteArray token = fixture->client->token();

    QElapsedTimer clock;
    clock.start();
    const qint64 endMs = qint64(runSeconds()) * 1000;
    const auto keepGoing = [&clock, endMs] { return clock.elapsed() < endMs; };
    std::vector<std::unique_ptr<Writer>> writers;
    std::vector<std::unique_ptr<Reader>> readers;
    for (int i = 0; i < writerCount; ++i) {
        writers.push_back(std::make_unique<Writer>(servers, token, fixture->blogId));
        writers.back()->m_keepGoing = keepGoing;
        writers.back()->step(true);
    }
    for (int i = 0; i < readerCount; ++i) {
        readers.push_back(std::make_unique<Reader>(servers, token, fixture->blogId));
        readers.back()->m_keepGoing = keepGoing;
        readers.back()->step(false);
    }
    const auto allIdle = [&] {
        return std::none_of(writers.begin(), writers.end(), [](auto &w) { return w->busy(); })
                && std::none_of(readers.begin(), readers.end(), [](auto &r) { return r->busy(); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(!keepGoing() && allIdle(), endMs + 60000);
    for (auto &reader : readers)
        reader->step(true); // catch up to the end after the writers stopped
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(readers.begin(), readers.end(),
                                         [](auto &r) { return r->caughtUp || r->failures(); }),
                             60000);

    // Revisions: every applied change got its own, and together they are 1..N.
    std::map<qint64, model::Revision> committed;
    for (auto &writer : writers) {
        QCOMPARE(writer->failures(), 0);
        QCOMPARE(writer->conflicts, 0);
        for (const auto &[rev, revision] : writer->acknowledged) {
            QVERIFY2(!committed.count(rev), "two changes got the same revision");
            committed[rev] = revision;
        }
    }
    QVERIFY(committed.size() > std::size_t(writerCount));
    QCOMPARE(committed.begin()->first, qint64(1));
    QCOMPARE(committed.rbegin()->first, qint64(committed.size()));

    QHash<QString, model::Revision> latest;
    for (const auto &[rev, revision] : committed)
        latest[revision.guid] = revision; // ascending rev: the last one wins
    for (auto &reader : readers) {
        QCOMPARE(reader->failures(), 0);
        QCOMPARE(reader->seen.size(), latest.size());
        for (auto it = latest.cbegin(); it != latest.cend(); ++it) {
            const model::Revision &got = reader->seen.value(it.key());
            QCOMPARE(got.rev, it->rev);
            QCOMPARE(got.fields, it->fields);
        }
    }
    qInfo("%zu changes committed through two servers in %d s", committed.size(), runSeconds());
    QVERIFY(second.stop());
    QVERIFY(fixture->server->stop());
}

QTEST_GUILESS_MAIN(TestServerCluster)
#include "tst_servercluster.moc"
