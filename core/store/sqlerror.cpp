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

int sqliteResultCode(const QSqlError &sqlError)
{
    bool ok = false;
    const int code = sqlError.nativeErrorCode().toInt(&ok);
    return ok ? (code & 0xff) : -1; // extended codes keep the primary code in the low byte
}

Error errorFromSql(const QSqlError &sqlError, const QString &context)
{
    return Error{errorCodeFor(sqliteResultCode(sqlError)),
                 context % QStringLiteral(": ") % sqlError.text() % QStringLiteral(" (sqlite ")
                         % sqlError.nativeErrorCode() % QStringLiteral(")")};
}

Error errorFromSqlite(int resultCode, const QString &message, const QString &context)
{
    return Error{errorCodeFor(resultCode & 0xff),
                 context % QStringLiteral(": ") % message % QStringLiteral(" (sqlite ")
                         % QString::number(resultCode) % QStringLiteral(")")};
}

} // namespace inkwell::store
