#pragma once

#include "model/result.h"

namespace inkwell::store {

class ThreadConnection;

// The full-text index (posts_fts) trails the posts: the triggers of schema version 6 note each
// changed post in posts_fts_pending, and these functions bring the noted entries up to date.
// Both run inside the caller's transaction (LocalStore decides when; see LocalStore::write()).
namespace searchindex {

// How many posts wait for their index entry to be brought up to date, counted up to `cap`.
Result<qint64> behind(ThreadConnection &connection, qint64 cap);

// Brings the entries of up to `limit` waiting posts up to date, the oldest rows first: removes
// the terms the index holds for each, adds the current title and body of live posts and clears
// their notes. Returns how many posts it took.
Result<qint64> catchUp(ThreadConnection &connection, qint64 limit);

} // namespace searchindex
} // namespace inkwell::store
