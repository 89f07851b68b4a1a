#pragma once

#include "net/transport.h"
#include "protocol/live.h"
#include "sync/syncaccount.h"

#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

class QTimer;

namespace inkwell::presence {

// Tells the server which post this writer is typing in, so the other members see "Anna is
// editing". The editor reports each edit (edited()) and leaving the post (closed()). The first
// edit of a post is reported at once (PUT .../presence); while the post stays open and was edited
// within the typing window the report is renewed every renew interval, so the server's entry
// (kPresenceTtlSeconds) lives on; leaving the post, another blog's post, another account or
// stop() clears it (DELETE .../presence). Requests go out one at a time, in order; a newer report
// of the same blog replaces one still waiting. Nothing is sent while offline or to a server
// without the "presence" feature (GET /api/v1/capabilities, asked once per account). Failures
// are not retried: the next renewal or edit reports again, and the entry expires on its own.
// Lives on the thread of its Transport; never waits for the network.
class PresenceReporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PresenceReporter)

public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    enum class Support {
        Unknown, // no account, or not asked yet
        Checking, // asking the server for its capabilities
        Supported,
        Unsupported, // nothing is ever sent to this server
    };
    Q_ENUM(Support)

    struct Options
    {
        std::chrono::milliseconds renewInterval{
                std::chrono::seconds(protocol::kPresenceRenewSeconds)};
        // Renewals stop this long after the last edit; the server's entry then lapses.
        std::chrono::milliseconds typingWindow{std::chrono::seconds(protocol::kPresenceTtlSeconds)};
        std::chrono::milliseconds requestTimeout{std::chrono::seconds(10)};
    };

    // transport must outlive the reporter and belong to its thread.
    explicit PresenceReporter(net::Transport *transport, QObject *parent = nullptr);
    ~PresenceReporter() override;

    void setOptions(const Options &options);
    // The time source for the typing window (steady_clock::now by default).
    void setClock(Clock clock);
    // Clears the old account's report (with its token), then reports for this one.
    void setAccount(const sync::SyncAccount &account);
    // Offline: nothing is sent (the server's entry lapses). Online again: a writer still typing
    // is reported at once.
    void setOnline(bool online);
    Support support() const { return m_support; }
    // The post the server is told about, empty when none.
    QString reportedGuid() const { return m_reported.guid; }
    // No request in flight or waiting.
    bool isIdle() const;

public Q_SLOTS:
    // The writer changed post guid of blog (a keystroke, a field, a cover).
    void edited(qint64 blog, const QString &guid);
    // The writer left the open post (closed it, opened another, signed out).
    void closed();
    // Sends the renewal when it is due; the reporter's timer calls it.
    void renew();

Q_SIGNALS:
    // The last request in flight finished and none is waiting (e.g. the clear at quit).
    void idle();

private:
    struct Target
    {
        qint64 blog = 0;
        QString guid;

        bool isValid() const { return blog > 0 && !guid.isEmpty(); }
        friend bool operator==(const Target &, const Target &) = default;
    };
    struct Queued
    {
        qint64 blog = 0;
        net::Request request;
    };

    bool isTyping() const;
    void report();
    void clearReport();
    void checkCapabilities();
    void onCapabilities(quint64 generation, const net::Response &response);
    void enqueue(qint64 blog, net::Request request);
    void pump();
    void onAnswer(const net::Response &response);

    net::Transport *m_transport;
    Options m_options;
    Clock m_clock;
    sync::SyncAccount m_account;
    Support m_support = Support::Unknown;
    bool m_online = false;
    quint64 m_generation = 0; // tells capability answers of the current account from stale ones
    net::Transport::RequestId m_capabilitiesRequest = 0;
    Target m_open; // the post the writer is in
    Target m_reported; // the post the server was last told about
    std::chrono::steady_clock::time_point m_lastEdit;
    QTimer *m_renewTimer;
    QList<Queued> m_queue;
    net::Transport::RequestId m_inFlight = 0;
};

} // namespace inkwell::presence
