#include "sync/syncscheduler.h"

#include <QTimer>

namespace inkwell::sync {

SyncScheduler::SyncScheduler(QObject *parent) : SyncScheduler(Options{}, parent) { }

SyncScheduler::SyncScheduler(const Options &options, QObject *parent)
    : QObject(parent), m_options(options), m_editTimer(new QTimer(this)),
      m_periodTimer(new QTimer(this))
{
    m_editTimer->setSingleShot(true);
    connect(m_editTimer, &QTimer::timeout, this, &SyncScheduler::onEditTimeout);
    connect(m_periodTimer, &QTimer::timeout, this, [this] {
        if (m_online && m_options.autoSync == AutoSync::On)
            request(Reason::Periodic);
    });
    restartPeriodic();
}

SyncScheduler::~SyncScheduler() = default;

void SyncScheduler::setOptions(const Options &options)
{
    m_options = options;
    if (m_editTimer->isActive())
        m_editTimer->start(m_options.editDelay);
    setAutoSync(options.autoSync);
}

void SyncScheduler::setAutoSync(AutoSync autoSync)
{
    m_options.autoSync = autoSync;
    if (autoSync == AutoSync::Off)
        m_editTimer->stop();
    restartPeriodic();
}

void SyncScheduler::setPeriod(std::chrono::milliseconds period)
{
    m_options.period = std::max(period, std::chrono::milliseconds::zero());
    restartPeriodic();
}

void SyncScheduler::syncNow()
{
    request(Reason::User);
}

void SyncScheduler::setOnline()
{
    const bool edge = !m_online;
    m_online = true;
    if (edge)
        Q_EMIT onlineChanged(true);
    restartPeriodic();
    if (m_options.autoSync == AutoSync::Off)
        return;
    if (edge || m_editPending)
        request(Reason::Reconnected);
}

void SyncScheduler::setOffline()
{
    const bool edge = m_online;
    m_online = false;
    m_periodTimer->stop();
    if (edge)
        Q_EMIT onlineChanged(false);
}

void SyncScheduler::noteLocalEdit()
{
    m_editPending = true;
    if (m_options.autoSync == AutoSync::On)
        m_editTimer->start(m_options.editDelay);
}

void SyncScheduler::onEditTimeout()
{
    if (m_online && m_options.autoSync == AutoSync::On)
        request(Reason::LocalEdit);
}

void SyncScheduler::request(Reason reason)
{
    // Every run pushes all pending edits, so any request settles the pending edit too.
    m_editPending = false;
    m_editTimer->stop();
    restartPeriodic();
    Q_EMIT syncRequested(reason);
}

void SyncScheduler::restartPeriodic()
{
    if (m_online && m_options.autoSync == AutoSync::On && m_options.period.count() > 0)
        m_periodTimer->start(m_options.period);
    else
        m_periodTimer->stop();
}

} // namespace inkwell::sync
