#pragma once

#include "ui/sync/syncservice.h"

namespace inkwell::test {

// A SyncService that records requests and lets the test play the syncer's signals.
class FakeSyncService final : public ui::SyncService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeSyncService)

public:
    explicit FakeSyncService(QObject *parent = nullptr) : ui::SyncService(parent) { }

    void syncNow() override { ++syncRequests; }
    bool isSyncing() const override { return syncing; }
    Connectivity connectivity() const override { return state; }
    QDateTime lastSuccessfulSync() const override { return lastSuccess; }
    void setAutoSync(bool, int) override { }
    void notifyLocalEdit() override { ++localEdits; }
    void requestAttachment(const QString &, const QString &sha256) override
    {
        requestedAttachments.append(sha256);
    }

    int syncRequests = 0;
    int localEdits = 0;
    QStringList requestedAttachments;
    bool syncing = false;
    Connectivity state = Connectivity::Online;
    QDateTime lastSuccess;
};

} // namespace inkwell::test
