#pragma once

#include "presence/presenceboard.h"
#include "ui/sync/syncservice.h"

namespace inkwell::test {

// A SyncService that records requests and lets the test play the syncer's signals.
class FakeSyncService final : public ui::SyncService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeSyncService)

public:
    explicit FakeSyncService(QObject *parent = nullptr) : ui::SyncService(parent)
    {
        connect(&presence, &presence::PresenceBoard::changed, this, &SyncService::presenceChanged);
    }

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
    QStringList editorsOf(const QString &blog, const QString &guid) const override
    {
        return presence.editors(blog.toLongLong(), guid);
    }

    int syncRequests = 0;
    int localEdits = 0;
    QStringList requestedAttachments;
    bool syncing = false;
    Connectivity state = Connectivity::Online;
    QDateTime lastSuccess;
    // Colleagues' presence: the test plays the live answers with presence.update().
    presence::PresenceBoard presence;
};

} // namespace inkwell::test
