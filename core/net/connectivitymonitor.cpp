#include "net/connectivitymonitor.h"

#include "net/logging.h"
#include <QCoreApplication>
#include <QNetworkInformation>
#include <QThread>
#include <QTimer>

namespace inkwell::net {

ConnectivityMonitor::ConnectivityMonitor(Transport *transport, const QUrl &server, QObject *parent)
    : ConnectivityMonitor(transport, server, Options{}, parent)
{ }

ConnectivityMonitor::ConnectivityMonitor(Transport *transport, const QUrl &server,
                                         const Options &options, QObject *parent)
    : QObject(parent), m_transport(transport), m_server(server), m_options(options),
      m_backoff(options.initialBackoff, options.maximumBackoff), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &ConnectivityMonitor::probe);
}

ConnectivityMonitor::~ConnectivityMonitor()
{
    stop();
}

QUrl ConnectivityMonitor::probeUrl() const
{
    QUrl url = m_server;
    QString path = url.path();
    if (!path.endsWith(u'/'))
        path += u'/';
    url.setPath(path + QStringLiteral("healthz"));
    return url;
}

void ConnectivityMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    if (m_options.systemHints == SystemHints::Use)
        loadSystemHints();
    m_backoff.reset();
    probe();
}

void ConnectivityMonitor::stop()
{
    m_running = false;
    m_timer->stop();
    if (m_probing) {
        m_probing = false;
        m_transport->cancel(m_probeId);
    }
}

void ConnectivityMonitor::probeNow()
{
    if (!m_running)
        return;
    m_backoff.reset();
    if (m_probing)
        return; // the probe in flight answers soon enough
    m_timer->stop();
    probe();
}

void ConnectivityMonitor::probe()
{
    if (!m_running || m_probing)
        return;
    Request request;
    request.url = probeUrl();
    request.timeout = m_options.probeTimeout;
    request.maxResponseBytes = 64 * 1024;
    m_probing = true;
    const quint64 generation = ++m_probeGeneration;
    m_probeId = m_transport->send(request, this, [this, generation](const Response &response) {
        onProbeFinished(generation, response);
    });
}

void ConnectivityMonitor::onProbeFinished(quint64 generation, const Response &response)
{
    // A late answer to a cancelled probe must not pass for the current one.
    if (!m_running || !m_probing || generation != m_probeGeneration)
        return;
    m_probing = false;
    if (response.isOk()) {
        setState(State::Online);
        m_backoff.reset();
        schedule(m_options.onlineInterval);
        return;
    }
    qCDebug(lcNet) << "probe failed:" << errorCodeName(response.error.code);
    setState(State::Offline);
    // An overloaded server's Retry-After lengthens the wait, up to the maximum backoff.
    std::chrono::milliseconds interval = m_backoff.next();
    if (response.retryAfter)
        interval = std::max(interval,
                            std::min<std::chrono::milliseconds>(*response.retryAfter,
                                                                m_options.maximumBackoff));
    schedule(interval);
}

void ConnectivityMonitor::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    qCInfo(lcNet) << "server" << (state == State::Online ? "reachable" : "unreachable");
    Q_EMIT stateChanged(state);
    if (state == State::Online)
        Q_EMIT online();
    else if (state == State::Offline)
        Q_EMIT offline();
}

void ConnectivityMonitor::schedule(std::chrono::milliseconds interval)
{
    m_timer->start(interval);
    Q_EMIT probeScheduled(interval);
}

void ConnectivityMonitor::loadSystemHints()
{
    if (m_hasSystemHints)
        return;
    using Feature = QNetworkInformation::Feature;
    // The QNetworkInformation singleton must be created on the main thread (it lives there for
    // the rest of the process); a monitor on a worker thread uses it only if it already exists.
    const bool onMainThread =
            QCoreApplication::instance() && QThread::currentThread() == qApp->thread();
    if (!QNetworkInformation::instance()
        && (!onMainThread || !QNetworkInformation::loadBackendByFeatures(Feature::Reachability))) {
        qCDebug(lcNet) << "no QNetworkInformation backend; relying on the probe alone";
        return;
    }
    QNetworkInformation *information = QNetworkInformation::instance();
    if (!information || !information->supports(Feature::Reachability))
        return;
    m_hasSystemHints = true;
    // Only a hint (glib says Online whenever a default route exists): any change triggers a probe.
    connect(information, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability) { probeNow(); });
}

} // namespace inkwell::net
