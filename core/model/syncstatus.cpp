#include "model/syncstatus.h"

namespace inkwell::model {

QString syncStatusName(SyncStatus status)
{
    switch (status) {
    case SyncStatus::Synced:
        return QStringLiteral("synced");
    case SyncStatus::NeedsSync:
        return QStringLiteral("needs-sync");
    case SyncStatus::Conflicted:
        return QStringLiteral("conflicted");
    }
    return QString();
}

bool parseSyncStatus(const QString &name, SyncStatus *status)
{
    for (SyncStatus candidate : {SyncStatus::Synced, SyncStatus::NeedsSync, SyncStatus::Conflicted}) {
        if (syncStatusName(candidate) == name) {
            *status = candidate;
            return true;
        }
    }
    return false;
}

} // namespace inkwell::model
