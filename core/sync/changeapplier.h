#pragma once

#include "model/post.h"
#include "model/result.h"
#include "model/revision.h"
#include "protocol/sync.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::sync {

// What applying one sync answer did to the local store.
struct ApplyReport
{
    int pushed = 0;
    int pulled = 0;
    int merged = 0;
    int conflicts = 0;
    QList<QPair<QString, Error>> rejected; // guid, the server's reason
    QStringList covers; // cover hashes of pulled live posts (to download eagerly)
    // Pulled changes not stored because they break the protocol's rules or their guid is kept
    // here in another blog (the rest of the page was); a later valid change of the same post
    // applies as usual.
    QList<protocol::InvalidChange> skipped;
};

// Applies a sync answer to the store in one write transaction, cursor included, so a crash leaves
// either all of a page or none of it. Pushed results are acknowledged with the edit counter they
// were read at; conflicts and pulled changes for posts with local edits are merged three ways
// (clean -> new local version on the server's rev, to be pushed again; else Conflicted).
class ChangeApplier
{
public:
    // Pushes whose answer never arrived, by guid (kept by the engine for its session): a
    // conflict with one of them is our own earlier push that landed, not someone else's edit.
    using Unacknowledged = QHash<QString, QList<model::Post>>;

    ChangeApplier(store::LocalStore &store, QString serverKey, qint64 blog,
                  Unacknowledged *unacknowledged);

    // pushed maps op_id -> the post as it was read for the push.
    Result<ApplyReport> apply(const QHash<QString, model::Post> &pushed,
                              const protocol::SyncResponse &response);

private:
    enum class MergeOutcome { Merged, Conflicted, TookTheirs, Skipped };

    Result<void> applyResults(const QHash<QString, model::Post> &pushed,
                              const protocol::SyncResponse &response, ApplyReport *report);
    Result<void> applyPulled(const QList<model::Revision> &changes, ApplyReport *report);
    Result<void> mergePulled(const model::Revision &change, ApplyReport *report);
    // Merges current (read inside the transaction) with the server's version theirs.
    Result<MergeOutcome> mergeWithServer(const model::Post &current, const model::Revision &theirs);
    void count(MergeOutcome outcome, ApplyReport *report);

    const model::Post *ownEarlierPush(const model::Revision &theirs) const;

    store::LocalStore &m_store;
    Unacknowledged *m_unacknowledged;
    QString m_serverKey;
    QString m_blog;
};

} // namespace inkwell::sync
