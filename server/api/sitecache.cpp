#include "server/api/sitecache.h"

namespace inkwell::server {

std::optional<SiteCache::Page> SiteCache::find(const QString &key) const
{
    const std::lock_guard lock(m_mutex);
    const auto page = m_pages.constFind(key);
    if (page == m_pages.cend())
        return std::nullopt;
    return *page; // implicitly shared: no copy of the bytes
}

void SiteCache::insert(const QString &key, Page page)
{
    const qint64 size = key.size() * 2 + page.body.size() + page.contentType.size();
    if (size > m_maxBytes / 4)
        return;
    const std::lock_guard lock(m_mutex);
    if (m_bytes + size > m_maxBytes) {
        // Pages of earlier revisions are never asked for again: start over rather than track age.
        m_pages.clear();
        m_bytes = 0;
    }
    if (!m_pages.contains(key)) {
        m_pages.insert(key, std::move(page));
        m_bytes += size;
    }
}

} // namespace inkwell::server
