// A pulled page, small or large, in one batch: search finds every post, the FTS5 index matches the
// table and its insert trigger keeps working, newer revisions of stored posts replace them
// together, a revision that leaves the text as it was leaves the index alone, a post kept in
// another blog is left as it is while the rest of the page is stored, and a failing page leaves
// no trace.
#include "model/post.h"
#include "store/localstore.h"
#include "store/postquery.h"
#include "store/postrepository.h"
#include "store/syncrepository.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <sqlite3.h>

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

// The process's default VFS with a count of the statement journals SQLite opens as files. A
// statement journal (the pages a statement changed, to undo it alone) stays in memory up to 64 KiB
// and then goes to a temporary file - unless temp_store is MEMORY.
struct JournalFiles
{
    static inline sqlite3_vfs vfs{};
    static inline sqlite3_vfs *plain = nullptr;
    static inline std::atomic<int> opened{0};

    static int open(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags,
                    int *outFlags)
    {
        if (flags & SQLITE_OPEN_SUBJOURNAL)
            ++opened;
        return plain->xOpen(plain, name, file, flags, outFlags);
    }

    // Before any connection opens; the VFS's file is the plain VFS's own, so only xOpen differs.
    static bool install()
    {
        plain = sqlite3_vfs_find(nullptr);
        if (!plain)
            return false;
        vfs = *plain;
        vfs.zName = "count-journal-files";
        vfs.pNext = nullptr;
        vfs.xOpen = open;
        return sqlite3_vfs_register(&vfs, 1) == SQLITE_OK;
    }
};

} // namespace

class TestPulledPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(JournalFiles::install()); }
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

    // Newer revisions of stored posts are written together: every post takes the server's
    // fields, rev and authors (an empty author keeps the stored one), its base is those fields,
    // a tombstone leaves the search, a guid twice in the page ends with the later revision.
    void storedPostsTakeNewerRevisionsTogether_data() { pageSizes_data(); }
    void storedPostsTakeNewerRevisionsTogether()
    {
        QFETCH(int, count);
        QList<Revision> first = newPosts(count, 10);
        for (Revision &r : first) {
            r.createdBy = QStringLiteral("ann");
            r.modifiedBy = QStringLiteral("ann");
        }
        QVERIFY(m_store->sync().upsertPageFromServer(blog, first));
        QList<Revision> second;
        for (int i = 0; i < count; ++i) {
            Revision r = revision(first.at(i).guid, 1000 + i, QStringLiteral("newer %1").arg(i));
            r.modifiedBy = i % 2 ? QStringLiteral("bob") : QString();
            r.deleted = i == 1;
            second.append(r);
        }
        Revision again = revision(first.at(0).guid, 5000, QStringLiteral("latest"));
        second.append(again);
        const auto outcomes = m_store->sync().upsertPageFromServer(blog, second);
        QVERIFY(outcomes);
        QCOMPARE(outcomes->count(PullOutcome::Applied), second.size());

        for (int i = 0; i < count; ++i) {
            const auto post = m_store->posts().post(first.at(i).guid);
            QVERIFY(post);
            const Revision &expected = i == 0 ? again : second.at(i);
            QCOMPARE(post->rev, expected.rev);
            QCOMPARE(post->fields, expected.fields);
            QCOMPARE(post->deleted, i == 1);
            QCOMPARE(post->syncStatus, model::SyncStatus::Synced);
            QVERIFY(post->base);
            QCOMPARE(*post->base, expected.fields);
            QCOMPARE(post->createdBy, QStringLiteral("ann"));
            QCOMPARE(post->modifiedBy, i % 2 ? QStringLiteral("bob") : QStringLiteral("ann"));
        }
        QVERIFY(m_store->posts().search(QStringLiteral("bulk"), everything())->isEmpty());
        QCOMPARE(m_store->posts().search(QStringLiteral("newer"), everything())->size(),
                 count - 2); // post 0 is "latest" now, post 1 a tombstone
        QCOMPARE(m_store->posts().search(QStringLiteral("latest"), everything())->size(), 1);
        checkIndexAndTrigger();
    }

    // The full-text index is rewritten only when the title, the body or the tombstone flag
    // change: a newer revision that changed only the tags leaves the index's data as it was.
    void indexIsLeftAloneWhenTheTextIsTheSame()
    {
        const QString guid = model::createGuid();
        QVERIFY(m_store->sync().upsertPageFromServer(blog,
                                                     {revision(guid, 1, QStringLiteral("same"))}));
        const QString before = indexData();
        Revision tagged = revision(guid, 1, QStringLiteral("same"));
        tagged.rev = 2;
        tagged.fields.tags = QStringList{QStringLiteral("news")};
        QVERIFY(m_store->sync().upsertPageFromServer(blog, {tagged}));
        QCOMPARE(m_store->posts().post(guid)->fields.tags, tagged.fields.tags);
        QCOMPARE(indexData(), before);

        Revision retitled = tagged;
        retitled.rev = 3;
        retitled.fields.title = QStringLiteral("different");
        QVERIFY(m_store->sync().upsertPageFromServer(blog, {retitled}));
        QVERIFY(indexData() != before);
        QCOMPARE(m_store->posts().search(QStringLiteral("different"), everything())->size(), 1);
        QVERIFY(m_store->posts().search(QStringLiteral("same"), everything())->isEmpty());
        checkIndexAndTrigger();
    }

    // A page's statements change pages of the post and index tables that are already in the file,
    // and SQLite keeps their earlier content to undo one statement alone: hundreds of pages for a
    // page of 500 posts of prose. That undo journal stays in memory (the store's temp_store)
    // instead of a temporary file written page by page beside the log.
    void largePageWritesNoStatementJournalFile()
    {
        const auto pageOfProse = [](qint64 firstRev) {
            QList<Revision> page;
            for (int i = 0; i < 500; ++i) {
                Revision post = revision(model::createGuid(), firstRev + i,
                                         QStringLiteral("prose %1").arg(firstRev + i));
                for (int w = 0; w < 200; ++w)
                    post.fields.body += QStringLiteral(" word%1").arg((firstRev + i) * 7 + w * 13);
                page.append(post);
            }
            return page;
        };
        QVERIFY(m_store->sync().upsertPageFromServer(blog, pageOfProse(1)));
        const int before = JournalFiles::opened;
        QVERIFY(m_store->sync().upsertPageFromServer(blog, pageOfProse(1001)));
        QCOMPARE(JournalFiles::opened - before, 0);
        QCOMPARE(m_store->posts().search(QStringLiteral("prose"), everything())->size(), 1000);
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

    // What the full-text index has written: its segments' ids and their bytes.
    QString indexData()
    {
        m_store->releaseThreadConnection();
        return test::rawExec(m_store->path(),
                             {QStringLiteral("SELECT group_concat(id || ':' || hex(block), ' ') "
                                             "FROM (SELECT id, block FROM posts_fts_data "
                                             "ORDER BY id)")})
                .toString();
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
