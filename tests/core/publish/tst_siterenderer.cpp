#include "publish/siterenderer.h"
#include "publish/siteurls.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace inkwell::publish;

namespace {

const QString coverSha = QString(64, u'c');

SiteBlog blog()
{
    SiteBlog b;
    b.id = u"7"_qs;
    b.slug = u"notes"_qs;
    b.name = u"Field <Notes>"_qs;
    b.description = u"Walks & talks"_qs;
    b.baseUrl = u"https://example.org"_qs;
    b.pathPrefix = u"/b/notes"_qs;
    return b;
}

SitePost post(int n)
{
    SitePost p;
    p.guid = u"6f1c2a4e-5b7d-4e8f-9a0b-00000000000"_qs + QString::number(n % 10);
    p.slug = u"post-"_qs + QString::number(n);
    p.title = u"Post \"number\" "_qs + QString::number(n);
    p.bodyMarkdown = u"Hello **world**\n\n![pic](attachment:"_qs + coverSha + u")"_qs;
    p.tags = {u"Küche"_qs, u"a&b"_qs};
    p.author = u"Ada"_qs;
    p.published = QDateTime(QDate(2026, 3, n % 28 + 1), QTime(10, 0), Qt::UTC);
    p.modified = p.published.addDays(1);
    p.coverSha256 = coverSha;
    return p;
}

QString html(const RenderedPage &page)
{
    return QString::fromUtf8(page.body);
}

} // namespace

class TestSiteRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postPageShowsEverythingEscaped()
    {
        const SiteRenderer renderer;
        const RenderedPage page = renderer.renderPost(blog(), post(1));
        QCOMPARE(page.contentType, QByteArrayLiteral("text/html; charset=utf-8"));
        const QString text = html(page);
        QVERIFY2(text.startsWith(u"<!DOCTYPE html>"), qPrintable(text));
        QVERIFY2(text.contains(u"<h1 class=\"post-title\">Post &quot;number&quot; 1</h1>"),
                 qPrintable(text));
        QVERIFY(text.contains(u"Field &lt;Notes&gt;"));
        QVERIFY(!text.contains(u"<Notes>"));
        QVERIFY(text.contains(u"Walks &amp; talks"));
        QVERIFY(text.contains(u"<strong>world</strong>"));
        QVERIFY(text.contains(u"<img class=\"post-cover\" src=\"/b/notes/media/"_qs + coverSha));
        QVERIFY(text.contains(u"<img src=\"/b/notes/media/"_qs + coverSha + u"\" alt=\"pic\""));
        QVERIFY(text.contains(u"<a href=\"/b/notes/tag/kueche/\">Küche</a>"));
        QVERIFY(text.contains(u"<a href=\"/b/notes/tag/a-b/\">a&amp;b</a>"));
        QVERIFY(text.contains(u"Ada"));
        QVERIFY(text.contains(u"<time datetime=\"2026-03-02T10:00:00Z\">2 March 2026</time>"));
        QVERIFY(text.contains(u"<link rel=\"alternate\" type=\"application/atom+xml\" "
                              u"title=\"Field &lt;Notes&gt;\" href=\"/b/notes/feed.atom\">"));
        QVERIFY(text.contains(u"<link rel=\"stylesheet\" href=\"/b/notes/style.css\">"));
        // Works under the Content-Security-Policy: no script, no inline style.
        QVERIFY(!text.contains(u"<script"));
        QVERIFY(!text.contains(u"style="));
        QVERIFY(!text.contains(u"<style"));
    }

    void indexPaginates()
    {
        const SiteRenderer renderer;
        const QString first = html(renderer.renderIndex(blog(), {post(1), post(2)}, 1, 3));
        QVERIFY(first.contains(u"href=\"/b/notes/post-1/\""));
        QVERIFY(first.contains(u"href=\"/b/notes/post-2/\""));
        QVERIFY(first.contains(u"rel=\"next\" href=\"/b/notes/page/2/\""));
        QVERIFY(!first.contains(u"rel=\"prev\""));
        const QString middle = html(renderer.renderIndex(blog(), {post(3)}, 2, 3));
        QVERIFY(middle.contains(u"rel=\"prev\" href=\"/b/notes/\""));
        QVERIFY(middle.contains(u"rel=\"next\" href=\"/b/notes/page/3/\""));
        const QString empty = html(renderer.renderIndex(blog(), {}, 1, 1));
        QVERIFY(empty.contains(u"Nothing published yet."));
        QVERIFY(!empty.contains(u"rel=\"next\""));
    }

    void tagPageListsItsPosts()
    {
        const SiteRenderer renderer;
        const QString text = html(renderer.renderTag(blog(), u"Küche"_qs, {post(4)}, 1, 2));
        QVERIFY(text.contains(u"Tagged “Küche”"));
        QVERIFY(text.contains(u"href=\"/b/notes/post-4/\""));
        QVERIFY(text.contains(u"rel=\"next\" href=\"/b/notes/tag/kueche/page/2/\""));
    }

    void notFoundAndStylesheet()
    {
        const SiteRenderer renderer;
        QVERIFY(html(renderer.renderNotFound(blog())).contains(u"<a href=\"/b/notes/\">"));
        const RenderedPage css = renderer.stylesheet();
        QCOMPARE(css.contentType, QByteArrayLiteral("text/css; charset=utf-8"));
        QVERIFY(css.body.contains("prefers-color-scheme: dark"));
    }

    void operatorTemplatesOverrideFileByFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(u"templates"_qs));
        QFile layout(dir.filePath(u"templates/layout.mustache"_qs));
        QVERIFY(layout.open(QIODevice::WriteOnly));
        layout.write("<custom>{{blog.name}}|{{{content}}}</custom>");
        layout.close();
        const SiteRenderer renderer({dir.path()});
        const QString text = html(renderer.renderPost(blog(), post(5)));
        QVERIFY2(text.startsWith(u"<custom>Field &lt;Notes&gt;|"), qPrintable(text));
        QVERIFY(text.contains(u"<h1 class=\"post-title\">")); // post.mustache from the defaults
        QVERIFY(renderer.stylesheet().body.contains("prefers-color-scheme"));
    }

    void feedIsWellFormedAtom()
    {
        const SiteRenderer renderer;
        const RenderedPage feed = renderer.renderFeed(blog(), {post(1), post(2)});
        QCOMPARE(feed.contentType, QByteArrayLiteral("application/atom+xml; charset=utf-8"));
        QXmlStreamReader xml(feed.body);
        const QString atom = u"http://www.w3.org/2005/Atom"_qs;
        QStringList feedChildren;
        QList<QStringList> entries;
        QStringList links;
        QString content;
        int depth = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                ++depth;
                QCOMPARE(xml.namespaceUri().toString(), atom);
                const QString name = xml.name().toString();
                if (depth == 2)
                    feedChildren << name;
                if (depth == 2 && name == u"entry")
                    entries.append(QStringList());
                if (depth == 3)
                    entries.last() << name;
                if (name == u"link")
                    links << xml.attributes().value(u"rel"_qs).toString() + u' '
                                    + xml.attributes().value(u"href"_qs).toString();
                if (depth == 3 && name == u"content" && entries.size() == 1) {
                    QCOMPARE(xml.attributes().value(u"type"_qs), u"html"_qs);
                    content = xml.readElementText();
                    --depth;
                }
            } else if (xml.isEndElement()) {
                --depth;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        for (const QString &required : {u"id"_qs, u"title"_qs, u"updated"_qs, u"link"_qs})
            QVERIFY2(feedChildren.contains(required), qPrintable(required));
        QCOMPARE(entries.size(), 2);
        for (const QStringList &entry : entries) {
            for (const QString &required : {u"id"_qs, u"title"_qs, u"updated"_qs, u"published"_qs,
                                            u"author"_qs, u"link"_qs, u"content"_qs})
                QVERIFY2(entry.contains(required), qPrintable(required));
        }
        QVERIFY(links.contains(u"self https://example.org/b/notes/feed.atom"_qs));
        QVERIFY(links.contains(u"alternate https://example.org/b/notes/"_qs));
        QVERIFY(links.contains(u"alternate https://example.org/b/notes/post-1/"_qs));
        QVERIFY(content.contains(u"<strong>world</strong>"));
        QVERIFY(feed.body.contains("<id>urn:uuid:6f1c2a4e-5b7d-4e8f-9a0b-000000000001</id>"));
        QVERIFY(feed.body.contains("<updated>2026-03-04T10:00:00Z</updated>"));
    }
};

QTEST_GUILESS_MAIN(TestSiteRenderer)
#include "tst_siterenderer.moc"
