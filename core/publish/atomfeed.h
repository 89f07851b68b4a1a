#pragma once

#include "publish/sitedata.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace inkwell::publish {

// An Atom feed (RFC 4287) of a blog's latest posts: feed id, title, updated, self and alternate
// links; per entry id (urn:uuid:<guid>), title, author, published, updated, alternate link and
// the rendered body as type="html" content.
class AtomFeed final
{
public:
    // bodyHtml(post) gives the entry's content (the renderer passes its Markdown output).
    static QByteArray write(const SiteBlog &blog, const QList<SitePost> &latest,
                            const std::function<QString(const SitePost &)> &bodyHtml);
};

} // namespace inkwell::publish
