// The rules of the blog a writer works in: which blog is current after signing in, listing again
// and choosing, what a list shows, where offline posts go, and how --blog names a blog.
#include "account/blogchoice.h"

#include <QSignalSpy>
#include <QTest>

using namespace inkwell;
using namespace inkwell::account;

namespace {

const protocol::BlogSummary Travel{3, QStringLiteral("Travel")};
const protocol::BlogSummary Recipes{7, QStringLiteral("Recipes")};
const protocol::BlogSummary Notes{9, QStringLiteral("Notes")};

} // namespace

class TestBlogChoice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutBlogsThereIsNoCurrentBlog();
    void theFirstBlogIsCurrentUntilTheWriterChooses();
    void aRememberedChoiceIsRestored();
    void aRememberedBlogTheAccountLostFallsBackToTheFirst();
    void listingAgainKeepsTheCurrentBlog();
    void choosingABlogOfAnotherAccountChangesNothing();
    void oneBlogOffersNoChoice();
    void announcesOnlyChanges();
    void findNamesABlogByIdOrName_data();
    void findNamesABlogByIdOrName();
    void aNameOfTwoBlogsIsAmbiguous();
};

void TestBlogChoice::withoutBlogsThereIsNoCurrentBlog()
{
    BlogChoice choice;
    QCOMPARE(choice.current(), 0);
    QCOMPARE(choice.currentKey(), QString());
    QCOMPARE(choice.listScope(), std::nullopt); // signed out: every post is listed
    QCOMPARE(choice.adoptionTarget(), QString()); // offline posts stay local
    QVERIFY(!choice.offersChoice());
}

void TestBlogChoice::theFirstBlogIsCurrentUntilTheWriterChooses()
{
    BlogChoice choice;
    choice.setBlogs({Travel, Recipes});
    QCOMPARE(choice.current(), 3);
    QVERIFY(choice.choose(7));
    QCOMPARE(choice.current(), 7);
    QCOMPARE(choice.currentKey(), QStringLiteral("7"));
    QCOMPARE(choice.currentName(), QStringLiteral("Recipes"));
    QCOMPARE(choice.listScope(), std::optional<QString>(QStringLiteral("7")));
    QCOMPARE(choice.adoptionTarget(), QStringLiteral("7")); // not only with exactly one blog
}

void TestBlogChoice::aRememberedChoiceIsRestored()
{
    BlogChoice choice;
    choice.setBlogs({Travel, Recipes, Notes}, 9);
    QCOMPARE(choice.current(), 9);
}

void TestBlogChoice::aRememberedBlogTheAccountLostFallsBackToTheFirst()
{
    BlogChoice choice;
    choice.setBlogs({Travel, Recipes}, 42);
    QCOMPARE(choice.current(), 3);
    choice.choose(7);
    choice.setBlogs({Travel, Notes}); // the writer left Recipes
    QCOMPARE(choice.current(), 3);
    choice.setBlogs({});
    QCOMPARE(choice.current(), 0);
}

void TestBlogChoice::listingAgainKeepsTheCurrentBlog()
{
    BlogChoice choice;
    choice.setBlogs({Travel, Recipes});
    choice.choose(7);
    choice.setBlogs({Notes, Recipes, Travel}, 3); // the current blog wins over a remembered one
    QCOMPARE(choice.current(), 7);
}

void TestBlogChoice::choosingABlogOfAnotherAccountChangesNothing()
{
    BlogChoice choice;
    choice.setBlogs({Travel, Recipes});
    QVERIFY(!choice.choose(9));
    QVERIFY(!choice.choose(0));
    QCOMPARE(choice.current(), 3);
}

void TestBlogChoice::oneBlogOffersNoChoice()
{
    BlogChoice choice;
    choice.setBlogs({Travel});
    QVERIFY(!choice.offersChoice());
    choice.setBlogs({Travel, Recipes});
    QVERIFY(choice.offersChoice());
}

void TestBlogChoice::announcesOnlyChanges()
{
    BlogChoice choice;
    QSignalSpy current(&choice, &BlogChoice::currentChanged);
    QSignalSpy blogs(&choice, &BlogChoice::blogsChanged);
    choice.setBlogs({Travel, Recipes});
    QCOMPARE(blogs.size(), 1);
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.takeFirst().at(0).toLongLong(), 3);
    choice.setBlogs({Travel, Recipes}); // the same list: nothing to announce
    QCOMPARE(blogs.size(), 1);
    QCOMPARE(current.size(), 0);
    choice.choose(3); // already current
    QCOMPARE(current.size(), 0);
    choice.choose(7);
    QCOMPARE(current.size(), 1);
}

void TestBlogChoice::findNamesABlogByIdOrName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("blog");
    QTest::addColumn<int>("error");
    QTest::newRow("id") << QStringLiteral("7") << qint64(7) << int(ErrorCode::None);
    QTest::newRow("name") << QStringLiteral("Travel") << qint64(3) << int(ErrorCode::None);
    QTest::newRow("any case") << QStringLiteral("recipes") << qint64(7) << int(ErrorCode::None);
    QTest::newRow("unknown id") << QStringLiteral("42") << qint64(0) << int(ErrorCode::NotFound);
    QTest::newRow("unknown name") << QStringLiteral("Poems") << qint64(0)
                                  << int(ErrorCode::NotFound);
}

void TestBlogChoice::findNamesABlogByIdOrName()
{
    QFETCH(QString, text);
    QFETCH(qint64, blog);
    QFETCH(int, error);
    BlogChoice choice;
    choice.setBlogs({Travel, Recipes});
    const Result<qint64> found = choice.find(text);
    if (error == int(ErrorCode::None)) {
        QVERIFY(found.hasValue());
        QCOMPARE(*found, blog);
    } else {
        QVERIFY(!found.hasValue());
        QCOMPARE(int(found.error().code), error);
        QVERIFY(found.error().message.contains(text));
    }
}

void TestBlogChoice::aNameOfTwoBlogsIsAmbiguous()
{
    BlogChoice choice;
    choice.setBlogs({Travel, {12, QStringLiteral("travel")}});
    const Result<qint64> found = choice.find(QStringLiteral("Travel"));
    QVERIFY(!found.hasValue());
    QCOMPARE(found.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(*choice.find(QStringLiteral("12")), 12);
}

QTEST_GUILESS_MAIN(TestBlogChoice)
#include "tst_blogchoice.moc"
