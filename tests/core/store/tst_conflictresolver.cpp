// store::ConflictResolver: keep mine, take theirs, keep both and resolve with a result, the one
// rule the merge window, the editor and inkwell-cli share (issue 12, defects 2, 3 and 4).
#include "merge/mergesession.h"
#include "model/post.h"
#include "store/conflictresolver.h"
#include "store/localstore.h"
#include "store/postquery.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QTest>

#include <memory>

using namespace inkwell;
using namespace inkwell::store;
using model::Post;
using model::PostFields;
using model::Revision;
using model::SyncStatus;

namespace {

const QString blog = QStringLiteral("blog");

PostFields post(const QString &title, const QString &body)
{
    return test::fields(title, body);
}

enum class Operation { KeepMine, TakeTheirs, KeepBoth, ResolveWith };

} // namespace

Q_DECLARE_METATYPE(Operation)

class TestConflictResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void conflictIsTheMergeOfBaseMineAndTheirs();
    void onlyConflictedPostsHaveAConflict();
    void keepMineKeepsTheirNonConflictingChanges();
    void keepMineOnEditVersusDeleteKeepsMySide_data();
    void keepMineOnEditVersusDeleteKeepsMySide();
    void takeTheirsStoresTheServersVersion_data();
    void takeTheirsStoresTheServersVersion();
    void keepBothSavesMineAsANewPostAndTakesTheirs();
    void keepBothOfMyDeleteHasNothingToKeep();
    void resolveWithStoresTheResultOnTopOfTheirs_data();
    void resolveWithStoresTheResultOnTopOfTheirs();
    void changedTheirsIsRefusedWithNothingWritten_data();
    void changedTheirsIsRefusedWithNothingWritten();

private:
    // A post synced at rev 1 with base, edited here to mine (or deleted), then conflicted with
    // theirs at rev 2 (or deleted there).
    QString conflicted(const PostFields &base, const std::optional<PostFields> &mine,
                       const std::optional<PostFields> &theirs, qint64 theirsRev = 2);
    Result<void> run(Operation operation, const QString &guid, qint64 expectedTheirsRev);
    int postCount() { return int(m_store->posts().count(PostQuery()).value()); }

    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<ConflictResolver> m_resolver;
    int m_next = 0;
};

void TestConflictResolver::init()
{
    m_store = std::make_unique<LocalStore>(m_dir.filePath(QStringLiteral("c%1.db").arg(m_next++)));
    QVERIFY(m_store->open());
    m_resolver = std::make_unique<ConflictResolver>(*m_store);
}

void TestConflictResolver::cleanup()
{
    m_resolver.reset();
    m_store.reset();
}

QString TestConflictResolver::conflicted(const PostFields &base,
                                         const std::optional<PostFields> &mine,
                                         const std::optional<PostFields> &theirs, qint64 theirsRev)
{
    const QString guid = model::createGuid();
    Revision synced = test::serverRevision(guid, 1, base.title);
    synced.fields = base;
    if (!m_store->sync().upsertFromServer(blog, synced))
        qFatal("the base version was refused");
    const bool edited =
            mine ? bool(m_store->posts().update(guid, *mine)) : bool(m_store->posts().remove(guid));
    if (!edited)
        qFatal("the local edit was refused");
    Revision server = test::serverRevision(guid, theirsRev, base.title, !theirs);
    server.fields = theirs.value_or(base);
    if (!m_store->sync().markConflicted(guid, server))
        qFatal("the conflict was refused");
    return guid;
}

Result<void> TestConflictResolver::run(Operation operation, const QString &guid,
                                       qint64 expectedTheirsRev)
{
    auto done = [](const auto &result) -> Result<void> {
        if (!result)
            return result.error();
        return {};
    };
    switch (operation) {
    case Operation::KeepMine:
        return done(m_resolver->keepMine(guid, expectedTheirsRev));
    case Operation::TakeTheirs:
        return done(m_resolver->takeTheirs(guid, expectedTheirsRev));
    case Operation::KeepBoth:
        return done(m_resolver->keepBoth(guid, expectedTheirsRev));
    case Operation::ResolveWith:
        return done(m_resolver->resolveWith(
                guid, {post(QStringLiteral("result"), QStringLiteral("r\n")), false},
                expectedTheirsRev));
    }
    return {};
}

void TestConflictResolver::conflictIsTheMergeOfBaseMineAndTheirs()
{
    const PostFields base = post(QStringLiteral("Base"), QStringLiteral("a\nb\n"));
    const PostFields mine = post(QStringLiteral("Mine"), QStringLiteral("a\nb\n"));
    const PostFields theirs = post(QStringLiteral("Theirs"), QStringLiteral("a\nb, theirs\n"));
    const QString guid = conflicted(base, mine, theirs, 7);
    const auto conflict = m_resolver->conflict(guid);
    QVERIFY(conflict);
    QCOMPARE(conflict->post.guid, guid);
    QCOMPARE(conflict->theirsRev, 7);
    QCOMPARE(conflict->session.base(), (merge::Version{base, false}));
    QCOMPARE(conflict->session.mine(), (merge::Version{mine, false}));
    QCOMPARE(conflict->session.theirs(), (merge::Version{theirs, false}));
    QVERIFY(conflict->session.isConflicting(merge::MergeField::Title));
    QCOMPARE(conflict->session.unresolvedCount(), 1);
}

void TestConflictResolver::onlyConflictedPostsHaveAConflict()
{
    const Post synced = test::syncedPost(*m_store, QStringLiteral("Calm"));
    QCOMPARE(m_resolver->conflict(synced.guid).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(m_resolver->keepMine(synced.guid, synced.rev).error().code,
             ErrorCode::InvalidArgument);
    QCOMPARE(m_resolver->conflict(model::createGuid()).error().code, ErrorCode::NotFound);
}

// Defect 3: keep mine stored my whole version and dropped their change to the body.
void TestConflictResolver::keepMineKeepsTheirNonConflictingChanges()
{
    const QString guid =
            conflicted(post(QStringLiteral("Base"), QStringLiteral("a\nb\nc\n")),
                       post(QStringLiteral("Mine"), QStringLiteral("a, mine\nb\nc\n")),
                       post(QStringLiteral("Theirs"), QStringLiteral("a\nb\nc, theirs\n")));
    const auto kept = m_resolver->keepMine(guid, 2);
    QVERIFY(kept);
    QCOMPARE(kept->fields.title, QStringLiteral("Mine"));
    QCOMPARE(kept->fields.body, QStringLiteral("a, mine\nb\nc, theirs\n"));
    QCOMPARE(kept->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(kept->rev, 2);
    QCOMPARE(kept->base->title, QStringLiteral("Theirs"));
    QVERIFY(!kept->theirs);
}

// Defect 2: keep mine on "I deleted, they edited" restored the post with my stale fields.
void TestConflictResolver::keepMineOnEditVersusDeleteKeepsMySide_data()
{
    QTest::addColumn<bool>("iDeleted");
    QTest::newRow("I deleted, they edited: stays deleted") << true;
    QTest::newRow("they deleted, I edited: restored with my edits") << false;
}

void TestConflictResolver::keepMineOnEditVersusDeleteKeepsMySide()
{
    QFETCH(bool, iDeleted);
    const PostFields base = post(QStringLiteral("Base"), QStringLiteral("a\n"));
    const PostFields edit = post(QStringLiteral("Edited"), QStringLiteral("a\nmore\n"));
    const QString guid =
            iDeleted ? conflicted(base, std::nullopt, edit) : conflicted(base, edit, std::nullopt);
    const auto kept = m_resolver->keepMine(guid, 2);
    QVERIFY(kept);
    QCOMPARE(kept->deleted, iDeleted);
    QCOMPARE(kept->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(kept->rev, 2);
    if (!iDeleted)
        QCOMPARE(kept->fields, edit);
    QCOMPARE(postCount(), iDeleted ? 0 : 1);
    QCOMPARE(m_store->sync().pendingPosts(blog)->size(), 1);
}

void TestConflictResolver::takeTheirsStoresTheServersVersion_data()
{
    QTest::addColumn<bool>("theirsDeleted");
    QTest::newRow("their edit") << false;
    QTest::newRow("their delete") << true;
}

void TestConflictResolver::takeTheirsStoresTheServersVersion()
{
    QFETCH(bool, theirsDeleted);
    const PostFields base = post(QStringLiteral("Base"), QStringLiteral("a\n"));
    const PostFields theirs = post(QStringLiteral("Theirs"), QStringLiteral("b\n"));
    const QString guid =
            conflicted(base, post(QStringLiteral("Mine"), QStringLiteral("c\n")),
                       theirsDeleted ? std::nullopt : std::optional<PostFields>(theirs));
    const auto taken = m_resolver->takeTheirs(guid, 2);
    QVERIFY(taken);
    QCOMPARE(taken->deleted, theirsDeleted);
    QCOMPARE(taken->fields, theirsDeleted ? base : theirs);
    QCOMPARE(taken->syncStatus, SyncStatus::Synced);
    QCOMPARE(taken->rev, 2);
    QCOMPARE(taken->modifiedBy, QStringLiteral("bob"));
    QVERIFY(!taken->theirs);
    QVERIFY(m_store->sync().pendingPosts(blog)->isEmpty());
}

void TestConflictResolver::keepBothSavesMineAsANewPostAndTakesTheirs()
{
    const PostFields mine = post(QStringLiteral("Mine"), QStringLiteral("mine\n"));
    const PostFields theirs = post(QStringLiteral("Theirs"), QStringLiteral("theirs\n"));
    const QString guid =
            conflicted(post(QStringLiteral("Base"), QStringLiteral("base\n")), mine, theirs);
    const auto kept = m_resolver->keepBoth(guid, 2);
    QVERIFY(kept);
    QVERIFY(kept->copy.guid != guid);
    QVERIFY(model::isValidGuid(kept->copy.guid));
    QCOMPARE(kept->copy.blog, blog);
    QCOMPARE(kept->copy.fields, mine);
    QCOMPARE(kept->copy.syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(kept->copy.rev, 0);
    QVERIFY(!kept->copy.base);
    QCOMPARE(kept->original.guid, guid);
    QCOMPARE(kept->original.fields, theirs);
    QCOMPARE(kept->original.syncStatus, SyncStatus::Synced);
    QCOMPARE(*m_store->posts().post(kept->copy.guid), kept->copy);
    QCOMPARE(*m_store->posts().post(guid), kept->original);
    QCOMPARE(postCount(), 2);
}

void TestConflictResolver::keepBothOfMyDeleteHasNothingToKeep()
{
    const QString guid =
            conflicted(post(QStringLiteral("Base"), QStringLiteral("a\n")), std::nullopt,
                       post(QStringLiteral("Theirs"), QStringLiteral("b\n")));
    const Post before = *m_store->posts().post(guid);
    QCOMPARE(m_resolver->keepBoth(guid, 2).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(*m_store->posts().post(guid), before);
    QCOMPARE(postCount(), 0);
}

void TestConflictResolver::resolveWithStoresTheResultOnTopOfTheirs_data()
{
    QTest::addColumn<QString>("title");
    QTest::addColumn<bool>("deleted");
    QTest::addColumn<SyncStatus>("status");
    QTest::newRow("a merged version") << QStringLiteral("Merged") << false << SyncStatus::NeedsSync;
    QTest::newRow("exactly theirs") << QStringLiteral("Theirs") << false << SyncStatus::Synced;
    // Defect 8: deleting a conflicted post is this explicit resolution.
    QTest::newRow("a delete over theirs")
            << QStringLiteral("Theirs") << true << SyncStatus::NeedsSync;
}

void TestConflictResolver::resolveWithStoresTheResultOnTopOfTheirs()
{
    QFETCH(QString, title);
    QFETCH(bool, deleted);
    QFETCH(SyncStatus, status);
    const PostFields theirs = post(QStringLiteral("Theirs"), QStringLiteral("theirs\n"));
    const QString guid =
            conflicted(post(QStringLiteral("Base"), QStringLiteral("base\n")),
                       post(QStringLiteral("Mine"), QStringLiteral("mine\n")), theirs, 5);
    const Post before = *m_store->posts().post(guid);
    const merge::Version result{post(title, QStringLiteral("theirs\n")), deleted};
    const auto resolved = m_resolver->resolveWith(guid, result, 5);
    QVERIFY(resolved);
    QCOMPARE(resolved->fields, result.fields);
    QCOMPARE(resolved->deleted, deleted);
    QCOMPARE(resolved->syncStatus, status);
    QCOMPARE(resolved->rev, 5);
    QCOMPARE(resolved->base, theirs);
    QVERIFY(!resolved->theirs);
    QVERIFY(resolved->editCounter > before.editCounter);
}

// Defect 4: theirs was replaced by a sync while the writer looked at the merge; every operation
// then settled against a version nobody saw.
void TestConflictResolver::changedTheirsIsRefusedWithNothingWritten_data()
{
    QTest::addColumn<Operation>("operation");
    QTest::newRow("keep mine") << Operation::KeepMine;
    QTest::newRow("take theirs") << Operation::TakeTheirs;
    QTest::newRow("keep both") << Operation::KeepBoth;
    QTest::newRow("resolve with") << Operation::ResolveWith;
}

void TestConflictResolver::changedTheirsIsRefusedWithNothingWritten()
{
    QFETCH(Operation, operation);
    const QString guid = conflicted(post(QStringLiteral("Base"), QStringLiteral("a\n")),
                                    post(QStringLiteral("Mine"), QStringLiteral("a\n")),
                                    post(QStringLiteral("Theirs"), QStringLiteral("a\n")));
    const qint64 shown = m_resolver->conflict(guid)->theirsRev;
    Revision newer = test::serverRevision(guid, shown + 1, QStringLiteral("Newer"));
    QVERIFY(m_store->sync().markConflicted(guid, newer));
    const Post before = *m_store->posts().post(guid);

    const Result<void> outcome = run(operation, guid, shown);
    QVERIFY(!outcome);
    QCOMPARE(outcome.error().code, ErrorCode::Conflict);
    QVERIFY(outcome.error().message.contains(QLatin1String("review the new merge")));
    QCOMPARE(*m_store->posts().post(guid), before);
    QCOMPARE(postCount(), 1);
    // Shown the new version, the writer can settle it.
    QVERIFY(run(operation, guid, shown + 1));
}

QTEST_GUILESS_MAIN(TestConflictResolver)
#include "tst_conflictresolver.moc"
