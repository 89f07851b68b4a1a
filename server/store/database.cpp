#include "server/store/database.h"

#include "server/store/storelogging.h"
#include "sqlite/connectionhandle.h"
#include "sqlite/walcheckpointer.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QThread>
#include <QUrl>

#include <atomic>

#include <sqlite3.h>

namespace inkwell::server::store {

namespace {

constexpr int maxAttempts = 8;
std::atomic<quint64> nextDatabaseId{0};
std::atomic<quint64> nextThreadKey{0};

quint64 threadKey()
{
    thread_local const quint64 key = ++nextThreadKey;
    return key;
}

} // namespace

Error sqlError(const QSqlError &error, const QString &what)
{
    const QString message = what + QStringLiteral(": ") + error.text();
    const QString native = error.nativeErrorCode();
    // PostgreSQL reports a five-character SQLSTATE, SQLite a result code of at most four digits.
    if (native.size() == 5) {
        if (native == QLatin1String("40001") || native == QLatin1String("40P01"))
            return Error{ErrorCode::ServerUnavailable, message}; // serialization, deadlock
        if (native == QLatin1String("53100")) // disk_full
            return Error{ErrorCode::DatabaseFull, message};
        return Error{ErrorCode::DatabaseQuery, message};
    }
    bool ok = false;
    const int code = native.toInt(&ok);
    return ok ? sqliteError(code, message) : Error{ErrorCode::DatabaseQuery, message};
}

Error sqliteError(int resultCode, const QString &message)
{
    switch (resultCode & 0xff) { // extended codes keep the primary code in the low byte
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Error{ErrorCode::ServerUnavailable, message};
    case SQLITE_FULL:
        return Error{ErrorCode::DatabaseFull, message};
    case SQLITE_READONLY:
        return Error{ErrorCode::DatabaseReadOnly, message};
    default:
        return Error{ErrorCode::DatabaseQuery, message};
    }
}

namespace {

// One value as an SQL literal, escaped by the driver (PQescapeStringConn, PQescapeByteaConn).
QString literal(const QSqlDatabase &db, const QVariant &value)
{
    QSqlField field(QString(), value.metaType());
    field.setValue(value);
    return db.driver()->formatValue(field);
}

// The statement with its values inlined. Placeholders are the '?' characters of our own SQL,
// which never contains a literal '?'.
template<typename Values>
QString inlined(const QSqlDatabase &db, const QString &sql, const Values &values)
{
    QString text;
    text.reserve(sql.size() + 32 * qsizetype(values.size()));
    auto value = values.begin();
    for (const QChar c : sql) {
        if (c == u'?' && value != values.end())
            text += literal(db, *value++);
        else
            text += c;
    }
    return text;
}

// The statement with PostgreSQL's numbered parameters ($1, $2, ...) for its placeholders.
QString numbered(const QString &sql)
{
    QString text;
    text.reserve(sql.size() + 16);
    int number = 0;
    for (const QChar c : sql) {
        if (c == u'?')
            text += u'$' + QString::number(++number);
        else
            text += c;
    }
    return text;
}

// PostgreSQL: EXECUTE of the statement prepared for sql on this connection (preparing it
// first, one round trip, the first time), or an empty string when the connection has enough
// statements prepared. EXECUTE is one round trip that neither parses nor (after the first few
// runs) plans the statement again. QSqlQuery::prepare is not used: QPSQL's prepared
// statements cost three round trips each (PREPARE, EXECUTE, DEALLOCATE).
template<typename Values>
Result<QString> preparedExecute(QSqlDatabase &db, const QString &sql, const Values &values)
{
    const std::shared_ptr<StatementCache> cache =
            StatementCache::forConnection(db.connectionName());
    QString name = cache->preparedName(sql);
    if (name.isEmpty()) {
        name = cache->nameToPrepare();
        if (name.isEmpty())
            return QString();
        QSqlQuery prepare(db);
        if (!prepare.exec(QStringLiteral("PREPARE ") + name + QStringLiteral(" AS ")
                          + numbered(sql)))
            return sqlError(prepare.lastError(), QStringLiteral("prepare"));
        cache->addPrepared(sql, name);
    }
    QString text = QStringLiteral("EXECUTE ") + name;
    if (values.size() == 0)
        return text;
    text.reserve(text.size() + 32 * qsizetype(values.size()));
    QChar separator = u'(';
    for (const QVariant &value : values) {
        text += separator + literal(db, value);
        separator = u',';
    }
    return QString(text + u')');
}

template<typename Values>
Result<Statement> executePostgres(QSqlDatabase &db, const QString &sql, const Values &values,
                                  Plan plan)
{
    QString text;
    if (plan == Plan::Cached) {
        Result<QString> prepared = preparedExecute(db, sql, values);
        if (!prepared)
            return prepared.error();
        text = std::move(*prepared);
    }
    if (text.isEmpty())
        text = inlined(db, sql, values);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(text))
        return sqlError(query.lastError(), QStringLiteral("execute"));
    return Statement(std::move(query));
}

template<typename Values>
Result<Statement> executeWith(QSqlDatabase &db, const QString &sql, const Values &values, Plan plan)
{
    if (db.driver()->dbmsType() == QSqlDriver::PostgreSQL)
        return executePostgres(db, sql, values, plan);
    // Parsing costs more than running most of our statements: reuse this connection's.
    std::shared_ptr<StatementCache> cache = StatementCache::forConnection(db.connectionName());
    std::optional<QSqlQuery> query = cache->take(sql);
    if (!query) {
        query.emplace(db);
        query->setForwardOnly(true);
        if (!query->prepare(sql))
            return sqlError(query->lastError(), QStringLiteral("prepare"));
    }
    int position = 0;
    for (const QVariant &value : values)
        query->bindValue(position++, value);
    if (!query->exec()) // a failed statement is not cached again
        return sqlError(query->lastError(), QStringLiteral("execute"));
    return Statement(std::move(*query), std::move(cache), sql);
}

} // namespace

Result<Statement> execute(QSqlDatabase &db, const QString &sql,
                          std::initializer_list<QVariant> values)
{
    return executeWith(db, sql, values, Plan::Cached);
}

Result<Statement> execute(QSqlDatabase &db, const QString &sql, const QVariantList &values,
                          Plan plan)
{
    return executeWith(db, sql, values, plan);
}

Result<sqlite3_stmt *> sqliteStatement(QSqlDatabase &db, const QString &sql)
{
    sqlite3 *handle = sqlite::connectionHandle(db);
    if (!handle)
        return Error{ErrorCode::DatabaseQuery,
                     QStringLiteral("prepare: the QSQLITE driver gives no SQLite handle")};
    const std::shared_ptr<StatementCache> cache =
            StatementCache::forConnection(db.connectionName());
    if (sqlite3_stmt *cached = cache->sqliteStatement(sql))
        return cached;
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    const int rc = sqlite3_prepare_v3(handle, utf8.constData(), int(utf8.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        return sqliteError(rc,
                           QStringLiteral("prepare: ") + QString::fromUtf8(sqlite3_errmsg(handle)));
    }
    if (!cache->addSqliteStatement(sql, statement)) {
        sqlite3_finalize(statement);
        return Error{ErrorCode::DatabaseQuery, QStringLiteral("prepare: the connection is closed")};
    }
    return statement;
}

Result<void> executeDirect(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql))
        return sqlError(query.lastError(), QStringLiteral("execute"));
    return {};
}

Result<Statement> queryRow(QSqlDatabase &db, const QString &sql,
                           std::initializer_list<QVariant> values, bool *found)
{
    Result<Statement> query = execute(db, sql, values);
    if (!query)
        return query;
    *found = query->next();
    if (!*found && query->lastError().isValid())
        return sqlError(query->lastError(), QStringLiteral("fetch"));
    return query;
}

Database::Database(Driver driver, QString name) : m_driver(driver), m_baseName(std::move(name)) { }

Database::~Database()
{
    std::lock_guard lock(m_mutex);
    for (const QString &name : std::as_const(m_connectionNames)) {
        StatementCache::drop(name);
        QSqlDatabase::removeDatabase(name);
    }
}

QString Database::driverName() const
{
    return m_driver == Driver::Postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
}

Result<std::unique_ptr<Database>> Database::open(const QString &url)
{
    const QString base = QStringLiteral("inkwell-server-%1").arg(++nextDatabaseId);
    std::unique_ptr<Database> db;
    if (url.startsWith(QLatin1String("postgresql://"))
        || url.startsWith(QLatin1String("postgres://"))) {
        const QUrl parsed(url, QUrl::StrictMode);
        const QString dbName = parsed.path().mid(1);
        if (!parsed.isValid() || parsed.host().isEmpty() || dbName.isEmpty())
            return Error{ErrorCode::InvalidArgument,
                         QStringLiteral("not a postgresql://USER@HOST:PORT/DB URL")};
        db.reset(new Database(Driver::Postgres, base));
        db->m_host = parsed.host();
        db->m_port = parsed.port(5432);
        db->m_user = parsed.userName();
        db->m_password = parsed.password();
        db->m_databaseName = dbName;
        db->m_connectOptions = QStringLiteral("connect_timeout=10");
    } else {
        QString path = url;
        if (path.startsWith(QLatin1String("sqlite:")))
            path = path.mid(7);
        if (path.isEmpty())
            return Error{ErrorCode::InvalidArgument, QStringLiteral("empty database path")};
        db.reset(new Database(Driver::Sqlite, base));
        if (path == QLatin1String(":memory:")) {
            // A shared in-memory database that lives as long as this Database's first connection.
            db->m_databaseName = QStringLiteral("file:%1?mode=memory&cache=shared").arg(base);
            db->m_connectOptions = QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=5000");
        } else {
            db->m_databaseName = path;
            db->m_connectOptions = QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000");
            db->m_checkpointer = std::make_shared<sqlite::WalCheckpointer>(path);
        }
    }
    // Open the first connection now so that a bad URL or an unreachable server fails early.
    const Result<QSqlDatabase> first = db->connection();
    if (!first)
        return first.error();
    return db;
}

Result<QSqlDatabase> Database::connection() const
{
    const QString name = m_baseName + u'-' + QString::number(threadKey());
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase existing = QSqlDatabase::database(name, false);
        if (existing.isOpen())
            return existing;
        StatementCache::drop(name);
        QSqlDatabase::removeDatabase(name); // a failed earlier attempt; start afresh
    } else {
        std::lock_guard lock(m_mutex);
        m_connectionNames.append(name);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(driverName(), name);
    db.setDatabaseName(m_databaseName);
    db.setConnectOptions(m_connectOptions);
    if (m_driver == Driver::Postgres) {
        db.setHostName(m_host);
        db.setPort(m_port);
        db.setUserName(m_user);
        db.setPassword(m_password);
    }
    if (!db.open()) {
        const QSqlError error = db.lastError();
        qCWarning(lcServerStore) << "cannot open database:" << error.text();
        return Error{ErrorCode::DatabaseOpen, error.text()};
    }
    if (Result<void> configured = configure(db); !configured)
        return configured.error();
    return db;
}

Result<void> Database::configure(QSqlDatabase &db) const
{
    const QStringList pragmas = m_driver == Driver::Sqlite
            ? QStringList{QStringLiteral("PRAGMA foreign_keys = ON"),
                          QStringLiteral("PRAGMA journal_mode = WAL"),
                          QStringLiteral("PRAGMA synchronous = NORMAL")}
            : QStringList{QStringLiteral("SET client_min_messages = WARNING")};
    for (const QString &statement : pragmas) {
        QSqlQuery query(db);
        if (!query.exec(statement))
            return sqlError(query.lastError(), QStringLiteral("configure connection"));
    }
    if (m_checkpointer) {
        sqlite3 *handle = sqlite::connectionHandle(db);
        if (!handle)
            return Error{ErrorCode::DatabaseOpen,
                         QStringLiteral("the QSQLITE driver gives no SQLite connection handle")};
        m_checkpointer->install(handle);
    }
    return {};
}

Result<void> Database::transaction(const std::function<Result<void>(QSqlDatabase &)> &work) const
{
    Result<void> result;
    for (int attempt = 1; attempt <= maxAttempts; ++attempt) {
        result = transactionOnce(work);
        if (result || result.error().code != ErrorCode::ServerUnavailable)
            return result;
        qCDebug(lcServerStore) << "transient database error, retrying; attempt" << attempt;
        // Back off a little, growing, so competing writers spread out.
        QThread::usleep(static_cast<unsigned long>(1000 * attempt * attempt));
    }
    return result;
}

Result<void> Database::transactionOnce(
        const std::function<Result<void>(QSqlDatabase &)> &work) const
{
    Result<QSqlDatabase> db = connection();
    if (!db)
        return db.error();
    // Other processes on the same SQLite file still meet the busy timeout; this process's own
    // writers wait here, in order, without sleeping.
    std::unique_lock<std::mutex> writer;
    if (m_driver == Driver::Sqlite)
        writer = std::unique_lock(m_writeMutex);
    QSqlQuery control(*db);
    const QString begin = m_driver == Driver::Sqlite ? QStringLiteral("BEGIN IMMEDIATE")
                                                     : QStringLiteral("BEGIN");
    if (!control.exec(begin))
        return sqlError(control.lastError(), QStringLiteral("begin transaction"));
    Result<void> result = work(*db);
    if (result) {
        if (control.exec(QStringLiteral("COMMIT")))
            return {};
        result = sqlError(control.lastError(), QStringLiteral("commit"));
    }
    // After SQLITE_FULL, an I/O error or running out of memory SQLite may have rolled the
    // transaction back itself; the connection is then in autocommit mode again.
    sqlite3 *handle = m_driver == Driver::Sqlite ? sqlite::connectionHandle(*db) : nullptr;
    const bool rolledBack = handle && sqlite3_get_autocommit(handle) != 0;
    if (!rolledBack && !control.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcServerStore) << "rollback failed:" << control.lastError().text();
    return result;
}

} // namespace inkwell::server::store
