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
using inkwell::test::syncedPost;
using model::Post;
using model::PublishState;
using model::SyncStatus;

class TestPostRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createGivesNewNeedsSyncPost();
    void createRefusesInvalidCover();
    void updateBumpsCounterAndSetsNeedsSync();
    void sameFieldsChangeNothing();
    void updateKeepsConflicted();
    void updateOfUnknownOrDeletedPostIsNotFound();
    void removeLeavesHiddenTombstone();
    void removeOfConflictedPostIsRefused_data();
    void removeOfConflictedPostIsRefused();
    void pagesWithOffsetAndKeysetCoverEveryPostOnce_data();
    void pagesWithOffsetAndKeysetCoverEveryPostOnce();
    void filtersSelectPosts_data();
    void filtersSelectPosts();
    void invalidPageIsRefused();
    void countsBySyncStatus();

private:
    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    int m_nextDatabase = 0;
};

void TestPostRepository::init()
{
    m_store = std::make_unique<LocalStore>(
            m_dir.filePath(QStringLiteral("posts%1.db").arg(m_nextDatabase++)));
    QVERIFY(m_store->open());
}

void TestPostRepository::cleanup()
{
    m_store.reset();
}

void TestPostRepository::createGivesNewNeedsSyncPost()
{
    model::PostFields input = fields(QStringLiteral("Title"), QStringLiteral("# Body"));
    input.tags = QStringList{QStringLiteral("z"), QStringLiteral("a")};
    input.state = PublishState::Published;
    input.cover = QString(64, u'c');
    auto post = m_store->posts().create(QStringLiteral("blog"), input);
    QVERIFY(post);
    QVERIFY(model::isValidGuid(post->guid));
    QCOMPARE(post->blog, QStringLiteral("blog"));
    QCOMPARE(post->fields, input);
    QCOMPARE(post->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(post->editCounter, 1);
    QCOMPARE(post->rev, 0);
    QVERIFY(!post->base);
    QVERIFY(!post->theirs);
    QVERIFY(post->createdAt.isValid());
    QCOMPARE(post->modifiedAt, post->createdAt);
    QCOMPARE(*m_store->posts().post(post->guid), *post);
    QVERIFY(m_store->posts().create(QString(), input)->guid != post->guid);
}

void TestPostRepository::createRefusesInvalidCover()
{
    model::PostFields input = fields(QStringLiteral("x"));
    input.cover = QStringLiteral("../../etc/passwd");
    QCOMPARE(m_store->posts().create(QString(), input).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), 0);
}

void TestPostRepository::updateBumpsCounterAndSetsNeedsSync()
{
    const Post before = syncedPost(*m_store, QStringLiteral("old"));
    QCOMPARE(before.syncStatus, SyncStatus::Synced);
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    auto after = m_store->posts().update(before.guid, fields(QStringLiteral("new")));
    QVERIFY(after);
    QCOMPARE(after->fields.title, QStringLiteral("new"));
    QCOMPARE(after->editCounter, before.editCounter + 1);
    QCOMPARE(after->syncStatus, SyncStatus::NeedsSync);
    QVERIFY(after->modifiedAt >= before.modifiedAt);
    QCOMPARE(after->rev, before.rev);
    QCOMPARE(after->base, before.base); // base moves only with the server
    QCOMPARE(*m_store->posts().post(before.guid), *after);
    QCOMPARE(changed.count(), 1);
}

void TestPostRepository::sameFieldsChangeNothing()
{
    const Post before = syncedPost(*m_store, QStringLiteral("same"));
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    auto after = m_store->posts().update(before.guid, before.fields);
    QVERIFY(after);
    QCOMPARE(*after, before);
    QCOMPARE(*m_store->posts().post(before.guid), before);
    QCOMPARE(changed.count(), 0);
}

void TestPostRepository::updateKeepsConflicted()
{
    const Post post = syncedPost(*m_store, QStringLiteral("mine"));
    model::Revision theirs;
    theirs.rev = 2;
    theirs.fields = fields(QStringLiteral("theirs"));
    QVERIFY(m_store->sync().markConflicted(post.guid, theirs));
    auto edited = m_store->posts().update(post.guid, fields(QStringLiteral("mine, edited")));
    QCOMPARE(edited->syncStatus, SyncStatus::Conflicted);
    QCOMPARE(edited->theirs->fields.title, QStringLiteral("theirs"));
    QCOMPARE(edited->editCounter, post.editCounter + 1);
}

void TestPostRepository::updateOfUnknownOrDeletedPostIsNotFound()
{
    QCOMPARE(m_store->posts().update(model::createGuid(), fields(QStringLiteral("x"))).error().code,
             ErrorCode::NotFound);
    auto post = m_store->posts().create(QString(), fields(QStringLiteral("x")));
    QVERIFY(m_store->posts().remove(post->guid));
    QCOMPARE(m_store->posts().update(post->guid, fields(QStringLiteral("y"))).error().code,
             ErrorCode::NotFound);
    QCOMPARE(m_store->posts().remove(model::createGuid()).error().code, ErrorCode::NotFound);
}

void TestPostRepository::removeLeavesHiddenTombstone()
{
    const Post post = syncedPost(*m_store, QStringLiteral("doomed"));
    const Post other = syncedPost(*m_store, QStringLiteral("survivor"));
    QSignalSpy changed(m_store.get(), &LocalStore::postsChanged);
    QVERIFY(m_store->posts().remove(post.guid));
    auto tombstone = m_store->posts().post(post.guid);
    QVERIFY(tombstone);
    QVERIFY(tombstone->deleted);
    QCOMPARE(tombstone->syncStatus, SyncStatus::NeedsSync);
    QCOMPARE(tombstone->editCounter, post.editCounter + 1);
    QCOMPARE(changed.count(), 1);

    auto listed = m_store->posts().page(PostQuery());
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->at(0).guid, other.guid);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), 1);
    QVERIFY(m_store->posts().search(QStringLiteral("doomed"), PostQuery())->isEmpty());

    QVERIFY(m_store->posts().remove(post.guid)); // again: nothing changes
    QCOMPARE(m_store->posts().post(post.guid)->editCounter, tombstone->editCounter);
    QCOMPARE(changed.count(), 1);
}

// Issue 12, defect 8: deleting a conflicted post resolved it as a delete over theirs without
// asking; that is now an explicit ConflictResolver::resolveWith() of a deleted result.
void TestPostRepository::removeOfConflictedPostIsRefused_data()
{
    QTest::addColumn<bool>("deletedHere");
    QTest::newRow("live conflicted post") << false;
    QTest::newRow("conflicted tombstone") << true;
}

void TestPostRepository::removeOfConflictedPostIsRefused()
{
    QFETCH(bool, deletedHere);
    const Post post = syncedPost(*m_store, QStringLiteral("mine"));
    if (deletedHere)
        QVERIFY(m_store->posts().remove(post.guid));
    model::Revision theirs;
    theirs.rev = 7;
    theirs.fields = fields(QStringLiteral("theirs"));
    QVERIFY(m_store->sync().markConflicted(post.guid, theirs));
    const Post before = *m_store->posts().post(post.guid);
    const auto removed = m_store->posts().remove(post.guid);
    QVERIFY(!removed);
    QCOMPARE(removed.error().code, ErrorCode::Conflict);
    QVERIFY(removed.error().message.contains(QLatin1String("resolve the conflict first")));
    QCOMPARE(*m_store->posts().post(post.guid), before);
}

void TestPostRepository::pagesWithOffsetAndKeysetCoverEveryPostOnce_data()
{
    QTest::addColumn<bool>("keyset");
    QTest::addColumn<int>("pageSize");
    QTest::newRow("offset, 7 per page") << false << 7;
    QTest::newRow("keyset, 7 per page") << true << 7;
    QTest::newRow("keyset, 1 per page") << true << 1;
}

void TestPostRepository::pagesWithOffsetAndKeysetCoverEveryPostOnce()
{
    QFETCH(bool, keyset);
    QFETCH(int, pageSize);
    QStringList guids;
    for (int i = 0; i < 30; ++i) // many share a millisecond: the guid breaks ties
        guids << m_store->posts().create(QString(), fields(QString::number(i)))->guid;
    QVERIFY(m_store->posts().remove(guids.takeAt(5)));

    auto all = m_store->posts().page(PostQuery{PostFilter::All, std::nullopt, 1000, 0, {}});
    QCOMPARE(all->size(), guids.size());
    for (qsizetype i = 1; i < all->size(); ++i) {
        const Post &newer = all->at(i - 1);
        const Post &older = all->at(i);
        QVERIFY(newer.modifiedAt > older.modifiedAt
                || (newer.modifiedAt == older.modifiedAt && newer.guid > older.guid));
    }

    QStringList paged;
    PostQuery query;
    query.limit = pageSize;
    for (int round = 0; round < 100; ++round) {
        auto page = m_store->posts().page(query);
        QVERIFY(page);
        if (page->isEmpty())
            break;
        for (const Post &post : *page)
            paged << post.guid;
        if (keyset)
            query.after = PageKey::of(page->last());
        else
            query.offset += pageSize;
    }
    QStringList expected;
    for (const Post &post : *all)
        expected << post.guid;
    QCOMPARE(paged, expected);
}

void TestPostRepository::filtersSelectPosts_data()
{
    QTest::addColumn<int>("filter");
    QTest::addColumn<std::optional<QString>>("blog");
    QTest::addColumn<QStringList>("titles");
    QTest::newRow("all") << int(PostFilter::All) << std::optional<QString>()
                         << QStringList{QStringLiteral("conflicted"), QStringLiteral("local"),
                                        QStringLiteral("published"), QStringLiteral("draft")};
    QTest::newRow("drafts") << int(PostFilter::Drafts) << std::optional<QString>()
                            << QStringList{QStringLiteral("conflicted"), QStringLiteral("local"),
                                           QStringLiteral("draft")};
    QTest::newRow("published") << int(PostFilter::Published) << std::optional<QString>()
                               << QStringList{QStringLiteral("published")};
    QTest::newRow("conflicted") << int(PostFilter::Conflicted) << std::optional<QString>()
                                << QStringList{QStringLiteral("conflicted")};
    QTest::newRow("local-only posts") << int(PostFilter::All) << std::optional<QString>(QString())
                                      << QStringList{QStringLiteral("local")};
    QTest::newRow("drafts of a blog")
            << int(PostFilter::Drafts) << std::optional<QString>(QStringLiteral("b"))
            << QStringList{QStringLiteral("conflicted"), QStringLiteral("draft")};
}

void TestPostRepository::filtersSelectPosts()
{
    QFETCH(int, filter);
    QFETCH(std::optional<QString>, blog);
    QFETCH(QStringList, titles);
    QVERIFY(m_store->posts().create(QStringLiteral("b"), fields(QStringLiteral("draft"))));
    model::PostFields published = fields(QStringLiteral("published"));
    published.state = PublishState::Published;
    QVERIFY(m_store->posts().create(QStringLiteral("b"), published));
    QVERIFY(m_store->posts().create(QString(), fields(QStringLiteral("local"))));
    const Post conflicted = syncedPost(*m_store, QStringLiteral("conflicted"));
    QVERIFY(m_store->sync().markConflicted(conflicted.guid, model::Revision{}));
    auto dead = m_store->posts().create(QStringLiteral("b"), fields(QStringLiteral("deleted")));
    QVERIFY(m_store->posts().remove(dead->guid));

    PostQuery query;
    query.filter = PostFilter(filter);
    query.blog = blog;
    auto page = m_store->posts().page(query);
    QVERIFY(page);
    QStringList listed;
    for (const Post &post : *page)
        listed << post.fields.title;
    listed.sort();
    titles.sort();
    QCOMPARE(listed, titles);
    QCOMPARE(m_store->posts().count(query).value(), titles.size());
}

void TestPostRepository::invalidPageIsRefused()
{
    for (auto [limit, offset] : {std::pair{0, 0}, std::pair{1001, 0}, std::pair{10, -1}}) {
        PostQuery query;
        query.limit = limit;
        query.offset = offset;
        QCOMPARE(m_store->posts().page(query).error().code, ErrorCode::InvalidArgument);
        QCOMPARE(m_store->posts().search(QStringLiteral("x"), query).error().code,
                 ErrorCode::InvalidArgument);
    }
}

void TestPostRepository::countsBySyncStatus()
{
    QVERIFY(m_store->posts().create(QStringLiteral("b"), fields(QStringLiteral("new"))));
    QVERIFY(m_store->posts().create(QStringLiteral("other"), fields(QStringLiteral("new"))));
    const Post a = syncedPost(*m_store, QStringLiteral("a"));
    syncedPost(*m_store, QStringLiteral("b"));
    const Post c = syncedPost(*m_store, QStringLiteral("c"));
    QVERIFY(m_store->sync().markConflicted(c.guid, model::Revision{}));
    QVERIFY(m_store->posts().remove(a.guid)); // a pending deletion counts as NeedsSync
    // d: deleted here while another writer edited it; a conflict, and a decision to make
    const Post d = syncedPost(*m_store, QStringLiteral("d"));
    QVERIFY(m_store->posts().remove(d.guid));
    model::Revision edited;
    edited.guid = d.guid;
    edited.rev = d.rev + 1;
    edited.fields = fields(QStringLiteral("e"));
    QVERIFY(m_store->sync().markConflicted(d.guid, edited));
    QVERIFY(m_store->posts().post(d.guid)->deleted);

    QCOMPARE(*m_store->posts().counts(), (StatusCounts{0, 3, 2}));
    QCOMPARE(*m_store->posts().counts(QStringLiteral("b")), (StatusCounts{0, 2, 2}));
    QCOMPARE(*m_store->posts().counts(QStringLiteral("none")), StatusCounts{});
    // Counted on request: b (live, synced); a and d are deleted
    const auto withSynced = store::PostRepository::CountSynced::Yes;
    QCOMPARE(*m_store->posts().counts(std::nullopt, withSynced), (StatusCounts{1, 3, 2}));
    QCOMPARE(*m_store->posts().counts(QStringLiteral("b"), withSynced), (StatusCounts{1, 2, 2}));
}

QTEST_GUILESS_MAIN(TestPostRepository)
#include "tst_postrepository.moc"
