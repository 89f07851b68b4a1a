// Faults injected per path (5xx, 429, hangs, lost answers, cut-off bodies, refused connections):
// every run ends in the same state as the fault-free run, with no duplicate write.
#include "syncfixture.h"

#include "model/attachment.h"
#include "store/attachmentrepository.h"
#include "store/postrepository.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::test;
using Fault = FakeServerTransport::Fault;

Q_DECLARE_METATYPE(FakeServerTransport::Fault)

namespace {

struct Outcome
{
    QStringList serverPosts; // "title|body|tags|deleted", sorted
    qint64 counter = 0; // server writes in total
    int blobs = 0;
    int appliedWrites = 0;
    QString difference; // replica vs server
    bool coverLocal = false;
    qsizetype requests = 0;
};

model::PostFields fieldsOf(const QString &title, const QString &body = QString())
{
    model::PostFields fields;
    fields.title = title;
    fields.body = body;
    return fields;
}

// The same story for every fault: a replica with local creates, an edit, a delete and an
// attachment, and a server with another writer's edit and a new post with a cover.
// batch > 0: at most that many changes per request, so pushes also go out alongside the round's
// request (SyncRun::pushAlongside) and faults hit those too.
Outcome play(const QString &path, std::optional<Fault> fault, int count, int batch)
{
    TempDir dir;
    FakeServer server;
    const QString token = server.addUser(QStringLiteral("alice"));
    const qint64 blog = server.addBlog(QStringLiteral("Blog"));
    QStringList guids;
    for (int i = 0; i < 3; ++i) {
        guids.append(model::createGuid());
        server.writePost(blog, guids.last(),
                         fieldsOf(QStringLiteral("Old %1").arg(i), QStringLiteral("x\ny\n")));
    }
    SyncClient client(&server, blog, token, dir.filePath(QStringLiteral("c.db")));
    if (!client.sync())
        return {};

    const QByteArray image(3000, 'i');
    const auto attachment = client.store().attachments().add(image, QStringLiteral("image/png"));
    client.create(QStringLiteral("New"),
                  QStringLiteral("![a](attachment:%1)").arg(attachment->sha256));
    client.create(QStringLiteral("Second"), QStringLiteral("plain"));
    client.edit(guids[0], [](model::PostFields &f) { f.title = QStringLiteral("Edited here"); });
    (void)client.store().posts().remove(guids[1]);
    auto theirs = server.post(blog, guids[2]).fields;
    theirs.body = QStringLiteral("x\ny, said the other\n");
    server.writePost(blog, guids[2], theirs);
    const QByteArray cover(2000, 'c');
    const QString coverHash = model::Attachment::hashOf(cover);
    server.blog(blog).blobs.insert(coverHash, cover);
    auto withCover = fieldsOf(QStringLiteral("Covered"));
    withCover.cover = coverHash;
    server.writePost(blog, model::createGuid(), withCover);

    if (batch > 0) {
        auto options = fastOptions();
        options.maxChangesPerRequest = batch;
        client.engine().setOptions(options);
    }
    if (fault)
        client.transport().injectFault(path, *fault, count);
    if (!client.sync())
        client.sync(); // a fault that outlasts one run's retries is healed by the next run

    Outcome outcome;
    for (const model::Revision &post : std::as_const(server.blog(blog).posts)) {
        outcome.serverPosts.append(post.fields.title + u'|' + post.fields.body + u'|'
                                   + post.fields.tags.join(u',') + u'|'
                                   + (post.deleted ? u'd' : u'l'));
    }
    outcome.serverPosts.sort();
    outcome.counter = server.blog(blog).counter;
    outcome.blobs = int(server.blog(blog).blobs.size());
    outcome.appliedWrites = server.appliedWrites;
    outcome.difference = differenceFromServer(client, server, blog);
    outcome.requests = client.transport().requests.size();
    const auto missing = client.store().attachments().missing({coverHash});
    outcome.coverLocal = missing && missing->isEmpty();
    return outcome;
}

} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endsInTheFaultFreeState_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<Fault>("fault");
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("batch");
        const QString sync = QStringLiteral("/sync");
        const QString missing = QStringLiteral("/blobs/missing");
        const QString blob = QStringLiteral("/blobs/");
        QTest::newRow("sync 500") << sync << Fault::Status500 << 2 << 0;
        QTest::newRow("sync 503") << sync << Fault::Status503 << 2 << 0;
        QTest::newRow("sync 429") << sync << Fault::Status429 << 3 << 0;
        QTest::newRow("sync hangs") << sync << Fault::Hang << 1 << 0;
        QTest::newRow("sync answer lost") << sync << Fault::ConnectionReset << 2 << 0;
        QTest::newRow("sync answer cut off") << sync << Fault::TruncatedBody << 2 << 0;
        QTest::newRow("sync refused") << sync << Fault::RefusedConnection << 2 << 0;
        QTest::newRow("sync down for two runs") << sync << Fault::ConnectionReset << 6 << 0;
        QTest::newRow("blobs/missing 503") << missing << Fault::Status503 << 2 << 0;
        QTest::newRow("blobs/missing lost") << missing << Fault::ConnectionReset << 1 << 0;
        QTest::newRow("blob 500") << blob << Fault::Status500 << 3 << 0;
        QTest::newRow("blob hangs") << blob << Fault::Hang << 1 << 0;
        QTest::newRow("blob cut off") << blob << Fault::TruncatedBody << 3 << 0;
        // Two changes per request: a push alongside is out with the round's request.
        QTest::newRow("batches of 2, sync 500") << sync << Fault::Status500 << 2 << 2;
        QTest::newRow("batches of 2, sync 503") << sync << Fault::Status503 << 3 << 2;
        QTest::newRow("batches of 2, sync hangs") << sync << Fault::Hang << 1 << 2;
        QTest::newRow("batches of 2, answer lost") << sync << Fault::ConnectionReset << 2 << 2;
        QTest::newRow("batches of 2, answer cut off") << sync << Fault::TruncatedBody << 3 << 2;
        QTest::newRow("batches of 2, down for two runs")
                << sync << Fault::ConnectionReset << 6 << 2;
    }
    void endsInTheFaultFreeState()
    {
        QFETCH(QString, path);
        QFETCH(Fault, fault);
        QFETCH(int, count);
        QFETCH(int, batch);
        const Outcome expected = play(path, std::nullopt, 0, batch);
        QVERIFY(!expected.serverPosts.isEmpty());
        QCOMPARE(expected.difference, QString());
        QVERIFY(expected.coverLocal);
        const Outcome actual = play(path, fault, count, batch);
        QCOMPARE(actual.difference, QString());
        QCOMPARE(actual.serverPosts, expected.serverPosts);
        QCOMPARE(actual.counter, expected.counter);
        QCOMPARE(actual.appliedWrites, expected.appliedWrites);
        QCOMPARE(actual.blobs, expected.blobs);
        QVERIFY(actual.coverLocal);
        QVERIFY2(actual.requests > expected.requests, "the fault was not injected");
    }

    void persistentOutageFailsTheRunAfterBoundedRetries()
    {
        TempDir dir;
        FakeServer server;
        const QString token = server.addUser(QStringLiteral("alice"));
        const qint64 blog = server.addBlog(QStringLiteral("Blog"));
        SyncClient client(&server, blog, token, dir.filePath(QStringLiteral("c.db")));
        const model::Post post = client.create(QStringLiteral("Waiting"));
        client.transport().setServerDown(true);
        QVERIFY(!client.sync());
        QCOMPARE(client.lastError().code, ErrorCode::Network);
        QCOMPARE(client.transport().requests.size(), fastOptions().retry.maxAttempts);
        QCOMPARE(client.post(post.guid).syncStatus, model::SyncStatus::NeedsSync);
        client.transport().setServerDown(false);
        QVERIFY(client.sync());
        QCOMPARE(differenceFromServer(client, server, blog), QString());
    }

    void unauthorizedIsNotRetried()
    {
        TempDir dir;
        FakeServer server;
        server.addUser(QStringLiteral("alice"));
        const qint64 blog = server.addBlog(QStringLiteral("Blog"));
        SyncClient client(&server, blog, QStringLiteral("revoked"),
                          dir.filePath(QStringLiteral("c.db")));
        QVERIFY(!client.sync());
        QCOMPARE(client.lastError().code, ErrorCode::Unauthorized);
        QCOMPARE(client.transport().requests.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
