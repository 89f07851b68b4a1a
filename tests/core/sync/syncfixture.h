#pragma once

#include "model/post.h"
#include "store/localstore.h"
#include "support/enginereplica.h"
#include "support/fakeserver.h"
#include "support/fakeservertransport.h"
#include "support/tempdir.h"
#include "sync/syncengine.h"
#include "sync/syncprogress.h"

#include <QObject>

#include <memory>
#include <optional>

namespace inkwell::test {

// One replica in an engine test: its own database, engine and Transport to the shared fake server
// (like Nextcloud's FakeFolder). Runs everything on the test thread.
class SyncClient : public EngineReplica
{
public:
    SyncClient(FakeServer *server, qint64 blog, const QString &token, const QString &dbPath);

    FakeServerTransport &transport()
    {
        return static_cast<FakeServerTransport &>(EngineReplica::transport());
    }

    using EngineReplica::create;
    model::Post create(const QString &title, const QString &body = QString(),
                       const QStringList &tags = {});
};

// Base of the engine tests: a fresh fake server per test function with one account (alice) and
// one blog, and replicas on it, each with its own database in one temporary folder.
class FakeServerTest : public QObject
{
protected:
    // Call from the test's init().
    void startServer(const QString &blogName);
    std::unique_ptr<SyncClient> newClient();

    TempDir m_dir;
    std::unique_ptr<FakeServer> m_server;
    qint64 m_blog = 0;
    QString m_token;

private:
    int m_clients = 0;
};

// A post's fields titled title, with the body "body of <title>".
model::PostFields titled(const QString &title);
// A fixed valid guid numbered n, for tests that name posts across replicas and blogs.
QString numberedGuid(int n);

// Options that keep fault tests fast: short timeouts, millisecond backoff.
sync::SyncOptions fastOptions();

// Compares every post of the client with the server, field by field (rev, deleted, fields);
// returns a description of the first difference, empty when equal.
QString differenceFromServer(SyncClient &client, const FakeServer &server, qint64 blog);

} // namespace inkwell::test
