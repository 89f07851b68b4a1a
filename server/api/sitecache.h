#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>

namespace inkwell::server {

// Rendered pages of the public sites, by a key that names everything a page is made of (for a
// post page the post's revision, for the other pages the blog's last revision; the site
// settings; the path). A push bumps those revisions, so a page is never served from before it:
// an edit shows at the next request. Thread-safe; bounded in bytes (past the bound it starts
// empty again).
class SiteCache final
{
public:
    struct Page
    {
        QByteArray body;
        QByteArray contentType;
        QByteArray etag;
    };
    using Render = std::function<std::optional<Page>()>;

    SiteCache() = default;
    explicit SiteCache(qint64 maxBytes) : m_maxBytes(maxBytes) { }
    SiteCache(const SiteCache &) = delete;
    SiteCache &operator=(const SiteCache &) = delete;

    std::optional<Page> find(const QString &key) const;
    void insert(const QString &key, Page page);
    // The page under key; when it is missing, render makes it, once: requests for the same key
    // that arrive meanwhile wait for that rendering instead of rendering it again (after a push,
    // fifty readers of the index cost one rendering, not fifty). render returns nothing for an
    // answer that is not a page (e.g. a 404); then each waiting request renders for itself.
    std::optional<Page> obtain(const QString &key, const Render &render);
    // Requests waiting in obtain for another's rendering now.
    int waiting() const;

private:
    void insertLocked(const QString &key, Page page);

    mutable std::mutex m_mutex;
    std::condition_variable m_rendered;
    QHash<QString, Page> m_pages;
    QSet<QString> m_rendering;
    int m_waiting = 0;
    qint64 m_bytes = 0;
    qint64 m_maxBytes = 32 * 1024 * 1024;
};

} // namespace inkwell::server
