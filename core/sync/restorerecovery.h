#pragma once

#include "model/result.h"
#include "model/revision.h"

#include <QList>
#include <QSet>
#include <QString>

namespace inkwell::store {
class LocalStore;
}

namespace inkwell::sync {

// Brings back what a restored server database lost, during the full pull from 0 that follows
// a resync-required answer: every local post the server no longer has at its base revision
// (the server's rev is lower, or the post is gone) becomes pending again, based on what the
// server has, so pushing it restores the version without duplicating anything.
class RestoreRecovery
{
public:
    RestoreRecovery(store::LocalStore &store, QString blog);

    // Every page of the full pull, after it was applied; returns the posts made pending.
    Result<int> notePage(const QList<model::Revision> &changes);
    // Once the full pull is complete: posts the server does not have at all are created again.
    Result<int> finish();

private:
    store::LocalStore &m_store;
    QString m_blog;
    QSet<QString> m_seen; // guids the server has (tombstones included)
};

} // namespace inkwell::sync
