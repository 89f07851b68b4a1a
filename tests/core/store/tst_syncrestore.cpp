// SyncRepository after a restored server database: the epoch kept with each cursor, and the
// steps that make what the server lost pending again.
#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QTest>

#include <memory>

using namespace inkwell;
using namespace inkwell::store;
using inkwell::test::fields;
using model::Revision;
using model::SyncStatus;

namespace {

const QString blog = QStringLiteral("blog");
const QString server = QStringLiteral("https://inkwell.example");

Revision revision(const QString &guid, qint64 rev, const QString &title, bool deleted = false)
{
    return test::serverRevision(guid, rev, title, deleted);
}

} // namespace

class TestSyncRestore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void epochIsKeptPerServerAndBlogWithTheCursor();
    void postAheadOfTheServerIsRebasedOnTheServerVersion();
    void pendingEditAheadOfTheServerKeepsItsFields();
    void sameContentAtAnOlderRevisionIsSyncedWithoutPush();
    void sameRevisionWithOtherContentIsRebased();
    void postsTheServerHasAtTheirRevisionOrNewerAreLeftAlone();
    void conflictedPostsAreLeftAlone();
    void postsMissingOnTheServerAreCreatedAgain();

private:
    // A post of blog, Synced at rev with fields made from title.
    Revision synced(qint64 rev, const QString &title);

    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    int m_next = 0;
};

void TestSyncRestore::init()
{
    m_store = std::make_unique<LocalStore>(m_dir.filePath(QStringLiteral("r%1.db").arg(m_next++)));
    QVERIFY(m_store->open());
}

void TestSyncRestore::cleanup()
{
    m_store.reset();
}

Revision TestSyncRestore::synced(qint64 rev, const QString &title)
{
    const Revision pulled = revision(model::createGuid(), rev, title);
    const auto stored = m_store->sync().upsertFromServer(blog, pulled);
    if (!stored || *stored != PullOutcome::Applied)
        qFatal("could not store a synced post");
    return pulled;
}

void TestSyncRestore::epochIsKeptPerServerAndBlogWithTheCursor()
{
    const QString one = QStringLiteral("0123456789abcdef0123456789abcdef");
    const QString two = QStringLiteral("fedcba9876543210fedcba9876543210");
    QCOMPARE(*m_store->sync().epoch(server, blog), QString());
    QVERIFY(m_store->sync().setEpoch(server, blog, one)); // before any cursor
    QCOMPARE(*m_store->sync().cursor(server, blog), 0);
    QVERIFY(m_store->sync().setCursor(server, blog, 17));
    QCOMPARE(*m_store->sync().epoch(server, blog), one); // a cursor keeps the epoch
    QVERIFY(m_store->sync().setEpoch(server, QStringLiteral("other"), two));
    QVERIFY(m_store->sync().resetCursor(server, blog));
    QCOMPARE(*m_store->sync().epoch(server, blog), one);
    QCOMPARE(*m_store->sync().epoch(server, QStringLiteral("other")), two);
    QCOMPARE(*m_store->sync().epoch(QStringLiteral("https://elsewhere"), blog), QString());
}

void TestSyncRestore::postAheadOfTheServerIsRebasedOnTheServerVersion()
{
    const Revision lost = synced(9, QStringLiteral("edited before the restore"));
    const auto before = m_store->posts().post(lost.guid);
    Revision theirs = revision(lost.guid, 4, QStringLiteral("as in the backup"));
    const auto rebased = m_store->sync().rebaseOnServerVersion(theirs);
    QVERIFY(rebased);
    QVERIFY(*rebased);
    const auto after = m_store->posts().post(lost.guid);
    QCOMPARE(after->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(after->rev, 4);
    QCOMPARE(after->base, theirs.fields);
    QCOMPARE(after->fields, lost.fields); // the acknowledged edit goes out again
    QVERIFY(after->editCounter > before->editCounter);
    QCOMPARE(m_store->sync().pendingPosts(blog)->size(), 1);
    // A second look at the same server version changes nothing more.
    QCOMPARE(*m_store->sync().rebaseOnServerVersion(theirs), false);
}

void TestSyncRestore::pendingEditAheadOfTheServerKeepsItsFields()
{
    const Revision lost = synced(9, QStringLiteral("acknowledged"));
    QVERIFY(m_store->posts().update(lost.guid, fields(QStringLiteral("and edited since"))));
    const Revision theirs = revision(lost.guid, 2, QStringLiteral("old"));
    QVERIFY(*m_store->sync().rebaseOnServerVersion(theirs));
    const auto after = m_store->posts().post(lost.guid);
    QCOMPARE(after->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(after->fields.title, QStringLiteral("and edited since"));
    QCOMPARE(after->rev, 2);
    QCOMPARE(after->base, theirs.fields);
}

void TestSyncRestore::sameContentAtAnOlderRevisionIsSyncedWithoutPush()
{
    const Revision lost = synced(9, QStringLiteral("pushed again by another writer"));
    Revision theirs = lost;
    theirs.rev = 3;
    QVERIFY(*m_store->sync().rebaseOnServerVersion(theirs));
    const auto after = m_store->posts().post(lost.guid);
    QCOMPARE(after->syncStatus, SyncStatus::Synced);
    QCOMPARE(after->rev, 3);
    QVERIFY(m_store->sync().pendingPosts(blog)->isEmpty());
}

void TestSyncRestore::sameRevisionWithOtherContentIsRebased()
{
    // The restored server reused the revision number for another version of the post.
    const Revision lost = synced(6, QStringLiteral("lost version"));
    const Revision theirs = revision(lost.guid, 6, QStringLiteral("written after the restore"));
    QVERIFY(*m_store->sync().rebaseOnServerVersion(theirs));
    const auto after = m_store->posts().post(lost.guid);
    QCOMPARE(after->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(after->base, theirs.fields);
    QCOMPARE(after->fields, lost.fields);
}

void TestSyncRestore::postsTheServerHasAtTheirRevisionOrNewerAreLeftAlone()
{
    const Revision same = synced(5, QStringLiteral("same"));
    const Revision older = synced(3, QStringLiteral("older here"));
    QCOMPARE(*m_store->sync().rebaseOnServerVersion(same), false);
    QCOMPARE(*m_store->sync().rebaseOnServerVersion(
                     revision(older.guid, 8, QStringLiteral("newer there"))),
             false);
    QCOMPARE(m_store->posts().post(same.guid)->syncStatus, SyncStatus::Synced);
    QCOMPARE(m_store->posts().post(older.guid)->rev, 3);
    QCOMPARE(m_store->sync()
                     .rebaseOnServerVersion(
                             revision(model::createGuid(), 2, QStringLiteral("never here")))
                     .error()
                     .code,
             ErrorCode::NotFound);
}

void TestSyncRestore::conflictedPostsAreLeftAlone()
{
    const Revision mine = synced(7, QStringLiteral("mine"));
    QVERIFY(m_store->posts().update(mine.guid, fields(QStringLiteral("local edit"))));
    QVERIFY(m_store->sync().markConflicted(mine.guid, revision(mine.guid, 8, QStringLiteral("x"))));
    const auto before = m_store->posts().post(mine.guid);
    QCOMPARE(*m_store->sync().rebaseOnServerVersion(revision(mine.guid, 2, QStringLiteral("y"))),
             false);
    QCOMPARE(*m_store->sync().recreateOnServer(mine.guid), false);
    QCOMPARE(*m_store->posts().post(mine.guid), *before);
}

void TestSyncRestore::postsMissingOnTheServerAreCreatedAgain()
{
    const Revision live = synced(4, QStringLiteral("created after the backup"));
    const Revision tombstone = revision(model::createGuid(), 6, QStringLiteral("gone"), true);
    QVERIFY(m_store->sync().upsertFromServer(blog,
                                             revision(tombstone.guid, 5, QStringLiteral("gone"))));
    QVERIFY(m_store->sync().upsertFromServer(blog, tombstone));
    const auto localOnly = m_store->posts().create(blog, fields(QStringLiteral("never synced")));
    QVERIFY(localOnly);
    const auto known = m_store->sync().postsWithServerRevision(blog);
    QVERIFY(known);
    QCOMPARE(QSet<QString>(known->cbegin(), known->cend()),
             (QSet<QString>{live.guid, tombstone.guid}));

    QVERIFY(*m_store->sync().recreateOnServer(live.guid));
    const auto recreated = m_store->posts().post(live.guid);
    QCOMPARE(recreated->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(recreated->rev, 0);
    QVERIFY(!recreated->base);
    QCOMPARE(recreated->fields, live.fields);
    // A synced tombstone needs nothing on a server that never had the post.
    QCOMPARE(*m_store->sync().recreateOnServer(tombstone.guid), false);
    QCOMPARE(m_store->posts().post(tombstone.guid)->syncStatus, SyncStatus::Synced);
    QCOMPARE(*m_store->sync().recreateOnServer(localOnly->guid), false);
}

QTEST_GUILESS_MAIN(TestSyncRestore)
#include "tst_syncrestore.moc"
