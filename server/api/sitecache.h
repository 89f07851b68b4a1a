#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <mutex>
#include <optional>

namespace inkwell::server {

// Rendered pages of the public sites, by a key that names everything a page is made of (the
// blog's last revision and site settings, the path). A push bumps the blog's revision, so a page
// is never served from before it: an edit shows at the next request. Thread-safe; bounded in
// bytes (past the bound it starts empty again).
class SiteCache final
{
public:
    struct Page
    {
        QByteArray body;
        QByteArray contentType;
    };

    SiteCache() = default;
    explicit SiteCache(qint64 maxBytes) : m_maxBytes(maxBytes) { }
    SiteCache(const SiteCache &) = delete;
    SiteCache &operator=(const SiteCache &) = delete;

    std::optional<Page> find(const QString &key) const;
    void insert(const QString &key, Page page);

private:
    mutable std::mutex m_mutex;
    QHash<QString, Page> m_pages;
    qint64 m_bytes = 0;
    qint64 m_maxBytes = 32 * 1024 * 1024;
};

} // namespace inkwell::server
