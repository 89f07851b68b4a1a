#pragma once

#include "model/post.h"
#include "model/revision.h"
#include "store/localstore.h"
#include "sync/syncengine.h"

#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace inkwell::net {
class ThreadedTransport;
}

namespace inkwell::test {

// One client profile in an end-to-end test: its own database, the real ThreadedTransport and
// the SyncEngine, all on the test thread, syncing with a real inkwell-server.
class Replica
{
public:
    Replica(const QString &dbPath, const QUrl &server, const QString &token, qint64 blog);
    ~Replica();

    store::LocalStore &store() { return *m_store; }
    sync::SyncEngine &engine() { return *m_engine; }
    QString blogKey() const { return QString::number(m_blog); }

    // One sync, waited for (bounded); nullopt when it failed (see lastError()).
    std::optional<sync::SyncResult> sync();
    Error lastError() const { return m_lastError; }

    model::Post create(const model::PostFields &fields);
    model::Post edit(const QString &guid, const std::function<void(model::PostFields &)> &change);
    bool remove(const QString &guid);
    model::Post post(const QString &guid); // empty guid when absent
    QList<model::Post> conflicted();
    int pendingCount();

private:
    std::unique_ptr<store::LocalStore> m_store;
    std::unique_ptr<net::ThreadedTransport> m_transport;
    std::unique_ptr<sync::SyncEngine> m_engine;
    qint64 m_blog;
    Error m_lastError;
};

// Compares the replica with the server's posts field by field (rev, deleted, fields; Synced);
// the first difference, or empty when equal. Posts the replica never saw must be tombstones.
QString differenceFromServer(Replica &replica, const QList<model::Revision> &server);

} // namespace inkwell::test
