#pragma once

#include "model/error.h"

class QString;

namespace inkwell::store {

// The ErrorCode for an SQLite result code (SQLITE_FULL -> DatabaseFull, ...), with what was being
// done and SQLite's message in the message.
Error errorFromSqlite(int resultCode, const QString &message, const QString &context);

} // namespace inkwell::store
