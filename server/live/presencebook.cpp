#include "server/live/presencebook.h"

#include <QCryptographicHash>

#include <algorithm>

namespace inkwell::server::live {

namespace {

const QString emptyToken = QStringLiteral("0");

} // namespace

QByteArray PresenceBook::key(const QString &user, const QByteArray &client)
{
    return user.toUtf8() + '\n' + client;
}

PresenceBook::Outcome PresenceBook::put(qint64 blog, const QString &user, const QByteArray &client,
                                        const QString &guid, const QString &state,
                                        Clock::time_point now)
{
    Blog &entries = m_blogs[blog];
    const QByteArray k = key(user, client);
    const Clock::time_point expires = now + m_limits.ttl;
    if (const auto it = entries.entries.find(k); it != entries.entries.end()) {
        it->expires = expires;
        if (it->guid == guid && it->state == state)
            return Outcome::Unchanged;
        it->guid = guid;
        it->state = state;
        it->since = now;
        retoken(blog);
        return Outcome::Changed;
    }
    // A member's oldest entry gives way to its newest; others' entries are never evicted.
    int ofUser = 0;
    auto oldest = entries.entries.end();
    for (auto it = entries.entries.begin(); it != entries.entries.end(); ++it) {
        if (it->user != user)
            continue;
        ++ofUser;
        if (oldest == entries.entries.end() || it->since < oldest->since)
            oldest = it;
    }
    if (ofUser >= m_limits.maxPerUser && oldest != entries.entries.end())
        entries.entries.erase(oldest);
    else if (entries.entries.size() >= m_limits.maxPerBlog)
        return Outcome::Full;
    entries.entries.insert(k, Entry{user, guid, state, now, expires});
    retoken(blog);
    return Outcome::Changed;
}

PresenceBook::Outcome PresenceBook::clear(qint64 blog, const QString &user,
                                          const QByteArray &client)
{
    const auto found = m_blogs.find(blog);
    if (found == m_blogs.end() || !found->entries.remove(key(user, client)))
        return Outcome::Unchanged;
    if (found->entries.isEmpty())
        m_blogs.erase(found);
    else
        retoken(blog);
    return Outcome::Changed;
}

QList<qint64> PresenceBook::expire(Clock::time_point now)
{
    QList<qint64> changed;
    for (auto blog = m_blogs.begin(); blog != m_blogs.end();) {
        const qsizetype removed = blog->entries.removeIf(
                [now](const auto &entry) { return entry.value().expires <= now; });
        if (removed > 0)
            changed.append(blog.key());
        if (blog->entries.isEmpty()) {
            blog = m_blogs.erase(blog);
        } else {
            if (removed > 0)
                retoken(blog.key());
            ++blog;
        }
    }
    return changed;
}

std::optional<Clock::time_point> PresenceBook::nextExpiry() const
{
    std::optional<Clock::time_point> next;
    for (const Blog &blog : m_blogs) {
        for (const Entry &entry : blog.entries) {
            if (!next || entry.expires < *next)
                next = entry.expires;
        }
    }
    return next;
}

QString PresenceBook::token(qint64 blog) const
{
    const auto found = m_blogs.constFind(blog);
    return found == m_blogs.cend() ? emptyToken : found->token;
}

QList<protocol::PresenceEntry> PresenceBook::entries(qint64 blog, const QString &exceptUser,
                                                     Clock::time_point now) const
{
    QList<protocol::PresenceEntry> shown;
    const auto found = m_blogs.constFind(blog);
    if (found == m_blogs.cend())
        return shown;
    for (const Entry &entry : found->entries) {
        if (entry.user == exceptUser)
            continue;
        const auto left = std::chrono::ceil<std::chrono::seconds>(entry.expires - now).count();
        shown.append(protocol::PresenceEntry{
                entry.guid, entry.user, entry.state,
                int(std::clamp<qint64>(left, 0, protocol::kPresenceTtlSeconds))});
    }
    // One order for equal sets, whatever the hash order.
    std::sort(shown.begin(), shown.end(), [](const auto &a, const auto &b) {
        return std::tie(a.user, a.guid, a.secondsLeft) < std::tie(b.user, b.guid, b.secondsLeft);
    });
    return shown;
}

int PresenceBook::size(qint64 blog) const
{
    const auto found = m_blogs.constFind(blog);
    return found == m_blogs.cend() ? 0 : int(found->entries.size());
}

// A digest of the set (keys sorted), so that every process holding the same set gives the
// same token and a client moving between processes is not woken for nothing.
void PresenceBook::retoken(qint64 blog)
{
    Blog &entries = m_blogs[blog];
    QList<QByteArray> keys = entries.entries.keys();
    std::sort(keys.begin(), keys.end());
    QCryptographicHash digest(QCryptographicHash::Sha256);
    for (const QByteArray &k : std::as_const(keys)) {
        const Entry &entry = entries.entries[k];
        digest.addData(k);
        digest.addData(QByteArrayView("\n"));
        digest.addData(entry.guid.toUtf8());
        digest.addData(QByteArrayView("\n"));
        digest.addData(entry.state.toUtf8());
        digest.addData(QByteArrayView("\n"));
    }
    entries.token = QString::fromLatin1(digest.result().toHex().left(16));
}

} // namespace inkwell::server::live
