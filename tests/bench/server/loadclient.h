#pragma once

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpSocket>
#include <QUrl>

#include <chrono>
#include <functional>

namespace inkwell::bench {

// What the clients of one load run record together (all on the generator's one thread).
struct LoadTally
{
    QList<double> latencies; // ms, every request answered
    int failures = 0; // answers other than a 200 with every change applied, dropped connections
    int rounds = 0;
    int lateRounds = 0; // paced rounds that started after their time (the last one ran over)
};

// One simulated writer and where it connects from.
struct LoadClientSetup
{
    QUrl server;
    QHostAddress source; // the client's own loopback address (127.0.0.0/8), as a person has one
    QByteArray token;
    qint64 blog = 0;
    // Paced: a round starts every `interval` from `phase` on (a real editor syncs at most every
    // few seconds). Zero: closed loop, the next round as soon as the last one is answered.
    std::chrono::milliseconds interval{0};
    std::chrono::milliseconds phase{0};
};

// Per round one sync that pushes 10 changes, then pulls until `more` is false. Speaks HTTP/1.1
// over one kept-alive QTcpSocket on the generator's thread (no QNAM thread per client, so the
// generator takes little of the CPU it shares with the server). A request's latency runs from
// its first byte written, or for a paced round's push from the time the round was due, to its
// whole answer read: a server that falls behind is not hidden by rounds that start late.
class LoadClient final : public QObject
{
    Q_DISABLE_COPY_MOVE(LoadClient)

public:
    LoadClient(LoadClientSetup setup, const QElapsedTimer *clock, qint64 endMs, LoadTally *tally);
    ~LoadClient() override;

    // Starts the rounds; `finished` is called once the run's end has come and the last round
    // has been answered.
    void start(std::function<void()> finished);

private:
    void startRound();
    void scheduleRound();
    void finish();
    void push();
    void pull();
    void send(const QByteArray &body, bool pushing, qint64 startedNs);
    void connectToServer();
    void onReadyRead();
    void onDisconnected();

    QTcpSocket m_socket;
    LoadClientSetup m_setup;
    QByteArray m_head;
    QByteArray m_buffer;
    const QElapsedTimer *m_clock;
    qint64 m_endMs;
    LoadTally *m_tally;
    QString m_cursor;
    qint64 m_dueMs = 0; // when the current (paced) round was due
    qint64 m_startedNs = 0;
    bool m_inFlight = false;
    bool m_pushing = false;
    bool m_late = false; // the current round started after it was due
    int m_round = 0;
    std::function<void()> m_finished;
};

} // namespace inkwell::bench
