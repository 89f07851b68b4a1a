#pragma once

#include "model/post.h"
#include "model/result.h"
#include "store/postquery.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace inkwell::store {

class LocalStore;

// The writer's view of the posts: create, edit, delete, list and search. Every change that
// alters a post bumps its edit counter, sets NeedsSync and the modified time; a change to the
// same values alters nothing. Thread-safe like LocalStore; usable inside LocalStore::write().
class PostRepository final
{
public:
    // Above this many matching posts, search() lists them newest first instead of ranking.
    static constexpr qint64 BroadMatchCount = 500;

    explicit PostRepository(LocalStore &store);

    // A new NeedsSync post with a fresh guid (model::createGuid) in blog ("" = local only).
    Result<model::Post> create(const QString &blog, const model::PostFields &fields);
    // Replaces the fields of a live post; NotFound for an unknown guid or a tombstone.
    Result<model::Post> update(const QString &guid, const model::PostFields &fields);
    // Compare-and-set: like update(), but only while the stored fields are still expected (the
    // post as the caller read it); Conflict, with nothing written, when anything (a local edit
    // or a pulled revision) changed them since.
    Result<model::Post> update(const QString &guid, const model::PostFields &fields,
                               const model::PostFields &expected);
    // Turns the post into a tombstone (kept for sync, never listed); deleting twice is a no-op.
    // A Conflicted post is refused (ErrorCode::Conflict): deleting over theirs is a resolution,
    // ConflictResolver::resolveWith() a deleted result.
    Result<void> remove(const QString &guid);
    // Brings a tombstone back to life as an edit of the same post (guid, fields, base and rev
    // kept; NeedsSync, edit counter bumped); restoring a live post is a no-op. NotFound if none.
    Result<model::Post> restore(const QString &guid);
    // Restores an earlier version from the post's history: revision's fields become the post's
    // fields as a new local edit on top of the current local version (guid, blog, rev and base
    // kept, a tombstone brought back to life, NeedsSync, edit counter bumped), so it syncs and
    // merges like any edit and never rolls back what the server agreed. Restoring the fields a
    // live post already has changes nothing. NotFound when the post is not stored here (sync
    // first); Conflict while it is Conflicted (resolve first); InvalidArgument for a revision
    // of another post or fields that cannot be stored.
    Result<model::Post> restoreRevision(const QString &guid, const model::Revision &revision);
    // Moves every live local-only post (blog "") into blog as NeedsSync, so it syncs there;
    // returns the guids moved. InvalidArgument for an empty blog.
    Result<QStringList> adoptLocalPosts(const QString &blog);

    // The post with this guid, tombstones included; NotFound when there is none.
    Result<model::Post> post(const QString &guid);
    // Live posts matching query, newest modification first.
    Result<QList<model::Post>> page(const PostQuery &query);
    // How many live posts match query's filter and blog (limit and offset ignored).
    Result<qint64> count(const PostQuery &query);
    // Live posts whose title or body match every word of text (the last word also as a prefix
    // from three letters or one CJK character on; case and Latin diacritics ignored),
    // best match first (newest first when more than BroadMatchCount posts match: ranking them
    // all would stall typing), within query's filter, blog, limit and offset. Any text is safe.
    Result<QList<model::Post>> search(const QString &text, const PostQuery &query);
    // Posts waiting for the sync or in conflict, in one blog or (nullopt) every blog, read from
    // the status indexes without visiting the synced posts: the editor and the sync ask on every
    // change, and the answer costs the same in a blog of any size. CountSynced::Yes counts the
    // synced posts too (a walk over all of them, for `inkwell-cli status`).
    enum class CountSynced { No, Yes };
    Result<StatusCounts> counts(const std::optional<QString> &blog = std::nullopt,
                                CountSynced countSynced = CountSynced::No);

private:
    Result<model::Post> updateIf(const QString &guid, const model::PostFields &fields,
                                 const model::PostFields *expected);

    LocalStore &m_store;
};

} // namespace inkwell::store
