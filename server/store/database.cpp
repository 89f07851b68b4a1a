#include "server/store/database.h"

#include "server/store/storelogging.h"
#include "sqlite/connectionhandle.h"
#include "sqlite/walcheckpointer.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <vector>

#include <libpq-fe.h>
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
    if (native.size() == 5)
        return postgresError(native, message);
    bool ok = false;
    const int code = native.toInt(&ok);
    return ok ? sqliteError(code, message) : Error{ErrorCode::DatabaseQuery, message};
}

Error postgresError(const QString &sqlState, const QString &message)
{
    if (sqlState == QLatin1String("40001") || sqlState == QLatin1String("40P01"))
        return Error{ErrorCode::ServerUnavailable, message}; // serialization, deadlock
    if (sqlState == QLatin1String("53100")) // disk_full
        return Error{ErrorCode::DatabaseFull, message};
    return Error{ErrorCode::DatabaseQuery, message};
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

thread_local quint64 executedStatements = 0;

// PostgreSQL type OIDs (catalog/pg_type_d.h) of the parameters whose type is given.
enum : Oid { boolOid = 16, byteaOid = 17, int8Oid = 20, float8Oid = 701 };

// The values of one PostgreSQL statement as libpq parameters: text, except bytea (binary);
// NULL as a null pointer. Integers are bigint, so a value is never narrower than its column;
// a text parameter takes its type from where it stands in the statement, like a quoted literal.
class Parameters
{
public:
    template<typename Values>
    explicit Parameters(const Values &values)
    {
        const auto count = size_t(values.size());
        m_storage.reserve(count);
        m_values.reserve(count);
        m_lengths.reserve(count);
        m_formats.reserve(count);
        m_types.reserve(count);
        for (const QVariant &value : values)
            add(value);
    }

    int count() const { return int(m_values.size()); }
    const Oid *types() const { return m_types.data(); }
    const char *const *values() const { return m_values.data(); }
    const int *lengths() const { return m_lengths.data(); }
    const int *formats() const { return m_formats.data(); }

private:
    void add(const QVariant &value)
    {
        Oid type = 0;
        int format = 0;
        QByteArray text;
        bool null = value.isNull();
        switch (value.metaType().id()) {
        case QMetaType::Bool:
            type = boolOid;
            text = value.toBool() ? "t" : "f";
            break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::Long:
        case QMetaType::LongLong:
        case QMetaType::Short:
        case QMetaType::UShort:
            type = int8Oid;
            text = QByteArray::number(value.toLongLong());
            break;
        case QMetaType::ULong:
        case QMetaType::ULongLong:
            type = int8Oid;
            text = QByteArray::number(value.toULongLong());
            break;
        case QMetaType::Double:
        case QMetaType::Float:
            type = float8Oid;
            text = QByteArray::number(value.toDouble(), 'g', 17);
            break;
        case QMetaType::QByteArray:
            type = byteaOid;
            format = 1; // the bytes as they are: no escaping, no doubling in size
            text = value.toByteArray();
            null = null || text.isNull();
            break;
        case QMetaType::QString:
            null = null || value.toString().isNull(); // as QtSql binds a null QString
            text = value.toString().toUtf8();
            break;
        default:
            text = value.toString().toUtf8();
        }
        m_types.push_back(type);
        m_formats.push_back(format);
        m_lengths.push_back(int(text.size()));
        m_storage.push_back(std::move(text));
        m_values.push_back(null ? nullptr : m_storage.back().constData());
    }

    std::vector<QByteArray> m_storage; // reserved up front: constData() pointers stay valid
    std::vector<const char *> m_values;
    std::vector<int> m_lengths;
    std::vector<int> m_formats;
    std::vector<Oid> m_types;
};

// The statement with PostgreSQL's numbered parameters ($1, $2, ...) for its placeholders: the
// '?' characters outside quoted literals and identifiers.
QByteArray numbered(const QString &sql)
{
    QString text;
    text.reserve(sql.size() + 16);
    int number = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar(); // a doubled quote closes and opens again: still inside
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'?') {
            text += u'$' + QString::number(++number);
            continue;
        }
        text += c;
    }
    return text.toUtf8();
}

// This connection's libpq handle, from the QPSQL driver that opened it.
PGconn *postgresHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    // QPSQL registers the type as PGconn*, which the meta-type system names by its struct.
    if (!handle.isValid()
        || (qstrcmp(handle.typeName(), "pg_conn*") != 0
            && qstrcmp(handle.typeName(), "PGconn*") != 0))
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

// A PostgreSQL result as a Statement, or the statement's error. The log and the error name
// the statement's SQL (placeholders, never values), the SQLSTATE and PostgreSQL's primary
// message; its DETAIL, which may quote a key's value, is left out.
Result<Statement> postgresResult(PGresult *result, PGconn *connection, const QString &sql,
                                 const char *what)
{
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
        return Statement(result);
    const QByteArray sqlState =
            result ? QByteArray(PQresultErrorField(result, PG_DIAG_SQLSTATE)) : QByteArray();
    QString message = result
            ? QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY))
            : QString::fromUtf8(PQerrorMessage(connection)).trimmed();
    // Data exceptions (class 22) quote the value they could not take.
    if (sqlState.startsWith("22"))
        message = QStringLiteral("a value was refused");
    PQclear(result);
    const QString state = QString::fromLatin1(sqlState);
    qCWarning(lcServerStore).noquote() << what << "failed:" << state << message << "in:" << sql;
    return postgresError(state,
                         QString::fromLatin1(what) + QStringLiteral(": ") + message
                                 + QStringLiteral(" (SQLSTATE ") + state + u')');
}

// PostgreSQL: the statement with its values as parameters of the extended protocol, one round
// trip. Cached: prepared under a name on this connection the first time (one more round trip),
// then executed by name: neither parsed nor, after the first few runs, planned again. PerCall,
// or once the connection has enough statements prepared: the unnamed statement, parsed and
// planned for its values on each call.
template<typename Values>
Result<Statement> executePostgres(QSqlDatabase &db, const QString &sql, const Values &values,
                                  Plan plan)
{
    PGconn *connection = postgresHandle(db);
    if (!connection)
        return Error{ErrorCode::DatabaseQuery,
                     QStringLiteral("execute: the QPSQL driver gives no libpq handle")};
    const Parameters parameters(values);
    QByteArray name;
    if (plan == Plan::Cached) {
        const std::shared_ptr<StatementCache> cache =
                StatementCache::forConnection(db.connectionName());
        name = cache->preparedName(sql).toLatin1();
        if (name.isEmpty()) {
            const QString fresh = cache->nameToPrepare();
            if (!fresh.isEmpty()) {
                PGresult *prepared = PQprepare(connection, fresh.toLatin1().constData(),
                                               numbered(sql).constData(), parameters.count(),
                                               parameters.types());
                if (Result<Statement> done = postgresResult(prepared, connection, sql, "prepare");
                    !done)
                    return done.error();
                cache->addPrepared(sql, fresh);
                name = fresh.toLatin1();
            }
        }
    }
    PGresult *result = name.isEmpty()
            ? PQexecParams(connection, numbered(sql).constData(), parameters.count(),
                           parameters.types(), parameters.values(), parameters.lengths(),
                           parameters.formats(), 0)
            : PQexecPrepared(connection, name.constData(), parameters.count(), parameters.values(),
                             parameters.lengths(), parameters.formats(), 0);
    return postgresResult(result, connection, sql, "execute");
}

template<typename Values>
Result<Statement> executeWith(QSqlDatabase &db, const QString &sql, const Values &values, Plan plan)
{
    ++executedStatements;
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
    ++executedStatements;
    QSqlQuery query(db);
    if (!query.exec(sql))
        return sqlError(query.lastError(), QStringLiteral("execute"));
    return {};
}

quint64 statementsExecuted()
{
    return executedStatements;
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
    // page_size only takes effect on a new file (before journal_mode = WAL writes its header); a
    // database created with other pages keeps them.
    const QStringList pragmas = m_driver == Driver::Sqlite
            ? QStringList{QStringLiteral("PRAGMA page_size = %1").arg(SqlitePageSize),
                          QStringLiteral("PRAGMA foreign_keys = ON"),
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
