#include "sync/syncworker.h"

#include "net/transport.h"
#include "store/searchindexer.h"
#include "sync/livechannel.h"
#include "sync/syncengine.h"

namespace inkwell::sync {

SyncWorker::SyncWorker() = default;

SyncWorker::~SyncWorker()
{
    delete m_live;
    m_live = nullptr;
    m_liveTransport.reset();
    delete m_engine;
    m_engine = nullptr;
    m_transport.reset();
}

void SyncWorker::initialize(store::LocalStore *store,
                            const SyncController::TransportFactory &factory)
{
    m_transport = factory();
    m_engine = new SyncEngine(store, m_transport.get());
    m_liveTransport = factory();
    m_live = new LiveChannel(store, m_liveTransport.get());
    connect(m_live, &LiveChannel::syncRequested, m_engine, &SyncEngine::requestSync);
    connect(m_engine, &SyncEngine::started, m_live, &LiveChannel::syncStarted);
    connect(m_engine, &SyncEngine::finished, m_live, &LiveChannel::syncFinished);
    connect(m_engine, &SyncEngine::failed, m_live, &LiveChannel::syncFailed);
    // Posts an earlier process pulled without indexing them (a CLI sync, a run cut short).
    m_engine->searchIndexer()->schedule();
}

} // namespace inkwell::sync
