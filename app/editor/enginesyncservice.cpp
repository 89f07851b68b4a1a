#include "enginesyncservice.h"

#include "net/connectivitymonitor.h"
#include "net/threadedtransport.h"
#include "presenceservice.h"
#include "sync/synccontroller.h"
#include "sync/syncscheduler.h"

#include <QSettings>

namespace inkwell::editor {

namespace {

const QString LastSuccessKey = QStringLiteral("sync/lastSuccess");

// Failures that may mean the server cannot be reached (as opposed to refusing a request).
bool isUnreachable(ErrorCode code)
{
    return code == ErrorCode::Network || code == ErrorCode::Timeout
            || code == ErrorCode::ServerUnavailable;
}

} // namespace

EngineSyncService::EngineSyncService(store::LocalStore *store, net::Transport *probeTransport,
                                     QObject *parent)
    : ui::SyncService(parent), m_store(store), m_probeTransport(probeTransport),
      m_controller(new sync::SyncController(
              store, [] { return std::make_unique<net::ThreadedTransport>(); }, this)),
      m_presence(new PresenceService(this))
{
    m_lastSuccess = QSettings().value(LastSuccessKey).toDateTime();
    connect(m_controller, &sync::SyncController::started, this, &EngineSyncService::onStarted);
    connect(m_controller, &sync::SyncController::progressChanged, this,
            &EngineSyncService::onProgress);
    connect(m_controller, &sync::SyncController::finished, this, &EngineSyncService::onFinished);
    connect(m_controller, &sync::SyncController::failed, this, &EngineSyncService::onFailed);
    connect(m_controller, &sync::SyncController::postFailed, this, &SyncService::postFailed);
    connect(m_controller, &sync::SyncController::changeSkipped, this,
            &EngineSyncService::onSkipped);
    connect(m_controller, &sync::SyncController::retrying, this, &EngineSyncService::onRetrying);
    connect(m_controller, &sync::SyncController::attachmentReady, this,
            &SyncService::attachmentArrived);
    connect(m_controller, &sync::SyncController::presenceChanged, m_presence,
            &PresenceService::takePresence);
    connect(m_presence, &PresenceService::changed, this, &SyncService::presenceChanged);
    // While online, colleagues' changes arrive as they are synced; the schedule stays as the
    // fallback (and is all there is with a server without live updates).
    m_controller->setLiveUpdates(sync::SyncController::LiveUpdates::On);
}

EngineSyncService::~EngineSyncService() = default;

void EngineSyncService::setAccount(const sync::SyncAccount &account)
{
    m_monitor.reset();
    m_account = account;
    m_configured = account.isValid();
    m_controller->setAccount(account);
    // The old account's presence is cleared with its token first; then nothing goes out until
    // the probe reaches the (new) server.
    m_presence->setAccount(account);
    m_presence->setOnline(false);
    if (m_configured) {
        m_monitor = std::make_unique<net::ConnectivityMonitor>(m_probeTransport, account.server);
        connect(m_monitor.get(), &net::ConnectivityMonitor::stateChanged, this,
                &EngineSyncService::onConnectivity);
        m_monitor->start();
        log(tr("Syncing with %1").arg(account.server.toDisplayString()));
    }
    Q_EMIT connectivityChanged(connectivity());
}

void EngineSyncService::syncNow()
{
    if (!m_configured)
        return;
    if (m_monitor && !m_monitor->isOnline())
        m_monitor->probeNow();
    m_controller->syncNow();
}

void EngineSyncService::requestAttachment(const QString &blog, const QString &sha256)
{
    bool isNumber = false;
    const qint64 blogId = blog.toLongLong(&isNumber);
    if (m_configured && isNumber)
        m_controller->requestAttachment(blogId, sha256);
}

QStringList EngineSyncService::editorsOf(const QString &blog, const QString &guid) const
{
    return m_presence->editorsOf(blog, guid);
}

bool EngineSyncService::isSyncing() const
{
    return m_controller->isRunning();
}

ui::SyncService::Connectivity EngineSyncService::connectivity() const
{
    if (!m_configured || !m_monitor)
        return Connectivity::NotConfigured;
    switch (m_monitor->state()) {
    case net::ConnectivityMonitor::State::Online:
        return Connectivity::Online;
    case net::ConnectivityMonitor::State::Offline:
        return Connectivity::Offline;
    case net::ConnectivityMonitor::State::Unknown:
        break;
    }
    return Connectivity::Unknown;
}

void EngineSyncService::setAutoSync(bool enabled, int periodMinutes)
{
    m_controller->scheduler()->setAutoSync(enabled ? sync::SyncScheduler::AutoSync::On
                                                   : sync::SyncScheduler::AutoSync::Off);
    // The scheduler's periodic runs honour auto-sync and connectivity themselves.
    m_controller->scheduler()->setPeriod(std::chrono::minutes(std::max(1, periodMinutes)));
    // Without auto-sync only the writer starts runs; live updates would start them too.
    m_controller->setLiveUpdates(enabled ? sync::SyncController::LiveUpdates::On
                                         : sync::SyncController::LiveUpdates::Off);
}

void EngineSyncService::onStarted()
{
    log(tr("Sync started"));
    Q_EMIT started();
}

void EngineSyncService::onProgress(const sync::SyncProgress &progress)
{
    Q_EMIT progressed(int(progress.itemsDone), int(progress.itemsTotal));
}

void EngineSyncService::onFinished(const sync::SyncResult &result)
{
    m_lastSuccess = QDateTime::currentDateTimeUtc();
    QSettings().setValue(LastSuccessKey, m_lastSuccess);
    log(tr("Sync finished: %1 sent, %2 received, %3 merged, %4 conflicts")
                .arg(result.pushed)
                .arg(result.pulled)
                .arg(result.merged)
                .arg(result.conflicts));
    if (result.recovered > 0)
        log(tr("The server was restored from a backup: %n post(s) it had lost were sent again",
               nullptr, result.recovered));
    Q_EMIT finished(m_lastSuccess);
}

void EngineSyncService::onFailed(const Error &error)
{
    log(tr("Sync failed: %1").arg(errorText(error.code)));
    if (m_monitor && isUnreachable(error.code))
        m_monitor->probeNow();
    Q_EMIT failed(error);
}

void EngineSyncService::onSkipped(const QString &guid, const Error &error)
{
    log(tr("A post from the server could not be read and was skipped: %1 (%2)")
                .arg(guid.isEmpty() ? QStringLiteral("-") : guid,
                     error.message.isEmpty() ? errorText(error.code) : error.message));
    Q_EMIT changeSkipped(guid, error);
}

void EngineSyncService::onRetrying(const Error &error, std::chrono::milliseconds delay)
{
    log(tr("No answer from the server (%1); trying again in %2 s")
                .arg(errorText(error.code))
                .arg((delay.count() + 999) / 1000));
    // Find out at once whether the server is gone, instead of after the run's last retry, so
    // the window shows Offline while the writer keeps writing.
    if (m_monitor && isUnreachable(error.code))
        m_monitor->probeNow();
}

void EngineSyncService::onConnectivity()
{
    auto *scheduler = m_controller->scheduler();
    m_presence->setOnline(connectivity() == Connectivity::Online);
    if (connectivity() == Connectivity::Online) {
        log(tr("Server reachable"));
        scheduler->setOnline();
    } else if (connectivity() == Connectivity::Offline) {
        log(tr("Server not reachable; working offline"));
        scheduler->setOffline();
    }
    Q_EMIT connectivityChanged(connectivity());
}

void EngineSyncService::log(const QString &message)
{
    Q_EMIT logged(QDateTime::currentDateTimeUtc(), message);
}

} // namespace inkwell::editor
