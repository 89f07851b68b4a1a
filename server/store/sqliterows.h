#pragma once

#include "model/result.h"
#include "server/store/database.h"

#include <QByteArray>
#include <QString>

#include <optional>

#include <sqlite3.h>

// Internal to the server store: rows written and read through statements prepared on SQLite's
// own API.
namespace inkwell::server::store {

// Bytes bound as an SQLite BLOB (not text).
struct Blob
{
    const QByteArray &bytes;
};

// The values of a statement prepared on SQLite's own API (sqliteStatement()), bound in order:
// UTF-8 and integers straight into SQLite, without QSqlQuery's per-value conversions and
// QVariant copies. The first failure is kept (m_rc) and later binds are skipped.
class SqliteBinder
{
public:
    explicit SqliteBinder(sqlite3_stmt *statement) : m_statement(statement) { }
    SqliteBinder(const SqliteBinder &) = delete;
    SqliteBinder &operator=(const SqliteBinder &) = delete;

protected:
    ~SqliteBinder() = default;

    template<typename... Values>
    void bindAll(const Values &...values)
    {
        int index = 0;
        (bind(++index, values), ...);
    }
    // The failure in m_rc (of a bind, or of a step the caller ran) as an Error.
    Error failure(const QString &what) const
    {
        return sqliteError(
                m_rc,
                what + QStringLiteral(": ")
                        + QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement))));
    }

    sqlite3_stmt *m_statement;
    int m_rc = SQLITE_OK; // SQLITE_OK, or the first failure of a bind or of a step

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
};

// One of the connection's statements run once per row written: most of the cost of writing a
// push of many posts through QtSql was its conversions.
class SqliteRows : public SqliteBinder
{
public:
    explicit SqliteRows(sqlite3_stmt *statement) : SqliteBinder(statement) { }
    // Drops the bound copies of the last row; the statement stays prepared in the cache.
    ~SqliteRows() { sqlite3_clear_bindings(m_statement); }

    // Binds the values to the placeholders in order and runs the statement.
    template<typename... Values>
    Result<void> run(const Values &...values)
    {
        bindAll(values...);
        if (m_rc == SQLITE_OK) {
            const int stepped = sqlite3_step(m_statement);
            m_rc = stepped == SQLITE_DONE ? SQLITE_OK : stepped;
        }
        sqlite3_reset(m_statement);
        if (m_rc != SQLITE_OK)
            return failure(QStringLiteral("write a push"));
        return {};
    }
};

// One of the connection's statements read row by row, its text as the UTF-8 SQLite stores.
class SqliteReader : public SqliteBinder
{
public:
    explicit SqliteReader(sqlite3_stmt *statement) : SqliteBinder(statement) { }
    // Ends the read (a statement left stepping would hold its read transaction) and drops the
    // bindings; the statement stays prepared in the connection's cache.
    ~SqliteReader()
    {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }

    // Binds the values to the placeholders in order; call before the first next().
    template<typename... Values>
    void bind(const Values &...values)
    {
        bindAll(values...);
    }
    // Steps to the next row; false at the end or on a failure (see error()).
    bool next()
    {
        if (m_rc != SQLITE_OK && m_rc != SQLITE_ROW)
            return false;
        m_rc = sqlite3_step(m_statement);
        return m_rc == SQLITE_ROW;
    }
    QByteArrayView utf8(int column) const
    {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
        return QByteArrayView(text, text ? sqlite3_column_bytes(m_statement, column) : 0);
    }
    QString text(int column) const { return QString::fromUtf8(utf8(column)); }
    qint64 integer(int column) const { return sqlite3_column_int64(m_statement, column); }
    bool isNull(int column) const
    {
        return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
    }
    // A failed bind or step, described as what the statement was for.
    std::optional<Error> error(const QString &what) const
    {
        if (m_rc == SQLITE_OK || m_rc == SQLITE_ROW || m_rc == SQLITE_DONE)
            return std::nullopt;
        return failure(what);
    }
};

} // namespace inkwell::server::store
