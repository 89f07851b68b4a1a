#include "publish/markdownrenderer.h"
#include "publish/siterenderer.h"

#include <QRegularExpression>
#include <QTest>

using namespace inkwell::publish;

namespace {

const QString sha = QString(64, u'b');

QString render(const QString &markdown)
{
    return MarkdownRenderer::toHtml(markdown, [](const QString &hash) -> QString {
        return QStringLiteral("/b/x/media/") + hash;
    });
}

// Everything in html that a browser could run: script elements, event handler attributes, and
// href/src/action values with a scheme other than http(s), mailto or none.
QStringList dangerousParts(const QString &html)
{
    QStringList found;
    const QString lower = html.toLower();
    if (lower.contains(u"<script"))
        found << QStringLiteral("<script");
    static const QRegularExpression tag(QStringLiteral("<[a-z][^>]*>"));
    static const QRegularExpression quotedValue(QStringLiteral("\"[^\"]*\""));
    static const QRegularExpression eventAttribute(QStringLiteral("\\son[a-z]+\\s*="));
    static const QRegularExpression urlAttribute(
            QStringLiteral("\\s(?:href|src|action|formaction|xlink:href)\\s*=\\s*\"([^\"]*)\""));
    for (auto tags = tag.globalMatch(lower); tags.hasNext();) {
        const QString element = tags.next().captured();
        // Attribute values are always double-quoted in the output, with quotes inside escaped:
        // what is inside them is text, not attributes.
        QString outsideValues = element;
        outsideValues.replace(quotedValue, QStringLiteral("\"\""));
        if (eventAttribute.match(outsideValues).hasMatch())
            found << element;
        if (element.startsWith(u"<svg") || element.startsWith(u"<iframe")
            || element.startsWith(u"<object") || element.startsWith(u"<embed")
            || element.startsWith(u"<style") || element.startsWith(u"<form"))
            found << element;
        for (auto urls = urlAttribute.globalMatch(element); urls.hasNext();) {
            const QString url = urls.next().captured(1);
            const qsizetype colon = url.indexOf(u':');
            const qsizetype slash = url.indexOf(u'/');
            if (colon < 0 || (slash >= 0 && slash < colon))
                continue;
            const QString scheme = url.left(colon);
            if (scheme != u"http" && scheme != u"https" && scheme != u"mailto")
                found << element;
        }
    }
    return found;
}

} // namespace

class TestMarkdownRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rendersCommonMarkAndGfm_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("expected");
        QTest::newRow("heading") << u"# Title\n\n## Sub"_qs << u"<h1>Title</h1>\n<h2>Sub</h2>\n"_qs;
        QTest::newRow("emphasis") << u"*a* **b** ~~c~~"_qs
                                  << u"<p><em>a</em> <strong>b</strong> <del>c</del></p>\n"_qs;
        QTest::newRow("list") << u"- one\n- two"_qs
                              << u"<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"_qs;
        QTest::newRow("ordered") << u"1. one\n2. two"_qs
                                 << u"<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"_qs;
        QTest::newRow("link") << u"[x](https://example.org/a?b=c)"_qs
                              << u"<p><a href=\"https://example.org/a?b=c\">x</a></p>\n"_qs;
        QTest::newRow("relative link")
                << u"[x](../other/)"_qs << u"<p><a href=\"../other/\">x</a></p>\n"_qs;
        QTest::newRow("autolink")
                << u"see www.example.org"_qs
                << u"<p>see <a href=\"http://www.example.org\">www.example.org</a></p>\n"_qs;
        QTest::newRow("image attachment")
                << u"![A cat](attachment:"_qs + sha + u")"_qs
                << u"<p><img src=\"/b/x/media/"_qs + sha + u"\" alt=\"A cat\" /></p>\n"_qs;
        QTest::newRow("link attachment") << u"[file](attachment:"_qs + sha
                        + u")"_qs << u"<p><a href=\"/b/x/media/"_qs + sha + u"\">file</a></p>\n"_qs;
        QTest::newRow("bad attachment dropped")
                << u"![x](attachment:nothex)"_qs << u"<p><img src=\"\" alt=\"x\" /></p>\n"_qs;
        QTest::newRow("code") << u"```\n<b>\n```"_qs << u"<pre><code>&lt;b&gt;\n</code></pre>\n"_qs;
    }
    void rendersCommonMarkAndGfm()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, expected);
        QCOMPARE(render(markdown), expected);
    }

    void rendersTaskListsAndRemovesRawHtml()
    {
        const QString tasks = render(u"- [x] done\n- [ ] open"_qs);
        QVERIFY2(tasks.contains(u"<input type=\"checkbox\" checked=\"\" disabled=\"\" /> done"),
                 qPrintable(tasks));
        QCOMPARE(render(u"a <b>bold</b> b"_qs),
                 u"<p>a <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> b</p>\n"_qs);
    }

    void rendersTables()
    {
        const QString html = render(u"| a | b |\n|---|--:|\n| 1 | 2 |"_qs);
        QVERIFY2(html.contains(u"<table>"), qPrintable(html));
        QVERIFY(html.contains(u"<th>a</th>"));
        QVERIFY(html.contains(u"<td align=\"right\">2</td>"));
    }

    void tablesStaySmall()
    {
        // A wide header over many short rows: cmark-gfm would pad every row to 2,000 cells.
        const QString wide = QStringLiteral("|a").repeated(2000) + u'\n'
                + QStringLiteral("|-").repeated(2000) + u'\n'
                + QStringLiteral("|b\n").repeated(2000);
        for (const QString &lineEnd : {u"\n"_qs, u"\r\n"_qs, u"\r"_qs}) {
            QString input = wide;
            input.replace(u"\n"_qs, lineEnd);
            const QString html = render(input);
            QVERIFY(!html.contains(u"<table>"));
            QVERIFY2(html.size() < 3 * wide.size(), qPrintable(QString::number(html.size())));
        }
        // A table of usual size next to it still is one.
        QVERIFY(render(u"| a | b |\n|---|---|\n"_qs + u"| 1 | 2 |\n"_qs.repeated(500))
                        .contains(u"<table>"));
    }

    void noPayloadSurvives_data()
    {
        QTest::addColumn<QString>("markdown");
        const QStringList payloads{
                u"<script>alert(1)</script>"_qs,
                u"<SCRIPT SRC=//evil.example/x.js></SCRIPT>"_qs,
                u"text <script>alert(1)</script> inline"_qs,
                u"<img src=x onerror=alert(1)>"_qs,
                u"<img src=x onerror=\"alert(1)\"/>"_qs,
                u"<div onmouseover=\"alert(1)\">hover</div>"_qs,
                u"<a href=\"javascript:alert(1)\">x</a>"_qs,
                u"<svg onload=alert(1)>"_qs,
                u"<svg><script>alert(1)</script></svg>"_qs,
                u"<iframe src=\"javascript:alert(1)\"></iframe>"_qs,
                u"<style>body{background:url(javascript:alert(1))}</style>"_qs,
                u"<scr<script>ipt>alert(1)</script>"_qs,
                u"<img src=x onerror=alert(1"_qs,
                u"<<script>script>alert(1)<</script>/script>"_qs,
                u"<a href=\"x\" onclick=alert(1)>unclosed"_qs,
                u"[x](javascript:alert(1))"_qs,
                u"[x](JaVaScRiPt:alert(1))"_qs,
                u"[x](&#106;avascript:alert(1))"_qs,
                u"[x](&#x6A;avascript&#58;alert(1))"_qs,
                u"[x](<java\tscript:alert(1)>)"_qs,
                u"[x]( javascript:alert(1))"_qs,
                u"[x](vbscript:msgbox(1))"_qs,
                u"[x](file:///etc/passwd)"_qs,
                u"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"_qs,
                u"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"_qs,
                u"![x](data:image/png;base64,iVBORw0KGgo=)"_qs,
                u"![x](javascript:alert(1) \"title\")"_qs,
                u"[x][ref]\n\n[ref]: javascript:alert(1)"_qs,
                u"<javascript:alert(1)>"_qs,
                u"[x](\"onmouseover=alert(1) \")"_qs,
                u"![\" onerror=\"alert(1)](x.png)"_qs,
                u"[a](x.png \"\\\" onclick=alert(1) \\\"\")"_qs,
                u"<!-- --><script>alert(1)</script>"_qs,
                u"<details open ontoggle=alert(1)>"_qs,
                u"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>"_qs,
                u"<form action=javascript:alert(1)><button>x</button></form>"_qs,
        };
        for (const QString &payload : payloads)
            QTest::newRow(qPrintable(payload)) << payload;
    }
    void noPayloadSurvives()
    {
        QFETCH(QString, markdown);
        const QString html = render(markdown);
        const QStringList dangerous = dangerousParts(html);
        QVERIFY2(dangerous.isEmpty(), qPrintable(html));
        QVERIFY2(!html.toLower().contains(u"javascript:\""), qPrintable(html));
        // The same inside a whole page, as title, tag and blog name too.
        SiteRenderer renderer;
        SiteBlog blog;
        blog.id = u"b"_qs;
        blog.slug = u"b"_qs;
        blog.name = markdown;
        blog.description = markdown;
        blog.pathPrefix = u"/b/b"_qs;
        SitePost post;
        post.guid = u"0b9f2c1e-0000-4000-8000-000000000001"_qs;
        post.slug = u"p"_qs;
        post.title = markdown;
        post.bodyMarkdown = markdown;
        post.tags = {markdown};
        post.author = markdown;
        post.published = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        for (const RenderedPage &page :
             {renderer.renderPost(blog, post), renderer.renderIndex(blog, {post}, 1, 1),
              renderer.renderTag(blog, markdown, {post}, 1, 1)}) {
            const QString pageHtml = QString::fromUtf8(page.body);
            QVERIFY2(dangerousParts(pageHtml).isEmpty(), qPrintable(pageHtml));
        }
    }

    void checkerFindsWhatItLooksFor()
    {
        // The XSS check above must be able to fail.
        QVERIFY(!dangerousParts(u"<script>"_qs).isEmpty());
        QVERIFY(!dangerousParts(u"<img src=\"x\" onerror=\"a\">"_qs).isEmpty());
        QVERIFY(!dangerousParts(u"<a href=\"JavaScript:x\">"_qs).isEmpty());
        QVERIFY(!dangerousParts(u"<img src=\"data:image/png;base64,AA\">"_qs).isEmpty());
        QVERIFY(!dangerousParts(u"<img src=x onerror=a>"_qs).isEmpty());
        QVERIFY(dangerousParts(u"<a href=\"https://x/y:z\"><img src=\"/m/a\">"_qs).isEmpty());
        QVERIFY(dangerousParts(u"<img alt=\"&quot; onerror=&quot;x\">"_qs).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMarkdownRenderer)
#include "tst_markdownrenderer.moc"
