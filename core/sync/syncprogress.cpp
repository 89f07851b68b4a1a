#include "sync/syncprogress.h"

namespace inkwell::sync {

QString syncPhaseName(SyncPhase phase)
{
    switch (phase) {
    case SyncPhase::Idle:
        return QStringLiteral("idle");
    case SyncPhase::Preparing:
        return QStringLiteral("preparing");
    case SyncPhase::UploadingAttachments:
        return QStringLiteral("uploading-attachments");
    case SyncPhase::Exchanging:
        return QStringLiteral("exchanging");
    case SyncPhase::DownloadingCovers:
        return QStringLiteral("downloading-covers");
    }
    return QString();
}

} // namespace inkwell::sync
