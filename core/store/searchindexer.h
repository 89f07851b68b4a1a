#pragma once

#include <QObject>

namespace inkwell::store {

class LocalStore;

// Works off the full-text index's backlog (LocalStore::catchUpSearchIndex()) on the thread it
// lives on, one batch per turn of that thread's event loop, so other work there (a sync run,
// a save waiting for the write lock) goes on between batches. The sync engine owns one and
// schedules it after every run, since pulled pages leave their posts to it.
class SearchIndexer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchIndexer)

public:
    // store must outlive the indexer.
    explicit SearchIndexer(LocalStore &store, QObject *parent = nullptr);

    // Starts working off the backlog unless already at it.
    void schedule();
    bool isWorking() const { return m_working; }

Q_SIGNALS:
    // The backlog is empty: search finds every post by its current text.
    void caughtUp();

private:
    void step();

    LocalStore &m_store;
    bool m_working = false;
};

} // namespace inkwell::store
