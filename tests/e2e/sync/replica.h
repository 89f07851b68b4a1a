#pragma once

#include "support/enginereplica.h"

#include <QUrl>

namespace inkwell::test {

// One client profile in an end-to-end test: its own database, the real ThreadedTransport and
// the SyncEngine, all on the test thread, syncing with a real inkwell-server.
class Replica : public EngineReplica
{
public:
    Replica(const QString &dbPath, const QUrl &server, const QString &token, qint64 blog);
};

} // namespace inkwell::test
