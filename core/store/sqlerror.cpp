#include "store/sqlerror.h"

#include <QString>

namespace inkwell::store {

namespace {
// SQLite primary result codes (sqlite3.h).
constexpr int SqlitePerm = 3;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteFull = 13;
constexpr int SqliteCantOpen = 14;
constexpr int SqliteNotADatabase = 26;

ErrorCode errorCodeFor(int primaryCode)
{
    switch (primaryCode) {
    case SqliteFull:
        return ErrorCode::DatabaseFull;
    case SqliteCorrupt:
    case SqliteNotADatabase:
        return ErrorCode::DatabaseCorrupt;
    case SqliteReadOnly:
    case SqlitePerm:
        return ErrorCode::DatabaseReadOnly;
    case SqliteCantOpen:
        return ErrorCode::DatabaseOpen;
    default:
        return ErrorCode::DatabaseQuery;
    }
}
} // namespace

Error errorFromSqlite(int resultCode, const QString &message, const QString &context)
{
    return Error{errorCodeFor(resultCode & 0xff),
                 context % QStringLiteral(": ") % message % QStringLiteral(" (sqlite ")
                         % QString::number(resultCode) % QStringLiteral(")")};
}

} // namespace inkwell::store
