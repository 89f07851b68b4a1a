#pragma once

#include "model/result.h"

#include <QString>

namespace inkwell::server::store {

class Database;

// The versioned schema of the server database. Each migration runs in its own transaction;
// concurrent starters on one PostgreSQL serialize on an advisory lock.
namespace migrations {

int latestVersion();
// A fresh database identity: 128 bits from the system's random source, 32 lower-case hex digits.
QString createEpoch();
// The version recorded in the database; 0 for an empty database.
Result<int> currentVersion(const Database &database);
// Applies every pending migration; DatabaseTooNew if the database is newer than this build.
Result<void> migrate(const Database &database);

} // namespace migrations
} // namespace inkwell::server::store
