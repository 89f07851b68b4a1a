// The author and editor a post shows after its push: the server's, taken from the applied
// result (the answer leaves out the revisions its request created), from the pulled revision
// when a server sends no metadata, and kept as they are when neither says anything.
#include "syncfixture.h"

#include "protocol/codec.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

class tst_PushMetadata : public QObject
{
    Q_OBJECT

private:
    TempDir m_dir;
    std::unique_ptr<FakeServer> m_server;
    qint64 m_blog = 0;
    QString m_alice;
    QString m_bob;
    int m_clients = 0;
    QList<protocol::SyncResponse> m_answers; // the sync answers a watched client received

    std::unique_ptr<SyncClient> newClient(const QString &token)
    {
        return std::make_unique<SyncClient>(
                m_server.get(), m_blog, token,
                m_dir.filePath(QStringLiteral("client%1.db").arg(++m_clients)));
    }

    // Records every sync answer the client gets (the server answers as it would anyway).
    void watch(SyncClient &client)
    {
        client.transport().setOverride([this](const net::Request &request) {
            if (!request.url.path().endsWith(QLatin1String("/sync")))
                return std::optional<net::Response>();
            net::Response response = m_server->handle(request);
            if (auto decoded = protocol::decodeSyncResponse(response.body))
                m_answers.append(*decoded);
            return std::optional<net::Response>(response);
        });
    }

    // Creates a post as alice and a second replica for bob that has pulled it.
    QString sharedPost(std::unique_ptr<SyncClient> *bob)
    {
        auto alice = newClient(m_alice);
        const model::Post post = alice->create(QStringLiteral("Shared"));
        if (!alice->sync())
            qFatal("alice's sync failed: %s", qPrintable(alice->lastError().message));
        *bob = newClient(m_bob);
        if (!(*bob)->sync())
            qFatal("bob's sync failed: %s", qPrintable((*bob)->lastError().message));
        return post.guid;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeServer>();
        m_alice = m_server->addUser(QStringLiteral("alice"));
        m_bob = m_server->addUser(QStringLiteral("bob"));
        m_blog = m_server->addBlog(QStringLiteral("Travel"));
        m_answers.clear();
    }

    void pushedPostShowsTheServersNamesFromTheResult()
    {
        auto client = newClient(m_alice);
        watch(*client);
        const model::Post created = client->create(QStringLiteral("Mine"));
        QVERIFY(created.createdBy.isEmpty());
        QVERIFY2(client->sync(), qPrintable(client->lastError().message));
        QVERIFY(!m_answers.isEmpty());
        QVERIFY(m_answers.first().changes.isEmpty()); // no echo to take them from
        QVERIFY(m_answers.first().results.first().hasMetadata());
        const model::Post local = client->post(created.guid);
        QCOMPARE(local.createdBy, QStringLiteral("alice"));
        QCOMPARE(local.modifiedBy, QStringLiteral("alice"));
        QCOMPARE(local.syncStatus, model::SyncStatus::Synced);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    void editorChangesAndAuthorStays_data()
    {
        QTest::addColumn<bool>("resultMetadata");
        QTest::newRow("from the result") << true;
        QTest::newRow("from the echo of an older server") << false;
    }
    void editorChangesAndAuthorStays()
    {
        QFETCH(bool, resultMetadata);
        std::unique_ptr<SyncClient> bob;
        const QString guid = sharedPost(&bob);
        m_server->resultMetadata = resultMetadata;
        watch(*bob);
        bob->edit(guid, [](model::PostFields &f) { f.title = QStringLiteral("Bob's"); });
        const auto result = bob->sync();
        QVERIFY2(result, qPrintable(bob->lastError().message));
        QCOMPARE(result->pushed, 1);
        QCOMPARE(m_answers.first().changes.isEmpty(), resultMetadata);
        const model::Post local = bob->post(guid);
        QCOMPARE(local.createdBy, QStringLiteral("alice"));
        QCOMPARE(local.modifiedBy, QStringLiteral("bob"));
        QCOMPARE(local.rev, m_server->post(m_blog, guid).rev);
        QCOMPARE(local.syncStatus, model::SyncStatus::Synced);
    }

    // A replay without metadata: the revision comes in the page (the retry did not create it).
    void replayWithoutMetadataTakesThePulledRevision()
    {
        std::unique_ptr<SyncClient> bob;
        const QString guid = sharedPost(&bob);
        m_server->replayWithoutMetadata = true;
        bob->edit(guid, [](model::PostFields &f) { f.title = QStringLiteral("Bob's"); });
        bob->transport().injectFault(QStringLiteral("/sync"),
                                     FakeServerTransport::Fault::ConnectionReset, 1);
        QVERIFY2(bob->sync(), qPrintable(bob->lastError().message));
        QCOMPARE(m_server->appliedWrites, 2);
        const model::Post local = bob->post(guid);
        QCOMPARE(local.createdBy, QStringLiteral("alice"));
        QCOMPARE(local.modifiedBy, QStringLiteral("bob"));
        QCOMPARE(local.syncStatus, model::SyncStatus::Synced);
        QCOMPARE(differenceFromServer(*bob, *m_server, m_blog), QString());
    }

    // Neither metadata nor the revision (the cursor is past it): the names stay as they are.
    void acknowledgementWithoutMetadataKeepsTheNames()
    {
        std::unique_ptr<SyncClient> bob;
        const QString guid = sharedPost(&bob);
        m_server->resultMetadata = false;
        bob->edit(guid, [](model::PostFields &f) { f.title = QStringLiteral("Bob's"); });
        bob->transport().setOverride([this](const net::Request &request) {
            if (!request.url.path().endsWith(QLatin1String("/sync")))
                return std::optional<net::Response>();
            net::Response response = m_server->handle(request);
            auto decoded = protocol::decodeSyncResponse(response.body);
            if (decoded) { // as if the page had ended before the post's revision
                decoded->changes.clear();
                response.body = protocol::encode(*decoded);
            }
            return std::optional<net::Response>(response);
        });
        QVERIFY2(bob->sync(), qPrintable(bob->lastError().message));
        const model::Post local = bob->post(guid);
        QCOMPARE(local.rev, m_server->post(m_blog, guid).rev);
        QCOMPARE(local.createdBy, QStringLiteral("alice")); // pulled before, kept
        QCOMPARE(local.syncStatus, model::SyncStatus::Synced);
    }
};

QTEST_GUILESS_MAIN(tst_PushMetadata)
#include "tst_pushmetadata.moc"
