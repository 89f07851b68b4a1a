// The sync engine against a server whose database was restored from a backup: the epoch tells
// the client, which pulls everything again and pushes back whatever the restore lost, without
// losing a pending edit or duplicating a post.
#include "protocol/codec.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "syncfixture.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class TestRestoredServer : public FakeServerTest
{
    Q_OBJECT

private:
    QString storedEpoch(SyncClient &client)
    {
        return client.store()
                .sync()
                .epoch(client.engine().account().serverKey(), client.blogKey())
                .value();
    }

    // Writes posts as another writer until the blog's counter is past `rev`.
    void writeUntilPast(qint64 rev)
    {
        int n = 0;
        while (m_server->blog(m_blog).counter <= rev)
            m_server->writePost(m_blog, model::createGuid(),
                                {QStringLiteral("after the restore %1").arg(++n), {}, {}, {}, {}});
    }

    int liveServerPosts() const
    {
        int live = 0;
        for (const model::Revision &post : m_server->blog(m_blog).posts)
            live += post.deleted ? 0 : 1;
        return live;
    }

private Q_SLOTS:
    void init() { startServer(QStringLiteral("Travel")); }

    void epochIsStoredAndSentBack()
    {
        auto client = newClient();
        client->create(QStringLiteral("First"));
        QVERIFY(client->sync());
        QCOMPARE(storedEpoch(*client), m_server->epoch);
        QVERIFY(client->sync());
        const auto sent = protocol::decodeSyncRequest(client->transport().requests.last().body);
        QVERIFY(sent);
        QCOMPARE(sent->epoch, m_server->epoch);
        QCOMPARE(sent->cursor, QStringLiteral("1"));
    }

    void serverWithoutEpochGetsNone()
    {
        m_server->epoch.clear();
        auto client = newClient();
        client->create(QStringLiteral("First"));
        QVERIFY(client->sync());
        QVERIFY(client->sync());
        QCOMPARE(storedEpoch(*client), QString());
        QVERIFY(!client->transport().requests.last().body.contains("epoch"));
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // The restored server's counter passed the client's cursor before it synced: only the epoch
    // tells. Edits, new posts and deletes acknowledged after the backup come back; nothing is
    // duplicated.
    void restoreBringsBackAcknowledgedChanges()
    {
        auto client = newClient();
        const model::Post edited = client->create(QStringLiteral("Edited after the backup"));
        const model::Post deleted = client->create(QStringLiteral("Deleted after the backup"));
        const model::Post kept = client->create(QStringLiteral("Unchanged"));
        QVERIFY(client->sync());
        const FakeServer::Blog backup = m_server->blog(m_blog);

        client->edit(edited.guid, [](model::PostFields &f) { f.body = QStringLiteral("v2"); });
        QVERIFY(client->store().posts().remove(deleted.guid));
        const model::Post created = client->create(QStringLiteral("Created after the backup"));
        QVERIFY(client->sync());
        const qint64 cursor = m_server->blog(m_blog).counter;
        // A pending edit made before the restore must survive it too.
        client->edit(kept.guid, [](model::PostFields &f) { f.body = QStringLiteral("pending"); });

        m_server->restore(m_blog, backup);
        writeUntilPast(cursor);
        const int writtenMeanwhile = liveServerPosts() - 3;

        auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QVERIFY(result->resynced);
        QCOMPARE(result->recovered, 3); // edited, deleted, created
        QCOMPARE(m_server->post(m_blog, edited.guid).fields.body, QStringLiteral("v2"));
        QVERIFY(m_server->post(m_blog, deleted.guid).deleted);
        QCOMPARE(m_server->post(m_blog, created.guid).fields.title,
                 QStringLiteral("Created after the backup"));
        QCOMPARE(m_server->post(m_blog, kept.guid).fields.body, QStringLiteral("pending"));
        QCOMPARE(liveServerPosts(), 3 + writtenMeanwhile); // nothing twice
        QCOMPARE(client->livePosts().size(), liveServerPosts());
        QCOMPARE(storedEpoch(*client), m_server->epoch);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
        // Settled: the next sync pushes nothing and does not resync.
        const int writes = m_server->appliedWrites;
        auto again = client->sync();
        QVERIFY(again);
        QVERIFY(!again->resynced);
        QCOMPARE(m_server->appliedWrites, writes);
    }

    // Two replicas saw the same lost history: the first brings it back, the second takes it from
    // the server instead of pushing it a second time.
    void secondReplicaTakesWhatTheFirstBroughtBack()
    {
        auto alice = newClient();
        auto bob = newClient();
        const model::Post post = alice->create(QStringLiteral("Shared"));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        const FakeServer::Blog backup = m_server->blog(m_blog);
        alice->edit(post.guid, [](model::PostFields &f) { f.title = QStringLiteral("Retitled"); });
        const model::Post created = alice->create(QStringLiteral("New"));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        QCOMPARE(bob->post(post.guid).fields.title, QStringLiteral("Retitled"));

        m_server->restore(m_blog, backup);
        writeUntilPast(m_server->blog(m_blog).counter + 4);

        QVERIFY(alice->sync());
        const int writes = m_server->appliedWrites;
        auto result = bob->sync();
        QVERIFY2(result, qPrintable(bob->lastError().message));
        QVERIFY(result->resynced);
        QCOMPARE(m_server->appliedWrites, writes); // bob had nothing the server lacked
        QCOMPARE(m_server->post(m_blog, post.guid).fields.title, QStringLiteral("Retitled"));
        QCOMPARE(m_server->post(m_blog, created.guid).fields.title, QStringLiteral("New"));
        QVERIFY(alice->sync());
        QCOMPARE(differenceFromServer(*alice, *m_server, m_blog), QString());
        QCOMPARE(differenceFromServer(*bob, *m_server, m_blog), QString());
    }

    // A recovery cut off half-way keeps the old epoch, so the next run starts it again from 0.
    void interruptedRecoveryStartsAgain()
    {
        m_server->pageSize = 2;
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Lost edit"));
        for (int i = 0; i < 4; ++i)
            client->create(QStringLiteral("Filler %1").arg(i));
        QVERIFY(client->sync());
        const FakeServer::Blog backup = m_server->blog(m_blog);
        client->edit(post.guid, [](model::PostFields &f) { f.body = QStringLiteral("v2"); });
        QVERIFY(client->sync());
        const QString oldEpoch = storedEpoch(*client);
        m_server->restore(m_blog, backup);
        writeUntilPast(m_server->blog(m_blog).counter + 2);

        client->engine().setOptions(fastOptions());
        // The 409 and the first page of the full pull get through, then the server is gone.
        int syncRequests = 0;
        client->transport().setOverride(
                [&syncRequests](const net::Request &request) -> std::optional<net::Response> {
                    if (!request.url.path().endsWith(QLatin1String("/sync")) || ++syncRequests <= 2)
                        return std::nullopt;
                    net::Response down;
                    down.error = {ErrorCode::Network, QStringLiteral("connection refused")};
                    return down;
                });
        QVERIFY(!client->sync());
        QCOMPARE(storedEpoch(*client), oldEpoch);

        QCOMPARE(syncRequests > 2, true);
        client->transport().setOverride({});
        auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QVERIFY(result->resynced);
        QCOMPARE(m_server->post(m_blog, post.guid).fields.body, QStringLiteral("v2"));
        QCOMPARE(storedEpoch(*client), m_server->epoch);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }
};

QTEST_GUILESS_MAIN(TestRestoredServer)
#include "tst_restoredserver.moc"
