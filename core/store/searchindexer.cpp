#include "store/searchindexer.h"

#include "store/localstore.h"
#include "store/storelogging.h"

#include <QTimer>

namespace inkwell::store {

SearchIndexer::SearchIndexer(LocalStore &store, QObject *parent) : QObject(parent), m_store(store)
{ }

void SearchIndexer::schedule()
{
    if (m_working)
        return;
    m_working = true;
    QTimer::singleShot(0, this, &SearchIndexer::step);
}

void SearchIndexer::step()
{
    auto left = m_store.catchUpSearchIndex();
    if (!left) {
        // The next schedule() tries again; until then search misses the posts behind.
        qCWarning(lcStore) << "cannot bring the search index up to date:" << left.error().message;
        m_working = false;
        return;
    }
    if (*left > 0) {
        QTimer::singleShot(0, this, &SearchIndexer::step);
        return;
    }
    m_working = false;
    Q_EMIT caughtUp();
}

} // namespace inkwell::store
