#pragma once

#include "model/result.h"
#include "protocol/live.h"
#include "server/live/presencebook.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace inkwell::server::live {

// Sends what this process changed to the other server processes on the same database and hands
// what they changed to LiveHub::applyRemote (PgRelay). Absent on SQLite: one process.
class Relay
{
public:
    virtual ~Relay() = default;
    // Queues one payload for the others; never blocks on the network.
    virtual void publish(const QByteArray &payload) = 0;
};

// The server's live state, shared by every request of the process: who waits for which blog
// (parked live requests, woken on a change), and who is present in it (PresenceBook). Pushes and
// presence changes wake the blog's waiters here and, through the relay, in every other process.
// Expired presence wakes them too (a thread sleeps until the next expiry). Thread-safe.
class LiveHub
{
public:
    struct Options
    {
        int maxWaiters = 10000; // parked live requests at once, server-wide; 503 beyond
        // Parked live requests of one account, so that one account cannot take every place (a
        // client keeps one per blog it shows, at most 6).
        int maxWaitersPerAccount = 64;
        PresenceBook::Limits presence;
    };

    explicit LiveHub(Options options);
    ~LiveHub();
    LiveHub(const LiveHub &) = delete;
    LiveHub &operator=(const LiveHub &) = delete;

    // The relay to other processes (PostgreSQL); set once before serving.
    void setRelay(std::shared_ptr<Relay> relay);

    // A place among the parked waiters, held as long as the returned handle lives; null when
    // maxWaiters are parked, or maxWaitersPerAccount of this account.
    std::shared_ptr<void> reserveWaiter(qint64 accountId);
    int waiters() const { return m_reserved.load(); }

    // Calls `wake` (on any thread, outside every lock; it must be quick) on each change of the
    // blog until unsubscribed.
    quint64 subscribe(qint64 blog, std::function<void()> wake);
    void unsubscribe(quint64 id);

    // A push to the blog committed: wakes its waiters here and in the other processes.
    void blogChanged(qint64 blog);
    // Presence of one member's client (client: a digest of its login token). Full: the blog
    // holds too many entries (the caller answers 503).
    PresenceBook::Outcome putPresence(qint64 blog, const QString &user, const QByteArray &client,
                                      const QString &guid, const QString &state);
    void clearPresence(qint64 blog, const QString &user, const QByteArray &client);
    // The blog's presence token and the entries of everyone but `exceptUser`.
    protocol::LiveState presence(qint64 blog, const QString &exceptUser) const;

    // A payload another process published (PgRelay).
    void applyRemote(const QByteArray &payload);
    // Wakes every waiter (after the relay reconnected: changes may have been missed).
    void wakeAll();

private:
    void wake(qint64 blog);
    void sweep();

    const Options m_options;
    std::atomic<int> m_reserved = 0;
    std::shared_ptr<Relay> m_relay;

    mutable std::mutex m_mutex; // guards everything below
    PresenceBook m_book;
    // Presence renewals sent to the relay, by blog and entry key: renewals in between are not
    // sent (the others keep the entry for a whole ttl after the last one they got).
    std::unordered_map<std::string, Clock::time_point> m_published;
    std::unordered_map<qint64, int> m_waitersOfAccount; // parked places held, by account
    struct Waiter
    {
        qint64 blog;
        std::function<void()> wake;
    };
    std::unordered_map<quint64, Waiter> m_waiters;
    std::unordered_multimap<qint64, quint64> m_waitersOfBlog;
    quint64 m_nextId = 1;
    std::condition_variable m_sweepWake;
    bool m_stopping = false;
    std::thread m_sweeper;
};

} // namespace inkwell::server::live
