#include "store/threadconnection.h"

#include "store/sqlerror.h"
#include "store/storelogging.h"

#include <sqlite3.h>

#include <atomic>

namespace inkwell::store {

namespace {

QString lastMessage(sqlite3 *db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

} // namespace

Statement::Statement(Statement &&other) noexcept
    : m_statement(std::exchange(other.m_statement, nullptr)), m_db(other.m_db),
      m_rowPending(other.m_rowPending), m_error(other.m_error),
      m_errorText(std::move(other.m_errorText))
{ }

Statement::~Statement()
{
    if (!m_statement)
        return;
    // Ends the read (releasing its snapshot) and drops the bound copies of large values.
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

Result<void> Statement::bind(int index, const QVariant &value)
{
    int rc = SQLITE_OK;
    switch (value.typeId()) {
    case QMetaType::UnknownType:
        rc = sqlite3_bind_null(m_statement, index);
        break;
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::Char:
        rc = sqlite3_bind_int64(m_statement, index, value.toLongLong());
        break;
    case QMetaType::Double:
    case QMetaType::Float:
        rc = sqlite3_bind_double(m_statement, index, value.toDouble());
        break;
    case QMetaType::QByteArray: {
        const QByteArray bytes = value.toByteArray();
        // A null QByteArray has no data pointer; SQLite would store NULL for it.
        rc = sqlite3_bind_blob64(m_statement, index, bytes.isNull() ? "" : bytes.constData(),
                                 sqlite3_uint64(bytes.size()), SQLITE_TRANSIENT);
        break;
    }
    default: {
        // Text as UTF-8, the database's encoding: SQLite stores it without converting. A null
        // QString binds as "" (text columns never hold NULL for "no text").
        const QByteArray utf8 = value.toString().toUtf8();
        rc = sqlite3_bind_text64(m_statement, index, utf8.isNull() ? "" : utf8.constData(),
                                 sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
        break;
    }
    }
    if (rc != SQLITE_OK)
        return errorFromSqlite(rc, lastMessage(m_db), QStringLiteral("binding a value"));
    return {};
}

Result<void> Statement::exec(const QVariantList &values, const QString &context)
{
    sqlite3_reset(m_statement);
    m_rowPending = false;
    m_error = 0;
    m_errorText.clear();
    if (values.size() != sqlite3_bind_parameter_count(m_statement)) {
        return Error{ErrorCode::DatabaseQuery,
                     context
                             % QStringLiteral(": %1 values for %2 placeholders")
                                       .arg(values.size())
                                       .arg(sqlite3_bind_parameter_count(m_statement))};
    }
    int index = 1;
    for (const QVariant &value : values) {
        if (auto bound = bind(index++, value); !bound)
            return Error{bound.error().code,
                         context % QStringLiteral(": ") % bound.error().message};
    }
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        m_rowPending = true;
        return {};
    }
    if (rc == SQLITE_DONE)
        return {};
    const QString message = lastMessage(m_db);
    sqlite3_reset(m_statement);
    return errorFromSqlite(rc, message, context);
}

bool Statement::next()
{
    if (m_rowPending) {
        m_rowPending = false;
        return true;
    }
    if (m_error != 0 || !sqlite3_stmt_busy(m_statement))
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        m_error = rc;
        m_errorText = lastMessage(m_db);
        sqlite3_reset(m_statement);
    }
    return false;
}

Result<void> Statement::status(const QString &context) const
{
    if (m_error != 0)
        return errorFromSqlite(m_error, m_errorText, context);
    return {};
}

QVariant Statement::value(int column) const
{
    switch (sqlite3_column_type(m_statement, column)) {
    case SQLITE_INTEGER:
        return QVariant(qint64(sqlite3_column_int64(m_statement, column)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(m_statement, column));
    case SQLITE_BLOB:
        return QVariant(blob(column));
    case SQLITE_NULL:
        return QVariant();
    default:
        return QVariant(text(column));
    }
}

QString Statement::text(int column) const
{
    const auto *utf8 = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    if (!utf8)
        return QStringLiteral("");
    return QString::fromUtf8(utf8, sqlite3_column_bytes(m_statement, column));
}

qint64 Statement::integer(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QByteArray Statement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_statement, column);
    const int size = sqlite3_column_bytes(m_statement, column);
    if (!data)
        return QByteArray("");
    return QByteArray(static_cast<const char *>(data), size);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

int Statement::changes() const
{
    return sqlite3_changes(m_db);
}

namespace {
std::atomic<int> openConnections{0};
} // namespace

ThreadConnection::ThreadConnection(const QString &path) : m_path(path) { }

ThreadConnection::~ThreadConnection()
{
    if (!m_db)
        return;
    finalizeStatements(); // SQLite closes no connection that still has statements
    sqlite3_close(m_db);
    --openConnections;
}

int ThreadConnection::openCount()
{
    return openConnections.load();
}

void ThreadConnection::finalizeStatements()
{
    for (sqlite3_stmt *statement : std::as_const(m_statements))
        sqlite3_finalize(statement);
    m_statements.clear();
}

// SQLite's own API, not the QSQLITE driver: the store runs every statement on the handle, and
// loading the driver plugin (a scan of Qt's sqldrivers folder) cost each process ~1 ms.
Result<void> ThreadConnection::open()
{
    if (m_db)
        return {};
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(m_path.toUtf8().constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
                                           | SQLITE_OPEN_PRIVATECACHE,
                                   nullptr);
    if (rc != SQLITE_OK) {
        const QString message = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return errorFromSqlite(rc, message, QStringLiteral("opening the database"));
    }
    // Waits up to this long for another connection's write lock.
    sqlite3_busy_timeout(db, 10000);
    // Errors name their cause (SQLITE_CONSTRAINT_NOTNULL, not SQLITE_CONSTRAINT); errorFromSqlite
    // maps them by their primary code.
    sqlite3_extended_result_codes(db, 1);
    m_db = db;
    ++openConnections;
    return {};
}

void ThreadConnection::notePostChanged(const QString &guid)
{
    if (!changedPostSet.contains(guid)) {
        changedPostSet.insert(guid);
        changedPosts.append(guid);
    }
}

void ThreadConnection::noteAttachmentAdded(const QString &sha256)
{
    if (!addedAttachments.contains(sha256))
        addedAttachments.append(sha256);
}

void ThreadConnection::truncateChanges(qsizetype postsMark, qsizetype attachmentsMark)
{
    while (changedPosts.size() > postsMark)
        changedPostSet.remove(changedPosts.takeLast());
    while (addedAttachments.size() > attachmentsMark)
        addedAttachments.removeLast();
}

Result<sqlite3_stmt *> ThreadConnection::prepare(const QString &sql)
{
    if (!m_db)
        return Error{ErrorCode::DatabaseOpen, QStringLiteral("the local database is not open")};
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        return errorFromSqlite(rc, lastMessage(m_db), QStringLiteral("preparing ") % sql.left(60));
    }
    return statement;
}

Result<Statement> ThreadConnection::statement(const QString &sql)
{
    auto it = m_statements.constFind(sql);
    if (it != m_statements.constEnd())
        return Statement(*it, m_db);
    auto prepared = prepare(sql);
    if (!prepared)
        return prepared.error();
    m_statements.insert(sql, *prepared);
    return Statement(*prepared, m_db);
}

Result<void> ThreadConnection::exec(const QString &sql)
{
    auto value = scalar(sql);
    if (!value)
        return value.error();
    return {};
}

Result<QVariant> ThreadConnection::scalar(const QString &sql)
{
    auto prepared = prepare(sql);
    if (!prepared)
        return prepared.error();
    Result<QVariant> first = QVariant();
    {
        Statement statement(*prepared, m_db);
        if (auto done = statement.exec({}, sql.left(60)); !done)
            first = done.error();
        else if (statement.next())
            first = statement.value(0);
        else if (auto status = statement.status(sql.left(60)); !status)
            first = status.error();
    } // resets the statement before it is finalized
    sqlite3_finalize(*prepared);
    return first;
}

} // namespace inkwell::store
