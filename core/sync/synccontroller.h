#pragma once

#include "model/error.h"
#include "sync/livechannel.h"
#include "sync/syncaccount.h"
#include "sync/syncoptions.h"
#include "sync/syncprogress.h"

#include <QObject>
#include <chrono>

#include <functional>
#include <memory>

class QThread;

namespace inkwell::net {
class Transport;
}
namespace inkwell::store {
class LocalStore;
}

namespace inkwell::sync {

class SyncScheduler;
class SyncWorker;

// The GUI-thread face of syncing: owns the worker thread with the SyncEngine and its Transport,
// and a SyncScheduler that starts runs (Sync now, reconnect, after edits, periodically). Every
// call returns at once; results arrive as signals on the controller's thread.
class SyncController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)

public:
    // Called once on the worker thread to create the engine's Transport (e.g. NetworkTransport).
    using TransportFactory = std::function<std::unique_ptr<net::Transport>()>;

    // store must outlive the controller; its edits from other threads feed the scheduler.
    SyncController(store::LocalStore *store, TransportFactory factory, QObject *parent = nullptr);
    ~SyncController() override; // cancels a running sync and joins the worker thread

    enum class LiveUpdates { Off, On };

    void setAccount(const SyncAccount &account);
    void setOptions(const SyncOptions &options);
    // On: while the scheduler is online and an account is set, a LiveChannel waits for the
    // server's changes and starts runs as they come (see LiveChannel). Off by default.
    void setLiveUpdates(LiveUpdates liveUpdates);
    void setLiveOptions(const LiveChannel::Options &options);
    LiveChannel::State liveState() const { return m_liveState; }
    SyncScheduler *scheduler() const { return m_scheduler; }
    bool isRunning() const { return m_running; }

public Q_SLOTS:
    void syncNow();
    void cancel();
    void requestAttachment(qint64 blog, const QString &sha256);

Q_SIGNALS:
    void started();
    void progressChanged(const inkwell::sync::SyncProgress &progress);
    void postFailed(const QString &guid, const inkwell::Error &error);
    // See SyncRun::changeSkipped.
    void changeSkipped(const QString &guid, const inkwell::Error &error);
    // See SyncEngine::retrying.
    void retrying(const inkwell::Error &error, std::chrono::milliseconds delay);
    void finished(const inkwell::sync::SyncResult &result);
    void failed(const inkwell::Error &error);
    void attachmentReady(const QString &sha256);
    void attachmentFailed(const QString &sha256, const inkwell::Error &error);
    // See LiveChannel::presenceChanged.
    void presenceChanged(qint64 blog, const QList<inkwell::protocol::PresenceEntry> &presence,
                         const QString &token);
    void liveStateChanged(inkwell::sync::LiveChannel::State state);

private:
    void requestRun();
    void onStoreChanged();
    void updateLive();

    QThread *m_thread;
    SyncWorker *m_worker; // lives on m_thread
    SyncScheduler *m_scheduler;
    bool m_running = false;
    bool m_accountValid = false;
    bool m_liveStarted = false;
    LiveUpdates m_liveUpdates = LiveUpdates::Off;
    LiveChannel::State m_liveState = LiveChannel::State::Stopped;
};

} // namespace inkwell::sync
