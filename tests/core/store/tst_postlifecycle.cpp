// Restoring deleted posts, compare-and-set updates and adopting local-only posts into a blog.
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace inkwell;
using namespace inkwell::store;
using inkwell::test::fields;
using inkwell::test::syncedPost;
using model::Post;
using model::SyncStatus;

class TestPostLifecycle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void restoreBringsBackSamePostAsEdit();
    void restoreOfLivePostChangesNothing();
    void restoreOfUnknownPostIsNotFound();
    void compareAndSetWritesWhenUnchanged();
    void compareAndSetRefusesAfterConcurrentChange_data();
    void compareAndSetRefusesAfterConcurrentChange();
    void adoptMovesLiveLocalPostsOnly();
    void adoptRefusesEmptyBlog();

private:
    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    int m_nextDatabase = 0;
};

void TestPostLifecycle::init()
{
    m_store = std::make_unique<LocalStore>(
            m_dir.filePath(QStringLiteral("lifecycle%1.db").arg(m_nextDatabase++)));
    QVERIFY(m_store->open());
}

void TestPostLifecycle::cleanup()
{
    m_store.reset();
}

void TestPostLifecycle::restoreBringsBackSamePostAsEdit()
{
    const Post post = syncedPost(*m_store, QStringLiteral("back again"));
    QVERIFY(m_store->posts().remove(post.guid));
    const qint64 deletedCounter = m_store->posts().post(post.guid)->editCounter;
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);

    auto restored = m_store->posts().restore(post.guid);
    QVERIFY(restored);
    QCOMPARE(changed.count(), 1);
    const Post stored = *m_store->posts().post(post.guid);
    QCOMPARE(stored, *restored);
    QCOMPARE(stored.guid, post.guid);
    QVERIFY(!stored.deleted);
    QCOMPARE(stored.fields, post.fields);
    QCOMPARE(stored.base, post.base);
    QCOMPARE(stored.rev, post.rev);
    QCOMPARE(stored.blog, post.blog);
    QCOMPARE(stored.syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(stored.editCounter, deletedCounter + 1);
    QCOMPARE(m_store->posts().page(PostQuery())->size(), 1);
    QCOMPARE(m_store->posts().search(QStringLiteral("again"), PostQuery())->size(), 1);
    // It is pushed as an edit of the same post.
    auto pending = m_store->sync().pendingPosts(QStringLiteral("b"));
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->at(0).guid, post.guid);
    QVERIFY(!pending->at(0).deleted);
}

void TestPostLifecycle::restoreOfLivePostChangesNothing()
{
    const Post post = syncedPost(*m_store, QStringLiteral("alive"));
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    auto restored = m_store->posts().restore(post.guid);
    QVERIFY(restored);
    QCOMPARE(*restored, post);
    QCOMPARE(*m_store->posts().post(post.guid), post);
    QCOMPARE(changed.count(), 0);
}

void TestPostLifecycle::restoreOfUnknownPostIsNotFound()
{
    auto restored = m_store->posts().restore(model::createGuid());
    QVERIFY(!restored);
    QCOMPARE(restored.error().code, ErrorCode::NotFound);
}

void TestPostLifecycle::compareAndSetWritesWhenUnchanged()
{
    const Post post = syncedPost(*m_store, QStringLiteral("original"));
    auto updated = m_store->posts().update(post.guid, fields(QStringLiteral("mine")), post.fields);
    QVERIFY(updated);
    QCOMPARE(m_store->posts().post(post.guid)->fields.title, QStringLiteral("mine"));
    QCOMPARE(updated->editCounter, post.editCounter + 1);
}

void TestPostLifecycle::compareAndSetRefusesAfterConcurrentChange_data()
{
    QTest::addColumn<bool>("byPull");
    QTest::newRow("local edit on another thread") << false;
    QTest::newRow("pulled revision") << true;
}

// The post changes between the caller's read and its write (from another thread and its own
// connection): the write is refused and the other change survives.
void TestPostLifecycle::compareAndSetRefusesAfterConcurrentChange()
{
    QFETCH(bool, byPull);
    const Post read = syncedPost(*m_store, QStringLiteral("original"));
    QThread *other = QThread::create([&] {
        if (byPull) {
            model::Revision revision;
            revision.guid = read.guid;
            revision.rev = 2;
            revision.fields = fields(QStringLiteral("theirs"), QStringLiteral("body"));
            (void)m_store->sync().upsertFromServer(QStringLiteral("b"), revision);
        } else {
            (void)m_store->posts().update(read.guid, fields(QStringLiteral("theirs")));
        }
    });
    other->start();
    QVERIFY(other->wait(10000));
    delete other;

    auto refused = m_store->posts().update(read.guid, fields(QStringLiteral("mine")), read.fields);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    QCOMPARE(m_store->posts().post(read.guid)->fields.title, QStringLiteral("theirs"));
}

void TestPostLifecycle::adoptMovesLiveLocalPostsOnly()
{
    auto first = m_store->posts().create(QString(), fields(QStringLiteral("offline one")));
    auto second = m_store->posts().create(QString(), fields(QStringLiteral("offline two")));
    auto gone = m_store->posts().create(QString(), fields(QStringLiteral("offline gone")));
    QVERIFY(first && second && gone);
    QVERIFY(m_store->posts().remove(gone->guid));
    const Post elsewhere = syncedPost(*m_store, QStringLiteral("already in b"));
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);

    auto moved = m_store->posts().adoptLocalPosts(QStringLiteral("7"));
    QVERIFY(moved);
    QCOMPARE(*moved, (QStringList{first->guid, second->guid}));
    QCOMPARE(changed.count(), 1);
    for (const Post &before : {*first, *second}) {
        const Post after = *m_store->posts().post(before.guid);
        QCOMPARE(after.blog, QStringLiteral("7"));
        QCOMPARE(after.fields, before.fields);
        QCOMPARE(after.syncStatus, SyncStatus::NeedsSync);
        QCOMPARE(after.editCounter, before.editCounter + 1);
    }
    QCOMPARE(m_store->posts().post(gone->guid)->blog, QString());
    QCOMPARE(*m_store->posts().post(elsewhere.guid), elsewhere);
    QCOMPARE(m_store->sync().pendingPosts(QStringLiteral("7"))->size(), 2);
    QVERIFY(m_store->posts().adoptLocalPosts(QStringLiteral("7"))->isEmpty()); // nothing left
}

void TestPostLifecycle::adoptRefusesEmptyBlog()
{
    QVERIFY(m_store->posts().create(QString(), fields(QStringLiteral("offline"))));
    auto moved = m_store->posts().adoptLocalPosts(QString());
    QVERIFY(!moved);
    QCOMPARE(moved.error().code, ErrorCode::InvalidArgument);
    PostQuery localOnly;
    localOnly.blog = QString();
    QCOMPARE(m_store->posts().count(localOnly).value(), 1);
}

QTEST_GUILESS_MAIN(TestPostLifecycle)
#include "tst_postlifecycle.moc"
