// Replicas editing the same posts offline and syncing in any order end equal to the real server,
// field by field, with no acknowledged edit lost: scripted stories and seeded random ones.
#include "randomplay.h"
#include "replica.h"

#include "e2e/server/apiclient.h"
#include "net/threadedtransport.h"
#include "store/conflictresolver.h"
#include "store/syncrepository.h"
#include "support/serverlauncher.h"
#include "support/tempdir.h"
#include "sync/livechannel.h"
#include "sync/synccontroller.h"

#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

// A replica's live channel, wired to its engine as the applications wire them.
struct LiveReplica
{
    explicit LiveReplica(Replica *replica) : channel(&replica->store(), &transport)
    {
        sync::LiveChannel::Options options;
        options.pollTimeout = std::chrono::seconds(5);
        channel.setOptions(options);
        channel.setAccount(replica->engine().account());
        sync::SyncEngine *engine = &replica->engine();
        QObject::connect(&channel, &sync::LiveChannel::syncRequested, engine,
                         &sync::SyncEngine::requestSync);
        QObject::connect(engine, &sync::SyncEngine::started, &channel,
                         &sync::LiveChannel::syncStarted);
        QObject::connect(engine, &sync::SyncEngine::finished, &channel,
                         &sync::LiveChannel::syncFinished);
        QObject::connect(engine, &sync::SyncEngine::failed, &channel,
                         &sync::LiveChannel::syncFailed);
        QObject::connect(&channel, &sync::LiveChannel::syncRequested, &channel,
                         [this] { ++wakes; });
        channel.start();
    }

    net::ThreadedTransport transport;
    sync::LiveChannel channel;
    int wakes = 0; // runs the channel asked for
};

} // namespace

class TestSyncConvergence : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerLauncher> m_server;
    qint64 m_blog = 0;
    QHash<QString, QString> m_tokens;
    TempDir m_dir;
    int m_replicas = 0;

    // One server for the whole test function; a fresh blog shared by alice, bob and carol.
    void startServer()
    {
        m_server = std::make_unique<ServerLauncher>();
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        const QStringList users{QStringLiteral("alice"), QStringLiteral("bob"),
                                QStringLiteral("carol")};
        for (const QString &user : users)
            QVERIFY(m_server->addUser(user, QStringLiteral("password-") + user));
        m_blog = m_server->addBlog(QStringLiteral("Shared"), QStringLiteral("alice"));
        QVERIFY(m_blog > 0);
        QVERIFY(m_server->addMember(m_blog, QStringLiteral("bob")));
        QVERIFY(m_server->addMember(m_blog, QStringLiteral("carol")));
        for (const QString &user : users) {
            ApiClient api(m_server->baseUrl());
            QVERIFY(api.login(user, QStringLiteral("password-") + user));
            m_tokens.insert(user, QString::fromLatin1(api.token()));
        }
    }

    std::unique_ptr<Replica> replica(const QString &user)
    {
        return std::make_unique<Replica>(m_dir.filePath(QStringLiteral("r%1.db").arg(++m_replicas)),
                                         m_server->baseUrl(), m_tokens.value(user), m_blog);
    }

    QList<model::Revision> serverPosts()
    {
        ApiClient api(m_server->baseUrl());
        api.setToken(m_tokens.value(QStringLiteral("alice")).toLatin1());
        auto all = api.pullAll(m_blog, 50);
        if (!all)
            qWarning("pullAll failed: %s", qPrintable(all.error().message));
        return all ? *all : QList<model::Revision>{};
    }

    static model::PostFields fields(const QString &title, const QString &body)
    {
        model::PostFields f;
        f.title = title;
        f.body = body;
        return f;
    }

    // Plays seeds [start, start + seeds) with three replicas; with LiveUpdates::On each also has
    // a live channel, so runs start by themselves whenever another replica pushes, racing the
    // story's own syncs.
    void playStories(quint32 start, int seeds, sync::SyncController::LiveUpdates liveUpdates)
    {
        auto alice = replica(QStringLiteral("alice"));
        auto bob = replica(QStringLiteral("bob"));
        auto carol = replica(QStringLiteral("carol"));
        const QList<Replica *> replicas{alice.get(), bob.get(), carol.get()};
        RandomPlay::Counts counts;
        std::vector<std::unique_ptr<LiveReplica>> live;
        if (liveUpdates == sync::SyncController::LiveUpdates::On) {
            for (Replica *r : replicas)
                live.push_back(std::make_unique<LiveReplica>(r));
            for (const auto &channel : live)
                QTRY_COMPARE(channel->channel.state(), sync::LiveChannel::State::Connected);
        }
        // What the server stored, read after every sync from where the last read ended.
        ApiClient watch(m_server->baseUrl());
        watch.setToken(m_tokens.value(QStringLiteral("alice")).toLatin1());
        protocol::SyncRequest watched;
        const auto serverChanges = [&](QList<model::Revision> *changes) {
            for (int page = 0; page < 1000; ++page) {
                auto response = watch.sync(m_blog, watched);
                if (!response)
                    return false;
                changes->append(response->changes);
                watched.cursor = response->cursor;
                if (!response->more)
                    return true;
            }
            return false;
        };
        for (quint32 seed = start; seed < start + quint32(seeds); ++seed) {
            // Every third seed pushes at most one change per request and every third two, so
            // pushes also go out alongside a round's request (SyncRun::pushAlongside).
            for (Replica *r : replicas) {
                sync::SyncOptions options = r->engine().options();
                options.maxChangesPerRequest = seed % 3 == 0 ? 1 : seed % 3 == 1 ? 2 : 500;
                r->engine().setOptions(options);
            }
            RandomPlay play(replicas, seed, serverChanges);
            QVERIFY2(play.play(8 + int(seed % 5) * 2), qPrintable(play.error()));
            QVERIFY2(play.converge(), qPrintable(play.error()));
            const auto server = serverPosts();
            for (int i = 0; i < replicas.size(); ++i) {
                const QString difference = differenceFromServer(*replicas[i], server);
                QVERIFY2(difference.isEmpty(),
                         qPrintable(QStringLiteral("seed %1 replica %2: %3")
                                            .arg(seed)
                                            .arg(i)
                                            .arg(difference)));
            }
            const QString lost = play.lostEdit(server);
            QVERIFY2(lost.isEmpty(), qPrintable(lost));
            counts += play.counts();
        }
        int wakes = 0;
        for (const auto &channel : live)
            wakes += channel->wakes;
        qInfo("%d seeds%s: %s", seeds,
              live.empty() ? ""
                           : qPrintable(QStringLiteral(" with %1 live-started runs").arg(wakes)),
              qPrintable(counts.toString()));
        QVERIFY(live.empty() || wakes > 0);
    }

private Q_SLOTS:
    void init() { startServer(); }
    void cleanup() { m_server.reset(); }

    void twoProfilesEditingOfflineConverge()
    {
        auto alice = replica(QStringLiteral("alice"));
        auto bob = replica(QStringLiteral("bob"));
        const auto a =
                alice->create(fields(QStringLiteral("A"), QStringLiteral("1\n2\n3\n4\n5\n")));
        const auto b = alice->create(fields(QStringLiteral("B"), QStringLiteral("x\n")));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        // Offline: alice edits the title and the first line, bob the last line and the title of B.
        alice->edit(a.guid, [](auto &f) {
            f.title = QStringLiteral("A by alice");
            f.body.replace(u'1', u'I');
        });
        bob->edit(a.guid, [](auto &f) { f.body.replace(u'5', u'V'); });
        alice->edit(b.guid, [](auto &f) { f.title = QStringLiteral("B by alice"); });
        bob->edit(b.guid, [](auto &f) { f.title = QStringLiteral("B by bob"); });
        QVERIFY(bob->sync());
        const auto result = alice->sync();
        QVERIFY(result);
        QCOMPARE(result->merged, 1);
        QCOMPARE(result->conflicts, 1);
        // Alice keeps her title for B; her acknowledged edits and bob's survive.
        QVERIFY(store::ConflictResolver(alice->store())
                        .keepMine(b.guid, alice->post(b.guid).theirs->rev));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        const auto server = serverPosts();
        QCOMPARE(differenceFromServer(*alice, server), QString());
        QCOMPARE(differenceFromServer(*bob, server), QString());
        QCOMPARE(alice->post(a.guid).fields.body, QStringLiteral("I\n2\n3\n4\nV\n"));
        QCOMPARE(alice->post(a.guid).fields.title, QStringLiteral("A by alice"));
        QCOMPARE(bob->post(b.guid).fields.title, QStringLiteral("B by alice"));
    }

    void threeProfilesWithDeletesConverge()
    {
        auto alice = replica(QStringLiteral("alice"));
        auto bob = replica(QStringLiteral("bob"));
        auto carol = replica(QStringLiteral("carol"));
        const auto post =
                alice->create(fields(QStringLiteral("Doomed"), QStringLiteral("a\nb\nc\n")));
        const auto kept = alice->create(fields(QStringLiteral("Kept"), QStringLiteral("k\n")));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        QVERIFY(carol->sync());
        QVERIFY(bob->remove(post.guid));
        carol->edit(post.guid,
                    [](auto &f) { f.body = QStringLiteral("a\nb\nc, carol was here\n"); });
        carol->edit(kept.guid, [](auto &f) { f.tags = {QStringLiteral("carol")}; });
        alice->edit(kept.guid, [](auto &f) { f.tags = {QStringLiteral("alice")}; });
        QVERIFY(bob->sync());
        QVERIFY(carol->sync()); // delete versus edit: a conflict carol must see
        QCOMPARE(carol->post(post.guid).syncStatus, model::SyncStatus::Conflicted);
        QVERIFY(store::ConflictResolver(carol->store())
                        .keepMine(post.guid, carol->post(post.guid).theirs->rev));
        QVERIFY(carol->sync());
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        QVERIFY(carol->sync());
        const auto server = serverPosts();
        for (Replica *r : {alice.get(), bob.get(), carol.get()})
            QCOMPARE(differenceFromServer(*r, server), QString());
        QCOMPARE(bob->post(post.guid).deleted, false);
        QCOMPARE(bob->post(post.guid).fields.body, QStringLiteral("a\nb\nc, carol was here\n"));
        const QStringList tags = bob->post(kept.guid).fields.tags;
        QCOMPARE(QSet<QString>(tags.cbegin(), tags.cend()),
                 (QSet<QString>{QStringLiteral("alice"), QStringLiteral("carol")}));
    }

    // Edit, edit back (pending, fields equal to base), the other side deletes: the clean merge is
    // the delete, and sync goes on for this post and every other one.
    void editAndRevertThenDeletedElsewhereSettles()
    {
        auto alice = replica(QStringLiteral("alice"));
        auto bob = replica(QStringLiteral("bob"));
        const auto doomed =
                alice->create(fields(QStringLiteral("Doomed"), QStringLiteral("a\nb\n")));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        bob->edit(doomed.guid, [](auto &f) { f.title = QStringLiteral("Doomed, for a moment"); });
        bob->edit(doomed.guid, [](auto &f) { f.title = QStringLiteral("Doomed"); });
        const auto other = bob->create(fields(QStringLiteral("Other"), QStringLiteral("o\n")));
        QVERIFY(alice->remove(doomed.guid));
        QVERIFY(alice->sync());
        QVERIFY2(bob->sync(), qPrintable(bob->lastError().message));
        QVERIFY2(bob->sync(), qPrintable(bob->lastError().message));
        QVERIFY(alice->sync());
        QCOMPARE(bob->post(doomed.guid).deleted, true);
        QCOMPARE(alice->post(other.guid).fields.title, QStringLiteral("Other"));
        const auto server = serverPosts();
        QCOMPARE(differenceFromServer(*alice, server), QString());
        QCOMPARE(differenceFromServer(*bob, server), QString());
    }

    // Alice edits, deletes and syncs; bob restores the post; alice undoes her delete too. The
    // server kept its last fields for the tombstone, so her edit is hers alone and must merge.
    void undoneDeleteKeepsTheEditMadeBeforeIt()
    {
        auto alice = replica(QStringLiteral("alice"));
        auto bob = replica(QStringLiteral("bob"));
        const auto post = alice->create(fields(QStringLiteral("P"), QStringLiteral("a\nb\n")));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        alice->edit(post.guid, [](auto &f) { f.body = QStringLiteral("a, edited\nb\n"); });
        QVERIFY(alice->remove(post.guid));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        QVERIFY(bob->restore(post.guid));
        QVERIFY(bob->sync());
        QVERIFY(alice->restore(post.guid));
        QVERIFY(alice->sync());
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        const auto server = serverPosts();
        QCOMPARE(differenceFromServer(*alice, server), QString());
        QCOMPARE(differenceFromServer(*bob, server), QString());
        // The acknowledgement of her delete agrees on the fields the server kept, not on hers:
        // her restore merges with bob's and keeps the edit.
        QCOMPARE(alice->post(post.guid).fields.body, QStringLiteral("a, edited\nb\n"));
    }

    // Seeds from INKWELL_SYNC_SEED_START (default 1), INKWELL_SYNC_SEEDS of them (default 200),
    // with one, two or up to 500 pushed changes per request by turns. Each story has 8 to 16
    // operations (RandomPlay: edits, edit-and-revert, deletes, restores, random resolutions);
    // then every replica equals the server and no acknowledged text is lost.
    void randomStoriesConverge()
    {
        const quint32 start = qEnvironmentVariableIsSet("INKWELL_SYNC_SEED_START")
                ? quint32(qEnvironmentVariableIntValue("INKWELL_SYNC_SEED_START"))
                : 1;
        const int seeds = qEnvironmentVariableIsSet("INKWELL_SYNC_SEEDS")
                ? qEnvironmentVariableIntValue("INKWELL_SYNC_SEEDS")
                : 200;
        playStories(start, seeds, sync::SyncController::LiveUpdates::Off);
    }

    void randomStoriesConvergeWithLiveUpdates()
    {
        const quint32 start = qEnvironmentVariableIsSet("INKWELL_SYNC_SEED_START")
                ? quint32(qEnvironmentVariableIntValue("INKWELL_SYNC_SEED_START"))
                : 1001;
        const int seeds = qEnvironmentVariableIsSet("INKWELL_SYNC_LIVE_SEEDS")
                ? qEnvironmentVariableIntValue("INKWELL_SYNC_LIVE_SEEDS")
                : 20;
        playStories(start, seeds, sync::SyncController::LiveUpdates::On);
    }
};

QTEST_GUILESS_MAIN(TestSyncConvergence)
#include "tst_syncconvergence.moc"
