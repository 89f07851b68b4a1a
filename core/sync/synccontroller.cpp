#include "sync/synccontroller.h"

#include "store/localstore.h"
#include "sync/syncengine.h"
#include "sync/syncscheduler.h"
#include "sync/syncworker.h"

#include <QThread>

namespace inkwell::sync {

SyncController::SyncController(store::LocalStore *store, TransportFactory factory, QObject *parent)
    : QObject(parent), m_thread(new QThread(this)), m_worker(new SyncWorker),
      m_scheduler(new SyncScheduler(this))
{
    qRegisterMetaType<inkwell::Error>();
    qRegisterMetaType<inkwell::sync::SyncProgress>();
    qRegisterMetaType<inkwell::sync::SyncResult>();
    m_thread->setObjectName(QStringLiteral("inkwell-sync"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_worker, [this, store, factory = std::move(factory)] {
        m_worker->initialize(store, factory);
        SyncEngine *engine = m_worker->engine();
        // Connections with this as context are queued to the controller's thread.
        connect(engine, &SyncEngine::started, this, [this] {
            m_running = true;
            Q_EMIT started();
        });
        connect(engine, &SyncEngine::finished, this, [this](const SyncResult &result) {
            m_running = false;
            Q_EMIT finished(result);
        });
        connect(engine, &SyncEngine::failed, this, [this](const Error &error) {
            m_running = false;
            Q_EMIT failed(error);
        });
        connect(engine, &SyncEngine::progressChanged, this, &SyncController::progressChanged);
        connect(engine, &SyncEngine::postFailed, this, &SyncController::postFailed);
        connect(engine, &SyncEngine::changeSkipped, this, &SyncController::changeSkipped);
        connect(engine, &SyncEngine::retrying, this, &SyncController::retrying);
        connect(engine, &SyncEngine::attachmentReady, this, &SyncController::attachmentReady);
        connect(engine, &SyncEngine::attachmentFailed, this, &SyncController::attachmentFailed);
        LiveChannel *live = m_worker->live();
        connect(live, &LiveChannel::presenceChanged, this, &SyncController::presenceChanged);
        connect(live, &LiveChannel::stateChanged, this, [this](LiveChannel::State state) {
            m_liveState = state;
            Q_EMIT liveStateChanged(state);
        });
    });
    connect(m_scheduler, &SyncScheduler::syncRequested, this, &SyncController::requestRun);
    connect(m_scheduler, &SyncScheduler::onlineChanged, this, &SyncController::updateLive);
    // Direct: runs on the writing thread, so the engine's own writes can be told apart.
    connect(store, &store::LocalStore::postsChanged, this, &SyncController::onStoreChanged,
            Qt::DirectConnection);
}

SyncController::~SyncController()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] {
        if (worker->engine())
            worker->engine()->cancel();
        delete worker;
        // Quit from inside the thread: only then is the deletion above sure to have run.
        QThread::currentThread()->quit();
    });
    m_thread->wait();
}

void SyncController::onStoreChanged()
{
    if (QThread::currentThread() == m_thread)
        return; // the engine's own writes are not edits to sync
    QMetaObject::invokeMethod(m_scheduler, &SyncScheduler::noteLocalEdit, Qt::QueuedConnection);
}

void SyncController::setAccount(const SyncAccount &account)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, account] {
        worker->engine()->setAccount(account);
        worker->live()->setAccount(account);
    });
    m_accountValid = account.isValid();
    updateLive();
}

void SyncController::setLiveUpdates(LiveUpdates liveUpdates)
{
    m_liveUpdates = liveUpdates;
    updateLive();
}

void SyncController::setLiveOptions(const LiveChannel::Options &options)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, options] { worker->live()->setOptions(options); });
}

void SyncController::updateLive()
{
    const bool wanted =
            m_liveUpdates == LiveUpdates::On && m_accountValid && m_scheduler->isOnline();
    if (wanted == m_liveStarted)
        return;
    m_liveStarted = wanted;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, wanted] {
        if (wanted)
            worker->live()->start();
        else
            worker->live()->stop();
    });
}

void SyncController::setOptions(const SyncOptions &options)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, options] { worker->engine()->setOptions(options); });
}

void SyncController::syncNow()
{
    m_scheduler->syncNow();
}

void SyncController::requestRun()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->engine()->requestSync(); });
}

void SyncController::cancel()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->engine()->cancel(); });
}

void SyncController::requestAttachment(qint64 blog, const QString &sha256)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, blog, sha256] {
        worker->engine()->requestAttachment(blog, sha256);
    });
}

} // namespace inkwell::sync
