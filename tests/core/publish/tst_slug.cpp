#include "publish/siteurls.h"
#include "publish/slug.h"

#include <QSet>
#include <QTest>

using namespace inkwell::publish;

class TestSlug : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void slugFollowsTheRule_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("slug");
        QTest::newRow("plain") << u"Hello World"_qs << u"hello-world"_qs;
        QTest::newRow("german") << u"Über Größe und Äpfel"_qs << u"ueber-groesse-und-aepfel"_qs;
        QTest::newRow("accents") << u"Café crème à la française"_qs
                                 << u"cafe-creme-a-la-francaise"_qs;
        QTest::newRow("punctuation") << u"  What?! -- Yes... (2024) "_qs << u"what-yes-2024"_qs;
        QTest::newRow("apostrophe") << u"Don't stop"_qs << u"dont-stop"_qs;
        QTest::newRow("empty") << QString() << u"post"_qs;
        QTest::newRow("only symbols") << u"!!! ???"_qs << u"post"_qs;
        QTest::newRow("other scripts dropped") << u"日本語 Tokyo"_qs << u"tokyo"_qs;
        QTest::newRow("html") << u"<script>alert(1)</script>"_qs << u"script-alert-1-script"_qs;
    }
    void slugFollowsTheRule()
    {
        QFETCH(QString, title);
        QFETCH(QString, slug);
        QCOMPARE(slugify(title), slug);
    }

    void slugIsAtMostEightyCharactersWithoutTrailingHyphen()
    {
        const QString slug = slugify(QString(200, u'a') + u" b");
        QCOMPARE(slug.size(), 80);
        const QString words = slugify(QStringLiteral("abcdefghi ").repeated(20));
        QVERIFY(words.size() <= 80);
        QVERIFY(!words.endsWith(u'-'));
    }

    void uniqueSlugCountsUpAndSkipsReservedPaths()
    {
        QSet<QString> taken{u"hello"_qs, u"hello-2"_qs};
        const auto isTaken = [&taken](const QString &slug) { return taken.contains(slug); };
        QCOMPARE(uniqueSlug(u"fresh"_qs, isTaken), u"fresh"_qs);
        QCOMPARE(uniqueSlug(u"hello"_qs, isTaken), u"hello-3"_qs);
        QCOMPARE(uniqueSlug(u"page"_qs, isTaken), u"page-2"_qs);
        QCOMPARE(uniqueSlug(u"tag"_qs, isTaken), u"tag-2"_qs);
        const QString longBase = slugify(QString(80, u'x'));
        taken.insert(longBase);
        const QString unique = uniqueSlug(longBase, isTaken);
        QCOMPARE(unique.size(), 80);
        QVERIFY(unique.endsWith(u"-2"));
    }

    void routesRoundTrip_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("exportFile");
        using K = SiteRoute::Kind;
        const QString sha(64, u'a');
        QTest::newRow("index") << u"/"_qs << int(K::Index) << u"index.html"_qs;
        QTest::newRow("page") << u"/page/3/"_qs << int(K::Index) << u"page/3/index.html"_qs;
        QTest::newRow("post") << u"/my-post/"_qs << int(K::Post) << u"my-post/index.html"_qs;
        QTest::newRow("tag") << u"/tag/food/"_qs << int(K::Tag) << u"tag/food/index.html"_qs;
        QTest::newRow("tag page") << u"/tag/food/page/2/"_qs << int(K::Tag)
                                  << u"tag/food/page/2/index.html"_qs;
        QTest::newRow("feed") << u"/feed.atom"_qs << int(K::Feed) << u"feed.atom"_qs;
        QTest::newRow("style") << u"/style.css"_qs << int(K::Stylesheet) << u"style.css"_qs;
        QTest::newRow("media") << u"/media/"_qs + sha << int(K::Media) << u"media/"_qs + sha;
        QTest::newRow("page 1 is the index") << u"/page/1/"_qs << int(K::NotFound) << QString();
        QTest::newRow("page zero-padded") << u"/page/02/"_qs << int(K::NotFound) << QString();
        QTest::newRow("reserved") << u"/page/"_qs << int(K::NotFound) << QString();
        QTest::newRow("upper case") << u"/My-Post/"_qs << int(K::NotFound) << QString();
        QTest::newRow("dot dot") << u"/../etc/"_qs << int(K::NotFound) << QString();
        QTest::newRow("bad media") << u"/media/abc"_qs << int(K::NotFound) << QString();
        QTest::newRow("deep") << u"/a/b/"_qs << int(K::NotFound) << QString();
    }
    void routesRoundTrip()
    {
        QFETCH(QString, path);
        QFETCH(int, kind);
        QFETCH(QString, exportFile);
        const SiteRoute route = SiteUrls::parse(path);
        QCOMPARE(int(route.kind), kind);
        QCOMPARE(SiteUrls::exportFile(route), exportFile);
        SiteBlog blog;
        blog.pathPrefix = u"/b/blog"_qs;
        if (route.kind != SiteRoute::Kind::NotFound)
            QCOMPARE(SiteUrls::canonical(blog, route), u"/b/blog"_qs + path);
    }

    void urlsBuildWhatParseReads()
    {
        SiteBlog blog;
        blog.pathPrefix = u"/b/x"_qs;
        QCOMPARE(SiteUrls::index(blog), u"/b/x/"_qs);
        QCOMPARE(SiteUrls::index(blog, 2), u"/b/x/page/2/"_qs);
        QCOMPARE(SiteUrls::tag(blog, u"Küche & Haus"_qs), u"/b/x/tag/kueche-haus/"_qs);
        const SiteRoute route = SiteUrls::parse(SiteUrls::tag(blog, u"Küche"_qs, 2).mid(4));
        QCOMPARE(route.slug, u"kueche"_qs);
        QCOMPARE(route.page, 2);
        QCOMPARE(SiteUrls::parse(u"/my-post"_qs).kind, SiteRoute::Kind::Post);
    }
};

QTEST_APPLESS_MAIN(TestSlug)
#include "tst_slug.moc"
