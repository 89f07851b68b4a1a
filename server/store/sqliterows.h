#pragma once

#include "model/result.h"
#include "server/store/database.h"

#include <QByteArray>
#include <QString>

#include <sqlite3.h>

// Internal to the server store: rows written through a statement prepared on SQLite's own API.
namespace inkwell::server::store {

// Bytes bound as an SQLite BLOB (not text).
struct Blob
{
    const QByteArray &bytes;
};

// One of the connection's statements prepared on SQLite's own API (sqliteStatement()), run once per
// row: binding UTF-8 and integers straight into SQLite skips QSqlQuery's per-value conversions
// and QVariant copies, most of the cost of writing a push of many posts.
class SqliteRows
{
public:
    explicit SqliteRows(sqlite3_stmt *statement)
        : m_db(sqlite3_db_handle(statement)), m_statement(statement)
    { }
    // Drops the bound copies of the last row; the statement stays prepared in the cache.
    ~SqliteRows() { sqlite3_clear_bindings(m_statement); }
    SqliteRows(const SqliteRows &) = delete;
    SqliteRows &operator=(const SqliteRows &) = delete;

    // Binds the values to the placeholders in order and runs the statement.
    template<typename... Values>
    Result<void> run(const Values &...values)
    {
        int index = 0;
        (bind(++index, values), ...);
        if (m_rc == SQLITE_OK) {
            const int stepped = sqlite3_step(m_statement);
            m_rc = stepped == SQLITE_DONE ? SQLITE_OK : stepped;
        }
        sqlite3_reset(m_statement);
        if (m_rc != SQLITE_OK)
            return sqliteError(m_rc,
                               QStringLiteral("write a push: ")
                                       + QString::fromUtf8(sqlite3_errmsg(m_db)));
        return {};
    }

private:
    void bind(int index, qint64 value)
    {
        if (m_rc == SQLITE_OK)
            m_rc = sqlite3_bind_int64(m_statement, index, value);
    }
    // Text, already UTF-8 (the database's encoding): SQLite stores it as it is.
    void bind(int index, const QByteArray &utf8)
    {
        if (m_rc == SQLITE_OK)
            m_rc = sqlite3_bind_text64(m_statement, index, utf8.isNull() ? "" : utf8.constData(),
                                       sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    void bind(int index, const QString &text) { bind(index, text.toUtf8()); }
    void bind(int index, const Blob &blob)
    {
        if (m_rc == SQLITE_OK)
            m_rc = sqlite3_bind_blob64(m_statement, index,
                                       blob.bytes.isNull() ? "" : blob.bytes.constData(),
                                       sqlite3_uint64(blob.bytes.size()), SQLITE_TRANSIENT);
    }

    sqlite3 *m_db;
    sqlite3_stmt *m_statement;
    int m_rc = SQLITE_OK;
};

} // namespace inkwell::server::store
