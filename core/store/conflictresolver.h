#pragma once

#include "merge/mergesession.h"
#include "model/post.h"
#include "model/result.h"

#include <QString>

#include <functional>

namespace inkwell::store {

class LocalStore;

// A Conflicted post as the writer is shown it: the stored post and the merge of its base, its
// local version (mine) and the server's version (theirs) at theirsRev.
struct Conflict
{
    model::Post post;
    qint64 theirsRev = 0;
    merge::MergeSession session;
};

// The post keep-both created from the writer's version, and the conflicted post, now theirs.
struct KeptBoth
{
    model::Post copy;
    model::Post original;
};

// The one place where a conflict is settled: the merge window, the editor and inkwell-cli all
// call these. Every operation takes the theirs revision the writer was shown; when the server's
// version has changed since (a sync replaced it), nothing is written and the error is
// ErrorCode::Conflict, so the caller merges again and says so. Each operation is one
// transaction; the result is NeedsSync (or Synced when it is theirs) and syncs on the next run.
class ConflictResolver final
{
public:
    explicit ConflictResolver(LocalStore &store);

    // The conflict of guid; InvalidArgument when the post is not Conflicted.
    Result<Conflict> conflict(const QString &guid);

    // Mine wins every conflicting field, hunk and the deletion; what merged cleanly (their
    // non-conflicting changes) is kept. "I deleted, they edited": the post stays deleted.
    Result<model::Post> keepMine(const QString &guid, qint64 expectedTheirsRev);
    // The server's version as it is (also "accept the delete").
    Result<model::Post> takeTheirs(const QString &guid, qint64 expectedTheirsRev);
    // My version saved as a new post of the same blog, theirs accepted for the original, in one
    // transaction. A deleted mine has nothing to keep: InvalidArgument.
    Result<KeptBoth> keepBoth(const QString &guid, qint64 expectedTheirsRev);
    // The writer's result (from MergeSession::resolved()) as a new version on top of theirs.
    Result<model::Post> resolveWith(const QString &guid, const merge::Version &result,
                                    qint64 expectedTheirsRev);

private:
    // conflict(guid), or ErrorCode::Conflict when theirs is no longer at expectedTheirsRev.
    Result<Conflict> conflictAt(const QString &guid, qint64 expectedTheirsRev);
    // In one transaction: checks theirs' revision, lets decide produce the result and stores
    // it on top of theirs.
    Result<model::Post> settle(
            const QString &guid, qint64 expectedTheirsRev,
            const std::function<Result<merge::Version>(Conflict &conflict)> &decide);

    LocalStore &m_store;
};

} // namespace inkwell::store
