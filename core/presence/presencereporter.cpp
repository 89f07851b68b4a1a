#include "presence/presencereporter.h"

#include "presence/logging.h"
#include "protocol/live.h"

#include <QTimer>

namespace inkwell::presence {

using namespace std::chrono;

PresenceReporter::PresenceReporter(net::Transport *transport, QObject *parent)
    : QObject(parent), m_transport(transport), m_clock([] { return steady_clock::now(); }),
      m_renewTimer(new QTimer(this))
{
    m_renewTimer->setSingleShot(true);
    connect(m_renewTimer, &QTimer::timeout, this, &PresenceReporter::renew);
}

PresenceReporter::~PresenceReporter()
{
    if (m_capabilitiesRequest != 0)
        m_transport->cancel(m_capabilitiesRequest);
}

void PresenceReporter::setOptions(const Options &options)
{
    m_options = options;
}

void PresenceReporter::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

bool PresenceReporter::isIdle() const
{
    return m_inFlight == 0 && m_queue.isEmpty();
}

void PresenceReporter::setAccount(const sync::SyncAccount &account)
{
    if (account.server == m_account.server && account.token == m_account.token) {
        m_account = account; // other blogs: nothing to report differently
        return;
    }
    // Reports waiting for the old account are moot; its entry is cleared with its own token.
    m_queue.clear();
    m_renewTimer->stop();
    clearReport();
    ++m_generation;
    if (m_capabilitiesRequest != 0)
        m_transport->cancel(m_capabilitiesRequest);
    m_capabilitiesRequest = 0;
    m_account = account;
    m_support = Support::Unknown;
    if (m_account.isValid() && m_online)
        checkCapabilities();
}

void PresenceReporter::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    if (!online) {
        // Nothing new is sent (what is waiting still goes, e.g. a clear of the old account); the
        // server's entry lapses by itself.
        m_renewTimer->stop();
        m_reported = {};
        return;
    }
    if (m_support == Support::Unknown && m_account.isValid())
        checkCapabilities();
    else if (isTyping())
        report();
}

void PresenceReporter::edited(qint64 blog, const QString &guid)
{
    m_lastEdit = m_clock();
    const Target target{blog, guid};
    if (!target.isValid()) { // a local-only post: nobody else can open it
        closed();
        return;
    }
    if (target != m_open) {
        m_open = target;
        report();
    } else if (!m_renewTimer->isActive()) {
        report(); // the first edit, or the first after a pause that let the entry lapse
    }
}

void PresenceReporter::closed()
{
    m_open = {};
    m_renewTimer->stop();
    clearReport();
}

void PresenceReporter::renew()
{
    if (isTyping())
        report();
    else
        m_renewTimer->stop(); // the entry lapses; the next edit reports at once
}

bool PresenceReporter::isTyping() const
{
    return m_open.isValid() && m_clock() - m_lastEdit < m_options.typingWindow;
}

void PresenceReporter::report()
{
    if (!m_account.isValid() || !m_online)
        return;
    if (m_support == Support::Unknown)
        checkCapabilities(); // reports once the answer says "presence"
    if (m_support != Support::Supported)
        return;
    if (m_reported.isValid() && m_reported.blog != m_open.blog)
        clearReport();
    net::Request request;
    request.method = net::Method::Put;
    request.url = m_account.blogEndpoint(m_open.blog, QStringLiteral("/presence"));
    request.bearerToken = m_account.token;
    request.body = protocol::encode(protocol::PresenceUpdate{m_open.guid});
    request.contentType = "application/json";
    enqueue(m_open.blog, std::move(request));
    m_reported = m_open;
    m_renewTimer->start(m_options.renewInterval);
}

void PresenceReporter::clearReport()
{
    const Target reported = m_reported;
    m_reported = {};
    if (!reported.isValid() || !m_account.isValid() || !m_online || m_support != Support::Supported)
        return;
    net::Request request;
    request.method = net::Method::Delete;
    request.url = m_account.blogEndpoint(reported.blog, QStringLiteral("/presence"));
    request.bearerToken = m_account.token;
    enqueue(reported.blog, std::move(request));
}

void PresenceReporter::checkCapabilities()
{
    if (m_capabilitiesRequest != 0)
        return;
    m_support = Support::Checking;
    net::Request request;
    request.url = m_account.endpoint(QStringLiteral("/api/v1/capabilities"));
    request.timeout = m_options.requestTimeout;
    request.maxResponseBytes = 64 * 1024;
    const quint64 generation = m_generation;
    m_capabilitiesRequest =
            m_transport->send(request, this, [this, generation](const net::Response &response) {
                onCapabilities(generation, response);
            });
}

void PresenceReporter::onCapabilities(quint64 generation, const net::Response &response)
{
    if (generation != m_generation)
        return;
    m_capabilitiesRequest = 0;
    if (response.status == 404) { // a server from before capabilities: no features
        m_support = Support::Unsupported;
    } else if (!response.isOk()) {
        m_support = Support::Unknown; // asked again with the next edit
        qCDebug(lcPresence) << "capabilities unavailable:" << response.error.message;
        return;
    } else {
        const Result<protocol::Capabilities> capabilities =
                protocol::decodeCapabilities(response.body);
        m_support = capabilities && capabilities->has(QLatin1String(protocol::kFeaturePresence))
                ? Support::Supported
                : Support::Unsupported;
    }
    if (m_support == Support::Unsupported)
        qCInfo(lcPresence) << "the server offers no presence";
    else if (isTyping())
        report();
}

void PresenceReporter::enqueue(qint64 blog, net::Request request)
{
    request.timeout = m_options.requestTimeout;
    request.maxResponseBytes = 64 * 1024;
    // A newer report of the same blog and account replaces one still waiting: only the last
    // word matters, and the order per blog is kept.
    for (Queued &queued : m_queue) {
        if (queued.blog == blog && queued.request.url == request.url
            && queued.request.bearerToken == request.bearerToken) {
            queued.request = std::move(request);
            return;
        }
    }
    m_queue.append({blog, std::move(request)});
    pump();
}

void PresenceReporter::pump()
{
    if (m_inFlight != 0 || m_queue.isEmpty())
        return;
    const Queued next = m_queue.takeFirst();
    m_inFlight = m_transport->send(next.request, this,
                                   [this](const net::Response &response) { onAnswer(response); });
}

void PresenceReporter::onAnswer(const net::Response &response)
{
    m_inFlight = 0;
    if (!response.isOk())
        qCDebug(lcPresence) << "presence report failed:" << response.status
                            << response.error.message;
    pump();
    if (isIdle())
        Q_EMIT idle();
}

} // namespace inkwell::presence
