#pragma once

#include "server/live/livehub.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace inkwell::server::live {

// Carries live wake-ups and presence between the server processes of one PostgreSQL database:
// publish() sends `NOTIFY inkwell_blog` with the payload, and a thread with its own libpq
// connection LISTENs on that channel, waiting on the socket (no polling of tables), and hands
// what the other processes sent to LiveHub::applyRemote. A dropped connection is opened again
// with growing pauses (at most 10 s); after each reconnect every waiter is woken, since changes
// may have been missed meanwhile.
class PgRelay final : public Relay
{
public:
    static constexpr auto channel = "inkwell_blog";

    // url: the server's postgresql:// database URL. The hub must outlive the relay.
    PgRelay(const QString &url, LiveHub *hub);
    ~PgRelay() override;

    void publish(const QByteArray &payload) override;
    // True while the connection is up and listening (for tests and logs).
    bool isListening() const { return m_listening.load(); }

private:
    void run();

    QByteArray m_conninfo;
    LiveHub *m_hub;
    int m_wakeFd = -1; // an eventfd: publish() and the destructor wake the thread through it
    std::mutex m_mutex;
    std::deque<QByteArray> m_queue; // payloads to send, bounded
    bool m_stopping = false;
    std::atomic<bool> m_listening = false;
    std::thread m_thread;
};

} // namespace inkwell::server::live
