#include "server/store/statement.h"

#include <utility>

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

} // namespace

Statement::Statement(QSqlQuery query, std::shared_ptr<StatementCache> cache, QString sql)
    : m_query(std::move(query)), m_cache(std::move(cache)), m_sql(std::move(sql))
{ }

Statement::Statement(Statement &&other) noexcept
    : m_query(std::move(other.m_query)), m_cache(std::exchange(other.m_cache, nullptr)),
      m_sql(std::move(other.m_sql))
{ }

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        release();
        m_query = std::move(other.m_query);
        m_cache = std::exchange(other.m_cache, nullptr);
        m_sql = std::move(other.m_sql);
    }
    return *this;
}

Statement::~Statement()
{
    release();
}

void Statement::release()
{
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
