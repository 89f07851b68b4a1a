// The tools of the public site's tests check what they claim: headless Chromium reports a page's
// console errors and Content-Security-Policy violations, honours prefers-color-scheme and writes
// screenshots of the asked size; the Atom check accepts a minimal valid feed and names each
// required element that is missing.
#include "support/atomvalidator.h"
#include "support/headlessbrowser.h"
#include "support/tempdir.h"

#include <QFile>
#include <QImage>
#include <QTest>

using namespace inkwell::test;

namespace {

QUrl writePage(const TempDir &dir, const QString &name, const QByteArray &html)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(html);
    return QUrl::fromLocalFile(file.fileName());
}

const QByteArray validFeed =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        "  <id>http://127.0.0.1/b/garden/</id>\n"
        "  <title>Garden</title>\n"
        "  <updated>2026-12-05T08:00:00Z</updated>\n"
        "  <author><name>alice</name></author>\n"
        "  <link rel=\"alternate\" type=\"text/html\" href=\"http://127.0.0.1/b/garden/\"/>\n"
        "  <link rel=\"self\" href=\"http://127.0.0.1/b/garden/feed.atom\"/>\n"
        "  <entry>\n"
        "    <id>urn:uuid:6f1c2a52-4bd1-4a6e-9a39-1d3f0e2c7a11</id>\n"
        "    <title>Spring</title>\n"
        "    <updated>2026-12-05T08:00:00+01:00</updated>\n"
        "    <published>2026-12-04T08:00:00.250Z</published>\n"
        "    <link href=\"http://127.0.0.1/b/garden/spring/\"/>\n"
        "    <content type=\"html\">&lt;p&gt;Buds.&lt;/p&gt;</content>\n"
        "  </entry>\n"
        "</feed>\n";

} // namespace

class TestBrowserHarness : public QObject
{
    Q_OBJECT

private:
    HeadlessBrowser m_browser;
    TempDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_browser.isAvailable()) {
            if (HeadlessBrowser::browserRequired())
                QFAIL(qPrintable(HeadlessBrowser::unavailableReason()));
            QSKIP(qPrintable(HeadlessBrowser::unavailableReason()));
        }
    }

    void cleanPageHasNoConsoleMessages()
    {
        const HeadlessBrowser::Page page =
                m_browser.load(writePage(m_dir, QStringLiteral("clean.html"),
                                         "<!doctype html><title>t</title><h1>Clean</h1>"));
        QVERIFY2(page.loaded, qPrintable(page.error));
        QVERIFY(page.dom.contains("<h1>Clean</h1>"));
        QVERIFY2(page.console.isEmpty(), qPrintable(page.console.join(u'\n')));
    }

    void scriptErrorsAndCspViolationsAreReported()
    {
        const HeadlessBrowser::Page errors =
                m_browser.load(writePage(m_dir, QStringLiteral("errors.html"),
                                         "<!doctype html><h1>x</h1><script>console.error('boom');"
                                         "notDefined();</script>"));
        QVERIFY2(errors.loaded, qPrintable(errors.error));
        QVERIFY2(errors.console.join(u'\n').contains(QLatin1String("boom")),
                 qPrintable(errors.console.join(u'\n')));
        QVERIFY2(errors.console.join(u'\n').contains(QLatin1String("Uncaught ReferenceError")),
                 qPrintable(errors.console.join(u'\n')));

        const HeadlessBrowser::Page csp = m_browser.load(
                writePage(m_dir, QStringLiteral("csp.html"),
                          "<!doctype html><meta http-equiv=\"Content-Security-Policy\" "
                          "content=\"script-src 'none'\"><h1>x</h1><script>var a = 1;</script>"));
        QVERIFY2(csp.loaded, qPrintable(csp.error));
        QVERIFY2(csp.console.join(u'\n').contains(QLatin1String("Content Security Policy")),
                 qPrintable(csp.console.join(u'\n')));
    }

    void colorSchemeAndScreenshotSize()
    {
        const QUrl url =
                writePage(m_dir, QStringLiteral("scheme.html"),
                          "<!doctype html><style>html,body{margin:0;height:100%;background:#fff}"
                          "@media (prefers-color-scheme: dark){html,body{background:#000}}</style>"
                          "<body></body>");
        const QString light = m_dir.filePath(QStringLiteral("light.png"));
        const QString dark = m_dir.filePath(QStringLiteral("dark.png"));
        QString error;
        QVERIFY2(m_browser.screenshot(url, light, QSize(390, 844),
                                      HeadlessBrowser::ColorScheme::Light, &error),
                 qPrintable(error));
        QVERIFY2(m_browser.screenshot(url, dark, QSize(390, 844),
                                      HeadlessBrowser::ColorScheme::Dark, &error),
                 qPrintable(error));
        const QImage lightImage(light);
        const QImage darkImage(dark);
        QCOMPARE(lightImage.size(), QSize(390, 844));
        QCOMPARE(darkImage.size(), QSize(390, 844));
        QCOMPARE(QColor(lightImage.pixel(200, 400)), QColor(Qt::white));
        QCOMPARE(QColor(darkImage.pixel(200, 400)), QColor(Qt::black));
    }

    void consoleLinesAreParsed()
    {
        const QByteArray log = "[1:1:1205/085300.417367:INFO:CONSOLE:1] \"boom\", source: x (1)\n"
                               "[1:1:1205/085300.417367:INFO:CONSOLE(7)] \"old\", source: x (7)\n"
                               "[1:1:1205/085300.4:WARNING:other.cc(9)] unrelated\n"
                               "Refused to load the script 'x' because it violates ...\n";
        const QStringList messages = HeadlessBrowser::consoleMessages(log);
        QCOMPARE(messages.size(), 3);
        QVERIFY(messages.at(0).startsWith(QLatin1String("\"boom\"")));
        QVERIFY(messages.at(1).startsWith(QLatin1String("\"old\"")));
        QVERIFY(messages.at(2).startsWith(QLatin1String("Refused to")));
    }

    void validFeedHasNoProblems()
    {
        const QStringList problems = atomFeedProblems(validFeed);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void brokenFeedsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("feed");
        QTest::addColumn<QString>("problem");
        auto without = [](const char *from, const char *to) {
            return QByteArray(validFeed).replace(from, to);
        };
        QTest::newRow("not xml") << QByteArray(validFeed).left(200)
                                 << QStringLiteral("well-formed");
        QTest::newRow("rss") << QByteArray("<rss version=\"2.0\"><channel/></rss>")
                             << QStringLiteral("not atom:feed");
        QTest::newRow("no namespace") << without(" xmlns=\"http://www.w3.org/2005/Atom\"", "")
                                      << QStringLiteral("not atom:feed");
        QTest::newRow("feed id") << without("<id>http://127.0.0.1/b/garden/</id>", "")
                                 << QStringLiteral("feed (line");
        QTest::newRow("feed title")
                << without("<title>Garden</title>", "") << QStringLiteral("<title>");
        QTest::newRow("feed updated") << without("<updated>2026-12-05T08:00:00Z</updated>", "")
                                      << QStringLiteral("<updated>");
        QTest::newRow("bad date") << without("2026-12-05T08:00:00+01:00", "5 Dec 2026")
                                  << QStringLiteral("RFC 3339");
        QTest::newRow("no author") << without("<author><name>alice</name></author>", "")
                                   << QStringLiteral("no <author>");
        QTest::newRow("author without name")
                << without("<name>alice</name>", "<email>a@example.org</email>")
                << QStringLiteral("without <name>");
        QTest::newRow("feed alternate") << without(
                "<link rel=\"alternate\" type=\"text/html\" href=\"http://127.0.0.1/b/garden/\"/>",
                "") << QStringLiteral("feed: no <link");
        QTest::newRow("entry id") << without(
                "<id>urn:uuid:6f1c2a52-4bd1-4a6e-9a39-1d3f0e2c7a11</id>", "")
                                  << QStringLiteral("entry 1");
        QTest::newRow("relative id")
                << without("urn:uuid:6f1c2a52-4bd1-4a6e-9a39-1d3f0e2c7a11", "spring")
                << QStringLiteral("absolute IRI");
        QTest::newRow("no content nor link")
                << without("<link href=\"http://127.0.0.1/b/garden/spring/\"/>", "")
                           .replace("<content type=\"html\">&lt;p&gt;Buds.&lt;/p&gt;</content>", "")
                << QStringLiteral("neither <content>");
    }

    void brokenFeedsAreNamed()
    {
        QFETCH(QByteArray, feed);
        QFETCH(QString, problem);
        const QStringList problems = atomFeedProblems(feed);
        QVERIFY2(problems.join(u'\n').contains(problem), qPrintable(problems.join(u'\n')));
    }

    void duplicateEntryIdsAreNamed()
    {
        QByteArray feed = validFeed;
        const qsizetype start = feed.indexOf("<entry>");
        const qsizetype end = feed.indexOf("</entry>") + 8;
        feed.insert(end, feed.mid(start, end - start));
        QVERIFY(atomFeedProblems(feed).join(u'\n').contains(QLatin1String("not unique")));
    }
};

QTEST_GUILESS_MAIN(TestBrowserHarness)
#include "tst_browserharness.moc"
