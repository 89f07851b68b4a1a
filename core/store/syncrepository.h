#pragma once

#include "model/post.h"
#include "model/result.h"
#include "model/revision.h"

#include <QList>
#include <QString>

#include <optional>

#include <functional>

namespace inkwell::store {

class LocalStore;

// What acknowledgePush() did to the post.
enum class PushOutcome {
    Synced, // the pushed version is the current one: NeedsSync cleared
    StillPending, // the writer edited it meanwhile: new rev and base recorded, NeedsSync kept
};

// What upsertFromServer() did with a pulled revision.
enum class PullOutcome {
    Applied, // inserted or updated; the post is Synced at the revision
    Unchanged, // the local copy already has this revision or a newer one
    LocalChangesPending, // the post is NeedsSync or Conflicted: nothing written, merge instead
};

// The primitives the sync engine builds on. Each is atomic on its own; wrap several (one pulled
// page plus its cursor) in LocalStore::write() to commit them together. Thread-safe like
// LocalStore.
class SyncRepository final
{
public:
    explicit SyncRepository(LocalStore &store);

    // Every NeedsSync post of blog, tombstones included, with base, rev and edit counter,
    // oldest modification first (ties in the order they were created).
    Result<QList<model::Post>> pendingPosts(const QString &blog);

    // The server applied the push of agreed.guid made at expectedEditCounter: records agreed.rev,
    // base = agreed.fields, the server metadata and clears lastError; clears NeedsSync only if
    // the edit counter is still expectedEditCounter.
    Result<PushOutcome> acknowledgePush(const model::Revision &agreed, qint64 expectedEditCounter);

    // Stores a pulled revision of a post with no local changes: fields, base = fields, rev,
    // deleted, metadata, Synced. Creates the post in blog if it is new.
    Result<PullOutcome> upsertFromServer(const QString &blog, const model::Revision &revision);

    // A pulled or pushed change could not be merged: keeps the local fields, stores theirs and
    // sets Conflicted until the writer resolves it.
    Result<void> markConflicted(const QString &guid, const model::Revision &theirs);

    // A clean three-way merge against theirs: fields = merged, base = theirs.fields,
    // rev = theirs.rev; NeedsSync (Synced when merged equals theirs). Bumps the edit counter.
    Result<model::Post> applyMerge(const model::Revision &theirs, const model::PostFields &merged);

    // The writer resolved a conflict with fields (also "restore with my edits" after a delete):
    // base = theirs.fields, rev = theirs.rev, theirs cleared, not deleted, NeedsSync.
    Result<model::Post> resolve(const QString &guid, const model::PostFields &fields);
    // The writer took the server's version (also "accept the delete"): Synced at theirs.
    Result<model::Post> acceptTheirs(const QString &guid);

    // The pull cursor of blog on server; 0 before the first pull.
    Result<qint64> cursor(const QString &server, const QString &blog);
    Result<void> setCursor(const QString &server, const QString &blog, qint64 cursor);
    // Forgets the cursor so the next pull starts from 0; local posts and pending edits stay.
    Result<void> resetCursor(const QString &server, const QString &blog);

    // Every Conflicted post of blog (nullopt: every blog), tombstones included: a local delete
    // that met a server edit is a conflict the writer must see. Oldest modification first.
    // (Defined in syncconflicts.cpp.)
    Result<QList<model::Post>> conflictedPosts(const std::optional<QString> &blog = std::nullopt);

    // Records (or with an empty text clears) the last sync error shown for a post.
    Result<void> setPostError(const QString &guid, const QString &text);

private:
    // Loads guid (NotFound if absent), lets change edit a copy and stores what changed.
    Result<model::Post> modify(const QString &guid,
                               const std::function<Result<void>(model::Post &post)> &change);

    LocalStore &m_store;
};

} // namespace inkwell::store
