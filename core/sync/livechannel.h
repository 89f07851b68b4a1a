#pragma once

#include "net/backoff.h"
#include "net/transport.h"
#include "protocol/live.h"
#include "sync/syncaccount.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>

class QTimer;

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::sync {

// Waits for changes on the server instead of polling it: while started and the server offers
// "live" (GET /api/v1/capabilities), keeps one long-poll per blog of the account (up to
// Options::maxBlogs) with rev = the local pull cursor, and asks for a sync run (syncRequested)
// when a blog's last revision differs from it. A run that is going when the answer arrives is
// waited for first (it may already carry the change, e.g. this client's own push); the owner
// reports every run with syncStarted() and syncFinished()/syncFailed(). Failed polls are retried
// with exponential backoff and jitter; a server without "live" leaves the scheduled sync as it is.
// Lives on the thread of its Transport (the sync worker in the applications).
class LiveChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveChannel)

public:
    enum class State {
        Stopped, // not started, offline, signed out or no account
        Checking, // asking the server for its capabilities
        Unsupported, // the server offers no live updates: only scheduled syncs
        Connected, // every poll is parked or answered
        Reconnecting, // a poll failed; waiting to try again
    };
    Q_ENUM(State)

    struct Options
    {
        std::chrono::seconds pollTimeout{25}; // how long the server parks a poll (1..55)
        std::chrono::milliseconds initialBackoff{500};
        std::chrono::milliseconds maximumBackoff{30000};
        // Polls at once; blogs past this are left to the scheduled sync. Each poll holds a
        // connection, and a client has few per server.
        int maxBlogs = 6;
    };

    // store and transport must outlive the channel and belong to its thread.
    LiveChannel(store::LocalStore *store, net::Transport *transport, QObject *parent = nullptr);
    ~LiveChannel() override;

    void setOptions(const Options &options);
    const Options &options() const { return m_options; }
    // A new account stops the polls of the old one and starts over if the channel is started.
    void setAccount(const SyncAccount &account);
    State state() const { return m_state; }

public Q_SLOTS:
    // Online and signed in: check the capabilities and start polling.
    void start();
    // Offline or signed out: cancel every poll and timer.
    void stop();
    // The sync engine started or ended a run (any run: scheduled ones move the cursor too).
    void syncStarted();
    void syncFinished();
    void syncFailed();

Q_SIGNALS:
    // A blog is ahead of the local cursor: run a sync (coalescing with a running one).
    void syncRequested();
    // The other members' presence in blog as of this answer (each answer, also when unchanged).
    void presenceChanged(qint64 blog, const QList<inkwell::protocol::PresenceEntry> &presence,
                         const QString &token);
    // A poll answered with the blog's last revision (diagnostics, tests and benchmarks).
    void answered(qint64 blog, qint64 rev);
    void stateChanged(inkwell::sync::LiveChannel::State state);
    // After a failure, the next attempt comes after delay (diagnostics and tests).
    void retryScheduled(std::chrono::milliseconds delay);

private:
    struct Blog
    {
        qint64 id = 0;
        net::Transport::RequestId request = 0; // the poll in flight, 0 when none
        QString presenceToken;
        qint64 serverRev = -1; // the last revision the server named, -1 before the first answer
        qint64 syncedFor = -1; // serverRev a complete run has already been made for
        bool waitingForRun = false; // the server is ahead of the cursor; polled after a run
        bool runStartedSinceAnswer = false; // a run began after serverRev was learnt
        bool dropped = false; // the server refused to watch it (not a member, gone)
    };

    void checkCapabilities();
    void onCapabilities(quint64 generation, const net::Response &response);
    void startPolls();
    void poll(Blog &blog);
    void onPollAnswer(quint64 generation, qint64 blog, const net::Response &response);
    void onPollFailed(Blog &blog, const net::Response &response);
    void scheduleRetry(std::chrono::milliseconds atLeast);
    void retry();
    void afterRun(bool complete);
    void requestRun();
    qint64 pollRevision(const Blog &blog) const;
    qint64 localCursor(qint64 blog) const;
    void cancelAll();
    void setState(State state);
    Blog *find(qint64 blog);

    store::LocalStore *m_store;
    net::Transport *m_transport;
    SyncAccount m_account;
    Options m_options;
    net::Backoff m_backoff;
    QTimer *m_retryTimer;
    QList<Blog> m_blogs;
    net::Transport::RequestId m_capabilitiesRequest = 0;
    quint64 m_generation = 0; // tells answers of the current start from stale ones
    State m_state = State::Stopped;
    bool m_started = false;
    bool m_syncRunning = false;
};

} // namespace inkwell::sync
