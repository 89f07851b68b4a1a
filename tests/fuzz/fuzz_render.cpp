// libFuzzer target: the public site's renderer on arbitrary text. The first line is a post's
// title and tags, the rest its Markdown body. Nothing may crash or leak, and no page may carry a
// script element or a javascript: URL, whatever the input.
#include "publish/markdownrenderer.h"
#include "publish/siterenderer.h"

#include <QtGlobal>

#include <cstddef>
#include <cstdint>

using namespace inkwell::publish;

namespace {

void checkSafe(const QByteArray &output)
{
    const QByteArray lower = output.toLower();
    if (lower.contains("<script"))
        qFatal("rendered output has a script element");
    if (lower.contains("href=\"javascript:") || lower.contains("src=\"javascript:"))
        qFatal("rendered output has a javascript: URL");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const SiteRenderer renderer;
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = input.indexOf(u'\n');
    const QString head = newline < 0 ? input : input.left(newline);

    SiteBlog blog;
    blog.id = QStringLiteral("1");
    blog.name = head;
    blog.pathPrefix = QStringLiteral("/b/fuzz");
    SitePost post;
    post.guid = QStringLiteral("00000000-0000-4000-8000-000000000000");
    post.slug = QStringLiteral("post");
    post.title = head;
    post.tags = head.split(u' ');
    post.bodyMarkdown = newline < 0 ? QString() : input.mid(newline + 1);

    checkSafe(MarkdownRenderer::toHtml(post.bodyMarkdown, [](const QString &sha) -> QString {
                  return QStringLiteral("/m/") + sha;
              }).toUtf8());
    checkSafe(renderer.renderPost(blog, post).body);
    checkSafe(renderer.renderIndex(blog, {post}, 1, 1).body);
    renderer.renderFeed(blog, {post});
    return 0;
}
