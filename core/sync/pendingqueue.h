#pragma once

#include "model/post.h"
#include "model/result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <limits>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::sync {

// A pending post as it will be pushed, with its op_id (computed once per version). Read by
// SyncRepository::postsToPush(): a live post's base is not read (nullopt).
struct PendingPost
{
    model::Post post;
    QString opId;
    QByteArray encodedFields; // protocol::encode(post.fields): the op_id hashes it, a push sends it
};

// The NeedsSync posts of one blog during a run. The first refresh() reads them in full; later
// ones list only guid, edit counter and rev and read again just the posts whose version changed
// (an edit made meanwhile, a merge, an acknowledgement that found a newer edit).
class PendingQueue final
{
public:
    PendingQueue(store::LocalStore &store, QString blog);

    // Reads at most loadAtMost posts in full (the first ones in push order among those not read
    // yet or changed since); the others are left out of posts() until a later refresh reads
    // them. The sync reads one request's worth before its first request and the next while the
    // server works on it.
    Result<void> refresh(qsizetype loadAtMost = std::numeric_limits<qsizetype>::max());
    // Pending posts in push order (oldest modification first), as of the last refresh().
    const QList<PendingPost> &posts() const { return m_posts; }
    // How many versions it holds: at most one per post pending at the last refresh.
    qsizetype held() const { return m_known.size(); }

private:
    store::LocalStore &m_store;
    QString m_blog;
    // guid -> the version last read, of the posts pending at the last refresh: an acknowledged
    // post leaves it, so a run that pushes a whole blog does not keep the blog in memory.
    QHash<QString, PendingPost> m_known;
    QList<PendingPost> m_posts;
};

} // namespace inkwell::sync
