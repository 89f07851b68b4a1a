// The batch store primitives the sync engine uses for a pulled page, a push's acknowledgements
// and the pending list, and the visibility of conflicted tombstones in the writer's lists.
#include "model/post.h"
#include "protocol/codec.h"
#include "store/conflictresolver.h"
#include "store/localstore.h"
#include "store/postquery.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "support/tempdir.h"
#include "sync/opid.h"
#include "sync/pendingqueue.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(inkwell::model::PostFields)

using namespace inkwell;
using namespace inkwell::store;
using model::Revision;
using model::SyncStatus;

namespace {

const QString blog = QStringLiteral("7");

model::PostFields fields(const QString &title)
{
    model::PostFields result;
    result.title = title;
    result.body = QStringLiteral("body of ") + title;
    return result;
}

Revision revision(const QString &guid, qint64 rev, const QString &title, bool deleted = false)
{
    Revision result;
    result.guid = guid;
    result.rev = rev;
    result.deleted = deleted;
    result.fields = fields(title);
    result.createdBy = QStringLiteral("ann");
    result.modifiedBy = QStringLiteral("bob");
    result.modifiedAt = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000 + rev, Qt::UTC);
    return result;
}

} // namespace

class TestSyncBatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<test::TempDir>();
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("store.db")));
        QVERIFY(m_store->open());
    }
    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void pageInsertsNewPostsAndAnnouncesThem()
    {
        QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
        const QList<Revision> page{revision(model::createGuid(), 1, QStringLiteral("one")),
                                   revision(model::createGuid(), 2, QStringLiteral("two"))};
        auto outcomes = m_store->sync().upsertPageFromServer(blog, page);
        QVERIFY(outcomes);
        QCOMPARE(*outcomes, (QList<PullOutcome>{PullOutcome::Applied, PullOutcome::Applied}));
        for (const Revision &pulled : page) {
            auto post = m_store->posts().post(pulled.guid);
            QVERIFY(post);
            QCOMPARE(post->fields, pulled.fields);
            QCOMPARE(post->base, pulled.fields);
            QCOMPARE(post->rev, pulled.rev);
            QCOMPARE(post->syncStatus, SyncStatus::Synced);
            QCOMPARE(post->modifiedBy, QStringLiteral("bob"));
            QCOMPARE(post->blog, blog);
        }
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toStringList().size(), 2);
        // The full-text index is maintained for the batch as for single posts.
        QCOMPARE(m_store->posts().search(QStringLiteral("two"), PostQuery())->size(), 1);
    }

    // The base of a pulled or acknowledged post is written as JSON by SQLite, not by Qt: it must
    // read back as exactly the fields, whatever characters they hold.
    void baseWrittenBySqliteReadsBackAsTheFields_data()
    {
        QTest::addColumn<model::PostFields>("content");
        model::PostFields plain = fields(QStringLiteral("plain"));
        model::PostFields escapes = fields(QStringLiteral("a \"quoted\" \\ back\\slash"));
        escapes.body = QStringLiteral("line\nbreak\ttab\r\u0001\u001f control / slash");
        escapes.tags = {QStringLiteral("t\"ag"), QStringLiteral("[x]"), QStringLiteral("{y}")};
        escapes.state = model::PublishState::Published;
        escapes.cover = QString(64, u'c');
        model::PostFields unicode = fields(QStringLiteral("Caf\u00e9 \u65e5\u672c \U0001F600"));
        unicode.body = QStringLiteral("\u00e9\u0301 \u2028 \u2029 \U0001F4A9 pass\u00e9e");
        unicode.tags = {QStringLiteral("\u00fc"), QStringLiteral("\U0001F600")};
        model::PostFields empty;
        QTest::newRow("plain") << plain;
        QTest::newRow("escapes") << escapes;
        QTest::newRow("unicode") << unicode;
        QTest::newRow("empty") << empty;
    }
    void baseWrittenBySqliteReadsBackAsTheFields()
    {
        QFETCH(model::PostFields, content);
        Revision pulled = revision(model::createGuid(), 3, QString());
        pulled.fields = content;
        QVERIFY(m_store->sync().upsertPageFromServer(blog, {pulled}));
        auto post = m_store->posts().post(pulled.guid);
        QVERIFY(post);
        QCOMPARE(post->fields, content);
        QCOMPARE(post->base, content);

        auto local = m_store->posts().create(blog, content);
        QVERIFY(local);
        Revision agreed = revision(local->guid, 4, QString());
        agreed.fields = content;
        QVERIFY(m_store->sync().acknowledgePushes({{agreed, local->editCounter}}));
        auto acknowledged = m_store->posts().post(local->guid);
        QVERIFY(acknowledged);
        QCOMPARE(acknowledged->syncStatus, SyncStatus::Synced);
        QCOMPARE(acknowledged->base, content);
    }

    void pageNeverOverwritesPendingOrNewerPosts()
    {
        const QString pending = model::createGuid();
        const QString newer = model::createGuid();
        const QString older = model::createGuid();
        const QList<Revision> first{revision(pending, 1, QStringLiteral("base")),
                                    revision(newer, 5, QStringLiteral("five")),
                                    revision(older, 1, QStringLiteral("one"))};
        QVERIFY(m_store->sync().upsertPageFromServer(blog, first));
        QVERIFY(m_store->posts().update(pending, fields(QStringLiteral("mine"))));
        const QList<Revision> second{revision(pending, 2, QStringLiteral("theirs")),
                                     revision(newer, 4, QStringLiteral("four")),
                                     revision(older, 3, QStringLiteral("three"))};
        auto outcomes = m_store->sync().upsertPageFromServer(blog, second);
        QVERIFY(outcomes);
        QCOMPARE(*outcomes,
                 (QList<PullOutcome>{PullOutcome::LocalChangesPending, PullOutcome::Unchanged,
                                     PullOutcome::Applied}));
        QCOMPARE(m_store->posts().post(pending)->fields.title, QStringLiteral("mine"));
        QCOMPARE(m_store->posts().post(pending)->syncStatus, SyncStatus::NeedsSync);
        QCOMPARE(m_store->posts().post(newer)->rev, 5);
        QCOMPARE(m_store->posts().post(older)->fields.title, QStringLiteral("three"));
        QCOMPARE(m_store->posts().post(older)->rev, 3);
    }

    void pageSkipsTombstonesOfUnknownPosts()
    {
        const QString gone = model::createGuid();
        auto outcomes = m_store->sync().upsertPageFromServer(
                blog, {revision(gone, 3, QStringLiteral("gone"), true)});
        QVERIFY(outcomes);
        QCOMPARE(*outcomes, QList<PullOutcome>{PullOutcome::Unchanged});
        QCOMPARE(m_store->posts().post(gone).error().code, ErrorCode::NotFound);
    }

    void badPageWritesNothing_data()
    {
        QTest::addColumn<QString>("guid");
        QTest::addColumn<qint64>("rev");
        QTest::addColumn<QString>("cover");
        QTest::newRow("no guid") << QString() << qint64(1) << QString();
        QTest::newRow("no rev") << model::createGuid() << qint64(0) << QString();
        QTest::newRow("bad cover") << model::createGuid() << qint64(1) << QStringLiteral("x");
    }
    void badPageWritesNothing()
    {
        QFETCH(QString, guid);
        QFETCH(qint64, rev);
        QFETCH(QString, cover);
        const QString good = model::createGuid();
        Revision bad = revision(guid, rev, QStringLiteral("bad"));
        bad.fields.cover = cover;
        auto outcomes = m_store->sync().upsertPageFromServer(
                blog, {revision(good, 1, QStringLiteral("good")), bad});
        QVERIFY(!outcomes);
        QCOMPARE(outcomes.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(m_store->posts().post(good).error().code, ErrorCode::NotFound);
    }

    void pageWithAnotherBlogsPostStoresTheRest()
    {
        const QString guid = model::createGuid();
        QVERIFY(m_store->sync().upsertPageFromServer(QStringLiteral("8"),
                                                     {revision(guid, 1, QStringLiteral("a"))}));
        const QString fresh = model::createGuid();
        auto outcomes = m_store->sync().upsertPageFromServer(
                blog, {revision(fresh, 1, QStringLiteral("b")), revision(guid, 2, QString())});
        QVERIFY(outcomes);
        QCOMPARE(*outcomes, (QList<PullOutcome>{PullOutcome::Applied, PullOutcome::InAnotherBlog}));
        QCOMPARE(m_store->posts().post(fresh)->fields.title, QStringLiteral("b"));
        const auto kept = m_store->posts().post(guid);
        QCOMPARE(kept->blog, QStringLiteral("8"));
        QCOMPARE(kept->rev, 1);
        QCOMPARE(kept->fields.title, QStringLiteral("a"));
    }

    void acknowledgementsCheckTheEditCounter()
    {
        auto unchanged = m_store->posts().create(blog, fields(QStringLiteral("a")));
        auto edited = m_store->posts().create(blog, fields(QStringLiteral("b")));
        QVERIFY(unchanged && edited);
        QVERIFY(m_store->posts().update(edited->guid, fields(QStringLiteral("b2"))));
        Revision first = revision(unchanged->guid, 4, QStringLiteral("a"));
        first.fields = unchanged->fields;
        Revision second = revision(edited->guid, 5, QStringLiteral("b"));
        second.fields = edited->fields;
        auto outcomes = m_store->sync().acknowledgePushes(
                {{first, unchanged->editCounter}, {second, edited->editCounter}});
        QVERIFY(outcomes);
        QCOMPARE(*outcomes, (QList<PushOutcome>{PushOutcome::Synced, PushOutcome::StillPending}));
        auto a = m_store->posts().post(unchanged->guid);
        QCOMPARE(a->syncStatus, SyncStatus::Synced);
        QCOMPARE(a->rev, 4);
        QCOMPARE(a->base, unchanged->fields);
        QCOMPARE(a->modifiedBy, QStringLiteral("bob"));
        auto b = m_store->posts().post(edited->guid);
        QCOMPARE(b->syncStatus, SyncStatus::NeedsSync); // the later edit still goes out
        QCOMPARE(b->fields.title, QStringLiteral("b2"));
        QCOMPARE(b->rev, 5);
        QCOMPARE(b->base, edited->fields);
    }

    void acknowledgementOfOlderRevOrUnknownPostFails()
    {
        auto post = m_store->posts().create(blog, fields(QStringLiteral("a")));
        QVERIFY(m_store->sync().acknowledgePushes({{revision(post->guid, 6, QString()), 1}}));
        QCOMPARE(m_store->sync()
                         .acknowledgePushes({{revision(post->guid, 5, QString()), 1}})
                         .error()
                         .code,
                 ErrorCode::InvalidArgument);
        QCOMPARE(m_store->sync()
                         .acknowledgePushes({{revision(model::createGuid(), 1, QString()), 1}})
                         .error()
                         .code,
                 ErrorCode::NotFound);
        QCOMPARE(m_store->posts().post(post->guid)->rev, 6);
    }

    void pendingVersionsFollowPendingPosts()
    {
        auto a = m_store->posts().create(blog, fields(QStringLiteral("a")));
        auto b = m_store->posts().create(blog, fields(QStringLiteral("b")));
        QVERIFY(m_store->posts().create(QStringLiteral("other"), fields(QStringLiteral("c"))));
        QVERIFY(m_store->posts().remove(b->guid)); // tombstones are pending too
        auto versions = m_store->sync().pendingVersions(blog);
        auto pending = m_store->sync().pendingPosts(blog);
        QVERIFY(versions && pending);
        QCOMPARE(versions->size(), pending->size());
        for (qsizetype i = 0; i < pending->size(); ++i) {
            QCOMPARE(versions->at(i).guid, pending->at(i).guid);
            QCOMPARE(versions->at(i).editCounter, pending->at(i).editCounter);
            QCOMPARE(versions->at(i).rev, pending->at(i).rev);
        }
        auto read = m_store->sync().postsToPush({b->guid, model::createGuid()});
        QVERIFY(read);
        QCOMPARE(read->size(), 1);
        QVERIFY(read->at(0).deleted);
    }

    // A push reads its posts without the base of live ones (parsing it was most of the read);
    // a tombstone keeps its base, which the delete agrees on. A full read still has both.
    void postsToPushLeaveOutTheBaseOfLivePosts()
    {
        QStringList guids;
        for (const QString &title : {QStringLiteral("live"), QStringLiteral("deleted")}) {
            Revision pulled = revision(model::createGuid(), 2, title);
            QVERIFY(m_store->sync().upsertPageFromServer(blog, {pulled}));
            guids.append(pulled.guid);
        }
        QVERIFY(m_store->posts().update(guids.at(0), fields(QStringLiteral("edited"))));
        QVERIFY(m_store->posts().remove(guids.at(1)));

        auto read = m_store->sync().postsToPush(guids);
        QVERIFY(read);
        QCOMPARE(read->size(), 2);
        for (const model::Post &post : std::as_const(*read)) {
            QCOMPARE(post.syncStatus, SyncStatus::NeedsSync);
            QCOMPARE(post.rev, 2);
            if (post.deleted) {
                QCOMPARE(post.base, fields(QStringLiteral("deleted")));
            } else {
                QCOMPARE(post.fields, fields(QStringLiteral("edited")));
                QVERIFY(!post.base.has_value());
            }
        }
        QCOMPARE(m_store->posts().post(guids.at(0))->base, fields(QStringLiteral("live")));
    }

    // The sync reads one request's worth of pending posts before its first request and the
    // rest while the server works: a refresh reads at most loadAtMost posts it does not know in
    // their current version, in push order, and leaves the others out until it reads them.
    void pendingQueueReadsAtMostWhatItIsAskedFor()
    {
        QStringList guids;
        for (int i = 0; i < 5; ++i)
            guids.append(m_store->posts().create(blog, fields(QString::number(i)))->guid);
        const auto titles = [](const sync::PendingQueue &queue) {
            QStringList result;
            for (const sync::PendingPost &pending : queue.posts())
                result.append(pending.post.fields.title);
            return result;
        };
        sync::PendingQueue queue(*m_store, blog);
        QVERIFY(queue.refresh(2));
        QCOMPARE(titles(queue), QStringList({"0", "1"}));
        QVERIFY(queue.refresh(2));
        QCOMPARE(titles(queue), QStringList({"0", "1", "2", "3"}));
        // An edit makes a known post stale: it is left out until it is read again, and its
        // reading counts toward the limit, in push order (oldest modification first).
        QVERIFY(m_store->posts().update(guids[0], fields(QStringLiteral("0 edited"))));
        QVERIFY(queue.refresh(1));
        QCOMPARE(titles(queue), QStringList({"1", "2", "3", "4"}));
        QVERIFY(queue.refresh());
        QCOMPARE(titles(queue), QStringList({"1", "2", "3", "4", "0 edited"}));
        QCOMPARE(queue.posts().constLast().opId, sync::opIdFor(*m_store->posts().post(guids[0])));
        for (const sync::PendingPost &pending : queue.posts())
            QCOMPARE(pending.encodedFields, protocol::encode(pending.post.fields));
        // An acknowledged post leaves the queue and its memory.
        QCOMPARE(queue.held(), 5);
        const model::Post first = queue.posts().constFirst().post;
        QVERIFY(m_store->sync().acknowledgePushes(
                {{model::Revision{first.guid, 1, false, first.fields, {}, {}, {}},
                  first.editCounter}}));
        QVERIFY(queue.refresh());
        QCOMPARE(titles(queue), QStringList({"2", "3", "4", "0 edited"}));
        QCOMPARE(queue.held(), 4);
    }

    void conflictedTombstonesAreListedAndCounted()
    {
        const QString edited = model::createGuid();
        const QString deleted = model::createGuid();
        QVERIFY(m_store->sync().upsertPageFromServer(
                blog, {revision(edited, 1, QStringLiteral("e")), revision(deleted, 1, QString())}));
        QVERIFY(m_store->posts().update(edited, fields(QStringLiteral("mine"))));
        QVERIFY(m_store->posts().remove(deleted)); // my delete met their edit:
        QVERIFY(m_store->sync().markConflicted(edited, revision(edited, 2, QStringLiteral("x"))));
        QVERIFY(m_store->sync().markConflicted(deleted, revision(deleted, 2, QStringLiteral("y"))));
        PostQuery conflicted;
        conflicted.blog = blog;
        conflicted.filter = PostFilter::Conflicted;
        auto listed = m_store->posts().page(conflicted);
        QVERIFY(listed);
        QStringList guids;
        for (const model::Post &post : *listed)
            guids << post.guid;
        guids.sort();
        QStringList expected{edited, deleted};
        expected.sort();
        QCOMPARE(guids, expected);
        QCOMPARE(m_store->posts().count(conflicted).value(), 2);
        QCOMPARE(m_store->posts().counts(blog)->conflicted, 2);
        // Everywhere else a tombstone stays hidden.
        QCOMPARE(m_store->posts().count(PostQuery()).value(), 1);
        // Settled, it leaves the conflicted list.
        store::ConflictResolver resolver(*m_store);
        QVERIFY(resolver.takeTheirs(deleted, resolver.conflict(deleted)->theirsRev));
        QCOMPARE(m_store->posts().count(conflicted).value(), 1);
        QCOMPARE(m_store->posts().counts(blog)->conflicted, 1);
    }

private:
    std::unique_ptr<test::TempDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
};

QTEST_GUILESS_MAIN(TestSyncBatch)
#include "tst_syncbatch.moc"
