#pragma once

#include "model/result.h"

namespace inkwell::store {

class ThreadConnection;

// The database layout and the migrations that build it, one per schema version.
namespace schema {

// The user_version stored in the file (0 for a new, empty file).
Result<int> version(ThreadConnection &connection);

// Brings the database up to LocalStore::SchemaVersion, each step in its own transaction that
// also sets user_version; a failed step leaves the database at the previous version.
Result<void> migrate(ThreadConnection &connection);

} // namespace schema
} // namespace inkwell::store
