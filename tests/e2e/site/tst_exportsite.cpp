// inkwell-cli export against the real server's public site: the export of a writer's profile,
// made for the same address, holds a file for every page the server serves, and a post's page
// shows the same title and the same body HTML (the one renderer, the same slug).
#include "sitefixture.h"

#include "support/tempdir.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
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
};

QTEST_GUILESS_MAIN(TestExportSite)
#include "tst_exportsite.moc"
