// The sync engine against the in-memory server: one test per flaw of the original design
// (../../../shared/origin/ANALYSIS.md) that concerns the client, each ending with the replicas
// compared to the server field by field.
#include "syncfixture.h"

#include "store/conflictresolver.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"

#include <QSignalSpy>
#include <QTest>

#include <sqlite3.h>

using namespace inkwell;
using namespace inkwell::test;

class TestSyncEngine : public FakeServerTest
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startServer(QStringLiteral("Travel")); }

    void pushesNewPostsAndPullsOthers()
    {
        auto client = newClient();
        const model::Post mine = client->create(QStringLiteral("Mine"), QStringLiteral("body"));
        const QString other = model::createGuid();
        m_server->writePost(m_blog, other, {QStringLiteral("Other"), {}, {}, {}, {}});
        const auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QCOMPARE(result->pushed, 1);
        QCOMPARE(result->pulled, 1);
        QCOMPARE(m_server->post(m_blog, mine.guid).fields.title, QStringLiteral("Mine"));
        QCOMPARE(client->post(other).fields.title, QStringLiteral("Other"));
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Flaw 7: a post edited while its push was in flight keeps the edit and syncs it next.
    void editDuringSyncIsNotLost()
    {
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Draft"));
        client->transport().setOverride([&](const net::Request &request) {
            if (request.url.path().endsWith(QLatin1String("/sync"))) {
                client->transport().setOverride({});
                client->edit(post.guid,
                             [](model::PostFields &f) { f.title = QStringLiteral("Typed"); });
            }
            return std::optional<net::Response>();
        });
        QVERIFY(client->sync());
        // The first push carried "Draft"; its acknowledgement kept the newer edit pending, and
        // the same run pushed it on top of the acknowledged revision.
        QCOMPARE(m_server->appliedWrites, 2);
        const model::Post local = client->post(post.guid);
        QCOMPARE(local.fields.title, QStringLiteral("Typed"));
        QCOMPARE(local.syncStatus, model::SyncStatus::Synced);
        QCOMPARE(m_server->post(m_blog, post.guid).fields.title, QStringLiteral("Typed"));
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Flaw 6: a create whose answer was lost is retried with the same op_id: one write, no
    // conflict with itself - within a run and across runs (e.g. after a crash).
    void retriedCreateDoesNotConflictWithItself_data()
    {
        QTest::addColumn<int>("lostAnswers");
        QTest::addColumn<bool>("editedMeanwhile");
        const int allRetries = fastOptions().retry.maxAttempts;
        QTest::newRow("retried in the same run") << 1 << false;
        QTest::newRow("retried by the next run") << allRetries << false;
        QTest::newRow("edited before the next run") << allRetries << true;
    }
    void retriedCreateDoesNotConflictWithItself()
    {
        QFETCH(int, lostAnswers);
        QFETCH(bool, editedMeanwhile);
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Once"));
        client->transport().injectFault(QStringLiteral("/sync"),
                                        FakeServerTransport::Fault::ConnectionReset, lostAnswers);
        auto first = client->sync();
        if (editedMeanwhile) {
            QVERIFY(!first);
            client->edit(post.guid,
                         [](model::PostFields &f) { f.title = QStringLiteral("Twice"); });
        }
        if (!first) {
            const auto second = client->sync();
            QVERIFY(second);
            QCOMPARE(second->conflicts, 0);
        }
        QCOMPARE(m_server->appliedWrites, editedMeanwhile ? 2 : 1);
        QCOMPARE(m_server->blog(m_blog).posts.size(), 1);
        QCOMPARE(m_server->post(m_blog, post.guid).fields.title,
                 editedMeanwhile ? QStringLiteral("Twice") : QStringLiteral("Once"));
        QCOMPARE(client->post(post.guid).syncStatus, model::SyncStatus::Synced);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Flaw 4: the cursor moves with the rows it covers; a run broken between pages keeps every
    // applied page and its cursor, and the next run continues from there.
    void cursorIsCommittedWithItsPage()
    {
        m_server->pageSize = 2;
        for (int i = 0; i < 5; ++i)
            m_server->writePost(m_blog, model::createGuid(), {QString::number(i), {}, {}, {}, {}});
        auto client = newClient();
        int requests = 0;
        client->transport().setOverride(
                [&](const net::Request &request) -> std::optional<net::Response> {
                    if (!request.url.path().endsWith(QLatin1String("/sync")) || ++requests < 2)
                        return std::nullopt;
                    net::Response down;
                    down.error = {ErrorCode::Network, QStringLiteral("unplugged")};
                    return down;
                });
        QVERIFY(!client->sync());
        QCOMPARE(client->livePosts().size(), 2);
        const auto cursor = client->store().sync().cursor(QStringLiteral("http://fake.invalid"),
                                                          client->blogKey());
        QVERIFY(cursor);
        QCOMPARE(*cursor, 2);
        client->transport().setOverride({});
        QVERIFY(client->sync());
        QCOMPARE(client->livePosts().size(), 5);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Flaw 8: a conflict keeps both versions, and "theirs" is the server's version and rev.
    void conflictCarriesTheServersVersion()
    {
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Base"));
        QVERIFY(client->sync());
        auto fields = m_server->post(m_blog, post.guid).fields;
        fields.title = QStringLiteral("Server title");
        const qint64 serverRev = m_server->writePost(m_blog, post.guid, fields);
        client->edit(post.guid, [](model::PostFields &f) { f.title = QStringLiteral("My title"); });
        const auto result = client->sync();
        QVERIFY(result);
        QCOMPARE(result->conflicts, 1);
        const model::Post local = client->post(post.guid);
        QCOMPARE(local.syncStatus, model::SyncStatus::Conflicted);
        QCOMPARE(local.fields.title, QStringLiteral("My title"));
        QVERIFY(local.theirs.has_value());
        QCOMPARE(local.theirs->fields.title, QStringLiteral("Server title"));
        QCOMPARE(local.theirs->rev, serverRev);
        QCOMPARE(m_server->post(m_blog, post.guid).fields.title, QStringLiteral("Server title"));

        // Resolving pushes the writer's choice on top of the server's version.
        QVERIFY(store::ConflictResolver(client->store()).keepMine(post.guid, serverRev));
        QVERIFY(client->sync());
        QCOMPARE(m_server->post(m_blog, post.guid).fields.title, QStringLiteral("My title"));
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // The editor's buffer held as a conflict over a post with unpushed edits: taking theirs (the
    // stored version) keeps those edits pending on the agreed base, so the next sync merges the
    // server's change with them and pushes them instead of dropping them.
    void takingTheirsOverUnpushedEditsStillPushesThem()
    {
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Base"), QStringLiteral("a\n"));
        QVERIFY(client->sync());
        const model::Post synced = client->post(post.guid);
        client->edit(post.guid, [](model::PostFields &f) { f.title = QStringLiteral("Local"); });
        model::PostFields mine = synced.fields;
        mine.title = QStringLiteral("Typed");
        QVERIFY(client->store().sync().storeEditConflict(post.guid, mine, synced.fields));
        const auto taken =
                store::ConflictResolver(client->store()).takeTheirs(post.guid, synced.rev);
        QVERIFY(taken);
        QCOMPARE(taken->syncStatus, model::SyncStatus::NeedsSync);
        auto fields = m_server->post(m_blog, post.guid).fields;
        fields.body = QStringLiteral("a\nserver\n");
        m_server->writePost(m_blog, post.guid, fields);

        const auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QCOMPARE(result->conflicts, 0);
        const model::PostFields server = m_server->post(m_blog, post.guid).fields;
        QCOMPARE(server.title, QStringLiteral("Local"));
        QCOMPARE(server.body, QStringLiteral("a\nserver\n"));
        QCOMPARE(client->post(post.guid).syncStatus, model::SyncStatus::Synced);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Flaw 9: edits of different fields (and of different parts of the body) merge cleanly; the
    // merge is pushed in the same run.
    void titleAndBodyEditsMerge_data()
    {
        QTest::addColumn<bool>("serverFirst"); // the server's edit arrives by pull, not conflict
        QTest::newRow("conflict on push") << false;
        QTest::newRow("pull of a pending post") << true;
    }
    void titleAndBodyEditsMerge()
    {
        QFETCH(bool, serverFirst);
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("T"), QStringLiteral("a\nb\nc\n"));
        QVERIFY(client->sync());
        auto fields = m_server->post(m_blog, post.guid).fields;
        fields.body = QStringLiteral("a\nb\nc, said the server\n");
        fields.tags = {QStringLiteral("server")};
        m_server->writePost(m_blog, post.guid, fields);
        client->edit(post.guid, [](model::PostFields &f) {
            f.title = QStringLiteral("Mine");
            f.body = QStringLiteral("a, said I\nb\nc\n");
        });
        if (serverFirst)
            client->engine().setOptions([] {
                auto o = fastOptions();
                o.maxChangesPerRequest = 0;
                return o;
            }());
        auto result = client->sync();
        QVERIFY(result);
        QCOMPARE(result->merged, 1);
        client->engine().setOptions(fastOptions());
        QVERIFY(client->sync());
        const model::Revision server = m_server->post(m_blog, post.guid);
        QCOMPARE(server.fields.title, QStringLiteral("Mine"));
        QCOMPARE(server.fields.body, QStringLiteral("a, said I\nb\nc, said the server\n"));
        QCOMPARE(server.fields.tags, QStringList{QStringLiteral("server")});
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    void identicalEditsAreNoConflict()
    {
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Same"));
        QVERIFY(client->sync());
        auto fields = m_server->post(m_blog, post.guid).fields;
        fields.title = QStringLiteral("Both");
        m_server->writePost(m_blog, post.guid, fields);
        client->edit(post.guid, [](model::PostFields &f) { f.title = QStringLiteral("Both"); });
        const auto result = client->sync();
        QVERIFY(result);
        QCOMPARE(result->conflicts, 0);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Flaw 10: edit versus delete is a visible conflict, in both directions.
    void deleteVersusEditIsAConflict_data()
    {
        QTest::addColumn<bool>("iDelete");
        QTest::newRow("I delete, server edits") << true;
        QTest::newRow("I edit, server deletes") << false;
    }
    void deleteVersusEditIsAConflict()
    {
        QFETCH(bool, iDelete);
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Doomed"));
        QVERIFY(client->sync());
        if (iDelete) {
            auto fields = m_server->post(m_blog, post.guid).fields;
            fields.title = QStringLiteral("Edited on the server");
            m_server->writePost(m_blog, post.guid, fields);
            QVERIFY(client->store().posts().remove(post.guid));
        } else {
            m_server->deletePost(m_blog, post.guid);
            client->edit(post.guid,
                         [](model::PostFields &f) { f.title = QStringLiteral("Edited"); });
        }
        const auto result = client->sync();
        QVERIFY(result);
        QCOMPARE(result->conflicts, 1);
        const model::Post local = client->post(post.guid);
        QCOMPARE(local.syncStatus, model::SyncStatus::Conflicted);
        QVERIFY(local.theirs);
        QCOMPARE(local.theirs->deleted, !iDelete);
        // Listed for the writer even when the local side is a tombstone.
        const auto listed = client->store().sync().conflictedPosts();
        QVERIFY(listed);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().guid, post.guid);
        // Accepting the server's side settles it.
        QVERIFY(store::ConflictResolver(client->store()).takeTheirs(post.guid, local.theirs->rev));
        QVERIFY(client->sync());
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Issue 12, defect 1: a clean merge whose result is a delete (one side deleted, the other's
    // fields equal base: an edit that was reverted) is stored, not refused; before, the refusal
    // failed the whole answer on every sync, so no other post synced either.
    void cleanMergeToADeleteDoesNotStopTheSync_data()
    {
        QTest::addColumn<bool>("iDelete");
        QTest::newRow("they delete, I edited and reverted") << false;
        QTest::newRow("I delete, they edited and reverted") << true;
    }
    void cleanMergeToADeleteDoesNotStopTheSync()
    {
        QFETCH(bool, iDelete);
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Original"));
        QVERIFY(client->sync());
        if (iDelete) {
            auto fields = m_server->post(m_blog, post.guid).fields;
            const QString original = fields.title;
            fields.title = QStringLiteral("X");
            m_server->writePost(m_blog, post.guid, fields);
            fields.title = original;
            m_server->writePost(m_blog, post.guid, fields);
            QVERIFY(client->remove(post.guid));
        } else {
            client->edit(post.guid, [](model::PostFields &f) { f.title = QStringLiteral("X"); });
            client->edit(post.guid,
                         [](model::PostFields &f) { f.title = QStringLiteral("Original"); });
            m_server->deletePost(m_blog, post.guid);
        }
        const model::Post other = client->create(QStringLiteral("Other"));
        const auto first = client->sync();
        QVERIFY2(first, qPrintable(client->lastError().message));
        QCOMPARE(first->conflicts, 0);
        QVERIFY(client->sync());
        QVERIFY(m_server->post(m_blog, post.guid).deleted);
        const model::Post local = client->post(post.guid);
        QVERIFY(local.deleted);
        QCOMPARE(local.syncStatus, model::SyncStatus::Synced);
        QCOMPARE(m_server->post(m_blog, other.guid).fields.title, QStringLiteral("Other"));
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // The server keeps its last fields as the tombstone, so an acknowledged delete agrees on
    // those, not on an edit made just before the delete; undoing the delete later then pushes
    // that edit as a change of ours instead of treating it as agreed.
    void acknowledgedDeleteAgreesOnTheFieldsTheServerKept()
    {
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Original"));
        QVERIFY(client->sync());
        client->edit(post.guid, [](model::PostFields &f) { f.title = QStringLiteral("Edited"); });
        QVERIFY(client->remove(post.guid));
        QVERIFY(client->sync());
        QVERIFY(m_server->post(m_blog, post.guid).deleted);
        const model::Post deleted = client->post(post.guid);
        QCOMPARE(deleted.syncStatus, model::SyncStatus::Synced);
        QVERIFY(deleted.base);
        QCOMPARE(deleted.base->title, m_server->post(m_blog, post.guid).fields.title);
        QCOMPARE(deleted.base->title, QStringLiteral("Original"));

        QVERIFY(client->restore(post.guid));
        QVERIFY(client->sync());
        QCOMPARE(m_server->post(m_blog, post.guid).fields.title, QStringLiteral("Edited"));
        QVERIFY(!m_server->post(m_blog, post.guid).deleted);
    }

    // Flaw 11: a tombstone travels once; later pulls do not bring it again.
    void tombstonesArePulledOnlyOnce()
    {
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Short-lived"));
        QVERIFY(client->sync());
        m_server->deletePost(m_blog, post.guid);
        auto first = client->sync();
        QVERIFY(first);
        QCOMPARE(first->pulled, 1);
        QVERIFY(client->post(post.guid).deleted);
        auto second = client->sync();
        QVERIFY(second);
        QCOMPARE(second->pulled, 0);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Flaw 12: pulls come in pages until `more` is false.
    void pullsInPagesUntilNothingIsLeft()
    {
        m_server->pageSize = 3;
        for (int i = 0; i < 10; ++i)
            m_server->writePost(m_blog, model::createGuid(), {QString::number(i), {}, {}, {}, {}});
        auto client = newClient();
        auto result = client->sync();
        QVERIFY(result);
        QCOMPARE(result->pulled, 10);
        QCOMPARE(client->transport().countRequests(QStringLiteral("/sync"), net::Method::Post), 4);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    void resyncRequiredKeepsPendingEdits()
    {
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Kept"));
        QVERIFY(client->sync());
        client->edit(post.guid, [](model::PostFields &f) { f.body = QStringLiteral("pending"); });
        m_server->writePost(m_blog, model::createGuid(), {QStringLiteral("New"), {}, {}, {}, {}});
        m_server->requireResync(m_blog);
        auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QVERIFY(result->resynced);
        QCOMPARE(m_server->post(m_blog, post.guid).fields.body, QStringLiteral("pending"));
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    void rejectedChangeKeepsThePostWithItsError()
    {
        auto client = newClient();
        const model::Post post = client->create(QStringLiteral("Orphan"));
        QVERIFY(client->sync());
        m_server->blog(m_blog).posts.remove(post.guid); // the server lost it: pushes are refused
        client->edit(post.guid,
                     [](model::PostFields &f) { f.title = QStringLiteral("Still mine"); });
        QSignalSpy postFailed(&client->engine(), &sync::SyncEngine::postFailed);
        auto result = client->sync();
        QVERIFY(result);
        QCOMPARE(result->rejected, 1);
        QCOMPARE(postFailed.size(), 1);
        const model::Post local = client->post(post.guid);
        QCOMPARE(local.fields.title, QStringLiteral("Still mine"));
        QCOMPARE(local.syncStatus, model::SyncStatus::NeedsSync);
        QVERIFY(!local.lastError.isEmpty());
    }

    void smallerServerPushLimitIsHonoured()
    {
        m_server->maxChangesPerPush = 3;
        auto client = newClient();
        for (int i = 0; i < 10; ++i)
            client->create(QStringLiteral("Post %1").arg(i));
        const auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QCOMPARE(result->pushed, 10);
        QCOMPARE(m_server->appliedWrites, 10);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // Pushes are pipelined: the next batch is sent before the previous answer is applied. A
    // post of a later batch that the server changed meanwhile is first pushed as read (a stale
    // base: a conflict), merged, and pushed again; no edit of either side is lost.
    void pipelinedPushesMergeWhatTheServerChangedMeanwhile()
    {
        auto client = newClient();
        QList<model::Post> posts;
        for (int i = 0; i < 6; ++i)
            posts.append(
                    client->create(QStringLiteral("Post %1").arg(i), QStringLiteral("a\nb\n")));
        QVERIFY(client->sync());
        for (const model::Post &post : std::as_const(posts))
            client->edit(post.guid,
                         [](model::PostFields &f) { f.title += QStringLiteral(" mine"); });
        const QString last = posts.last().guid;
        auto theirs = m_server->post(m_blog, last).fields;
        theirs.body = QStringLiteral("a\nb, said the server\n");
        m_server->writePost(m_blog, last, theirs);
        client->engine().setOptions([] {
            auto o = fastOptions();
            o.maxChangesPerRequest = 2;
            return o;
        }());
        const auto result = client->sync();
        QVERIFY2(result, qPrintable(client->lastError().message));
        QVERIFY(client->sync()); // a second run has nothing left to do but confirms it
        for (const model::Post &post : std::as_const(posts))
            QVERIFY(m_server->post(m_blog, post.guid)
                            .fields.title.endsWith(QLatin1String(" mine")));
        QCOMPARE(m_server->post(m_blog, last).fields.body,
                 QStringLiteral("a\nb, said the server\n"));
        QCOMPARE(client->post(last).syncStatus, model::SyncStatus::Synced);
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
    }

    // The next batch goes out alongside the round's request. Each answer reports the other's
    // revisions as pulled changes; they acknowledge those pushes (no merge, no conflict, no
    // second write), and a refused push alongside leaves its posts for a later round.
    void pushAlongsideLandsOnceAndSurvivesARefusal_data()
    {
        QTest::addColumn<bool>("refuseAlongside");
        QTest::newRow("answered") << false;
        QTest::newRow("refused") << true;
    }
    void pushAlongsideLandsOnceAndSurvivesARefusal()
    {
        QFETCH(bool, refuseAlongside);
        auto client = newClient();
        QVERIFY(client->sync()); // the server's epoch is known from here on
        QList<model::Post> posts;
        for (int i = 0; i < 4; ++i)
            posts.append(client->create(QStringLiteral("Post %1").arg(i)));
        client->engine().setOptions([] {
            auto o = fastOptions();
            o.maxChangesPerRequest = 2;
            return o;
        }());
        int syncRequests = 0;
        client->transport().setOverride([&](const net::Request &request) {
            if (!request.url.path().endsWith(QLatin1String("/sync")) || ++syncRequests != 2
                || !refuseAlongside)
                return std::optional<net::Response>();
            net::Response refused; // not retried: the batch waits for a later round
            refused.status = 413;
            refused.body = R"({"error":{"code":"too-large","message":"refused"}})";
            net::classifyHttpResponse(&refused);
            return std::optional<net::Response>(refused);
        });
        const qint64 writesBefore = m_server->appliedWrites;
        QVERIFY2(client->sync(), qPrintable(client->lastError().message));
        QVERIFY(syncRequests >= 2);
        const auto sent = client->transport().requests;
        QVERIFY(std::any_of(sent.cbegin(), sent.cend(), [](const net::Request &r) {
            return r.body.contains("\"limit\":1"); // the push alongside
        }));
        QCOMPARE(m_server->appliedWrites - writesBefore, posts.size()); // each post once
        for (const model::Post &post : std::as_const(posts)) {
            const model::Post local = client->post(post.guid);
            QCOMPARE(local.syncStatus, model::SyncStatus::Synced);
            QCOMPARE(local.rev, m_server->post(m_blog, post.guid).rev);
        }
        QCOMPARE(differenceFromServer(*client, *m_server, m_blog), QString());
        const auto again = client->sync(); // nothing left, nothing written twice
        QVERIFY(again);
        QCOMPARE(again->pushed, 0);
        QCOMPARE(m_server->appliedWrites - writesBefore, posts.size());
    }

    void requestWhileRunningSchedulesExactlyOneFollowUp()
    {
        auto client = newClient();
        client->create(QStringLiteral("x"));
        QSignalSpy started(&client->engine(), &sync::SyncEngine::started);
        QSignalSpy finished(&client->engine(), &sync::SyncEngine::finished);
        client->engine().requestSync();
        client->engine().requestSync();
        client->engine().requestSync();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QTest::qWait(50);
        QCOMPARE(started.size(), 2);
    }

    void twoReplicasConverge()
    {
        auto alice = newClient();
        auto bob = newClient();
        const model::Post shared =
                alice->create(QStringLiteral("Shared"), QStringLiteral("1\n2\n3\n"));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        alice->edit(shared.guid,
                    [](model::PostFields &f) { f.body = QStringLiteral("one\n2\n3\n"); });
        bob->edit(shared.guid,
                  [](model::PostFields &f) { f.body = QStringLiteral("1\n2\nthree\n"); });
        bob->create(QStringLiteral("Bob's"));
        QVERIFY(alice->sync());
        QVERIFY(bob->sync());
        QVERIFY(alice->sync());
        QCOMPARE(m_server->post(m_blog, shared.guid).fields.body,
                 QStringLiteral("one\n2\nthree\n"));
        QCOMPARE(differenceFromServer(*alice, *m_server, m_blog), QString());
        QCOMPARE(differenceFromServer(*bob, *m_server, m_blog), QString());
    }

    // A sync with nothing to do, and the adoption of local posts that starts every inkwell-cli
    // sync, read no table of posts whole: a query without an index for its condition costs every
    // sync time in proportion to the blog. SQLite counts each cached statement's steps through a
    // full scan (statements run once without caching, pragmas and the like, are not seen).
    void syncWithNothingToDoReadsNoTableWhole()
    {
        constexpr int posts = 200;
        for (int i = 0; i < posts; ++i)
            m_server->writePost(m_blog, model::createGuid(), {QString::number(i), {}, {}, {}, {}});
        auto client = newClient();
        for (int i = 0; i < 20; ++i)
            client->create(QStringLiteral("local %1").arg(i));
        QVERIFY(client->sync());
        sqlite3 *db = client->store().threadConnectionHandle();
        QVERIFY(db);
        for (sqlite3_stmt *s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s))
            sqlite3_stmt_status(s, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);

        QVERIFY(client->store().posts().adoptLocalPosts(QString::number(m_blog)));
        const auto result = client->sync();
        QVERIFY(result);
        QCOMPARE(result->pushed + result->pulled, 0);
        QStringList whole;
        int statements = 0;
        for (sqlite3_stmt *s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s)) {
            ++statements;
            const int steps = sqlite3_stmt_status(s, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
            if (steps >= posts)
                whole << QStringLiteral("%1 steps: %2")
                                 .arg(steps)
                                 .arg(QString::fromUtf8(sqlite3_sql(s)));
        }
        QVERIFY(statements > 5);
        QVERIFY2(whole.isEmpty(), qPrintable(whole.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
