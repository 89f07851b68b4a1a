#pragma once

#include "model/post.h"
#include "model/result.h"

#include <QList>

#include <optional>

namespace inkwell::store {

class ThreadConnection;

// Row-level reads and writes of posts shared by the repositories; no transactions, no
// notifications (callers run them inside LocalStore::write()).
namespace postaccess {

// The post with guid, tombstones included; nullopt when there is none.
Result<std::optional<model::Post>> find(ThreadConnection &connection, const QString &guid);
// find() for a post that must exist: NotFound ("no post <guid>") when there is none.
Result<model::Post> require(ThreadConnection &connection, const QString &guid);
Result<void> insert(ThreadConnection &connection, const model::Post &post);
// The same for many posts (e.g. a pulled page), in a few multi-row statements (much faster,
// see the definition).
Result<void> insert(ThreadConnection &connection, const QList<model::Post> &posts);
// A newer server revision of each of many stored posts that hold no local changes (Synced, in
// this blog: the caller has checked): fields, deleted, rev, modified_at and the authors of each
// post (an empty author keeps the stored one); base = those fields, no conflict, no error. In a
// few multi-row statements, like insert(); each guid at most once.
Result<void> replaceFromServer(ThreadConnection &connection, const QList<model::Post> &posts);
// Writes every column of after that differs from before (the stored row).
Result<void> save(ThreadConnection &connection, const model::Post &before,
                  const model::Post &after);

// InvalidArgument unless the fields can be stored (cover is empty or a SHA-256).
Result<void> validate(const model::PostFields &fields);

} // namespace postaccess
} // namespace inkwell::store
