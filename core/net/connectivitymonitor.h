#pragma once

#include "net/backoff.h"
#include "net/transport.h"

#include <QObject>
#include <QUrl>

#include <chrono>

class QTimer;

namespace inkwell::net {

// Tells whether the configured server is reachable. The truth is a GET /healthz probe through the
// Transport: while offline it repeats with exponential backoff (1 s doubling up to 60 s, longer
// when the server sends Retry-After), while online every onlineInterval. QNetworkInformation, where
// a backend loads, is only a hint that triggers an immediate probe. Emits online()/offline() on
// edges only.
class ConnectivityMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectivityMonitor)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)

public:
    enum class State { Unknown, Online, Offline };
    Q_ENUM(State)

    enum class SystemHints { Use, Ignore };

    struct Options
    {
        std::chrono::milliseconds initialBackoff{1000};
        std::chrono::milliseconds maximumBackoff{60000};
        std::chrono::milliseconds onlineInterval{60000}; // re-probe period while online
        std::chrono::milliseconds probeTimeout{10000};
        // QNetworkInformation: loaded when the monitor starts on the main thread; a monitor on
        // another thread uses it when the application loaded it before.
        SystemHints systemHints = SystemHints::Use;
    };

    // server is the base URL; the probe requests server + "/healthz". transport must outlive this.
    ConnectivityMonitor(Transport *transport, const QUrl &server, QObject *parent = nullptr);
    ConnectivityMonitor(Transport *transport, const QUrl &server, const Options &options,
                        QObject *parent = nullptr);
    ~ConnectivityMonitor() override;

    // Starts probing (the first probe at once). stop() cancels the timer and any probe in flight.
    void start();
    void stop();
    // Probes now and resets the backoff, e.g. after a request failed with a network error.
    void probeNow();

    State state() const { return m_state; }
    bool isOnline() const { return m_state == State::Online; }
    QUrl probeUrl() const;
    // True when a QNetworkInformation backend with reachability was loaded.
    bool hasSystemHints() const { return m_hasSystemHints; }

Q_SIGNALS:
    void online();
    void offline();
    void stateChanged(inkwell::net::ConnectivityMonitor::State state);
    // The next probe was scheduled after interval (for diagnostics and tests).
    void probeScheduled(std::chrono::milliseconds interval);

private:
    void probe();
    void onProbeFinished(quint64 generation, const Response &response);
    void setState(State state);
    void schedule(std::chrono::milliseconds interval);
    void loadSystemHints();

    Transport *m_transport;
    QUrl m_server;
    Options m_options;
    Backoff m_backoff;
    QTimer *m_timer;
    State m_state = State::Unknown;
    Transport::RequestId m_probeId = 0;
    quint64 m_probeGeneration = 0; // tells the current probe's answer from stale ones
    bool m_probing = false;
    bool m_running = false;
    bool m_hasSystemHints = false;
};

} // namespace inkwell::net
