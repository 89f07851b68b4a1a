#include "publish/atomfeed.h"

namespace inkwell::publish {

QByteArray AtomFeed::write(const SiteBlog &blog, const QList<SitePost> &latest,
                           const std::function<QString(const SitePost &)> &bodyHtml)
{
    Q_UNUSED(blog);
    Q_UNUSED(latest);
    Q_UNUSED(bodyHtml);
    return {};
}

} // namespace inkwell::publish
