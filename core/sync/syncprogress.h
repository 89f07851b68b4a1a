#pragma once

#include "model/error.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace inkwell::sync {

// Where a sync run is. Runs go Preparing -> (UploadingAttachments -> Pushing/Pulling)* ->
// DownloadingCovers -> Idle.
enum class SyncPhase { Idle, Preparing, UploadingAttachments, Exchanging, DownloadingCovers };

QString syncPhaseName(SyncPhase phase);

// A snapshot of a running sync for progress displays.
struct SyncProgress
{
    SyncPhase phase = SyncPhase::Idle;
    qint64 blog = 0;
    qint64 itemsDone = 0; // posts pushed and pulled, attachments moved in this phase
    qint64 itemsTotal = 0; // 0 when unknown (pulls do not know their total)
    qint64 bytesSent = 0; // request bodies so far in this run
    qint64 bytesReceived = 0; // response bodies so far in this run

    friend bool operator==(const SyncProgress &, const SyncProgress &) = default;
};

// What a finished run did.
struct SyncResult
{
    int pushed = 0; // changes the server applied
    int pulled = 0; // server changes written locally
    int merged = 0; // clean three-way merges
    int conflicts = 0; // posts newly marked Conflicted
    int rejected = 0; // changes the server refused (see the post's lastError)
    // Server changes not stored because they break the protocol's rules (SyncRun::changeSkipped);
    // the rest of their pages was stored. Their guids (empty for a change without a valid one).
    QStringList skipped;
    int attachmentsUploaded = 0;
    int attachmentsDownloaded = 0;
    int requests = 0; // HTTP requests, retries included
    int retries = 0;
    bool resynced = false; // the server asked for a full pull from 0
    int recovered = 0; // local posts a restored server had lost, made pending again

    friend bool operator==(const SyncResult &, const SyncResult &) = default;
};

} // namespace inkwell::sync

Q_DECLARE_METATYPE(inkwell::sync::SyncProgress)
Q_DECLARE_METATYPE(inkwell::sync::SyncResult)
