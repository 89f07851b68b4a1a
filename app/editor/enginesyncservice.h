#pragma once

#include "sync/syncaccount.h"
#include "ui/sync/syncservice.h"

#include <chrono>
#include <memory>

namespace inkwell::net {
class ConnectivityMonitor;
class Transport;
} // namespace inkwell::net
namespace inkwell::store {
class LocalStore;
}
namespace inkwell::sync {
class SyncController;
struct SyncProgress;
struct SyncResult;
} // namespace inkwell::sync

namespace inkwell::editor {

class PresenceService;

// The window's SyncService over the real sync::SyncController (engine on its worker thread)
// and a net::ConnectivityMonitor probing the server. Without an account it reports
// NotConfigured and never syncs.
class EngineSyncService final : public ui::SyncService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineSyncService)

public:
    // probeTransport is used on this thread for the reachability probe; it must outlive this.
    EngineSyncService(store::LocalStore *store, net::Transport *probeTransport,
                      QObject *parent = nullptr);
    ~EngineSyncService() override;

    // Starts probing and syncing for account; an empty account stops both.
    void setAccount(const sync::SyncAccount &account);
    // The account in use (invalid when none), e.g. for reading a post's history.
    const sync::SyncAccount &account() const { return m_account; }

    void syncNow() override;
    bool isSyncing() const override;
    Connectivity connectivity() const override;
    QDateTime lastSuccessfulSync() const override { return m_lastSuccess; }
    void setAutoSync(bool enabled, int periodMinutes) override;
    void notifyLocalEdit() override { } // the controller watches the store itself
    void requestAttachment(const QString &blog, const QString &sha256) override;
    QStringList editorsOf(const QString &blog, const QString &guid) const override;
    // Who else is editing, and the writer's own presence.
    PresenceService *presence() const { return m_presence; }

private:
    void onStarted();
    void onProgress(const sync::SyncProgress &progress);
    void onFinished(const sync::SyncResult &result);
    void onFailed(const Error &error);
    void onSkipped(const QString &guid, const Error &error);
    void onRetrying(const Error &error, std::chrono::milliseconds delay);
    void onConnectivity();
    void log(const QString &message);

    store::LocalStore *m_store;
    net::Transport *m_probeTransport;
    sync::SyncController *m_controller;
    PresenceService *m_presence;
    std::unique_ptr<net::ConnectivityMonitor> m_monitor;
    sync::SyncAccount m_account;
    bool m_configured = false;
    QDateTime m_lastSuccess;
};

} // namespace inkwell::editor
