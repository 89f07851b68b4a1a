// Restoring a revision from a post's history: a new local edit on top of the current version.
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace inkwell;
using namespace inkwell::store;
using inkwell::test::fields;
using inkwell::test::serverRevision;
using inkwell::test::syncedPost;
using model::Post;
using model::SyncStatus;

class TestRestoreRevision : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void restoreIsAnEditOnTheCurrentRevision();
    void restoreKeepsLocalEditsAsTheBaseOfNothing();
    void restoreBringsBackADeletedPost();
    void restoreOfTheCurrentContentChangesNothing();
    void restoreOfAConflictedPostIsRefused();
    void restoreOfAnUnknownPostIsNotFound();
    void restoreOfAnotherPostsRevisionIsRefused();

private:
    // The post at rev 1, then the server's rev 5 pulled on top: the version a restore starts from.
    Post postAtRevisionFive();

    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    int m_nextDatabase = 0;
};

void TestRestoreRevision::init()
{
    m_store = std::make_unique<LocalStore>(
            m_dir.filePath(QStringLiteral("restore%1.db").arg(m_nextDatabase++)));
    QVERIFY(m_store->open());
}

void TestRestoreRevision::cleanup()
{
    m_store.reset();
}

Post TestRestoreRevision::postAtRevisionFive()
{
    const Post first = syncedPost(*m_store, QStringLiteral("one"));
    const model::Revision five = serverRevision(first.guid, 5, QStringLiteral("five"));
    [&] {
        QCOMPARE(*m_store->sync().upsertFromServer(QStringLiteral("b"), five),
                 PullOutcome::Applied);
    }();
    return *m_store->posts().post(first.guid);
}

void TestRestoreRevision::restoreIsAnEditOnTheCurrentRevision()
{
    const Post current = postAtRevisionFive();
    QCOMPARE(current.rev, 5);
    QCOMPARE(current.syncStatus, SyncStatus::Synced);
    const model::Revision one = serverRevision(current.guid, 1, QStringLiteral("one"));
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);

    auto restored = m_store->posts().restoreRevision(current.guid, one);
    QVERIFY(restored);
    QCOMPARE(changed.count(), 1);
    const Post stored = *m_store->posts().post(current.guid);
    QCOMPARE(stored, *restored);
    QCOMPARE(stored.fields, one.fields); // the old content...
    QCOMPARE(stored.rev, 5); // ...as an edit based on the current revision, not a rollback
    QCOMPARE(stored.base.value_or(stored.fields), current.fields);
    QCOMPARE(stored.blog, current.blog);
    QCOMPARE(stored.syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(stored.editCounter, current.editCounter + 1);
    // It is pushed like any edit: based on rev 5 with the agreed fields as base.
    auto pending = m_store->sync().pendingPosts(QStringLiteral("b"));
    QVERIFY(pending);
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->at(0).rev, 5);
    QCOMPARE(pending->at(0).base, std::optional(current.fields));
    QCOMPARE(pending->at(0).fields, one.fields);
}

void TestRestoreRevision::restoreKeepsLocalEditsAsTheBaseOfNothing()
{
    // A pending local edit is replaced by the restored content; the base stays the server's.
    const Post current = postAtRevisionFive();
    QVERIFY(m_store->posts().update(current.guid,
                                    fields(QStringLiteral("mine"), QStringLiteral("x"))));
    const model::Revision one = serverRevision(current.guid, 1, QStringLiteral("one"));
    auto restored = m_store->posts().restoreRevision(current.guid, one);
    QVERIFY(restored);
    QCOMPARE(restored->fields, one.fields);
    QCOMPARE(restored->rev, 5);
    QCOMPARE(restored->base, std::optional(current.fields));
    QCOMPARE(restored->editCounter, current.editCounter + 2);
}

void TestRestoreRevision::restoreBringsBackADeletedPost()
{
    const Post current = postAtRevisionFive();
    // The server's delete as a pull brings it (rev 6, a tombstone).
    model::Revision deleted = serverRevision(current.guid, 6, QStringLiteral("five"), true);
    deleted.fields = current.fields;
    QCOMPARE(*m_store->sync().upsertFromServer(QStringLiteral("b"), deleted), PullOutcome::Applied);
    QVERIFY(m_store->posts().post(current.guid)->deleted);
    PostQuery deletedList;
    deletedList.filter = PostFilter::Deleted;
    QCOMPARE(m_store->posts().page(deletedList)->size(), 1);
    QCOMPARE(m_store->posts().page(PostQuery())->size(), 0);

    const model::Revision one = serverRevision(current.guid, 1, QStringLiteral("one"));
    auto restored = m_store->posts().restoreRevision(current.guid, one);
    QVERIFY(restored);
    QVERIFY(!restored->deleted);
    QCOMPARE(restored->fields, one.fields);
    QCOMPARE(restored->rev, 6);
    QCOMPARE(restored->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(m_store->posts().page(PostQuery())->size(), 1);
    QCOMPARE(m_store->posts().page(deletedList)->size(), 0);
    auto pending = m_store->sync().pendingPosts(QStringLiteral("b"));
    QCOMPARE(pending->size(), 1);
    QVERIFY(!pending->at(0).deleted);
    QCOMPARE(pending->at(0).rev, 6);
}

void TestRestoreRevision::restoreOfTheCurrentContentChangesNothing()
{
    const Post current = postAtRevisionFive();
    model::Revision same = serverRevision(current.guid, 5, QStringLiteral("five"));
    same.fields = current.fields;
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    auto restored = m_store->posts().restoreRevision(current.guid, same);
    QVERIFY(restored);
    QCOMPARE(*restored, current);
    QCOMPARE(changed.count(), 0);
}

void TestRestoreRevision::restoreOfAConflictedPostIsRefused()
{
    const Post current = postAtRevisionFive();
    QVERIFY(m_store->posts().update(current.guid,
                                    fields(QStringLiteral("mine"), QStringLiteral("x"))));
    QVERIFY(m_store->sync().markConflicted(
            current.guid, serverRevision(current.guid, 7, QStringLiteral("theirs"))));
    const Post before = *m_store->posts().post(current.guid);
    auto restored = m_store->posts().restoreRevision(
            current.guid, serverRevision(current.guid, 1, QStringLiteral("one")));
    QVERIFY(!restored);
    QCOMPARE(restored.error().code, ErrorCode::Conflict);
    QCOMPARE(*m_store->posts().post(current.guid), before);
}

void TestRestoreRevision::restoreOfAnUnknownPostIsNotFound()
{
    const QString guid = model::createGuid();
    auto restored =
            m_store->posts().restoreRevision(guid, serverRevision(guid, 1, QStringLiteral("one")));
    QVERIFY(!restored);
    QCOMPARE(restored.error().code, ErrorCode::NotFound);
}

void TestRestoreRevision::restoreOfAnotherPostsRevisionIsRefused()
{
    const Post current = postAtRevisionFive();
    auto restored = m_store->posts().restoreRevision(
            current.guid, serverRevision(model::createGuid(), 1, QStringLiteral("one")));
    QVERIFY(!restored);
    QCOMPARE(restored.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(*m_store->posts().post(current.guid), current);
}

QTEST_GUILESS_MAIN(TestRestoreRevision)
#include "tst_restorerevision.moc"
