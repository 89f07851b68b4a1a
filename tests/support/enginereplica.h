#pragma once

#include "model/post.h"
#include "model/revision.h"
#include "store/localstore.h"
#include "sync/syncengine.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace inkwell::net {
class Transport;
}

namespace inkwell::test {

// One client profile in a sync test: its own database and a SyncEngine over a transport, all on
// the test thread. The engine tests' SyncClient gives it a transport to the in-memory server, the
// end-to-end Replica the real network stack.
class EngineReplica
{
public:
    EngineReplica(const QString &dbPath, std::unique_ptr<net::Transport> transport,
                  const sync::SyncAccount &account, const sync::SyncOptions &options,
                  std::chrono::milliseconds syncTimeout);
    virtual ~EngineReplica(); // the engine goes before the transport it uses
    EngineReplica(const EngineReplica &) = delete;
    EngineReplica &operator=(const EngineReplica &) = delete;

    store::LocalStore &store() { return *m_store; }
    sync::SyncEngine &engine() { return *m_engine; }
    QString blogKey() const { return m_blogKey; }

    // Runs one sync and waits for it (bounded); the result, or nullopt when it failed or did
    // not end in time (see lastError()).
    std::optional<sync::SyncResult> sync();
    Error lastError() const { return m_lastError; }

    // The writer's actions; a refused create or edit ends the test run (qFatal).
    model::Post create(const model::PostFields &fields);
    model::Post edit(const QString &guid, const std::function<void(model::PostFields &)> &change);
    bool remove(const QString &guid);
    bool restore(const QString &guid); // a tombstone back to life (PostRepository::restore)
    model::Post post(const QString &guid); // empty guid when absent

    QList<model::Post> livePosts(); // the first 1,000, newest first
    QList<model::Post> conflicted();
    int pendingCount(); // NeedsSync and Conflicted posts; -1 on a store error

protected:
    net::Transport &transport() { return *m_transport; }

private:
    std::unique_ptr<store::LocalStore> m_store;
    std::unique_ptr<net::Transport> m_transport;
    std::unique_ptr<sync::SyncEngine> m_engine;
    QString m_blogKey;
    std::chrono::milliseconds m_syncTimeout;
    Error m_lastError;
};

// Compares the replica with the server's posts field by field (rev, deleted, fields; Synced) and
// its live posts with the server's list; the first difference, or empty when equal. Posts the
// replica never saw must be tombstones.
QString differenceFromServer(EngineReplica &replica, const QList<model::Revision> &server);

// Waits for the replica's engine to bring the search index up to date, then compares the index
// with the live posts' text (searchIndexDifferenceAt()); the difference, or empty when equal.
// Part of differenceFromServer().
QString searchIndexDifference(EngineReplica &replica);

} // namespace inkwell::test
