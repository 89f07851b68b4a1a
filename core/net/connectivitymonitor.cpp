#include "net/connectivitymonitor.h"

#include <QTimer>

namespace inkwell::net {

ConnectivityMonitor::ConnectivityMonitor(Transport *transport, const QUrl &server, QObject *parent)
    : ConnectivityMonitor(transport, server, Options{}, parent)
{ }

ConnectivityMonitor::ConnectivityMonitor(Transport *transport, const QUrl &server,
                                         const Options &options, QObject *parent)
    : QObject(parent), m_transport(transport), m_server(server), m_options(options),
      m_backoff(options.initialBackoff, options.maximumBackoff), m_timer(new QTimer(this))
{ }

ConnectivityMonitor::~ConnectivityMonitor() = default;

void ConnectivityMonitor::start() { }
void ConnectivityMonitor::stop() { }
void ConnectivityMonitor::probeNow() { }
QUrl ConnectivityMonitor::probeUrl() const
{
    return m_server;
}
void ConnectivityMonitor::probe() { }
void ConnectivityMonitor::onProbeFinished(const Response &) { }
void ConnectivityMonitor::setState(State) { }
void ConnectivityMonitor::schedule(std::chrono::milliseconds) { }
void ConnectivityMonitor::loadSystemHints() { }

} // namespace inkwell::net
