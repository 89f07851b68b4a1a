#pragma once

#include "sync/synccontroller.h"

#include <QObject>

#include <memory>

namespace inkwell::sync {

class SyncEngine;

// Owns the engine and its Transport on the worker thread (SyncController's helper).
class SyncWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncWorker)

public:
    SyncWorker();
    ~SyncWorker() override; // the engine goes before the Transport it uses

    // Runs on the worker thread: creates the Transport and the engine there.
    void initialize(store::LocalStore *store, const SyncController::TransportFactory &factory);
    SyncEngine *engine() const { return m_engine; }

private:
    std::unique_ptr<net::Transport> m_transport;
    SyncEngine *m_engine = nullptr;
};

} // namespace inkwell::sync
