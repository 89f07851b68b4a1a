#pragma once

// Building blocks of the attack suite (tst_serverattack): honest clients that keep syncing on
// their own thread, raw attacking connections from chosen loopback addresses, and the figures
// (latency percentiles, the server's resident memory) the suite prints and checks.

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class QTcpSocket;
class QThread;
class QObject;

namespace inkwell::test {

// One account an honest client syncs with: its token and its own blog.
struct HonestAccount
{
    QByteArray token;
    qint64 blogId = 0;
};

// Latency figures of honest requests, in milliseconds.
struct LatencyFigures
{
    int requests = 0;
    int failures = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
    QStringList firstFailures; // up to five, "HTTP 503: ..." or the network error
};

// Honest clients (one QNetworkAccessManager each) on their own thread: each alternates a push of
// one new post and a pull from its cursor on its own blog, with a short pause between requests,
// until stop() or a bounded number of rounds. Every request is timed on clock().
class HonestLoad
{
public:
    HonestLoad(QUrl baseUrl, QList<HonestAccount> accounts, bool freshConnections);
    ~HonestLoad();
    HonestLoad(const HonestLoad &) = delete;
    HonestLoad &operator=(const HonestLoad &) = delete;

    void start();
    // Asks every client to end after its current request and waits (bounded); false on timeout.
    bool stop(std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // Requests answered so far (successful or not).
    int answered() const { return m_answered.load(); }
    // Milliseconds since this load was made; the time base of figures().
    qint64 now() const { return m_clock.elapsed(); }
    const QElapsedTimer &clock() const { return m_clock; }
    // The requests that started in [fromMs, toMs] (times of now()).
    LatencyFigures figures(qint64 fromMs, qint64 toMs) const;

    struct Sample
    {
        qint64 startedMs;
        double ms;
        bool ok;
        QString failure;
    };

private:
    class Client;
    friend class Client;
    void record(Sample sample);

    QUrl m_baseUrl;
    QList<HonestAccount> m_accounts;
    bool m_freshConnections;
    QElapsedTimer m_clock;
    std::unique_ptr<QThread> m_thread;
    QObject *m_context = nullptr; // lives on m_thread; parent of the clients' network managers
    std::vector<std::unique_ptr<Client>> m_clients; // used on m_thread only
    std::atomic<bool> m_stopping = false;
    std::atomic<int> m_ended = 0;
    std::atomic<int> m_answered = 0;
    mutable std::mutex m_mutex;
    QList<Sample> m_samples;
};

// A raw HTTP connection from a chosen local address (any of 127.0.0.0/8) to the server, for
// attacks QNetworkAccessManager cannot make. Records when it connected, every answer's status,
// and when the server closed it. Lives on the thread that makes it.
class RawPeer
{
public:
    RawPeer(const QHostAddress &from, quint16 port, const QElapsedTimer &clock);
    ~RawPeer();
    RawPeer(const RawPeer &) = delete;
    RawPeer &operator=(const RawPeer &) = delete;

    std::function<void(RawPeer &)> onConnected;
    std::function<void(RawPeer &, int status)> onAnswer;

    void open(); // binds and connects; onConnected runs when the connection is up
    void write(const QByteArray &bytes); // ignored unless connected
    void abort();
    QTcpSocket &socket() { return *m_socket; }
    bool isConnected() const;
    qint64 bytesToWrite() const;
    const QElapsedTimer &clock() const { return m_clock; }

    qint64 connectedMs = -1; // clock times; -1 = not (yet)
    qint64 closedMs = -1; // closed by the server or never connected
    qint64 answeredMs = -1; // when the first answer was complete
    QList<int> statuses; // statuses of the answers received, in order
    QString error; // why it closed or did not connect
    qint64 sent = 0; // bytes handed to write()

private:
    void onReadyRead();
    void onClosed(const QString &why);

    QHostAddress m_from;
    quint16 m_port;
    const QElapsedTimer &m_clock;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_inbox;
};

// A fixed number of attacking slots, each with one connection at a time. While reopening, a
// slot whose connection closed gets a new one (from make(slot)) after `pause`, up to
// `connectionsPerSlot` connections per slot: a persistent attacker, bounded.
class PeerSlots
{
public:
    using Make = std::function<std::unique_ptr<RawPeer>(int slot)>;
    PeerSlots(int slots, int connectionsPerSlot, std::chrono::milliseconds pause, Make make);
    ~PeerSlots();
    PeerSlots(const PeerSlots &) = delete;
    PeerSlots &operator=(const PeerSlots &) = delete;

    void stopReopening();
    // Every connection made so far, open or closed.
    const std::vector<std::unique_ptr<RawPeer>> &all() const { return m_all; }
    // The connections still open.
    QList<RawPeer *> open() const;
    bool allClosed() const;
    void abortAll();

private:
    void reopen();

    int m_connectionsPerSlot;
    std::chrono::milliseconds m_pause;
    Make m_make;
    std::vector<std::unique_ptr<RawPeer>> m_all;
    std::vector<RawPeer *> m_current; // per slot
    std::vector<int> m_made; // per slot
    std::unique_ptr<QObject> m_timer;
    bool m_reopening = true;
};

// Takes one whole HTTP answer (Content-Length framed) off the front of `buffer`: its status, or
// 0 if the buffer holds no whole answer yet.
int takeAnswer(QByteArray &buffer);

// The resident memory of process `pid` in KiB (VmRSS of /proc/<pid>/status), or -1.
qint64 residentKiB(qint64 pid);

// Samples residentKiB(pid) every few milliseconds while the event loop runs; the peak so far.
class RssSampler
{
public:
    explicit RssSampler(qint64 pid);
    ~RssSampler();
    qint64 peakKiB() const { return m_peak; }

private:
    qint64 m_pid;
    qint64 m_peak = 0;
    std::unique_ptr<QObject> m_timer;
};

// Raises this process's soft limit of open files to the hard limit (the server inherits it).
void raiseOpenFileLimit();

} // namespace inkwell::test
