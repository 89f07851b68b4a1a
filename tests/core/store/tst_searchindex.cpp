#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/searchindexer.h"
#include "storetestutil.h"
#include "support/searchindexcheck.h"
#include "support/tempdir.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace inkwell;
using namespace inkwell::store;
using inkwell::test::fields;

// The full-text index trails the posts (schema version 6): a write either brings it up to date
// in its own transaction or leaves its posts to catchUpSearchIndex() and the SearchIndexer.
class TestSearchIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void laterWritesAreFoundOnceCaughtUp();
    void theIndexDropsTheTextItHeld();
    void aSaveIndexesAShortBacklogAndJoinsALongOne();
    void theIndexerWorksOffTheBacklogInBatches();
    void theBacklogOutlivesTheProcess();
    void aRolledBackWriteLeavesNothingBehind();
    void aPostRemovedFromTheTableLeavesTheIndex();

private:
    // Creates count posts titled prefix + number with body `body`, in one write.
    void createPosts(int count, const QString &prefix, const QString &body,
                     LocalStore::SearchIndexing indexing);
    qint64 hits(const QString &text);
    qint64 backlog();
    // Nothing is behind and the index holds exactly the live posts' text.
    void checkIndexMatchesPosts();

    std::unique_ptr<test::TempDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
};

void TestSearchIndex::init()
{
    m_dir = std::make_unique<test::TempDir>();
    m_store = std::make_unique<LocalStore>(m_dir->filePath(QStringLiteral("index.db")));
    QVERIFY(m_store->open());
}

void TestSearchIndex::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestSearchIndex::createPosts(int count, const QString &prefix, const QString &body,
                                  LocalStore::SearchIndexing indexing)
{
    auto written = m_store->write(
            [&]() -> Result<void> {
                for (int i = 0; i < count; ++i) {
                    auto created = m_store->posts().create(
                            QString(), fields(prefix + QString::number(i), body));
                    if (!created)
                        return created.error();
                }
                return {};
            },
            indexing);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
}

qint64 TestSearchIndex::hits(const QString &text)
{
    PostQuery everything;
    everything.limit = 1000;
    auto found = m_store->posts().search(text, everything);
    if (!found) {
        QTest::qFail(qPrintable(found.error().message), __FILE__, __LINE__);
        return -1;
    }
    return found->size();
}

qint64 TestSearchIndex::backlog()
{
    auto behind = m_store->searchIndexBacklog(1000000);
    if (!behind) {
        QTest::qFail(qPrintable(behind.error().message), __FILE__, __LINE__);
        return -1;
    }
    return *behind;
}

void TestSearchIndex::checkIndexMatchesPosts()
{
    QCOMPARE(backlog(), 0);
    const QString difference = test::searchIndexDifferenceAt(m_store->path());
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestSearchIndex::laterWritesAreFoundOnceCaughtUp()
{
    constexpr qint64 Batch = LocalStore::SearchIndexBatch;
    const int count = int(2 * Batch + Batch / 2);
    createPosts(count, QStringLiteral("harbour "), QStringLiteral("cranes and gulls"),
                LocalStore::SearchIndexing::Later);
    QCOMPARE(backlog(), count);
    QCOMPARE(hits(QStringLiteral("harbour")), 0);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), count); // listed at once

    QSignalSpy changed(m_store.get(), &LocalStore::searchIndexChanged);
    QList<qint64> left;
    for (int i = 0; i < 10 && (left.isEmpty() || left.constLast() > 0); ++i) {
        auto caughtUp = m_store->catchUpSearchIndex();
        QVERIFY(caughtUp);
        left.append(*caughtUp);
    }
    // A batch per call; "more than a batch" is reported as a batch and one.
    QCOMPARE(left, (QList<qint64>{Batch + 1, Batch / 2, 0}));
    QCOMPARE(changed.size(), 3);
    QCOMPARE(hits(QStringLiteral("harbour")), count);
    QCOMPARE(hits(QStringLiteral("gulls")), count);
    QCOMPARE(backlog(), 0);
    // Nothing behind: nothing written, nothing announced.
    QCOMPARE(m_store->catchUpSearchIndex().value(), 0);
    QCOMPARE(changed.size(), 3);
    checkIndexMatchesPosts();
}

void TestSearchIndex::theIndexDropsTheTextItHeld()
{
    createPosts(6, QStringLiteral("alpha "), QStringLiteral("first words"),
                LocalStore::SearchIndexing::WithTheWrite);
    QCOMPARE(hits(QStringLiteral("alpha")), 6);
    auto listed = m_store->posts().page(PostQuery());
    QVERIFY(listed);
    QCOMPARE(listed->size(), 6);

    // Two changes of each post before the index catches up: the first note keeps the text the
    // index holds, which is what has to be removed.
    for (const QString &word : {QStringLiteral("beta"), QStringLiteral("gamma")}) {
        auto written = m_store->write(
                [&]() -> Result<void> {
                    const bool first = word == QLatin1String("beta");
                    for (const model::Post &post : listed->sliced(first ? 0 : 1)) {
                        auto updated =
                                m_store->posts().update(post.guid,
                                                        fields(word + QStringLiteral(" title"),
                                                               word + QStringLiteral(" words")));
                        if (!updated)
                            return updated.error();
                    }
                    if (!first)
                        return {};
                    return m_store->posts().remove(listed->at(0).guid);
                },
                LocalStore::SearchIndexing::Later);
        QVERIFY(written);
    }
    QCOMPARE(backlog(), 6);
    // Until then search answers from the text it indexed.
    QCOMPARE(hits(QStringLiteral("alpha")), 5); // the tombstone is never listed
    QCOMPARE(hits(QStringLiteral("gamma")), 0);

    QCOMPARE(m_store->catchUpSearchIndex().value(), 0);
    QCOMPARE(hits(QStringLiteral("alpha")), 0);
    QCOMPARE(hits(QStringLiteral("beta")), 0);
    QCOMPARE(hits(QStringLiteral("first")), 0);
    QCOMPARE(hits(QStringLiteral("gamma")), 5);
    checkIndexMatchesPosts();

    // A tombstone brought back is indexed again, with the text it had.
    auto restored = m_store->write(
            [&]() -> Result<void> {
                auto back = m_store->posts().restore(listed->at(0).guid);
                if (!back)
                    return back.error();
                return {};
            },
            LocalStore::SearchIndexing::Later);
    QVERIFY(restored);
    QCOMPARE(hits(QStringLiteral("beta")), 0);
    QCOMPARE(m_store->catchUpSearchIndex().value(), 0);
    QCOMPARE(hits(QStringLiteral("beta")), 1);
    checkIndexMatchesPosts();
}

void TestSearchIndex::aSaveIndexesAShortBacklogAndJoinsALongOne()
{
    // A short backlog goes with the next save, which also indexes its own post.
    createPosts(5, QStringLiteral("pulled "), QString(), LocalStore::SearchIndexing::Later);
    QVERIFY(m_store->posts().create(QString(), fields(QStringLiteral("typed"))));
    QCOMPARE(backlog(), 0);
    QCOMPARE(hits(QStringLiteral("pulled")), 5);
    QCOMPARE(hits(QStringLiteral("typed")), 1);

    // A backlog longer than a batch is the indexer's: the save leaves it and joins it.
    createPosts(int(LocalStore::SearchIndexBatch) + 1, QStringLiteral("bulk "), QString(),
                LocalStore::SearchIndexing::Later);
    QVERIFY(m_store->posts().create(QString(), fields(QStringLiteral("scribbled"))));
    QCOMPARE(backlog(), LocalStore::SearchIndexBatch + 2);
    QCOMPARE(hits(QStringLiteral("scribbled")), 0);
    for (int i = 0; i < 3 && m_store->catchUpSearchIndex().value() > 0; ++i) { }
    QCOMPARE(backlog(), 0);
    QCOMPARE(hits(QStringLiteral("scribbled")), 1);
    QCOMPARE(hits(QStringLiteral("bulk")), LocalStore::SearchIndexBatch + 1);
    checkIndexMatchesPosts();
}

void TestSearchIndex::theIndexerWorksOffTheBacklogInBatches()
{
    const int count = int(2 * LocalStore::SearchIndexBatch + 1);
    createPosts(count, QStringLiteral("queued "), QString(), LocalStore::SearchIndexing::Later);
    SearchIndexer indexer(*m_store);
    QSignalSpy caughtUp(&indexer, &SearchIndexer::caughtUp);
    QSignalSpy changed(m_store.get(), &LocalStore::searchIndexChanged);
    indexer.schedule();
    indexer.schedule(); // already at it: one pass
    QVERIFY(indexer.isWorking());
    QCOMPARE(backlog(), count); // nothing before the event loop turns
    QVERIFY(caughtUp.wait(10000));
    QVERIFY(!indexer.isWorking());
    QCOMPARE(changed.size(), 3); // one transaction per batch
    QCOMPARE(caughtUp.size(), 1);
    QCOMPARE(backlog(), 0);
    QCOMPARE(hits(QStringLiteral("queued")), count);

    // With nothing behind, a pass ends at once without writing.
    indexer.schedule();
    QVERIFY(caughtUp.wait(10000));
    QCOMPARE(changed.size(), 3);
    checkIndexMatchesPosts();
}

void TestSearchIndex::theBacklogOutlivesTheProcess()
{
    // The notes commit with the posts: whatever ends the process after a pulled page (a crash,
    // an inkwell-cli sync exiting), the next indexer finds them.
    createPosts(int(LocalStore::SearchIndexBatch) + 20, QStringLiteral("persisted "), QString(),
                LocalStore::SearchIndexing::Later);
    const QString path = m_store->path();
    m_store.reset();
    m_store = std::make_unique<LocalStore>(path);
    QVERIFY(m_store->open());
    QCOMPARE(backlog(), LocalStore::SearchIndexBatch + 20);
    SearchIndexer indexer(*m_store);
    QSignalSpy caughtUp(&indexer, &SearchIndexer::caughtUp);
    indexer.schedule();
    QVERIFY(caughtUp.wait(10000));
    QCOMPARE(hits(QStringLiteral("persisted")), LocalStore::SearchIndexBatch + 20);
    checkIndexMatchesPosts();
}

void TestSearchIndex::aRolledBackWriteLeavesNothingBehind()
{
    auto failed = m_store->write(
            [&]() -> Result<void> {
                if (auto created = m_store->posts().create(QString(), fields(QStringLiteral("x")));
                    !created)
                    return created.error();
                return Error{ErrorCode::InvalidArgument, QStringLiteral("changed my mind")};
            },
            LocalStore::SearchIndexing::Later);
    QVERIFY(!failed);
    QCOMPARE(backlog(), 0);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), 0);
    checkIndexMatchesPosts();
}

void TestSearchIndex::aPostRemovedFromTheTableLeavesTheIndex()
{
    // Inkwell keeps tombstones, but a row deleted by other means (a repair with the sqlite3
    // shell) still leaves the index, and a new post that takes over its id is indexed anew.
    createPosts(3, QStringLiteral("rowid "), QStringLiteral("kept"),
                LocalStore::SearchIndexing::WithTheWrite);
    m_store->releaseThreadConnection();
    test::rawExec(m_store->path(),
                  {QStringLiteral("DELETE FROM posts WHERE id = (SELECT max(id) "
                                  "FROM posts)")});
    QCOMPARE(backlog(), 1);
    createPosts(1, QStringLiteral("successor "), QStringLiteral("fresh"),
                LocalStore::SearchIndexing::Later);
    QCOMPARE(backlog(), 1); // the same id: the first note, of the deleted text, stands
    // The deleted post's sync state went with it (schema 9), so the successor has a row of its own.
    QCOMPARE(test::rawExec(m_store->path(),
                           {QStringLiteral("SELECT count(*) FROM post_sync s JOIN posts p "
                                           "ON p.id = s.id AND p.guid = s.guid")})
                     .toInt(),
             3);
    QCOMPARE(test::rawExec(m_store->path(), {QStringLiteral("SELECT count(*) FROM post_sync")})
                     .toInt(),
             3);
    QCOMPARE(m_store->catchUpSearchIndex().value(), 0);
    QCOMPARE(hits(QStringLiteral("kept")), 2);
    QCOMPARE(hits(QStringLiteral("fresh")), 1);
    checkIndexMatchesPosts();
}

QTEST_GUILESS_MAIN(TestSearchIndex)
#include "tst_searchindex.moc"
