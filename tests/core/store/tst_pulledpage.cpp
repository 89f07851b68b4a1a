// A pulled page, small or large, in one batch: search finds every post, the FTS5 index matches the
// table and its insert trigger keeps working, a post kept in another blog is left as it is while
// the rest of the page is stored, and a failing page leaves no trace.
#include "model/post.h"
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
using model::Revision;

namespace {

const QString blog = QStringLiteral("blog");

// Every match, not just the first page.
PostQuery everything()
{
    PostQuery query;
    query.limit = 1000;
    return query;
}

Revision revision(const QString &guid, qint64 rev, const QString &title, bool deleted = false)
{
    Revision result;
    result.guid = guid;
    result.rev = rev;
    result.deleted = deleted;
    result.fields = test::fields(title, QStringLiteral("body word") + QString::number(rev));
    return result;
}

// A page of count new live posts titled "bulk <n>", revs from firstRev on.
QList<Revision> newPosts(int count, qint64 firstRev)
{
    QList<Revision> page;
    for (int i = 0; i < count; ++i)
        page.append(revision(model::createGuid(), firstRev + i,
                             QStringLiteral("bulk %1").arg(firstRev + i)));
    return page;
}

} // namespace

class TestPulledPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<test::TempDir>();
        m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("page.db")));
        QVERIFY(m_store->open());
    }
    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void everyPulledPostIsFoundAndTheIndexMatches_data() { pageSizes_data(); }
    void everyPulledPostIsFoundAndTheIndexMatches()
    {
        QFETCH(int, count);
        const QString known = model::createGuid();
        QVERIFY(m_store->sync().upsertPageFromServer(blog,
                                                     {revision(known, 1, QStringLiteral("old"))}));
        QList<Revision> page = newPosts(count, 10);
        const QString ghost = model::createGuid();
        page.insert(3, revision(ghost, 5, QStringLiteral("ghost"), true)); // never had it
        page.append(revision(known, 9000, QStringLiteral("renamed"))); // a known post, newer
        page.append(revision(page.at(0).guid, 9001, QStringLiteral("twice"))); // same page again
        auto outcomes = m_store->sync().upsertPageFromServer(blog, page);
        QVERIFY(outcomes);
        QCOMPARE(outcomes->size(), page.size());
        QCOMPARE(outcomes->at(3), PullOutcome::Unchanged);
        QCOMPARE(outcomes->count(PullOutcome::Applied), page.size() - 1);

        QCOMPARE(m_store->posts().search(QStringLiteral("bulk"), everything())->size(), count - 1);
        QCOMPARE(m_store->posts().search(QStringLiteral("twice"), everything())->size(), 1);
        QCOMPARE(m_store->posts().search(QStringLiteral("renamed"), everything())->size(), 1);
        QVERIFY(m_store->posts().search(QStringLiteral("old"), everything())->isEmpty());
        QVERIFY(!m_store->posts().post(ghost));
        checkIndexAndTrigger();
    }

    void postOfAnotherBlogIsLeftAndTheRestStored_data() { pageSizes_data(); }
    void postOfAnotherBlogIsLeftAndTheRestStored()
    {
        QFETCH(int, count);
        const QString foreign = model::createGuid();
        QVERIFY(m_store->sync().upsertPageFromServer(QStringLiteral("other"),
                                                     {revision(foreign, 1, QStringLiteral("x"))}));
        QList<Revision> page = newPosts(count, 10);
        page.insert(count / 2, revision(foreign, 2, QStringLiteral("y"))); // kept in another blog
        const auto outcomes = m_store->sync().upsertPageFromServer(blog, page);
        QVERIFY(outcomes);
        QCOMPARE(outcomes->size(), page.size());
        QCOMPARE(outcomes->at(count / 2), PullOutcome::InAnotherBlog);
        QCOMPARE(outcomes->count(PullOutcome::Applied), count);
        QCOMPARE(m_store->posts().search(QStringLiteral("bulk"), everything())->size(), count);
        const auto kept = m_store->posts().post(foreign);
        QVERIFY(kept);
        QCOMPARE(kept->blog, QStringLiteral("other"));
        QCOMPARE(kept->rev, 1);
        QCOMPARE(kept->fields.title, QStringLiteral("x"));
        checkIndexAndTrigger();
    }

    // A page that cannot be stored at all (here a revision without a rev) writes nothing.
    void failingPageLeavesNoTrace_data() { pageSizes_data(); }
    void failingPageLeavesNoTrace()
    {
        QFETCH(int, count);
        QList<Revision> page = newPosts(count, 10);
        page.append(revision(model::createGuid(), 0, QStringLiteral("y")));
        const auto failed = m_store->sync().upsertPageFromServer(blog, page);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, ErrorCode::InvalidArgument);
        QVERIFY(m_store->posts().search(QStringLiteral("bulk"), everything())->isEmpty());
        QVERIFY(!m_store->posts().post(page.at(0).guid));
        checkIndexAndTrigger();
    }

private:
    static void pageSizes_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("small page") << 10;
        QTest::newRow("large page: statements of 128, 32, 8 and 4 rows") << 300;
    }

    // The FTS5 index matches the table, and the insert trigger is in place and working.
    void checkIndexAndTrigger()
    {
        m_store->releaseThreadConnection();
        test::rawExec(
                m_store->path(),
                {QStringLiteral("INSERT INTO posts_fts (posts_fts) VALUES ('integrity-check')")});
        QCOMPARE(test::rawExec(m_store->path(),
                               {QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = "
                                               "'trigger' AND name = 'posts_fts_insert'")})
                         .toInt(),
                 1);
        auto created = m_store->posts().create(blog, test::fields(QStringLiteral("afterwards")));
        QVERIFY(created);
        QCOMPARE(m_store->posts().search(QStringLiteral("afterwards"), everything())->size(), 1);
    }

    std::unique_ptr<test::TempDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
};

QTEST_GUILESS_MAIN(TestPulledPage)
#include "tst_pulledpage.moc"
