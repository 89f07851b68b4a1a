#include "server/store/serverstore.h"

#include "server/store/database.h"
#include "server/store/migrations.h"
#include "server/store/storelogging.h"

#include <QSqlQuery>

namespace inkwell::server::store {

namespace {

qint64 msecs(const QDateTime &time)
{
    return time.toMSecsSinceEpoch();
}

QString hex(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

ServerStore::ServerStore(std::unique_ptr<Database> database) : m_database(std::move(database)) { }

ServerStore::~ServerStore() = default;

Result<std::shared_ptr<ServerStore>> ServerStore::open(const QString &url, OpenMode mode)
{
    Result<std::unique_ptr<Database>> database = Database::open(url);
    if (!database)
        return database.error();
    std::shared_ptr<ServerStore> store(new ServerStore(std::move(*database)));
    if (mode == OpenMode::Migrate) {
        if (Result<void> migrated = store->migrate(); !migrated)
            return migrated.error();
        return store;
    }
    const Result<int> version = store->schemaVersion();
    if (!version)
        return version.error();
    if (*version > latestSchemaVersion())
        return Error{ErrorCode::DatabaseTooNew,
                     QStringLiteral("database schema version %1 is newer than %2")
                             .arg(*version)
                             .arg(latestSchemaVersion())};
    if (*version < latestSchemaVersion())
        return Error{ErrorCode::DatabaseOpen,
                     QStringLiteral("database schema version %1 needs migrating to %2")
                             .arg(*version)
                             .arg(latestSchemaVersion())};
    return store;
}

int ServerStore::latestSchemaVersion()
{
    return migrations::latestVersion();
}

Result<int> ServerStore::schemaVersion() const
{
    return migrations::currentVersion(*m_database);
}

Result<void> ServerStore::migrate() const
{
    return migrations::migrate(*m_database);
}

QString ServerStore::driverName() const
{
    return m_database->driverName();
}

Result<qint64> ServerStore::createAccount(const QString &name, const QByteArray &passwordHash) const
{
    qint64 id = 0;
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        bool exists = false;
        Result<Statement> existing = queryRow(
                db, QStringLiteral("SELECT id FROM accounts WHERE name = ?"), {name}, &exists);
        if (!existing)
            return existing.error();
        if (exists)
            return Error{ErrorCode::Conflict, QStringLiteral("the account name is taken")};
        bool found = false;
        Result<Statement> inserted = queryRow(
                db,
                QStringLiteral("INSERT INTO accounts (name, password_hash, created_at)"
                               " VALUES (?, ?, ?) RETURNING id"),
                {name, QString::fromLatin1(passwordHash), QDateTime::currentMSecsSinceEpoch()},
                &found);
        if (!inserted)
            return inserted.error();
        id = inserted->value(0).toLongLong();
        return {};
    });
    if (!done)
        return done.error();
    return id;
}

Result<std::optional<Account>> ServerStore::accountByName(const QString &name) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(
            *db, QStringLiteral("SELECT id, name, password_hash FROM accounts WHERE name = ?"),
            {name}, &found);
    if (!query)
        return query.error();
    if (!found)
        return std::optional<Account>();
    return std::optional<Account>(Account{query->value(0).toLongLong(), query->value(1).toString(),
                                          query->value(2).toString().toLatin1()});
}

Result<void> ServerStore::storeToken(const QByteArray &tokenHash, qint64 accountId,
                                     const QDateTime &expiresAt) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> inserted = execute(
                db,
                QStringLiteral("INSERT INTO tokens (token_hash, account_id, created_at, expires_at,"
                               " revoked) VALUES (?, ?, ?, ?, 0)"),
                {hex(tokenHash), accountId, QDateTime::currentMSecsSinceEpoch(), msecs(expiresAt)});
        return inserted ? Result<void>() : Result<void>(inserted.error());
    });
}

Result<std::optional<TokenGrant>> ServerStore::tokenGrant(const QByteArray &tokenHash) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(
            *db,
            QStringLiteral("SELECT t.account_id, a.name, t.expires_at, t.revoked FROM tokens t"
                           " JOIN accounts a ON a.id = t.account_id WHERE t.token_hash = ?"),
            {hex(tokenHash)}, &found);
    if (!query)
        return query.error();
    if (!found)
        return std::optional<TokenGrant>();
    return std::optional<TokenGrant>(
            TokenGrant{query->value(0).toLongLong(), query->value(1).toString(),
                       QDateTime::fromMSecsSinceEpoch(query->value(2).toLongLong(), Qt::UTC),
                       query->value(3).toInt() != 0});
}

Result<void> ServerStore::revokeToken(const QByteArray &tokenHash) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> updated =
                execute(db, QStringLiteral("UPDATE tokens SET revoked = 1 WHERE token_hash = ?"),
                        {hex(tokenHash)});
        return updated ? Result<void>() : Result<void>(updated.error());
    });
}

Result<int> ServerStore::revokeTokensOf(qint64 accountId) const
{
    int count = 0;
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> updated = execute(
                db,
                QStringLiteral(
                        "UPDATE tokens SET revoked = 1 WHERE account_id = ? AND revoked = 0"),
                {accountId});
        if (!updated)
            return updated.error();
        count = updated->numRowsAffected();
        return {};
    });
    if (!done)
        return done.error();
    return count;
}

Result<qint64> ServerStore::createBlog(const QString &name, qint64 ownerAccountId) const
{
    qint64 id = 0;
    Result<void> done = m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        bool found = false;
        Result<Statement> inserted = queryRow(
                db,
                QStringLiteral("INSERT INTO blogs (name, last_rev, created_at) VALUES (?, 0, ?)"
                               " RETURNING id"),
                {name, QDateTime::currentMSecsSinceEpoch()}, &found);
        if (!inserted)
            return inserted.error();
        id = inserted->value(0).toLongLong();
        Result<Statement> member = execute(
                db, QStringLiteral("INSERT INTO members (blog_id, account_id) VALUES (?, ?)"),
                {id, ownerAccountId});
        return member ? Result<void>() : Result<void>(member.error());
    });
    if (!done)
        return done.error();
    return id;
}

Result<void> ServerStore::addMember(qint64 blogId, qint64 accountId) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> added =
                execute(db,
                        QStringLiteral("INSERT INTO members (blog_id, account_id) VALUES (?, ?)"
                                       " ON CONFLICT (blog_id, account_id) DO NOTHING"),
                        {blogId, accountId});
        return added ? Result<void>() : Result<void>(added.error());
    });
}

Result<bool> ServerStore::isMember(qint64 blogId, qint64 accountId) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query = queryRow(
            *db, QStringLiteral("SELECT 1 FROM members WHERE blog_id = ? AND account_id = ?"),
            {blogId, accountId}, &found);
    if (!query)
        return query.error();
    return found;
}

Result<QList<protocol::BlogSummary>> ServerStore::blogsOf(qint64 accountId) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    Result<Statement> query = execute(
            *db,
            QStringLiteral("SELECT b.id, b.name FROM blogs b JOIN members m ON m.blog_id = b.id"
                           " WHERE m.account_id = ? ORDER BY b.id"),
            {accountId});
    if (!query)
        return query.error();
    QList<protocol::BlogSummary> blogs;
    while (query->next())
        blogs.append({query->value(0).toLongLong(), query->value(1).toString()});
    return blogs;
}

Result<LoginFailures> ServerStore::loginFailures(const QString &key) const
{
    Result<QSqlDatabase> db = m_database->connection();
    if (!db)
        return db.error();
    bool found = false;
    Result<Statement> query =
            queryRow(*db,
                     QStringLiteral("SELECT failures, last_failure_at FROM login_failures"
                                    " WHERE throttle_key = ?"),
                     {key}, &found);
    if (!query)
        return query.error();
    if (!found)
        return LoginFailures{};
    return LoginFailures{query->value(0).toInt(),
                         QDateTime::fromMSecsSinceEpoch(query->value(1).toLongLong(), Qt::UTC)};
}

Result<void> ServerStore::recordLoginFailure(const QString &key, const QDateTime &now,
                                             const QDateTime &forgetBefore) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> recorded = execute(
                db,
                QStringLiteral(
                        "INSERT INTO login_failures (throttle_key, failures, last_failure_at)"
                        " VALUES (?, 1, ?) ON CONFLICT (throttle_key) DO UPDATE SET"
                        " failures = CASE WHEN login_failures.last_failure_at <= ? THEN 1"
                        " ELSE login_failures.failures + 1 END,"
                        " last_failure_at = excluded.last_failure_at"),
                {key, msecs(now), msecs(forgetBefore)});
        return recorded ? Result<void>() : Result<void>(recorded.error());
    });
}

Result<void> ServerStore::clearLoginFailures(const QString &key) const
{
    return m_database->transaction([&](QSqlDatabase &db) -> Result<void> {
        Result<Statement> cleared = execute(
                db, QStringLiteral("DELETE FROM login_failures WHERE throttle_key = ?"), {key});
        return cleared ? Result<void>() : Result<void>(cleared.error());
    });
}

} // namespace inkwell::server::store
