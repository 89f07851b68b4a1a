#pragma once

#include "model/result.h"
#include "server/store/statement.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>

class QSqlError;

namespace inkwell::sqlite {
class WalCheckpointer;
}

// Internal to the server store: connections, statements and transactions.
namespace inkwell::server::store {

enum class Driver { Sqlite, Postgres };

// One database, reached through one QtSql connection per calling thread.
class Database
{
public:
    static Result<std::unique_ptr<Database>> open(const QString &url);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The page size of new SQLite files. A post row (its fields as JSON, ~2.3 KiB for 2 KiB of
    // prose) fills most of a 4 KiB page, so a push rewrote a page of the log per post and split
    // pages often; on 8 KiB pages a push of 1,000 edits takes ~12% less of the server's time
    // (docs/benchmarks.md, "Pages of 8 KiB on the server"). The client's store uses the same.
    static constexpr int SqlitePageSize = 8192;

    Driver driver() const { return m_driver; }
    QString driverName() const;

    // This thread's connection, opened (and configured) on first use.
    Result<QSqlDatabase> connection() const;

    // Runs work inside a write transaction (SQLite: BEGIN IMMEDIATE), committing on success and
    // rolling back on error. Not reentrant: work must not start another transaction.
    // Transient failures (SQLITE_BUSY, PostgreSQL serialization failure
    // or deadlock) restart the whole transaction a bounded number of times.
    Result<void> transaction(const std::function<Result<void>(QSqlDatabase &)> &work) const;

private:
    Database(Driver driver, QString name);
    Result<void> configure(QSqlDatabase &db) const;
    Result<void> transactionOnce(const std::function<Result<void>(QSqlDatabase &)> &work) const;

    Driver m_driver;
    QString m_baseName; // unique per Database; connection names add a per-thread key
    QString m_databaseName;
    QString m_host;
    int m_port = -1;
    QString m_user;
    QString m_password;
    QString m_connectOptions;
    mutable std::mutex m_mutex;
    mutable QStringList m_connectionNames;
    // SQLite files: checkpoints the write-ahead log on a thread of its own, so a push never waits
    // for a checkpoint inside its commit. Outlives the connections (removed in ~Database).
    std::shared_ptr<sqlite::WalCheckpointer> m_checkpointer;
    // SQLite: serialises this process's writers before BEGIN IMMEDIATE, so they queue on a mutex
    // (woken at once) instead of polling in SQLite's busy handler (sleeps of up to 100 ms).
    mutable std::mutex m_writeMutex;
};

// Error for a failed statement: ServerUnavailable for transient lock/serialization failures
// (the transaction may be retried), DatabaseFull/DatabaseReadOnly where they apply, else
// DatabaseQuery. `what` names the operation for the log; never contains bound values.
Error sqlError(const QSqlError &error, const QString &what);
// The same for a PostgreSQL SQLSTATE (five characters); message is the whole text.
Error postgresError(const QString &sqlState, const QString &message);
// The same for a result code straight from SQLite's API; message is the whole text.
Error sqliteError(int resultCode, const QString &message);

// How PostgreSQL plans a statement. Cached: prepared once per connection and its plan kept,
// for statements whose best plan does not depend on the values (lookups by key, the write of a
// push). PerCall: planned for its values on every call, for reads whose cost depends on them
// (how many rows of which blog). SQLite keeps both prepared: its plans do not depend on values.
enum class Plan { Cached, PerCall };

// Executes one of the store's fixed statements with its values bound positionally to its '?'
// placeholders, prepared once per connection (SQLite: kept in the connection's cache;
// PostgreSQL: prepared on the server through libpq, then executed by name with the values as
// parameters - one round trip, no parsing). Values never become part of the SQL text, so
// neither a log of a failed statement nor PostgreSQL's own log shows them. A '?' inside a
// quoted literal or identifier is not a placeholder.
Result<Statement> execute(QSqlDatabase &db, const QString &sql,
                          std::initializer_list<QVariant> values = {});
// The same with a value list built at run time and a choice of plan (PostgreSQL, PerCall: the
// statement and its parameters sent together, parsed and planned for its values on each call).
Result<Statement> execute(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                          Plan plan);

// SQLite: sql prepared on SQLite's own API for this connection (once; kept in its statement
// cache), for writes that bind values without QSqlQuery. Reset it after use.
Result<sqlite3_stmt *> sqliteStatement(QSqlDatabase &db, const QString &sql);

// Executes one statement without preparing it (DDL cannot be prepared on PostgreSQL).
Result<void> executeDirect(QSqlDatabase &db, const QString &sql);

// How many statements this thread has run through execute() and executeDirect() (for tests
// that check how many round trips an operation takes).
quint64 statementsExecuted();

// Like execute(), then moves to the first row; `found` tells whether there was one.
Result<Statement> queryRow(QSqlDatabase &db, const QString &sql,
                           std::initializer_list<QVariant> values, bool *found);

} // namespace inkwell::server::store
