#pragma once

class QSqlDatabase;
struct sqlite3;

namespace inkwell::sqlite {

// SQLite's own connection under an open QSQLITE connection (QSqlDriver::handle()), or null when
// db is not one. The QSQLITE plugin must use the same SQLite library as Inkwell: Debian's links
// the system libsqlite3.
sqlite3 *connectionHandle(const QSqlDatabase &db);

} // namespace inkwell::sqlite
