#include "publish/markdownrenderer.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <QByteArray>
#include <QList>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace inkwell::publish {

namespace {

struct ParserDeleter
{
    void operator()(cmark_parser *parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter
{
    void operator()(cmark_node *node) const { cmark_node_free(node); }
};
struct IterDeleter
{
    void operator()(cmark_iter *iter) const { cmark_iter_free(iter); }
};

bool isSha256(const QString &text)
{
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](QChar c) {
               return (c >= u'a' && c <= u'f') || (c >= u'0' && c <= u'9');
           });
}

// The URL a browser would follow: tabs and line breaks removed anywhere, leading control
// characters and spaces removed (WHATWG URL parsing).
QString browserView(const QString &url)
{
    QString cleaned;
    cleaned.reserve(url.size());
    for (const QChar c : url) {
        if (c == u'\t' || c == u'\n' || c == u'\r')
            continue;
        if (cleaned.isEmpty() && c.unicode() <= 0x20)
            continue;
        cleaned += c;
    }
    return cleaned;
}

// The URL the page may carry for url, or an empty string when it must be dropped.
QString safeUrl(const QString &url, const MarkdownRenderer::MediaUrl &mediaUrl)
{
    const QString cleaned = browserView(url);
    const qsizetype colon = cleaned.indexOf(u':');
    const qsizetype pathStart = [&] {
        qsizetype first = cleaned.size();
        for (const QChar c : {u'/', u'?', u'#'}) {
            const qsizetype at = cleaned.indexOf(c);
            if (at >= 0 && at < first)
                first = at;
        }
        return first;
    }();
    if (colon < 0 || colon > pathStart)
        return cleaned; // relative: no scheme
    const QString scheme = cleaned.left(colon).toLower();
    if (scheme == u"http" || scheme == u"https" || scheme == u"mailto")
        return cleaned;
    if (scheme == u"attachment") {
        const QString sha = cleaned.mid(colon + 1).toLower();
        return isSha256(sha) && mediaUrl ? mediaUrl(sha) : QString();
    }
    return {};
}

// Most table cells a document may produce. cmark-gfm pads every row of a table to the width
// of its header, so a few kilobytes of rows under a wide header make millions of cells.
constexpr qsizetype maximumTableCells = 10'000;

bool isBlank(QStringView line)
{
    return std::all_of(line.begin(), line.end(),
                       [](QChar c) { return c == u' ' || c == u'\t' || c == u'>'; });
}

// An upper bound of the table cells cmark-gfm can make of markdown: for every line that could be
// a table's delimiter row ("|---|:--:|"), its columns times the lines up to the next blank one.
qsizetype tableCellBound(const QString &markdown)
{
    // Line ends as CommonMark knows them: LF, CR LF and a lone CR.
    QString text = markdown;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n")).replace(u'\r', u'\n');
    const QList<QStringView> lines = QStringView(text).split(u'\n');
    qsizetype cells = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QStringView line = lines[i];
        qsizetype columns = 0;
        bool previousDash = false;
        bool delimiterRow = line.contains(u'-');
        for (const QChar c : line) {
            if (c == u'-' && !previousDash)
                ++columns;
            previousDash = c == u'-';
            if (c != u'-' && c != u'|' && c != u':' && c != u' ' && c != u'\t' && c != u'>'
                && c != u'*' && c != u'+' && !c.isDigit() && c != u'.' && c != u')')
                delimiterRow = false;
        }
        if (!delimiterRow)
            continue;
        qsizetype rows = 1; // the header
        for (qsizetype j = i + 1; j < lines.size() && !isBlank(lines[j]); ++j)
            ++rows;
        cells += columns * rows;
        if (cells > maximumTableCells)
            break;
    }
    return cells;
}

void attachExtension(cmark_parser *parser, const char *name)
{
    if (cmark_syntax_extension *extension = cmark_find_syntax_extension(name))
        cmark_parser_attach_syntax_extension(parser, extension);
}

// Rewrites every link and image URL in the tree to safeUrl().
void rewriteUrls(cmark_node *document, const MarkdownRenderer::MediaUrl &mediaUrl)
{
    const std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
    cmark_event_type event;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter.get());
        if (event != CMARK_EVENT_ENTER)
            continue;
        const cmark_node_type type = cmark_node_get_type(node);
        if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)
            continue;
        const char *url = cmark_node_get_url(node);
        const QString safe = safeUrl(QString::fromUtf8(url ? url : ""), mediaUrl);
        cmark_node_set_url(node, safe.toUtf8().constData());
    }
}

} // namespace

QString MarkdownRenderer::toHtml(const QString &markdown, const MediaUrl &mediaUrl)
{
    cmark_gfm_core_extensions_ensure_registered();
    // CMARK_OPT_DEFAULT is cmark's safe mode: raw HTML is replaced by a comment and
    // javascript:, vbscript:, file: and most data: URLs are dropped. CMARK_OPT_UNSAFE is never set.
    const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
    const std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
    // Tables only where they stay small; otherwise their rows show as text.
    if (tableCellBound(markdown) <= maximumTableCells)
        attachExtension(parser.get(), "table");
    for (const char *name : {"strikethrough", "autolink", "tagfilter", "tasklist"})
        attachExtension(parser.get(), name);
    const QByteArray utf8 = markdown.toUtf8();
    cmark_parser_feed(parser.get(), utf8.constData(), size_t(utf8.size()));
    const std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));
    if (!document)
        return {};
    rewriteUrls(document.get(), mediaUrl);
    char *html = cmark_render_html(document.get(), options,
                                   cmark_parser_get_syntax_extensions(parser.get()));
    const QString result = QString::fromUtf8(html);
    std::free(html);
    return result;
}

} // namespace inkwell::publish
