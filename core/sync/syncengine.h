#pragma once

#include "model/error.h"
#include "model/post.h"
#include "sync/syncaccount.h"
#include "sync/syncoptions.h"
#include "sync/syncprogress.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <chrono>

namespace inkwell::net {
class Transport;
}
namespace inkwell::store {
class LocalStore;
class SearchIndexer;
} // namespace inkwell::store

namespace inkwell::sync {

class RetryingSender;
class SyncRun;

// Pushes local edits and pulls the server's, for one account. Lives on one thread (the sync
// worker in the applications) and uses the store's connection of that thread and the given
// Transport, created there. At most one run at a time: asking again while a run is going
// schedules exactly one follow-up run. Talk to it through queued signals and slots.
class SyncEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncEngine)

public:
    // store and transport must outlive the engine.
    SyncEngine(store::LocalStore *store, net::Transport *transport, QObject *parent = nullptr);
    ~SyncEngine() override;

    void setAccount(const SyncAccount &account);
    const SyncAccount &account() const { return m_account; }
    void setOptions(const SyncOptions &options);
    const SyncOptions &options() const { return m_options; }
    bool isRunning() const { return m_run != nullptr; }
    // Brings the search index up to the pulled posts after every run (they are stored without
    // it, see LocalStore::SearchIndexing); schedule it to work off a backlog found at start.
    store::SearchIndexer *searchIndexer() const { return m_indexer; }

public Q_SLOTS:
    // Starts a run, or, while one is running, makes sure one more starts after it.
    void requestSync();
    // Cancels the current run (it fails with Cancelled) and any follow-up.
    void cancel();
    // Makes the attachment available locally: attachmentReady() at once when it is there,
    // after a verified download otherwise, or attachmentFailed().
    void requestAttachment(qint64 blog, const QString &sha256);

Q_SIGNALS:
    void started();
    void progressChanged(const inkwell::sync::SyncProgress &progress);
    // The server refused this post's change; the post keeps it and shows error.
    void postFailed(const QString &guid, const inkwell::Error &error);
    // See SyncRun::changeSkipped.
    void changeSkipped(const QString &guid, const inkwell::Error &error);
    // A request of the running sync failed transiently (e.g. the server is not reachable) and
    // will be retried after delay; the run goes on.
    void retrying(const inkwell::Error &error, std::chrono::milliseconds delay);
    void finished(const inkwell::sync::SyncResult &result);
    // The run stopped early; what it applied so far stays applied.
    void failed(const inkwell::Error &error);
    void attachmentReady(const QString &sha256);
    void attachmentFailed(const QString &sha256, const inkwell::Error &error);

private:
    void startRun();
    void onRunDone(const Result<SyncResult> &result);
    void downloadNext();

    store::LocalStore *m_store;
    net::Transport *m_transport;
    SyncAccount m_account;
    SyncOptions m_options;
    SyncRun *m_run = nullptr;
    bool m_followUp = false;
    QSet<QString> m_knownBlobs; // hashes the server holds (asked or uploaded this session)
    QHash<QString, QList<model::Post>> m_unacknowledged; // pushes whose answer was lost
    RetryingSender *m_downloader;
    store::SearchIndexer *m_indexer;
    QList<QPair<qint64, QString>> m_downloads; // queued lazy downloads
};

} // namespace inkwell::sync
