#pragma once

#include "model/result.h"

namespace inkwell::server::store {

class Database;

// The versioned schema of the server database. Each migration runs in its own transaction;
// concurrent starters on one PostgreSQL serialize on an advisory lock.
namespace migrations {

int latestVersion();
// The version recorded in the database; 0 for an empty database.
Result<int> currentVersion(const Database &database);
// Applies every pending migration; DatabaseTooNew if the database is newer than this build.
Result<void> migrate(const Database &database);

} // namespace migrations
} // namespace inkwell::server::store
