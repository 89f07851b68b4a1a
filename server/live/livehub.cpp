#include "server/live/livehub.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <vector>

Q_LOGGING_CATEGORY(lcLive, "inkwell.server.live")

namespace inkwell::server::live {

namespace {

std::string publishedKey(qint64 blog, const QString &user, const QByteArray &client)
{
    return std::to_string(blog) + '\n' + user.toStdString() + '\n' + client.toStdString();
}

// The payloads between processes: a push is the blog id alone; a presence change is a small
// JSON object ("g" empty: the entry was cleared).
QByteArray presencePayload(qint64 blog, const QString &user, const QByteArray &client,
                           const QString &guid, const QString &state)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("b"), double(blog)},
                                     {QStringLiteral("u"), user},
                                     {QStringLiteral("c"), QString::fromLatin1(client.toHex())},
                                     {QStringLiteral("g"), guid},
                                     {QStringLiteral("s"), state}})
            .toJson(QJsonDocument::Compact);
}

} // namespace

LiveHub::LiveHub(Options options) : m_options(options), m_book(options.presence)
{
    m_sweeper = std::thread([this] { sweep(); });
}

LiveHub::~LiveHub()
{
    // The relay's thread calls applyRemote: it ends before anything here goes.
    std::shared_ptr<Relay> relay;
    {
        std::lock_guard lock(m_mutex);
        relay = std::move(m_relay);
    }
    relay.reset();
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_sweepWake.notify_all();
    m_sweeper.join();
}

void LiveHub::setRelay(std::shared_ptr<Relay> relay)
{
    std::lock_guard lock(m_mutex);
    m_relay = std::move(relay);
}

std::shared_ptr<void> LiveHub::reserveWaiter(qint64 accountId)
{
    std::lock_guard lock(m_mutex);
    int &ofAccount = m_waitersOfAccount[accountId];
    if (m_reserved.load() >= m_options.maxWaiters || ofAccount >= m_options.maxWaitersPerAccount) {
        if (ofAccount == 0)
            m_waitersOfAccount.erase(accountId);
        return nullptr;
    }
    ++ofAccount;
    ++m_reserved;
    // Points at the hub only to be non-null; releasing it gives the place back.
    return std::shared_ptr<void>(static_cast<void *>(this), [this, accountId](void *) {
        std::lock_guard release(m_mutex);
        if (--m_waitersOfAccount[accountId] <= 0)
            m_waitersOfAccount.erase(accountId);
        --m_reserved;
    });
}

quint64 LiveHub::subscribe(qint64 blog, std::function<void()> wake)
{
    std::lock_guard lock(m_mutex);
    const quint64 id = m_nextId++;
    m_waiters.emplace(id, Waiter{blog, std::move(wake)});
    m_waitersOfBlog.emplace(blog, id);
    return id;
}

void LiveHub::unsubscribe(quint64 id)
{
    std::function<void()> released; // destroyed outside the lock
    std::lock_guard lock(m_mutex);
    const auto found = m_waiters.find(id);
    if (found == m_waiters.end())
        return;
    auto [first, last] = m_waitersOfBlog.equal_range(found->second.blog);
    for (auto it = first; it != last; ++it) {
        if (it->second == id) {
            m_waitersOfBlog.erase(it);
            break;
        }
    }
    released = std::move(found->second.wake);
    m_waiters.erase(found);
}

void LiveHub::wake(qint64 blog)
{
    std::vector<std::function<void()>> wakes;
    {
        std::lock_guard lock(m_mutex);
        auto [first, last] = m_waitersOfBlog.equal_range(blog);
        for (auto it = first; it != last; ++it)
            wakes.push_back(m_waiters.at(it->second).wake);
    }
    for (const auto &wakeOne : wakes)
        wakeOne();
}

void LiveHub::wakeAll()
{
    std::vector<std::function<void()>> wakes;
    {
        std::lock_guard lock(m_mutex);
        wakes.reserve(m_waiters.size());
        for (const auto &[id, waiter] : m_waiters)
            wakes.push_back(waiter.wake);
    }
    for (const auto &wakeOne : wakes)
        wakeOne();
}

void LiveHub::blogChanged(qint64 blog)
{
    std::shared_ptr<Relay> relay;
    {
        std::lock_guard lock(m_mutex);
        relay = m_relay;
    }
    if (relay)
        relay->publish(QByteArray::number(blog));
    wake(blog);
}

PresenceBook::Outcome LiveHub::putPresence(qint64 blog, const QString &user,
                                           const QByteArray &client, const QString &guid,
                                           const QString &state)
{
    std::shared_ptr<Relay> relay;
    PresenceBook::Outcome outcome;
    bool publish = false;
    {
        std::lock_guard lock(m_mutex);
        const Clock::time_point now = Clock::now();
        outcome = m_book.put(blog, user, client, guid, state, now);
        if (outcome == PresenceBook::Outcome::Full)
            return outcome;
        m_sweepWake.notify_all(); // the sweeper may be sleeping without any entry
        // The others renew on a third of the ttl at most, whatever the client sends.
        Clock::time_point &last = m_published[publishedKey(blog, user, client)];
        publish =
                outcome == PresenceBook::Outcome::Changed || now - last >= m_book.limits().ttl / 3;
        if (publish)
            last = now;
        relay = m_relay;
    }
    if (relay && publish)
        relay->publish(presencePayload(blog, user, client, guid, state));
    if (outcome == PresenceBook::Outcome::Changed)
        wake(blog);
    return outcome;
}

void LiveHub::clearPresence(qint64 blog, const QString &user, const QByteArray &client)
{
    std::shared_ptr<Relay> relay;
    PresenceBook::Outcome outcome;
    {
        std::lock_guard lock(m_mutex);
        outcome = m_book.clear(blog, user, client);
        m_published.erase(publishedKey(blog, user, client));
        relay = m_relay;
    }
    if (relay)
        relay->publish(presencePayload(blog, user, client, QString(), QString()));
    if (outcome == PresenceBook::Outcome::Changed)
        wake(blog);
}

protocol::LiveState LiveHub::presence(qint64 blog, const QString &exceptUser) const
{
    std::lock_guard lock(m_mutex);
    protocol::LiveState state;
    state.presenceToken = m_book.token(blog);
    state.presence = m_book.entries(blog, exceptUser, Clock::now());
    return state;
}

void LiveHub::applyRemote(const QByteArray &payload)
{
    bool isNumber = false;
    const qint64 blog = payload.toLongLong(&isNumber);
    if (isNumber) {
        wake(blog);
        return;
    }
    const QJsonObject object = QJsonDocument::fromJson(payload).object();
    const qint64 presenceBlog = qint64(object.value(QStringLiteral("b")).toDouble());
    const QString user = object.value(QStringLiteral("u")).toString();
    const QByteArray client =
            QByteArray::fromHex(object.value(QStringLiteral("c")).toString().toLatin1());
    const QString guid = object.value(QStringLiteral("g")).toString();
    const QString state = object.value(QStringLiteral("s")).toString();
    if (presenceBlog <= 0 || user.isEmpty() || client.isEmpty()) {
        qCWarning(lcLive) << "ignoring a malformed notification of" << payload.size() << "bytes";
        return;
    }
    PresenceBook::Outcome outcome;
    {
        std::lock_guard lock(m_mutex);
        outcome = guid.isEmpty()
                ? m_book.clear(presenceBlog, user, client)
                : m_book.put(presenceBlog, user, client, guid, state, Clock::now());
    }
    m_sweepWake.notify_all();
    if (outcome == PresenceBook::Outcome::Changed)
        wake(presenceBlog);
}

// Sleeps until the next entry expires (or a new one may expire sooner), drops what expired and
// wakes the waiters of those blogs.
void LiveHub::sweep()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        const auto next = m_book.nextExpiry();
        if (next)
            m_sweepWake.wait_until(lock, *next);
        else
            m_sweepWake.wait(lock);
        if (m_stopping)
            break;
        const Clock::time_point now = Clock::now();
        const QList<qint64> changed = m_book.expire(now);
        if (changed.isEmpty())
            continue;
        std::erase_if(m_published,
                      [&](const auto &item) { return now - item.second > m_book.limits().ttl; });
        lock.unlock();
        for (const qint64 blog : changed)
            wake(blog);
        lock.lock();
    }
}

} // namespace inkwell::server::live
