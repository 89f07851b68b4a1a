#include "publish/markdownrenderer.h"

namespace inkwell::publish {

QString MarkdownRenderer::toHtml(const QString &markdown, const MediaUrl &mediaUrl)
{
    Q_UNUSED(mediaUrl);
    return markdown.toHtmlEscaped();
}

} // namespace inkwell::publish
