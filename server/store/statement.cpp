#include "server/store/statement.h"

#include <utility>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace inkwell::server::store {

namespace {

// Every statement the store runs is one of its own fixed SQL texts; this bound only guards
// against a future caller that builds SQL dynamically.
constexpr qsizetype maxCachedStatements = 64;

std::mutex registryMutex;

QHash<QString, std::shared_ptr<StatementCache>> &registry()
{
    static QHash<QString, std::shared_ptr<StatementCache>> caches;
    return caches;
}

// PostgreSQL type OIDs (catalog/pg_type_d.h, stable across versions) of the columns read.
enum : Oid {
    boolOid = 16,
    byteaOid = 17,
    int8Oid = 20,
    int2Oid = 21,
    int4Oid = 23,
    oidOid = 26,
    float4Oid = 700,
    float8Oid = 701,
};

// A bytea column in text format: hex ("\x0a1b...", PostgreSQL's default output) or, with
// bytea_output = escape, libpq's unescaping.
QByteArray byteaValue(const char *text, int length)
{
    if (length >= 2 && text[0] == '\\' && text[1] == 'x')
        return QByteArray::fromHex(QByteArray::fromRawData(text + 2, length - 2));
    size_t size = 0;
    unsigned char *raw = PQunescapeBytea(reinterpret_cast<const unsigned char *>(text), &size);
    if (!raw)
        return {};
    QByteArray bytes(reinterpret_cast<const char *>(raw), qsizetype(size));
    PQfreemem(raw);
    return bytes;
}

} // namespace

Statement::Statement(QSqlQuery query, std::shared_ptr<StatementCache> cache, QString sql)
    : m_query(std::move(query)), m_cache(std::move(cache)), m_sql(std::move(sql))
{ }

Statement::Statement(pg_result *result)
    : m_query(static_cast<QSqlResult *>(nullptr)), m_result(result)
{ }

Statement::Statement(Statement &&other) noexcept
    : m_query(std::move(other.m_query)), m_cache(std::exchange(other.m_cache, nullptr)),
      m_sql(std::move(other.m_sql)), m_result(std::exchange(other.m_result, nullptr)),
      m_row(other.m_row)
{ }

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        release();
        m_query = std::move(other.m_query);
        m_cache = std::exchange(other.m_cache, nullptr);
        m_sql = std::move(other.m_sql);
        m_result = std::exchange(other.m_result, nullptr);
        m_row = other.m_row;
    }
    return *this;
}

Statement::~Statement()
{
    release();
}

bool Statement::next()
{
    if (!m_result)
        return m_query.next();
    if (m_row < PQntuples(m_result))
        ++m_row;
    return m_row < PQntuples(m_result);
}

QVariant Statement::value(int index) const
{
    if (!m_result)
        return m_query.value(index);
    if (m_row < 0 || m_row >= PQntuples(m_result) || index < 0 || index >= PQnfields(m_result))
        return {};
    const Oid type = PQftype(m_result, index);
    QMetaType metaType;
    switch (type) {
    case boolOid:
        metaType = QMetaType::fromType<bool>();
        break;
    case byteaOid:
        metaType = QMetaType::fromType<QByteArray>();
        break;
    case int8Oid:
    case int2Oid:
    case int4Oid:
    case oidOid:
        metaType = QMetaType::fromType<qlonglong>();
        break;
    case float4Oid:
    case float8Oid:
        metaType = QMetaType::fromType<double>();
        break;
    default:
        metaType = QMetaType::fromType<QString>();
    }
    if (PQgetisnull(m_result, m_row, index))
        return QVariant(metaType);
    const char *text = PQgetvalue(m_result, m_row, index);
    const int length = PQgetlength(m_result, m_row, index);
    switch (metaType.id()) {
    case QMetaType::Bool:
        return text[0] == 't';
    case QMetaType::QByteArray:
        return byteaValue(text, length);
    case QMetaType::LongLong:
        return QByteArray::fromRawData(text, length).toLongLong();
    case QMetaType::Double:
        return QByteArray::fromRawData(text, length).toDouble();
    default:
        return QString::fromUtf8(text, length);
    }
}

QSqlError Statement::lastError() const
{
    return m_result ? QSqlError() : m_query.lastError();
}

int Statement::numRowsAffected() const
{
    if (!m_result)
        return m_query.numRowsAffected();
    const char *count = PQcmdTuples(m_result);
    return count[0] ? QByteArray(count).toInt() : -1;
}

void Statement::release()
{
    if (m_result) {
        PQclear(m_result);
        m_result = nullptr;
    }
    if (!m_cache)
        return;
    m_query.finish(); // resets the statement: no open read, bindings kept until the next exec
    m_cache->give(m_sql, std::move(m_query));
    m_cache.reset();
}

std::shared_ptr<StatementCache> StatementCache::forConnection(const QString &connectionName)
{
    std::lock_guard lock(registryMutex);
    std::shared_ptr<StatementCache> &cache = registry()[connectionName];
    if (!cache)
        cache = std::make_shared<StatementCache>();
    return cache;
}

void StatementCache::drop(const QString &connectionName)
{
    std::shared_ptr<StatementCache> cache;
    {
        std::lock_guard lock(registryMutex);
        cache = registry().take(connectionName);
    }
    if (cache)
        cache->clear();
}

std::optional<QSqlQuery> StatementCache::take(const QString &sql)
{
    std::lock_guard lock(m_mutex);
    const auto found = m_queries.find(sql);
    if (found == m_queries.end())
        return std::nullopt;
    std::optional<QSqlQuery> query(std::move(found.value()));
    m_queries.erase(found);
    return query;
}

void StatementCache::give(const QString &sql, QSqlQuery query)
{
    std::lock_guard lock(m_mutex);
    if (m_dropped || m_queries.size() >= maxCachedStatements || m_queries.contains(sql))
        return;
    m_queries.insert(sql, std::move(query));
}

QString StatementCache::preparedName(const QString &sql)
{
    std::lock_guard lock(m_mutex);
    return m_preparedNames.value(sql);
}

QString StatementCache::nameToPrepare()
{
    std::lock_guard lock(m_mutex);
    if (m_dropped || m_namesGiven >= maxCachedStatements)
        return {};
    return QStringLiteral("inkwell_%1").arg(++m_namesGiven);
}

void StatementCache::addPrepared(const QString &sql, const QString &name)
{
    std::lock_guard lock(m_mutex);
    if (!m_dropped)
        m_preparedNames.insert(sql, name);
}

sqlite3_stmt *StatementCache::sqliteStatement(const QString &sql)
{
    std::lock_guard lock(m_mutex);
    return m_sqliteStatements.value(sql);
}

bool StatementCache::addSqliteStatement(const QString &sql, sqlite3_stmt *statement)
{
    std::lock_guard lock(m_mutex);
    if (m_dropped || m_sqliteStatements.contains(sql))
        return false;
    m_sqliteStatements.insert(sql, statement);
    return true;
}

void StatementCache::clear()
{
    QHash<QString, QSqlQuery> queries;
    QHash<QString, sqlite3_stmt *> sqliteStatements;
    {
        std::lock_guard lock(m_mutex);
        m_dropped = true;
        queries.swap(m_queries);
        sqliteStatements.swap(m_sqliteStatements);
        m_preparedNames.clear();
    }
    // The statements are finalised here, before the caller removes their connection.
    for (sqlite3_stmt *statement : std::as_const(sqliteStatements))
        sqlite3_finalize(statement);
}

} // namespace inkwell::server::store
