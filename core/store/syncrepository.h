#pragma once

#include "merge/version.h"
#include "model/post.h"
#include "model/result.h"
#include "model/revision.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

#include <functional>

namespace inkwell::store {

class LocalStore;
class ThreadConnection;

// What acknowledgePushes() did to a post.
enum class PushOutcome {
    Synced, // the pushed version is the current one: NeedsSync cleared
    StillPending, // the writer edited it meanwhile: new rev and base recorded, NeedsSync kept
};

// What upsertFromServer() did with a pulled revision.
enum class PullOutcome {
    Applied, // inserted or updated; the post is Synced at the revision
    Unchanged, // the local copy already has this revision or a newer one
    LocalChangesPending, // the post is NeedsSync or Conflicted: nothing written, merge instead
    InAnotherBlog, // the guid is stored here in another blog: nothing written, that post untouched
};

// A push the server applied: the agreed revision and the edit counter the post was read at.
// agreedIsPushed: agreed.fields are the fields that were read at expectedEditCounter (what the
// push sent). Every change of a post's fields counts an edit, so while the counter is still
// expectedEditCounter they are the post's own and the acknowledgement reads none of its content.
struct Acknowledgement
{
    model::Revision agreed;
    qint64 expectedEditCounter = 0;
    bool agreedIsPushed = false;
};

// The identity of a pending version: a change of any of these means the post must be read again.
struct PendingVersion
{
    QString guid;
    qint64 editCounter = 0;
    qint64 rev = 0;
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

    // guid, edit counter and rev of every NeedsSync post of blog, in pendingPosts() order; cheap
    // (no content is read). postsToPush() then reads the posts not seen before, in any order.
    Result<QList<PendingVersion>> pendingVersions(const QString &blog);
    // The posts as a push needs them: everything but the base of live posts, which is left
    // nullopt (postrow::BaseFields::OfTombstones; parsing it was most of the read). A push
    // sends the fields on top of rev; only a delete agrees on its base
    // (ChangeApplier::agreedVersion), and a merge reads the post again.
    Result<QList<model::Post>> postsToPush(const QStringList &guids);

    // The server applied each push of agreed.guid made at expectedEditCounter: records
    // agreed.rev, base = agreed.fields, the server metadata and clears lastError; clears
    // NeedsSync only if the edit counter is still expectedEditCounter. One read and one cached
    // UPDATE per post; an outcome per acknowledgement, in order. (Batch methods are defined in
    // syncbatch.cpp.)
    Result<QList<PushOutcome>> acknowledgePushes(const QList<Acknowledgement> &acknowledgements);

    // Stores a pulled revision of a post with no local changes: fields, base = fields, rev,
    // deleted, metadata, Synced. Creates the post in blog if it is new.
    Result<PullOutcome> upsertFromServer(const QString &blog, const model::Revision &revision);

    // upsertFromServer() for a pulled page: one read of every known guid, then the new posts
    // and the newer revisions of stored ones each written in a few multi-row statements; an
    // outcome per revision, in order. A tombstone of a post this replica never had
    // is not stored (Unchanged); a revision whose guid is stored in another blog is not either
    // (InAnotherBlog), and the rest of the page still is.
    Result<QList<PullOutcome>> upsertPageFromServer(const QString &blog,
                                                    const QList<model::Revision> &revisions);

    // A pulled or pushed change could not be merged: keeps the local fields, stores theirs and
    // sets Conflicted until the writer resolves it. When theirs replaces an editor's held version
    // with local edits not yet pushed, the base becomes the agreed version (Post::agreed).
    Result<void> markConflicted(const QString &guid, const model::Revision &theirs);

    // The editor's buffer could not be merged with the stored version (it overlaps a change
    // that arrived while the writer typed): stores it as a conflict resolved like any other.
    // fields = mine, base = the version mine was based on, theirs = the post as stored now (its
    // fields, rev, deleted and metadata), Conflicted and alive; nothing syncs until resolved.
    // When the stored version holds local changes not yet pushed (NeedsSync), its base is kept
    // as Post::agreed.
    // InvalidArgument when the post is Conflicted already. (Defined in synceditconflict.cpp.)
    Result<model::Post> storeEditConflict(const QString &guid, const model::PostFields &mine,
                                          const model::PostFields &base);

    // A merge result (a clean merge, or the writer's resolution) as the new local version on top
    // of theirs: base = theirs.fields, rev = theirs.rev, theirs cleared, the edit counter bumped.
    // A live result or a delete of a live theirs is NeedsSync (Synced when it equals theirs); a
    // delete of a deleted theirs is theirs' tombstone, Synced. A post holding Post::agreed takes
    // base = agreed instead and is Synced only when the result is agreed, alive (agreed is
    // cleared); nothing at revision 0 is Synced.
    Result<model::Post> applyMerge(const model::Revision &theirs, const merge::Version &merged);

    // The pull cursor of blog on server; 0 before the first pull.
    Result<qint64> cursor(const QString &server, const QString &blog);
    Result<void> setCursor(const QString &server, const QString &blog, qint64 cursor);
    // Forgets the cursor so the next pull starts from 0; local posts and pending edits stay.
    Result<void> resetCursor(const QString &server, const QString &blog);

    // The epoch (server database identity) the cursor of blog on server belongs to; empty when
    // none is known. setEpoch keeps the cursor.
    Result<QString> epoch(const QString &server, const QString &blog);
    Result<void> setEpoch(const QString &server, const QString &blog, const QString &epoch);

    // After a restored server database: the server has theirs, but not the version this post is
    // based on (its rev is lower, or equal with other content). Makes the post NeedsSync based
    // on theirs (rev and base), keeping the local fields, so pushing it brings the lost version
    // back; Synced at theirs when the content is the same. Conflicted posts and posts based on
    // an older rev than theirs are left alone. True when the post changed.
    Result<bool> rebaseOnServerVersion(const model::Revision &theirs);
    // guids of the posts of blog that are based on a server revision (rev > 0).
    Result<QStringList> postsWithServerRevision(const QString &blog);
    // After a restored server database that no longer has the post: NeedsSync with rev 0 and no
    // base, so it is created again. Conflicted posts and synced tombstones are left alone.
    // True when the post changed.
    Result<bool> recreateOnServer(const QString &guid);

    // Every Conflicted post of blog (nullopt: every blog), tombstones included: a local delete
    // that met a server edit is a conflict the writer must see. Oldest modification first.
    // (Defined in syncconflicts.cpp.)
    Result<QList<model::Post>> conflictedPosts(const std::optional<QString> &blog = std::nullopt);

    // Records (or with an empty text clears) the last sync error shown for a post.
    Result<void> setPostError(const QString &guid, const QString &text);

private:
    // One column of blog's row in sync_state (cursor or epoch): an invalid QVariant while there
    // is no row; writing creates the row and keeps the other column. `column` is a column name
    // from this class, never input.
    Result<QVariant> readSyncState(const QString &column, const QString &server,
                                   const QString &blog);
    Result<void> writeSyncState(const QString &column, const QString &server, const QString &blog,
                                const QVariant &value);

    // One acknowledgement inside acknowledgePushes(); storedRev is updated to the agreed rev.
    // `unedited`: the post's edit counter, read in the same transaction, is still
    // ack.expectedEditCounter.
    Result<void> storeAcknowledgement(ThreadConnection *connection, const Acknowledgement &ack,
                                      bool unedited, qint64 *storedRev);

    LocalStore &m_store;
};

} // namespace inkwell::store
