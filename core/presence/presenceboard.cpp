#include "presence/presenceboard.h"

#include <QSet>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace inkwell::presence {

using namespace std::chrono;

PresenceBoard::PresenceBoard(QObject *parent)
    : QObject(parent), m_clock([] { return steady_clock::now(); }), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::CoarseTimer);
    connect(m_timer, &QTimer::timeout, this, &PresenceBoard::expire);
}

PresenceBoard::~PresenceBoard() = default;

void PresenceBoard::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QStringList PresenceBoard::editors(qint64 blog, const QString &guid) const
{
    const auto entries = m_blogs.constFind(blog);
    if (entries == m_blogs.cend())
        return {};
    // Entries past their time are never shown, even if the timer has not fired yet.
    const steady_clock::time_point now = m_clock();
    QStringList names;
    for (const Entry &entry : *entries) {
        if (entry.guid == guid && entry.until > now)
            names.append(entry.user);
    }
    names.sort(Qt::CaseInsensitive);
    names.removeDuplicates();
    return names;
}

PresenceBoard::Editors PresenceBoard::editorsOf(const QList<Entry> &entries) const
{
    const steady_clock::time_point now = m_clock();
    Editors editors;
    for (const Entry &entry : entries) {
        if (entry.until > now)
            editors[entry.guid].append(entry.user);
    }
    for (QStringList &names : editors) {
        names.sort(Qt::CaseInsensitive);
        names.removeDuplicates();
    }
    return editors;
}

void PresenceBoard::update(qint64 blog, const QList<protocol::PresenceEntry> &entries)
{
    const Editors before = editorsOf(m_blogs.value(blog));
    const steady_clock::time_point now = m_clock();
    QList<Entry> fresh;
    fresh.reserve(entries.size());
    for (const protocol::PresenceEntry &entry : entries) {
        // A server cannot keep an entry alive longer than the protocol's lifetime.
        const int seconds = std::clamp(entry.secondsLeft, 0, protocol::kPresenceTtlSeconds);
        if (seconds > 0 && !entry.guid.isEmpty() && !entry.user.isEmpty())
            fresh.append({entry.guid, entry.user, now + std::chrono::seconds(seconds)});
    }
    if (fresh.isEmpty())
        m_blogs.remove(blog);
    else
        m_blogs.insert(blog, fresh);
    announce(before, editorsOf(fresh));
    arm();
}

void PresenceBoard::clear()
{
    QStringList guids;
    for (const QList<Entry> &entries : std::as_const(m_blogs)) {
        for (const Entry &entry : entries)
            guids.append(entry.guid);
    }
    m_blogs.clear();
    m_timer->stop();
    guids.removeDuplicates();
    if (!guids.isEmpty())
        Q_EMIT changed(guids);
}

void PresenceBoard::expire()
{
    const steady_clock::time_point now = m_clock();
    QStringList guids;
    for (auto blog = m_blogs.begin(); blog != m_blogs.end();) {
        blog->removeIf([now, &guids](const Entry &entry) {
            if (entry.until > now)
                return false;
            guids.append(entry.guid);
            return true;
        });
        blog = blog->isEmpty() ? m_blogs.erase(blog) : std::next(blog);
    }
    // Every post that lost an entry is announced (a second entry of the same name may be left).
    guids.removeDuplicates();
    if (!guids.isEmpty())
        Q_EMIT changed(guids);
    arm();
}

void PresenceBoard::announce(const Editors &before, const Editors &after)
{
    QSet<QString> guids;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (after.value(it.key()) != it.value())
            guids.insert(it.key());
    }
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key()))
            guids.insert(it.key());
    }
    if (guids.isEmpty())
        return;
    QStringList list(guids.cbegin(), guids.cend());
    list.sort();
    Q_EMIT changed(list);
}

void PresenceBoard::arm()
{
    std::optional<steady_clock::time_point> next;
    for (const QList<Entry> &entries : std::as_const(m_blogs)) {
        for (const Entry &entry : entries) {
            if (!next || entry.until < *next)
                next = entry.until;
        }
    }
    if (!next) {
        m_timer->stop();
        return;
    }
    const auto wait = ceil<milliseconds>(*next - m_clock());
    m_timer->start(std::max<milliseconds>(wait, 0ms));
}

} // namespace inkwell::presence
