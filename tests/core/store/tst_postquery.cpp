// store::isListed() and the SQL listing (PostRepository::page and count) are one rule: for every
// filter and blog, the posts the store lists are exactly those the predicate accepts (issue 12,
// defect 7: the list model dropped conflicted tombstones the Conflicted filter shows).
#include "model/post.h"
#include "store/localstore.h"
#include "store/postquery.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QTest>

#include <algorithm>
#include <memory>

using namespace inkwell;
using namespace inkwell::store;

Q_DECLARE_METATYPE(inkwell::store::PostFilter)
Q_DECLARE_METATYPE(std::optional<QString>)

class TestPostQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listingAndPredicateAgree_data();
    void listingAndPredicateAgree();
    void conflictedTombstoneIsListedOnlyAsAConflict();

private:
    // A synced post of blog at rev 1, titled title.
    QString synced(const QString &blog, const QString &title, model::PublishState state);
    void conflict(const QString &guid, bool deletedThere);

    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    QString m_conflictedTombstone;
    QList<model::Post> m_all;
};

QString TestPostQuery::synced(const QString &blog, const QString &title, model::PublishState state)
{
    const QString guid = model::createGuid();
    model::Revision revision = test::serverRevision(guid, 1, title);
    revision.fields.state = state;
    if (!m_store->sync().upsertFromServer(blog, revision))
        qFatal("the pulled post was refused");
    return guid;
}

void TestPostQuery::conflict(const QString &guid, bool deletedThere)
{
    model::Revision theirs = test::serverRevision(guid, 2, QStringLiteral("theirs"), deletedThere);
    QVERIFY(m_store->sync().markConflicted(guid, theirs));
}

void TestPostQuery::initTestCase()
{
    m_store = std::make_unique<LocalStore>(m_dir.filePath(QStringLiteral("q.db")));
    QVERIFY(m_store->open());
    const auto draft = model::PublishState::Draft;
    const auto published = model::PublishState::Published;
    const QString blog = QStringLiteral("b");
    synced(blog, QStringLiteral("live draft"), draft);
    synced(blog, QStringLiteral("live published"), published);
    synced(QStringLiteral("other"), QStringLiteral("other blog"), published);
    QVERIFY(m_store->posts().create(blog, test::fields(QStringLiteral("new draft"))));
    QVERIFY(m_store->posts().create(QString(), test::fields(QStringLiteral("local only"))));

    const QString syncedTombstone = synced(blog, QStringLiteral("synced tombstone"), draft);
    QVERIFY(m_store->sync().upsertFromServer(
            blog, test::serverRevision(syncedTombstone, 2, QStringLiteral("gone"), true)));
    const QString pendingTombstone = synced(blog, QStringLiteral("pending tombstone"), published);
    QVERIFY(m_store->posts().remove(pendingTombstone));

    const QString conflictedLive = synced(blog, QStringLiteral("conflicted live"), published);
    QVERIFY(m_store->posts().update(conflictedLive, test::fields(QStringLiteral("mine"))));
    conflict(conflictedLive, true);
    m_conflictedTombstone = synced(blog, QStringLiteral("conflicted tombstone"), draft);
    QVERIFY(m_store->posts().remove(m_conflictedTombstone));
    conflict(m_conflictedTombstone, false);

    auto all = test::rawExec(m_store->path(), {QStringLiteral("SELECT count(*) FROM posts")});
    QCOMPARE(all.toInt(), 9);
    const QStringList guids = {syncedTombstone, pendingTombstone, conflictedLive,
                               m_conflictedTombstone};
    for (const QString &guid : guids)
        m_all.append(*m_store->posts().post(guid));
    PostQuery everything;
    everything.limit = 1000;
    m_all += *m_store->posts().page(everything); // the live ones
    std::sort(m_all.begin(), m_all.end(),
              [](const auto &a, const auto &b) { return a.guid < b.guid; });
    m_all.erase(std::unique(m_all.begin(), m_all.end(),
                            [](const auto &a, const auto &b) { return a.guid == b.guid; }),
                m_all.end());
    QCOMPARE(m_all.size(), 9);
}

void TestPostQuery::listingAndPredicateAgree_data()
{
    QTest::addColumn<PostFilter>("filter");
    QTest::addColumn<std::optional<QString>>("blog");
    const QList<QPair<const char *, PostFilter>> filters = {{"all", PostFilter::All},
                                                            {"drafts", PostFilter::Drafts},
                                                            {"published", PostFilter::Published},
                                                            {"conflicted", PostFilter::Conflicted},
                                                            {"deleted", PostFilter::Deleted}};
    const QList<QPair<const char *, std::optional<QString>>> blogs = {
            {"every blog", std::nullopt},
            {"blog b", QStringLiteral("b")},
            {"local only", QString(QLatin1String(""))}};
    for (const auto &filter : filters) {
        for (const auto &blog : blogs)
            QTest::addRow("%s, %s", filter.first, blog.first) << filter.second << blog.second;
    }
}

void TestPostQuery::listingAndPredicateAgree()
{
    QFETCH(PostFilter, filter);
    QFETCH(std::optional<QString>, blog);
    PostQuery query;
    query.filter = filter;
    query.blog = blog;
    query.limit = 1000;
    QStringList expected;
    for (const model::Post &post : std::as_const(m_all)) {
        if (isListed(query, post))
            expected.append(post.guid);
    }
    const auto page = m_store->posts().page(query);
    QVERIFY(page);
    QStringList listed;
    for (const model::Post &post : *page)
        listed.append(post.guid);
    expected.sort();
    listed.sort();
    QCOMPARE(listed, expected);
    QCOMPARE(m_store->posts().count(query).value(), expected.size());
}

void TestPostQuery::conflictedTombstoneIsListedOnlyAsAConflict()
{
    const model::Post tombstone = *m_store->posts().post(m_conflictedTombstone);
    PostQuery query;
    QVERIFY(!isListed(query, tombstone));
    query.filter = PostFilter::Conflicted;
    QVERIFY(isListed(query, tombstone));
}

QTEST_GUILESS_MAIN(TestPostQuery)
#include "tst_postquery.moc"
