#pragma once

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <memory>
#include <mutex>
#include <optional>

struct pg_result;
struct sqlite3_stmt;

// Internal to the server store: executed statements and the per-connection statement cache.
namespace inkwell::server::store {

class StatementCache;

// One executed statement, read like a QSqlQuery: an SQLite statement (a QSqlQuery), or the
// whole result of a PostgreSQL statement run through libpq. A statement that came from an
// SQLite connection's cache goes back there when destroyed (reset first, so it holds no read
// lock), and the next execution of the same SQL skips parsing. Move-only.
class Statement
{
public:
    explicit Statement(QSqlQuery query, std::shared_ptr<StatementCache> cache = {},
                       QString sql = {});
    // Takes ownership of a PostgreSQL result that holds rows or a command's status.
    explicit Statement(pg_result *result);
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    bool next();
    // PostgreSQL: integers as qlonglong, booleans as bool, bytea as QByteArray, floating point
    // as double, anything else as QString; SQL NULL as a null QVariant of that type.
    QVariant value(int index) const;
    // Always valid-less for PostgreSQL: its results arrive whole, so reading cannot fail.
    QSqlError lastError() const;
    int numRowsAffected() const;

private:
    void release();

    QSqlQuery m_query; // a null query for a PostgreSQL result
    std::shared_ptr<StatementCache> m_cache;
    QString m_sql;
    pg_result *m_result = nullptr;
    int m_row = -1;
};

// The prepared statements of one connection, keyed by SQL text: SQLite's as QSqlQuery objects
// (and as sqlite3_stmt for the few bound on SQLite's own API), PostgreSQL's as the names they were
// prepared under on the server. Used by the thread that
// owns the connection; drop() (from any thread, once that thread is done) empties it for good.
class StatementCache
{
public:
    // The cache of the named connection, created on first use.
    static std::shared_ptr<StatementCache> forConnection(const QString &connectionName);
    // Destroys the named connection's cached statements; call before removing the connection.
    static void drop(const QString &connectionName);

    // The prepared statement for sql, taken out of the cache, if there is one.
    std::optional<QSqlQuery> take(const QString &sql);
    // Puts a prepared, reset statement back (unless the cache is full or dropped).
    void give(const QString &sql, QSqlQuery query);

    // PostgreSQL: the name sql is prepared under on this connection; empty if it is not.
    QString preparedName(const QString &sql);
    // A name to prepare sql under, or empty when this connection has enough statements prepared.
    QString nameToPrepare();
    // Records that sql is now prepared under `name`.
    void addPrepared(const QString &sql, const QString &name);

    // SQLite: sql prepared on SQLite's own API (see sqliteStatement()), or null if it is not.
    sqlite3_stmt *sqliteStatement(const QString &sql);
    // Keeps statement for sql until drop(), which finalises it; false when the cache was dropped
    // (the caller finalises it then).
    bool addSqliteStatement(const QString &sql, sqlite3_stmt *statement);

private:
    void clear();

    std::mutex m_mutex;
    QHash<QString, QSqlQuery> m_queries;
    QHash<QString, QString> m_preparedNames;
    QHash<QString, sqlite3_stmt *> m_sqliteStatements;
    int m_namesGiven = 0;
    bool m_dropped = false;
};

} // namespace inkwell::server::store
