#include "store/sqlerror.h"

#include <QSqlError>
#include <QString>

namespace inkwell::store {

namespace {
// SQLite primary result codes (sqlite3.h); the driver reports them as nativeErrorCode().
constexpr int SqlitePerm = 3;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteFull = 13;
constexpr int SqliteCantOpen = 14;
constexpr int SqliteNotADatabase = 26;
} // namespace

int sqliteResultCode(const QSqlError &sqlError)
{
    bool ok = false;
    const int code = sqlError.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1; // extended codes keep the primary code in the low byte
}

Error errorFromSql(const QSqlError &sqlError, const QString &context)
{
    ErrorCode code = ErrorCode::DatabaseQuery;
    switch (sqliteResultCode(sqlError)) {
    case SqliteFull:
        code = ErrorCode::DatabaseFull;
        break;
    case SqliteCorrupt:
    case SqliteNotADatabase:
        code = ErrorCode::DatabaseCorrupt;
        break;
    case SqliteReadOnly:
    case SqlitePerm:
        code = ErrorCode::DatabaseReadOnly;
        break;
    case SqliteCantOpen:
        code = ErrorCode::DatabaseOpen;
        break;
    default:
        break;
    }
    return Error{code,
                 context % QStringLiteral(": ") % sqlError.text() % QStringLiteral(" (sqlite ")
                         % sqlError.nativeErrorCode() % QStringLiteral(")")};
}

} // namespace inkwell::store
