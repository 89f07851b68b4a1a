// inkwell-cli export against the real server's public site: the export of a writer's profile,
// made for the same address, holds a file for every page the server serves, and a post's page
// shows the same title and the same body HTML (the one renderer, the same slug). Served by a
// static web host (Python's http.server on loopback), an export made for the host's address is
// the same site in a real browser: pages, image, theme and a valid feed.
#include "sitefixture.h"

#include "support/atomvalidator.h"
#include "support/headlessbrowser.h"
#include "support/tempdir.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace inkwell;
using namespace inkwell::test;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The part of a page between the first `<tag class="cls"` and its closing tag (no nesting of tag
// inside), or empty.
QByteArray element(const QByteArray &page, const QByteArray &tag, const QByteArray &cls)
{
    const qsizetype start = page.indexOf(QByteArray("<" + tag + " class=\"" + cls + "\""));
    if (start < 0)
        return {};
    const qsizetype end = page.indexOf(QByteArray("</" + tag + ">"), start);
    return end < 0 ? QByteArray() : page.mid(start, end - start);
}

// A static web host for a folder: `python3 -m http.server` on 127.0.0.1 at a free port.
class StaticHost final
{
public:
    explicit StaticHost(const QString &folder)
    {
        m_process.setProgram(QStringLiteral("python3"));
        m_process.setArguments({QStringLiteral("-u"), QStringLiteral("-m"),
                                QStringLiteral("http.server"), QStringLiteral("0"),
                                QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                                QStringLiteral("--directory"), folder});
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
    }
    ~StaticHost()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    StaticHost(const StaticHost &) = delete;
    StaticHost &operator=(const StaticHost &) = delete;

    // Starts the host and waits (bounded) for the port it announces; an empty URL on failure.
    QUrl start()
    {
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return {};
        static const QRegularExpression announced(QStringLiteral("port (\\d+)"));
        QByteArray out;
        for (int waits = 0; waits < 100 && m_process.state() == QProcess::Running; ++waits) {
            m_process.waitForReadyRead(100);
            out += m_process.readAllStandardOutput();
            const QRegularExpressionMatch port = announced.match(QString::fromUtf8(out));
            if (port.hasMatch())
                return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port.captured(1)));
        }
        return {};
    }

private:
    QProcess m_process;
};

} // namespace

class TestExportSite : public QObject
{
    Q_OBJECT

private:
    SiteFixture m_site;
    TempDir m_dir;
    QString m_export;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_site.setUp(), qPrintable(m_site.error()));
        m_export = m_dir.filePath(QStringLiteral("site"));
        // The export for the address the server serves the blog at: the same links.
        QVERIFY2(m_site.cli({QStringLiteral("export"), m_export, QStringLiteral("--base-url"),
                             m_site.siteUrl().toString()}),
                 qPrintable(m_site.error()));
    }

    void everyExportedFileIsAPageOfTheServer()
    {
        QDirIterator it(m_export, QDir::Files, QDirIterator::Subdirectories);
        int pages = 0;
        while (it.hasNext()) {
            QString path = QDir(m_export).relativeFilePath(it.next());
            if (path == QLatin1String("404.html"))
                continue;
            if (path.endsWith(QLatin1String("index.html")))
                path.chop(int(qstrlen("index.html")));
            const SiteResponse answer = fetch(m_site.siteUrl(path));
            QVERIFY2(answer.status == 200, qPrintable(path));
            ++pages;
        }
        QVERIFY(pages >= 5); // index, post, tag, feed, style, image
    }

    void thePostPageShowsTheSameContent()
    {
        const QString slug = QStringLiteral("spring-in-the-garden");
        const QByteArray exported =
                readFile(QDir(m_export).filePath(slug + QStringLiteral("/index.html")));
        const SiteResponse served = fetch(m_site.siteUrl(slug + u'/'));
        QCOMPARE(served.status, 200);
        QVERIFY(exported.contains(SiteFixture::postTitle));
        const QByteArray body = element(exported, "div", "post-body");
        QVERIFY(body.contains(SiteFixture::postText));
        QVERIFY(body.contains(QByteArray("/media/" + m_site.imageSha256().toLatin1())));
        QCOMPARE(body, element(served.body, "div", "post-body"));
        QCOMPARE(element(exported, "h1", "post-title"), element(served.body, "h1", "post-title"));
        // The image is the same bytes.
        const SiteResponse image =
                fetch(m_site.siteUrl(QStringLiteral("media/") + m_site.imageSha256()));
        QCOMPARE(image.status, 200);
        QCOMPARE(readFile(QDir(m_export).filePath(QStringLiteral("media/") + m_site.imageSha256())),
                 image.body);
        // The draft is in neither.
        QVERIFY(!QDir(m_export).exists(QStringLiteral("secret-plans")));
        QCOMPARE(fetch(m_site.siteUrl(QStringLiteral("secret-plans/"))).status, 404);
    }

    void aStaticHostServesTheExportAsTheSite()
    {
        const QString hosted = m_dir.filePath(QStringLiteral("hosted"));
        QVERIFY(QDir().mkpath(hosted));
        StaticHost host(hosted);
        const QUrl base = host.start();
        QVERIFY2(base.isValid(), "python3 -m http.server did not start");
        QVERIFY2(m_site.cli({QStringLiteral("export"), hosted, QStringLiteral("--base-url"),
                             base.toString()}),
                 qPrintable(m_site.error()));

        // The post page: the server's body, with the host's addresses for the blog's.
        const QString slug = QStringLiteral("spring-in-the-garden/");
        const SiteResponse page = fetch(base.resolved(QUrl(slug)));
        QCOMPARE(page.status, 200);
        const SiteResponse served = fetch(m_site.siteUrl(slug));
        QCOMPARE(element(page.body, "div", "post-body"),
                 element(served.body, "div", "post-body").replace("/b/garden/", "/"));
        QVERIFY(element(page.body, "h1", "post-title").contains(SiteFixture::postTitle));
        const SiteResponse index = fetch(base);
        QCOMPARE(index.status, 200);
        QVERIFY(index.body.contains(SiteFixture::postTitle));
        QVERIFY(index.body.contains(QByteArray(QByteArray("href=\"/") + slug.toUtf8() + '"')));
        QVERIFY(!index.body.contains(SiteFixture::draftTitle));
        const QString media = QStringLiteral("media/") + m_site.imageSha256();
        QCOMPARE(fetch(base.resolved(QUrl(media))).body, fetch(m_site.siteUrl(media)).body);
        const SiteResponse feed = fetch(base.resolved(QUrl(QStringLiteral("feed.atom"))));
        QCOMPARE(feed.status, 200);
        const QStringList problems = atomFeedProblems(feed.body);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(fetch(base.resolved(QUrl(QStringLiteral("secret-plans/")))).status, 404);

        // In the browser: the page, its image and its theme load without a console message.
        HeadlessBrowser browser;
        if (!browser.isAvailable()) {
            if (HeadlessBrowser::browserRequired())
                QFAIL(qPrintable(HeadlessBrowser::unavailableReason()));
            QSKIP(qPrintable(HeadlessBrowser::unavailableReason()));
        }
        const HeadlessBrowser::Page shown = browser.load(base.resolved(QUrl(slug)));
        QVERIFY2(shown.loaded, qPrintable(shown.error));
        QVERIFY2(shown.console.isEmpty(), qPrintable(shown.console.join(u'\n')));
        QVERIFY(shown.dom.contains(SiteFixture::postText));
    }
};

QTEST_GUILESS_MAIN(TestExportSite)
#include "tst_exportsite.moc"
