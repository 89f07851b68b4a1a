#pragma once

#include "ui/sync/syncservice.h"

namespace inkwell::ui {

// The syncer of the offline-only mode: there is no server, so nothing ever syncs.
class OfflineSyncService final : public SyncService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OfflineSyncService)

public:
    explicit OfflineSyncService(QObject *parent = nullptr) : SyncService(parent) { }

    void syncNow() override { }
    bool isSyncing() const override { return false; }
    Connectivity connectivity() const override { return Connectivity::NotConfigured; }
    QDateTime lastSuccessfulSync() const override { return {}; }
    void setAutoSync(bool, int) override { }
    void notifyLocalEdit() override { }
};

} // namespace inkwell::ui
