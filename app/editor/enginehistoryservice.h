#pragma once

#include "ui/history/historyservice.h"

namespace inkwell::net {
class Transport;
}

namespace inkwell::editor {

class EngineSyncService;

// The History window's service over history::HistoryClient, with the account the sync service
// uses at the time of each request. A post that was never synced (no blog) has no revisions.
class EngineHistoryService final : public ui::HistoryService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineHistoryService)

public:
    // transport is used on this thread; sync and transport must outlive this.
    EngineHistoryService(EngineSyncService *sync, net::Transport *transport,
                         QObject *parent = nullptr);

    void fetchRevisions(const QString &blog, const QString &guid, qint64 before) override;
    void fetchRevision(const QString &blog, const QString &guid, qint64 rev) override;

private:
    EngineSyncService *m_sync;
    net::Transport *m_transport;
};

} // namespace inkwell::editor
