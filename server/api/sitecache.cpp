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
    const std::lock_guard lock(m_mutex);
    insertLocked(key, std::move(page));
}

std::optional<SiteCache::Page> SiteCache::obtain(const QString &key, const Render &render)
{
    std::unique_lock lock(m_mutex);
    bool waited = false;
    // Each pass returns, or waits for a rendering of this key, which ends (render returns).
    while (true) {
        if (const auto page = m_pages.constFind(key); page != m_pages.cend())
            return *page;
        if (!m_rendering.contains(key))
            break;
        ++m_waiting;
        m_rendered.wait(lock);
        --m_waiting;
        waited = true;
    }
    // The rendering waited for gave no page (or it is gone already): every request that waited
    // renders its own answer at once, side by side, rather than one after the other.
    const bool first = !waited;
    if (first)
        m_rendering.insert(key);
    lock.unlock();
    std::optional<Page> page = render();
    lock.lock();
    if (page)
        insertLocked(key, *page);
    if (first) {
        m_rendering.remove(key);
        m_rendered.notify_all();
    }
    return page;
}

int SiteCache::waiting() const
{
    const std::lock_guard lock(m_mutex);
    return m_waiting;
}

void SiteCache::insertLocked(const QString &key, Page page)
{
    const qint64 size =
            key.size() * 2 + page.body.size() + page.contentType.size() + page.etag.size();
    if (size > m_maxBytes / 4)
        return;
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
