#include "replica.h"

#include "net/threadedtransport.h"

namespace inkwell::test {

namespace {

sync::SyncOptions replicaOptions()
{
    sync::SyncOptions options;
    options.requestTimeout = std::chrono::seconds(10);
    options.retry.initialDelay = std::chrono::milliseconds(20);
    options.retry.maximumDelay = std::chrono::milliseconds(200);
    return options;
}

} // namespace

Replica::Replica(const QString &dbPath, const QUrl &server, const QString &token, qint64 blog)
    : EngineReplica(dbPath, std::make_unique<net::ThreadedTransport>(), {server, token, {blog}},
                    replicaOptions(), std::chrono::seconds(60))
{ }

} // namespace inkwell::test
