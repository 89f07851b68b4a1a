#include "sync/syncworker.h"

#include "net/transport.h"
#include "sync/syncengine.h"

namespace inkwell::sync {

SyncWorker::SyncWorker() = default;

SyncWorker::~SyncWorker()
{
    delete m_engine;
    m_engine = nullptr;
    m_transport.reset();
}

void SyncWorker::initialize(store::LocalStore *store,
                            const SyncController::TransportFactory &factory)
{
    m_transport = factory();
    m_engine = new SyncEngine(store, m_transport.get());
}

} // namespace inkwell::sync
