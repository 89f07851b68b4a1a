#pragma once

#include "sync/synccontroller.h"

#include <QObject>

#include <memory>

namespace inkwell::sync {

class LiveChannel;
class SyncEngine;

// Owns the engine, the live channel and their Transports on the worker thread (SyncController's
// helper). The channel's runs go to the engine, which coalesces them with its own.
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    SyncWorker();
    ~SyncWorker() override; // the engine goes before the Transport it uses

    // Runs on the worker thread: creates the Transports, the engine and the channel there.
    void initialize(store::LocalStore *store, const SyncController::TransportFactory &factory);
    SyncEngine *engine() const { return m_engine; }
    LiveChannel *live() const { return m_live; }

private:
    std::unique_ptr<net::Transport> m_transport;
    std::unique_ptr<net::Transport> m_liveTransport; // parked polls do not hold up the engine's
    SyncEngine *m_engine = nullptr;
    LiveChannel *m_live = nullptr;
};

} // namespace inkwell::sync
