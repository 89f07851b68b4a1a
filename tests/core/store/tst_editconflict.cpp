#include "model/post.h"
#include "store/conflictresolver.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace inkwell;
using model::PostFields;
using model::SyncStatus;

namespace {

enum class Settle { KeepMine, TakeTheirs, KeepBoth, ResolveWithTheirs, ResolveWithAgreed };

} // namespace

Q_DECLARE_METATYPE(Settle)

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
    void aPendingPostKeepsWhatWasAgreedAcrossAReopen();
    void settlingKeepsLocalEditsNotYetPushed_data();
    void settlingKeepsLocalEditsNotYetPushed();
    void aNewServerVersionIsMergedAgainstWhatWasAgreed();
    void takingTheirsKeepsAPendingDelete();
    void takingTheirsOfANeverSyncedPostKeepsItPending();

private:
    // A post synced at rev 1 with agreed(), edited here to pending() and not pushed, then held
    // as the editor's conflict with mine() based on older().
    model::Post pendingEditConflict();
    static PostFields agreed()
    {
        return test::fields(QStringLiteral("Stored"), QStringLiteral("body"));
    }
    static PostFields pending()
    {
        return test::fields(QStringLiteral("Stored"), QStringLiteral("body\nlocal\n"));
    }
    static PostFields older()
    {
        return test::fields(QStringLiteral("Older"), QStringLiteral("body"));
    }
    static PostFields mine()
    {
        return test::fields(QStringLiteral("Mine"), QStringLiteral("body"));
    }

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
    QVERIFY(!post.agreed); // theirs is the server's version at its revision
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

model::Post TestEditConflict::pendingEditConflict()
{
    model::Post stored = test::syncedPost(*m_store, QStringLiteral("Stored"));
    if (stored.fields != agreed() || !m_store->posts().update(stored.guid, pending()))
        qFatal("the pending edit was refused");
    auto conflict = m_store->sync().storeEditConflict(stored.guid, mine(), older());
    if (!conflict)
        qFatal("the edit conflict was refused");
    return *conflict;
}

void TestEditConflict::aPendingPostKeepsWhatWasAgreedAcrossAReopen()
{
    const model::Post conflict = pendingEditConflict();
    QCOMPARE(conflict.agreed, std::optional<PostFields>(agreed()));
    QCOMPARE(conflict.theirs->fields, pending());
    QCOMPARE(conflict.base, std::optional<PostFields>(older()));

    m_store.reset();
    m_store = std::make_unique<store::LocalStore>(m_dir->filePath(QStringLiteral("s.sqlite")));
    QVERIFY(m_store->open());
    QCOMPARE(*m_store->posts().post(conflict.guid), conflict);
}

void TestEditConflict::settlingKeepsLocalEditsNotYetPushed_data()
{
    QTest::addColumn<bool>("pendingEdits");
    QTest::addColumn<Settle>("settle");
    QTest::addColumn<SyncStatus>("status");
    QTest::newRow("pending, take theirs") << true << Settle::TakeTheirs << SyncStatus::NeedsSync;
    QTest::newRow("pending, keep mine") << true << Settle::KeepMine << SyncStatus::NeedsSync;
    QTest::newRow("pending, keep both") << true << Settle::KeepBoth << SyncStatus::NeedsSync;
    QTest::newRow("pending, resolve with theirs")
            << true << Settle::ResolveWithTheirs << SyncStatus::NeedsSync;
    QTest::newRow("pending, resolve with the agreed version")
            << true << Settle::ResolveWithAgreed << SyncStatus::Synced;
    QTest::newRow("synced, take theirs") << false << Settle::TakeTheirs << SyncStatus::Synced;
    QTest::newRow("synced, keep mine") << false << Settle::KeepMine << SyncStatus::NeedsSync;
    QTest::newRow("synced, keep both") << false << Settle::KeepBoth << SyncStatus::Synced;
    QTest::newRow("synced, resolve with theirs")
            << false << Settle::ResolveWithTheirs << SyncStatus::Synced;
}

void TestEditConflict::settlingKeepsLocalEditsNotYetPushed()
{
    QFETCH(bool, pendingEdits);
    QFETCH(Settle, settle);
    QFETCH(SyncStatus, status);
    model::Post conflict;
    if (pendingEdits) {
        conflict = pendingEditConflict();
    } else {
        const model::Post stored = test::syncedPost(*m_store, QStringLiteral("Stored"));
        QCOMPARE(stored.fields, agreed());
        conflict = *m_store->sync().storeEditConflict(stored.guid, mine(), older());
    }
    const PostFields theirs = conflict.theirs->fields;
    store::ConflictResolver resolver(*m_store);

    Result<model::Post> settled = Error{ErrorCode::InvalidArgument, QString()};
    switch (settle) {
    case Settle::KeepMine:
        settled = resolver.keepMine(conflict.guid, 1);
        break;
    case Settle::TakeTheirs:
        settled = resolver.takeTheirs(conflict.guid, 1);
        break;
    case Settle::KeepBoth:
        if (auto kept = resolver.keepBoth(conflict.guid, 1))
            settled = kept->original;
        break;
    case Settle::ResolveWithTheirs:
        settled = resolver.resolveWith(conflict.guid, {theirs, false}, 1);
        break;
    case Settle::ResolveWithAgreed:
        settled = resolver.resolveWith(conflict.guid, {agreed(), false}, 1);
        break;
    }
    QVERIFY2(settled, qPrintable(settled ? QString() : settled.error().message));
    if (settle == Settle::TakeTheirs || settle == Settle::KeepBoth
        || settle == Settle::ResolveWithTheirs)
        QCOMPARE(settled->fields, theirs);
    QCOMPARE(settled->syncStatus, status);
    // Only what the server has at rev 1 is agreed: the next server change merges against it.
    QCOMPARE(settled->base, std::optional<PostFields>(agreed()));
    QCOMPARE(settled->rev, 1);
    QVERIFY(!settled->theirs);
    QVERIFY(!settled->agreed);
    QCOMPARE(*m_store->posts().post(conflict.guid), *settled);
    auto queued = m_store->sync().pendingPosts(conflict.blog);
    QVERIFY(queued);
    QCOMPARE(std::count_if(queued->cbegin(), queued->cend(),
                           [&](const model::Post &post) { return post.guid == conflict.guid; }),
             status == SyncStatus::NeedsSync ? 1 : 0);
}

void TestEditConflict::aNewServerVersionIsMergedAgainstWhatWasAgreed()
{
    const model::Post conflict = pendingEditConflict();
    const model::Revision newer = test::serverRevision(conflict.guid, 2, QStringLiteral("Newer"));

    QVERIFY(m_store->sync().markConflicted(conflict.guid, newer));

    const model::Post post = *m_store->posts().post(conflict.guid);
    QCOMPARE(post.syncStatus, SyncStatus::Conflicted);
    QCOMPARE(post.fields, mine());
    QCOMPARE(post.base, std::optional<PostFields>(agreed()));
    QVERIFY(!post.agreed);
    QCOMPARE(post.theirs->rev, 2);
    QCOMPARE(post.theirs->fields, newer.fields);
    // The server's version now is what was agreed plus the server's change: taking it is in sync.
    auto taken = store::ConflictResolver(*m_store).takeTheirs(conflict.guid, 2);
    QVERIFY(taken);
    QCOMPARE(taken->syncStatus, SyncStatus::Synced);
    QCOMPARE(taken->base, std::optional<PostFields>(newer.fields));
}

void TestEditConflict::takingTheirsKeepsAPendingDelete()
{
    const model::Post stored = test::syncedPost(*m_store, QStringLiteral("Gone"));
    QVERIFY(m_store->posts().remove(stored.guid));
    QVERIFY(m_store->sync().storeEditConflict(stored.guid, mine(), stored.fields));

    auto taken = store::ConflictResolver(*m_store).takeTheirs(stored.guid, stored.rev);
    QVERIFY(taken);
    QVERIFY(taken->deleted);
    QCOMPARE(taken->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(taken->base, std::optional<PostFields>(stored.fields));
}

void TestEditConflict::takingTheirsOfANeverSyncedPostKeepsItPending()
{
    auto created = m_store->posts().create(QStringLiteral("b"), pending());
    QVERIFY(created);
    QVERIFY(m_store->sync().storeEditConflict(created->guid, mine(), older()));

    auto taken = store::ConflictResolver(*m_store).takeTheirs(created->guid, 0);
    QVERIFY(taken);
    QCOMPARE(taken->fields, pending());
    QCOMPARE(taken->rev, 0);
    QCOMPARE(taken->syncStatus, SyncStatus::NeedsSync);
}

QTEST_GUILESS_MAIN(TestEditConflict)
#include "tst_editconflict.moc"
