#pragma once

#include "model/post.h"
#include "model/revision.h"

#include <QString>
#include <QVariant>

#include <optional>

namespace inkwell::store {
class Statement;
}

namespace inkwell::store::postrow {

// The columns readPost() expects, in order, for "SELECT <columns> FROM <tables()>".
QString columns();
// "posts p JOIN post_sync s ...": a post's row and its sync state (schema version 9).
QString tables();
// Which posts' base fields readPost() parses. Parsing a base (JSON of a whole post) is most of the
// cost of reading an edited post, and a push needs it only for a tombstone.
enum class BaseFields {
    All,
    // Tombstones only: the others keep base = nullopt (see SyncRepository::postsToPush()).
    OfTombstones,
};
// The post in the current row of a query that selected columns().
model::Post readPost(const Statement &row, BaseFields base = BaseFields::All);

// Storage forms: compact JSON text; NULL for an absent optional.
QString tagsJson(const QStringList &tags);
QVariant fieldsJson(const std::optional<model::PostFields> &fields);
// Whether post_sync.base_is_fields is set for post: the post has a synced version (rev > 0)
// whose fields are its own, which readPost() reads back as base = fields, and posts.base is not
// read. Most posts are synced and unchanged, so this halves what they store, and an
// acknowledgement that agrees with the post's fields writes only its post_sync row.
bool baseIsOwnFields(const model::Post &post);
// The base column of post as save() writes it: NULL when baseIsOwnFields(), else
// fieldsJson(post.base).
QVariant storedBase(const model::Post &post);
QVariant revisionJson(const std::optional<model::Revision> &revision);
// The theirs column of post: revisionJson(post.theirs) plus, while the post holds one, its
// agreed fields under the key "agreed" (rows written before it simply lack the key).
QVariant storedTheirs(const model::Post &post);
// Post::theirs and Post::agreed as storedTheirs() keeps them, from one parse of the column;
// nullopt for what is absent.
struct StoredTheirs
{
    std::optional<model::Revision> theirs;
    std::optional<model::PostFields> agreed;
};
StoredTheirs theirsFromJson(const QVariant &json);

// Times are stored as UTC milliseconds since the epoch.
qint64 toStoredTime(const QDateTime &time);
QDateTime fromStoredTime(qint64 milliseconds);
// Now, in storage precision.
QDateTime now();

} // namespace inkwell::store::postrow
