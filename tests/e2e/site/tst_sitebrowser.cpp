// The public site in a real browser: headless Chromium loads the index and a post page from the
// real inkwell-server — the title, the body and the image are rendered, the console stays free
// of errors and Content-Security-Policy violations — a draft's URL is 404, and the Atom feed
// has everything RFC 4287 requires.
#include "sitefixture.h"

#include "support/atomvalidator.h"
#include "support/headlessbrowser.h"
#include "support/tempdir.h"

#include <QImage>
#include <QRegularExpression>
#include <QTest>

using namespace inkwell::test;

class TestSiteBrowser : public QObject
{
    Q_OBJECT

private:
    HeadlessBrowser m_browser;
    SiteFixture m_site;
    TempDir m_dir;

    static QString postSlug() { return QStringLiteral("spring-in-the-garden"); }

    // Loads url in the browser and checks that it rendered without a console message.
    HeadlessBrowser::Page loadClean(const QUrl &url)
    {
        const HeadlessBrowser::Page page = m_browser.load(url);
        if (!page.loaded)
            qWarning("%s", qPrintable(page.error));
        if (!page.console.isEmpty())
            qWarning("console of %s:\n%s", qPrintable(url.toString()),
                     qPrintable(page.console.join(u'\n')));
        return page;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_browser.isAvailable()) {
            if (HeadlessBrowser::browserRequired())
                QFAIL(qPrintable(HeadlessBrowser::unavailableReason()));
            QSKIP(qPrintable(HeadlessBrowser::unavailableReason()));
        }
        QVERIFY2(m_site.setUp(), qPrintable(m_site.error()));
    }

    void indexListsThePublishedPostOnly()
    {
        const HeadlessBrowser::Page page = loadClean(m_site.siteUrl());
        QVERIFY(page.loaded);
        QVERIFY(page.console.isEmpty());
        QVERIFY2(page.dom.contains(SiteFixture::postTitle), page.dom.constData());
        QVERIFY(page.dom.contains(
                QByteArray(QByteArray("/b/garden/") + postSlug().toUtf8() + "/")));
        QVERIFY(!page.dom.contains(SiteFixture::draftTitle));
    }

    void postPageRendersTitleBodyAndImage()
    {
        const HeadlessBrowser::Page page = loadClean(m_site.siteUrl(postSlug() + u'/'));
        QVERIFY(page.loaded);
        QVERIFY(page.console.isEmpty());
        QVERIFY2(page.dom.contains(SiteFixture::postTitle), page.dom.constData());
        QVERIFY2(page.dom.contains(SiteFixture::postText), page.dom.constData());

        // The image in the body points to the blob, which answers as an image.
        static const QRegularExpression img(QStringLiteral("<img[^>]*\\ssrc=\"([^\"]+)\""));
        const QString dom = QString::fromUtf8(page.dom);
        QString media;
        for (const QRegularExpressionMatch &match : img.globalMatch(dom)) {
            if (match.captured(1).contains(m_site.imageSha256()))
                media = match.captured(1);
        }
        QVERIFY2(!media.isEmpty(), page.dom.constData());
        const SiteResponse image = fetch(m_site.siteUrl().resolved(QUrl(media)));
        QCOMPARE(image.status, 200);
        QCOMPARE(image.headers.value("content-type"), QByteArray("image/png"));
        QVERIFY(image.body.startsWith("\x89PNG"));

        // So does the theme's stylesheet.
        static const QRegularExpression css(
                QStringLiteral("<link[^>]*rel=\"stylesheet\"[^>]*href=\"([^\"]+)\""));
        const QRegularExpressionMatch sheet = css.match(dom);
        QVERIFY2(sheet.hasMatch(), page.dom.constData());
        const SiteResponse style = fetch(m_site.siteUrl().resolved(QUrl(sheet.captured(1))));
        QCOMPARE(style.status, 200);
        QVERIFY(style.headers.value("content-type").startsWith("text/css"));
    }

    void tagPageListsThePost()
    {
        const HeadlessBrowser::Page page = loadClean(m_site.siteUrl(QStringLiteral("tag/spring/")));
        QVERIFY(page.loaded);
        QVERIFY(page.console.isEmpty());
        QVERIFY2(page.dom.contains(SiteFixture::postTitle), page.dom.constData());
        QVERIFY(!page.dom.contains(SiteFixture::draftTitle));
        // Feed readers find the feed from the page.
        QVERIFY(page.dom.contains("application/atom+xml"));
    }

    void themeFollowsColorScheme()
    {
        // The page's background at a phone's size, light and dark: the dark one is darker.
        const QString light = m_dir.filePath(QStringLiteral("light.png"));
        const QString dark = m_dir.filePath(QStringLiteral("dark.png"));
        QString error;
        for (const auto &[file, scheme] : {std::pair(light, HeadlessBrowser::ColorScheme::Light),
                                           std::pair(dark, HeadlessBrowser::ColorScheme::Dark)}) {
            QVERIFY2(m_browser.screenshot(m_site.siteUrl(postSlug() + u'/'), file, QSize(390, 844),
                                          scheme, &error),
                     qPrintable(error));
        }
        const QImage lightImage(light);
        const QImage darkImage(dark);
        QCOMPARE(lightImage.size(), QSize(390, 844));
        const QPoint corner(2, 840);
        QVERIFY2(qGray(darkImage.pixel(corner)) + 64 < qGray(lightImage.pixel(corner)),
                 qPrintable(QStringLiteral("background light %1, dark %2")
                                    .arg(qGray(lightImage.pixel(corner)))
                                    .arg(qGray(darkImage.pixel(corner)))));
    }

    void pagesCarryAPolicyWithoutInlineScript()
    {
        for (const QUrl &url : {m_site.siteUrl(), m_site.siteUrl(postSlug() + u'/')}) {
            const SiteResponse response = fetch(url);
            QCOMPARE(response.status, 200);
            const QByteArray policy = response.headers.value("content-security-policy");
            QVERIFY2(!policy.isEmpty(), qPrintable(url.toString()));
            QVERIFY2(!policy.contains("unsafe-inline") || !policy.contains("script-src"),
                     policy.constData());
        }
    }

    void draftIsNotFound()
    {
        QCOMPARE(fetch(m_site.siteUrl(QStringLiteral("secret-plans/"))).status, 404);
        // Not in the feed or a tag page either.
        QVERIFY(!fetch(m_site.siteUrl(QStringLiteral("feed.atom")))
                         .body.contains(SiteFixture::draftTitle));
    }

    void feedIsValidAtom()
    {
        const SiteResponse feed = fetch(m_site.siteUrl(QStringLiteral("feed.atom")));
        QCOMPARE(feed.status, 200);
        QVERIFY2(feed.headers.value("content-type").startsWith("application/atom+xml"),
                 feed.headers.value("content-type").constData());
        const QStringList problems = atomFeedProblems(feed.body);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(feed.body.contains(SiteFixture::postTitle));
        QVERIFY(feed.body.contains(m_site.postGuid().toUtf8()));
    }

    void postTakenBackToDraftDisappears()
    {
        QVERIFY2(m_site.cli({QStringLiteral("edit"), m_site.postGuid(), QStringLiteral("--status"),
                             QStringLiteral("draft")}),
                 qPrintable(m_site.error()));
        QVERIFY2(m_site.cli({QStringLiteral("sync")}), qPrintable(m_site.error()));
        QCOMPARE(fetch(m_site.siteUrl(postSlug() + u'/')).status, 404);
        const HeadlessBrowser::Page index = loadClean(m_site.siteUrl());
        QVERIFY(index.loaded);
        QVERIFY(!index.dom.contains(SiteFixture::postTitle));
    }
};

QTEST_GUILESS_MAIN(TestSiteBrowser)
#include "tst_sitebrowser.moc"
