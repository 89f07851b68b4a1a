#pragma once

#include "model/error.h"

class QSqlError;
class QString;

namespace inkwell::store {

// The ErrorCode for a QSqlError from the SQLite driver (SQLITE_FULL -> DatabaseFull, ...), with
// what was being done and the driver's text in the message.
Error errorFromSql(const QSqlError &sqlError, const QString &context);

// The same for a result code and message straight from SQLite's API (see Statement).
Error errorFromSqlite(int resultCode, const QString &message, const QString &context);

// The primary SQLite result code of a QSqlError, or -1 when it carries none.
int sqliteResultCode(const QSqlError &sqlError);

} // namespace inkwell::store
