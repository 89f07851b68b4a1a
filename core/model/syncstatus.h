#pragma once

#include <QString>

namespace inkwell::model {

// Where a local post stands relative to the server.
enum class SyncStatus {
    Synced, // no local change the server lacks
    NeedsSync, // local changes (or a new post) waiting to be pushed
    Conflicted, // the server has a version that could not be merged; the writer must resolve it
};

QString syncStatusName(SyncStatus status); // "synced", "needs-sync", "conflicted"
bool parseSyncStatus(const QString &name, SyncStatus *status);

} // namespace inkwell::model
