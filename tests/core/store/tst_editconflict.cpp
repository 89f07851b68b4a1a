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
using model::PostFields;
using model::SyncStatus;

// SyncRepository::storeEditConflict(): an editor buffer that overlaps a change it could not merge
// becomes a stored conflict, so it is never dropped and is resolved like a pulled conflict.
class TestEditConflict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void bufferBecomesMineAndTheStoredVersionTheirs();
    void aDeletedStoredVersionIsTheirsAndThePostComesBack();
    void aConflictedPostIsRefused();
    void anUnknownPostIsNotFound();

private:
    std::unique_ptr<test::TempDir> m_dir;
    std::unique_ptr<store::LocalStore> m_store;
};

void TestEditConflict::init()
{
    m_dir = std::make_unique<test::TempDir>();
    m_store = std::make_unique<store::LocalStore>(m_dir->filePath(QStringLiteral("s.sqlite")));
    QVERIFY(m_store->open());
}

void TestEditConflict::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestEditConflict::bufferBecomesMineAndTheStoredVersionTheirs()
{
    const model::Post stored = test::syncedPost(*m_store, QStringLiteral("Stored"));
    const PostFields mine = test::fields(QStringLiteral("Mine"), QStringLiteral("my body"));
    const PostFields base = test::fields(QStringLiteral("Older"), QStringLiteral("body"));
    QSignalSpy changed(m_store.get(), &store::LocalStore::postsChanged);

    auto conflict = m_store->sync().storeEditConflict(stored.guid, mine, base);
    QVERIFY2(conflict, qPrintable(conflict ? QString() : conflict.error().message));

    const model::Post post = *m_store->posts().post(stored.guid);
    QCOMPARE(post, *conflict);
    QCOMPARE(post.syncStatus, SyncStatus::Conflicted);
    QCOMPARE(post.fields, mine);
    QCOMPARE(post.base, std::optional<PostFields>(base));
    QVERIFY(post.theirs);
    QCOMPARE(post.theirs->fields, stored.fields);
    QCOMPARE(post.theirs->rev, stored.rev);
    QCOMPARE(post.theirs->modifiedBy, stored.modifiedBy);
    QVERIFY(!post.theirs->deleted);
    QCOMPARE(post.rev, stored.rev);
    QVERIFY(post.editCounter > stored.editCounter);
    QCOMPARE(changed.size(), 1);
    // A conflicted post is not pushed.
    auto pending = m_store->sync().pendingPosts(stored.blog);
    QVERIFY(pending);
    QVERIFY(pending->isEmpty());
}

void TestEditConflict::aDeletedStoredVersionIsTheirsAndThePostComesBack()
{
    const model::Post stored = test::syncedPost(*m_store, QStringLiteral("Gone"));
    QVERIFY(m_store->posts().remove(stored.guid));
    const PostFields mine = test::fields(QStringLiteral("Gone"), QStringLiteral("kept"));

    QVERIFY(m_store->sync().storeEditConflict(stored.guid, mine, stored.fields));

    const model::Post post = *m_store->posts().post(stored.guid);
    QVERIFY(!post.deleted);
    QCOMPARE(post.fields, mine);
    QVERIFY(post.theirs && post.theirs->deleted);
    QCOMPARE(post.syncStatus, SyncStatus::Conflicted);
}

void TestEditConflict::aConflictedPostIsRefused()
{
    const model::Post stored = test::syncedPost(*m_store, QStringLiteral("Twice"));
    QVERIFY(m_store->sync().storeEditConflict(stored.guid, test::fields(QStringLiteral("A")),
                                              stored.fields));
    const model::Post first = *m_store->posts().post(stored.guid);

    auto again = m_store->sync().storeEditConflict(stored.guid, test::fields(QStringLiteral("B")),
                                                   stored.fields);
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(*m_store->posts().post(stored.guid), first);
}

void TestEditConflict::anUnknownPostIsNotFound()
{
    auto stored = m_store->sync().storeEditConflict(model::createGuid(), {}, {});
    QVERIFY(!stored);
    QCOMPARE(stored.error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestEditConflict)
#include "tst_editconflict.moc"
