#pragma once

#include <QString>

#include <functional>

namespace inkwell::publish {

// Markdown (GitHub flavour: tables, strikethrough, autolinks, task lists) to HTML that is safe to
// put in a page: raw HTML is removed, and every link or image URL is either http(s), mailto, a
// relative path, or attachment:<sha256> rewritten by mediaUrl(); any other URL is dropped.
class MarkdownRenderer final
{
public:
    using MediaUrl = std::function<QString(const QString &sha256)>;
    static QString toHtml(const QString &markdown, const MediaUrl &mediaUrl);
};

} // namespace inkwell::publish
