#include "model/post.h"
#include "store/localstore.h"
#include "store/postrepository.h"
#include "store/search/searchquery.h"
#include "storetestutil.h"
#include "support/tempdir.h"

#include <QTest>

#include <algorithm>
#include <memory>

using namespace inkwell;
using namespace inkwell::store;
using inkwell::test::fields;

class TestSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchExpressionQuotesEveryWord_data();
    void matchExpressionQuotesEveryWord();
    void findsUnicodeText_data();
    void findsUnicodeText();
    void hostileQueriesNeverFail_data();
    void hostileQueriesNeverFail();
    void lastWordMatchesAsPrefix();
    void ranksTitleMatchesFirst();
    void followsEditsAndHidesTombstones();
    void appliesFilterAndPaging();
    void broadQueryListsEveryMatchNewestFirst();
    void rankingEndsExactlyAtTheBroadMatchCount();
    void broadQueryFollowsTheListWhenEditsReorderIt();
    void broadQueryWithSparseMatchesFollowsTheList();

private:
    QStringList search(const QString &text, const PostQuery &query = {});

    test::TempDir m_dir;
    std::unique_ptr<LocalStore> m_store;
};

void TestSearch::initTestCase()
{
    m_store = std::make_unique<LocalStore>(m_dir.filePath(QStringLiteral("search.db")));
    QVERIFY(m_store->open());
    const QList<std::pair<QString, QString>> posts{
            {QStringLiteral("Grüße aus München"), QStringLiteral("Die Straße war naß.")},
            {QStringLiteral("Café crème"), QStringLiteral("Ein naïve Rezept für Crêpes")},
            {QStringLiteral("日本語のブログ"), QStringLiteral("東京 タワー の写真")},
            {QStringLiteral("Launch day 🚀"), QStringLiteral("We shipped 🎉 the writer's toolkit")},
            {QStringLiteral("Ελληνικά"), QStringLiteral("Καλημέρα κόσμε")},
            {QStringLiteral("Operators"),
             QStringLiteral("this AND that, NEAR the end; it's \"quoted\"")},
    };
    for (const auto &[title, body] : posts)
        QVERIFY(m_store->posts().create(QString(), fields(title, body)));
}

QStringList TestSearch::search(const QString &text, const PostQuery &query)
{
    auto found = m_store->posts().search(text, query);
    if (!found) {
        QTest::qFail(qPrintable(found.error().message), __FILE__, __LINE__);
        return {};
    }
    QStringList titles;
    for (const model::Post &post : *found)
        titles << post.fields.title;
    return titles;
}

void TestSearch::matchExpressionQuotesEveryWord_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expression");
    QTest::newRow("one word") << QStringLiteral("wri") << QStringLiteral("\"wri\"*");
    QTest::newRow("finished word") << QStringLiteral("writer ") << QStringLiteral("\"writer\"");
    QTest::newRow("two words") << QStringLiteral(" a\tbcd") << QStringLiteral("\"a\" \"bcd\"*");
    QTest::newRow("short last word is whole")
            << QStringLiteral("x ab") << QStringLiteral("\"x\" \"ab\"");
    QTest::newRow("one kanji is a prefix") << QStringLiteral("東") << QStringLiteral("\"東\"*");
    QTest::newRow("quote inside") << QStringLiteral("say\"hi") << QStringLiteral("\"say\"\"hi\"*");
    QTest::newRow("operator word")
            << QStringLiteral("AND xyz") << QStringLiteral("\"AND\" \"xyz\"*");
    QTest::newRow("only punctuation") << QStringLiteral("* ( \" '") << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("white space") << QStringLiteral("  \n") << QString();
}

void TestSearch::matchExpressionQuotesEveryWord()
{
    QFETCH(QString, text);
    QFETCH(QString, expression);
    QCOMPARE(ftsMatchExpression(text), expression);
}

void TestSearch::findsUnicodeText_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("title");
    QTest::newRow("umlaut as typed")
            << QStringLiteral("Grüße") << QStringLiteral("Grüße aus München");
    QTest::newRow("umlaut without diacritics")
            << QStringLiteral("munchen") << QStringLiteral("Grüße aus München");
    QTest::newRow("upper case") << QStringLiteral("MÜNCHEN") << QStringLiteral("Grüße aus München");
    QTest::newRow("sharp s") << QStringLiteral("straße") << QStringLiteral("Grüße aus München");
    QTest::newRow("accent typed without")
            << QStringLiteral("cafe creme") << QStringLiteral("Café crème");
    QTest::newRow("diaeresis") << QStringLiteral("naive") << QStringLiteral("Café crème");
    QTest::newRow("circumflex prefix") << QStringLiteral("crep") << QStringLiteral("Café crème");
    QTest::newRow("japanese word") << QStringLiteral("東京") << QStringLiteral("日本語のブログ");
    QTest::newRow("japanese prefix") << QStringLiteral("日本") << QStringLiteral("日本語のブログ");
    QTest::newRow("katakana") << QStringLiteral("タワー") << QStringLiteral("日本語のブログ");
    QTest::newRow("greek in other case")
            << QStringLiteral("ΚΑΛΗΜΈΡΑ") << QStringLiteral("Ελληνικά");
    QTest::newRow("word next to emoji")
            << QStringLiteral("launch") << QStringLiteral("Launch day 🚀");
    QTest::newRow("emoji and word")
            << QStringLiteral("🎉 shipped") << QStringLiteral("Launch day 🚀");
    QTest::newRow("apostrophe") << QStringLiteral("writer's") << QStringLiteral("Launch day 🚀");
}

void TestSearch::findsUnicodeText()
{
    QFETCH(QString, query);
    QFETCH(QString, title);
    QCOMPARE(search(query), QStringList{title});
}

void TestSearch::hostileQueriesNeverFail_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("titles");
    const QStringList none;
    const QStringList operators{QStringLiteral("Operators")};
    QTest::newRow("double quote") << QStringLiteral("\"") << none;
    QTest::newRow("single quote") << QStringLiteral("'") << none;
    QTest::newRow("star") << QStringLiteral("*") << none;
    QTest::newRow("AND") << QStringLiteral("AND") << operators;
    QTest::newRow("NEAR(") << QStringLiteral("NEAR(") << operators;
    QTest::newRow("OR between words") << QStringLiteral("this OR nothing") << none;
    QTest::newRow("NOT") << QStringLiteral("NOT") << none;
    QTest::newRow("column filter") << QStringLiteral("title:operators") << none;
    QTest::newRow("unbalanced parenthesis") << QStringLiteral("(that") << operators;
    QTest::newRow("quoted phrase") << QStringLiteral("\"quoted\"") << operators;
    QTest::newRow("unterminated quote") << QStringLiteral("\"quo") << operators;
    QTest::newRow("caret and minus") << QStringLiteral("^this -that") << operators;
    QTest::newRow("braces") << QStringLiteral("{title body}: x") << none;
    QTest::newRow("sql") << QStringLiteral("'; DROP TABLE posts; --") << none;
    QTest::newRow("control characters") << QStringLiteral("\x01\x1f") << none;
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) << none;
}

void TestSearch::hostileQueriesNeverFail()
{
    QFETCH(QString, query);
    QFETCH(QStringList, titles);
    QCOMPARE(search(query), titles);
    QCOMPARE(m_store->posts().count(PostQuery()).value(), 6);
}

void TestSearch::lastWordMatchesAsPrefix()
{
    QCOMPARE(search(QStringLiteral("wri")), QStringList{QStringLiteral("Launch day 🚀")});
    QCOMPARE(search(QStringLiteral("wri ")), QStringList());
    QCOMPARE(search(QStringLiteral("wri shipped")), QStringList());
    QCOMPARE(search(QStringLiteral("shipped wri")), QStringList{QStringLiteral("Launch day 🚀")});
}

void TestSearch::ranksTitleMatchesFirst()
{
    test::TempDir dir;
    LocalStore store(dir.filePath(QStringLiteral("rank.db")));
    QVERIFY(store.open());
    QVERIFY(store.posts().create(
            QString(), fields(QStringLiteral("Notes"), QStringLiteral("about gardens and more"))));
    QVERIFY(store.posts().create(QString(),
                                 fields(QStringLiteral("Gardens"), QStringLiteral("roses"))));
    QVERIFY(store.posts().create(QString(),
                                 fields(QStringLiteral("Other"), QStringLiteral("nothing"))));
    auto found = store.posts().search(QStringLiteral("gardens"), PostQuery());
    QCOMPARE(found->size(), 2);
    QCOMPARE(found->at(0).fields.title, QStringLiteral("Gardens"));
}

void TestSearch::followsEditsAndHidesTombstones()
{
    test::TempDir dir;
    LocalStore store(dir.filePath(QStringLiteral("edits.db")));
    QVERIFY(store.open());
    auto post = store.posts().create(QString(),
                                     fields(QStringLiteral("Zebra"), QStringLiteral("stripes")));
    QCOMPARE(store.posts().search(QStringLiteral("stripes"), PostQuery())->size(), 1);
    QVERIFY(store.posts().update(post->guid,
                                 fields(QStringLiteral("Zebra"), QStringLiteral("spots"))));
    auto stripes = store.posts().search(QStringLiteral("stripes"), PostQuery());
    if (!stripes)
        QFAIL(qPrintable(stripes.error().message));
    QCOMPARE(stripes->size(), 0);
    QCOMPARE(store.posts().search(QStringLiteral("spots"), PostQuery())->size(), 1);
    QVERIFY(store.posts().remove(post->guid));
    QCOMPARE(store.posts().search(QStringLiteral("zebra"), PostQuery())->size(), 0);
    QCOMPARE(store.posts().search(QStringLiteral("spots"), PostQuery())->size(), 0);
}

void TestSearch::appliesFilterAndPaging()
{
    test::TempDir dir;
    LocalStore store(dir.filePath(QStringLiteral("filter.db")));
    QVERIFY(store.open());
    for (int i = 0; i < 5; ++i) {
        model::PostFields input = fields(QStringLiteral("common %1").arg(i));
        input.state = i % 2 ? model::PublishState::Published : model::PublishState::Draft;
        QVERIFY(store.posts().create(i < 4 ? QStringLiteral("b") : QString(), input));
    }
    PostQuery query;
    query.filter = PostFilter::Published;
    QCOMPARE(store.posts().search(QStringLiteral("common"), query)->size(), 2);
    query.filter = PostFilter::All;
    query.blog = QStringLiteral("b");
    QCOMPARE(store.posts().search(QStringLiteral("common"), query)->size(), 4);
    query.limit = 3;
    query.offset = 2;
    QCOMPARE(store.posts().search(QStringLiteral("common"), query)->size(), 2);
}

// Up to BroadMatchCount matches are ranked (a title match first); one more and the list is newest
// first. The matches are counted only up to that bound, so the boundary is where it says.
void TestSearch::rankingEndsExactlyAtTheBroadMatchCount()
{
    LocalStore store(m_dir.filePath(QStringLiteral("boundary.db")));
    QVERIFY(store.open());
    QString titleMatch;
    const Result<void> written = store.write([&]() -> Result<void> {
        for (int i = 0; i < int(PostRepository::BroadMatchCount); ++i) {
            auto post = store.posts().create(
                    QString(),
                    i == 0 ? fields(QStringLiteral("common"), QStringLiteral("x"))
                           : fields(QStringLiteral("post %1").arg(i),
                                    QStringLiteral("common words")));
            if (!post)
                return post.error();
            if (i == 0)
                titleMatch = post->guid;
        }
        return {};
    });
    QVERIFY(written);
    PostQuery query;
    query.limit = 1;
    auto ranked = store.posts().search(QStringLiteral("common"), query);
    QVERIFY(ranked);
    QCOMPARE(ranked->constFirst().guid, titleMatch);

    QVERIFY(store.posts().create(
            QString(), fields(QStringLiteral("one more"), QStringLiteral("common again"))));
    auto broad = store.posts().search(QStringLiteral("common"), query);
    QVERIFY(broad);
    auto listFirst = store.posts().page(query); // every post matches: the list's order
    QVERIFY(listFirst);
    QCOMPARE(broad->constFirst().guid, listFirst->constFirst().guid);
    QVERIFY(broad->constFirst().guid != titleMatch);
}

namespace {

// The guids of every page of search("comm") in query's scope, in pages of 100 (at most 30).
QStringList searchEveryPage(LocalStore &store, PostQuery query)
{
    QStringList found;
    query.limit = 100;
    for (query.offset = 0; query.offset < 3000; query.offset += query.limit) {
        const auto page = store.posts().search(QStringLiteral("comm"), query);
        if (!page)
            return {QStringLiteral("error: ") + page.error().message};
        for (const model::Post &post : *page)
            found << post.guid;
        if (page->size() < query.limit)
            break;
    }
    return found;
}

} // namespace

// More matches than PostRepository::BroadMatchCount: newest first, every match exactly once
// across pages, non-matching and deleted posts left out.
void TestSearch::broadQueryListsEveryMatchNewestFirst()
{
    LocalStore store(m_dir.filePath(QStringLiteral("broad.db")));
    QVERIFY(store.open());
    const int matching = int(PostRepository::BroadMatchCount) + 20;
    QStringList newestFirst;
    QString deleted;
    const Result<void> written = store.write([&]() -> Result<void> {
        for (int i = 0; i < matching; ++i) {
            auto post = store.posts().create(
                    QString(), fields(QStringLiteral("common %1").arg(i), QStringLiteral("x")));
            if (!post)
                return post.error();
            newestFirst.prepend(post->guid);
            if (i == 3)
                deleted = post->guid;
        }
        auto other = store.posts().create(QString(), fields(QStringLiteral("other")));
        return other ? Result<void>() : Result<void>(other.error());
    });
    QVERIFY(written);
    QVERIFY(store.posts().remove(deleted));
    newestFirst.removeOne(deleted);
    // Created within the same millisecond, posts tie on time and fall back to guid order.
    std::stable_sort(newestFirst.begin(), newestFirst.end(),
                     [&](const QString &a, const QString &b) {
                         const auto pa = store.posts().post(a);
                         const auto pb = store.posts().post(b);
                         if (pa->modifiedAt != pb->modifiedAt)
                             return pa->modifiedAt > pb->modifiedAt;
                         return a > b;
                     });
    QCOMPARE(searchEveryPage(store, PostQuery()), newestFirst);
}

namespace {

// Every page of search("comm", pages of 100) in query's scope, against the list of the same
// scope without the posts whose title does not start with "common".
void compareBroadPagesWithTheList(LocalStore &store, const PostQuery &query)
{
    QStringList expected;
    PostQuery all = query;
    all.limit = 1000;
    for (all.offset = 0;; all.offset += all.limit) {
        const auto page = store.posts().page(all);
        QVERIFY(page);
        for (const model::Post &post : *page) {
            if (post.fields.title.startsWith(QLatin1String("common")))
                expected << post.guid;
        }
        if (page->size() < all.limit)
            break;
    }
    QVERIFY(expected.size() > PostRepository::BroadMatchCount);
    QCOMPARE(searchEveryPage(store, query), expected);
}

// `count` posts in blog "b", every `every`-th titled "common", the others "other".
QStringList createPosts(LocalStore &store, int count, int every)
{
    QStringList created;
    const Result<void> written = store.write([&]() -> Result<void> {
        for (int i = 0; i < count; ++i) {
            const QString title = i % every == 0 ? QStringLiteral("common %1").arg(i)
                                                 : QStringLiteral("other %1").arg(i);
            auto post = store.posts().create(QStringLiteral("b"), fields(title));
            if (!post)
                return post.error();
            created << post->guid;
        }
        return {};
    });
    return written ? created : QStringList();
}

} // namespace

// A broad query lists the matches in the list's order, page after page, whether the posts' ids
// follow that order (a batch of the list asks the index for its id range) or not: old posts
// edited to the top spread a batch's ids over the whole table, and the search then builds the
// set of every match. Either way the pages are the list without the posts that do not match.
void TestSearch::broadQueryFollowsTheListWhenEditsReorderIt()
{
    LocalStore store(m_dir.filePath(QStringLiteral("reordered.db")));
    QVERIFY(store.open());
    const QStringList created = createPosts(store, 1300, 1); // every post matches
    QCOMPARE(created.size(), 1300);
    PostQuery query;
    query.blog = QStringLiteral("b");
    compareBroadPagesWithTheList(store, query); // ids in list order
    // Every seventh of the oldest 700 edited: they lead the list with the lowest ids.
    for (int i = 0; i < 700; i += 7)
        QVERIFY(store.posts().update(created.at(i), fields(QStringLiteral("common edited"))));
    compareBroadPagesWithTheList(store, query);
}

// Matches too sparse to fill a page from a few batches of the list (one post in five, later
// pages) are listed from the set of every match; the first pages still come a batch at a time.
void TestSearch::broadQueryWithSparseMatchesFollowsTheList()
{
    LocalStore store(m_dir.filePath(QStringLiteral("sparse.db")));
    QVERIFY(store.open());
    QCOMPARE(createPosts(store, 3000, 5).size(), 3000);
    PostQuery query;
    query.blog = QStringLiteral("b");
    compareBroadPagesWithTheList(store, query);
}

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
