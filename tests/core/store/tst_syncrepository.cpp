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
using model::Post;
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

class TestSyncRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pendingPostsListsEveryNeedsSyncPostOfTheBlog();
    void acknowledgeClearsNeedsSyncWhenUnchanged();
    void acknowledgeKeepsNeedsSyncWhenEditedMeanwhile();
    void acknowledgeOfUnknownPostIsNotFound();
    void upsertInsertsAndUpdatesSyncedPosts();
    void upsertIgnoresOldRevisions();
    void upsertNeverOverwritesPendingEdit();
    void upsertOfDeletedPostHidesIt();
    void markConflictedKeepsMineAndStoresTheirs();
    void applyMergeBuildsOnTheirs();
    void applyMergeStoresADelete_data();
    void applyMergeStoresADelete();
    void conflictedPostsIncludeDeletesThatMetAnEdit();
    void pulledPageAndCursorCommitTogether();
    void cursorsArePerServerAndBlog();
    void postErrorIsRecordedAndCleared();
    void baseIsStoredOnlyWhenItDiffersFromTheFields();
    void acknowledgedPushIsTheBaseWhetherOrNotItIsKnownToBeThePushedFields_data();
    void acknowledgedPushIsTheBaseWhetherOrNotItIsKnownToBeThePushedFields();

private:
    // The stored base of guid: "FIELDS" when post_sync says it is the post's fields, else
    // "NULL" or the JSON text of posts.base.
    QString storedBase(const QString &guid)
    {
        return test::rawExec(m_store->path(),
                             {QStringLiteral("SELECT CASE WHEN s.base_is_fields THEN 'FIELDS' "
                                             "ELSE coalesce(p.base, 'NULL') END FROM posts p "
                                             "JOIN post_sync s ON s.id = p.id WHERE p.guid = '%1'")
                                      .arg(guid)})
                .toString();
    }
    // The posts.base column of guid as it is in the file ("NULL" or JSON), read or not.
    QString baseColumn(const QString &guid)
    {
        return test::rawExec(m_store->path(),
                             {QStringLiteral("SELECT coalesce(base, 'NULL') FROM posts "
                                             "WHERE guid = '%1'")
                                      .arg(guid)})
                .toString();
    }

    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    int m_next = 0;
};

void TestSyncRepository::init()
{
    m_store = std::make_unique<LocalStore>(m_dir.filePath(QStringLiteral("s%1.db").arg(m_next++)));
    QVERIFY(m_store->open());
}

void TestSyncRepository::cleanup()
{
    m_store.reset();
}

void TestSyncRepository::pendingPostsListsEveryNeedsSyncPostOfTheBlog()
{
    auto created = m_store->posts().create(blog, fields(QStringLiteral("new")));
    auto doomed = m_store->posts().create(blog, fields(QStringLiteral("doomed")));
    QVERIFY(m_store->posts().remove(doomed->guid));
    QVERIFY(m_store->posts().create(QStringLiteral("other"), fields(QStringLiteral("elsewhere"))));
    QVERIFY(m_store->sync().upsertFromServer(
            blog, revision(model::createGuid(), 3, QStringLiteral("synced"))));

    auto pending = m_store->sync().pendingPosts(blog);
    QVERIFY(pending);
    QCOMPARE(pending->size(), 2);
    QCOMPARE(pending->at(0).guid, created->guid);
    QCOMPARE(pending->at(0).editCounter, 1);
    QVERIFY(!pending->at(0).base);
    QCOMPARE(pending->at(1).guid, doomed->guid);
    QVERIFY(pending->at(1).deleted);
    QCOMPARE(pending->at(1).editCounter, 2);
}

void TestSyncRepository::acknowledgeClearsNeedsSyncWhenUnchanged()
{
    auto post = m_store->posts().create(blog, fields(QStringLiteral("mine")));
    QVERIFY(m_store->sync().setPostError(post->guid, QStringLiteral("earlier failure")));
    Revision agreed = revision(post->guid, 5, QStringLiteral("mine"));
    agreed.fields = post->fields;
    auto outcome = m_store->sync().acknowledgePushes({{agreed, post->editCounter}});
    QCOMPARE(*outcome, QList<PushOutcome>{PushOutcome::Synced});
    auto after = m_store->posts().post(post->guid);
    QCOMPARE(after->syncStatus, SyncStatus::Synced);
    QCOMPARE(after->rev, 5);
    QCOMPARE(after->base, post->fields);
    QCOMPARE(after->fields, post->fields);
    QCOMPARE(after->editCounter, post->editCounter);
    QCOMPARE(after->createdBy, QStringLiteral("ann"));
    QCOMPARE(after->modifiedBy, QStringLiteral("bob"));
    QCOMPARE(after->lastError, QString());
    QVERIFY(m_store->sync().pendingPosts(blog)->isEmpty());
}

void TestSyncRepository::acknowledgeKeepsNeedsSyncWhenEditedMeanwhile()
{
    auto pushed = m_store->posts().create(blog, fields(QStringLiteral("pushed")));
    // The writer types while the push is in flight.
    auto edited = m_store->posts().update(pushed->guid, fields(QStringLiteral("typed since")));
    Revision agreed = revision(pushed->guid, 8, QString());
    agreed.fields = pushed->fields;
    QCOMPARE(*m_store->sync().acknowledgePushes({{agreed, pushed->editCounter}}),
             QList<PushOutcome>{PushOutcome::StillPending});
    auto after = m_store->posts().post(pushed->guid);
    QCOMPARE(after->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(after->fields.title, QStringLiteral("typed since"));
    QCOMPARE(after->editCounter, edited->editCounter);
    QCOMPARE(after->rev, 8); // the next push has base_rev 8
    QCOMPARE(after->base, pushed->fields);
    auto pending = m_store->sync().pendingPosts(blog);
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->at(0).rev, 8);
}

void TestSyncRepository::acknowledgeOfUnknownPostIsNotFound()
{
    auto outcome =
            m_store->sync().acknowledgePushes({{revision(model::createGuid(), 1, QString()), 1}});
    QCOMPARE(outcome.error().code, ErrorCode::NotFound);
}

void TestSyncRepository::upsertInsertsAndUpdatesSyncedPosts()
{
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    const QString guid = model::createGuid();
    QCOMPARE(*m_store->sync().upsertFromServer(blog, revision(guid, 2, QStringLiteral("first"))),
             PullOutcome::Applied);
    auto post = m_store->posts().post(guid);
    QCOMPARE(post->blog, blog);
    QCOMPARE(post->fields.title, QStringLiteral("first"));
    QCOMPARE(post->base, post->fields);
    QCOMPARE(post->rev, 2);
    QCOMPARE(post->syncStatus, SyncStatus::Synced);
    QCOMPARE(post->editCounter, 0);
    QCOMPARE(post->modifiedBy, QStringLiteral("bob"));
    QCOMPARE(post->modifiedAt, revision(guid, 2, QString()).modifiedAt);

    QCOMPARE(*m_store->sync().upsertFromServer(blog, revision(guid, 4, QStringLiteral("second"))),
             PullOutcome::Applied);
    post = m_store->posts().post(guid);
    QCOMPARE(post->fields.title, QStringLiteral("second"));
    QCOMPARE(post->base->title, QStringLiteral("second"));
    QCOMPARE(post->rev, 4);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(m_store->sync()
                     .upsertFromServer(QStringLiteral("other blog"), revision(guid, 5, QString()))
                     .error()
                     .code,
             ErrorCode::InvalidArgument);
}

void TestSyncRepository::upsertIgnoresOldRevisions()
{
    const QString guid = model::createGuid();
    QVERIFY(m_store->sync().upsertFromServer(blog, revision(guid, 6, QStringLiteral("new"))));
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    QCOMPARE(*m_store->sync().upsertFromServer(blog, revision(guid, 6, QStringLiteral("same rev"))),
             PullOutcome::Unchanged);
    QCOMPARE(*m_store->sync().upsertFromServer(blog, revision(guid, 3, QStringLiteral("older"))),
             PullOutcome::Unchanged);
    QCOMPARE(m_store->posts().post(guid)->fields.title, QStringLiteral("new"));
    QCOMPARE(changed.count(), 0);
}

void TestSyncRepository::upsertNeverOverwritesPendingEdit()
{
    const QString guid = model::createGuid();
    QVERIFY(m_store->sync().upsertFromServer(blog, revision(guid, 1, QStringLiteral("base"))));
    auto mine = m_store->posts().update(guid, fields(QStringLiteral("my edit")));
    QCOMPARE(*m_store->sync().upsertFromServer(blog, revision(guid, 2, QStringLiteral("theirs"))),
             PullOutcome::LocalChangesPending);
    QCOMPARE(*m_store->posts().post(guid), *mine);
}

void TestSyncRepository::upsertOfDeletedPostHidesIt()
{
    const QString guid = model::createGuid();
    QVERIFY(m_store->sync().upsertFromServer(blog, revision(guid, 1, QStringLiteral("soon gone"))));
    QVERIFY(m_store->sync().upsertFromServer(blog,
                                             revision(guid, 2, QStringLiteral("soon gone"), true)));
    QVERIFY(m_store->posts().post(guid)->deleted);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), 0);
    QVERIFY(m_store->posts().search(QStringLiteral("gone"), PostQuery())->isEmpty());
    QVERIFY(m_store->sync().pendingPosts(blog)->isEmpty());
}

void TestSyncRepository::markConflictedKeepsMineAndStoresTheirs()
{
    const QString guid = model::createGuid();
    QVERIFY(m_store->sync().upsertFromServer(blog, revision(guid, 1, QStringLiteral("base"))));
    auto mine = m_store->posts().update(guid, fields(QStringLiteral("mine")));
    const Revision theirs = revision(guid, 2, QStringLiteral("theirs"));
    QVERIFY(m_store->sync().markConflicted(guid, theirs));
    auto post = m_store->posts().post(guid);
    QCOMPARE(post->syncStatus, SyncStatus::Conflicted);
    QCOMPARE(post->fields, mine->fields);
    QCOMPARE(post->base->title, QStringLiteral("base"));
    QCOMPARE(post->rev, 1);
    QCOMPARE(*post->theirs, theirs); // with rev, deleted and metadata
    QVERIFY(m_store->sync().pendingPosts(blog)->isEmpty());
    PostQuery conflicted;
    conflicted.filter = PostFilter::Conflicted;
    QCOMPARE(m_store->posts().page(conflicted)->size(), 1);
}

void TestSyncRepository::applyMergeBuildsOnTheirs()
{
    const QString guid = model::createGuid();
    QVERIFY(m_store->sync().upsertFromServer(blog, revision(guid, 1, QStringLiteral("base"))));
    auto mine = m_store->posts().update(guid, fields(QStringLiteral("mine")));
    const Revision theirs = revision(guid, 2, QStringLiteral("theirs"));
    auto merged = m_store->sync().applyMerge(theirs, {fields(QStringLiteral("merged")), false});
    QVERIFY(merged);
    QCOMPARE(merged->fields.title, QStringLiteral("merged"));
    QCOMPARE(merged->base, theirs.fields);
    QCOMPARE(merged->rev, 2);
    QCOMPARE(merged->syncStatus, SyncStatus::NeedsSync);
    QVERIFY(merged->editCounter > mine->editCounter);
    // Merging into exactly their version leaves nothing to push.
    const Revision again = revision(guid, 3, QStringLiteral("again"));
    QCOMPARE(m_store->sync().applyMerge(again, {again.fields, false})->syncStatus,
             SyncStatus::Synced);
}

// Issue 12, defect 1: a clean merge whose result is a delete was refused, which failed the whole
// sync answer on every retry.
void TestSyncRepository::applyMergeStoresADelete_data()
{
    QTest::addColumn<bool>("theirsDeleted");
    QTest::addColumn<bool>("expectedDeleted");
    QTest::addColumn<SyncStatus>("expectedStatus");
    QTest::addColumn<QString>("expectedTitle");
    QTest::newRow("they deleted: their tombstone, synced")
            << true << true << SyncStatus::Synced << QStringLiteral("theirs");
    QTest::newRow("I deleted, they did not edit: my delete, to push")
            << false << true << SyncStatus::NeedsSync << QStringLiteral("mine");
}

void TestSyncRepository::applyMergeStoresADelete()
{
    QFETCH(bool, theirsDeleted);
    QFETCH(bool, expectedDeleted);
    QFETCH(SyncStatus, expectedStatus);
    QFETCH(QString, expectedTitle);
    const QString guid = model::createGuid();
    QVERIFY(m_store->sync().upsertFromServer(blog, revision(guid, 1, QStringLiteral("mine"))));
    const Revision theirs = revision(guid, 4, QStringLiteral("theirs"), theirsDeleted);
    QVERIFY(m_store->sync().applyMerge(theirs, {fields(QStringLiteral("mine")), true}));
    const auto stored = m_store->posts().post(guid);
    QCOMPARE(stored->deleted, expectedDeleted);
    QCOMPARE(stored->syncStatus, expectedStatus);
    QCOMPARE(stored->fields.title, expectedTitle);
    QCOMPARE(stored->rev, 4);
    QCOMPARE(stored->base, theirs.fields);
    QVERIFY(!stored->theirs);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), 0);
    QCOMPARE(m_store->sync().pendingPosts(blog)->size(),
             expectedStatus == SyncStatus::NeedsSync ? 1 : 0);
}

void TestSyncRepository::conflictedPostsIncludeDeletesThatMetAnEdit()
{
    const QString edited = model::createGuid();
    const QString deleted = model::createGuid();
    const QString elsewhere = model::createGuid();
    for (const QString &guid : {edited, deleted})
        QVERIFY(m_store->sync().upsertFromServer(blog, revision(guid, 1, QStringLiteral("base"))));
    QVERIFY(m_store->sync().upsertFromServer(QStringLiteral("b2"),
                                             revision(elsewhere, 1, QString())));
    QVERIFY(m_store->posts().update(edited, fields(QStringLiteral("mine"))));
    QVERIFY(m_store->posts().remove(deleted)); // my delete ...
    QVERIFY(m_store->sync().markConflicted(edited, revision(edited, 2, QStringLiteral("theirs"))));
    QVERIFY(m_store->sync().markConflicted(deleted, revision(deleted, 2, QStringLiteral("edit"))));
    QVERIFY(m_store->sync().markConflicted(elsewhere, revision(elsewhere, 2, QString())));

    auto conflicts = m_store->sync().conflictedPosts(blog);
    QVERIFY(conflicts);
    QStringList guids;
    for (const Post &post : *conflicts)
        guids << post.guid;
    QCOMPARE(guids, (QStringList{edited, deleted}));
    QVERIFY(conflicts->at(1).deleted); // ... met their edit: listed although a tombstone
    QCOMPARE(m_store->sync().conflictedPosts()->size(), 3);
}

void TestSyncRepository::pulledPageAndCursorCommitTogether()
{
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    const QStringList guids{model::createGuid(), model::createGuid()};
    auto applyPage = [&](bool failAtEnd) {
        return m_store->write([&]() -> Result<void> {
            qint64 rev = 10;
            for (const QString &guid : guids) {
                auto applied = m_store->sync().upsertFromServer(blog, revision(guid, rev++, guid));
                if (!applied)
                    return applied.error();
            }
            if (auto cursor = m_store->sync().setCursor(server, blog, rev); !cursor)
                return cursor;
            if (failAtEnd)
                return Error{ErrorCode::Network, QStringLiteral("connection lost")};
            return {};
        });
    };
    QCOMPARE(applyPage(true).error().code, ErrorCode::Network);
    QCOMPARE(*m_store->sync().cursor(server, blog), 0);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), 0);
    QCOMPARE(changed.count(), 0);

    QVERIFY(applyPage(false));
    QCOMPARE(*m_store->sync().cursor(server, blog), 12);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), 2);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toStringList(), guids);
}

void TestSyncRepository::cursorsArePerServerAndBlog()
{
    QCOMPARE(*m_store->sync().cursor(server, blog), 0);
    QVERIFY(m_store->sync().setCursor(server, blog, 5));
    QVERIFY(m_store->sync().setCursor(server, QStringLiteral("b2"), 9));
    QVERIFY(m_store->sync().setCursor(QStringLiteral("https://other"), blog, 1));
    QVERIFY(m_store->sync().setCursor(server, blog, 7));
    QCOMPARE(*m_store->sync().cursor(server, blog), 7);
    QCOMPARE(*m_store->sync().cursor(server, QStringLiteral("b2")), 9);
    QCOMPARE(*m_store->sync().cursor(QStringLiteral("https://other"), blog), 1);
    QCOMPARE(m_store->sync().setCursor(server, blog, -1).error().code, ErrorCode::InvalidArgument);

    auto pending = m_store->posts().create(blog, fields(QStringLiteral("pending")));
    QVERIFY(m_store->sync().resetCursor(server, blog));
    QCOMPARE(*m_store->sync().cursor(server, blog), 0);
    QCOMPARE(*m_store->sync().cursor(server, QStringLiteral("b2")), 9);
    QCOMPARE(m_store->sync().pendingPosts(blog)->size(), 1); // pending edits survive a resync
}

void TestSyncRepository::postErrorIsRecordedAndCleared()
{
    auto post = m_store->posts().create(blog, fields(QStringLiteral("x")));
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    QVERIFY(m_store->sync().setPostError(post->guid, QStringLiteral("rejected: too large")));
    QCOMPARE(m_store->posts().post(post->guid)->lastError, QStringLiteral("rejected: too large"));
    QCOMPARE(m_store->posts().post(post->guid)->editCounter, post->editCounter);
    QVERIFY(m_store->sync().setPostError(post->guid, QString()));
    QCOMPARE(m_store->posts().post(post->guid)->lastError, QString());
    QCOMPARE(changed.count(), 2);
    QCOMPARE(m_store->sync().setPostError(model::createGuid(), QStringLiteral("x")).error().code,
             ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestSyncRepository)
#include "tst_syncrepository.moc"

void TestSyncRepository::baseIsStoredOnlyWhenItDiffersFromTheFields()
{
    // Pulled: synced at rev 4, base = fields, stored once (the flag in post_sync, base NULL).
    const Revision pulled = revision(model::createGuid(), 4, QStringLiteral("pulled"));
    QVERIFY(m_store->sync().upsertPageFromServer(blog, {pulled}));
    QCOMPARE(storedBase(pulled.guid), QStringLiteral("FIELDS"));
    QCOMPARE(baseColumn(pulled.guid), QStringLiteral("NULL"));
    QCOMPARE(m_store->posts().post(pulled.guid)->base, pulled.fields);

    // A local edit moves the fields away: the base (the pulled fields) is stored with it.
    const auto edited = m_store->posts().update(pulled.guid, fields(QStringLiteral("edited")));
    QVERIFY(edited);
    QVERIFY(storedBase(pulled.guid).contains(QStringLiteral("body of pulled")));
    auto read = m_store->posts().post(pulled.guid);
    QCOMPARE(read->base, pulled.fields);
    QCOMPARE(read->fields.title, QStringLiteral("edited"));

    // Acknowledged with no edit since: synced again at rev 5, base = fields once more. Only the
    // post_sync row is written: the posts row keeps the old base, which is no longer read.
    Revision agreed = revision(pulled.guid, 5, QString());
    agreed.fields = edited->fields;
    QCOMPARE(m_store->sync().acknowledgePushes({{agreed, edited->editCounter}})->value(0),
             PushOutcome::Synced);
    QCOMPARE(storedBase(pulled.guid), QStringLiteral("FIELDS"));
    QVERIFY(baseColumn(pulled.guid).contains(QStringLiteral("body of pulled")));
    QCOMPARE(m_store->posts().post(pulled.guid)->base, edited->fields);

    // Acknowledged after another edit: the agreed fields are the base, stored as JSON.
    const auto pushed = m_store->posts().update(pulled.guid, fields(QStringLiteral("pushed")));
    // The edit stored the base it moved away from (the acknowledged fields), not the old one.
    QVERIFY(storedBase(pulled.guid).contains(QStringLiteral("\"edited\"")));
    const auto typed = m_store->posts().update(pulled.guid, fields(QStringLiteral("typed")));
    agreed.rev = 6;
    agreed.fields = pushed->fields;
    QCOMPARE(m_store->sync().acknowledgePushes({{agreed, pushed->editCounter}})->value(0),
             PushOutcome::StillPending);
    QVERIFY(storedBase(pulled.guid).contains(QStringLiteral("\"pushed\"")));
    read = m_store->posts().post(pulled.guid);
    QCOMPARE(read->base, pushed->fields);
    QCOMPARE(read->fields, typed->fields);

    // A post never synced has no base at all (rev 0, NULL).
    const auto local = m_store->posts().create(blog, fields(QStringLiteral("local")));
    QCOMPARE(storedBase(local->guid), QStringLiteral("NULL"));
    QVERIFY(!m_store->posts().post(local->guid)->base);
}

void TestSyncRepository::acknowledgedPushIsTheBaseWhetherOrNotItIsKnownToBeThePushedFields_data()
{
    QTest::addColumn<bool>("agreedIsPushed");
    QTest::newRow("compared with the post") << false;
    QTest::newRow("known to be the pushed fields") << true;
}

// The sync engine says when the agreed fields are the ones it pushed (agreedIsPushed): while
// the post is unedited they are then taken as its own without reading it; once it was edited,
// they are stored as its base like any other agreed fields.
void TestSyncRepository::acknowledgedPushIsTheBaseWhetherOrNotItIsKnownToBeThePushedFields()
{
    QFETCH(bool, agreedIsPushed);
    const Revision pulled = revision(model::createGuid(), 4, QStringLiteral("pulled"));
    QVERIFY(m_store->sync().upsertPageFromServer(blog, {pulled}));

    const auto pushed = m_store->posts().update(pulled.guid, fields(QStringLiteral("pushed")));
    Revision agreed = revision(pulled.guid, 5, QString());
    agreed.fields = pushed->fields;
    QCOMPARE(m_store->sync()
                     .acknowledgePushes({{agreed, pushed->editCounter, agreedIsPushed}})
                     ->value(0),
             PushOutcome::Synced);
    QCOMPARE(storedBase(pulled.guid), QStringLiteral("FIELDS"));
    auto read = m_store->posts().post(pulled.guid);
    QCOMPARE(read->syncStatus, SyncStatus::Synced);
    QCOMPARE(read->rev, 5);
    QCOMPARE(read->base, pushed->fields);
    QCOMPARE(read->modifiedBy, QStringLiteral("bob"));

    // Typed while the next push was in flight: its fields are the base, the typing stays.
    const auto next = m_store->posts().update(pulled.guid, fields(QStringLiteral("next")));
    const auto typed = m_store->posts().update(pulled.guid, fields(QStringLiteral("typed")));
    agreed.rev = 6;
    agreed.fields = next->fields;
    QCOMPARE(m_store->sync()
                     .acknowledgePushes({{agreed, next->editCounter, agreedIsPushed}})
                     ->value(0),
             PushOutcome::StillPending);
    QVERIFY(storedBase(pulled.guid).contains(QStringLiteral("\"next\"")));
    read = m_store->posts().post(pulled.guid);
    QCOMPARE(read->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(read->rev, 6);
    QCOMPARE(read->base, next->fields);
    QCOMPARE(read->fields, typed->fields);
}
