#pragma once

#include "ui/sync/syncservice.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QTimer;

namespace inkwell::ui {

// The sync state in the status bar: online/offline, how many posts wait to be synced, when the
// last sync succeeded, a progress bar while a run is going, and the server's posts the last run
// had to skip (kept until a run completes without skipping any).
class SyncStatusWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusWidget)

public:
    SyncStatusWidget(SyncService *sync, QWidget *parent = nullptr);

    void setPendingCount(qint64 pending, qint64 conflicted);
    QString connectivityText() const;
    QString pendingText() const;
    QString lastSyncText() const;
    bool isProgressVisible() const;
    // Posts from the server the last completed run could not read and skipped (empty when none);
    // the details (their guids and errors) are the label's tooltip.
    QString skippedText() const;
    QString skippedDetails() const;

private:
    void showConnectivity(SyncService::Connectivity connectivity);
    void showLastSync();
    void onProgress(int done, int total);
    void showSkipped();

    SyncService *m_sync;
    QLabel *m_connectivityIcon;
    QLabel *m_connectivity;
    QLabel *m_pending;
    QLabel *m_lastSync;
    QLabel *m_skipped;
    QStringList m_runSkipped; // "guid: error" of the changes the current run skipped
    QProgressBar *m_progress;
    QTimer *m_progressDelay; // short runs do not flash a progress bar
    QTimer *m_clock; // keeps "2 minutes ago" current
};

} // namespace inkwell::ui
